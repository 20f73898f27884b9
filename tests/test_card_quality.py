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


# -- the mechanisms behind those figures, on small notes (no ../shared needed) -----------------------

import re  # noqa: E402

from test_cards import cards_of, text_of  # noqa: E402

from studydeck.rules.text import circular, leaked, same_stem  # noqa: E402


def _blanked(c) -> str:
    """The front as the learner sees it: deletions blanked, their hints kept."""
    return re.sub(r"\{\{c\d+::.*?(?:::([^}]*))?\}\}", lambda m: f"[{m.group(1) or '...'}]", re.sub(r"<[^>]+>", "", c.front))


def test_leak_check_compares_stems_not_strings():
    assert same_stem("integrates", "Integration") and same_stem("accelerating", "Accelerated")
    assert same_stem("keys", "key") and same_stem("scales", "Scalability") and same_stem("tensors", "TensorBoard")
    assert not same_stem("provide", "Provisioned") and not same_stem("nearest", "neighbors")
    assert leaked("Integration with other AWS services", "choose an instance type that integrates well") == ["integration"]
    assert leaked("Provisioned throughput mode", "workloads that need assured throughput", hint="mode") == ["throughput"]
    assert leaked("K-Nearest Neighbors", "uses the k nearest labeled points") == ["nearest"]
    assert leaked("SageMaker feature group", "through the UpdateFeatureGroup operation") == ["group"]
    # platform and category words give nothing away; a cue in other words is no leak
    assert leaked("Randomized split", "shuffles the rows at predefined ratios", hint="split transform") == []
    assert leaked("SageMaker Canvas", "a SageMaker feature for no-code models") == []


def test_a_repeated_stem_hides_less_or_drops_the_card():
    md = """# D

## Bedrock

Provisioned throughput mode is most suitable for large, consistent inference workloads that need assured throughput.
Serverless SageMaker endpoints scale independently in a fully serverless manner.
"""
    cards = cards_of(md)
    fronts = [_blanked(c) for c in cards]
    # only the word that tells it apart is hidden; the serverless card gives itself away whatever is hidden
    assert fronts == ["[...] throughput mode is most suitable for large, consistent inference workloads that need assured throughput."]


def test_context_label_never_names_the_answer_but_tags_keep_the_path():
    md = """# D

## SageMaker

### Model Registry

SageMaker Model Registry is a catalog that manages the versions of a model for production.

### Data Wrangler

Use SageMaker Data Wrangler to fill missing values.
"""
    cards = cards_of(md)
    reg = next(c for c in cards if "Model Registry" in c.front)
    assert reg.context == "SageMaker" and reg.path == "SageMaker › Model Registry"
    assert reg.tags == ["D::SageMaker::Model_Registry"]
    dw = next(c for c in cards if c.kind == "qa")
    assert dw.front == "How do you fill missing values?" and "Data Wrangler" in dw.answer
    assert dw.context == "SageMaker"


def test_circular_factor_cards_are_dropped():
    assert circular("Integration with other AWS services", "Choose an instance type that integrates well with those services.")
    assert circular("Availability", "Some instance types might have limited availability in certain AWS Regions.")
    assert not circular("Stratified split", "Splits the data so that each split has the same class proportions.", "split")
    assert not circular("Workload requirements", "Evaluate the computational demands of your ML task.")
    assert not circular("Interpretability", "If interpretability is important, choose simpler models like linear or tree-based algorithms over deep learning models.")
    md = """# D

## Instance Types

When selecting an instance type, consider the following factors.

* Scalability  
    Consider instance types that offer scalability options.
* Cost  
    Instances are billed by the hour.
* Availability  
    Some instance types might have limited availability in certain AWS Regions.
"""
    cards = cards_of(md)
    assert not any("Scalability" in text_of(c) or "Availability" in text_of(c) for c in cards)
    assert any(c.kind == "qa" and "Cost" in c.front and "billed by the hour" in c.answer for c in cards)


def test_a_qualifier_the_notes_deny_is_never_shown():
    md = """# D

## Correlation Metrics

- The chi square is a statistical test assessing association between categorical variables. Chi square is not used to assess correlation.
- The Pearson coefficient assesses linear relationship between numeric features.
- The phi coefficient assesses correlation between binary variables.
"""
    cards = cards_of(md)
    chi = [c for c in cards if "chi square" in c.front.lower()]
    assert chi and all("correlation metric" not in c.front for c in chi)
    assert any("(statistical test)" in c.front for c in chi)
    pearson = next(c for c in cards if c.kind == "qa" and "Pearson" in c.front)
    assert "(correlation metric)" in pearson.front
    # the denial stays on the back, as a 'Not:' line
    assert all("<b>Not:</b> Chi square is not used to assess correlation." in c.extra for c in chi)


def test_not_line_only_for_a_denial_of_use():
    md = """# D

## Metrics

- The Spearman coefficient assesses correlation between numeric features. The Spearman coefficient does not assume linear relationship.
- The phi coefficient assesses correlation between binary variables. The phi coefficient is not suitable to assess numeric features.
"""
    cards = cards_of(md)
    spearman = next(c for c in cards if c.kind == "qa" and "Spearman" in c.front)
    assert "Not:" not in spearman.extra and "does not assume linear relationship" in spearman.extra
    phi = next(c for c in cards if c.kind == "qa" and "phi" in c.front)
    assert "<b>Not:</b> The phi coefficient is not suitable" in phi.extra


def test_steps_never_hide_a_label_the_step_repeats():
    md = """# D

## Autopilot

1. Target: Select the target column for prediction.
2. Automatic model creation: The algorithm is chosen and tuned automatically.
3. Full visibility and control: Full visibility with model notebooks.
"""
    (card,) = cards_of(md)
    items = re.findall(r"<li[^>]*>(.*?)</li>", card.front)
    assert "{{c" not in items[1]  # shown as the cue of step 3, never asked
    assert "Full visibility with {{c3::model notebooks}}" in items[2]


def test_vague_or_cut_off_answers_are_dropped():
    md = """# D

## Endpoints

You can distribute invocation requests across model versions by providing the traffic distribution for each.
Use SageMaker Canvas to build predictive models.
The scikit-learn framework container is a prebuilt image that SageMaker provides.
"""
    assert cards_of(md) == []
