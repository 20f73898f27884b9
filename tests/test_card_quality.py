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
    fronts = [_blanked(c) for c in cards if c.kind == "cloze"]
    # only the word that tells it apart is hidden; the serverless card gives itself away whatever is hidden
    assert fronts == ["[...] throughput mode is most suitable for large, consistent inference workloads that need assured throughput."]
    assert [c.front for c in cards if c.kind == "qa"] == ["When do you use <b>Provisioned throughput mode</b>?"]


def test_context_label_never_names_the_answer_but_tags_keep_the_path():
    md = """# D

## SageMaker

### Model Registry

SageMaker Model Registry is a catalog that manages the versions of a model for production.

### Data Wrangler

Use SageMaker Data Wrangler to fill missing values.
"""
    cards = cards_of(md)
    reg = next(c for c in cards if c.kind == "cloze" and "Model Registry" in c.front)
    assert reg.context == "SageMaker" and reg.path == "SageMaker › Model Registry"
    assert reg.tags == ["D::SageMaker::Model_Registry"]
    # 'What is SageMaker Model Registry?' names it on its front: its heading stays
    what = next(c for c in cards if c.rule == "what-is")
    assert what.context == "SageMaker › Model Registry" and what.answer == "A catalog that manages the versions of a model for production"
    dw = next(c for c in cards if c.kind == "qa" and c.rule != "what-is")
    assert dw.front == "How do you fill missing values?" and "Data Wrangler" in dw.answer
    assert dw.context == "SageMaker"


def test_a_factor_list_gives_one_list_card_and_only_named_facts():
    assert circular("Integration with other AWS services", "Choose an instance type that integrates well with those services.")
    assert circular("Availability", "Some instance types might have limited availability in certain AWS Regions.")
    assert not circular("Stratified split", "Splits the data so that each split has the same class proportions.", "split")
    assert not circular("Workload requirements", "Evaluate the computational demands of your ML task.")
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
    # blind reviews rejected every card asking a factor's label from its description or the reverse
    # ('limited [availability]', 'Scalability -> consider scalability options'): the list is asked once,
    # (and 'limited availability in certain [AWS Regions]' is answered from its own sentence)
    assert [(c.rule, c.front, c.answer) for c in cards if c.kind == "qa"] == [
        ("list", "Which 3 factors should you consider when selecting an instance type?", "Scalability, cost, availability"),
    ]
    assert not [c for c in cards if c.kind == "cloze"]


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

The Autopilot process:

1. Target: Select the target column for prediction.
2. Automatic model creation: The algorithm is chosen and tuned automatically.
3. Full visibility and control: Full visibility with Model Notebooks.
4. Model leaderboard: Pick the best model with the ListCandidatesForAutoMLJob API.
"""
    (card,) = cards_of(md)
    items = re.findall(r"<li[^>]*>(.*?)</li>", card.front)
    assert "{{c" not in items[0] and "{{c" not in items[1]  # common phrases and self-repeating labels: cues only
    assert "Full visibility with {{c3::Model Notebooks}}" in items[2]
    assert "{{c4::" in items[3]


def test_steps_hide_key_terms_and_say_what_they_are_for():
    md = """# D

## Bedrock

To use a knowledge base in Amazon Bedrock, you must first create a bucket. Then you ingest data.

Step 1: Create an Amazon S3 bucket.  
Step 2: Ingest the data into the knowledge base.  
Step 3: Sync the data source with the StartIngestionJob API.

---

Step 1: Prepare a dataset in JSON Lines format.  
Step 2: Run a fine-tuning job by using a source model.
"""
    cards = cards_of(md)
    steps = [c for c in cards if c.rule == "steps"]
    assert len(steps) == 1  # the second list never says what it is for: no 'Bedrock:' card
    assert "To use a knowledge base in Amazon Bedrock:" in steps[0].front
    assert "{{c1::Create an Amazon S3 bucket}}" in steps[0].front and "{{c2::" not in steps[0].front
    assert "{{c3::StartIngestionJob}}" in steps[0].front
    assert not any(c.front.startswith("What must you do first") for c in cards)


def test_term_cards_whose_answer_repeats_the_term_are_dropped():
    md = """# D

## Model Types

* Tree-based models  
    These models include boosted trees, random forests, and decision trees.
* Clustering  
    This option includes algorithms like k-means and DBSCAN for segmenting data into groups.
* Neural Topic Model  
    Unsupervised technique for determining topics in a set of documents.  
    Uses: Topic modeling
* DeepAR Forecasting  
    For forecasting scalar time series.  
    Uses: Time-series
"""
    cards = cards_of(md)
    fronts = [re.sub(r"<[^>]+>", "", c.front) for c in cards if c.kind == "qa"]
    assert not any("Tree-based" in f for f in fronts)  # a label; a name (Neural Topic Model) may share a word
    assert any(f.startswith("What is Clustering") for f in fronts)
    # 'What is DeepAR Forecasting?' -> 'For forecasting ...' answers itself: the name is asked instead
    assert not any(c.kind == "qa" and "DeepAR" in c.front for c in cards)
    assert any(c.front.startswith("{{c1::DeepAR}} Forecasting:") for c in cards)
    assert not any(c.rule == "list" for c in cards)


def test_a_name_sharing_a_word_with_a_long_answer_keeps_its_card():
    md = """# D

## Built-in Algorithms

* Linear Learner Algorithm  
    Learns a linear function for regression or a linear threshold function for classification.
* XGBoost Algorithm  
    Implements a gradient-boosted trees algorithm that combines an ensemble of weaker models.
"""
    qa = {re.sub(r"<[^>]+>", "", c.front): c.answer for c in cards_of(md) if c.kind == "qa"}
    # 'linear' and 'learns' are the name itself (review 4, #37): the card asks what is left to recall,
    # the problem types; a name that shares nothing with its answer keeps 'What is X?'
    assert qa["Which problem types does Linear Learner Algorithm handle?"] == "Regression and classification"
    assert qa["What is XGBoost Algorithm (built-in algorithm)?"].startswith("Implements a gradient-boosted trees")


def test_examples_of_a_term_give_a_card_and_its_reverse():
    md = """# D

## Instance Types

- Memory Optimized
  - These instances are optimized for workloads that require a large amount of memory.
  - Examples include the ml.r5 and ml.r5n instance families.

- General Purpose
  - These instances are suitable for a variety of ML tasks, including training and inference.
"""
    cards = cards_of(md)
    qa = next(c for c in cards if c.kind == "qa" and "examples" in c.front)
    assert "examples of <b>Memory Optimized</b>" in qa.front and qa.answer == "ml.r5 and ml.r5n instance families"
    assert any(c.kind == "cloze" and "{{c1::Memory Optimized" in c.front and "ml.r5 and ml.r5n" in c.front for c in cards)


def test_vague_or_cut_off_answers_are_dropped():
    md = """# D

## Endpoints

You can distribute invocation requests across model versions by providing the traffic distribution for each.
Use SageMaker Canvas to build predictive models.
The scikit-learn framework container is a prebuilt image that SageMaker provides.
"""
    assert cards_of(md) == []


def test_an_api_operation_is_the_fact_a_sentence_hides():
    md = """# D

## Feature Store

A SageMaker feature group gives you the ability to overwrite previous records through the PutRecord operation.
"""
    (card,) = cards_of(md)
    assert "through the {{c1::PutRecord}} operation" in card.front and "feature group" in card.front


def test_where_a_setting_is_activated_is_asked_even_in_a_scenario_sentence():
    md = """# D

## Costs

Activate user-defined tags in the AWS Billing and Cost Management console and use AWS Cost Explorer to filter costs by the project identifier.
"""
    cards = cards_of(md)
    (qa,) = [c for c in cards if c.kind == "qa"]
    assert qa.front == "Where do you activate user-defined tags?"
    assert qa.answer == "In the AWS Billing and Cost Management console"


def test_a_subject_that_gives_itself_away_still_asks_for_its_named_examples():
    md = """# D

## Computing

Accelerated computing EC2 instance types are equipped with accelerators such as GPUs or inferential chips.
"""
    (card,) = cards_of(md)
    assert "such as {{c1::GPUs}} or inferential chips" in card.front  # one blank, one name


def test_a_second_strong_fact_on_a_subject_is_its_own_note():
    md = """# D

## Data integration

AWS Glue is a serverless integration service you can use to integrate data from multiple sources, including Amazon S3. AWS Glue can be used to interact with the Apache Spark framework engine for executing data engineering and ML processes. AWS Glue is fully managed.
"""
    cards = cards_of(md)
    glue = [c for c in cards if "{{c1::AWS Glue" in c.front]
    assert len(glue) == 2 and len({c.key for c in glue}) == 2
    assert any("serverless integration service" in c.front for c in glue)
    assert any("Apache Spark" in c.front for c in glue)


def test_scenario_objects_and_vague_or_pointless_answers_give_no_card():
    md = """# D

## Data

Use SageMaker Data Wrangler to perform encoding on the categorical variables.

## Autopilot

SageMaker Autopilot performs the following key tasks.

* Model selection  
    SageMaker Autopilot explores a variety of algorithms.
* Hyperparameter optimization  
    SageMaker Autopilot automates the search for optimal hyperparameter configurations.
* Model deployment  
    SageMaker Autopilot generates the model artifacts and an endpoint that exposes an API.

## Algorithms

* Single Shot multibox Detector (SSD)  
    Uses a convolutional neural network (CNN) pretrained for classification tasks as the base network.  
    Uses: Object detection
* Semantic Segmentation Algorithm  
    Provides a fine-grained, pixel-level approach to developing computer vision applications.  
    Uses: Semantic Segmentation
* XGBoost Algorithm  
    Implements a gradient-boosted trees algorithm.
"""
    cards = cards_of(md)
    fronts = [re.sub(r"<[^>]+>", "", c.front) for c in cards]
    assert not any("categorical variables" in f for f in fronts)
    assert not any(f.startswith("What does SageMaker Autopilot do for Model selection") for f in fronts)
    # the gist leaves out object detection, which the name would give away: the answer says it too
    ssd = next(c for c in cards if c.kind == "qa" and "Single Shot" in c.front)
    assert ssd.answer.endswith("as the base network; used for object detection.")
    assert any(f.startswith("What is Semantic Segmentation Algorithm") for f in fronts)
    # task names are the notes' labels: no reverse card hides one
    assert not any(c.rule == "term-reverse" and "Model deployment" in c.front for c in cards)


def test_a_goal_restated_as_its_answer_takes_the_means_the_notes_give():
    md = """# D

## Training

To capture the relationship between inputs and targets, you should increase the feature coverage. You can increase the feature coverage by adding domain-specific features to the training dataset.
"""
    cards = [c for c in cards_of(md) if c.kind == "qa"]
    assert len(cards) == 1
    (qa,) = cards
    assert qa.front == "How do you capture the relationship between inputs and targets?"
    assert qa.answer == "Add domain-specific features to the training dataset"
    assert "Increase the feature coverage" in qa.extra


def test_a_goal_with_many_remedies_is_not_asked():
    md = """# D

## Training

To solve the underfitting problem, you should increase the model fit to better capture the relationship between inputs and targets. You can increase the model fit by increasing the amount of domain-specific features in the training dataset.

## Bedrock

To enhance a user question, you can add relevant retrieved documents into the context.
"""
    # every review asked which of the many fixes for underfitting (or for a better model fit) was meant
    assert [c.front for c in cards_of(md) if c.kind == "qa"] == []


def test_one_means_asked_twice_is_one_card():
    md = """# D

## Scaling

You can decrease scaling activities by configuring cooldown periods. By specifying a cooldown period, you can handle intermittent spikes in traffic.
"""
    cards = [c for c in cards_of(md) if c.kind == "qa"]
    assert len(cards) == 1 and "cooldown" in cards[0].answer
    assert "intermittent spikes" in cards[0].extra


def test_a_use_the_description_does_not_state_is_asked():
    md = """# D

## Algorithms

* IP Insights  
    Learns the usage patterns for IPv4 addresses.  
    Uses: Anomaly Detection
* Random Cut Forest  
    Detects anomalous data points within a dataset.  
    Uses: Anomaly Detection
"""
    qas = {re.sub(r"<[^>]+>", "", c.front): c.answer for c in cards_of(md) if c.kind == "qa"}
    # the use is stated on the reverse card ('learns the usage patterns ... (used for: anomaly detection)')
    rev = next(c for c in cards_of(md) if c.rule == "term-reverse" and "IP Insights" in c.front)
    assert "(used for: anomaly detection)" in rev.front
    assert "What is Random Cut Forest (algorithm) used for?" not in qas  # its description already says it


def test_items_of_several_sub_lists_get_no_list_card():
    md = """# D

## Built-in Algorithms

* Supervised Learning
  * Linear Learner Algorithm  
    Learns a linear function for regression.
  * XGBoost Algorithm  
    Implements a gradient-boosted trees algorithm that combines an ensemble of weaker models.
  * Factorization Machines  
    An extension of a linear model that captures interactions between features in sparse datasets.
* Text data
  * BlazingText Algorithm  
    Highly optimized implementation of the text classification algorithms.
  * Sequence-to-Sequence Algorithm  
    Used for neural machine translation.
  * Neural Topic Model  
    Unsupervised technique for determining topics in a set of documents.
"""
    cards = cards_of(md)
    assert not any(c.rule == "list" for c in cards)
    # names are never hidden inside their own description ('Learns a {{c1::linear}} function')
    assert not any(c.rule == "term-in-description" and ("Linear" in c.extra or "Blazing" in c.extra) for c in cards)


def test_early_stopping_how_and_what_from_plain_sentences():
    md = """# D

## AMT

You can set the early stopping parameter to Auto to enable early stopping. SageMaker can use early stopping to compare the current objective metric against the median of the running average of the objective metric. You should use continued monitoring of the model to help identify bias drift.
"""
    cards = cards_of(md)
    qa = [c for c in cards if c.kind == "qa"]
    assert [(c.front, c.answer) for c in qa] == [("How do you enable early stopping?", "Set the early stopping parameter to Auto")]
    assert any("SageMaker can use {{c1::early stopping}} to compare" in c.front for c in cards)


def test_a_superlative_fact_gives_way_to_a_plain_one_on_the_same_subject():
    md = """# D

## Bedrock

Provisioned throughput mode is most suitable for large, consistent inference workloads that need assured throughput. You can use provisioned throughput mode to purchase model units for a specific base or custom model.
"""
    cards = [c for c in cards_of(md) if c.kind == "cloze"]
    assert len(cards) == 1
    assert "purchase model units" in cards[0].front and "most suitable" in cards[0].extra


def test_a_frequency_adverb_does_not_hide_the_subject():
    from studydeck.rules.text import split_subject

    assert split_subject("Relational databases typically use tables with rows and columns.") == (
        "Relational databases",
        "typically use tables with rows and columns.",
    )


def test_an_extra_says_each_sentence_once():
    from studydeck.rules import _no_repeats

    once = "Provisioned throughput mode suits steady workloads."
    assert _no_repeats(f"{once} {once}") == once
    assert _no_repeats(f"{once}<br><b>Uses:</b> Chat<br>{once}") == f"{once}<br><b>Uses:</b> Chat"
    assert _no_repeats("A first fact. A second fact.") == "A first fact. A second fact."


def test_a_first_step_reads_cleanly_front_and_back():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools.card_text import card_texts

    md = """# D

## Bedrock

To use a knowledge base in Amazon Bedrock:

1. Create an Amazon S3 bucket.
2. Ingest the data into the knowledge base.
3. Sync the data source with the StartIngestionJob API.
"""
    (steps,) = [c for c in cards_of(md) if c.rule == "steps"]
    ((q1, a1), _) = card_texts(steps)  # step 2 names nothing: shown as the cue of step 3, never asked
    assert q1 == "To use a knowledge base in Amazon Bedrock:\n1. [...]."  # no '0. (first step)' line
    assert a1 == "To use a knowledge base in Amazon Bedrock:\n1. [[Create an Amazon S3 bucket]]."


def test_a_blank_is_hinted_with_what_the_notes_call_the_answer():
    md = """# D

## ETL

AWS Glue is a serverless integration service you can use to integrate data from multiple sources. AWS Glue can be used to interact with the Apache Spark framework engine for executing data engineering processes.

## Monitor

Data Capture is a feature of SageMaker endpoints. Data Capture runs asynchronously without impacting production traffic.

## IAM

IAM roles allow AWS services or users to access AWS resources securely.
"""
    fronts = [c.front for c in cards_of(md) if c.kind == "cloze"]
    # EMR runs Spark too: the notes' own words for Glue tell them apart
    assert "{{c1::AWS Glue::serverless integration service}} can be used to interact with the Apache Spark" in " ".join(fronts)
    assert "{{c1::Data Capture::SageMaker endpoint feature}} runs asynchronously" in " ".join(fronts)
    # '[roles]' would leave only 'IAM' to recall: no hint, the blank stays a question
    assert "{{c1::IAM roles}} allow AWS services" in " ".join(fronts)


def test_a_bare_acronym_answer_is_spelled_out_when_the_notes_do():
    from studydeck.rules import acronyms

    assert acronyms(["Use partial dependence plots (PDPs) and Shapley values."]) == {"PDP": "partial dependence plots"}
    assert acronyms(["The Random Cut Forest (RCF) algorithm"]) == {"RCF": "Random Cut Forest"}
    assert acronyms(["a K-Nearest Neighbors (KNN) model"]) == {"KNN": "K-Nearest Neighbors"}
    assert acronyms(["see the docs (PDF)"]) == {}  # initials that do not spell it: no guess
    md = """# D

## Clarify

Clarify can produce partial dependence plots (PDPs) for each feature.

PDPs illustrate how the predicted target response changes as a function of one particular input feature of interest.
"""
    fronts = " ".join(c.front for c in cards_of(md) if c.kind == "cloze")
    assert "{{c1::partial dependence plots (PDPs)}} illustrate how the predicted" in fronts


def test_a_use_stated_on_the_reverse_is_not_asked_a_third_time():
    md = """# D

## Built-in Algorithms

* K-Means Algorithm  
    This algorithm finds discrete groupings within data.  
    Uses: Clustering
* XGBoost Algorithm  
    Implements a gradient-boosted trees algorithm.
"""
    cards = cards_of(md)
    kmeans = [c for c in cards if "K-Means" in text_of(c)]
    # forward (term -> what it does) and reverse (what it does, with its use -> term); no 'used for?' card
    assert sorted(c.rule for c in kmeans) == ["term", "term-reverse"]
    assert "(used for: clustering)" in next(c for c in kmeans if c.rule == "term-reverse").front
    assert not any(c.front.endswith("used for?") for c in kmeans)


def test_no_factor_card_hides_an_everyday_word():
    md = """# D

## Model Selection

When selecting a model in SageMaker, consider the following factors.

* Training time and computational resources  
    Consider the available resources (CPU, GPU, and memory) and the time constraints for your project.
* Model complexity  
    Strike a balance between model complexity and generalization performance.
* Domain knowledge  
    Use your domain expertise or consult with subject matter experts.
"""
    cards = cards_of(md)
    # 'CPU' is one item of a list (the others give it away); no other word here is a name
    assert [(c.kind, c.front, c.answer) for c in cards] == [
        ("qa", "Which 3 factors should you consider when selecting a model in SageMaker?",
         "Training time and computational resources, model complexity, domain knowledge"),
    ]


def test_a_name_repeated_as_a_modifier_leaves_one_blank():
    md = """# D

## IAM

SageMaker Studio is a SageMaker feature that assumes the execution role that is associated to the SageMaker Studio domain.
"""
    fronts = [c.front for c in cards_of(md) if c.kind == "cloze"]
    assert any(f.endswith("assumes the execution role that is associated to its domain.") and f.count("{{c1::") == 1 for f in fronts)


def test_a_vague_or_arguing_sentence_is_no_reverse_cue():
    md = """# D

## Built-in Algorithms

* Object2Vec Algorithm  
    Uses a new highly customizable, multi-purpose algorithm for feature engineering. It can learn low-dimensional dense embeddings of high-dimensional objects. This is a supervised algorithm because it requires labeled data for training.  
    Uses: Embeddings
* XGBoost Algorithm  
    Implements a gradient-boosted trees algorithm.
"""
    revs = [c.front for c in cards_of(md) if c.rule == "term-reverse" and "Object2Vec" in c.front]
    assert not any("multi-purpose" in f or "because" in f for f in revs)


def test_a_reverse_cue_another_item_shares_is_dropped():
    md = """# D

## Unsupervised Learning

* Latent Dirichlet Allocation (LDA) Algorithm  
    This algorithm determines an algorithm suitable for determining topics in a set of documents.
* Neural Topic Model (NTM) Algorithm  
    This is another unsupervised technique for determining topics in a set of documents. It uses a neural network approach.
* K-Means Algorithm  
    This algorithm finds discrete groupings within data.
"""
    cards = cards_of(md)
    # 'for determining topics in a set of documents' fits LDA and NTM alike: no blank for either name
    assert not any(c.rule == "term-reverse" and ("LDA" in c.front or "NTM" in c.front) for c in cards)
    # ... while the forward card still asks it, and K-Means keeps its reverse
    assert any(c.kind == "qa" and "LDA" in c.front for c in cards)
    assert any(c.rule == "term-reverse" and "K-Means" in c.front for c in cards)


def test_one_sentence_asked_as_cloze_and_question_is_kept_once():
    md = """# D

## Endpoints

A multi-model endpoint can reduce costs by increasing utilization and requiring fewer compute resources.
"""
    cards = [c for c in cards_of(md) if "utilization" in text_of(c)]
    # the question reads as one; 'A [endpoint] can reduce costs by ...' said the same with a blank
    assert [(c.kind, re.sub(r"<[^>]+>", "", c.front)) for c in cards] == [("qa", "How can a multi-model endpoint reduce costs?")]


def test_a_bare_how_to_answered_only_in_the_exam_scenario_is_dropped():
    md = """# D

## Canvas

Use an Amazon SageMaker Canvas ready-to-use model to detect PII.
This solution requires the least operational overhead because you can use a ready-to-use model.

Configure SageMaker in VPC only mode to block internet access.
Therefore you need no proxy.

## Experiments

Use SageMaker Experiments to track model runs and results.
"""
    fronts = [re.sub(r"<[^>]+>", "", c.front) for c in cards_of(md) if c.kind == "qa"]
    # 'How do you detect PII?' has other right answers (Comprehend, Macie) outside the scenario
    assert not any("detect PII" in f or "internet" in f for f in fronts)
    assert "How do you track model runs and results?" in fronts


def test_a_scenario_how_to_stays_when_its_section_has_no_other():
    md = """# D

## Containers

Extend the prebuilt SageMaker scikit-learn framework container to include custom dependencies.
Therefore you can extend the Docker image.
"""
    fronts = [re.sub(r"<[^>]+>", "", c.front) for c in cards_of(md) if c.kind == "qa"]
    # the section's only card: without it its heading would be on no card
    assert fronts == ["How do you include custom dependencies in the prebuilt SageMaker scikit-learn framework container?"]


def test_a_name_that_answers_what_is_x_is_asked_another_way():
    md = """# D

## Built-in Algorithms

SageMaker provides the following built-in algorithms.

* Linear Learner Algorithm  
    Learns a linear function for regression or a linear threshold function for classification.  

* DeepAR Forecasting Algorithm  
    This supervised learning algorithm is for forecasting scalar (one-dimensional) time series using recurrent neural networks (RNN).  
    Uses: Time-series  

* Object2Vec Algorithm  
    Learns low-dimensional dense embeddings of high-dimensional objects to produce features for downstream models.
"""
    qa = {re.sub(r"<[^>]+>", "", c.front): re.sub(r"<[^>]+>", "", c.answer) for c in cards_of(md) if c.kind == "qa"}
    assert qa.get("Which problem types does Linear Learner Algorithm handle?") == "Regression and classification"
    assert not any(f.startswith("What is Linear Learner") or f.startswith("What is DeepAR Forecasting Algorithm (built-in algorithm)?") for f in qa)
    # DeepAR's use is the cue of its reverse card ('[DeepAR] Forecasting Algorithm: for forecasting ...')
    assert not any("DeepAR" in f for f in qa)
    # a name that does not say what it does keeps its 'What is X?'
    assert any(f.startswith("What is Object2Vec") and "embeddings" in a for f, a in qa.items())


def test_a_how_to_whose_front_names_the_answer_is_dropped():
    md = """# D

## Feature Store

Use Amazon SageMaker Feature Store to store features for reuse across accounts.

## Experiments

Use SageMaker Experiments to track model runs and results.
"""
    fronts = [re.sub(r"<[^>]+>", "", c.front) for c in cards_of(md) if c.kind == "qa"]
    # 'store features' on the front says 'Feature Store'; 'Experiments' is only the heading, which
    # the label drops, so that card stays
    assert not any("store features" in f for f in fronts)
    assert "How do you track model runs and results?" in fronts


def test_a_blank_several_answers_fit_is_dropped():
    md = """# D

## Data Wrangler

SageMaker Data Wrangler is a no-code service that is used to load and process data for use in SageMaker. Additionally, Feature Store supports data lineage tracking.

## Clarify

DPL is a metric that you can use to detect pre-training bias. You can use DPL to avoid ML models that could potentially be biased or discriminatory.

## Pipelines

SageMaker Pipelines is a workflow orchestration service within SageMaker.
"""
    fronts = [re.sub(r"<[^>]+>", "", c.front) for c in cards_of(md) if c.kind == "cloze"]
    assert not any("lineage" in f or "pre-training bias" in f or "discriminatory" in f for f in fronts), fronts
    # a short definition of its own section's subject stays: under a heading that names the answer,
    # as 'What is SageMaker Pipelines?' (the blank's label would be the bare deck name)
    assert any("workflow orchestration service" in c.answer for c in cards_of(md) if c.rule == "what-is")


def test_a_task_list_is_asked_in_order_one_task_at_a_time():
    md = """# D

## Autopilot

SageMaker Autopilot performs the following key tasks.

* Model selection  
    SageMaker Autopilot explores a variety of algorithms.
* Hyperparameter optimization  
    SageMaker Autopilot automates the search for optimal hyperparameter configurations.
* Model deployment  
    SageMaker Autopilot generates the model artifacts and the endpoint.
"""
    (card,) = cards_of(md)
    # 'automates the search for optimal [hyperparameter] configurations' hid the label's own word; the
    # one-card list was what reviewers asked to split: overlapping clozes, each task cued by the one before
    assert card.front == (
        '<div class="steps-intro">SageMaker Autopilot performs these key tasks, in order:</div><ol class="steps">'
        '<li value="1">{{c1::Model selection}}</li><li value="2">{{c2::Hyperparameter optimization}}</li>'
        '<li value="3">{{c3::Model deployment}}</li></ol>'
    )


def test_a_name_in_the_predicate_is_the_blank_when_the_sentence_teaches_it():
    md = """# D

## Networking

When you host SageMaker notebook instances in the private subnet of a VPC, you need a NAT gateway to access the internet.

## Experiments

SageMaker Experiments is a feature of SageMaker Studio that you can use to compare runs.

## Training

An error rate that rapidly decreases as the epochs increase indicates an overfitting problem when training the model.

## Bedrock

After you train a custom model, you need to purchase provisioned throughput for the custom model before you can start using the model.
"""
    fronts = [c.front for c in cards_of(md) if c.rule == "object"]
    # the condition ('in the private subnet') stays: without it the fact is false
    assert fronts == [
        "When you host SageMaker notebook instances in the private subnet of a VPC, you need a {{c1::NAT gateway::network resource}} to access the internet.",
        "An error rate that rapidly decreases as the epochs increase indicates an {{c1::overfitting}} problem when training the model.",
        "After you train a custom model, you need to purchase {{c1::provisioned throughput}} for the custom model before you can start using the model.",
    ]


def test_a_definition_is_asked_both_ways():
    md = """# D

## SageMaker

### Pipelines

SageMaker Pipelines is a workflow orchestration service within SageMaker.

## Databases

A vector database is a type of database that can handle vector data.
"""
    cards = cards_of(md)
    assert [(c.kind, c.context, c.front, c.answer) for c in cards] == [
        ("cloze", "SageMaker", "{{c1::SageMaker Pipelines}} is a workflow orchestration service within SageMaker.", ""),
        ("qa", "SageMaker › Pipelines", "What is <b>SageMaker Pipelines</b>?", "A workflow orchestration service within SageMaker"),
    ]  # 'a type of database that can handle vector data' names the answer: no card either way


def test_a_blank_its_only_heading_names_moves_to_what_else_the_sentence_names():
    md = """# D

## Step Functions

Step Functions is a serverless orchestration service that you can use to coordinate multiple AWS services into workflows.

## Glue

AWS Glue can be used to interact with the Apache Spark framework engine for data engineering.
"""
    cards = cards_of(md)
    clozes = [(c.context, c.front) for c in cards if c.kind == "cloze"]
    assert clozes == [
        ("Glue", "AWS Glue can be used to interact with the {{c1::Apache Spark}} framework engine for data engineering."),
    ]
    # Step Functions' sentence is asked as 'What is Step Functions?': a moved blank would ask it again
    assert [c.front for c in cards if c.kind == "qa"] == ["What is <b>Step Functions</b>?"]


def test_an_api_name_is_not_given_away_by_one_of_its_words():
    md = """# D

## Monitoring

You can use the ModelExplainabilityMonitor class to generate a feature attribution baseline and to deploy a monitoring mechanism.
"""
    (card,) = cards_of(md)
    assert card.front.startswith("You can use the {{c1::ModelExplainabilityMonitor class")


def test_a_reverse_card_drops_the_clause_that_names_the_term():
    md = """# D

## Model Types

* Forecasting  
    This option includes time series models like autoregressive integrated moving average (ARIMA) for forecasting future values based on past data.
* Clustering  
    This option includes algorithms like k-means and DBSCAN for segmenting data into groups.
"""
    fronts = [c.front for c in cards_of(md) if c.kind == "cloze"]
    assert "{{c1::Forecasting::model type}}: includes time series models like autoregressive integrated moving average (ARIMA)." in fronts


def test_a_name_at_the_head_of_a_term_is_the_blank_when_the_rest_leaks():
    md = """# D

## Built-in Algorithms

* DeepAR Forecasting Algorithm  
    This supervised learning algorithm is for forecasting scalar (one-dimensional) time series using recurrent neural networks (RNN).  
    Uses: Time-series
* Linear Learner Algorithm  
    Learns a linear function for regression or a linear threshold function for classification.
"""
    cards = cards_of(md)
    deepar = [c for c in cards if "DeepAR" in c.front + c.answer]
    # 'Forecasting' shows, 'DeepAR' is to recall; 'used for? Time-series' would repeat what the cue says
    assert [(c.kind, c.front) for c in deepar] == [
        ("cloze", "{{c1::DeepAR}} Forecasting Algorithm: for forecasting scalar (one-dimensional) time series using recurrent neural networks (RNN)."),
    ]


def test_steps_with_one_step_to_ask_make_no_card():
    md = """# D

## Bedrock

To use a knowledge base in Amazon Bedrock, you must first create an S3 bucket.

1. Create an Amazon S3 bucket.
2. Create and configure the knowledge base.
3. Ingest the data into the knowledge base.
"""
    assert not [c for c in cards_of(md) if c.rule == "steps"]


def test_a_term_word_other_items_say_too_does_not_stop_its_reverse_card():
    md = """# D

## Data Wrangler

SageMaker Data Wrangler split transform:

- Randomized split: splits data randomly among train, test, and validation at predefined ratios. This strategy is best when you want to shuffle the order of your input data.
- Ordered split: maintains the order of the input data and performs a non-overlapping split among train, test, and validation, which is optional, at predefined ratios.
"""
    fronts = [c.front for c in cards_of(md) if c.kind == "cloze"]
    # 'order' is in Randomized split's description too: it tells neither apart
    assert "{{c1::Ordered split::split transform}}: maintains the order of the input data and performs a non-overlapping split among train, test, and validation at predefined ratios." in fronts


def test_most_suitable_for_is_when_to_use_and_a_counted_list_is_one_card():
    md = """# D

## Bedrock

Provisioned throughput mode is most suitable for large, consistent inference workloads that need assured throughput. Serverless endpoints are the most suitable for this scenario.

Amazon Bedrock offers two methods for model customization: fine-tuning and continued pre-training.
"""
    qa = [(c.front, c.answer) for c in cards_of(md) if c.kind == "qa"]
    assert ("When do you use <b>Provisioned throughput mode</b>?", "For large, consistent inference workloads that need assured throughput") in qa
    assert ("Which two methods for model customization does Amazon Bedrock offer?", "Fine-tuning and continued pre-training") in qa
    assert not any("Serverless" in f for f, _ in qa)  # 'for this scenario': the exam's, not a fact


def test_a_capability_is_asked_both_ways_when_the_notes_give_one_use():
    md = """# D

## Labeling

You can use SageMaker Ground Truth to efficiently label and annotate datasets.

## Monitoring

Use Amazon CloudWatch to monitor instance metrics. You can use CloudWatch to send notifications when feature attribution drift has occurred. You can use Data Capture to record request and response payloads for model retraining. You can use Data Capture to debug endpoint latency in production.
"""
    cards = cards_of(md)
    qa = [(c.front, c.answer) for c in cards if c.rule == "purpose"]
    # CloudWatch is a general AWS service (many answers); Data Capture has two uses here
    assert qa == [("What do you use <b>SageMaker Ground Truth</b> for?", "To efficiently label and annotate datasets")]
    assert any(c.front.startswith("You can use {{c1::SageMaker Ground Truth") for c in cards)


def test_one_fact_in_two_sections_is_one_card():
    md = """# D

## Bedrock

### Retrieval

You can use Amazon Bedrock knowledge bases to build a repository of information for RAG applications.

### Throughput

Knowledge bases for Amazon Bedrock provide you with the capability to amass data sources into a repository of information.
"""
    clozes = [c for c in cards_of(md) if c.kind == "cloze"]
    assert len(clozes) == 1, [c.front for c in clozes]
    assert "amass data sources into a repository of information" in clozes[0].extra


def test_a_phrase_set_in_bold_is_the_blank_of_its_sentence():
    md = """# D

## Inheritance

Inheritance is best used with relating **subtypes** to larger categories. A method with the **same name and parameters** as a parent's method overrides it. This is **not** always true. Overriding is for methods of the same name, **same parameters**, and different classes.

## Layers

The **pooling layers** are in charge of downsampling the spatial dimensions of the input.
"""
    fronts = [c.front for c in cards_of(md) if c.rule == "emphasis"]
    # 'not' is no term, a sentence that denies something is never a card, one item of a list is no blank
    assert fronts == [
        "Inheritance is best used with relating {{c1::subtypes}} to larger categories.",
        "A method with the {{c1::same name and parameters}} as a parent's method overrides it.",
        "The {{c1::pooling layers}} are in charge of downsampling the spatial dimensions of the input.",
    ]


def test_a_second_fact_with_its_own_card_leaves_the_first_cards_back():
    md = """# D

## SageMaker

### Canvas

SageMaker Canvas is a visual interface you can use for building ML prediction models. SageMaker Canvas gives data analysts the ability to build ML models without writing code. SageMaker Canvas provides a code-free, visual, drag-and-drop environment to create ML models. You can use SageMaker Canvas to analyze text documents to identify and provide confidence scores for PII entities.

### Model Cards

SageMaker Model Cards is a service that you can use to document the business details of models in one place. You can use model cards to document details including the background of models.
"""
    cards = cards_of(md)
    canvas = [c for c in cards if c.kind == "cloze" and "Canvas" in c.front]
    # 'the ability to build ML models without code', 'a code-free, visual ... environment': the definition
    # ('a visual interface') said again, never a card of their own; the PII models are another fact
    assert len(canvas) == 2 and "PII entities" in canvas[1].front
    assert "PII entities" not in canvas[0].extra  # the second fact is a card, not a line of the first's back
    # 'model cards' is what 'SageMaker Model Cards' names: asked by 'What is ...?', never again by 'What do you use ... for?'
    assert [c.front for c in cards if c.rule in ("what-is", "purpose") and "odel" in c.front] == ["What is <b>SageMaker Model Cards</b>?"]


def test_a_blank_other_things_fit_is_asked_the_other_way():
    md = """# D

## SageMaker

### Jobs

SageMaker processing jobs provide ready-to-use Docker images for popular ML frameworks and tools. SageMaker Data Wrangler jobs can be scheduled to run periodically as SageMaker processing jobs. SageMaker batch transform supports processing times up to multiple days.

### Metrics

Amazon CloudWatch provides detailed monitoring of SageMaker instances.
"""
    cards = cards_of(md)
    # '[jobs] provide ready-to-use Docker images': training jobs fit too (every review); the other
    # direction has one answer. A general AWS service keeps its blank ('What does CloudWatch provide?' has
    # many). '[jobs] can be scheduled ...' and '[SageMaker feature] supports ... multiple days' fit many
    # things either way ('What does batch transform support?'): no card
    assert [(c.kind, c.front, c.answer) for c in cards] == [
        ("qa", "What do <b>SageMaker processing jobs</b> provide?", "Ready-to-use Docker images for popular ML frameworks and tools"),
        ("cloze", "{{c1::Amazon CloudWatch::AWS service}} provides detailed monitoring of SageMaker instances.", ""),
    ]


def test_a_recommendation_asks_in_what_when_the_answer_names_it():
    md = """# D

## Containers

Extend the prebuilt SageMaker scikit-learn framework container to include custom dependencies.
"""
    (card,) = cards_of(md)
    assert (card.front, card.answer) == (
        "How do you include custom dependencies in the prebuilt SageMaker scikit-learn framework container?",
        "Extend the container",
    )


def test_a_label_is_a_place_and_no_bare_api_constant_is_a_blank():
    md = """# D

## IAM

IAM roles provide permissions to AWS services or users to access AWS resources securely.

## Tuning

You can use a warm start tuning job to reuse earlier results. The TRANSFER_LEARNING setting can use different input data and hyperparameter ranges than the parent tuning jobs.
"""
    fronts = [c.front for c in cards_of(md)]
    # '[...] can use different input data ...': which setting? (every review)
    assert not any("TRANSFER_LEARNING" in f for f in fronts), fronts
    # a heading that names part of the answer is still a place: 'IAM', never the bare deck name; and
    # '[...] provide permissions' (IAM policies fit too) is asked the other way
    assert [(c.context, c.front) for c in cards_of(md) if "IAM" in c.front] == [("IAM", "What do <b>IAM roles</b> provide?")]


def test_a_provides_sentence_that_gives_its_blank_away_is_asked_the_other_way():
    md = """# D

## Databases

Vector databases provide fast similarity search and retrieval based on vector proximity.

## Endpoints

SageMaker endpoints support a one-time or recurring scheduled scaling action to change the capacity of the endpoint.
"""
    qa = [(c.front, c.answer) for c in cards_of(md) if c.kind == "qa"]
    # 'vector proximity' gives '[Vector] databases' away; 'What do SageMaker endpoints support?' has many answers
    assert qa == [("What do <b>vector databases</b> provide?", "Fast similarity search and retrieval based on vector proximity")]


def test_a_hedged_commonplace_is_no_card():
    md = """# D

## Databases

Relational databases typically use tables with rows and columns. A relational database handles structured data that has defined relationships.
"""
    assert not any("rows and columns" in c.front for c in cards_of(md))
