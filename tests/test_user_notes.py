"""Acceptance on the user's real notes (../shared): skipped on a machine without it."""

from __future__ import annotations

from pathlib import Path

from conftest import shared_path

from studydeck.build.pipeline import load
from studydeck.model import Comparison
from studydeck.report import Report

DOMAINS = [
    "IAM",
    "S3",
    "Step Functions",
    "SageMaker",
    "Bedrock",
    "Glue",
    "Databases",
    "Evaluation Metrics",
    "Correlation Metrics",
    "Computing",
    "Training",
    "Costs",
    "Responsible AI",
]


def _notes():
    report = Report(quiet=True)
    notes = load(shared_path("notes"), report)
    return notes, report


def test_thirteen_domains():
    notes, _ = _notes()
    assert [d.title for d in notes[0].domains] == DOMAINS


def _terms(items):
    for t in items:
        yield t.term
        yield from _terms(t.children)


def test_sagemaker_comparisons_found():
    notes, _ = _notes()
    sm = next(d for d in notes[0].domains if d.title == "SageMaker")
    by_section: dict[str, set[str]] = {}
    for s in sm.sections:
        for b in s.blocks:
            if isinstance(b, Comparison):
                by_section.setdefault(s.title, set()).update(_terms(b.items))
    assert {
        "General Purpose",
        "Compute Optimized",
        "Memory Optimized",
        "Accelerated Computing",
        "Inference",
    } <= by_section["Instance Types"]
    assert {"Workload requirements", "Cost", "Integration with other AWS services"} <= by_section["Instance Types"]
    assert {"Problem type", "Interpretability", "Domain knowledge"} <= by_section["Model Selection"]
    assert {"Generalized linear models", "Tree-based models", "Computer vision"} <= by_section["Model Types"]
    algos = {
        "Linear Learner Algorithm",
        "XGBoost Algorithm",
        "K-Means Algorithm",
        "IP Insights",
        "BlazingText Algorithm",
        "ResNet",
        "DeepAR Forecasting Algorithm",
    }
    assert algos <= by_section["Built-in Algorithms"]
    assert {"Data analysis and processing", "Hyperparameter optimization", "Model deployment"} <= by_section[
        "Autopilot (AutoML)"
    ]
    assert by_section["Data Wrangler"] >= {"Randomized split", "Ordered split", "Stratified split", "Split by key"}


def test_missing_images_warn_once_each():
    _, report = _notes()
    images = [str(w) for w in report.warnings if "image" in w.message]
    assert len(images) == 3
    for name, line in (("instance_types.png", 27), ("built_in_types.png", 142), ("automl_process.png", 266)):
        assert any(f"aws-ml-engineer-study-notes.md:{line}:" in w and name in w for w in images)


def test_build_gives_deck_and_sheets_for_its_thirteen_domains(user_notes_build: Path):
    assert len(list(user_notes_build.glob("*.apkg"))) == 1
    # SageMaker's own sheet and runs of the small domains (not thirteen pages, most near-empty)
    sheets = [p.stem for p in (user_notes_build / "cheatsheets").glob("*.pdf") if p.name != "all.pdf"]
    assert 3 <= len(sheets) <= 8 and "sagemaker" in sheets
