"""Stage 3: the model to cards, by an ordered list of small rules, one per pattern in the notes.

Rules overgenerate; `make_cards` then filters hard: one card per (section, subject) for sentence facts
(the others become its extra), negations as 'Not:' lines, near-duplicates merged, fronts unique.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

from ..model import Block, Card, Code, Comparison, Domain, Math, NotesFile, Paragraph, Term
from .comparison import comparison_terms
from .context import CONTEXT_SEP, Ctx, tags_for
from .explicit import explicit
from .sentences import capabilities, counted, definitions, emphasis, negations, numbers, objects, recommendations, what_is, when_to_use
from .steps import steps
from .table import table_rows
from .text import (
    PLATFORM_WORDS,
    cap,
    lower_first,
    cloze,
    content_words,
    end,
    hide_less,
    informative,
    key_words,
    leaked,
    not_line,
    plain,
    same_stem,
    split_subject,
    stem,
    strip_html,
    to_html,
    words,
)

Rule = Callable[[Block, Ctx], Iterator[Card]]

# Order matters: earlier rules win a subject; explicit markup first, so generated cards never
# duplicate what the author wrote.
RULES: list[tuple[str, Rule]] = [
    ("explicit", explicit),
    ("comparison", comparison_terms),
    ("table", table_rows),
    ("steps", steps),
    ("definition", definitions),
    ("what-is", what_is),
    ("capability", capabilities),
    ("when", when_to_use),
    ("recommendation", recommendations),
    ("object", objects),
    ("emphasis", emphasis),
    ("counted", counted),
    ("number", numbers),
]

__all__ = ["CONTEXT_SEP", "RULES", "Ctx", "make_cards", "tags_for"]


def make_cards(notes: NotesFile) -> list[Card]:
    known = known_terms(notes)
    services = service_names(notes)
    places = file_places(notes)
    cards: list[Card] = []
    for domain in notes.domains:
        cards.extend(domain_cards(notes, domain, known, places, services))
    return finish_cards(cards)


def domain_cards(notes: NotesFile, domain: Domain, known: set[str], places: dict[int, tuple[str, ...]], services: set[str]) -> list[Card]:
    """One domain's cards before the file-wide filters: a function of the domain, the file's deck name,
    `known`, `services` and the domain's `places` only (the build caches them per domain on that)."""
    cards: list[Card] = []
    for section in domain.sections:
        ctx = Ctx(notes, domain, section, known, places[id(section)], services)
        made: list[tuple[Block, Card]] = []
        for block in section.blocks:
            for _name, rule in RULES:
                # a card that gives its answer away is fixed or dropped before it can win its subject
                made.extend((block, c) for c in map(_no_leak, rule(block, ctx)) if c is not None)
        section_cards = _chain_means(_one_per_subject([c for _, c in made]))
        _attach_negations(section.blocks, section_cards, ctx)
        _attach_code(section.blocks, made, section_cards)
        _attach_orphan_links(section.blocks, made, section_cards)
        _better_hints(section.blocks, section_cards)
        cards.extend(section_cards)
    _spell_out(cards, acronyms(_domain_texts(domain)))
    return cards


def _domain_texts(domain: Domain) -> list[str]:
    """The domain's prose: its sentences and comparison descriptions (where names get spelled out)."""
    out: list[str] = []

    def add(items: list[Term]) -> None:
        for t in items:
            out.extend([t.term, t.description])
            add(t.children)

    for s in domain.sections:
        for b in s.blocks:
            if isinstance(b, Paragraph):
                out.extend(b.sentences)
            elif isinstance(b, Comparison):
                add(b.items)
    return out


def finish_cards(cards: list[Card]) -> list[Card]:
    """The file-wide filters over every domain's cards: one per key, near-duplicates merged, fronts unique."""
    # 'What do you use X for?' has one answer only when the notes give X one use (and no definition);
    # counted before one-per-key, which would keep the first of two uses and hide the second
    uses: dict[tuple[str, str], int] = {}
    for c in cards:
        if c.rule == "purpose":
            uses[(c.deck, c.key[-1])] = uses.get((c.deck, c.key[-1]), 0) + 1
    cards = [c for c in cards if c.rule != "purpose" or (uses[(c.deck, c.key[-1])] == 1 and c.answer)]
    cards = _unique_fronts(_merge_near_duplicates(_dedupe(cards)))
    out = []
    asked = {_norm_subject(c.key[-1]) for c in cards if c.rule == "what-is"}
    # ('What do you use model cards for?' beside 'What is SageMaker Model Cards?': one thing asked twice)
    cards = [c for c in cards if c.rule != "purpose" or not any(_same_thing(_norm_subject(c.key[-1]), a) for a in asked)]
    for c in cards:
        c.extra = _no_repeats(c.extra)
        shown = shown_context(c)
        if not shown and c.kind == "cloze" and c.rule in _SENTENCE_CLOZE:
            # every heading names the answer ('[...] is a serverless orchestration service' under Step
            # Functions): the blank moves to what else the sentence names, under the full heading path
            if _norm_subject(c.key[-1]) in asked:
                continue  # 'What is Step Functions?' asks this sentence already: a moved blank would repeat it
            if _retarget(c):
                shown = c.path or c.context
            elif _named_by_headings(c):
                continue  # a bare 'Study Notes' label over a blank its own section names: no card
        # never an empty label: when the headings would each name part of the answer, the nearest stands
        # ('IAM' over IAM roles: 'Study Notes' said nowhere, every review); the deck's name only for no heading
        path = c.path or c.context
        c.context = shown or (path.split(CONTEXT_SEP)[-1] if path else c.deck.split("::")[0])
        out.append(_forward(c))
    return out


_PROVIDES = re.compile(
    r"^(?:The )?\{\{c1::(?P<x>(?:(?!\}\}).)+?)(?:::(?P<hint>(?:(?!\}\}).)*))?\}\}(?P<more>(?: [\w-]+){0,3}?)"
    r" (?P<v>provides?|offers?) (?P<y>.+?)\.?$"
)


def _forward(c: Card, leaked: bool = False) -> Card | None:
    """'[jobs] provide ready-to-use Docker images ...', '[SageMaker feature] provides full visibility into
    ... training': blind reviews found training jobs, Debugger, interface endpoints fit such blanks as
    well, every time. Asked the other way, 'What do SageMaker processing jobs provide?', the card has
    one answer. (A general AWS service keeps its blank: 'What does CloudWatch provide?' has many; and
    'What does batch transform support?' has many too, reviews said: 'supports' stays a blank.)"""
    if c.rule != "definition" or c.kind != "cloze":
        return c
    m = _PROVIDES.match(c.front)
    hint = (m.group("hint") or "") if m else ""
    if leaked:
        # any name: the blank that leaked has no card otherwise; but 'What do SageMaker endpoints
        # provide?' names only the platform and its category: many answers
        ok = m and len(words(strip_html(m.group("y")))) <= 20 and key_words(strip_html(m.group("x") + m.group("more")), hint)
        return _asked_forward(c, m) if ok else None
    if not m or hint == "AWS service" or len(words(strip_html(m.group("y")))) > 20:
        return c
    return _asked_forward(c, m)


def _asked_forward(c: Card, m: re.Match) -> Card:
    """The cloze `[X] provides Y` as the Q/A 'What does X provide?' -> 'Y', a note of its own."""
    name = m.group("x") + m.group("more")  # '[Gateway] VPC endpoints provide ...': the whole name
    if not re.search(r" [A-Z][a-z]", name):
        name = lower_first(name)  # 'multi-model endpoints' mid-question; 'Cost Explorer' is a name
    verb = m.group("v")
    base = verb[:-1] if verb.endswith("s") else verb
    does = "does" if verb.endswith("s") else "do"
    c.kind = "qa"
    c.front = f"What {does} <b>{name}</b> {base}?"
    c.answer = cap(m.group("y"))
    c.rule = "provides"
    c.key = (*c.key[:-2], "provides", c.key[-1])  # its own note: a cloze note cannot become a Q/A one in place
    return c


def _named_by_headings(c: Card) -> bool:
    """Every key word of the blank is a word of its headings ('IAM roles' under IAM, 'AWS Glue' under Glue)."""
    answer = " ".join(strip_html(m.group(2)) for m in _DELETION.finditer(c.front))
    heads = content_words(c.path or c.context)
    return all(any(same_stem(k, h) for h in heads) for k in key_words(answer))


_SERVICE_KIND = re.compile(r"\bis an? (?:serverless |managed |fully managed )?(?P<x>[a-z][\w-]+) service\b")
_NAME_IN_PREDICATE = re.compile(r"(?<=\bthe )(?P<x>(?:Apache |AWS |Amazon )?[A-Z][\w-]+(?: [A-Z][\w-]+)*)(?= (?:framework|engine|service|console|library))")


def _retarget(c: Card) -> bool:
    """Hide the other thing the sentence names instead of its subject: the kind of service ('a serverless
    [orchestration] service'), or a name in the predicate ('interact with the [Apache Spark] framework').
    False when it names nothing else, or when the new blank leaks."""
    dels = list(_DELETION.finditer(c.front))
    if len(dels) != 1:
        return False
    sentence = _DELETION.sub(lambda m: m.group(2), c.front)
    for pattern in (_SERVICE_KIND, _NAME_IN_PREDICATE):
        m = pattern.search(sentence)
        if not m:
            continue
        x = m.group("x")
        rest = sentence[: m.start("x")] + sentence[m.end("x") :]
        if leaked(strip_html(x), strip_html(rest)) or not key_words(strip_html(x)):
            continue
        c.front = sentence[: m.start("x")] + cloze(x, 1) + sentence[m.end("x") :]
        return True
    return False


_HINTED = re.compile(r"\{\{c(\d+)::((?:(?!\}\}).)*?)(?:::((?:(?!\}\}).)*))?\}\}")
_KIND_NOUNS = r"(?:service|feature|tool|capability|library|container|store|database|technique|method|option)"
_IS_A = r"^(?:The )?{term} (?:is|are) (?:a|an) ((?:[\w-]+ ){{0,2}}" + _KIND_NOUNS + r")(?: of ((?:Amazon |AWS )?[A-Z][\w-]* [a-z][\w-]+?)s\b)?"
_GENERIC_HINTS = {"", "AWS service", "SageMaker feature", "feature", "service"}


def _better_hints(blocks: list[Block], cards: list[Card]) -> None:
    """A blank's hint from what the notes call the answer, when that says more than the generic one:
    'AWS Glue is a serverless integration service' -> [serverless integration service] (EMR runs Spark
    too); 'Data Capture is a feature of SageMaker endpoints' -> [SageMaker endpoint feature]. A hint
    that leaves one platform word to recall ('[roles]' for IAM roles) goes: the blank stays a question."""
    sentences = [plain(s) for b in blocks if isinstance(b, Paragraph) for s in b.sentences]
    for c in cards:
        if c.kind != "cloze" or c.rule in _OWN_MARKUP or c.rule in ("steps", "list"):
            continue
        found = list(_HINTED.finditer(c.front))
        if len(found) == 2 and found[0].group(1) == found[1].group(1) and strip_html(found[0].group(2)) == strip_html(found[1].group(2)):
            # 'X assumes the role associated to the X domain': the second blank is the same name as a
            # modifier; 'its domain' reads the same and leaves one thing to recall
            k = found[1]
            before = c.front[: k.start()]
            if re.search(r"\bthe $", before):
                c.front = before[: -len("the ")] + "its" + c.front[k.end() :]
                found = found[:1]
        if len({m.group(1) for m in found}) != 1:
            continue
        m = found[0]
        answer, hint = strip_html(m.group(2)), m.group(3) or ""
        new = hint
        left = [w for w in words(answer) if not any(same_stem(w, h) for h in words(hint))]
        if hint and len(left) == 1 and left[0] in PROPER_NAMES:
            new = ""
        if new in _GENERIC_HINTS:
            pattern = re.compile(_IS_A.format(term=re.escape(answer)))
            for sent in sentences:
                k = pattern.match(sent)
                if not k:
                    continue
                kind = k.group(1)
                if k.group(2):  # 'a feature of SageMaker endpoints' -> 'SageMaker endpoint feature'
                    kind = f"{k.group(2)} {kind}"
                # the front that already says it ('[...] is a serverless integration service') needs no hint
                if not leaked(answer, kind) and len(kind.split()) <= 4 and kind.lower() not in strip_html(c.front).lower() and (
                    len(kind.split()) > 1 or not new  # a bare [capability] says less than [SageMaker feature]
                ):
                    new = kind
                break
        if new != hint:
            whole = m.group(0)
            c.front = c.front.replace(whole, cloze(m.group(2), int(m.group(1)), new))


PROPER_NAMES = {"IAM", "AWS", "Amazon", "SageMaker"}


_SPELLED = re.compile(r"((?:[A-Za-z][\w-]* ){1,7})\(([A-Z][A-Za-z]*[A-Z])(s?)\)")


def acronyms(texts: list[str]) -> dict[str, str]:
    """'Partial dependence plots (PDPs)' -> {'PDP': 'Partial dependence plots'}: the words before an
    acronym in parentheses whose initials spell it (hyphenated words count each part)."""
    out: dict[str, str] = {}
    for t in texts:
        t = strip_html(t)
        if "(" not in t:  # most texts: the pattern's search at every position costs more than this
            continue
        for m in _SPELLED.finditer(t):
            acr, ws = m.group(2), m.group(1).split()
            letters = acr.lower()
            for k in range(len(ws), 0, -1):
                cand = ws[len(ws) - k :]
                initials = "".join(p[0] for w in cand for p in w.split("-") if p).lower()
                if initials == letters:
                    out.setdefault(acr, " ".join(cand))
                    break
    return out


def _spell_out(cards: list[Card], full: dict[str, str]) -> None:
    """An answer that is a bare acronym ('PDPs', 'SageMaker AMT') is asked as 'Partial dependence plots
    (PDPs)' when the notes spell it out anywhere: the learner recalls the name, not three letters."""
    if not full:
        return
    bare = re.compile(r"^((?:Amazon |AWS |SageMaker )?)([A-Z][A-Za-z]*[A-Z])(s?)$")

    def grow(text: str) -> str | None:
        m = bare.match(strip_html(text).strip())
        if not m or m.group(2) not in full:
            return None
        name = full[m.group(2)]
        return f"{m.group(1)}{name} ({m.group(2)}{m.group(3)})"

    for c in cards:
        if c.kind == "qa":
            new = grow(c.answer)
            if new:
                c.answer = to_html(new)
            continue
        for m in list(_HINTED.finditer(c.front)):
            new = grow(m.group(2))
            if new and new.lower() not in strip_html(c.front).lower():
                c.front = c.front.replace(m.group(0), cloze(to_html(new), int(m.group(1)), m.group(3) or ""))


def _no_repeats(extra: str) -> str:
    """An extra that says a sentence twice (the notes repeat it, or two rules both kept it) says it once."""
    seen: set[str] = set()
    lines = []
    for line in extra.split("<br>"):
        kept = []
        for sent in re.split(r"(?<=[.!?])\s+(?=[A-Z<])", line):
            k = re.sub(r"\W+", " ", strip_html(sent)).strip().lower()
            if k and k in seen:
                continue
            seen.add(k)
            kept.append(sent)
        if kept:
            lines.append(" ".join(kept))
    return "<br>".join(lines)


def known_terms(notes: NotesFile) -> set[str]:
    """Lower-cased terms the notes use: headings, comparison terms, subjects of defining sentences."""
    out: set[str] = set()

    def add_terms(items: list[Term]) -> None:
        for t in items:
            out.add(plain(t.term).lower())
            add_terms(t.children)

    for d in notes.domains:
        for s in d.sections:
            out.add(plain(s.title).lower())
            for b in s.blocks:
                if isinstance(b, Comparison):
                    add_terms(b.items)
                elif isinstance(b, Paragraph):
                    for sent in b.sentences:
                        sub = split_subject(sent)
                        if sub and re.match(r"^(?:is|are) (?:a|an)\b", sub[1]):
                            out.add(re.sub(r"^(?:a|an|the) ", "", plain(sub[0]), flags=re.I).lower())
    out |= {re.sub(r"s$", "", t) for t in out}
    out.discard("")
    return out


_SERVICE = re.compile(r"\b(?:Amazon|AWS) ((?:[A-Z][\w-]*)(?: [A-Z][\w-]*){0,2})")


def service_names(notes: NotesFile) -> set[str]:
    """Names the notes write as 'Amazon CloudWatch' somewhere: a bare 'CloudWatch' blank gets an [AWS service] hint."""
    out: set[str] = set()
    for d in notes.domains:
        for s in d.sections:
            for b in s.blocks:
                if isinstance(b, Paragraph):
                    for sent in b.sentences:
                        for m in _SERVICE.finditer(plain(sent)):
                            name = m.group(1).split()
                            # 'Amazon SageMaker Feature Store' names a feature, not a service; a trailing
                            # capitalised word may start the next phrase: take the first word, then the whole
                            out.add(name[0].lower())
                            out.add(" ".join(name).lower())
    return out - {"sagemaker"}


def file_places(notes: NotesFile) -> dict[int, tuple[str, ...]]:
    """The heading part of each section's card keys: its own title, or its path when the title repeats."""
    sections = [s for d in notes.domains for s in d.sections]
    count: dict[str, int] = {}
    for s in sections:
        count[s.title] = count.get(s.title, 0) + 1
    return {id(s): (s.title,) if count[s.title] == 1 else tuple(s.path) for s in sections}


_FACT_RULES = {"definition", "capability"}
_CLOZE_MARK = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}")


def _one_per_subject(cards: list[Card]) -> list[Card]:
    """One fact card per subject in a section: the first wins, later sentences go to its extra."""
    out: list[Card] = []
    by_subject: dict[str, Card] = {}
    second: dict[str, Card] = {}
    for c in cards:
        if c.rule not in _FACT_RULES:
            out.append(c)
            continue
        subj = _norm_subject(c.key[-1])
        first = by_subject.get(subj)
        if first is None:
            for other, kept in by_subject.items():
                if _same_thing(subj, other):  # 'event notifications' vs 'amazon s3 event notifications'
                    first = kept
                    break
        if first is None:
            by_subject[subj] = c
            out.append(c)
            continue
        if _score(c) >= 2 and _score(first) >= 2 and not second.get(subj) and _other_fact(c, first) and not _solid(first, 0):
            # the first sentence was the weak one ('[...] throughput mode is most suitable ...'): the
            # second takes its place; the first goes to the extra
            out[out.index(first)] = c
            by_subject = {k: (c if v is first else v) for k, v in by_subject.items()}
            c.extra = (c.extra + " " if c.extra else "") + to_html(strip_html(_CLOZE_MARK.sub(r"\1", first.front)))
            continue
        if _score(c) >= 2 and _score(first) >= 2 and not second.get(subj) and _other_fact(c, first) and not _restates(c, first) and len(words(strip_html(_CLOZE_MARK.sub("", c.front)))) > 8:
            # a second strong fact on the subject ('You can use X to Y' after 'X is a Z that ...') is a
            # card of its own, not a line of extra; a third goes to the extra
            second[subj] = c
            c.key = (*c.key[:-1], c.key[-1] + " #2")  # its own note: the first keeps the subject's key
            # ... and no longer a line of the first card's back (reviewers read that as a duplicate)
            first.extra = re.sub(r"\s{2,}", " ", _without_own(first.extra, c)).strip()
            out.append(c)
            continue
        if _score(c) > _score(first):
            # the better sentence becomes the card (same key: rule 'fact', same subject); the other one its extra
            c, first = first, c
            out[out.index(c)] = first
            by_subject = {k: (first if v is c else v) for k, v in by_subject.items()}
            first.extra = (first.extra + " " + c.extra).strip() if c.extra else first.extra
            first.extra = _without_own(first.extra, first).strip()
        sentence = _CLOZE_MARK.sub(r"\1", c.front)
        seen = _squash(first.extra) + _squash(_CLOZE_MARK.sub(r"\1", first.front))
        # one more sentence at most: the back explains the card, it is no dump of every fact on the subject
        if _squash(sentence) not in seen and len(strip_html(first.extra)) < 160:
            first.extra = (first.extra + " " + sentence).strip()
    return out


def _without_own(extra: str, card: Card) -> str:
    """`extra` without the card's own sentence (as HTML or plain text): a back never repeats its front."""
    own = strip_html(_CLOZE_MARK.sub(r"\1", card.front)).strip()
    return extra.replace(to_html(own), "").replace(own, "")


_RESTATES = re.compile(r"\}\} gives? (?:[\w-]+ ){1,3}the ability to\b")


def _restates(c: Card, first: Card) -> bool:
    """'X gives data analysts the ability to build ML models without writing code', 'X provides a
    code-free, visual ... environment' after 'X is a visual interface for building ML models': every
    review read these as the definition said again. A second sentence restates the first when it is
    an 'ability to' paraphrase, or repeats a word of the category the first gives ('visual interface')."""
    if _RESTATES.search(c.front):
        return True
    m = re.search(r"\}\} (?:is|are) an? ((?:[\w-]+ ){0,3}[\w-]+)", first.front)
    if not m:
        return False
    kind = {stem(w) for w in informative(m.group(1))}
    return bool(kind & {stem(w) for w in informative(strip_html(_CLOZE_MARK.sub("", c.front)))})


def _other_fact(a: Card, b: Card) -> bool:
    """Two sentences on one subject that say different things (few words in common)."""
    fa, fb = ({stem(w) for w in content_words(_CLOZE_MARK.sub(r"\1", strip_html(x.front)))} for x in (a, b))
    if not (fa and fb) or len(fa & fb) / len(fa | fb) >= 0.3:
        return False
    return _solid(a)


def _solid(a: Card, min_informative: int = 4) -> bool:
    """A fact card that points at its answer alone: not 'Pipe mode can lead to better performance' (any
    mode might), nor 'Fast [file mode] ...' where half the name stays on the front, nor a superlative
    ('... is most suitable for ...') that was only true for an exam scenario."""
    m = _DELETION.search(a.front)
    visible = strip_html(_DELETION.sub(lambda x: x.group(3) or "", a.front))
    if not m or re.search(r"\b(?:most|best|least)\b", visible):
        return False
    return len(informative(visible)) >= min_informative and not leaked(a.key[-1], visible, m.group(3) or "")


def _chain_means(cards: list[Card]) -> list[Card]:
    """'How do you solve underfitting?' -> 'Increase the model fit ...' restates the goal; when the notes
    say how to do that ('How do you increase the model fit?' -> 'By increasing the domain-specific
    features'), that is the answer, and the restatement goes to the extra: one card, not two."""
    out = list(cards)
    for b in cards:
        if b.kind != "qa" or b.rule != "means":
            continue
        goal = _squash(b.key[-1])
        for a in out:
            if a is b or a.kind != "qa" or a.rule != "recommendation" or not goal:
                continue
            if _squash(a.answer).startswith(goal):
                how = re.sub(r"^By (\w+?)ing\b", lambda m: _base_verb(m.group(1)), strip_html(b.answer))
                a.extra = (to_html(end(strip_html(a.answer))) + (" " + a.extra if a.extra else "")).strip()
                a.answer = to_html(how)
                out.remove(b)
                break
    return out


def _base_verb(stem: str) -> str:
    """'increas' -> 'Increase', 'configur' -> 'Configure', 'add' -> 'Add' (the verb of a 'By ...ing' answer)."""
    word = stem + "e" if re.search(r"(?:as|ur|at|iz|us|ov|in|ag)$", stem) else stem
    return word[:1].upper() + word[1:]


def _score(c: Card) -> int:
    """How good a fact card is: a full definition ('X is a Y that ...') beats a bare 'X is a valid Y'."""
    text = strip_html(_CLOZE_MARK.sub(r"\1", c.front))
    n = len(words(text))
    if c.rule == "definition" and re.search(r"\b(?:is|are) (?:a|an)\b", text):
        return 3 if n >= 12 or re.search(r"\b(?:that|which|used (?:to|for))\b", text) else 1
    if c.rule == "capability":
        return 3  # 'You can use X to Y': what X is for, the fact a learner needs first
    if re.search(r"\}\} supports? ", c.front):
        return 1  # 'X supports Amazon S3 as ...': true of many things, a weak cue
    return 2


def _squash(h: str) -> str:
    """Text reduced to its letters, without the 'Amazon'/'AWS' a repeat may add."""
    return re.sub(r"\W+|\b(?:amazon|aws)\b", "", strip_html(h).lower())


_NAME_PREFIX = {"amazon", "aws", "sagemaker", "s3"}


def _same_thing(a: str, b: str) -> bool:
    """'event notification' names 'amazon s3 event notification'; 'l1 regularization' is not 'regularization'."""
    short, long_ = sorted((a, b), key=len)
    if not long_.endswith(short):
        return False
    extra = long_[: len(long_) - len(short)].split()
    return all(w in _NAME_PREFIX for w in extra)


def _norm_subject(s: str) -> str:
    s = re.sub(r"^(?:amazon |aws )", "", s.lower())
    return re.sub(r"s$", "", s.strip())


def _attach_negations(blocks: list[Block], cards: list[Card], ctx: Ctx) -> None:
    """'You would not use X for Y' never becomes a card: it is a 'Not:' line on the back of X's cards."""
    for b in blocks:
        for subject, sentence in negations(b, ctx):
            ns = _norm_subject(plain(subject))
            if not ns:
                continue
            for c in cards:
                cs = _norm_subject(c.key[-1])
                if cs and (cs == ns or cs in ns or ns in cs):
                    line = f"<b>Not:</b> {to_html(sentence)}" if not_line(sentence) else to_html(sentence)
                    # on every card of the subject: the first may still be dropped by a file-wide filter
                    if line not in c.extra:
                        c.extra = (c.extra + "<br>" + line).strip("<br>") if c.extra else line


def _attach_code(blocks: list[Block], made: list[tuple[Block, Card]], cards: list[Card]) -> None:
    """Code and display math go on the back of the cards made from the block just before them."""
    kept = {id(c) for c in cards}
    for i, b in enumerate(blocks):
        if not isinstance(b, (Code, Math)) or i == 0:
            continue
        prev = blocks[i - 1]
        extra = code_html(b.text, b.lang) if isinstance(b, Code) else r"\[" + html.escape(b.tex) + r"\]"
        for blk, c in made:
            if blk is prev and id(c) in kept:
                c.extra = (c.extra + "<br>" + extra) if c.extra else extra


def code_html(code: str, lang: str) -> str:
    """Pygments-highlighted code with inline styles, so it renders without a stylesheet (and in night mode)."""
    try:
        lexer = get_lexer_by_name(lang) if lang else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    formatter = HtmlFormatter(noclasses=True, nowrap=True, style="friendly")
    body = highlight(code, lexer, formatter).rstrip("\n")
    # braces as entities: code shows '{{c1::x}}' literally, and nothing downstream can read it as a cloze
    body = body.replace("{", "&#123;").replace("}", "&#125;")
    return f'<pre class="code">{body}</pre>'


def _attach_orphan_links(blocks: list[Block], made: list[tuple[Block, Card]], cards: list[Card]) -> None:
    """Links of a `---` group that gave no card go on the back of the nearest group's cards."""
    kept = {id(c) for c in cards}
    groups_with_cards: dict[int, list[Card]] = {}
    for blk, c in made:
        if id(c) in kept:
            groups_with_cards.setdefault(blk.group, []).append(c)
    if not groups_with_cards:
        return
    for g in sorted({b.group for b in blocks} - set(groups_with_cards)):
        links = [link for b in blocks if b.group == g for link in b.links]
        if not links:
            continue
        target = min(groups_with_cards, key=lambda k: (abs(k - g), k < g))
        for c in groups_with_cards[target]:
            for link in links:
                if all(link.url != s.url for s in c.sources):
                    c.sources.append(link)


_DELETION = re.compile(r"\{\{c(\d+)::(.*?)(?:::([^}]*))?\}\}")
_OWN_MARKUP = {"explicit-qa", "explicit-cloze"}
_SENTENCE_CLOZE = {"definition", "capability", "object", "emphasis"}


def _no_leak(c: Card) -> Card | None:
    if c.kind == "qa" and c.rule == "recommendation" and _names_on_front(c):
        return None
    if _several_fit(c):
        return None
    out = _no_leak_or_none(c)
    if out is None and c.rule == "definition":
        # 'Vector databases provide fast similarity search ... based on vector proximity' gives its blank
        # away; asked the other way ('What do vector databases provide?') the repeat is no leak
        return _examples_instead(c) or _forward(c, leaked=True)
    return out


_CONSTANT = re.compile(r"^(?:[A-Z]{2,5}|[A-Z]+(?:_[A-Z]+)+)(?: [a-z]+)?$")  # 'DPL', 'TRANSFER_LEARNING setting'


def _several_fit(c: Card) -> bool:
    """A definition blank with no hint that several answers fit: an opaque name (an acronym the notes
    do not spell out, an API constant) over a thin description ('[...] is a metric that you can use to
    detect pre-training bias': CI, KL, JS too), or a two-word claim about another section's subject
    ('[...] supports data lineage tracking' under Data Wrangler: Lineage Tracking, Model Registry too)."""
    if c.kind != "cloze" or c.rule not in ("definition", "capability"):
        return False
    dels = list(_DELETION.finditer(c.front))
    if len(dels) == 1 and c.rule == "definition" and re.search(r"\}\} supports? ", c.front) and (dels[0].group(3) or "") in _GENERIC_HINTS:
        return True  # '[SageMaker feature] supports processing times up to multiple days': training jobs too (every review)
    if len(dels) != 1 or dels[0].group(3):
        return False
    answer = strip_html(dels[0].group(2))
    thin = len(informative(strip_html(_DELETION.sub("", c.front))))
    if _CONSTANT.match(answer) and (thin <= 5 or "_" in answer):
        return True  # ('The [TRANSFER_LEARNING setting] can use different input data ...': every review asked which setting)
    heading = (c.path or c.context).split(CONTEXT_SEP)[-1]
    return c.rule == "definition" and thin <= 2 and not leaked(answer, heading)


def _names_on_front(c: Card) -> bool:
    """'How do you store features ...?' -> 'Use SageMaker Feature Store': every word of the
    name the answer gives is on the front already (and its heading then stays on the label too)."""
    answer = strip_html(c.answer)
    names = " ".join(w for w in answer.split()[1:] if w[:1].isupper())
    keys = [k for k in key_words(names) if k not in PLATFORM_WORDS]
    shown = content_words(strip_html(c.front))  # (a heading naming the answer is dropped from the label)
    return bool(keys) and all(any(same_stem(k, w) for w in shown) for k in keys)


_SUCH_AS = re.compile(r"\bsuch as ((?:[\w-]+ ){0,3}[\w-]+ (?:or|and) (?:[\w-]+ ){0,2}[\w-]+)(?=[.,;]|$)")


def _examples_instead(c: Card) -> Card | None:
    """A definition whose subject gives itself away ('Accelerated computing instances are equipped with
    accelerators such as GPUs or inferential chips') still holds a fact worth asking: the named examples."""
    sentence = _CLOZE_MARK.sub(r"\1", c.front)
    m = _SUCH_AS.search(sentence)
    if not m or not re.search(r"\b[A-Z]{2,}s?\b", m.group(1)) or len(m.group(1).split()) > 6:
        return None  # only names ('GPUs'), never 'such as large datasets or memory-intensive algorithms'
    # one blank, one name: 'such as [GPUs] or inferential chips', never two answers in one deletion
    items = re.split(r" (?:or|and) |, ", m.group(1))
    named = [i for i in items if re.search(r"\b[A-Z]{2,}s?\b", i)]
    if len(named) != 1:
        return None
    k = m.start(1) + m.group(1).index(named[0])
    front = sentence[:k] + cloze(named[0], 1) + sentence[k + len(named[0]) :]
    c.front = front
    c.key = (*c.key[:-1], c.key[-1] + " examples")
    return c


_IDENTIFIER = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+){2,}(?: class| operation| API)?$")


def _no_leak_or_none(c: Card) -> Card | None:
    """A generated cloze whose sentence gives its answer away is fixed or dropped (the author's own
    markup is kept as written):

    - the sentence repeats a word of the hidden term, or one of the same stem ('assured throughput' over
      'Provisioned throughput mode'): hide only the words that do not leak, when they are a name of
      their own ('Provisioned'), else drop the card;
    - the hidden words are only a platform or a category ('SageMaker endpoints' under an [endpoints]
      hint): the card hides nothing worth recalling;
    - what is left to read says too little to point at one answer ('The [...] is a prebuilt image').
    """
    if c.kind != "cloze" or c.rule in _OWN_MARKUP or c.rule in ("steps", "number", "list", "operation", "term-common"):
        return c  # ('term-common': the word it repeats is one other items say too, checked by its rule)
    dels = list(_DELETION.finditer(c.front))
    if not dels:
        return c
    m = dels[0]
    answer, hint = strip_html(m.group(2)), m.group(3) or ""
    visible = strip_html(_DELETION.sub(lambda x: "" if x.group(1) == m.group(1) else x.group(2), c.front))
    if not key_words(answer, hint):
        return None
    bad = leaked(answer, visible, hint)
    if bad and _IDENTIFIER.match(answer) and 2 * len(bad) < len(key_words(answer, hint)):
        # an API name is recalled letter for letter: 'a monitoring mechanism' beside a blank for
        # ModelExplainabilityMonitor gives away one part of three, not the name
        bad = []
    if bad:
        if len(dels) > 1:
            return None
        kept = hide_less(answer, bad)
        if not kept:
            return None
        hidden, shown_after = kept
        front = c.front[: m.start()] + cloze(to_html(hidden), int(m.group(1))) + " " + to_html(shown_after) + c.front[m.end() :]
        visible = strip_html(front[: m.start()] + " " + to_html(shown_after) + " " + c.front[m.end() :])
        if leaked(hidden, visible):
            return None
        c.front = front
        answer, hint = hidden, ""
    # what is left must point at one answer: 'to effectively gauge model quality' says too little for a
    # 'You can use X to ...' (any tool fits), a definition needs less ('[...] runs asynchronously ...')
    if c.rule in _SENTENCE_CLOZE and len(informative(visible)) < (3 if c.rule == "capability" else 2):
        return None
    return c


def shown_context(c: Card) -> str:
    """The heading path to show on the card, without the headings that name its answer ('SageMaker ›
    Model Registry' over a blank for SageMaker Model Registry shows 'SageMaker'); the tags keep it all."""
    path = c.path or c.context
    if not path or c.rule == "term":
        return path  # a term card's answer is a description: its headings cannot name it
    if c.kind == "cloze":
        dels = list(_DELETION.finditer(c.front))
        answer = " ".join(strip_html(m.group(2)) for m in dels)
        hint = " ".join(m.group(3) or "" for m in dels)
        front = strip_html(_DELETION.sub(lambda m: m.group(3) or "", c.front))
    else:
        # a Q/A answer is a phrase: the headings can only name the names in it ('Use SageMaker Clarify')
        names = " ".join(w for w in strip_html(c.answer).split() if w[:1].isupper() and not c.answer.startswith(w))
        answer, hint, front = names, "", strip_html(c.front)
    shown = content_words(front)
    keys = [w for w in key_words(answer, hint) if not any(same_stem(w, f) for f in shown)]
    levels = path.split(CONTEXT_SEP)

    def names_it(level: str) -> bool:
        # a heading names the answer when it says half its key words or more: 'Model Registry' over
        # SageMaker Model Registry does, 'Bedrock' over Amazon Bedrock knowledge bases or 'Costs' over
        # the Billing and Cost Management console does not (the rest is still to recall)
        named = [k for k in keys if any(same_stem(w, k) for w in content_words(level) if w not in PLATFORM_WORDS)]
        return bool(named) and 2 * len(named) >= len(keys)

    return CONTEXT_SEP.join(lv for lv in levels if not names_it(lv))


def _dedupe(cards: list[Card]) -> list[Card]:
    seen: set[tuple[str, ...]] = set()
    out: list[Card] = []
    for c in cards:
        if c.key in seen:
            continue
        seen.add(c.key)
        out.append(c)
    return out


def _fingerprint(c: Card) -> set[str]:
    text = strip_html(_CLOZE_MARK.sub(r"\1", c.front + " " + c.answer)).lower()
    text = re.sub(r"\b(?:amazon|aws)\b", "", text)
    return {w for w in words(text) if len(w) > 2}


def _answers(c: Card) -> str:
    """What the card asks for: its deletions, or its answer; two cards asking different things are no duplicates."""
    if c.kind == "cloze":
        return "|".join(sorted({_name_key(strip_html(m.group(1))) for m in _CLOZE_MARK.finditer(c.front)}))
    return _name_key(re.sub(r"^(?:Use|Configure|Create) (?:an? |the )?", "", strip_html(c.answer)))


def _name_key(name: str) -> str:
    """Word order and joining words aside: 'Knowledge bases for Amazon Bedrock' names what 'Amazon
    Bedrock knowledge bases' does."""
    return " ".join(sorted(_norm_subject(w) for w in words(name.lower()) if w not in _NAME_GLUE))


def _merge_near_duplicates(cards: list[Card]) -> list[Card]:
    """The same fact twice (e.g. a definition repeated with 'Amazon' in front) is kept once, per kind."""
    out: list[Card] = []
    # Only cards of the same deck and answer can be duplicates: compared within those groups
    # (every pair of the file made this quadratic in the size of the notes).
    groups: dict[tuple[str, str], list[tuple[str, set[str], int, set[tuple[str, ...]]]]] = {}
    by_means: dict[tuple, Card] = {}
    by_words: dict[tuple, int] = {}
    for c in cards:
        fp = _fingerprint(c)
        # 'How do you decrease scaling activities?' and '... handle spikes in traffic?' -> a cooldown
        # period both: one fact asked twice; the second question goes to the first one's extra
        means_key = _means_key(c)
        other = by_means.get(means_key) if means_key else None
        if other is not None:
            goal = _question_goal(c)
            if _squash(goal.replace("It also helps to ", "")) not in _squash(other.extra):
                other.extra = (other.extra + " " if other.extra else "") + to_html(goal)
            continue
        # the same sentence asked both ways ('A [multi-model endpoint] can reduce costs by ...' and 'How
        # can a multi-model endpoint reduce costs?'): the same words but for the question's glue, one
        # exact key, so still linear; the question stays (it reads as one, the cloze's blank does not)
        # (a term card and its reverse ask one fact both ways on purpose)
        same = (c.deck, frozenset(fp - _GLUE)) if fp and len(fp - _GLUE) >= 5 and not c.rule.startswith(("term", "what-is", "purpose")) else None
        if same is not None and same in by_words and out[by_words[same]].kind != c.kind:
            # (two clozes of one sentence hide different things: '[Async endpoints] ... 60 minutes' and
            # '... up to [60] minutes' both stay)
            k = by_words[same]
            if c.kind == "qa" and out[k].kind == "cloze":
                out[k] = c
            continue
        group = groups.setdefault((c.deck, _answers(c)), [])
        # across kinds ('How do you ingest ...?' -> 'Use Model Monitor' after '[...] can ingest ...')
        # the same fact reads with other glue words: a lower bar
        if fp and any(
            ofp and len(fp & ofp) / len(fp | ofp) >= (0.8 if kind == c.kind else 0.6) for kind, ofp, _, _ in group
        ):
            continue
        runs = _runs(c) if c.kind == "cloze" else set()
        twin = next((k for kind, _, k, oruns in group if kind == "cloze" and runs & oruns), None)
        if twin is not None:
            # the same answer and a four-word phrase in common ('... into a repository of information' and
            # '... build a repository of information for RAG'): one fact in two sections; the second
            # sentence goes to the first card's back
            first = out[twin]
            line = to_html(strip_html(_CLOZE_MARK.sub(r"\1", c.front)))
            if _squash(line) not in _squash(first.extra):
                first.extra = (first.extra + "<br>" if first.extra else "") + line
            continue
        out.append(c)
        if same is not None:
            by_words.setdefault(same, len(out) - 1)
        group.append((c.kind, fp, len(out) - 1, runs))
        if means_key:
            by_means[means_key] = c
    return out


_NAME_GLUE = {"for", "of", "the", "amazon", "aws", "a", "an"}


def _runs(c: Card) -> set[tuple[str, ...]]:
    """The four-word runs of a cloze's visible text (its deletions left out), without joining words only."""
    ws = [w.lower() for w in words(strip_html(_CLOZE_MARK.sub(" ", c.front)))]
    return {tuple(ws[i : i + 4]) for i in range(len(ws) - 3) if len(set(ws[i : i + 4]) - _GLUE - _NAME_GLUE - {"to", "in", "of", "with", "you", "use"}) >= 2}


_GLUE = {"how", "what", "which", "when", "where", "why", "can", "could", "do", "does", "you", "the", "a", "an", "and", "by", "is", "are"}


def _means_key(c: Card) -> tuple | None:
    """What a 'How do you ...?' card answers with, so two naming the same means ('By configuring
    cooldown periods', 'By specifying a cooldown period') in one section meet: None for other cards."""
    if c.kind != "qa" or c.rule not in ("means", "recommendation"):
        return None
    # the thing used, without the verb ('By configuring', 'Use')
    means = frozenset(stem(w) for w in informative(re.sub(r"^(?:By )?\w+ ", "", strip_html(c.answer))))
    return (tuple(c.path), means) if means else None


def _question_goal(c: Card) -> str:
    """'How do you handle intermittent spikes in traffic?' -> 'It also handles intermittent spikes in traffic'."""
    m = re.match(r"^How do you (.+?)\?$", strip_html(c.front))
    return f"It also helps to {m.group(1)}." if m else strip_html(c.front)


def _unique_fronts(cards: list[Card]) -> list[Card]:
    """Two Q/A cards may not ask the same question: the later one names its section."""
    seen: dict[str, Card] = {}
    out: list[Card] = []
    for c in cards:
        k = strip_html(c.front).strip().lower()
        if k in seen:
            if c.kind == "qa":
                c.front = c.front.rstrip("?") + f" <span class=\"hint\">({html.escape(c.context.split(CONTEXT_SEP)[-1])})</span>?"
                k = strip_html(c.front).strip().lower()
            if k in seen:
                continue
        seen[k] = c
        out.append(c)
    return out
