"""Sentences of prose and of plain lists, read through their analysis: definitions, purposes and facts
about a term, phrases the author set in bold, numbers with units."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ... import markdown, words
from ...model import Block, ItemList, Paragraph
from ...notes.analyse import DEFINITION, MAX_SUBJECT_WORDS, PURPOSE, STATEMENT, Sentence, analyse
from ..card import CLOZE, QA, Blank, Draft, Rule
from ..text import (
    after_opener,
    cap,
    content_words,
    ends_open,
    everyday,
    first_clause,
    heading_name,
    informative,
    is_label,
    leaked,
    names_something,
    plain,
    positional,
    same_stem,
    stem,
    strip_end,
    word_count,
)
from ..text import is_term as _is_term
from .ask import (
    as_written,
    attribute_front,
    like_question,
    named,
    opener_question,
    possessed,
    relation_question,
    singled_out,
)
from .choice import leading_choice
from .explicit import has_markup
from .lists import inline_items
from .tables import _lower
from .terms import _plural, ask, possessive_name

MAX_SENTENCE_WORDS = 40
MAX_ANSWER_WORDS = 30
MAX_BOLD_WORDS = 4


def _sentences(block: Block, ctx) -> Iterator[tuple[int, Sentence, list[Sentence]]]:
    """Each sentence's analysis; one that opens with 'It'/'They' is read with the name it points at put in
    ('They make ATP' after 'Mitochondria are ...', or under the heading 'Mitochondrion'), when one does."""
    if isinstance(block, (Paragraph, ItemList)):
        # read by most prose rules in turn: resolved once per block and section (a block is in one section)
        # (the block is kept with its entry: a rule's passing sub-list could take a freed block's id)
        kept, got = ctx.resolved.get(id(block), (None, None))
        if kept is not block:
            seq = block.analysis
            got = [(i, _resolved(a, seq[i - 1] if i else None, block, i, ctx), seq) for i, a in enumerate(seq)]
            ctx.resolved[id(block)] = (block, got)
        yield from got


def _resolved(a: Sentence, before: Sentence | None, block: Block, i: int, ctx) -> Sentence:
    lg = words.lang(a.lang)
    clause = after_opener(a.text, a.lang)
    if clause and not a.scenario:
        # 'Additionally, multi-model endpoints provide ...': the clause after the comma stands alone
        rest = analyse(clause, a.lang)
        return rest if not rest.dangling else a
    ws = a.text.split(" ", 1)
    first = ws[0].lower()
    if len(ws) < 2 or first not in lg.subject_pronouns | lg.possessives or a.scenario or _parent(block, i):
        return a  # (a line under an item is read as that item's: the implied rule)
    plural = first in lg.plural_pronouns
    owner = ""
    if before is not None and before.subject and not before.dangling and is_term(before.subject, ctx, True):
        owner = before.subject.strip().strip("*_")
    elif before is None and ctx.path:
        owner = heading_name(ctx.path[-1])
        if not is_term(owner, ctx, True) or ctx.section.level == 0:
            return a
    if not owner or (plural != _plural_name(owner, lg)):
        return a  # 'They' after a singular name points elsewhere
    rest = ws[1]
    for adverb in lg.adverbs:  # 'It also contains' -> 'Chloroplast contains'
        if rest.startswith(adverb + " "):
            rest = rest[len(adverb) + 1 :]
    text = f"{owner}'s {rest}" if first in lg.possessives else f"{owner} {rest}"
    return analyse(text, a.lang)


def _plural_name(name: str, lg) -> bool:
    w = plain(name).split()[-1:] or [""]
    low = w[0].lower()
    if not lg.plural_endings:
        return False
    return (low.endswith(lg.plural_endings) and not any(low.endswith(x) for x in lg.plural_exceptions)) or low.endswith(
        ("ia", "ae", "ii", "li")
    )


@lru_cache(maxsize=1 << 15)  # asked of each sentence by most prose rules in turn
def _usable(a: Sentence) -> bool:
    return (
        not a.dangling
        and not a.plain.rstrip().endswith(":")  # it opens a list: what it says is below, not in it
        and a.kind not in ("question", "example")
        and word_count(a.text) <= MAX_SENTENCE_WORDS
        and not has_markup(a.text)
        and not _fragment(a.text)
    )


_OPEN_CLOSE = (("(", ")"), ("[", "]"), ("$", "$"))


def _fragment(text: str) -> bool:
    """Markup cut in two or a formula left open: no card can show it whole."""
    if text.count("$") % 2 or text.count("`") % 2 or text.count("**") % 2 or "^[" in text:
        return True
    return text.count("(") != text.count(")") or text.count("[") != text.count("]")


def is_term(subject: str, ctx, marked: bool = False) -> bool:
    """`marked`: the author set it apart ('**Process**: ...', 'frametime – ...'): a label they chose."""
    return _is_term(subject, ctx.lang, ctx.facts.terms, strict=not marked)


def _marked(a: Sentence) -> bool:
    return a.verb in (":", "–", "—", "-", "=", "") or a.subject.strip().startswith(("**", "__", "`"))


def _strong(subject: str, ctx) -> bool:
    """A subject that is surely a name: one the notes list or head a section with, an acronym, a code."""
    p = plain(subject)
    if p.lower() in ctx.facts.terms and len(p.split()) <= 4:
        return True
    return any(any(c.isdigit() for c in w) or sum(ch.isupper() for ch in w) > 1 for w in p.split())


def _says_what(answer: str, ctx) -> bool:
    """'The structure' names nothing: a definition's answer says at least two things, or a number."""
    return names_something(answer, ctx.lang)


EVERYDAY_OWNER = 3.0  # a word of everyday text, not a name ('purchasing', 'options'; 'Zoom' is one word)
# 'Savings Plans (1 & 3 years)': a value in parentheses after a name is said of it, no part of it
_VALUE_ASIDE = re.compile(r"\s+\(([^()]*\d[^()]*)\)\s*$")


def _named(a: Sentence) -> str:
    """The subject as a question names it: with the article the sentence gave it ('a sliding window')."""
    k = a.text.find(a.subject)
    before = a.text[:k].strip().split(" ")[-1:] if k > 0 else []
    # ('__Resistenza__ (a farmaci)': bold in part)
    name = f"**{re.sub(r'[*_]{2}', '', _VALUE_ASIDE.sub('', a.subject)).strip('*_ ')}**"
    art = before[0] if before and before[0].lower() in words.lang(a.lang).articles else ""
    return f"{art.lower()} {name}" if art else name


def _extra(seq: list[Sentence], i: int) -> list[str]:
    """The sentences right after one, while they lean on it ('It ...', 'They ...'): its explanation."""
    out = []
    for a in seq[i + 1 : i + 3]:
        if not a.dangling:
            break
        if a.scenario:
            continue  # 'In this use case, the chatbot ...': an exercise's own story explains nothing
        out.append(a.text)
    return out


def _parent(block: Block, i: int) -> str:
    """The item a list line hangs under ('Newton's method' over 'Pro: very few iterations'), '' at the top."""
    parents = getattr(block, "parents", None)
    return parents[i] if parents and i < len(parents) else ""


def definitions(block: Block, ctx) -> Iterator[Draft]:
    """'X is a Y that Z' -> 'What is X?' -> 'A Y that Z', and the cloze on X. A labelled line under another
    item ('Pro: very few iterations' under Newton's method) is that item's attribute: 'Newton's method: pro?'."""
    lg = words.lang(ctx.lang)
    for i, a, seq in _sentences(block, ctx):
        if a.kind != DEFINITION or not _usable(a) or a.negated:
            continue
        if tuple(words.tokens(a.verb)) in lg.condition_verbs and _condition(a.predicate, lg):
            continue  # 'A sequence is called increasing if ...': the conditions rule asks when
        if like_question(a, lg) or relation_question(a, lg):
            continue  # 'X is the same as Y', 'X is due to Y': what X resembles or comes from, asked so by likeness
        if _names_in_bold(a, lg):
            # 'The numbers in $\mathbb{R}$ are called **finite** real numbers': the bold name is the term, the
            # subject its description; 'What are the numbers in R?' -> 'Finite real numbers' asks it backwards
            continue
        parent = _parent(block, i)
        heading = heading_name(ctx.path[-1]) if ctx.path else ""
        if (
            parent
            and _marked(a)
            and (
                _is_term(_owner(parent), ctx.lang, ctx.facts.terms, strict=False)
                or _kinds_of(_owner(parent), parent, heading, ctx)
            )
        ):
            if not _kind_of(a.subject, _owner(parent), ctx.lang):
                yield from _attribute_line(a, parent, block, ctx, setup=_setup(block, i))
            # ('Convertible Reserved Instances: long workloads' under 'Reserved': a kind, told by its use in
            # a fragment that answers neither 'what is it?' nor a property of the parent)
            continue
        # (under a line that names nothing, '2 kinds of drugs:', a labelled line is a definition of its own)
        if _marked(a) and _common_label(a.subject, ctx) and ctx.path and not _among_names(block, i, ctx):
            # 'Clinica: infezioni gravi ...' under 'Aminoglicosidi': a property of the heading's subject
            yield from _attribute_line(a, heading_name(ctx.path[-1]), block, ctx)
            continue
        labelled = a.verb in (":", "–", "—", "-")
        owned = possessive_name(a.subject) if labelled else None
        if owned is not None:
            # 'Reserved Instance’s Scope – Regional or Zonal': a property of the name before the possessive
            yield from _attribute_line(a, owned[0], block, ctx, owned[1])
            continue
        if labelled and ctx.path and re.match(r"\d", plain(a.predicate).strip()):
            # 'Reservation Period – 1 year or 3 years' under 'Reserved Instances': a value of the heading's
            # subject, not a definition ('What is Reservation Period?' -> '1 year' defines nothing)
            yield from _attribute_line(a, ctx.path[-1], block, ctx)
            continue
        gerund = words.tokens(plain(a.subject))[:1]
        acting = bool(gerund) and gerund[0].endswith(tuple(lg.gerund_endings)) and not _marked(a)
        symbol = _marked(a) and ctx.symbol_in_use(a.subject)  # ('G – mean number of frames ...')
        if not is_term(a.subject, ctx, _marked(a)) and not acting and not symbol:
            continue  # ('Configuring a bastion host is the only way to ...': an act, asked only as singled out)
        extra = _extra(seq, i)
        predicate = _unhedged(a.predicate, lg) if _marked(a) else a.predicate
        said = markdown.sentences(predicate) or [predicate]
        if len(said) > 1 and analyse(said[0], a.lang).subject:
            # '**LeNet**. The first applications were developed by ... Its main contribution was ...': a story
            # told under the label, whose first sentence has a subject of its own: no gist of what LeNet is
            continue
        answer = first_clause(strip_end(said[0]), ctx.lang)
        at = words.tokens(plain(answer))
        if (
            at[:1] in (["let"], ["suppose"], ["assume"])
            or " ".join(at[:2]) in lg.modals
            or at[:1]
            and at[0] in lg.modals
        ):
            continue  # a setup ('Let T = ...') or a remark ('Need to provision it ...'), not what it is
        single = singled_out(a.subject, answer, lg)
        if single is not None and not a.warning:
            # 'Configuring cross-account roles is the only way to ...': what it singles out is the question
            front, named_one = single
            yield ctx.draft(Rule.SINGLED_OUT, QA, [front], block, plain(a.subject), named_one, extra=extra)
            continue
        if not is_term(a.subject, ctx, _marked(a)) and not symbol:
            continue
        if word_count(answer) <= MAX_ANSWER_WORDS and not a.warning and _says_what(answer, ctx):
            front = lg.template("what_are" if a.plural else "what_is", term=_named(a))
            aside = _VALUE_ASIDE.search(plain(a.subject))
            extra = [cap(aside.group(1)), *extra] if aside else extra
            if a.verb in (":", "–", "—", "-", "=", ""):
                # a label's description need not name what it is: 'X: Useful for Y', 'X: = overfitting'
                name = re.sub(r"[*_]{2}", "", _VALUE_ASIDE.sub("", a.subject)).strip().strip("*_")
                asked = ask(name, answer, lg, a.plural or _plural(name, lg))
                if asked is None:
                    continue
                front, answer = asked
            elif " ".join(words.tokens(a.verb)) in lg.naming and "called" in lg.templates:
                # 'The last fully-connected layer is called the "output layer" and in classification settings
                # it represents the class scores': the predicate is the subject's name, not what it is
                # ('What is the last layer?' -> 'The "output layer" and in ... it represents ...')
                front = lg.template("called_plural" if a.plural else "called", term=_named(a))
                answer = _name_only(answer, lg)
            yield ctx.draft(Rule.WHAT_IS, QA, [front], block, plain(a.subject), cap(answer), extra=extra)
        elif len(informative(a.predicate, ctx.lang)) >= 5:
            # three blind reviews: a blank over 'X is a metric for ...' fits many metrics; asked forward it
            # has one answer. The blank stays for a definition too long to ask forward.
            yield _cloze_subject(Rule.DEFINITION, a, block, ctx, extra)


def _name_only(answer: str, lg) -> str:
    """'the "output layer" and in classification settings it represents the class scores' -> 'the "output
    layer"': a name, then 'and' opening a clause of its own (a subject pronoun a few words on)."""
    m = re.search(r",?\s+and\s+", answer)
    if m and any(t in lg.subject_pronouns for t in words.tokens(answer[m.end() :])[:MAX_CLAUSE_LEAD]):
        return answer[: m.start()]
    return answer


MAX_CLAUSE_LEAD = 5


def _names_in_bold(a: Sentence, lg) -> bool:
    """'<description> is called **<name>** ...': a naming verb, the name after it set in bold, the subject
    not: the author named the predicate, not the subject (the names rule asks it the right way round)."""
    verb = " ".join(words.tokens(a.verb))
    return (
        verb in lg.naming
        and not _marked(a)
        and a.predicate.lstrip().startswith(("**", "__"))
        and "**" not in a.subject
        and "__" not in a.subject
    )


def _unhedged(text: str, lg) -> str:
    """'roughly, the number of correct digits doubles ...' -> 'the number of ...': a label's description
    that opens with a degree or an additive opener and a comma says its point after them."""
    m = re.match(r"^([^\W\d]+),\s+(\S.*)$", text)
    if m and m.group(1).lower() in lg.degree_adverbs:
        return m.group(2)
    return after_opener(text, lg.code) or text


def _among_names(block: Block, i: int, ctx) -> bool:
    """'Networking: configuring VPCs ...' beside 'Instance Type: ...', 'Auto Scaling: ...': one everyday word
    among labelled lines that are mostly names is one more member of their set, not a property of the
    heading's subject ('EC2 Sizing & Configuration Options: networking?' asked nothing exact; blind review)."""
    seq, parents = getattr(block, "analysis", None), getattr(block, "parents", None)
    if not seq or not parents or i >= len(parents):
        return False
    siblings = [
        a
        for j, a in enumerate(seq)
        if j != i and j < len(parents) and parents[j] == parents[i] and _marked(a) and a.subject
    ]
    names = [a for a in siblings if not _common_label(a.subject, ctx) and is_term(a.subject, ctx, True)]
    return len(siblings) >= 2 and 2 * len(names) > len(siblings)


def _common_label(label: str, ctx) -> bool:
    """'Clinica', 'Stateless', 'Pro', 'Representation': one everyday word, a property's name, not a term."""
    p = plain(label).strip("*_ :")
    ws = p.split()
    if p.lower() in words.lang(ctx.lang).property_labels:
        return True  # 'Mechanism of action', 'Side effects': a property's name of more words
    return (
        len(ws) == 1
        and len(p) > 1  # ('G – mean number of frames ...': a symbol, no everyday word)
        and not any(c.isupper() for c in p[1:])
        and not any(c.isdigit() for c in p)
        and (words.zipf(p.lower(), ctx.lang) >= 3.5 or is_label(p, ctx.lang))
    )


def _owner(parent: str) -> str:
    """The name of the item a line hangs under: 'Reserved: (1 & 3 years)' is named 'Reserved' ('easy in wired
    LANs: measure ...' names nothing: a name starts with a capital, or the notes mark it)."""
    name = strip_end(plain(parent)).rstrip(":")
    head, sep, _ = name.partition(": ")
    marked = parent.lstrip(" -*+").startswith(("**", "__"))
    return head.strip() if sep and head.strip() and (head.strip()[:1].isupper() or marked) else name


def _kind_of(label: str, owner: str, lang: str) -> bool:
    """'Convertible Reserved Instances' under 'Reserved', 'Superzoom lenses' under 'Zoom': a label that holds
    its parent's name names a kind of it, not one of its properties."""
    have = {stem(w) for w in words.tokens(plain(label))}
    need = [stem(w) for w in words.tokens(owner) if w not in words.lang(lang).function_words]
    return bool(need) and all(any(w in h for h in have) for w in need) and len(have) >= len(need)


def _setup(block: Block, i: int) -> str:
    """'If channel busy then toss coin [with P(heads) = P]' before 'Heads: Transmit at first idle' and
    'Tails: wait ...' under 'P-persistent': the sentence just before a run of label lines that names one of
    their labels says what the labels are cases of; asked without it, 'P-persistent: heads?' has no answer
    a learner can give (blind review). '' when no such sentence stands before the run."""
    seq, parents = getattr(block, "analysis", None), getattr(block, "parents", None)
    if not seq or not parents or i >= len(seq) or i >= len(parents):
        return ""
    run, j = [i], i - 1
    while j >= 0 and parents[j] == parents[i] and _marked(seq[j]) and seq[j].subject:
        run.append(j)
        j -= 1
    k = i + 1
    while k < len(seq) and k < len(parents) and parents[k] == parents[i] and _marked(seq[k]) and seq[k].subject:
        run.append(k)
        k += 1
    if j < 0 or parents[j] != parents[i] or _marked(seq[j]) and seq[j].subject:
        return ""
    said = set(words.tokens(plain(seq[j].text)))
    for n in run:
        label = words.tokens(plain(seq[n].subject))
        if label and all(w in said for w in label):
            return strip_end(plain(seq[j].text))
    return ""


def _attribute_line(a: Sentence, parent: str, block: Block, ctx, label: str = "", setup: str = "") -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    owner = _owner(parent)
    label = label or plain(a.subject).strip("*_ :")  # ('__Meccanismo d'azione:__': the colon in the emphasis)
    answer = strip_end(a.predicate)
    subject = heading_name(ctx.path[-1]) if ctx.path else ""
    kinds = _kinds_of(owner, parent, subject, ctx)
    if kinds:
        # '## Blue/Green Deployments' › '- Variants:' over '- Canary: shift a small portion ...': the kinds of
        # the heading's subject ('Variants: canary?' named no subject, blind review), as 'Purchasing Options:'
        # below; a bare 'Types:' is a label, its kinds no less the subject's
        owner = subject
    if (
        is_label(owner, ctx.lang)
        or len(label) <= 2
        or positional(label, ctx.lang)
        or label.lower() in lg.exchange_labels
        or label.lower() in lg.passage_labels
    ):
        # 'Lecture 17: n?', 'Architecture Overview: left?': neither names anything; 'Newton's method:
        # derivation?' names a passage, whose every line is a fair answer (blind review)
        return
    named = _is_term(owner, ctx.lang, ctx.facts.terms, strict=False) or _names_a_class(owner, label, ctx)
    if not (kinds or named) or word_count(label) > 4 or not label:
        return  # the item above is a sentence, not a name the label is a property of
    if word_count(answer) > MAX_ANSWER_WORDS or ends_open(answer, ctx.lang) or not names_something(answer, ctx.lang):
        return

    term = f"**{subject}** {_lower(kinds)}" if kinds else f"**{owner}**"
    ws = words.tokens(owner)
    if (
        plain(parent).rstrip().endswith(":")
        and _plural(owner, lg)
        and len(ws) >= 2
        and all(everyday(w, ctx.lang, EVERYDAY_OWNER) for w in ws)
        and subject
        and not is_label(subject, ctx.lang)
        and not any(same_stem(w, h) for w in ws for h in words.tokens(subject))
    ):
        # 'Purchasing Options:' over 'Reserved - 1 or 3 years' under '### Dedicated Hosts': a lead-in of
        # everyday words naming a set of the heading subject's ('Dedicated Hosts purchasing options:
        # reserved?'); alone they are anyone's options
        term = f"**{subject}** {_lower(owner)}"
    if setup:
        term = f"{term}, {setup[:1].lower() + setup[1:]}"  # 'P-persistent, if channel busy then toss coin ...'
    front = attribute_front(term, _lower(label), lg)
    yield ctx.draft(Rule.ATTRIBUTE, QA, [front], block, f"{owner}/{label}", cap(answer))


def _names_a_class(owner: str, label: str, ctx) -> bool:
    """'### Alteranti la membrana cellulare' over 'Rappresentanti principali: polimixina e colistina': a heading
    written as a phrase ('[drugs] altering the cell membrane') still names a class when the line under it gives
    its members by a property label (the language's `property_labels`: 'main representatives')."""
    lg = words.lang(ctx.lang)
    p = plain(owner).strip()
    return (
        label.lower() in lg.property_labels
        and bool(ctx.path)
        and p == heading_name(ctx.path[-1])
        and not is_label(p, ctx.lang)
        and 2 <= len(p.split()) <= 6
        and not any(t in lg.question_words or t in lg.dangling for t in words.tokens(p))  # ('How they are dosed')
    )


def _kinds_of(owner: str, parent: str, subject: str, ctx) -> str:
    """'Variants:', 'Types:' over label lines under '## Blue/Green Deployments': a list label naming a set of
    kinds (a word list), the heading a name -> 'Variants', the label; '' otherwise."""
    lg = words.lang(ctx.lang)
    if not plain(parent).rstrip().endswith(":") or owner.strip(" :*_").lower() not in lg.set_labels:
        return ""
    if not subject or is_label(subject, ctx.lang) or word_count(subject) > MAX_KINDS_OWNER_WORDS:
        return ""  # (any name the author set over the list: 'Rolling updates' is everyday words, and a name here)
    return owner.strip(" :*_")


MAX_KINDS_OWNER_WORDS = 6


def purposes(block: Block, ctx) -> Iterator[Draft]:
    """'You can use X to Y', 'X is used to Y' -> 'What is X used for?' -> 'To Y', and the cloze on X."""
    lg = words.lang(ctx.lang)
    asked: set[str] = set()
    for i, a, seq in _sentences(block, ctx):
        if a.kind != PURPOSE or not _usable(a) or a.negated or a.warning or not is_term(a.subject, ctx):
            continue
        extra = _extra(seq, i)
        asked_for = (
            _tool_for_task(a, block, ctx, extra, lg, _set_up(a, i, seq, lg)) if _a_task(a, i, seq, block, lg) else None
        )
        if asked_for is not None:
            # ('Use X to overwrite the records ...', 'You can use X to run the pipeline every week. This
            # solution ...'): the notes answer a task with X, whose purpose is more than that task
            yield asked_for
            continue
        own = _singular(plain(a.subject).lower(), lg)
        first_use = own not in asked
        asked.add(own)
        goal = strip_end(a.predicate)
        verb_last = a.verb.split()[-1].lower() if a.verb.split() else ""
        if verb_last in ("to", "for", "per", "a", "di") and not goal.lower().startswith(verb_last + " "):
            goal = f"{verb_last} {goal}"
        if (
            word_count(goal) <= MAX_ANSWER_WORDS
            and first_use  # ('You can use VPC endpoints to connect ...; you can use a VPC endpoint to secure
            # training data': the second use is the first one's example, the question has the first for answer)
            and ctx.facts.uses.get(plain(a.subject).lower(), 0) <= 1
            and ctx.facts.said.get(plain(a.subject).lower(), 0) <= 2
        ):
            front = lg.template("used_for_plural" if a.plural else "used_for", term=_named(a))
            yield ctx.draft(Rule.PURPOSE, QA, [front], block, plain(a.subject), cap(goal), extra=extra)
        if not _much_said(a.subject, ctx):
            yield _cloze_subject(Rule.CAPABILITY, a, block, ctx, extra)


MAX_TASK_WORDS = 12


def _a_task(a: Sentence, i: int, seq: list[Sentence], block: Block, lg) -> bool:
    """A 'use X to Y' sentence that answers a task, not one that says what X is for: an order ('Use X to
    detect PII'), a scenario's sentence or one the next sentence calls the answer ('This solution
    requires ...'), or a goal that points with the definite article at what the paragraph's
    sentences before it set up ('After you create the pipeline, ...' then 'You can use X to run the
    pipeline every week')."""
    if not a.verb or words.tokens(a.verb.lower()) not in [list(p) for p in lg.purpose_preps]:
        return False  # 'X is used to Y', 'the purpose of X is Y': a statement of X's purpose
    if words.tokens(a.verb.lower())[:1] != ["to"] and words.tokens(a.verb.lower()) != ["in", "order", "to"]:
        return False  # ('Use regex for the description of ...': no task to ask, a thing X is for)
    toks = words.tokens(plain(a.text))
    if toks[:1] and toks[0] in lg.imperatives:
        return True
    if a.scenario:
        return True
    if not isinstance(block, Paragraph):
        return False
    after = seq[i + 1] if i + 1 < len(seq) else None
    if after is not None and after.scenario and words.tokens(plain(after.text))[:1] in ([d] for d in lg.demonstratives):
        return True  # ('This solution requires the least ...': the sentence after calls it the answer)
    return bool(_set_up(a, i, seq, lg))


def _set_up(a: Sentence, i: int, seq: list[Sentence], lg) -> list[str]:
    """The phrases of a goal that point with the definite article at what the paragraph's sentences before it
    set up ('inference pipeline' of '... to execute the inference pipeline every week' after 'After you create
    the inference pipeline, ...'): the scenario's own things."""
    if not lg.definite or not i:
        return []
    said = {stem(w) for b in seq[:i] for w in content_words(plain(b.text), lg.code)}
    own = {stem(w) for w in content_words(plain(a.subject), lg.code)}
    goal = words.tokens(plain(a.predicate))
    found = []
    for k, t in enumerate(goal):
        if t != lg.definite:
            continue
        phrase = []
        for w in goal[k + 1 : k + 4]:
            if not re.match(r"\w", w) or w in lg.function_words or w in lg.relatives:
                break
            phrase.append(w)
        if any(w.lower() not in plain(a.predicate) for w in phrase):
            continue  # ('the AWS Cloud': a name, not a thing the paragraph set up)
        if phrase and stem(phrase[-1]) in said and stem(phrase[-1]) not in own:
            found.append(" ".join(phrase))
    return found


def _any_one(goal: str, phrases: list[str], lg) -> str:
    """'execute the inference pipeline at ...' -> 'execute an inference pipeline at ...': the goal's object, a
    thing the scenario set up named in two words or more, asked of any one of its kind (the question stands
    without the scenario; blind review u)."""
    if not lg.indefinite:
        return goal
    toks = words.tokens(goal)
    for phrase in phrases:
        if len(phrase.split()) < 2 or toks[1:2] != [lg.definite] or toks[2 : 2 + len(phrase.split())] != phrase.split():
            continue  # (only the goal's object, a name of its kind: 'the data' may be no countable thing)
        article = lg.indefinite[-1] if len(lg.indefinite) > 1 and phrase[:1].lower() in "aeiou" else lg.indefinite[0]
        goal = re.sub(
            rf"\b{re.escape(lg.definite)}\s+(?={re.escape(phrase)}\b)", article + " ", goal, count=1, flags=re.I
        )
    return goal


def _tool_for_task(a: Sentence, block: Block, ctx, extra: list[str], lg, set_up: list[str] = ()) -> Draft | None:
    """'Use X to Y' -> 'How do you Y?' -> 'Use X'; the means ('by using Z') goes with the answer."""
    if "how_to" not in lg.templates:
        return None
    frames = "|".join(r"\s+".join(re.escape(w) for w in f) for f in lg.use_frames)
    m = re.match(rf"^(?P<frame>{frames})\s+(?P<x>.+?)\s+{re.escape(a.verb)}\s+", plain(a.text), re.I)
    if not m:
        return None
    verb = m.group("frame").split()[-1]
    act = f"{verb} {m.group('x')}"
    goal, means = strip_end(plain(a.predicate)), ""
    # ('to store features for reuse and to provide access ...': two tasks, the first asked)
    goal = re.split(rf",?\s+(?:and|or)\s+{re.escape(a.verb)}\s+", goal, maxsplit=1)[0]
    # ('... into R by using the X option': a means a gerund says, or one of the means words that is one)
    openers = [" ".join(o) for o in lg.means]
    by = "|".join([rf"{re.escape(o)}\s+\w+ing" for o in openers] + [re.escape(o) for o in openers if o.endswith("ing")])
    mm = re.search(rf",?\s+(?P<by>(?:{by})\b.*)$", goal)
    if mm and word_count(goal[: mm.start()]) >= 3:
        goal, means = goal[: mm.start()], mm.group("by")
    if word_count(goal) > MAX_TASK_WORDS or ends_open(goal, ctx.lang) or len(informative(goal, ctx.lang)) < 2:
        return None
    tool = content_words(m.group("x"), ctx.lang)
    heads = {stem(w) for h in ctx.path for w in content_words(plain(h), ctx.lang)}
    if tool and stem(tool[-1]) in heads:
        # ('Use Vendor Feature Store to store ...' under 'Feature Store': the heading names the tool and would
        # give the answer away; 'Use a Canvas ready-to-use model' under 'Canvas' names another thing)
        return None
    answer = cap(f"{act}, {means}" if means else act)
    kind = _kind_worked_on(act, goal, ctx)
    goal = _any_one(goal, list(set_up), lg)
    front = lg.template("how_to_in", goal=goal, kind=kind) if kind else lg.template("how_to", goal=goal)
    return ctx.draft(Rule.HOW_TO, QA, [front], block, goal.lower(), answer, extra=extra)


def _singular(name: str, lg) -> str:
    """'vpc interface endpoints' -> 'vpc interface endpoint': one name whichever number the sentence gives it."""
    head, _, last = name.rpartition(" ")
    for end in lg.plural_endings:
        if last.endswith(end) and len(last) > len(end) + 2 and not any(last.endswith(x) for x in lg.plural_exceptions):
            return f"{head} {last[: -len(end)]}".strip()
    return name


def facts(block: Block, ctx) -> Iterator[Draft]:
    """'Nucleus contains DNA material' -> 'What does the nucleus contain?' -> 'DNA material': asked forward,
    since a blank for the subject would fit many things (chromatin, DNA and the nucleolus are all 'inside')."""
    lg = words.lang(ctx.lang)
    if not lg.object_verbs:
        return
    for i, a, seq in _sentences(block, ctx):
        if a.kind != STATEMENT or not a.subject or not _usable(a) or a.negated or not is_term(a.subject, ctx):
            continue
        base = lg.object_verbs.get(a.verb.strip("*_,.;:").lower())
        answer = strip_end(_before_reason(a.predicate, lg))
        used = _means_to(a, lg, ctx) if not base else None
        if used is not None and not _much_said(a.subject, ctx):
            # 'SageMaker Autopilot uses a cross-validation resampling technique to generate metrics ...' -> 'What
            # does SageMaker Autopilot use to generate metrics ...?' -> 'A cross-validation resampling technique'
            verb, means, goal = used
            does = "does" if a.verb.lower().endswith("s") else "do"
            front = f"What {does} {named(a.subject.strip('*_'), lg)} {verb} to {goal}?"
            yield ctx.draft(Rule.FACT, QA, [front], block, f"{plain(a.subject)} {verb} to {plain(goal)}", cap(means))
            continue
        made = _made_of(a, lg) if not base else None
        if made is not None:
            # 'Accelerated computing instance types are equipped with accelerators such as GPUs' -> 'What are
            # accelerated computing instance types equipped with?' (a blank for the subject would fit many)
            phrase, what = made
            what = first_clause(strip_end(_before_reason(what, lg)), ctx.lang)
            if (
                word_count(what) <= MAX_MADE_OF_WORDS
                and not ends_open(what, ctx.lang)
                and _says_what(what, ctx)
                and not _much_said(a.subject, ctx)
            ):
                front = f"What {a.verb.lower()} {named(a.subject.strip('*_'), lg)} {phrase}?"
                key = f"{plain(a.subject)} {phrase}"
                yield ctx.draft(Rule.FACT, QA, [front], block, key, cap(what), extra=_extra(seq, i))
                continue
        if not base and _about_heading(a.subject, ctx):
            d = _heading_fact(a, block, ctx, _extra(seq, i))
            if d is not None:
                yield d
                continue
        if not base:
            if (
                _strong(a.subject, ctx)
                and len(informative(a.predicate, ctx.lang)) >= 4
                and not _much_said(a.subject, ctx)
            ):
                # '1-persistent sends as soon as idle': a name the notes use, a claim only it makes
                yield _cloze_subject(Rule.SUBJECT, a, block, ctx, _extra(seq, i))
            continue
        held = _held(answer, lg, ctx.lang)
        if held == ("", ""):
            continue
        if held is not None and ctx.facts.said.get(plain(a.subject).lower(), 0) <= 2:
            # 'ConvNet architectures make the explicit assumption that the inputs are images' -> 'What explicit
            # assumption do ConvNet architectures make?' -> 'That the inputs are images' ('What do ConvNet
            # architectures make?' -> 'The explicit assumption that ...' asked of nothing)
            thing, clause = held
            plural = not a.verb.strip("*_,.;:").lower().endswith("s")
            front = lg.template(
                "what_thing_do" if plural else "what_thing_does",
                thing=thing,
                term=named(a.subject.strip("*_"), lg),
                verb=base,
            )
            key = f"{plain(a.subject)} {base} {thing}"
            yield ctx.draft(Rule.FACT, QA, [front], block, key, cap(clause), extra=_extra(seq, i))
            continue
        if word_count(answer) > 15 or ends_open(answer, ctx.lang) or not _says_what(answer, ctx):
            continue
        if inline_items(a.text):
            continue  # 'X holds two groups: a and b': the set after the colon is asked whole (lists)
        answer = first_clause(answer, ctx.lang)  # 'the raw pixels and the last volume stores ...': its own fact
        whole = _given(answer, lg)
        answer = _before_second_predicate(whole, lg)
        # (what 'but' joined on stays on the back: 'But does not push the weights to 0')
        also = [cap(strip_end(whole[len(answer) :].strip(" ,")))] if answer != whole else []
        if words.tokens(plain(answer))[:1] and words.tokens(plain(answer))[0] in lg.anaphora:
            continue  # 'Gluon makes it easy to ...': the object is a pronoun, the question would ask nothing
        verb = a.verb.strip("*_,.;:")
        does = "does" if verb.lower().endswith("s") else "do"
        if ctx.facts.said.get(plain(a.subject).lower(), 0) > 2:
            continue  # 'What does CloudWatch provide?': the notes say many things of it, the question has many answers
        if _open_offer(a.subject, base, ctx):
            # 'CloudWatch provides detailed monitoring of ...': 'What does CloudWatch provide?' has as many
            # answers as the product has features (blind review: an open front), the blank on its name one
            yield _cloze_subject(Rule.SUBJECT, a, block, ctx, also + _extra(seq, i))
            continue
        name = named(a.subject.strip("*_"), lg)
        owner = _whose(a.subject, ctx)
        name = lg.template("owned_by", thing=name, owner=f"**{owner}**") if owner else name
        if _second_verb(answer, lg):
            # 'Auto scaling adds instances when ... and removes ...': two acts, the question asks what it does
            front = f"What {does} {name} do?"
            answer = f"{verb} {answer}"
        else:
            front = f"What {does} {name} {base}?"
            compared = _compared(answer, ctx)
            if compared:
                # 'provide higher accuracy than linear models with ...': asked of nothing, 'What do tree-based
                # models provide?' has many answers; the thing it is compared with scopes it (blind review u)
                answer, other = compared
                front = lg.template("compared_with", question=front.rstrip("?"), other=other)
        key = plain(a.subject) if base == "provide" else f"{plain(a.subject)} {base}"
        yield ctx.draft(Rule.FACT, QA, [front], block, key, cap(answer), extra=also + _extra(seq, i))


MAX_HELD_WORDS = 15
MAX_HELD_ADJECTIVES = 2


@lru_cache(maxsize=8)
def _held_pattern(code: str) -> re.Pattern:
    """_held's object: an article, up to MAX_HELD_ADJECTIVES words, a that-noun, the clause from its
    complementizer on; longest words first, built once per language."""
    lg = words.lang(code)
    articles = "|".join(re.escape(w) for w in sorted(lg.articles, key=len, reverse=True))
    nouns = "|".join(re.escape(w) for w in sorted(lg.that_nouns, key=len, reverse=True))
    that = "|".join(re.escape(w) for w in sorted(lg.complementizers, key=len, reverse=True))
    return re.compile(
        rf"^(?:{articles})\s+((?:[^\W\d_][\w-]*\s+){{0,{MAX_HELD_ADJECTIVES}}}?(?:{nouns}))\s+((?:{that})\s+\S.*)$",
        re.I,
    )


@lru_cache(maxsize=8)
def _comment_pattern(code: str) -> re.Pattern:
    """', which ...': a comma and a comment relative of the language, once per language."""
    comments = "|".join(re.escape(w) for w in sorted(words.lang(code).comment_relatives)) or "\0"
    return re.compile(rf",\s+(?:{comments})\b")


def _held(answer: str, lg, lang: str) -> tuple[str, str] | None:
    """'the explicit assumption that the inputs are images, which allows ...' -> ('explicit assumption', 'that
    the inputs are images'): an object that is a noun taking a that-clause (the language's `that_nouns`:
    assumption, hypothesis, guarantee), and the clause up to a comment on it; ('', '') when the clause says
    too little to ask; None for any other object."""
    if not lg.that_nouns or not lg.complementizers or "what_thing_does" not in lg.templates or not lg.articles:
        return None
    m = _held_pattern(lg.code).match(plain(answer))
    if not m:
        return None
    thing = m.group(1)
    if any(t in lg.function_words for t in words.tokens(thing)):
        return None
    clause = strip_end(first_clause(m.group(2), lang))
    clause = _comment_pattern(lg.code).split(clause)[0]  # (', which allows us ...': a comment on it)
    if word_count(clause) > MAX_HELD_WORDS or ends_open(clause, lang) or len(informative(clause, lang)) < 2:
        return "", ""  # ('make the assumption that it works': what is held says nothing; no card asks it)
    return thing, clause


def _compared(answer: str, ctx) -> tuple[str, str] | None:
    """'higher accuracy than linear models with slightly longer training times' -> ('higher accuracy with
    slightly longer training times', 'linear models'): a comparison's other side (after a comparison word,
    up to a function word or a comma), out of the answer; None when there is none or too little is left."""
    lg = words.lang(ctx.lang)
    if "compared_with" not in lg.templates or not lg.comparison_words:
        return None
    ws = answer.split()
    k = next((j for j, w in enumerate(ws) if w.lower() in lg.comparison_words), -1)
    if k < 1:
        return None
    end = k + 1
    while end < len(ws) and ws[end].lower() not in lg.function_words and not ws[end - 1].endswith((",", ";")):
        end += 1
    other = " ".join(ws[k + 1 : end]).strip(" ,;")
    rest = " ".join(ws[:k] + ws[end:])
    if not other or len(informative(other, ctx.lang)) < 1 or len(informative(rest, ctx.lang)) < 2:
        return None
    return rest, other


def _whose(subject: str, ctx) -> str:
    """'Amazon Comprehend' for 'Medical version detects PHI ...' under '## Amazon Comprehend (Medical)':
    a noun that is always a version or a part of something ('version', 'edition': the language's
    `relational_nouns`), with no 'of' of its own, is the heading's ('What does the medical version detect?'
    asked of nothing; blind review). '' otherwise."""
    lg = words.lang(ctx.lang)
    toks = words.tokens(plain(subject))
    if "owned_by" not in lg.templates or not toks or toks[-1] not in lg.relational_nouns or not ctx.path:
        return ""
    if set(toks) & lg.partitives:
        return ""  # ('the free version of the tool': its owner said)
    heading = re.sub(r"\s*\([^)]*\)", "", heading_name(ctx.path[-1])).strip(" :")
    return heading if heading and not is_label(heading, ctx.lang) and is_term(heading, ctx, True) else ""


MAX_MADE_OF_WORDS = 12
MAX_MEANS_WORDS = 8
MAX_GOAL_WORDS = 16


def _means_to(a: Sentence, lg, ctx) -> tuple[str, str, str] | None:
    """('use', 'a cross-validation resampling technique', 'generate metrics ...') of 'X uses a cross-validation
    resampling technique to generate metrics ...': the means and the goal it serves."""
    verb = (lg.instrument_verbs or {}).get(a.verb.strip("*_,.;:").lower())
    if not verb:
        return None
    m = re.match(r"(.+?)\s+to\s+(\w+)\s+(.+)$", strip_end(a.predicate))
    base = m.group(2).lower() if m else ""
    if not m or base not in lg.imperatives and base not in (lg.object_verbs or {}) and base + "s" not in lg.verbs:
        return None  # ('uses the data to a point': no goal)
    means, goal = m.group(1), f"{m.group(2)} {m.group(3)}"
    toks = words.tokens(plain(means))
    if (
        word_count(means) > MAX_MEANS_WORDS
        or word_count(goal) > MAX_GOAL_WORDS
        or not toks
        or toks[0] in lg.anaphora
        or toks[0] in lg.subject_pronouns
        or "," in means
        or ends_open(means, ctx.lang)
        or not _says_what(means, ctx)
    ):
        return None
    return verb, strip_end(means), strip_end(goal)


def _made_of(a: Sentence, lg) -> tuple[str, str] | None:
    """('equipped with', 'accelerators such as GPUs') of 'X are equipped with accelerators such as GPUs': a
    copula, then one of the language's `made_of` phrases, then what it names."""
    if a.verb.lower() not in lg.copulas or not lg.made_of:
        return None
    ws = a.predicate.split()
    low = [w.lower().strip(",") for w in ws]
    for p in lg.made_of:
        if tuple(low[: len(p)]) == p and len(ws) > len(p):
            return " ".join(ws[: len(p)]), " ".join(ws[len(p) :])
    return None


def _given(answer: str, lg) -> str:
    """'you with a choice of three algorithms' -> 'a choice of three algorithms': what is provided, without whom
    it is provided to (the language's `recipients`)."""
    toks = answer.split(" ")
    low = [t.lower() for t in toks]
    for r in lg.recipients:
        if tuple(low[: len(r)]) == r and len(toks) > len(r):
            return " ".join(toks[len(r) :])
    return answer


def _before_second_predicate(answer: str, lg) -> str:
    """'large datasets but can model complex relationships' -> 'large datasets': what follows 'but' + a verb
    is another claim about the subject, not part of what it requires."""
    for m in re.finditer(r",?\s+(\w+)(?=\s+(\w+)(?:\s+(\w+))?)", answer):
        if m.group(1).lower() in lg.adversatives and m.start() > 0:
            nxt, then = m.group(2).lower(), (m.group(3) or "").lower()
            if nxt in lg.modals or nxt in lg.verbs or lg.acts(nxt) or then in lg.negations:
                return answer[: m.start()]  # (', but does not push the weights to 0': an auxiliary and 'not')
    return answer


MAX_HEADING_FACT_WORDS = 20


def _about_heading(subject: str, ctx) -> bool:
    """'The centrosome is made up of ...', 'Peroxisomes play ...' under '#### Peroxisome': the sentence is
    about what its section is about."""
    if not ctx.path or ctx.section.level == 0:
        return False
    heading = heading_name(ctx.path[-1])
    mine, theirs = content_words(subject, ctx.lang), content_words(heading, ctx.lang)
    return (
        bool(mine)
        and len(mine) == len(theirs)
        and all(same_stem(a, b) for a, b in zip(mine, theirs, strict=True))
        and is_term(heading, ctx, True)
    )


def _heading_fact(a: Sentence, block: Block, ctx, extra: list[str]) -> Draft | None:
    """What the sentence says its section's subject is made of or does: 'What is the centrosome made up
    of?', 'What does the peroxisome do?'. Asked forward: the heading would name a blank."""
    lg = words.lang(ctx.lang)
    subject = a.subject.strip("*_")
    verb = a.verb.strip("*_,.;:")
    predicate = first_clause(strip_end(a.predicate), ctx.lang)
    if verb.lower() in lg.copulas:
        opened = opener_question(plain(predicate), subject, lg, plural=a.plural)
        if not opened:
            return None
        front, answer, key = opened
    elif (lg.acts(verb.lower()) or a.plural and verb.lower() in lg.verbs) and "what_does" in lg.templates:
        # ('Peroxisomes play ...': a plural subject's verb is its base form)
        front = lg.template("what_do" if a.plural else "what_does", term=named(subject, lg))
        answer, key = f"{verb} {predicate}", verb.lower()
    else:
        return None
    answer = strip_end(answer)
    if (
        word_count(answer) > MAX_HEADING_FACT_WORDS
        or ends_open(answer, ctx.lang)
        or not names_something(answer, ctx.lang)
    ):
        return None
    return ctx.draft(Rule.FACT, QA, [front], block, f"{plain(subject)} {key}", cap(answer), extra=extra)


def _second_verb(predicate: str, lg) -> bool:
    """'new instances when ... increases and removes unused ones': a second verb joined on by 'and'."""
    toks = words.tokens(plain(predicate))
    return any(a in lg.conjunctions and lg.acts(b) for a, b in zip(toks, toks[1:], strict=False))


MANY_SAID = 4


MAX_OFFER_NAME_WORDS = 2


def _open_offer(subject: str, base: str, ctx) -> bool:
    """'X provides Y' of a short name the notes neither list nor head a section with (a product they only
    use): what it provides is one of many things, what provides Y is this name (a long name would be one
    of several fillers of the blank, and stays a question; a name the section's headings say is its place's
    subject)."""
    p = plain(subject).strip("*_ ")
    return (
        base in words.lang(ctx.lang).offer_verbs
        and _strong(subject, ctx)
        and p.lower() not in ctx.facts.terms
        and word_count(p) <= MAX_OFFER_NAME_WORDS
        # (under '## IAM', 'What do IAM roles provide?' is scoped by its place, and the heading would tell the blank)
        and not any(
            same_stem(w, h)
            for w in content_words(p, ctx.lang)
            for x in ctx.path
            for h in content_words(plain(x), ctx.lang)
        )
    )


def _much_said(subject: str, ctx) -> bool:
    """The notes say many things of it ('SageMaker supports ...'): a blank for it under one claim has
    many answers the learner would be right to give."""
    return ctx.facts.said.get(plain(subject).lower(), 0) > MANY_SAID


def _cloze_subject(rule: Rule, a: Sentence, block: Block, ctx, extra: list[str]) -> Draft:
    """The sentence with its subject hidden: '[...] is a serverless orchestration service ...'."""
    text = a.text
    k = text.find(a.subject)
    before, after = (text[:k], text[k + len(a.subject) :]) if k >= 0 else ("", text)
    hidden = a.subject
    m = re.fullmatch(r"(\*\*|__)(.+)\1", hidden.strip())
    if m:
        hidden = m.group(2)
    front = [p for p in (before, Blank(hidden, 1, _kind_hint(hidden, ctx)), after) if p != ""]
    return ctx.draft(rule, CLOZE, front, block, plain(a.subject), extra=extra)


def _kind_hint(name: str, ctx) -> str:
    """'VPC interface endpoint' -> 'endpoint': what kind of thing the blank is, when its last word says
    it (several names fit '[...] to secure training data'; fewer fit '[endpoint]')."""
    own = ctx.facts.hints.get(plain(name).strip().lower())
    if own:
        return own  # the notes say what kind of thing it is (front matter `hints:`)
    ws = plain(name).split()
    if len(ws) < 2 or len(ws) == 2 and ws[0].islower():
        # ('[algorithms]' over 'built-in algorithms' gives half the answer away; over 'CSMA protocol' it does not)
        return _member_kind(name, ctx)
    last = ws[-1].lower().strip("()")
    if any(same_stem(last, w) for h in ctx.path for w in words.tokens(plain(h))):
        return ""  # the context label says it already ('[jobs]' under 'Jobs')
    return last if last in words.lang(ctx.lang).hint_nouns else ""


def _member_kind(name: str, ctx) -> str:
    """'[...] is useful for exploratory data analysis' of 'Clustering', one of the terms listed under '### Model
    Types' -> '[model type]': the heading names the kind of its members, by a category word in the plural
    ('Model Types', 'Sorting Algorithms'); several of the notes' names fit a bare blank (blind review)."""
    lg = words.lang(ctx.lang)
    heading = heading_name(ctx.path[-1]).strip(" :") if ctx.path else ""
    ws = heading.lower().split()
    if plain(name).strip().lower() not in ctx.facts.terms or not 2 <= len(ws) <= MAX_KIND_WORDS:
        return ""
    kind = _singular(" ".join(ws), lg)
    if kind == " ".join(ws) or ws[-1] not in lg.category_words or kind.split()[-1] not in lg.category_words:
        return ""
    return "" if leaked(name, kind, ctx.lang) else kind


MAX_KIND_WORDS = 3


_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def emphasis(block: Block, ctx) -> Iterator[Draft]:
    """A phrase the author set in bold is the key term of its sentence: 'A sequence is **Cauchy** if ...'."""
    lg = words.lang(ctx.lang)
    for i, a, seq in _sentences(block, ctx):
        if not a.bold or not _usable(a) or word_count(a.text) < 6 or a.text.lstrip().startswith("("):
            continue
        for m in _BOLD.finditer(a.text):
            phrase = m.group(2)
            p = plain(phrase)
            toks = words.tokens(p)
            if not p or len(toks) > MAX_BOLD_WORDS or any(t in lg.negations for t in toks) or toks[0] in lg.imperatives:
                continue  # ('**Use the X test** when ...': advice set in bold, not a term)
            if (
                is_label(p, ctx.lang)
                or _fragment(phrase)
                or p.endswith((":", "."))
                or a.text[m.end() :].lstrip()[:1] == ":"
                or not a.text[: m.start()].strip()
                and a.text[m.end() :][:1] == "."
            ):  # ('**LeNet**. The first ...': a label with its full stop after the bold)
                continue  # a bold label opening a line ('**The new setting.**', '**Meccanismo:**')
            rare = [
                t
                for t in toks
                if re.match(r"\w", t) and words.zipf(t, ctx.lang) < 3.6 and not t.endswith(("ly", "mente"))
            ]
            if not rare and not any(sum(c.isupper() for c in w) > 1 for w in p.split()):
                continue  # 'computed', 'presentare un': every word an everyday one
            rest = a.text[: m.start()] + a.text[m.end() :]
            if any(t in lg.demonstratives for t in words.tokens(plain(a.text[: m.start()]))):
                break  # 'The extent of this connectivity is called the [...]': 'this' is in the sentence before
            if word_count(rest) < 5:
                continue  # 'Bold label.' alone: nothing around it to cue it
            front = [x for x in (a.text[: m.start()], Blank(phrase, 1), a.text[m.end() :]) if x != ""]
            yield ctx.draft(Rule.EMPHASIS, CLOZE, front, block, p, extra=_extra(seq, i))
            break  # one blank a sentence: a second would be asked with the first shown


def how_to(block: Block, ctx) -> Iterator[Draft]:
    """'Configure X to Y.' / 'To Y, configure X.' -> 'How do you Y?' -> 'Configure X'."""
    lg = words.lang(ctx.lang)
    if "how_to" not in lg.templates or not lg.imperatives:
        return
    for i, a, seq in _sentences(block, ctx):
        if (
            a.kind not in ("recommendation", "purpose", "statement")
            or a.dangling
            or a.negated
            or a.warning
            or not _usable(a)
        ):
            continue
        act, goal = _act_goal(a.text, lg)
        if (
            not act
            or word_count(goal) > 12
            or word_count(act) > 10
            or ends_open(goal, ctx.lang)
            or ends_open(act, ctx.lang)
        ):
            continue
        if len(informative(goal, ctx.lang)) < 3 or len(informative(act, ctx.lang)) < 2:
            # ('How do you block internet access?' has many answers: a goal says what it is about)
            continue
        first = words.tokens(plain(goal))[:1]
        if first and (first[0] in lg.function_words or first[0] in lg.dangling):
            # 'grant access to another account': 'to' opens the verb's object, no goal ('How do you another
            # account?')
            continue
        kind = _kind_worked_on(act, goal, ctx) or _domain_scope(act, goal, ctx)
        act = _paired_act(seq[i - 1] if i else None, act, lg)
        front = (
            lg.template("how_to_in", goal=strip_end(goal), kind=kind)
            if kind
            else lg.template("how_to", goal=strip_end(goal))
        )
        yield ctx.draft(
            Rule.HOW_TO, QA, [front], block, strip_end(plain(goal)).lower(), cap(strip_end(act)), extra=_extra(seq, i)
        )


MAX_PAIRED_WORDS = 10


def _paired_act(before, act: str, lg) -> str:
    """'Set up X in the VPC. Configure Y to allow outbound connections.': an order with no goal of its own
    right before the order that gives the goal is the first half of one answer ('Set up X in the VPC and
    configure Y'; blind review: a how-to that kept one of the two things the notes pair). An order that
    denies, leans on another sentence or is long stays out."""
    if before is None or before.negated or before.warning or before.dangling or before.scenario:
        return act
    text = strip_end(plain(before.text))
    first = words.tokens(text)[:1]
    if (
        not first
        or first[0] not in lg.imperatives
        or _act_goal(before.text, lg) != ("", "")
        or word_count(text) > MAX_PAIRED_WORDS
        or not plain(before.text).rstrip().endswith(".")
        or not lg.conjunctions
    ):
        return act
    joined = "and" if "and" in lg.conjunctions else sorted(lg.conjunctions)[0]
    return f"{text} {joined} {act[:1].lower()}{act[1:]}"


def _kind_worked_on(act: str, goal: str, ctx) -> str:
    """'a container' of 'Extend the prebuilt X framework container to include custom dependencies' under
    '## Containers': a goal that names no place ('include custom dependencies': no function word) is
    scoped by the kind of thing the action works on when the section's heading names that kind (the
    action's object ends in the heading's word); asked 'How do you include custom dependencies in a
    container?' (blind review u: a vague front with no scope). '' otherwise."""
    lg = words.lang(ctx.lang)
    if "how_to_in" not in lg.templates or not ctx.path or not lg.indefinite:
        return ""
    if any(t in lg.function_words for t in words.tokens(plain(goal))):
        return ""
    heading = content_words(heading_name(ctx.path[-1]), ctx.lang)
    thing = content_words(plain(act), ctx.lang)[1:]
    if len(heading) != 1 or len(thing) < 2 or stem(thing[-1]) != stem(heading[0]):
        return ""
    name = _singular(thing[-1].lower(), lg)
    article = lg.indefinite[-1] if len(lg.indefinite) > 1 and name[:1] in "aeiou" else lg.indefinite[0]
    return f"{article} {name}"


def _domain_scope(act: str, goal: str, ctx) -> str:
    """'SageMaker' of 'Configure security groups to block internet access' under 'SageMaker › Networking': a goal
    that names no place ('block internet access': no function word) is asked in the domain its section is
    in, the first heading of its path, when that is a name (not a label, at most 3 words, a capital first)
    that neither the goal nor the action says: 'How do you block internet access in SageMaker?' (blind review
    u: 'How do you block internet access?', for what?). '' otherwise."""
    lg = words.lang(ctx.lang)
    if "how_to_in" not in lg.templates or len(ctx.path) < 2:
        return ""
    if any(t in lg.function_words for t in words.tokens(plain(goal))):
        return ""
    name = heading_name(ctx.path[0]).strip(" :")
    said = {stem(w) for w in content_words(f"{plain(act)} {plain(goal)}", ctx.lang, True)}
    mine = content_words(name, ctx.lang, True)
    if not mine or word_count(name) > MAX_SCOPE_WORDS or not name[:1].isupper() or is_label(name, ctx.lang):
        return ""
    return "" if any(stem(w) in said for w in mine) else name


MAX_SCOPE_WORDS = 3


MAX_STATE_WORDS = 4


def conditions(block: Block, ctx) -> Iterator[Draft]:
    """'Demand is elastic if |e| > 1' -> 'When is demand elastic?' -> 'If |e| > 1'; 'A sequence is called
    increasing if ...' likewise: the condition is the fact, the state names it."""
    lg = words.lang(ctx.lang)
    if not lg.conditions or "when_is" not in lg.templates:
        return
    for i, a, seq in _sentences(block, ctx):
        if not a.subject and a.kind == "recommendation" and "when_should" in lg.templates:
            yield from _choice(a, block, ctx, _extra(seq, i))
            continue
        if "when_should" in lg.templates and _usable(a) and not a.negated:
            lead = leading_choice(a, block, ctx, _extra(seq, i))
            if lead is not None:
                yield lead
                continue
        if _usable(a) and not a.negated and not a.warning and "when_modal" in lg.templates:
            first = _first_condition(a, block, ctx, _extra(seq, i))
            if first is not None:
                yield first
                continue
        # (not `a.negated`: 'X is called convergent if ..., and divergent if they do not' denies in a second
        # clause, which is cut off below; the state and the condition kept are checked)
        if not a.subject or not _usable(a) or a.kind in (PURPOSE,):
            continue
        if tuple(words.tokens(a.verb)) not in lg.condition_verbs:
            continue
        split = _condition(a.predicate, lg)
        if not split:
            continue
        state, conj, cond = split
        cond = strip_end(_first_clause(cond, lg))
        kept = words.tokens(plain(f"{state} {cond}"))
        if any(t in lg.negations or t.endswith("n't") for t in kept) or any(
            tuple(kept[j : j + len(w)]) == w for w in lg.warnings for j in range(len(kept))
        ):
            continue
        if (
            len(informative(cond, ctx.lang)) < 2
            or word_count(cond) > MAX_ANSWER_WORDS
            or ends_open(cond, ctx.lang)
            or cond.endswith(":")
        ):
            continue
        called = " ".join(words.tokens(a.verb)[1:])
        subject = a.subject.strip().strip("*_")
        name = _named(a)
        if not name.startswith("**") and subject[:1].isupper() and not any(c.isupper() for c in subject[1:]):
            name = name.replace(f"**{subject}**", f"**{subject[:1].lower() + subject[1:]}**")
        front = lg.template("when_are" if a.plural else "when_is", term=name, state=f"{called} {state}".strip())
        yield ctx.draft(
            Rule.CONDITION,
            QA,
            [front],
            block,
            f"{plain(subject)} {plain(state)}",
            cap(f"{conj} {cond}"),
            extra=_extra(seq, i),
        )


MAX_THING_WORDS = 8


def _first_condition(a: Sentence, block: Block, ctx, extra: list[str]) -> Draft | None:
    """'If N > 1, nearly every frame will suffer a collision' -> 'When will nearly every frame suffer a
    collision?' -> 'If N > 1': a condition put first, then what will follow from it for a named subject
    (not 'we' or 'you', not 'it': the language's generic subjects and pronouns)."""
    lg = words.lang(ctx.lang)
    text = re.sub(r"\*\*|__", "", a.text)
    ws = text.split()
    conj = next((c for c in lg.conditions if tuple(w.lower() for w in ws[: len(c)]) == c), None)
    if not conj or "," not in text:
        return None
    cond, main = (x.strip() for x in text[len(" ".join(ws[: len(conj)])) :].split(",", 1))
    mw = (markdown.sentences(main) or [main])[0].split()  # ('... a collision. 0<N<1 expected ...': a line of two)
    k = next((j for j, w in enumerate(mw[: MAX_SUBJECT_WORDS + 1]) if w.lower() in lg.consequence_modals), None)
    if not k or k + 1 >= len(mw) or not mw[k + 1].isalpha() or not mw[k + 1].islower():
        return None
    subject = " ".join(mw[:k])
    st = words.tokens(plain(subject))
    if (
        not st
        or st[0] in lg.dangling | lg.generic_subjects | lg.subject_pronouns | lg.consequence
        or "$" in subject
        or any(t in lg.negations for t in words.tokens(plain(main)))
        or not any(re.match(r"\w", t) and t not in lg.function_words for t in st)
    ):
        return None
    rest = strip_end(" ".join(mw[k + 1 :]))
    if word_count(cond) > MAX_ANSWER_WORDS or ends_open(rest, ctx.lang) or ends_open(cond, ctx.lang):
        return None
    if len(informative(rest, ctx.lang)) < 2 or not re.search(r"\w", cond):
        return None
    term = subject[:1].lower() + subject[1:] if subject[1:2].islower() else subject
    front = lg.template("when_modal", modal=mw[k].lower(), term=term, verb=rest)
    answer = cap(f"{' '.join(ws[: len(conj)]).lower()} {strip_end(cond)}")
    return ctx.draft(Rule.CONDITION, QA, [front], block, f"{plain(subject)} {plain(rest)}", answer, extra=extra)


def _choice(a: Sentence, block: Block, ctx, extra: list[str]) -> Iterator[Draft]:
    """'Use Newton's method when the parameters are few' -> 'When should you use Newton's method?' ->
    'When the parameters are few'. ('Avoid X when Y' keeps its verb: the question says 'avoid'.)"""
    lg = words.lang(ctx.lang)
    ws = re.sub(r"\*\*|__", "", a.text).split()  # ('**Use X** when Y': the emphasis would be cut in two)
    verb = ws[0].lower() if ws else ""
    if verb not in lg.choice_verbs or a.warning and (verb,) not in lg.warnings:  # ('Avoid X when Y' warns, asked so)
        return
    for k in range(2, min(len(ws), MAX_THING_WORDS + 2)):
        low = [w.lower().strip(",") for w in ws[k:]]
        conj = next((c for c in lg.conditions if tuple(low[: len(c)]) == c), None)
        if not conj:
            continue
        thing = " ".join(ws[1:k]).rstrip(",")
        cond = strip_end(" ".join(ws[k + len(conj) :]))
        if "," in thing or ends_open(thing, ctx.lang) or len(informative(cond, ctx.lang)) < 2:
            return
        if any(t in lg.negations for t in words.tokens(plain(thing))):
            return  # 'Use X not Y when ...': two advices in one
        if word_count(cond) > MAX_ANSWER_WORDS or ends_open(cond, ctx.lang):
            return
        front = lg.template("when_should", verb=verb, thing=thing)
        answer = cap(" ".join(ws[k : k + len(conj)]).strip(",") + " " + cond)
        yield ctx.draft(Rule.CONDITION, QA, [front], block, f"{verb} {plain(thing)}", answer, extra=extra)
        return


MAX_OBJECT_WORDS = 8
MAX_HOW_WORDS = 20


def events(block: Block, ctx) -> Iterator[Draft]:
    """'Auto scaling adds instances when the load grows' -> 'When does auto scaling add instances?' ->
    'When the load grows'; 'A cache can cut latency by keeping hot keys' -> 'How can a cache cut latency?'
    -> 'By keeping hot keys': the condition or the means is the fact."""
    lg = words.lang(ctx.lang)
    if "how_does" not in lg.templates or not lg.base_verbs:
        return
    for i, a, seq in _sentences(block, ctx):
        low = f" {a.plain.lower()} "
        if not any(f" {' '.join(o)} " in low for o in (*lg.means, *lg.conditions)):
            continue  # no 'by' and no 'when': nothing to ask (and the cheapest test first)
        first = words.tokens(a.plain)[:1]
        generic = bool(first) and first[0] in lg.generic_subjects and not a.scenario
        text, when = _condition_first(re.sub(r"\*\*|__", "", a.text), ctx)
        if a.kind in ("question", "example") or a.warning or (a.dangling and not generic and not when):
            continue
        if not generic and not when and not _usable(a) or _fragment(a.text) or has_markup(a.text):
            continue
        parsed = _event(text, ctx)
        if not parsed:
            continue
        subject, modal, verb, thing, family, opener, rest = parsed
        if when and family != "means":
            continue  # (a condition first, then another: two conditions, no one question)
        rest = strip_end(_first_clause(rest, lg))
        # ('... when the load grows and removes instances when ...': a second verb of the subject starts anew)
        cut = next((m.start() for m in re.finditer(r",?\s+and\s+(\w+)", rest) if m.group(1) in lg.base_verbs), None)
        rest = rest[:cut] if cut else rest
        head = words.tokens(plain(f"{subject} {verb} {thing}"))
        if any(t in lg.negations or t.endswith("n't") for t in head):
            continue
        if word_count(rest) > MAX_HOW_WORDS or ends_open(rest, ctx.lang) or len(informative(rest, ctx.lang)) < 2:
            continue
        name = subject.lower() if subject.lower() in lg.generic_subjects else _article_name(subject, lg)
        if family == "means":
            front = lg.template("how_modal" if modal else "how_does", term=name, verb=verb, thing=thing, modal=modal)
            front = f"{front.rstrip('?')} {when}?" if when else front
        else:
            if modal:
                continue  # 'X can fail when ...': the condition of a possibility, seldom one fact
            front = re.sub(r"\s+\?$", "?", lg.template("when_does", term=name, verb=verb, thing=thing))
        # (a means keyed as the earlier engine keyed it, 'reduce costs': its notes keep their reviews)
        rule, key = (
            (Rule.MEANS, f"{verb} {plain(thing)}")
            if family == "means"
            else (Rule.EVENT, f"{plain(subject)} {verb} {plain(thing)}")
        )
        yield ctx.draft(rule, QA, [front], block, key, cap(f"{opener} {rest}"), extra=_extra(seq, i))


def _condition_first(text: str, ctx) -> tuple[str, str]:
    """'When $P(B)$ is not directly known, it can be expanded using the law of total probability' -> ('$P(B)$ can
    be expanded using the law of total probability', 'when it is not directly known'): a condition put first
    whose subject the pronoun after it stands for; (text, '') for any other sentence."""
    lg = words.lang(ctx.lang)
    m = re.match(r"^(\w+)\s+([^,]{3,80}),\s+(\w+)\s+(\S.*)$", text)
    if not m or (m.group(1).lower(),) not in lg.conditions or m.group(3).lower() not in lg.subject_pronouns:
        return text, ""
    said = analyse(m.group(2), ctx.lang)
    subject = said.subject.strip()
    if not subject or not said.verb or ("$" not in subject and not is_term(subject, ctx)):
        return text, ""
    k = m.group(2).find(subject)
    if k < 0:
        return text, ""
    clause = m.group(2)[:k] + m.group(3).lower() + m.group(2)[k + len(subject) :]
    return f"{subject} {m.group(4)}", f"{m.group(1).lower()} {clause.strip()}"


def _event(text: str, ctx) -> tuple[str, str, str, str, str, str, str] | None:
    """(subject, modal, base verb, object, 'means'|'condition', opener, rest) of 'S [modal] V O by|when R'."""
    lg = words.lang(ctx.lang)
    ws = text.split()
    for k in range(1, min(len(ws) - 2, MAX_SUBJECT_WORDS + 1)):
        w = ws[k].lower()
        modal = ""
        # ('can only classify ... by looking ahead': a restriction between modal and verb stays on the answer)
        only = int(w in lg.modals and k + 2 < len(ws) and ws[k + 1] in lg.only_words)
        passive = ws[k + 1 + only] == "be" and k + 2 + only < len(ws) and ws[k + 2 + only].endswith(("ed", "en"))
        if (
            w in lg.modals
            and ws[k + 1 + only].isalpha()
            and ws[k + 1 + only].islower()
            and (ws[k + 1 + only] not in lg.function_words or passive)
        ):
            # (after a modal the next word is the verb's base form, whatever verb it is)
            modal, v = w, k + 1 + only
            verb = ws[v].lower()
        elif (
            w in lg.base_verbs
            and ws[k].islower()
            and not any(tuple(x.lower() for x in ws[k : k + len(d)]) == d for d in lg.definers)
        ):  # ('Bootstrapping means launching ... when ...' defines, it states no event)
            v, verb, only = k, lg.base_verbs[w], 0
        else:
            continue
        subject = " ".join(ws[:k]).rstrip(":")  # ('SSE-S3: encrypts ...': a label line names its subject)
        bare = re.sub(r"^(?:" + "|".join(map(re.escape, lg.articles)) + r")\s+", "", subject, flags=re.I)
        generic = subject.lower() in lg.generic_subjects and bool(modal)  # 'You can cut costs by ...'
        if not generic and not is_term(bare, ctx) and not _strong(bare, ctx):
            return None
        for j in range(v + 1, min(len(ws), v + 2 + MAX_OBJECT_WORDS)):
            low = [x.lower().strip(",") for x in ws[j:]]
            for family, openers in (("means", lg.means), ("condition", lg.conditions)):
                op = next((o for o in openers if tuple(low[: len(o)]) == o), None)
                if not op or j == v + 1 and (family == "means" or modal):
                    continue  # (a verb with no object only for its condition: 'Data drift occurs when ...')
                rest = " ".join(ws[j + len(op) :])
                opens = words.tokens(plain(rest))[:1]
                if (
                    family == "means"
                    and opens
                    and not (op[-1].endswith(lg.gerund_endings) or opens[0].endswith(lg.gerund_endings))
                ):
                    return None  # 'by the user': an agent, not a means ('using the law of ...' is one)
                thing = " ".join(ws[v + 1 : j]).rstrip(",")
                tt = words.tokens(plain(thing))
                if "," in thing or not rest or ends_open(thing, ctx.lang):
                    return None
                if any(t in lg.anaphora or t in lg.relatives for t in tt):
                    return None  # 'grant these permissions', 'host models that are trained by ...': not whole
                if family == "condition" and len(tt) == 2 and tt[0] in lg.function_words:
                    return None  # 'looks to see if ...': 'if' opens what is checked, no condition
                opener = " ".join(ws[k + 1 : k + 1 + only] + ws[j : j + len(op)]).strip(",")
                return subject, modal, verb, thing, family, opener, rest
        return None
    return None


MAX_STATE_CLAUSE_WORDS = 6


def reasons(block: Block, ctx) -> Iterator[Draft]:
    """'Regularization helps reduce overfitting because it penalizes large weights' -> 'Why does
    regularization help reduce overfitting?' -> 'Because it penalizes large weights'; 'The sigmoid is chosen
    because ...' -> 'Why is the sigmoid chosen?': the cause of a claim about a name is the fact."""
    lg = words.lang(ctx.lang)
    if not lg.reasons or "why_does" not in lg.templates or "why_is" not in lg.templates:
        return
    for i, a, seq in _sentences(block, ctx):
        low = f" {a.plain.lower()} "
        concluded = _concluded(a, seq[i - 1] if i else None, ctx)
        if concluded:
            yield ctx.draft(Rule.REASON, QA, [concluded[0]], block, concluded[1], concluded[2], extra=_extra(seq, i))
            continue
        if not any(f" {' '.join(o)} " in low for o in lg.reasons):
            continue  # no 'because': nothing to ask (the cheapest test first)
        if a.kind in ("question", "example") or a.warning or a.negated or word_count(a.text) > MAX_SENTENCE_WORDS:
            continue
        if a.dangling and not a.scenario or has_markup(a.text) or _fragment(a.text):
            continue  # (a scenario's words may stand in an aside the card leaves out: checked on what it keeps)
        text = re.sub(r"\*\*|__", "", a.text)
        # 'Many functions map to (0, 1); the sigmoid is chosen because ...': the clause with the reason
        text = text.rsplit("; ", 1)[-1] if "; " in text.split(" because ")[0] else text
        text = _but_it(text, lg)
        parsed = _reason(text, ctx)
        if not parsed:
            continue
        front, key, rest = parsed
        rest = strip_end(_reason_clause(rest, lg))
        if word_count(rest) > MAX_HOW_WORDS or ends_open(rest, ctx.lang) or len(informative(rest, ctx.lang)) < 2:
            continue
        if analyse(f"{plain(front)} {plain(rest)}", a.lang).scenario:
            continue  # 'Why is X the best option?': the exercise's own situation, no fact
        yield ctx.draft(Rule.REASON, QA, [front], block, key, cap(rest), extra=_extra(seq, i))


def _concluded(a: Sentence, before: Sentence | None, ctx) -> tuple[str, str, str] | None:
    """'Pipe mode streams data directly to the training algorithm. Therefore, pipe mode can lead to better
    performance.' -> ('Why can pipe mode lead to better performance?', key, 'Because it streams data directly to
    the training algorithm'): a conclusion (after one of `conclusion_openers`) of the same subject as the
    sentence before says why; asked as if 'because' joined them. None for any other sentence."""
    lg = words.lang(ctx.lang)
    if before is None or not lg.conclusion_openers or a.scenario or a.kind in ("question", "example"):
        return None
    claim, prev = _after_comma_opener(a.text, lg.conclusion_openers, a.lang), before
    if claim is None or claim.negated or claim.warning or claim.dangling:
        return None
    if prev.dangling:
        prev = _after_comma_opener(prev.text, lg.dangling, a.lang) or prev
    if prev.dangling or prev.scenario or prev.warning or prev.kind != STATEMENT or not _usable(prev):
        return None
    if has_markup(a.text) or _fragment(a.text) or has_markup(prev.text):
        return None
    # the subject both say: their first words alike, up to the claim's verb ('Pipe mode' of 'Pipe mode streams
    # ...' and 'Pipe mode can lead ...')
    mine, theirs = claim.text.split(), prev.text.split()
    k = 0
    while k < min(len(mine), len(theirs), MAX_SUBJECT_WORDS + 1) and mine[k].lower() == theirs[k].lower():
        k += 1
    said = [w for w in words.tokens(" ".join(mine[:k])) if w not in lg.articles]
    if not said or k >= len(theirs) or not theirs[k].isalpha() or not theirs[k].islower():
        return None
    own = (
        lg.subject_pronouns & lg.plural_pronouns
        if _plural_name(" ".join(mine[:k]), lg)
        else lg.subject_pronouns - lg.plural_pronouns
    )
    if not own:
        return None
    reason = " ".join(lg.reasons[0])
    text = f"{strip_end(claim.text)} {reason} {min(own)} {strip_end(' '.join(theirs[k:]))}"
    parsed = _reason(text, ctx)
    if not parsed:
        return None
    front, key, rest = parsed
    rest = strip_end(_reason_clause(rest, lg))
    if word_count(rest) > MAX_HOW_WORDS or ends_open(rest, ctx.lang) or len(informative(rest, ctx.lang)) < 3:
        return None
    if analyse(f"{plain(front)} {plain(rest)}", a.lang).scenario:
        return None
    return front, key, cap(rest)


def _after_comma_opener(text: str, openers, lang: str) -> Sentence | None:
    """'Therefore, pipe mode can ...' read as 'Pipe mode can ...' when its opener is one of `openers`."""
    m = re.match(r"^([^\W\d]+),\s+(\S.*)$", text)
    if not m or m.group(1).lower() not in openers:
        return None
    return analyse(cap(m.group(2)), lang)


def _but_it(text: str, lg) -> str:
    """'The @Override tag is technically optional, but it's highly suggested because ...' -> 'The @Override tag
    is highly suggested because ...': the clause after the contrast says its own state of the same subject (a
    pronoun and the copula), and the reason is that state's; any other text as it is."""
    joins = "|".join(re.escape(j) for j in lg.contrast_joins)
    pronouns = "|".join(re.escape(p) for p in lg.subject_pronouns)
    copulas = "|".join(re.escape(c) for c in lg.copulas)
    if not joins or not pronouns or not copulas:
        return text
    m = re.match(
        rf"^(?P<s>[^,]+?)\s+(?P<v>{copulas})\s+[^,]+,\s+(?:{joins})\s+(?:{pronouns})(?:'s|\s+(?:{copulas}))\s+(?P<b>\S.*)$",
        text,
        re.I,
    )
    return f"{m.group('s')} {m.group('v')} {m.group('b')}" if m else text


def _reason(text: str, ctx) -> tuple[str, str, str] | None:
    """(front, key, 'because ...') of 'S is STATE because R', 'S [modal] V O because R'."""
    lg = words.lang(ctx.lang)
    ws = text.split()
    low = [w.lower().strip(",") for w in ws]
    at = next((j for j in range(2, len(ws)) for o in lg.reasons if tuple(low[j : j + len(o)]) == o), None)
    if at is None or "," in " ".join(ws[:at]):
        return None  # ('X is fast, cheap and, because ...': the reason of one part of a list)
    for k in range(1, min(at, MAX_SUBJECT_WORDS + 1)):
        w = low[k]
        subject = " ".join(ws[:k])
        first = low[0]
        if first in lg.dangling or first in lg.generic_subjects or first in lg.question_words:
            return None  # 'This is not reliable because ...', 'We use X because ...': no name to ask of
        bare = re.sub(r"^(?:" + "|".join(map(re.escape, lg.articles)) + r")\s+", "", subject, flags=re.I)
        if w in lg.copulas:
            head, state = "copula", ws[k + 1 : at]
        elif w in lg.modals and k + 1 < at and ws[k + 1].islower() and ws[k + 1].isalpha():
            head, state = "modal", ws[k + 2 : at]
        elif w in lg.base_verbs and ws[k].islower():
            head, state = "verb", ws[k + 1 : at]
        elif w in lg.verbs and ws[k].islower() and _plural_name(bare, lg):
            head, state = "plural", ws[k + 1 : at]
        else:
            continue
        if not is_term(bare, ctx) and not _strong(bare, ctx):
            return None
        thing = " ".join(state).rstrip(",")
        tt = words.tokens(plain(thing))
        if head == "copula" and not tt or len(tt) > MAX_STATE_CLAUSE_WORDS or ends_open(thing, ctx.lang):
            return None  # ('X is Y and Z because ...' of a long clause: more than one fact)
        if any(t in lg.anaphora or t in lg.relatives or t in lg.negations for t in tt):
            return None  # 'is used there because ...': the clause leans on text around it
        if any(t in lg.superlatives for t in tt):
            return None  # 'Why is X the most cost-effective solution?': best among an exercise's options
        if any(tuple(tt[j : j + len(c)]) == c for c in lg.conditions for j in range(len(tt))):
            # 'X drift occurs when interpretability is affected because ...': the reason is of the condition's
            # clause, and 'Why does X occur when ...?' garbles a definition (the events rule asks when)
            return None
        if re.search(rf"(?<!^)\b{re.escape(ws[0].lower())}\b", text):
            subject = ws[0].lower() + subject[len(ws[0]) :]  # 'Regularization ... because regularization ...'
        name = _article_name(subject, lg)
        if head == "copula":
            front = lg.template("why_is", copula=w, term=name, state=thing)
        elif head == "modal":
            front = lg.template("why_modal", modal=w, term=name, verb=low[k + 1], thing=thing)
        elif head == "verb":
            front = lg.template("why_does", term=name, verb=lg.base_verbs[w], thing=thing)
        else:
            front = lg.template("why_do", term=name, verb=w, thing=thing)
        front = re.sub(r"\s+\?$", "?", front)
        return front, f"{plain(bare)} {plain(thing)}".strip(), " ".join(ws[at:])
    return None


def _before_reason(text: str, lg) -> str:
    """'overfitting because it stops co-adaptation' -> 'overfitting': the reason is a fact of its own."""
    for o in lg.reasons:
        m = re.search(r",?\s+" + r"\s+".join(map(re.escape, o)) + r"\b", text, re.I)
        if m:
            return text[: m.start()]
    return text


def _reason_clause(rest: str, lg) -> str:
    """'because it falls out of GLMs, covered next lecture' -> 'because it falls out of GLMs': the reason
    up to where an aside joins on (', which ...', ', so ...', ', covered ...')."""
    rest = _first_clause(rest, lg)
    endings = "|".join(re.escape(e) for e in (*lg.gerund_endings, *lg.participle_endings)) or "\0"
    cut = re.search(rf",\s+(?:which|so|but|while|whereas|\w+(?:{endings}))\b|;\s", rest)
    return rest[: cut.start()] if cut else rest


def properties(block: Block, ctx) -> Iterator[Draft]:
    """'The centrosome is made up of ... Its main function is to organize the microtubules' -> 'Centrosome:
    main function?' -> 'To organize the microtubules': the owner is the name the sentence before is about,
    or the heading when that sentence leans on it too ('It is common to insert a pooling layer ...')."""
    lg = words.lang(ctx.lang)
    if not isinstance(block, (Paragraph, ItemList)) or not lg.property_nouns:
        return
    seq = block.analysis
    for i, a in enumerate(seq):
        if a.kind == DEFINITION and _marked(a) and is_term(a.subject, ctx, True) and not is_label(a.subject, ctx.lang):
            # '- **GoogLeNet**. The 2014 winner was ... Its main contribution was ...': said of the label
            yield from _labelled_properties(a, block, ctx)
            continue
        said = possessed(a.text, lg)
        if not said or a.negated or a.warning or _parent(block, i) or not _usable_but_possessive(a):
            continue
        before = seq[i - 1] if i else None
        owner = ""
        if before is not None and before.subject and not before.dangling and is_term(before.subject, ctx, True):
            owner = before.subject.strip().strip("*_")
        elif (before is None or before.dangling and not before.subject) and ctx.path and ctx.section.level > 0:
            owner = heading_name(ctx.path[-1])
        if not owner or not is_term(owner, ctx, True) or is_label(owner, ctx.lang):
            continue
        if _plural_name(owner, lg) != (a.text.split()[0].lower() in lg.plural_pronouns):
            continue  # 'Their role ...' after a singular name points elsewhere
        prop, answer = said
        front = attribute_front(f"**{cap(as_written(owner, lg))}**", prop, lg)
        yield ctx.draft(Rule.ATTRIBUTE, QA, [front], block, f"{plain(owner)}/{prop}", answer, extra=_extra(seq, i))


def _labelled_properties(a: Sentence, block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    owner = plain(a.subject).strip().rstrip(".:")
    plural = _plural_name(owner, lg)
    for sentence in markdown.sentences(a.predicate)[1:]:
        said = possessed(sentence, lg)
        b = analyse(sentence, a.lang)
        if not said or b.negated or b.warning or b.scenario or _fragment(sentence):
            continue
        if (sentence.split()[0].lower() in lg.plural_pronouns) != plural:
            continue
        prop, answer = said
        front = attribute_front(f"**{owner}**", prop, lg)
        links = [x for x in block.links if x.url in a.text]
        yield ctx.draft(Rule.PROPERTY, QA, [front], block, f"{owner}/{prop}", answer, links=links)


def _usable_but_possessive(a: Sentence) -> bool:
    """`_usable`, save that a possessive opener leans on the sentence before by design."""
    return (
        not a.scenario
        and word_count(a.text) <= MAX_SENTENCE_WORDS
        and not has_markup(a.text)
        and not _fragment(a.text)
        and not a.plain.rstrip().endswith(":")
    )


def likeness(block: Block, ctx) -> Iterator[Draft]:
    """'Right ventricular pacing is similar to LBBB' -> 'What is right ventricular pacing similar to?' ->
    'LBBB': what a name resembles (or equals) is one fact ('..., but LVH often progresses to LBBB' goes to
    the back). The relations are the language's `likeness` list."""
    for i, a, seq in _sentences(block, ctx):
        if a.plain.rstrip().endswith(":"):
            # 'Interfaces are very similar to normal classes except for some major differences:': the lead-in
            # to a list of differences; the list's card shows the likeness on its front, and asked alone ('What
            # are interfaces similar to?' -> 'Normal classes') it is trivial (blind review)
            continue
        if not _usable(a):
            continue
        lg = words.lang(ctx.lang)
        named_it = is_term(a.subject, ctx, _marked(a))
        asked = like_question(a, lg) if named_it else None
        rule = Rule.SIMILAR
        if not asked and (named_it or _measure_of_a_name(a.subject, ctx)):
            asked, rule = relation_question(a, lg), Rule.RELATION
        if asked:
            front, answer, extra, key = asked
            yield ctx.draft(rule, QA, [front], block, key, answer, extra=[*extra, *_extra(seq, i)])


def _measure_of_a_name(subject: str, ctx) -> bool:
    """'The size of the inhibition zone', 'La dimensione dell'alone': a quantity of a named thing, which a
    relation ('is proportional to') is said of, as it is of a name (a partitive, then a key word)."""
    lg = words.lang(ctx.lang)
    toks = words.tokens(plain(subject))
    k = next((j for j, t in enumerate(toks) if t in lg.partitives), -1)
    return 0 < k < len(toks) - 1 and bool(informative(" ".join(toks[k + 1 :]), ctx.lang))


def _article_name(subject: str, lg) -> str:
    """'A multi-model endpoint' -> 'a **multi-model endpoint**'; 'Auto scaling' -> '**Auto scaling**'."""
    first, _, rest = subject.partition(" ")
    if first.lower() in lg.articles and rest:
        return f"{first.lower()} **{rest}**"
    return f"**{as_written(subject, lg)}**"


def _first_clause(cond: str, lg) -> str:
    """'..., and is called decreasing if ...' -> '...': a second definition joined on is not the condition."""
    verbs = "|".join(r"\s+".join(map(re.escape, v)) for v in lg.condition_verbs)
    return re.split(rf",?\s+and\s+(?:{verbs})\s", cond, maxsplit=1)[0] if verbs else cond


def _condition(predicate: str, lg) -> tuple[str, str, str] | None:
    """'elastic if the value is > 1' -> ('elastic', 'if', 'the value is > 1'): a short state, then a
    conjunction of the language's `conditions` list."""
    ws = predicate.split()
    for k in range(1, min(len(ws), MAX_STATE_WORDS + 1)):
        low = [w.lower().strip(",") for w in ws[k:]]
        for conj in lg.conditions:
            if tuple(low[: len(conj)]) == conj:
                state = " ".join(ws[:k]).rstrip(",")
                st = words.tokens(plain(state))
                if not st or any(t in lg.function_words and t not in lg.articles for t in st) or "," in state[:-1]:
                    return None  # 'is an estimate of ... if': a clause, not a state
                if any(t in lg.verbs or t in lg.object_verbs for t in st):
                    return None
                return state, " ".join(ws[k : k + len(conj)]), " ".join(ws[k + len(conj) :])
    return None


def _in_parentheses(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("(") > before.count(")")


def _act_goal(text: str, lg) -> tuple[str, str]:
    first = words.tokens(markdown.to_plain(text))[:1]
    m = re.match(r"^To ([a-z][^,]{4,100}), (?:you (?:can|should|must|need to) )?(.+)$", text)
    if (
        m
        and words.tokens(markdown.to_plain(m.group(2)))[:1]
        and words.tokens(markdown.to_plain(m.group(2)))[0] in lg.imperatives
    ):
        return m.group(2), m.group(1)
    if first and first[0] in lg.imperatives and first[0] not in ("use",):
        m = re.match(r"^(.+?) (?:in order )?to ([a-z].+)$", text)
        goal_first = words.tokens(m.group(2))[:1] if m else []
        if (
            m
            and not re.search(r"\b(?:to|and|or)$", m.group(1))
            and goal_first
            and goal_first[0] not in lg.function_words | lg.articles
        ):
            # ('Attach a policy to the execution role': 'to' is a preposition there, no goal follows)
            return m.group(1), m.group(2)
    return "", ""


MAX_NUMBER_SENTENCE_WORDS = 30

_AT_VALUE = re.compile(r"\b(?:at|when)\s+\$?[A-Za-z]\w{0,2}\s*=\s*(?P<n>\d+(?:\.\d+)?)(?![\w.])")


def _extreme_at(a: Sentence, block: Block, ctx, extra: list[str]) -> Draft | None:
    """'The maximum throughput occurs at G=0.5, with S=1/2e' -> 'The maximum throughput occurs at G=[...],
    ...': where a named extreme is reached, a bare number the numbers below (which need a unit) leave."""
    lg = words.lang(ctx.lang)
    m = _AT_VALUE.search(a.text)
    if not m or word_count(a.text) > MAX_NUMBER_SENTENCE_WORDS or not a.text[:1].isupper():
        return None
    if not any(t in lg.extremes for t in words.tokens(plain(a.subject))) or _in_parentheses(a.text, m.start()):
        return None
    front = [cap(a.text[: m.start("n")]), Blank(m.group("n"), 1), a.text[m.end("n") :]]
    key = f"{plain(a.text)[:40]}#{m.group('n')}"
    return ctx.draft(Rule.NUMBER, CLOZE, [x for x in front if x != ""], block, key, extra=extra)


def numbers(block: Block, ctx) -> Iterator[Draft]:
    """'Rest 10-15 minutes before measuring' -> 'Rest [...] minutes before measuring'."""
    lg = words.lang(ctx.lang)
    for i, a, seq in _sentences(block, ctx):
        if not a.quantities and _usable(a) and a.subject and not a.negated:
            d = _extreme_at(a, block, ctx, _extra(seq, i))
            if d is not None:
                yield d
                continue
        if not a.quantities or not _usable(a) or a.kind == DEFINITION or word_count(a.text) < 5:
            continue
        if word_count(a.text) > MAX_NUMBER_SENTENCE_WORDS:
            continue  # one number hidden in a long, chatty sentence ('If you're feeling a bit of fatigue ...')
        limits = list(_limits(a.text, lg))
        if limits:
            # 'the memory requirements fit within the 6 GB memory and 200 concurrency limits of serverless
            # endpoints': the exercise's model fits, the limits are the fact, asked of what they bound
            for owner, label, value in limits:
                front = attribute_front(f"**{cap(owner)}**", label, lg)
                yield ctx.draft(Rule.ATTRIBUTE, QA, [front], block, f"{owner}/{label}", value)
            continue
        q = a.quantities[0]
        k = a.text.find(q)
        if k < 0:
            continue
        m = re.search(r"[$€£]?\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?", q)
        if not m:
            continue
        start, stop = k + m.start(), k + m.end()
        if _in_parentheses(a.text, start) or re.search(r"(?<![\w\\])[A-Za-z]\s*[<>≤≥]=?\s*$", a.text[:start]):
            continue  # '(37%)' restates a number in an aside; 'N > [1]' is a passage's own variable
        if a.text[:1].islower() and not (isinstance(block, ItemList) and a.subject and a.verb in lg.copulas):
            # 'every slot has ...': a fragment of a line, no sentence to cue it ('- max execution time of a state
            # machine is 1 year' names its subject: a list line written in lower case)
            continue
        if re.match(r"\s*%?\s*\([^)]*\d[^)]*\)", a.text[stop:]):
            continue  # '[99.999999999]% (11 9's)': the aside after the number says it again
        front = [x for x in (cap(a.text[:start]), Blank(a.text[start:stop], 1), a.text[stop:]) if x != ""]
        yield ctx.draft(Rule.NUMBER, CLOZE, front, block, f"{plain(a.text)[:40]}#{q}", extra=_extra(seq, i))


MAX_LIMIT_WORDS = 3
_AMOUNT = r"\d+(?:[.,]\d+)?(?:\s*[A-Za-z%]{1,3}\b)?"


def _limits(text: str, lg) -> Iterator[tuple[str, str, str]]:
    """(owner, 'memory limit', '6 GB') of each amount in 'the 6 GB memory and 200 maximum concurrency limits
    of serverless endpoints': amounts, each before the few words it bounds, joined by 'and', then a limit
    noun of the language and 'of' with the owner."""
    if not lg.limit_nouns:
        return
    low = plain(text)
    nouns = "|".join(sorted(map(re.escape, lg.limit_nouns), key=len, reverse=True))
    m = re.search(rf"((?:{_AMOUNT}\s+[\w -]+?)(?:,?\s+and\s+{_AMOUNT}\s+[\w -]+?)+)\s+({nouns})\s+of\s+([^,.;]+)", low)
    if not m:
        return
    owner = m.group(3).strip()
    if word_count(owner) > 5 or not owner:
        return
    singular = m.group(2)[:-1] if m.group(2).endswith("s") and m.group(2)[:-1] in lg.limit_nouns else m.group(2)
    for part in re.split(r",?\s+and\s+", m.group(1)):
        amount = re.match(_AMOUNT, part)
        what = part[amount.end() :].strip() if amount else ""
        if not amount or not what or word_count(what) > MAX_LIMIT_WORDS:
            return
        yield owner, f"{what} {singular}", amount.group(0).strip()


__all__ = [
    "likeness",
    "properties",
    "reasons",
    "events",
    "conditions",
    "definitions",
    "purposes",
    "facts",
    "emphasis",
    "numbers",
    "how_to",
    "is_term",
]
