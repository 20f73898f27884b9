"""List lines that leave their subject to the line or heading above them, as notes are often written:

    - Arc elasticity estimate
        - Requires information on two price-quantity combinations

-> 'What does the arc elasticity estimate require?' -> 'Information on two price-quantity combinations'.
The openers ('Requires', 'Useful for', 'Also known as') and the question each asks are word lists
(`implied_*`, `object_verbs` in studydeck/words/<lang>.toml)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, Code, Image, ItemList, Math, Paragraph
from ...notes.analyse import analyse, defines_unnamed
from ..card import CLOZE, QA, Blank, Draft, Rule
from ..text import cap, ends_open, everyday, heading_name, is_label, names_something, plain, strip_end, word_count
from ..text import is_term as _is_term
from .ask import after, as_written, named, opener_question
from .lists import counts_its_items
from .prose import _parent, _usable
from .terms import _plural

MAX_ANSWER_WORDS = 20


def implied(block: Block, ctx) -> Iterator[Draft]:
    if not isinstance(block, ItemList):
        return
    lg = words.lang(ctx.lang)
    heading = _kind_heading(ctx) if ctx.path and ctx.section.level > 0 else ""
    for i, a in enumerate(block.analysis):
        # a top-level line leaves its subject to the heading ('## SM Pipeline' over '- ensures reproducibility')
        owner = _owner(_parent(block, i) or heading, ctx)
        a, denial = _denied_second(a, lg) if owner and a.negated else (a, "")
        if not owner or a.subject or a.negated or a.warning or a.kind in ("question", "example"):
            continue
        # ('Also known as ...' opens with a word that leans on the line above: here, by design)
        if not _usable(a) and not (a.dangling and opener_question(a.plain, owner, lg)):
            continue
        lines = block.lines or []
        kids = [x for x, p in zip(lines, block.parents, strict=True) if i < len(lines) and p == lines[i]]
        if kids and counts_its_items(a.plain, len(kids), ctx):
            continue  # 'Involves several steps' over its steps: the set is the fact (lists), not 'several steps'
        asked = _question(a.plain, owner, lg, first=_first_line(block, i, ctx, lg))
        if not asked:
            continue
        front, answer, key = asked
        if key in _PURPOSE_KEYS and _said_what_it_does(block, i, lg):
            continue  # 'designed to scale automatically' below 'Builds custom models ...': a side property, no purpose
        answer, extra = _before_colon(strip_end(answer)) if key == "does" else (strip_end(answer), "")
        if (
            word_count(answer) > MAX_ANSWER_WORDS
            or ends_open(answer, ctx.lang)
            or answer.endswith(":")
            or not names_something(answer, ctx.lang)
        ):
            continue
        more = {"extra": [cap(x) for x in (extra, denial) if x]} if extra or denial else {}
        yield ctx.draft(Rule.IMPLIED, QA, [front], block, f"{plain(owner)} {key}", cap(answer), **more)


def _denied_second(a, lg):
    """'predicts continuous numerical outcomes and is not appropriate for binary classification tasks': a line
    whose second predicate denies -> (the first predicate's analysis, 'Is not appropriate for ...' for the
    back); (a, '') when the denial is no second predicate of its own."""
    joins = "|".join(re.escape(w) for w in sorted({*lg.conjunctions, *lg.adversatives}))
    aux = "|".join(re.escape(w) for w in sorted({*lg.copulas, *lg.modals, "does", "do"}, key=len, reverse=True))
    nots = "|".join(re.escape(w) for w in lg.negations)
    if not joins or not aux or not nots:
        return a, ""
    m = re.match(rf"^(.*?\S),?\s+(?:{joins})\s+((?:{aux})\s+(?:{nots})\b.*)$", a.text, re.I)
    if not m:
        return a, ""
    first = analyse(m.group(1), a.lang)
    return (first, strip_end(m.group(2))) if not first.negated else (a, "")


def _kind_heading(ctx) -> str:
    """The name the heading gives its lines: '### Standard' under '## S3' is 'S3 Standard' (one everyday word
    alone names a kind of the heading above it: 'What does the standard provide?' asks of nothing)."""
    name = heading_name(ctx.path[-1])
    ws = name.split()
    if len(ctx.path) < 2 or len(ws) != 1 or not ws[0].isalpha() or not everyday(ws[0].lower(), ctx.lang, EVERYDAY_KIND):
        return name
    parent = heading_name(ctx.path[-2])
    if is_label(parent, ctx.lang) or not _is_term(parent, ctx.lang, ctx.facts.terms, strict=False):
        return name
    return f"{parent} {name}"


EVERYDAY_KIND = 4.8  # ('standard', 'network', 'training': words of every day; 'Hyperband', 'Lists' are not)


def _before_colon(answer: str) -> tuple[str, str]:
    """'Interact with the D-Ala end of the chain: the D-Ala binds the drug (vancomycin ...)': what the name does is
    the clause before the colon; what the colon opens explains it, for the back."""
    head, sep, rest = answer.partition(": ")
    if not sep or "$" in head or head.count("(") != head.count(")") or len(head.split()) < 3:
        return answer, ""
    return head, rest


def _owner(parent: str, ctx) -> str:
    """The item above as the line's subject: a name (no sentence, no label like 'Pros')."""
    p = strip_end(plain(parent)).rstrip(":").strip()
    if not p or "\\" in p or is_label(p, ctx.lang) or not _is_term(p, ctx.lang, ctx.facts.terms, strict=False):
        return ""
    return p


_PURPOSE_KEYS = ("made_to", "made_for")
"""(the openers that ask what a name is for: 'What is X designed to do?' asks its main point)"""


def _said_what_it_does(block: ItemList, i: int, lg) -> bool:
    """A line before line i under the same owner opens with what the owner does ('Builds custom models from a
    template'): a later 'designed to ...' line says a side property, not what the name is for."""
    parent = block.parents[i]
    for j in range(i):
        toks = words.tokens(block.analysis[j].plain)
        k = acting_verb(toks, lg)
        if block.parents[j] == parent and k >= 0 and toks[k] not in lg.open_verbs:
            return True  # ('supports payload sizes up to 4MB': a verb with many answers says no main point)
    return False


def _first_line(block: ItemList, i: int, ctx, lg) -> bool:
    """The first line said of its owner that opens with what the owner does: under its item, or among the
    section's first lines under its heading. Short lines before it that open with no verb ('Broad spectrum,
    more toxic' over 'Blocks the elongation of proteins ...') say what the name is like, not what it does;
    a longer one, or one that says what it is ('Serverless service that finds ...') or what it is for
    ('Used to ...'), is its main point, which a later line's answer is not; nor is a verb with many answers
    ('synchronous' over 'supports payload sizes up to 4MB')."""
    parent = block.parents[i]
    if not parent and not (ctx.section.blocks and ctx.section.blocks[0] is block):
        return False
    before = [block.analysis[j] for j in range(i) if block.parents[j] == parent]
    if not before:
        return True
    toks = words.tokens(block.analysis[i].plain)
    k = acting_verb(toks, lg)
    if k < 0 or toks[k] in lg.open_verbs:
        return False
    return all(
        word_count(b.plain) <= MAX_DESCRIPTOR_WORDS
        and acting_verb(words.tokens(b.plain), lg) < 0
        and not defines_unnamed(b.text, ctx.lang)
        and not opener_question(b.plain, "x", lg)
        for b in before
    )


MAX_DESCRIPTOR_WORDS = 9


def _question(line: str, owner: str, lg, first: bool = False) -> tuple[str, str, str] | None:
    """(front, answer, identity key) of a line whose opener asks one thing of `owner`."""
    opened = opener_question(line, owner, lg)
    if opened:
        return opened
    toks = words.tokens(line)
    if not toks:
        return None
    verb = toks[0]
    base = (lg.object_verbs or {}).get(verb)
    if base and base != verb and "does_verb" in lg.templates and len(toks) > 2:
        return lg.template("does_verb", term=named(owner, lg), verb=base), after(line, 1), base
    k = acting_verb(toks, lg)
    if not first or k < 0 or len(toks) <= 3 + k:
        return None
    verb = toks[k]
    # '- Interacts with the D-Ala end of the chain' first under 'Glycopeptides': what the name does (only the
    # first line: 'What does X do?' asked of a later one has the first one's answer too)
    template = "what_do" if _plural_verb(verb, lg) or lg.code == "en" and _plural(owner, lg) else "what_does"
    return (lg.template(template, term=named(owner, lg)), line, "does") if template in lg.templates else None


def acting_verb(toks: list[str], lg) -> int:
    """Where the verb of a line that leaves its subject out stands: 0 in 'Interacts with ...', 1 in 'Typically
    uses ...' / 'Tendenzialmente inibiscono ...' (an adverb first) and in 'Si legano ...' (a reflexive clitic
    first, whose verb any third-person plural form is); -1 when no such verb opens the line."""
    k = 0
    if toks and (toks[0] in lg.adverbs or lg.adverb_endings and toks[0].endswith(lg.adverb_endings)):
        k = 1
    if k < len(toks) and toks[k] in lg.reflexive_clitics:
        return k + 1 if k + 1 < len(toks) and (lg.acts(toks[k + 1]) or _plural_verb(toks[k + 1], lg)) else -1
    return k if k < len(toks) and lg.acts(toks[k]) else -1


def _plural_verb(verb: str, lg) -> bool:
    """'interagiscono': the language's plural form of a verb (English marks the singular, 'interacts')."""
    return bool(lg.plural_verb_endings) and verb.endswith(lg.plural_verb_endings)


MAX_LEAD_WORDS = 2
MAX_KIND_OWNER_WORDS = 8


def kind_of(block: Block, ctx) -> Iterator[Draft]:
    """A line that leaves its subject to the heading and says it is of a kind the notes name elsewhere:

        ### Inibitori della sintesi proteica
        - Di base sono solo batteriostatici

    ('Farmaci batteriostatici' is a term of the notes) -> 'Di base sono solo [batteriostatici]' under its
    heading: which of the notes' kinds the heading's things are. An adverbial lead ('Di base', 'Mostly') may
    come before the copula; the kind is a word of a longer name the notes define."""
    if not isinstance(block, ItemList) or not ctx.path or ctx.section.level == 0:
        return
    if not (ctx.section.blocks and ctx.section.blocks[0] is block):
        return
    lg = words.lang(ctx.lang)
    # the words that qualify the notes' longer names: 'bactericidal' of 'bactericidal drugs', 'battericidi' of
    # 'farmaci battericidi' (not the kind-of nouns, 'drugs', 'farmaci')
    kinds = {
        w
        for t in ctx.facts.terms
        if len(t.split()) > 1
        for w in words.tokens(t)
        if len(w) > 3 and w not in lg.function_words and w not in lg.category_words
    }
    # (the heading as written, a long name too: 'Antibiotici inibenti la sintesi della parete')
    owner = strip_end(plain(heading_name(ctx.path[-1])))
    if not owner or "?" in owner or is_label(owner, ctx.lang) or word_count(owner) > MAX_KIND_OWNER_WORDS:
        return
    for i, a in enumerate(block.analysis):
        if block.parents[i] or a.negated or a.warning or a.kind in ("question", "example"):
            continue
        m = next(
            (
                m
                for n in range(MAX_LEAD_WORDS + 1)
                for m in [
                    re.match(rf"^((?:[^\W\d_]+\s+){{{n}}})(\S+)\s+((?:\S+\s+)?)([^\W\d_][\w-]*)(?=$|[:,;.])", a.plain)
                ]
                if m and m.group(2).lower() in lg.copulas
            ),
            None,
        )
        if not m:
            continue
        lead = words.tokens(m.group(1))
        if any(t in kinds or t in lg.articles or t in lg.dangling for t in lead):
            continue  # ('La resistenza è ...': a subject of its own, no lead)
        mid = words.tokens(m.group(3))
        if mid and mid[0] not in lg.degree_adverbs and mid[0] not in lg.only_words:
            continue
        kind = m.group(4)
        if kind.lower() not in kinds or kind.lower() in {w.lower() for w in owner.split()}:
            continue
        k = a.text.find(kind)
        if k < 0 or a.text[:k].count("*") % 2 or a.text[:k].count("_") % 2:
            continue
        # (the heading on the front: the line alone, 'Di base sono solo [...]', says nothing of what it is about)
        said, rest = a.text[:k], a.text[k + len(kind) :]
        # (what a colon opens after the kind explains it, for the back: '...: impediscono la sintesi ...')
        why = rest.lstrip(": ").strip() if rest.lstrip().startswith(":") else ""
        front = [f"**{owner}**: {said[:1].lower()}{said[1:]}", Blank(kind, 1), "" if why else rest]
        more = {"extra": [cap(why)]} if why else {}
        key = f"{plain(owner)} is {kind.lower()}"
        yield ctx.draft(Rule.KIND, CLOZE, [x for x in front if x], block, key, **more)


MAX_DEFINITION_WORDS = 25


def defined(block: Block, ctx) -> Iterator[Draft]:
    """The first line under a name that says what it is without naming it, as bullet notes do:

        ## Amazon Bedrock
          * A fully managed service that provides access to foundation models, allowing ...

    -> 'What is Amazon Bedrock?' -> 'A fully managed service that provides access to foundation models'
    (a noun phrase and its defining clause: `defines_unnamed`; cut where a second point starts: ', but',
    ', allowing ...')."""
    lg = words.lang(ctx.lang)
    if "what_is" not in lg.templates or not ctx.path or ctx.section.level == 0:
        return
    heading = heading_name(ctx.path[-1])
    top = _first_text(ctx)
    first = top is not None and block.source.line == top.source.line
    if isinstance(block, ItemList):
        # (the parser may set a nested definition list of the same bullets apart, before the list)
        lines = [
            (i, a, p)
            for i, a in enumerate(block.analysis)
            for p in [_parent(block, i)]
            if p and block.parents.index(p) == i or not p and i == 0 and first
        ]
    elif isinstance(block, Paragraph) and block.analysis:
        lines = [(0, block.analysis[0], "")] if first else []
        # '**Bandwidth ($\tau$).** The hyperparameter setting how wide ...': a bold name standing alone as a
        # sentence, then what it is
        seq = block.analysis
        lines += [(j + 1, seq[j + 1], name) for j in range(len(seq) - 1) for name in [_bold_name(seq[j].text)] if name]
    else:
        return
    for _i, a, parent in lines:
        owner = _owner(parent or heading, ctx)
        if not owner or a.subject or a.negated or a.warning or a.kind in ("question", "example") or not _usable(a):
            continue
        if not defines_unnamed(a.text, ctx.lang):
            continue
        answer = strip_end(_first_point(a.text, lg))
        if (
            word_count(answer) > MAX_DEFINITION_WORDS
            or ends_open(answer, ctx.lang)
            or not names_something(answer, ctx.lang)
        ):
            continue
        plural = (_plural(owner, lg) or _plural_kind(owner, answer, lg)) and "what_are" in lg.templates
        # the name as its heading writes it, no article: 'What is logistic regression?', 'What is P3?'
        name = owner if re.search(r"\d|.[A-Z]", owner.split()[0]) else as_written(owner, lg)
        front = lg.template("what_are" if plural else "what_is", term=f"**{name}**")
        yield ctx.draft(Rule.WHAT_IS, QA, [front], block, plain(owner), cap(answer))


def _bold_name(text: str) -> str:
    """'**Bandwidth ($\tau$).**' -> 'Bandwidth': a sentence that is nothing but a name in bold, its symbol in
    parentheses left out; '' for any other sentence."""
    m = re.fullmatch(r"\s*(\*\*|__)([^*_]{1,60}?)[.:]?\1[.:]?\s*", text)
    if not m:
        return ""
    name = re.sub(r"\s*\([^()]*\$[^()]*\)$", "", m.group(2)).strip().rstrip(".:")
    return "" if "$" in name or not name else name


def _plural_kind(owner: str, answer: str, lg) -> bool:
    """'Vacuoles' over 'Sac-like structures that ...': a one-word name in -s said to be things in the
    plural is a plural (a name such as 'Kinesis' or 'Lens' is said to be 'a service'); so is a name whose head
    word ends as a plural may ('Pompe di efflusso' over 'Trasporti attivi che ...': `weak_plural_endings`, an
    Italian feminine plural, or a singular such as 'sede')."""
    ws = owner.split()
    head = ws[0].lower() if lg.code == "it" else ws[-1].lower()
    endings = (*lg.plural_endings, *lg.weak_plural_endings)
    if len(ws) != 1 and not lg.weak_plural_endings or not endings or not head.endswith(endings):
        return False
    if any(head.endswith(x) for x in lg.plural_exceptions):
        return False
    toks = words.tokens(plain(answer))
    k = next((i for i, t in enumerate(toks) if t in lg.relatives or t in lg.defining_participles), 0)
    return k > 0 and _plural(toks[k - 1], lg)


def _first_text(ctx) -> Block | None:
    """The section's first block of text, by where it stands in the notes."""
    texts = [b for b in ctx.section.blocks if not isinstance(b, (Code, Image, Math))]
    return min(texts, key=lambda b: b.source.line, default=None)


def _first_point(text: str, lg) -> str:
    """'A service that X, allowing Y' -> 'A service that X': the first sentence up to where a second point
    joins on (', but ...', '; ...', ', <gerund> ...')."""
    text = re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", text, maxsplit=1)[0]
    gerund = "|".join(re.escape(e) for e in lg.gerund_endings) or "\0"
    cut = re.search(rf",?\s+but\s|;\s|,\s+\w+(?:{gerund})\s", text)
    text = text[: cut.start()] if cut else text
    joins = "|".join(re.escape(c) for c in lg.conjunctions) or "\\0"
    for m in re.finditer(r",\s", text):
        if not re.search(rf"\b(?:{joins})\b", text[m.end() :]):
            # 'Purpose built for training, ML models to improve ...': a comma no 'and' closes is no list
            # ('groups users, shared storage, and execution resources'): what follows is another point
            return text[: m.start()]
    return text
