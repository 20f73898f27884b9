"""Stage 2b: every sentence and list item of the model analysed once (subject, pattern, polarity,
context, numbers), for the card rules and the sheet to read. Word lists come from `studydeck/words/`."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields

from .. import markdown, words
from ..model import Comparison, ItemList, NotesFile, Paragraph, Steps, Term

# Patterns a sentence can state, in the order they are tried (the first that fits names it).
DEFINITION = "definition"
PURPOSE = "purpose"
CAUSE = "cause"
CONTRAST = "contrast"
WARNING = "warning"
RECOMMENDATION = "recommendation"
QUESTION = "question"
EXAMPLE = "example"
NUMBER = "number"
STATEMENT = "statement"

MAX_SUBJECT_WORDS = 7


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or list item) as the analysis reads it."""

    text: str
    """Inline Markdown, as in the notes."""
    plain: str
    lang: str
    kind: str
    """The pattern it states: DEFINITION, PURPOSE, CAUSE, CONTRAST, WARNING, RECOMMENDATION, QUESTION,
    EXAMPLE, NUMBER or STATEMENT."""
    subject: str = ""
    """Inline Markdown of what the sentence is about, when it opens with one ('Ribosomes' in 'Ribosomes
    are the protein factories'), articles dropped; '' otherwise."""
    verb: str = ""
    """The words linking subject and predicate, as written ('are', 'is used to', 'refers to')."""
    predicate: str = ""
    """Inline Markdown after the verb ('the protein factories')."""
    negated: bool = False
    """The main clause denies ('X does not ...', 'X non è ...')."""
    warning: bool = False
    """A warning or contraindication: 'do not', 'never', 'avoid', 'must not', a warning callout."""
    dangling: bool = False
    """Leans on what came before ('It', 'This', 'Therefore') or on a scenario ('the company')."""
    scenario: bool = False
    """Names an exercise's or exam question's own situation ('this solution', 'the company')."""
    quantities: tuple[str, ...] = ()
    """Numbers with units, thresholds and ranges, as written ('10-15 minutes', '≥ 38 °C')."""
    bold: tuple[str, ...] = ()
    """Phrases the author set in bold (inline Markdown, without the markers)."""

    def __reduce__(self):
        # Pickled by its fields, as model.Source is: the default for a frozen dataclass is slow to read back
        return (Sentence, tuple(getattr(self, f.name) for f in fields(self)))

    @property
    def plural(self) -> bool:
        lg = words.lang(self.lang)
        head = re.split(r"\s+(?:of|for|in|with|on)\s+", markdown.to_plain(self.subject))[
            0
        ]  # 'Differential diagnosis of blocks'
        last = head.split()[-1:] or [""]
        w = last[0].lower()
        if self.verb.split()[:1] in (["are"], ["were"], ["sono"]):
            return True  # the verb says it, whatever the ending ('Plasmodesmata are small channels')
        if (
            not lg.plural_endings
            or not w.endswith(lg.plural_endings)
            or any(w.endswith(x) for x in lg.plural_exceptions)
        ):
            return False
        verb = (self.verb.split()[:1] or [""])[0]
        if lg.code == "en" and verb in lg.verbs and not verb.endswith("s"):
            return True  # 'Peroxisomes play', 'Ribosomes refer': a base-form verb agrees with a plural only
        # 'You can use relational databases to ...': no verb says it; a lower-case head noun in -s does
        return self.kind == PURPOSE and last[0].islower() and len(w) > 3


_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def analyse(text: str, lang: str = words.DEFAULT, warning_block: bool = False) -> Sentence:
    """The analysis of one sentence of inline Markdown; `warning_block`: it stands in a warning callout."""
    # Every argument passed in place: lru_cache keys on the call as written, so `analyse(s)` (the sheet)
    # would miss what `analyse(s, "en", False)` (the model) left there and analyse the sentence again.
    return _analyse(text, lang, warning_block)


@functools.lru_cache(maxsize=1 << 16)
def _analyse(text: str, lang: str, warning_block: bool) -> Sentence:
    plain = markdown.to_plain(text).strip()
    lg = words.lang(lang)
    toks = words.tokens(plain)
    bold = tuple(m.group(2) for m in _BOLD.finditer(text))
    quantities = tuple(_quantities(plain))
    main = _before_condition(toks, lg)
    warn = warning_block or _has_phrase(main, lg.warnings)
    negated = _negated(plain, toks, lg) and (main == toks or _negated(" ".join(main), main, lg))
    scenario = _has_phrase(toks, lg.scenario) or _has_phrase(toks[:4], lg.scenario_openers)
    sequenced = bool(toks) and toks[0] in lg.sequence_openers and plain[len(toks[0]) : len(toks[0]) + 1] == ","
    split = None if plain.endswith("?") else _split(text, lg)
    dangling = (
        bool(toks)
        and (
            toks[0] in lg.dangling
            and not _has_phrase(toks[:3], lg.existentials)  # ('There are 2 types of cells' leans on nothing)
            # ('Lo spettro di azione identifica ...': 'lo' is an article before the subject it opens, not 'it')
            and not (toks[0] in lg.articles and split and split[0])
            or sequenced
            or scenario
            or any(t in ("this", "these", "its") for t in toks[:4])
            and lang == "en"
            or _has_phrase(toks, lg.context_phrases)
        )
    )
    base = dict(
        text=text,
        plain=plain,
        lang=lang,
        negated=negated,
        warning=warn,
        dangling=dangling,
        scenario=scenario,
        quantities=quantities,
        bold=bold,
    )
    if plain.endswith("?"):
        return Sentence(kind=QUESTION, **base)
    if toks and _starts(toks, lg.asides):
        return Sentence(kind=EXAMPLE, **base)
    if split:
        subject, verb, predicate, kind = split
        if kind == PURPOSE and toks and not plain.lower().startswith(markdown.to_plain(subject).lower()[:8]):
            # 'You can use X to Y': the 'you' is anyone, not a person of the sentence before
            base["dangling"] = scenario
        if warn and kind not in (DEFINITION,):
            kind = WARNING
        return Sentence(kind=kind, subject=subject, verb=verb, predicate=predicate, **base)
    if warn:
        return Sentence(kind=WARNING, **base)
    if toks and toks[0] in lg.imperatives and len(toks) > 2:
        return Sentence(kind=RECOMMENDATION, **base)
    if quantities:
        return Sentence(kind=NUMBER, **base)
    return Sentence(kind=STATEMENT, **base)


def _before_condition(toks: list[str], lg: words.Lang) -> list[str]:
    """The main clause of 'You can create X to run inference when you do not need an endpoint': what a
    trailing condition denies ('do not need') is the case the advice is for, not a warning against it; so
    is what a relative clause of a named subject denies."""
    advice = bool(toks) and toks[0] in lg.generic_subjects
    for i in range(1, len(toks)):
        if any(tuple(toks[i : i + len(c)]) == c for c in lg.conditions):
            return toks[:i]
        if toks[i] in lg.relatives and i >= 2 and lg.acts(toks[i - 1]) and not advice:
            # 'Split by key ensures that rows do not repeat': the denial is the clause's, what the name does
            # ('Ensure that you do not ...', 'Make sure that ...', 'You must ensure that ...' stay warnings)
            return toks[:i]
    return toks


def _negated(plain: str, toks: list[str], lg: words.Lang) -> bool:
    if lg.code == "ko":
        return any(n in plain for n in lg.negations)
    # the main clause only: not inside 'ensures that rows do not repeat' or a trailing ', but ...'
    head = re.split(r",? but\b|,? ma\b|\b(?:so that|such that|that|which|who|che)\b", plain, maxsplit=1)[0]
    ht = _without_alternatives(words.tokens(head), lg)
    return any(t in lg.negations or t.endswith("n't") for t in ht)


def _without_alternatives(toks: list[str], lg: words.Lang) -> list[str]:
    """'All objects extend Object whether you like it or not' -> without 'or not': after 'whether' (the
    language's `alternative_openers`), 'or not' names the other alternative and denies nothing."""
    opened = next((i for i, t in enumerate(toks) if t in lg.alternative_openers), None)
    if opened is None:
        return toks
    out = toks[: opened + 1]
    i = opened + 1
    while i < len(toks):
        p = next((p for p in lg.alternative_denials if tuple(toks[i : i + len(p)]) == p), None)
        if p is not None:
            i += len(p)
            continue
        out.append(toks[i])
        i += 1
    return out


def _has_phrase(toks: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of `phrases` (tuples of words) stands anywhere in `toks`."""
    # Looked up by each token's word rather than every phrase tried at every place: a language's cue
    # lists hold a hundred phrases, and this ran for every sentence of every file.
    first = _by_first_word(phrases)
    if () in first:
        return True
    for i, tok in enumerate(toks):
        for p in first.get(tok, ()):
            if tuple(toks[i : i + len(p)]) == p:
                return True
    return False


_FIRST_WORDS: dict[int, tuple[tuple, dict]] = {}


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict:
    """`phrases` by their first word (() for an empty phrase), made once per list (a language's lists live
    as long as the process: words.lang keeps them)."""
    kept = _FIRST_WORDS.get(id(phrases))
    if kept is None or kept[0] is not phrases:
        index: dict = {}
        for p in phrases:
            index.setdefault(p[0] if p else (), []).append(p)
        kept = _FIRST_WORDS[id(phrases)] = (phrases, index)
    return kept[1]


def _starts(toks: list[str], phrases) -> bool:
    return any(tuple(toks[: len(p)]) == p for p in phrases)


# -- subject / verb / predicate ------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _cue_pattern(code: str) -> re.Pattern:
    """One regex over the sentence for every cue of the language, longest first, named by family."""
    lg = words.lang(code)
    groups = []
    for family, phrases in (
        (DEFINITION, lg.definers),
        (PURPOSE, lg.purpose),
        (CAUSE, lg.cause),
    ):
        alts = "|".join(r"\s+".join(re.escape(w) for w in p) for p in phrases)
        if alts:
            groups.append(f"(?P<{family}>{alts})")
    if lg.copulas:
        groups.append("(?P<copula>" + "|".join(re.escape(c) for c in sorted(lg.copulas, key=len, reverse=True)) + ")")
    groups.append(r"(?P<equals>=|:=|≡)")
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(groups) + r")(?![\w'’-])", re.I)


def _split(text: str, lg: words.Lang) -> tuple[str, str, str, str] | None:
    """(subject, verb, predicate, pattern) when the sentence opens with a noun phrase and a cue."""
    labelled = _label_split(text, lg)
    if labelled:
        return labelled
    if lg.code == "ko":
        return _split_topic(text, lg)
    used = _use_frame(text, lg)
    if used:
        return used
    for m in _cue_pattern(lg.code).finditer(text):
        subject = text[: m.start()].strip()
        if subject.count("$") % 2 or subject.count("`") % 2:
            return None  # inside a formula or a code span
        subject = _subject(subject, lg)
        if subject is None:
            # only the first cue can follow the subject: 'Width is X' but not 'The model, which is ...'
            break
        predicate = text[m.end() :].strip()
        if not markdown.to_plain(predicate).strip(" .:;"):
            return None
        verb = m.group(0)
        family = m.lastgroup
        if family == "copula":
            family = _copula_kind(predicate, lg)
        elif family == "equals":
            family = DEFINITION
        framed = _purpose_frame(subject, lg)
        if framed is not None:
            return framed, verb, predicate, PURPOSE
        return subject, verb, predicate, family
    return _subject_verb(text, lg)


_LABEL = re.compile(
    r"^(?P<x>(?:\*\*|__)?[^\s:–—=][^:–—=]{0,50}?(?:\*\*|__)?)\s*(?P<sep>:|–|—|\s-{2,3}|\s-|=)\s+(?P<y>\S.*)$"
)


def _label_split(text: str, lg: words.Lang) -> tuple[str, str, str, str] | None:
    """'frametime – time needed to transmit a frame', 'RTT: two times', '**Agility.** Users can ...':
    a list line that labels its description, in any language."""
    m = _LABEL.match(text)
    if not m:
        # ('**LeNet**. The first ...': the full stop may stand after the bold as well as inside it)
        m2 = re.match(r"^(?P<x>(?:\*\*|__)[^*_]{1,50}?[.:]?(?:\*\*|__))[.:]?\s*(?P<y>\S.*)$", text)
        if not m2:
            return None
        # ('**Quadratic convergence:** roughly, ...': the label's own colon or full stop is no part of its name)
        x, sep, y = re.sub(r"[.:](\*\*|__)$", r"\1", m2.group("x")), "", m2.group("y")
    else:
        # ('__Resistenza__ (a farmaci) --- capacità di ...': a TeX-style dash is the em dash it prints)
        x, sep, y = m.group("x"), re.sub(r"^-{2,3}$", "—", m.group("sep").strip()), m.group("y")
    label = markdown.to_plain(x).strip().rstrip(".:")
    toks = words.tokens(label)
    if not label or len([t for t in toks if re.match(r"\w", t)]) > 5 or x.count("$") % 2 or x.count("`") % 2:
        return None
    if toks and (
        toks[0] in lg.dangling
        or toks[0] in lg.question_words
        or (toks[0] in lg.function_words and toks[0] not in lg.articles)
    ):
        return None
    if any(t in lg.copulas for t in toks):
        return None  # 'X is Y: ...' is a sentence, its colon no label
    return x.strip(), sep, y, DEFINITION


def _use_frame(text: str, lg: words.Lang) -> tuple[str, str, str, str] | None:
    """'You can use X to Y' -> (X, 'to', 'Y', PURPOSE)."""
    if not lg.use_frames or not lg.purpose_preps:
        return None
    frames = "|".join(r"\s+".join(re.escape(w) for w in f) for f in lg.use_frames)
    preps = "|".join(r"\s+".join(re.escape(w) for w in p) for p in lg.purpose_preps)
    m = re.match(rf"^(?:{frames})\s+(?P<x>.+?)\s+(?P<prep>{preps})\s+(?P<y>\S.*)$", text, re.I)
    if not m:
        return None
    x = _subject(m.group("x"), lg)
    if not x or len(markdown.to_plain(x).split()) > 5:
        return None
    return x, m.group("prep"), m.group("y"), PURPOSE


def _purpose_frame(subject: str, lg: words.Lang) -> str | None:
    """'purpose of lexing' -> 'lexing' (the article before 'purpose' is gone already)."""
    st = words.tokens(markdown.to_plain(subject))
    for f in lg.purpose_frames:
        body = f[1:] if f and f[0] in lg.articles else f
        if tuple(st[: len(body)]) == body and len(st) > len(body):
            rest = subject.split(None, len(body))[-1]
            return _subject(rest, lg)
    return None


def _subject_verb(text: str, lg: words.Lang) -> tuple[str, str, str, str] | None:
    """'Nucleus contains DNA material' -> ('Nucleus', 'contains', 'DNA material', STATEMENT)."""
    if not lg.verbs:
        return None
    parts = text.split(" ")
    if parts[0].strip("*_").lower() in lg.imperatives:
        return None  # 'Configure security groups and network access control lists': an order, 'control' no verb of it
    for k in range(1, min(len(parts), MAX_SUBJECT_WORDS + 1)):
        w = parts[k].strip("*_,.;:").lower()
        if k > 1 and parts[k - 1].lower() in lg.adverbs and w in lg.verbs:
            # 'Nucleus also contains ...': the adverb is no part of the subject
            subject = _subject(" ".join(parts[: k - 1]), lg)
            predicate = " ".join(parts[k + 1 :])
            if subject and markdown.to_plain(predicate).strip(" .") and _agrees(w, parts[k - 2].lower(), lg):
                return subject, parts[k], predicate, STATEMENT
            return None
        if w in lg.verbs and parts[k].strip("*_,.;:").islower():
            if k == 1 and _adverb(parts[0].strip("*_,.;:").lower(), lg):
                return None  # 'Typically distributes requests ...': an adverb is no subject; the line leaves it out
            if not _agrees(w, parts[k - 1].strip("*_,.;:()").lower(), lg):
                return None  # 'The serverless compute engine': 'compute' is no verb of 'serverless'
            subject = _subject(" ".join(parts[:k]), lg)
            predicate = " ".join(parts[k + 1 :])
            if subject and markdown.to_plain(predicate).strip(" ."):
                return subject, parts[k], predicate, STATEMENT
            return None
    return None


def _adverb(word: str, lg: words.Lang) -> bool:
    return word in lg.adverbs or bool(lg.adverb_endings) and word.endswith(lg.adverb_endings) and len(word) > 5


def _agrees(verb: str, last: str, lg: words.Lang) -> bool:
    """A verb's base form ('compute') follows a plural subject only ('Ribosomes make', 'Mitochondria
    produce'); its third-person form ('computes') any subject. Only where the language marks it."""
    if not lg.plural_endings or _third_person_verb(verb, lg) or verb.endswith("s"):
        return True
    return last.endswith((*lg.plural_endings, "a", "i", "ae", "en")) or not last.isalpha()


def _copula_kind(predicate: str, lg: words.Lang) -> str:
    """'X is a Y' / 'X are the Y' defines; 'X is fast' states a property."""
    pt = words.tokens(markdown.to_plain(predicate))
    if pt and (pt[0] in lg.articles or pt[0].endswith("'")):
        return DEFINITION
    # 'X are proteins that ...', 'X is one of the ...': a noun phrase with a relative clause
    if len(pt) > 1 and pt[0] in ("one",) and pt[1] == "of":
        return DEFINITION
    if len(pt) > 1 and pt[0] in lg.definition_determiners and re.match(r"\w", pt[1]) and pt[1] not in lg.function_words:
        return DEFINITION  # 'An alphabet is any set of characters' ('X is any of these': no noun, no definition)
    if len(pt) > 2 and pt[0] in lg.place_definers:
        return DEFINITION  # 'The chloroplast is where photosynthesis happens', 'Overfitting is when ...'
    for k, t in enumerate(pt[: MAX_SUBJECT_WORDS + 1]):
        # 'Plasmodesmata are small channels that connect ...': a noun phrase and the clause that defines it
        if t in lg.relatives and k >= 1:
            before = pt[:k]
            if not any(lg.acts(w) or w in lg.function_words or w.endswith("ly") for w in before):
                return DEFINITION
            break
        if not re.match(r"\w", t):
            break
    return STATEMENT


def defines_unnamed(text: str, lang: str) -> bool:
    """'Threat detection service that monitors ...', 'A tool for detecting bias ...', 'Statistical method
    designed for binary classification': a noun phrase and the clause that says what it is, with no verb and
    no subject of its own. Written under a name (its heading, the list item above), it defines that name."""
    lg = words.lang(lang)
    if not lg.relatives:
        return False
    toks = words.tokens(markdown.to_plain(text))
    if toks[:1] and toks[0] in lg.articles:
        toks = toks[1:]
    for k, t in enumerate(toks[: MAX_SUBJECT_WORDS + 1]):
        nxt = toks[k + 1] if k + 1 < len(toks) else ""
        opens = (
            t in lg.relatives
            or t in lg.defining_participles
            and nxt in lg.function_words
            or t in lg.gerund_preps
            and _gerund_next(toks[k + 1 : k + 3], lg)
            # 'The hyperparameter setting how wide the neighborhood is': a participle and its object
            or k >= 1
            and t.endswith(lg.gerund_endings or ("\0",))
            and len(t) > 5
            and (nxt in lg.articles or nxt in lg.question_words)
        )
        if opens and k >= 1:
            head = toks[:k]
            if len(head) == 1 and words.zipf(head[0], lang) >= 5.0:
                return False  # 'Something that ...', 'A thing that ...': no kind is named
            if t not in lg.relatives and any(w in lg.vague for w in head):
                return False  # 'Lots of training data for ...': an amount of something, no kind of thing
            if all(w.endswith("ly") for w in head):
                return False  # 'Purposely built for ...': an adverb, no noun says what it is
            return len(toks) - k > 3
        if not re.match(r"\w", t) or t in lg.function_words or t in lg.negations or t in lg.modals:
            return False  # ('A way to ...', 'Set of rules ...', 'no code ...': no plain noun phrase)
        if lg.acts(t) or k == 0 and (t in lg.imperatives or t in lg.verbs):
            return False  # 'Trains multiple models that ...', 'offer powerful GPUs that ...': a verb leads
    return False


def _gerund_next(toks: list[str], lg) -> bool:
    """The words after a preposition open with a gerund ('for detecting bias'), or an adverb and a gerund
    ('of gradually routing traffic')."""
    ends = lg.gerund_endings or ("\0",)
    if toks and lg.adverb_endings and toks[0].endswith(lg.adverb_endings) and len(toks) > 1:
        toks = toks[1:]
    return bool(toks) and toks[0].endswith(ends) and len(toks[0]) > 4


_OPENERS = re.compile(r"^(?:\(|\[)")


def _subject(prefix: str, lg: words.Lang) -> str | None:
    """The prefix as a subject: a short noun phrase, no clause, no pronoun; the article dropped."""
    plain = markdown.to_plain(prefix).strip()
    if not plain or len(plain) > 80:
        return None
    toks = [t for t in words.tokens(plain) if re.match(r"\w", t)]
    if not toks or len(toks) > MAX_SUBJECT_WORDS:
        return None
    if re.search(r"[,;:!?]", plain.replace("(", "").replace(")", "")) or _OPENERS.match(plain):
        return None
    first = toks[0]
    if first in lg.dangling and not (first in lg.articles and len(toks) > 1) or first in lg.question_words:
        return None  # ('lo', 'gli': a pronoun or, before a noun, an article)
    if first in lg.modals:
        return None
    if first in lg.articles and len(toks) > 1 and toks[1] in lg.dangling:
        return None
    if any(t in lg.imperatives for t in toks[:1]) and len(toks) > 1 and toks[1] in lg.articles:
        return None  # 'Use the X ...'
    if any(t in lg.negations for t in toks) or any(t in lg.modals for t in toks):
        return None
    glue = (
        lg.function_words
        - lg.articles
        - {"of", "for", "and", "in", "on", "with", "di", "de", "del", "della", "per", "e"}
    )
    if any(t in glue for t in toks[1:]):
        return None  # 'a sac that', 'the cell which': a relative clause, not a name
    if any(_third_person_verb(t, lg) for t in toks[1:]):
        return None  # 'IP Insights learns how IPv4 addresses': a clause, the verb is inside
    # drop a leading article, keep the Markdown around the rest
    out = prefix.strip()
    m = (
        re.match(
            r"^(?:\*\*|__)?("
            + "|".join(re.escape(a) for a in sorted(lg.articles, key=len, reverse=True))
            + r")(?:\s+|(?<=')\b)",
            out,
            re.I,
        )
        if lg.articles
        else None
    )
    if m and len(toks) > 1:
        marker = out[: m.start(1)]
        out = marker + out[m.end() :]
    return out.strip()


def _third_person_verb(t: str, lg: words.Lang) -> bool:
    """'learns', 'stores': a verb's third-person form (its base form is a verb too), not a plural noun."""
    return t.endswith("s") and t in lg.verbs and (t[:-1] in lg.verbs or t[:-2] in lg.verbs)


def _split_topic(text: str, lg: words.Lang) -> tuple[str, str, str, str] | None:
    """Korean: 'EC2는 ... 서비스이다' -> ('EC2', '는', '... 서비스이다', definition)."""
    plain = markdown.to_plain(text).strip()
    m = re.match(r"^(.{1,40}?)(" + "|".join(re.escape(p) for p in lg.topic_particles) + r")(?=\s)", plain)
    if not m or len(m.group(1).split()) > 4:
        return None
    subject = m.group(1).strip()
    if subject.split()[0] in lg.dangling or subject.endswith(lg.clause_stems):
        return None  # ('... 제어하는 것은': a clause before the particle, no topic)
    predicate = plain[m.end() :].strip()
    kind = DEFINITION if predicate.rstrip(".").endswith(tuple(e.rstrip(".") for e in lg.copula_endings)) else STATEMENT
    return subject, m.group(2), predicate, kind


# -- numbers -------------------------------------------------------------------------------------


@functools.cache
def _quantity_pattern() -> re.Pattern:
    exact, anycase = words.units()
    unit_alts = "|".join(re.escape(u) for u in sorted(exact | anycase, key=len, reverse=True))
    num = r"\d+(?:[.,]\d+)?"
    return re.compile(
        rf"(?:(?:[<>≤≥~±]|>=|<=|up to|at least|at most|less than|more than|over|under|fino a|almeno)\s*)?"
        rf"(?<![\w/.])[$€£]?{num}(?:\s*(?:-|–|to|a)\s*{num})?\s*(?P<unit>{unit_alts})(?![\w/])",
        re.I,
    )


_THRESHOLD = re.compile(
    r"(?:(?:greater|more|less|fewer|larger|smaller|higher|lower) than|at (?:least|most)|up to|equal to|"
    r"maggiore di|minore di|superiore a|inferiore a|[<>≤≥]=?)\s*[-+]?\d+(?:[.,]\d+)?(?![\w./])",
    re.I,
)


def _quantities(plain: str) -> list[str]:
    exact, anycase = words.units()
    out = [m.group(0).strip() for m in _THRESHOLD.finditer(plain)]
    for m in _quantity_pattern().finditer(plain):
        unit = m.group("unit")
        if unit not in exact and unit.lower() not in anycase:
            continue  # 'MS' is no 'ms': short units keep their case
        out.append(m.group(0).strip())
    return out


# -- the model ----------------------------------------------------------------------------------------


def analyse_notes(notes: NotesFile, done: Callable[[str], set[int]] = lambda lang: set()) -> None:
    """Analyse every sentence and list item of a parsed file once, in place (`analysis` on each block,
    `gist` on each term), and set the file's language. `done(lang)`: id() of the sections analysed in that
    language already (taken from the last parse: parts.Parts.analysed)."""
    texts: list[str] = []
    for d in notes.domains:
        for s in d.sections:
            texts.append(s.title)
            for b in s.blocks:
                if isinstance(b, Paragraph):
                    texts.extend(b.sentences)
                elif isinstance(b, (ItemList, Steps)):
                    texts.extend(b.items)
                elif isinstance(b, Comparison):
                    texts.extend(t.description for t in b.items)
    lang = notes.meta.get("lang") if isinstance(notes.meta.get("lang"), str) else None
    notes.lang = lang if lang in words.known() else words.detect([markdown.to_plain(t) for t in texts])
    skip = done(notes.lang)
    for d in notes.domains:
        for s in d.sections:
            if id(s) in skip:
                continue
            for b in s.blocks:
                if isinstance(b, Paragraph):
                    b.analysis = [analyse(x, notes.lang, b.callout == "warning") for x in b.sentences]
                elif isinstance(b, ItemList):
                    b.analysis = [analyse(x, notes.lang) for x in (b.lines or b.items)]
                elif isinstance(b, Steps):
                    b.analysis = [analyse(x, notes.lang) for x in b.items]
                elif isinstance(b, Comparison):
                    _terms(b.items, notes.lang)


def _terms(items: list[Term], lang: str) -> None:
    for t in items:
        t.gist = analyse(t.description, lang) if t.description else None
        _terms(t.children, lang)
