"""The rules, one pattern at a time, on small notes written for each test."""
from __future__ import annotations

import re
from pathlib import Path

from studydeck.cards import RULES, make_cards
from studydeck.notes.parse import parse_notes
from studydeck.report import Report


def cards_of(md: str, tmp_path: Path | None = None):
    base = tmp_path or Path(".")
    notes = parse_notes(md, "notes.md", base, base, Report(quiet=True))
    return make_cards(notes)


def text_of(c) -> str:
    return re.sub(r"<[^>]+>", "", c.front + " | " + c.answer + " | " + c.extra)


def test_rules_are_an_ordered_list_of_named_functions():
    names = [n for n, _ in RULES]
    assert names[0] == "explicit"  # the author's own cards win
    assert len(names) == len(set(names)) >= 8


def test_explicit_markup_is_honoured_and_code_is_never_markup():
    md = """# D

## S

The {{c1::F1 score}} is the harmonic mean of precision and recall.

The ==ROC AUC== summarises ranking quality, unlike `{{c2::inline code}}` and `==this==`.

Q: What does a confusion matrix show?
A: Counts of true and false positives and negatives.

```python
x = 1  # {{c1::not a cloze}} ==nor this==
```
"""
    cards = cards_of(md)
    clozes = [c for c in cards if c.rule == "explicit-cloze"]
    assert any("{{c1::F1 score}}" in c.front for c in clozes)
    roc = next(c for c in clozes if "ROC AUC" in c.front)
    assert "{{c1::ROC AUC}}" in roc.front
    assert "<code>&#123;&#123;c2::inline code&#125;&#125;</code>" in roc.front and "<code>==this==</code>" in roc.front
    assert "{{c2::" not in roc.front
    qa = [c for c in cards if c.rule == "explicit-qa"]
    assert qa and qa[0].answer.startswith("Counts of true")
    assert not any("not a cloze" in c.front for c in cards)


def test_math_becomes_anki_mathjax():
    md = "# D\n\n## S\n\nThe {{c1::F1 score}} is $\\frac{2PR}{P+R}$ for a class.\n"
    (card,) = cards_of(md)
    assert r"\(\frac{2PR}{P+R}\)" in card.front
    assert "math inline" not in card.front


def test_code_block_goes_highlighted_on_the_back_of_the_card_before_it():
    md = "# D\n\n## S\n\nQ: How do you print in Python?\nA: Call print.\n\n```python\nprint('hi')\n```\n"
    (card,) = cards_of(md)
    assert '<pre class="code">' in card.extra and "style=" in card.extra  # Pygments, inline colours
    assert "print" in card.extra


def test_comparison_gives_term_card_and_reverse_with_the_term_hidden():
    md = """# D

## Splitting

- Stratified split splits the data so that each split has the same class proportions.
- Random split shuffles the rows and divides them at fixed ratios.
"""
    cards = cards_of(md)
    term = [c for c in cards if c.rule == "term"]
    rev = [c for c in cards if c.rule == "term-reverse"]
    assert len(term) == 2 and len(rev) == 2
    strat = next(c for c in term if "Stratified split" in c.front)
    assert strat.answer.startswith("Splits the data")  # subject dropped, not 'Stratified split splits'
    r = next(c for c in rev if "Stratified" in c.front)
    hidden = re.sub(r"\{\{c1::.*?\}\}", "", r.front)
    assert "Stratified" not in hidden and "the same class proportions" in hidden


def test_negation_never_becomes_a_positive_card():
    md = """# D

## Registry

SageMaker Model Registry is a catalog that manages the versions of a model for production.
You would not use SageMaker Model Registry for model re-training.
"""
    cards = cards_of(md)
    assert cards
    for c in cards:
        positive = re.sub(r"Not:.*", "", text_of(c))
        assert "re-training" not in positive, c
    assert any("Not:" in c.extra and "re-training" in c.extra for c in cards)


def test_scenario_sentences_are_filtered():
    md = """# D

## Endpoints

Serverless endpoints are the most suitable for this scenario and provide the least effort.
Therefore, this solution is the most cost-effective.
The company stores S3 data in a different Region.
It scales to zero when idle.
"""
    assert cards_of(md) == []


def test_recommendation_becomes_how_do_you_with_the_explanation_as_extra():
    md = """# D

## Clarify

Configure a SageMaker Clarify processing job to identify bias in the training data.
SageMaker Clarify computes bias metrics before and after training.
"""
    cards = cards_of(md)
    how = next(c for c in cards if c.rule == "recommendation")
    assert how.front == "How do you identify bias in the training data?"
    assert how.answer == "Configure a SageMaker Clarify processing job"
    assert "computes bias metrics" in how.extra


def test_capability_is_a_cloze_on_the_term_with_a_hint():
    md = "# D\n\n## Events\n\nYou can use Amazon S3 Event Notifications to start a workflow when objects change.\n"
    (card,) = cards_of(md)
    assert "{{c1::Amazon S3 Event Notifications::AWS service}}" in card.front
    assert card.front.startswith("You can use ")


def test_numbers_with_units_are_clozed_and_the_unit_stays():
    md = "# D\n\n## Async\n\nAsynchronous endpoints process each request for up to 60 minutes.\n"
    cards = cards_of(md)
    num = next(c for c in cards if c.rule == "number")
    assert "{{c1::60}} minutes" in num.front


def test_steps_are_one_note_of_overlapping_clozes():
    md = "# D\n\n## KB\n\nTo build a knowledge base:\n\n1. Create an S3 bucket.\n2. Create a Bedrock knowledge base.\n3. Sync the data source with StartIngestionJob.\n"
    (card,) = [c for c in cards_of(md) if c.rule == "steps"]
    assert [int(n) for n in re.findall(r"\{\{c(\d+)::", card.front)] == [1, 2, 3]
    assert '<li value="2">' in card.front and 'class="steps"' in card.front
    deletions = re.findall(r"\{\{c\d+::(.*?)\}\}", card.front)
    assert all(len(d.split()) <= 6 for d in deletions)


def test_rewording_keeps_keys_and_moving_a_section_keeps_them_too():
    before = (
        "# D\n\n## A\n\nAmazon S3 is an object store for files of any size.\n\n### Modes\n\n- File mode: downloads data to local disk.\n"
        "- Pipe mode: streams data to the algorithm.\n\n## B\n\nStep Functions is a serverless orchestration service for workflows.\n"
    )
    # reworded, and the Modes section moved from A to B
    after = (
        "# D\n\n## A\n\nAmazon S3 is an object store for files of every size.\n\n## B\n\n"
        "Step Functions is a serverless orchestration service that sequences AWS services.\n\n### Modes\n\n"
        "- File mode: copies the data to a local disk first.\n- Pipe mode: streams data to the algorithm.\n"
    )
    k1 = {c.key for c in cards_of(before)}
    k2 = {c.key for c in cards_of(after)}
    assert k1 and k1 == k2


def test_same_factor_in_two_lists_gives_distinct_fronts():
    md = """# D

## Instances

When selecting an instance type, consider the following factors.

* Cost  
    Instances are billed by the hour.
* Scalability  
    Some instance types add nodes automatically when load grows.

## Models

When selecting a model, consider the following factors.

* Cost  
    Larger models need bigger instances to train.
* Scalability  
    Prefer a model whose training time grows linearly with data volume.
"""
    fronts = [re.sub(r"<[^>]+>", "", c.front) for c in cards_of(md) if c.kind == "qa"]
    assert fronts == [
        "Which 2 factors should you consider when selecting an instance type?",
        "Which 2 factors should you consider when selecting a model?",
    ]


def test_any_notes_give_well_formed_cards():
    """Whatever the text, rules never raise, and every cloze has a non-empty deletion and no broken marker."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    words = st.sampled_from(
        "X is a service that stores data . You can use Amazon Foo to bar it . Configure the Baz to run jobs . "
        "It is not used for this solution . up to 60 minutes - 1. : ** ` $x$ {{c1:: }} {{c1::}} {{c2::Foo}} == Q: A: \n"
        " the company"
        .split(" ")
    )
    line = st.lists(words, min_size=1, max_size=14).map(" ".join)
    doc = st.lists(line, min_size=1, max_size=8).map(lambda ls: "# T\n\n## D\n\n" + "\n".join(ls) + "\n")

    @settings(max_examples=int(__import__("os").environ.get("CARDS_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(doc)
    def check(md):
        for c in cards_of(md):
            assert c.kind in ("qa", "cloze")
            if c.kind == "cloze":
                dels = re.findall(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", c.front)
                assert dels and all(re.sub(r"<[^>]+>", "", d).strip() for d in dels), c.front
            else:
                assert re.sub(r"<[^>]+>", "", c.answer).strip(), c

    check()


def test_stray_cloze_braces_in_a_steps_intro_stay_text():
    """A lead-in that writes '{{c1::}}' itself (found by the property test above) opens no empty deletion."""
    cards = cards_of("# T\n\n## D\n\n{{c1::}} Q:\n1. X X \n 1. X\n2. Y Y\n")
    fronts = [c.front for c in cards if c.kind == "cloze"]
    assert fronts, "the steps still give their cloze card"
    for front in fronts:
        assert re.findall(r"\{\{c\d+::(.*?)\}\}", front) == ["X X", "Y Y"], front
