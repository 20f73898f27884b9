"""A brand prefix of a file's names ('<Vendor> Lens', then 'Lens') is found in the notes themselves and left
out on the sheet; notes of another vendor find theirs, and notes of a field without one keep every name."""

from __future__ import annotations

import re
from pathlib import Path

from studydeck.model import Link, Source
from studydeck.notes.analyse import analyse_notes
from studydeck.notes.parse import parse_notes
from studydeck.report import Report
from studydeck.sheets.brands import brand_prefixes, strip
from studydeck.sheets.condense import condense, ref_label

GOOGLE = """# Cloud data

## Storage and analytics

Google BigQuery is a serverless data warehouse for SQL analytics.
Google Bigtable is a wide-column database for time series.
Google Dataflow is a managed service for stream and batch pipelines.

- Load files from Cloud Storage into BigQuery with a load job.
- BigQuery bills by the bytes a query scans, so select only the columns you need.
- Bigtable keeps rows sorted by key: design the key so that writes spread out.
- Dataflow runs Apache Beam pipelines; Dataflow scales its workers on its own.
- Use BigQuery for ad hoc SQL over terabytes, Bigtable for single-digit millisecond reads.
- [Google BigQuery pricing](https://cloud.google.com/bigquery/pricing)
"""

AZURE = """# Azure notes

## Serverless

Azure Functions is an event-driven compute service that runs code on demand.
Azure Cosmos is a globally distributed database with five consistency levels.
Azure Monitor is the service that collects metrics and logs.

- A trigger starts Functions: an HTTP request, a queue message or a timer.
- Cosmos replicates data to the regions you choose; Cosmos bills by request units.
- Monitor alerts fire when a metric crosses its threshold; Monitor keeps logs for 30 days.
- Use Functions for short tasks and Cosmos for data that needs low latency everywhere.
"""

BIOLOGY = """# Cell biology

## Organelles

The Golgi apparatus is the organelle that packages proteins.
Mitochondria are the organelles that make ATP by the Krebs cycle and the Electron Transport Chain.
The Krebs cycle is a series of reactions in the Mitochondrial Matrix.

- The Golgi apparatus modifies proteins from the Rough Endoplasmic Reticulum.
- The Smooth Endoplasmic Reticulum makes lipids; the Rough Endoplasmic Reticulum has ribosomes.
- Use a Light Microscope for whole cells and an Electron Microscope for organelles.
- Light Microscope magnification reaches 1500 times; Electron Microscope resolution is far finer.
"""


def _domain(text: str):
    nf = parse_notes(text, "n.md", Path("."), Path("."), Report(quiet=True))
    analyse_notes(nf)
    return nf, nf.domains[0]


def test_each_vendor_s_prefix_is_found_in_its_own_notes():
    assert brand_prefixes(_domain(GOOGLE)[1]) == {"Google"}
    assert brand_prefixes(_domain(AZURE)[1]) == {"Azure"}


def test_a_field_without_a_vendor_keeps_every_name_whole():
    # 'Rough' / 'Electron' / 'Light' stand before names too, but the notes never write those names alone
    assert brand_prefixes(_domain(BIOLOGY)[1]) == frozenset()


def test_the_sheet_leaves_the_prefix_out_of_definitions_answers_and_references():
    nf, domain = _domain(GOOGLE)
    sheet = condense(domain, nf.deck)
    keys = [i.key for i in sheet.items() if i.kind == "def"]
    assert "BigQuery" in keys and "Bigtable" in keys and not any(k.startswith("Google") for k in keys)
    assert ref_label(sheet.links[0], sheet.title, sheet.brands) == "BigQuery pricing"
    nf, domain = _domain(AZURE)
    keys = [i.key for i in condense(domain, nf.deck).items() if i.kind == "def"]
    assert "Functions" in keys and not any(k.startswith("Azure") for k in keys)
    nf, domain = _domain(BIOLOGY)
    text = " ".join(f"{i.key} {i.value}" for i in condense(domain, nf.deck).items())
    assert "Rough Endoplasmic Reticulum" in text or "Golgi apparatus" in text


def test_strip_leaves_a_prefix_before_a_lower_case_word():
    assert strip("Acme Lens and Acme services", frozenset({"Acme"})) == "Lens and Acme services"
    assert ref_label(Link("u", "Acme Lens pricing", Source("n.md", 1))) == "Acme Lens pricing"


def test_the_sheet_code_names_no_vendor_or_product_of_one_notes_file():
    from conftest import ROOT
    from test_card_engine_general import USER_NAMES, _strings

    files = sorted((ROOT / "studydeck" / "sheets").glob("*.py")) + sorted((ROOT / "templates" / "sheet").glob("*"))
    tex = re.compile(r"\\?\b(?:lambda|Lambda)\b(?= mu| Xi)")  # TeX's Greek letters are no product
    found = [(p.name, s) for p in files for s in _strings(p) if USER_NAMES.search(tex.sub("", s))]
    assert files and not found, found
