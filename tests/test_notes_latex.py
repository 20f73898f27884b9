"""Raw LaTeX among Markdown read as Markdown (studydeck/notes/latex.py): lines kept, math and code untouched."""

from __future__ import annotations

import random

import pytest

from studydeck.notes.latex import _Reader, to_markdown

PIECES = [
    "\\begin{itemize}",
    "\\end{itemize}",
    "\\begin{enumerate}",
    "\\end{enumerate}",
    "\\item ",
    "\\textbf{",
    "\\emph{",
    "}",
    "{",
    "\\footnote{",
    "\\box{Title}{",
    "$x^{2}$",
    "$",
    "$$",
    "\\[",
    "\\]",
    "`",
    "```",
    "\n",
    "\n\n",
    "    ",
    "word ",
    "--",
    "\\",
    "\\far{x}",
    "C:\\Users\\me",
    "\\begin{equation}",
    "\\end{equation}",
    "\\def\\x{",
    "\\includegraphics[width=1]{a.png}",
    "\\href{http://a.b}{",
    "\\url{x}",
    "\\section*{",
    "\\frac{1}{2}",
]


def test_lists_nest_and_items_keep_their_lines():
    src = (
        "\\begin{enumerate}\n\\item \\textbf{One} thing\n"
        "  \\begin{itemize} \\item inner \\end{itemize}\n\\item Two\n\\end{enumerate}"
    )
    assert to_markdown(src).split("\n") == ["", "1. **One** thing", "    - inner ", "2. Two", ""]


def test_math_code_and_unknown_commands_stay_as_written():
    src = "Mass $\\textbf{m}$ and\n\\[\\emph{x}\\]\n`\\textbf{y}` \\alpha and \\unknown\n```\n\\item z\n```"
    assert to_markdown(src) == src


def test_a_box_titles_its_body_and_a_footnote_is_pandocs():
    src = "\\notebox{Key idea}{\nCells divide\\footnote{by \\emph{mitosis} in most tissues}\n}"
    assert to_markdown(src) == "**Key idea**:\nCells divide^[by *mitosis* in most tissues]\n"


@pytest.mark.parametrize("seed", range(200))
def test_any_mix_keeps_every_line_and_never_fails(seed):
    rnd = random.Random(seed)
    src = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 40)))
    assert _Reader(src).run().count("\n") == src.count("\n")  # (not by to_markdown's fallback to the text)
    to_markdown(src)


def test_links_headings_and_two_arguments_that_are_no_box():
    src = "\\section*{Intro}\nSee \\href{https://x.org/a}{the \\textbf{docs}}, \\url{https://y.org}; "
    src += "half is \\frac{1}{2}."
    assert to_markdown(src) == "## Intro\nSee [the **docs**](https://x.org/a), <https://y.org>; half is \\frac{1}{2}."


def test_indices_and_plain_text_commands_are_no_emphasis():
    src = "H\\textsubscript{2}O, Gram\\textsuperscript{+}, \\underline{key} words"
    assert to_markdown(src) == "H~2~O, Gram^+^, key words"
