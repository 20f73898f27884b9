"""Where a card says it stands and which sources its back carries, for patterns the card fixtures (front
and back only) cannot show."""

from __future__ import annotations

from studydeck.build.pipeline import load
from studydeck.cards import make_cards
from studydeck.report import Report

GROUPS = """# Algorithms

## Built-in

* Text or speech data

  * WordPiece Tokenizer<BR>
    Splits rare words into frequent subword units.

* Images or videos

  * Mask Painter<BR>
    Labels every pixel of a picture with the class of the object it shows.
""".replace("<BR>", "  ")  # (a term line ends in a hard line break)

ORPHANS = """# Cloud

## Networking

Learn more about [NAT gateways](https://example.org/nat).
Learn more about [route tables](https://example.org/routes).

---

Set up a NAT gateway in the public subnet. The private instances need a NAT gateway to reach the internet.
You can use security groups to restrict inbound traffic to the web servers.
"""


def _cards(tmp_path, text):
    (tmp_path / "notes.md").write_text(text, encoding="utf-8")
    return [c for nf in load(tmp_path / "notes.md", Report(quiet=True)) for c in make_cards(nf)]


def test_a_group_label_is_the_place_of_its_terms(tmp_path):
    (card,) = [c for c in _cards(tmp_path, GROUPS) if "WordPiece" in c.front]
    assert card.context.endswith("Built-in › Text or speech data")


def test_a_links_only_group_lends_its_links_to_the_group_that_names_them(tmp_path):
    cards = _cards(tmp_path, ORPHANS)
    assert cards
    urls = {s.url for c in cards for s in c.sources}
    assert "https://example.org/nat" in urls  # ('NAT gateway' in a row in the other group)
    assert "https://example.org/routes" not in urls  # (no group speaks of route tables)
