r"""Stage 2a: raw LaTeX among the Markdown (notes meant for Pandoc and a PDF) read as Markdown, line for line.

Lists (`\begin{itemize}`, `\item`) become Markdown lists with their nesting, `\textbf`/`\emph` bold and
italic, a footnote a Pandoc footnote `^[...]`, a box macro `\somebox{Title}{...}` its title in bold over its
body, a one-argument macro around a few words (`\drug{aspirin}`) those words in italic, `\includegraphics`
an image; layout commands (`\centering`, `\tightlist`) go. Math (`$...$`, `\[...\]`, `equation`), code
spans and code blocks are left as they are, and so is anything not understood. No line is added or removed,
so file:line holds."""

from __future__ import annotations

import functools
import re
import tomllib

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_NAME = re.compile(r"[A-Za-z]+\*?")
_MARKUP_WORDS = 5
"""A one-argument macro around this many words or fewer marks them up (a name, a term): italic."""
_MARGIN_WORDS = 6
"""A margin note this short is a pointer ('see vancomycin'), read in parentheses where it stands."""
_TITLE_WORDS = 10
_BODY_WORDS = 3
"""A box holds text: its second argument a few words at least ('\\frac{1}{2}' is no box)."""
"""A box's title is a short line: longer, its first argument is no title."""


@functools.cache
def _tex() -> dict:
    from .. import words  # here: notes with no backslash never need the list

    with open(words.HERE / "code" / "latex.toml", "rb") as f:
        return tomllib.load(f)


def to_markdown(text: str) -> str:
    """`text` with its raw LaTeX blocks read as Markdown (see the module); the same number of lines."""
    if "\\" not in text:
        return text
    out = _Reader(text).run()
    return out if out.count("\n") == text.count("\n") else text  # (a line lost or made: file:line first)


def _closing(src: str, i: int) -> int:
    """Where the brace group opening at `src[i]` ('{') closes; -1 if it never does."""
    depth = 0
    j = i
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


class _Reader:
    def __init__(self, src: str):
        self.src = src
        self.i = 0
        self.out: list[str] = []
        self.frames: list[dict] = []  # open groups ({"end": index, "close": mark}) and environments
        self.fresh = True  # nothing written on this line yet
        self.prev_blank = True
        self.in_md_list = False  # the last line with text was a Markdown list's (indented text there is no code)
        self.tex = _tex()

    # -- writing ---------------------------------------------------------------------------------------------
    def lists(self) -> list[dict]:
        return [f for f in self.frames if f.get("list")]

    def inside(self) -> bool:
        """Inside a LaTeX environment or box: the lines' own indents mean nothing to Markdown."""
        return any("env" in f or f.get("box") for f in self.frames)

    def emit(self, s: str) -> None:
        if self.fresh and not s.strip() and self.inside():
            return  # spaces between commands at a line's start ('\\begin{itemize} \\item'): no indent
        if self.fresh and s.strip():
            depth = len(self.lists())
            if depth:
                self.out.append("    " * depth)  # a line of an item's text, under the item
            self.fresh = False
        self.out.append(s)

    def trim(self) -> None:
        """Spaces just written go (before a footnote mark, or a closing emphasis mark)."""
        while self.out and self.out[-1] and not self.out[-1].strip(" \t") and "\n" not in self.out[-1]:
            self.out.pop()
        if self.out and self.out[-1] != self.out[-1].rstrip(" \t"):
            self.out[-1] = self.out[-1].rstrip(" \t")

    # -- reading ---------------------------------------------------------------------------------------------
    def run(self) -> str:
        src = self.src
        self.line_start()
        while self.i < len(src):
            c = src[self.i]
            if c == "\n":
                self.newline()
            elif c == "}" and self.frames and self.frames[-1].get("end") == self.i:
                self.close_group()
            elif c == "`":
                self.code_span()
            elif c == "$":
                self.dollars()
            elif c == "\\":
                self.command()
            elif c == "-" and src.startswith("--", self.i) and self.frames:
                # TeX's dashes, in TeX's text: '---' an em dash, '--' an en dash
                dash = "---" if src.startswith("---", self.i) else "--"
                self.emit("\u2014" if dash == "---" else "\u2013")
                self.i += len(dash)
            else:
                self.emit(c)
                self.i += 1
        return "".join(self.out)

    def newline(self) -> None:
        line = "".join(self.out).rsplit("\n", 1)[-1]
        blank = not line.strip()
        if not blank:
            self.in_md_list = bool(re.match(r"\s*(?:[-*+]|\d+[.)])\s", line)) or (self.in_md_list and line[:1] in " \t")
        self.prev_blank = blank
        self.out.append("\n")
        self.i += 1
        self.fresh = True
        self.line_start()

    def line_start(self) -> None:
        """At a line's start: a code block outside LaTeX is copied as it is; inside LaTeX the indent goes."""
        src, i = self.src, self.i
        end = src.find("\n", i)
        end = len(src) if end < 0 else end
        line = src[i:end]
        if self.inside():
            while self.i < end and src[self.i] in " \t":
                self.i += 1
            return
        if self.frames:
            return
        m = _FENCE.match(line)
        if m and not (m.group(1)[0] == "`" and "`" in line[m.end() :]):
            fence = m.group(1)
            j = end
            while j < len(src):  # to the closing fence (or the file's end)
                nxt = src.find("\n", j + 1)
                nxt = len(src) if nxt < 0 else nxt
                inner = src[j + 1 : nxt]
                f = _FENCE.match(inner)
                j = nxt
                closes = f and f.group(1)[0] == fence[0] and len(f.group(1)) >= len(fence)
                if closes and not inner.strip().strip(fence[0]):
                    break
            self.verbatim(j)
            return
        if line.startswith(("    ", "\t")) and self.prev_blank and not self.in_md_list and line.strip():
            self.verbatim(end)  # an indented code block

    def verbatim(self, end: int) -> None:
        """src[i:end] copied as it is (code, math); `fresh` as its last line leaves it."""
        text = self.src[self.i : end]
        if text:
            self.emit(text) if not text[:1].isspace() else self.out.append(text)
            if "\n" in text:
                self.fresh = not text.rsplit("\n", 1)[-1].strip()
            elif text.strip():
                self.fresh = False
        self.i = end

    def code_span(self) -> None:
        src, i = self.src, self.i
        run = re.match(r"`+", src[i:]).group(0)
        eol = src.find("\n", i)
        eol = len(src) if eol < 0 else eol
        m = re.compile(f"(?<!`){run}(?!`)").search(src, i + len(run), eol)
        self.verbatim(m.end() if m else i + len(run))

    def dollars(self) -> None:
        src, i = self.src, self.i
        if src.startswith("$$", i):
            j = src.find("$$", i + 2)
            self.verbatim(j + 2 if j >= 0 else i + 2)
            return
        eol = src.find("\n", i)
        eol = len(src) if eol < 0 else eol
        m = re.compile(r"(?<!\\)\$").search(src, i + 1, eol)
        self.verbatim(m.end() if m else i + 1)

    def close_group(self) -> None:
        frame = self.frames.pop()
        mark = frame["close"]
        if mark:
            if self.out and self.out[-1] == frame["open"]:  # '\textbf{}': nothing to mark
                self.out.pop()
            else:
                self.trim()
                self.out.append(mark)
        self.i += 1

    def command(self) -> None:
        src, i = self.src, self.i
        nxt = src[i + 1 : i + 2]
        if nxt in ("[", "("):
            j = src.find("\\" + ("]" if nxt == "[" else ")"), i + 2)
            self.verbatim(j + 2 if j >= 0 else i + 2)
            return
        m = _NAME.match(src, i + 1)
        if not m:  # an escaped character ('\%', '\\'): as it is
            self.verbatim(i + 2)
            return
        name, after = m.group(0), m.end()
        tex = self.tex
        if name in ("begin", "end"):
            return self.environment(name, after)
        if name == "item" and self.lists():
            return self.item(after)
        if name == "def":
            d = re.match(r"\\[A-Za-z@]+", src[after:])
            if d and src.startswith("{", after + d.end()) and (close := _closing(src, after + d.end())) >= 0:
                return self.skip(close + 1)
        if name == "includegraphics":
            j = self.options(after)
            if src.startswith("{", j) and (close := _closing(src, j)) >= 0 and "\n" not in src[j:close]:
                self.emit(f"![]({src[j + 1 : close].strip()})")
                self.i = close + 1
                return
        if name in tex["layout"]:
            self.i = after
            return
        if not src.startswith("{", after) or (close := _closing(src, after)) < 0:
            self.verbatim(after)  # a command not understood: as today, text
            return
        arg = src[after + 1 : close]
        if name in tex["dropped"]:
            return self.skip(close + 1)
        if name in tex["bold"] or name in tex["italic"] or name in tex["code"]:
            mark = "**" if name in tex["bold"] else "*" if name in tex["italic"] else "`"
            return self.group(after, close, mark, mark)
        if name in tex["plain"]:
            return self.group(after, close, "", "")
        if name in tex["scripts"]:
            mark = tex["scripts"][name]  # Pandoc's 'H~2~O', 'Gram^-^'
            return self.group(after, close, mark, mark)
        if name in tex["asides"]:
            self.trim()  # a footnote mark sits on the word it is about
            if name in tex["margin"] and "\n" not in arg and len(arg.split()) <= _MARGIN_WORDS:
                return self.group(after, close, " (", ")")  # a short margin note: an aside in parentheses
            return self.group(after, close, "^[", "]")
        if name in tex["links"]:
            return self.link(name, arg, close)
        if name.rstrip("*") in tex["headings"] and self.fresh and not self.frames and "\n" not in arg:
            self.emit("#" * (tex["headings"].index(name.rstrip("*")) + 2) + " ")  # '\section' under the file's '#'
            return self.group(after, close, "", "")
        if src.startswith("{", close + 1) and (body := _closing(src, close + 1)) >= 0:
            if not (_title(arg) and len(src[close + 2 : body].split()) >= _BODY_WORDS):
                self.verbatim(body + 1)  # two arguments, not a box ('\frac{1}{2}' outside a formula): as written
                return
            # A box: '\somebox{Title}{ body }': the title a bold label over its body.
            self.emit(f"**{arg.strip()}**:")
            self.i = close + 1
            self.group(close + 1, body, "", "", box=True)
            return
        words = arg.split()
        if "\n" not in arg and "\\" not in arg and "$" not in arg and 0 < len(words) <= _MARKUP_WORDS:
            return self.group(after, close, "*", "*")  # '\drug{aspirin}': a name marked up
        return self.group(after, close, "", "")

    def link(self, name: str, arg: str, close: int) -> None:
        """'\\url{u}' as '<u>', '\\href{u}{text}' as '[text](u)' (text read as the rest is)."""
        src, url = self.src, arg.strip()
        if "\n" in arg or " " in url:
            self.verbatim(close + 1)
            return
        if name == "url":
            self.emit(f"<{url}>")
            self.i = close + 1
            return
        if src.startswith("{", close + 1) and (text := _closing(src, close + 1)) >= 0:
            self.emit("[")
            self.frames.append({"end": text, "open": "[", "close": f"]({url})", "box": False})
            self.i = close + 2
            return
        self.verbatim(close + 1)

    def skip(self, end: int) -> None:
        """src[i:end] left out, bar its line ends (file:line holds)."""
        breaks = self.src.count("\n", self.i, end)
        if breaks:
            self.out.append("\n" * breaks)
            self.fresh = True
        self.i = end

    def group(self, start: int, end: int, open_: str, close: str, box: bool = False) -> None:
        if open_:
            self.emit(open_)
        self.frames.append({"end": end, "open": open_, "close": close, "box": box})
        self.i = start + 1
        while self.i < end and self.src[self.i] in " \t" and open_:
            self.i += 1  # '\textbf{ x}': no space after the mark

    def options(self, j: int) -> int:
        """Past a command's optional argument ('[width=0.5\\textwidth]'), if it has one."""
        if self.src.startswith("[", j):
            k = self.src.find("]", j)
            if k >= 0 and "\n" not in self.src[j:k]:
                return k + 1
        return j

    def environment(self, name: str, after: int) -> None:
        src, tex = self.src, self.tex
        m = re.match(r"\{([A-Za-z]+\*?)\}", src[after:])
        if not m:
            self.verbatim(after)
            return
        env, end = m.group(1), after + m.end()
        if name == "begin" and env in tex["math"]:
            j = src.find(f"\\end{{{env}}}", end)
            self.verbatim(j + len(env) + 6 if j >= 0 else end)
            return
        known = env in tex["lists"] or env in tex["places"]
        if name == "begin" and known:
            self.frames.append({"env": env, "list": env in tex["lists"], "mark": tex["lists"].get(env), "n": 0})
            self.i = self.options(end)
            return
        if name == "end" and any(f.get("env") == env for f in self.frames):
            while self.frames and self.frames[-1].get("env") != env:
                self.frames.pop()  # what it held and never closed closes with it
            self.frames.pop()
            self.i = end
            return
        self.verbatim(end)

    def item(self, after: int) -> None:
        src = self.src
        frame = self.lists()[-1]
        label = ""
        if src.startswith("[", after) and (k := src.find("]", after)) >= 0 and "\n" not in src[after:k]:
            label, after = src[after + 1 : k].strip(), k + 1
        frame["n"] += 1
        mark = f"{frame['n']}." if frame["mark"] == "1." else "-"
        if self.fresh:
            self.out.append("    " * (len(self.lists()) - 1) + mark + " ")
            self.fresh = False
        else:
            self.trim()
            self.out.append("; ")  # a second item on the same line: no line to give it
        if label:
            self.out.append(f"**{label}**: ")
        self.i = after
        while self.i < len(src) and src[self.i] in " \t":
            self.i += 1


def _title(arg: str) -> bool:
    """A box's first argument: a short title on one line, words and no markup (no path, no number)."""
    if "\n" in arg or "\\" in arg or re.search(r"[/=:$]", arg) or not re.search(r"[^\W\d_]{2}", arg):
        return False
    return 0 < len(arg.split()) <= _TITLE_WORDS
