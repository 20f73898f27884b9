"""Front matter of any kind: values as plain data, used keys checked, lines kept for file:line."""

from __future__ import annotations

import json

import pytest

from studydeck.notes.frontmatter import split
from studydeck.report import Report

# (text, keys expected, warnings expected)
CASES = [
    (
        "---\ndate: 2024-01-02\ncreated: 2024-01-02T10:00:00\n---\n# T\n",
        {"date": "2024-01-02", "created": "2024-01-02T10:00:00"},
        [],
    ),
    ("---\ntitle: 1984\n...\n# T\n", {"title": "1984"}, []),
    ("---\n---\n# T\n", {}, []),
    ("---\n# not closed\n", {}, []),  # a horizontal rule, then a heading
    (
        '+++\ntitle = "T"\ndate = 2024-05-01T08:00:00Z\n[params]\nx = 1\n+++\n',
        {"title": "T", "date": "2024-05-01T08:00:00+00:00", "params": {"x": 1}},
        [],
    ),
    ("+++\ntitle = \n+++\n", {}, ["f.md:2: warning: front matter is not valid TOML, ignored (Invalid value)"]),
    ("---\ntags: '#a, b/c  d'\n2: two\nnull: ~\n---\n", {"tags": ["a", "b::c", "d"], "2": "two", "None": None}, []),
    ("---\ntitle: true\n---\n", {}, ["f.md:2: warning: front matter `title` should be text; ignored"]),
    (
        "---\nhints:\n  service: [Pub/Sub, 3]\n  algorithm: XGBoost, k-NN\n---\n",
        {"hints": {"service": ["Pub/Sub", "3"], "algorithm": ["XGBoost", "k-NN"]}},
        [],
    ),
    (
        "---\ntitle: T\nhints: [Pub/Sub]\n---\n",
        {"title": "T"},
        [
            "f.md:3: warning: front matter `hints` should be kinds with their names, "
            "e.g. `hints: {service: [Pub/Sub, Cloud Monitoring]}`; ignored"
        ],
    ),
    (
        "---\nsheet: {per: page}\n---\n",
        {"sheet": {}},
        ["f.md:2: warning: front matter `sheet: per:` should be `domain` or `file`; ignored"],
    ),
]


@pytest.mark.parametrize("text, keys, warnings", CASES)
def test_front_matter(text, keys, warnings):
    report = Report(quiet=True)
    meta, body = split(text, "f.md", report)
    assert meta == keys
    json.dumps(meta)  # hashed into cache keys: must be plain data
    assert [str(w) for w in report.warnings] == warnings
    assert body.count("\n") == text.count("\n")  # every line below keeps its number
    if keys or warnings:
        assert not body.lstrip("\n").startswith(("---", "+++"))
