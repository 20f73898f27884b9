"""The card engine knows no notes file: no vendor, product or exam phrase of the first user's notes in its
code or word lists; and the dumps of whole decks as plain text, so every rule change is a reviewable diff."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, shared_path

from studydeck.build.pipeline import load
from studydeck.cards import make_cards
from studydeck.report import Report
from tools.card_text import card_text

# The names of the services and the exam phrases of the first user's notes (../shared/notes).
USER_NAMES = re.compile(
    r"SageMaker|CloudWatch|EventBridge|Bedrock|\bAWS\b|Amazon|\bS3\b|\bEC2\b|\bIAM\b|\bGlue\b|Redshift|Kinesis|"
    r"Athena|Lambda|DynamoDB|Step Functions|Autopilot|Data Wrangler|Feature Store|Clarify|Ground Truth|"
    r"most cost-effective|least operational overhead|ML startup",
    re.I,
)
ENGINE = [ROOT / "studydeck" / "cards", ROOT / "studydeck" / "words", ROOT / "studydeck" / "notes" / "analyse.py"]


def _engine_files() -> list[Path]:
    out = []
    for p in ENGINE:
        out.extend(sorted(p.rglob("*.py")) + sorted(p.rglob("*.toml")) if p.is_dir() else [p])
    return out


def _strings(path: Path) -> list[str]:
    """String constants of a module (docstrings and comments may name an example; code may not), or every
    line of a data file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    tree = ast.parse(text)
    docs = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body and isinstance(n.body[0], ast.Expr)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def test_engine_names_no_vendor_or_phrase_of_one_notes_file():
    found = [(p.relative_to(ROOT), s) for p in _engine_files() for s in _strings(p) if USER_NAMES.search(s)]
    assert _engine_files() and not found, found


def test_the_check_sees_a_name_where_one_is():
    assert USER_NAMES.search('if term.startswith("SageMaker"):')


# -- golden dumps ----------------------------------------------------------------------------------------

GOLDEN = ROOT / "tests" / "golden"
REFRESH = os.environ.get("STUDYDECK_REFRESH_GOLDEN") == "1"


def _dump(path: Path) -> str:
    cards = [c for nf in load(path, Report(quiet=True)) for c in make_cards(nf)]
    return "\n".join(f"--- [{c.kind}/{c.rule}] line {c.source.line}\n{card_text(c)}" for c in cards) + "\n"


def _check(name: str, text: str) -> None:
    target = GOLDEN / f"{name}.txt"
    if REFRESH or not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if not REFRESH:
            pytest.fail(f"{target} was missing and is now written: review it and commit it")
    assert text == target.read_text(encoding="utf-8"), (
        f"the cards of {name} changed: review `git diff` after STUDYDECK_REFRESH_GOLDEN=1 make test"
    )


def test_sample_notes_deck_dump():
    _check("sample", _dump(ROOT / "source"))


CORPUS = sorted((ROOT.parent / "shared" / "corpus").glob("*.md"))


@pytest.mark.parametrize("name", [p.stem for p in CORPUS] or ["corpus"])
def test_corpus_deck_dump(name):
    corpus = shared_path("corpus")
    _check(f"corpus/{name}", _dump(corpus / f"{name}.md"))


def test_user_notes_deck_dump():
    notes = shared_path("notes")
    _check("user-notes", _dump(notes))
