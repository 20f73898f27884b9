"""A notes file's domains taken from its last parse (notes/parts.py): a rebuild after an edit gives what a clean
build of the edited notes gives, whatever the edit changed around the domains it takes."""

from __future__ import annotations

from pathlib import Path

import pytest

from studydeck import markdown
from studydeck.build.pipeline import Options, build
from studydeck.notes import parts as reuse
from studydeck.report import Report
from tests.test_cache import PNG

ROOT = Path(__file__).resolve().parent.parent

NOTES = """# Part Notes

## Alpha

Alpha splitting is how the data is divided. See [the guide][guide].

- **Randomized split**: rows are shuffled before they are divided.
- **Ordered split**: the first rows train, the rest test.

![diagram](img/pic.png)

## Beta

Scoring Engine is a service that ranks trained models by their validation accuracy.

1. Collect the data.
2. Train the model.

### Beta details

A ranking is recomputed when a model is trained again.

## Gamma

Gamma rays are photons of the highest energy. Read [more][guide].

[guide]: https://example.com/guide
"""

EDITS = {
    "one domain's text": lambda t: t.replace("Scoring Engine is", "Scoring Engine, a new line,\n\nis"),
    "lines added above the others": lambda t: t.replace("## Alpha\n", "## Alpha\n\nA new first line.\n\n"),
    "a neighbouring domain's heading": lambda t: t.replace("## Beta\n", "## Alpha\n"),
    "a heading level of another domain": lambda t: t.replace("## Gamma", "# Gamma"),
    "a link reference another domain defines": lambda t: t.replace("example.com/guide", "example.org/other"),
    "a language the file now reads in": lambda t: t.replace(
        "Gamma rays are photons of the highest energy.",
        "Il gatto è un animale che vive con le persone e la casa è la sua. Il cane non è un gatto e la casa "
        "è del cane. La mela è un frutto e il frutto è della pianta. " * 12,
    ),
}


def _deck(src: Path, out: Path):
    rep = Report(quiet=True)
    result = build(Options(src, out, "deck", jobs=1), rep)
    return result, [(str(w.where), w.message) for w in rep.warnings]


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_rebuild_after_an_edit_is_a_clean_build_of_the_edited_notes(tmp_path, edit):
    src = tmp_path / "src"
    src.mkdir()
    (src / "notes.md").write_text(NOTES, encoding="utf-8")
    _deck(src, tmp_path / "out")
    (src / "notes.md").write_text(EDITS[edit](NOTES), encoding="utf-8")
    taken: list[int] = []
    real = reuse.Parts.take
    try:
        reuse.Parts.take = lambda self, wanted: (lambda got: taken.append(len(got)) or got)(real(self, wanted))
        again, said_again = _deck(src, tmp_path / "out")
    finally:
        reuse.Parts.take = real
    clean, said_clean = _deck(src, tmp_path / "clean")
    assert again.notes == clean.notes  # every domain, section, block, analysis and line
    assert said_again == said_clean
    assert list(again.cards) == list(clean.cards)
    if edit in ("one domain's text", "lines added above the others"):
        assert taken == [2]  # the two domains the edit left alone were not parsed again


def test_a_taken_domain_looks_again_for_the_files_it_looked_for(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "notes.md").write_text(NOTES, encoding="utf-8")
    _, said = _deck(src, tmp_path / "out")
    assert any("pic.png" in message for _, message in said)
    (src / "img").mkdir()
    (src / "img" / "pic.png").write_bytes(PNG)
    (src / "notes.md").write_text(EDITS["one domain's text"](NOTES), encoding="utf-8")
    again, said_again = _deck(src, tmp_path / "out")
    clean, said_clean = _deck(src, tmp_path / "clean")
    assert again.notes == clean.notes
    assert said_again == said_clean
    assert not any("pic.png" in message for _, message in said_again)


def _corpus() -> list[Path]:
    shared = ROOT.parent / "shared"
    return sorted((shared / "corpus").glob("*.md")) + sorted((shared / "notes").glob("*.md"))


@pytest.mark.skipif(not _corpus(), reason="needs ../shared/corpus")
def test_the_lines_under_a_top_level_heading_parse_alone_as_they_do_in_their_file():
    """What parts.key rests on: markdown-it parses the lines from one heading at the top of the tree to the
    next as it parses them in the whole file, given the file's link references."""
    for path in _corpus():
        text = path.read_text(encoding="utf-8", errors="replace")
        env: dict = {}
        tokens = markdown.parser().parse(text, env)
        lines = text.split("\n")
        heads = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
        for here, after in zip(heads, [*heads[1:], len(tokens)], strict=True):
            first = tokens[here].map[0]
            end = tokens[after].map[0] if after < len(tokens) else len(lines)
            alone = markdown.parser().parse(
                "\n".join(lines[first:end]) + ("\n" if end < len(lines) else ""),
                {"references": dict(env.get("references", {}))},
            )
            for a, w in zip(alone, tokens[here:after], strict=True):
                shifted = [m + first for m in a.map] if a.map else None
                assert (
                    a.type,
                    a.content,
                    a.attrs,
                    [(c.type, c.content, c.attrs) for c in a.children or []],
                    shifted,
                ) == (
                    w.type,
                    w.content,
                    w.attrs,
                    [(c.type, c.content, c.attrs) for c in w.children or []],
                    w.map,
                ), f"{path.name}:{first + 1}"
