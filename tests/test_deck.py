"""The deck imports into a real Anki collection and every card renders."""

from __future__ import annotations

import re

from anki_check import load_deck
from conftest import FIXTURES


def _apkg(out):
    decks = list(out.glob("*.apkg"))
    assert len(decks) == 1, decks
    return decks[0]


def test_sample_deck_imports_and_renders(sample_build, tmp_path):
    cards = load_deck(_apkg(sample_build), tmp_path)
    assert len(cards) >= 20
    kinds = {c.note_type for c in cards}
    assert kinds == {"studydeck Q/A", "studydeck Cloze"}
    for c in cards:
        assert c.question.strip() and c.answer.strip()
        # a cloze deletion Anki could not find renders as an empty card
        assert "{{c" not in c.question and "{{c" not in c.answer


def test_one_subdeck_per_domain(sample_build, tmp_path):
    cards = load_deck(_apkg(sample_build), tmp_path)
    decks = {c.deck for c in cards}
    assert decks == {
        "ML Study Notes::Data Preparation",
        "ML Study Notes::Model Training",
        "ML Study Notes::Evaluation",
        "ML Study Notes::Deployment",
    }


def test_code_is_never_markup(sample_build, tmp_path):
    cards = load_deck(_apkg(sample_build), tmp_path)
    assert not any("not a cloze" in c.question for c in cards)


def test_tags_follow_heading_path(sample_build, tmp_path):
    cards = load_deck(_apkg(sample_build), tmp_path)
    split = [c for c in cards if "Stratified split" in c.question or "Stratified split" in c.answer]
    assert split
    assert all("ML_Study_Notes::Data_Preparation::Splitting_Data" in c.tags for c in split)
    assert all(re.search(r"Data Preparation\s*›\s*Splitting Data", c.fields["Context"]) for c in split)


def test_sources_on_the_back(sample_build, tmp_path):
    cards = load_deck(_apkg(sample_build), tmp_path)
    split = [c for c in cards if "Random split" in c.question]
    assert split and all("scikit-learn.org/stable/modules/cross_validation.html" in c.answer for c in split)


def test_user_notes_deck_renders(user_notes_build, tmp_path):
    cards = load_deck(_apkg(user_notes_build), tmp_path)
    assert cards
    decks = {c.deck.split("::", 1)[1] for c in cards}
    assert {"SageMaker", "Correlation Metrics"} <= decks


def test_inline_code_braces_stay_literal_in_anki(tmp_path):
    """`{{c2::x}}` inside inline code shows as written and makes no card of its own."""
    import html as html_lib

    from build import main

    src = tmp_path / "src"
    src.mkdir()
    (src / "n.md").write_text(
        "# T\n\n## D\n\nThe ==ROC AUC== summarises ranking, unlike `{{c2::code}}`.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["--source", str(src), "--output", str(out), "--quiet", "--only", "deck"]) == 0
    cards = load_deck(_apkg(out), tmp_path)
    assert len(cards) == 1
    assert "{{c2::code}}" in html_lib.unescape(re.sub(r"<[^>]+>", "", cards[0].question))
    assert "[...]" in cards[0].question


def test_a_long_list_of_members_gives_no_card_in_anki(tmp_path):
    """Five signs under 'Representation': too many for one answer, and a cloze per sign with the other four
    for its cue hides too much at once (blind review): no card asks them; the two-item properties stay."""
    from build import main

    src = tmp_path / "src"
    src.mkdir()
    (src / "n.md").write_text(
        (FIXTURES / "cards" / "attributes" / "members.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["--source", str(src), "--output", str(out), "--quiet", "--only", "deck"]) == 0
    cards = load_deck(_apkg(out), tmp_path)
    assert not [c for c in cards if "Right axis deviation" in c.question + c.answer]
    asked = [c for c in cards if "stand for?" not in c.question]  # (RVH, LVH written out: their own cards)
    assert len(asked) == 3 and all("[...]" not in c.question for c in asked)
