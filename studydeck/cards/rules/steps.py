"""Numbered steps -> one note of overlapping clozes: each step that names something hidden in turn, cued by
the step before. Steps that only say what to do ('Load the data') are shown, never asked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ... import markdown, words
from ...model import Block, Paragraph, Steps
from ..card import CLOZE, QA, Blank, Draft, Part, Rule
from ..text import cap, content_words, is_label, key_words, leaked, plain, same_stem, stem, strip_end, word_count
from .ask import attribute_front
from .lists import counts_its_items, set_card

MAX_DELETION_WORDS = 6
MAX_STEP_WORDS = 25


def steps(block: Block, ctx) -> Iterator[Draft]:
    if not isinstance(block, Steps):
        return
    items = [i for i in block.items if plain(i)]
    if len(items) < 2 or sum(word_count(i) for i in items) / len(items) > MAX_STEP_WORDS:
        return  # numbered paragraphs, not steps: nothing short to recall in order
    if any("$" in i or "\\(" in i for i in items):
        return  # numbered statements with formulas (limit laws): results to know, not steps in order
    lead = plain(block.intro).strip().rstrip(":").strip()
    if lead and counts_its_items(lead, len(items), ctx):
        # 'There are 2 kinds of fibre: 1. Soluble 2. Insoluble': the lead-in counts a set, no order to learn
        yield from set_card(lead, items, block, ctx)
        return
    labelled = [a for a in block.analysis if a.kind == "definition" and a.verb in (":", "–", "—", "-")]
    if len(labelled) * 2 > len(items):
        # '1. Hypercalcemia: short QT  2. Hypothermia: Osborn waves': numbered terms, not a sequence; each
        # item is asked alone, the term hidden (its number and the item before cue nothing)
        yield from _numbered_terms(labelled, block, ctx)
        return
    intro = plain(block.intro).rstrip(":. ") or _purpose_nearby(block, ctx) or _heading(ctx)
    if not intro:
        return
    lg = words.lang(ctx.lang)
    lines: list[list[Part]] = []
    asked = 0
    stages = _stages(items, lg)
    heading = ctx.path[-1] if ctx.path else ""
    by_ends = False
    if stages and not plain(block.intro) and any(_one_of(heading, i, ctx.lang) for i in items):
        # '# Lexing' over '1. src 2. lexical analysis 3. Syntax analysis ...': the heading is one of the
        # stages, not their name; it would mislead as their lead-in and give its stage away
        if intro == heading:
            # nothing names the pipeline: its ends do ('From src to Translated program, in order'), so a
            # window in its middle says which list it is; the last stage, on every front, is not asked
            by_ends = "in_order_ends" in lg.templates
            ends = {"first": plain(items[0]).strip(), "last": plain(items[-1]).strip()}
            intro = lg.template("in_order_ends", **ends) if by_ends else lg.in_order
    for n, item in enumerate(items, 1):
        if stages:
            # 'src', 'lexical analysis', 'Syntax analysis', ...: a pipeline's stages, each named by its item;
            # the first is the cue of the second; the stage the heading over them names is shown, not asked
            shown = n == 1 or by_ends and n == len(items) or _one_of(heading, item, ctx.lang)
            lines.append([item] if shown else [Blank(item.strip(), n)])
            asked += not shown
            continue
        before, hidden, after = _split(item, lg, ctx.lang)
        if hidden and not _names_something(plain(hidden), ctx.lang):
            whole = before + hidden + after
            name = _NAME.search(whole[1:])
            if name and not leaked(name.group(0), intro + " " + whole.replace(name.group(0), " "), ctx.lang):
                k = name.start() + 1
                before, hidden, after = whole[:k], name.group(0), whole[k + len(name.group(0)) :]
            else:
                before, hidden, after = "", "", whole
        if not hidden:
            lines.append([item])  # shown as the cue of the next step, never asked
            continue
        asked += 1
        lines.append([p for p in (before, Blank(hidden, n), after) if p != ""])
    if asked < 2:
        return  # one step asked alone is no sequence
    subject = plain(block.intro).rstrip(":. ") or plain(items[0])
    yield ctx.draft(Rule.STEPS, CLOZE, [intro + ":"], block, subject, steps=lines)


MAX_STAGE_WORDS = 3


def _one_of(heading: str, item: str, lang: str) -> bool:
    """The heading says a word of the item, or its stem opens one ('Lexing' and 'lexical analysis')."""
    for w in content_words(heading, lang):
        for v in content_words(plain(item), lang):
            if (
                same_stem(w, v)
                or len(stem(w)) >= 3
                and v.startswith(stem(w))
                or len(stem(v)) >= 3
                and w.startswith(stem(v))
            ):
                return True
    return False


def _stages(items: list[str], lg) -> bool:
    """Every step a short name with no verb ('Syntax analysis', 'Code generation', 'Translated program'):
    the stages of a pipeline, each worth hiding whether or not its words are rare."""
    for item in items:
        toks = words.tokens(plain(item))
        if not toks or len(toks) > MAX_STAGE_WORDS or not all(re.fullmatch(r"[^\W\d_][\w-]*", t) for t in toks):
            return False
        first = toks[0]
        if (
            first in lg.imperatives
            or first in lg.advice_verbs
            or lg.acts(first)
            or first in (lg.base_verbs or {}).values()
        ):
            return False  # 'Load the data', 'Train the model': what to do, not what a stage is called
    return True


def _heading(ctx) -> str:
    """The section's heading as the steps' lead-in, when it is the steps' own (a short, non-label title)."""
    title = ctx.path[-1] if ctx.path else ""
    if ctx.section.level == 0 and not _written_title(ctx) or is_label(title, ctx.lang) or word_count(title) > 8:
        return ""  # (a file's name is no heading of its steps; a title the author wrote over them is: '# Lexing')
    if len({b.group for b in ctx.section.blocks}) > 1 or len(ctx.section.blocks) > MAX_OWN_SECTION_BLOCKS:
        return ""  # a long section of many topics ('## Bedrock'): its title is not what these steps do
    return title


MAX_OWN_SECTION_BLOCKS = 4


def _written_title(ctx) -> bool:
    """The file's top section is headed by a title the author wrote (its H1, front matter), not by the file's
    name, which the build uses when there is none."""
    stem = Path(ctx.notes.path).stem
    title = ctx.path[-1] if ctx.path else ""
    return bool(title) and markdown.slugify(title) != markdown.slugify(stem) and title == ctx.notes.title


_PURPOSE = re.compile(r"^(To [a-z][\w-]* [^,]{3,60}?), (?:you )?(?:must|should|need to|can)\b")


def _purpose_nearby(block: Steps, ctx) -> str:
    """What steps without a lead-in are for, from a sentence of their group that says it ('To use a
    knowledge base, you must first ...'); '' when none does."""
    for b in ctx.section.blocks:
        if isinstance(b, Paragraph) and b.group == block.group:
            for sent in b.sentences:
                m = _PURPOSE.match(plain(sent))
                if m:
                    return m.group(1)
    return ""


_NAME = re.compile(r"(?<![\w.])(?:[A-Z][\w-]*[A-Z0-9][\w-]*|[A-Z][a-z][\w-]*(?: [A-Z][\w-]*){1,3})(?![\w-])")


def _names_something(text: str, lang: str) -> bool:
    """A step worth hiding names something: a capitalised word after the first, an acronym, a number,
    or a word the language rarely uses ('lexical analysis', 'tokenisation')."""
    ws = re.findall(r"[\w'’+-]+", text)
    if any(any(ch.isupper() for ch in w) or any(ch.isdigit() for ch in w) for w in ws[1:]):
        return True
    if ws and sum(ch.isupper() for ch in ws[0]) > 1:
        return True
    return any(words.zipf(w.lower(), lang) < 3.0 for w in ws if len(w) > 3)


def _split(item: str, lg: words.Lang, lang: str) -> tuple[str, str, str]:
    """The part of a step to hide (its label, or its first words up to a function word) and the rest."""
    text = item.strip()
    m = re.match(r"^([^:]{2,40}):\s+(.+)$", text)
    if m and word_count(m.group(1)) <= MAX_DELETION_WORDS:
        label, desc = m.group(1), m.group(2)
        if leaked(label, desc, lang):
            toks = desc.split(" ")
            k = 0
            while k < len(toks) and (
                any(same_stem(w, b) for w in content_words(toks[k], lang) for b in key_words(label, lang))
                or toks[k].lower() in lg.function_words
            ):
                k += 1
            if k == 0 or k == len(toks):
                return "", "", text
            head, rest = _first_words(" ".join(toks[k:]), lg)
            return label + ": " + " ".join(toks[:k]) + " ", head, rest
        return "", label, ": " + desc
    head, rest = _first_words(text, lg)
    return "", head, rest


def _first_words(text: str, lg: words.Lang) -> tuple[str, str]:
    toks = text.split(" ")
    cut = len(toks)
    for i, t in enumerate(toks):
        if i >= 2 and t.lower() in lg.function_words:
            cut = i
            break
    cut = min(cut, MAX_DELETION_WORDS)
    head = " ".join(toks[:cut]).rstrip(".,")
    return head, text[len(head) :]


def _numbered_terms(labelled, block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    for a in labelled:
        term = a.subject.strip().strip("*_")
        if is_label(term, ctx.lang):
            continue
        cases = _labelled_cases(a.predicate)
        if cases:
            # '1. Hyperkalemia' over '- Mild to moderate: Peaking of the T waves', '- Very severe: Sine wave
            # pattern ...': each case of the term asked alone ('Hyperkalemia: very severe?'), as the terms rule
            # asks a term's labelled lines; the whole would be a paragraph for an answer
            for label, value in cases:
                front = attribute_front(f"**{term}**", label[:1].lower() + label[1:], lg)
                yield ctx.draft(Rule.ATTRIBUTE, QA, [front], block, f"{plain(term)}/{plain(label)}", cap(value))
            continue
        if word_count(a.predicate) > MAX_STEP_WORDS:
            continue
        said = words.tokens(plain(term))
        verb = said[:1] and (said[0] in lg.imperatives or lg.acts(said[0] + "s"))
        if verb and any(t in lg.function_words for t in said[1:]):
            # ('6. Deploy and monitor the model: Choice to optimize and retrain ...': a verb's phrase tells what to
            # do at that step, no name a blank hides; blind review u. 'Load balancer' is a name: no phrase)
            continue
        front = [Blank(term, 1), f"{a.verb} {a.predicate}" if a.verb != ":" else f": {a.predicate}"]
        yield ctx.draft(Rule.TERM_REVERSE, CLOZE, front, block, plain(term))


MAX_CASE_LABEL_WORDS = 4


def _labelled_cases(predicate: str) -> list[tuple[str, str]]:
    """'Mild to moderate: Peaking of the T waves; Very severe: Sine wave pattern': a numbered item's nested
    lines, each a short label and its value (two or more, every one labelled); [] for any other text."""
    parts = [p.strip() for p in re.split(r";\s+", predicate) if p.strip()]
    cases = []
    for p in parts:
        m = re.match(r"^([^:;$]{2,40}):\s+(\S.*)$", p)
        if not m or word_count(m.group(1)) > MAX_CASE_LABEL_WORDS or word_count(m.group(2)) > MAX_STEP_WORDS:
            return []
        cases.append((m.group(1).strip(), strip_end(m.group(2))))
    return cases if len(cases) >= 2 else []
