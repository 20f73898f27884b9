"""Issue 3's "Done when" figures on the user's notes (skips without ../shared), measured as Anki shows them."""
from __future__ import annotations

import pytest
from conftest import shared_path


@pytest.fixture(scope="module")
def stats():
    from tools.card_stats import measure

    return measure(shared_path("notes"))


def test_enough_cards_of_both_kinds(stats):
    assert stats["anki_cards"] >= 150
    assert stats["share_qa"] >= 0.25 and stats["share_cloze"] >= 0.25


def test_every_card_renders_and_is_well_formed(stats):
    assert stats["render_errors"] == 0
    assert stats["duplicate_fronts"] == 0
    assert stats["empty_answers"] == 0
    assert stats["answers_on_front"] == 0, stats["answers_on_front_examples"]


def test_coverage(stats):
    assert stats["h3_missing"] == []
    assert stats["comparison_term_coverage"] >= 0.95, stats["comparison_terms_missing"]
    assert stats["link_coverage"] >= 0.90, stats["links_missing"]


def test_answers_and_deletions_are_short(stats):
    assert stats["qa_answers_over_30_words"] <= 0.10
    assert stats["cloze_deletions_over_6_words"] <= 0.05
