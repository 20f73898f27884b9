"""Comparison items -> term to gist (Q/A) and the reverse: the gist with the term hidden (cloze)."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .. import markdown
from ..model import Block, Card, Comparison, Term
from .context import CONTEXT_SEP, Ctx
from .text import (
    CATEGORY_WORDS,
    PLATFORM_WORDS,
    IMPERATIVES,
    PLATFORMS,
    VERBS,
    cap,
    circular,
    clean,
    cloze,
    content_words,
    end,
    hide_less,
    key_words,
    leaked,
    lower_first,
    negative,
    not_line,
    plain,
    render,
    same_stem,
    self_contained,
    split_subject,
    to_html,
    variants,
    words,
)

MAX_ANSWER_WORDS = 30


_LABEL = re.compile(
    r"^(?:best when|use when|when to use|trade-?offs?|pros|cons|advantages?|disadvantages?|examples?|notes?|tips?|"
    r"summary|see also|why|how|what|caveats?|limitations?)$",
    re.I,
)


def comparison_terms(block: Block, ctx: Ctx) -> Iterator[Card]:
    if not isinstance(block, Comparison):
        return
    if re.search(r"\b(?:table of )?contents\b", plain(ctx.section.title) + " " + plain(block.intro), re.I):
        return  # a table of contents lists headings, not terms
    list_qualifier = _qualifier(block, ctx)
    if list_qualifier in ("factor", "task"):
        yield from _factor_list(block, ctx, list_qualifier)
        return
    # head words several terms of the list share ('split' in Stratified split, Random split): a category
    ends = [content_words(t.term)[-1] for t, _ in _flatten(block.items, ()) if content_words(t.term)]
    heads = {w for w in ends if ends.count(w) > 1}
    previous: list[Card] = []
    carded: set[int] = set()  # terms that got a card of their own
    for term, parents in _flatten(block.items, ()):
        if re.match(r"^(?:There|It|This|That|These|They|Here|From)\b", plain(term.term)) or _LABEL.match(plain(term.term)):
            continue  # a sentence the parser read as a term
        uses_card = None
        if not term.description:
            if not term.children:
                for c in previous:  # a term with only a link: its link goes on the card before it
                    c.sources.extend(link for link in term.links if all(link.url != s.url for s in c.sources))
            continue
        context = CONTEXT_SEP.join([ctx.context, *(plain(p.term) for p in parents)])
        qualifier = _own_qualifier(term, list_qualifier)
        gist, rest = _gist(term, block.intro)
        if not gist:
            continue
        if _VAGUE.search(gist) and rest:
            # 'Uses a new highly customizable, multi-purpose algorithm ...' says nothing of this term: the
            # next sentence that says something is the gist ('It can learn ... dense embeddings ...')
            nxt = next((x for x in rest if not negative(x) and _stands_alone(clean(x), term, block.intro)), "")
            better = end(cap(re.sub(r"^can ", "", _drop_subject(clean(nxt), term.term, block.intro)))) if nxt else ""
            if better and self_contained(better) and not _VAGUE.search(better):
                rest = [gist, *(x for x in rest if x != nxt)]
                gist = better
        twin = _twin(gist, term, block)
        if twin and rest:
            # another term's gist reads almost the same: add the next sentence so the answer tells them apart
            more = next((s for s in rest if not negative(s) and self_contained(_drop_subject(clean(s), term.term, block.intro))), "")
            told = end(_drop_subject(clean(more), term.term, block.intro)) if more else ""
            if told and len(words(told)) <= 18 and len(words(gist)) + len(words(told)) <= SHORT_ANSWER_WORDS:
                rest = [s for s in rest if s != more]
                gist = gist.rstrip(".") + "; " + lower_first(told)
        term_html = to_html(term.term)
        extra = _extra(term, rest)
        subject = plain(term.term)
        gist, aside = _essential(gist)
        if aside:
            rest = [aside, *rest]
        if _misses_the_point(term, gist) and _named(term.term) and _uses(term) and not _HEDGE.search(gist):
            # 'What is SSD?' -> 'Uses a CNN ... as the base network': the answer says what it is for too
            told = gist.rstrip(".") + "; used for " + _lower_words(_uses(term)) + "."
            if len(words(told)) <= SHORT_ANSWER_WORDS:
                gist = told
        swap = ""  # what to ask instead when the name answers 'What is X?'
        if _named(term.term) and _name_answers(term.term, gist, qualifier, heads):
            if len(_problem_types(term, plain(term.description))) >= 2:
                swap = "kinds"
            elif _uses(term) and not leaked(term.term, _uses(term), qualifier):
                swap = "uses"
        if (
            not swap
            and not circular(term.term, gist, " ".join([block.intro, qualifier, *heads]))
            and not _gives_away(term.term, gist, qualifier, heads)
            and not _enumeration(gist)
            and not _misses_the_point(term, gist)
        ):
            front = _prompt(block.intro, term_html, qualifier)
            qa = ctx.card("qa", front, to_html(gist), block, "term", subject, extra, term.source, term.links, context)
            previous = [qa]
            carded.add(id(term))
            yield qa
            uses = _uses(term)
            if uses and not leaked(term.term, uses, qualifier) and not any(
                same_stem(u, g) for u in content_words(uses) for g in content_words(gist)
            ):
                # what the term is for, when the description does not say it ('IP Insights: learns the
                # usage patterns for IPv4 addresses' -> used for anomaly detection): a fact of its own
                front = _prompt(block.intro, term_html, qualifier).rstrip("?") + " used for?"
                uses_card = ctx.card("qa", front, to_html(cap(_lower_words(uses))), block, "term", subject + " uses", "", term.source, term.links, context)
        else:
            previous = []
            uses = _uses(term)
            if swap == "kinds":
                # 'Linear Learner' -> 'Learns a linear function ...': ask what the name does not say
                kinds = _problem_types(term, plain(term.description))
                answer = cap(", ".join(kinds[:-1]) + " and " + kinds[-1])
                front = f"Which problem types does {term_html} handle?"
                qa = ctx.card("qa", front, to_html(answer), block, "term", subject, extra, term.source, term.links, context)
                previous = [qa]
                carded.add(id(term))
                yield qa
            elif swap == "uses":
                # asked below unless the reverse card states the use too ('(used for: ...)')
                front = _prompt(block.intro, term_html, qualifier).rstrip("?") + " used for?"
                uses_card = ctx.card("qa", front, to_html(cap(_lower_words(uses))), block, "term", subject, to_html(gist), term.source, term.links, context)
            elif uses and not leaked(term.term, uses, qualifier):
                # the description repeats the name, the 'Uses:' line does not: ask for that
                front = _prompt(block.intro, term_html, qualifier).rstrip("?") + " used for?"
                qa = ctx.card("qa", front, to_html(cap(_lower_words(uses))), block, "term", subject, extra, term.source, term.links, context)
                previous = [qa]
                carded.add(id(term))
                yield qa
        for c in _examples(term, rest, qualifier, block, ctx, context):
            previous.append(c)
            carded.add(id(term))
            yield c
        hint = qualifier if len(qualifier.split()) <= 4 else " ".join(qualifier.split()[-2:])
        cue = _reverse_cue(term, gist, rest, block.intro, hint, heads)
        if cue and _shared_phrase(cue, term, block):
            # another item says the same ('determining topics in a set of documents': LDA and NTM): with
            # the name hidden, nothing the notes say tells which; the forward card still asks it
            cue = ""
        told_use = cue and all(any(same_stem(u, w) for w in content_words(cue)) for u in content_words(_uses(term)))
        if uses_card is not None and not (cue and "(used for:" in cue) and not told_use:
            # with a forward card and a reverse that both state the use, 'What is K-Means used for?
            # Clustering' would be the same fact a third time
            previous.append(uses_card)
            yield uses_card
        if cue:
            if hint and all(any(same_stem(h, w) for w in content_words(cue)) for h in content_words(hint)):
                hint = ""  # '[statistical test]: a statistical test assessing ...' says it twice
            text = render((cloze(term_html, 1, hint),), ": " + lower_first(_tidy(cue)))
            # the sentence that became the cue is not repeated on the back
            rev_extra = _extra(term, [s for s in rest if _drop_subject(clean(s), term.term, block.intro).rstrip(".").lower() not in cue.lower()])
            rev = ctx.card("cloze", text, "", block, "term-reverse", subject, rev_extra, term.source, term.links, context)
            previous.append(rev)
            carded.add(id(term))
            yield rev
    yield from _leftovers(block, ctx, carded, list_qualifier)


def _uses(term: Term) -> str:
    return plain(next((v for k, v in term.attributes if k.lower() == "uses"), ""))


_EXAMPLES = re.compile(r"^Examples include (?:the )?(?P<x>[^,;]+?)(?:,.*)?\.?$")


def _examples(term: Term, rest: list[str], qualifier: str, block: Comparison, ctx: Ctx, context: str) -> Iterator[Card]:
    """'Examples include the ml.r5 and ml.r5n instance families.' -> 'What are examples of Memory
    Optimized (instance type)?' and the reverse, the examples with the term hidden: names worth knowing."""
    for s in [*rest, *term.details]:
        m = _EXAMPLES.match(plain(clean(s)))
        if not m or not re.search(r"[\d.]", m.group("x")) or leaked(term.term, m.group("x"), qualifier):
            continue  # only concrete names ('ml.r5'), never 'examples include many things'
        x = m.group("x").strip()
        term_html = to_html(term.term)
        q = f"What are examples of <b>{term_html}</b>" + (f" <span class=\"hint\">({qualifier})</span>" if qualifier else "") + "?"
        subject = plain(term.term) + " examples"
        yield ctx.card("qa", q, to_html(x if re.match(r"^[a-z]+\.", x) else cap(x)), block, "term", subject, "", term.source, term.links, context)
        text = render((cloze(term_html, 1, qualifier),), ": " + to_html("examples include the " + x + "."))
        yield ctx.card("cloze", text, "", block, "term-reverse", subject, "", term.source, term.links, context)
        return


def _leftovers(block: Comparison, ctx: Ctx, carded: set[int], qualifier: str) -> Iterator[Card]:
    """The items of a list that got no card of their own (every description repeats its name:
    'Availability: Some instance types might have limited availability in certain AWS Regions') are
    asked IN their description: the name's word hidden, the list's kind as the cue ('SageMaker instance
    type selection factor: ... limited {{c1::availability}} ...'). One fact per card; a list card that
    hides 5-8 names at once, or asks 'which item is missing', is no card a learner keeps."""
    label = qualifier or plain(ctx.section.title)  # what the items are, as the cue
    ends = [content_words(t.term)[-1] for t, _ in _flatten(block.items, ()) if content_words(t.term)]
    heads = {w for w in ends if ends.count(w) > 1}
    for term, parents in _flatten(block.items, ()):
        if id(term) in carded or not term.description or _LABEL.match(plain(term.term)):
            continue
        if re.match(r"^(?:There|It|This|That|These|They|Here|From)\b", plain(term.term)):
            continue
        if _named(term.term):
            continue  # a name ('Linear Learner', 'SSD') is asked from what it does, never inside it
        context = CONTEXT_SEP.join([ctx.context, *(plain(p.term) for p in parents)])
        cue = _cut_leak(term, block.intro, qualifier)
        common = "" if cue else _common_leak(term, block, qualifier)
        if cue or common:
            # 'includes time series models like ARIMA for forecasting future values': the clause that
            # names the term goes, the rest is the cue and the term the blank; or the word it shares
            # with the term is one other items say too ('order'), and tells nothing apart
            hint = qualifier if len(qualifier.split()) <= 4 else " ".join(qualifier.split()[-2:])
            shown = re.sub(r"\s*\(optional\)|, which is optional,", "", cue or common)
            text = render((cloze(to_html(term.term), 1, hint),), ": " + lower_first(shown))
            # (same note as the in-description card it replaces: 'term-in-description' stays its key)
            yield ctx.card("cloze", text, "", block, "term-reverse" if cue else "term-common", plain(term.term), "",
                           term.source, term.links, context, key_rule=None if cue else "term-in-description")
            continue
        text = _in_description(term, block.intro, heads)
        if not text:
            continue  # nothing in the description names the term: it honestly gets no card
        front = f"{to_html(label)}: {text}" if label else text
        extra = f"<b>{to_html(term.term)}</b>"
        yield ctx.card("cloze", front, "", block, "term-in-description", plain(term.term), extra, term.source, term.links, context)


def _factor_list(block: Comparison, ctx: Ctx, qualifier: str) -> Iterator[Card]:
    """A list of factors to consider or tasks a service performs: labels ('Cost', 'Model selection')
    whose descriptions mostly restate them. Three blind reviews rejected every card that asked for a
    label from its description ('limited [availability]'), its description from the label ('Workload
    requirements -> evaluate the computational demands'), or a name the description holds ('limited
    availability in certain [AWS Regions]': answered from the sentence). The list is asked once."""
    items = [t for t in block.items if not _LABEL.match(plain(t.term))]
    if qualifier == "task":
        tasks = _task_sequence(block, ctx, items)
        if tasks is not None:
            yield tasks
            return
    whole = _whole_list(block, ctx, qualifier, items)
    if whole is not None:
        yield whole


def _task_sequence(block: Comparison, ctx: Ctx, items: list[Term]) -> Card | None:
    """'SageMaker Autopilot performs the following key tasks': an ordered pipeline (analysis, model
    selection, tuning, training, deployment), asked as overlapping clozes, each task cued by the one
    before (what every reviewer of the one-card list asked for)."""
    m = re.search(r"((?:Amazon |SageMaker |AWS )*[A-Z][\w-]*(?: [A-Z][\w-]*)*) performs the following", plain(block.intro))
    if not m or not 3 <= len(items) <= 8:
        return None
    lis = "".join(f'<li value="{n}">{cloze(to_html(t.term), n)}</li>' for n, t in enumerate(items, 1))
    front = f'<div class="steps-intro">{to_html(m.group(1))} performs these key tasks, in order:</div><ol class="steps">{lis}</ol>'
    links = [link for t in items for link in t.links]
    return ctx.card("cloze", front, "", block, "steps", "tasks", "", block.source, links)


def _whole_list(block: Comparison, ctx: Ctx, qualifier: str, items: list[Term]) -> Card | None:
    """'Which 6 factors should you consider when selecting a SageMaker instance type?': the list itself,
    once. The one card of a list's labels (each alone is a common word; CARDS.md allows 3-5 items per
    answer and these lists hold 5-8 short labels, so it is the lesser evil over 14 guessable blanks)."""
    if not 2 <= len(items) <= 8:
        return None
    intro = plain(block.intro)
    m = re.match(r"^When (selecting|choosing) ([^,]+?),", intro)
    n = len(items)
    if qualifier == "factor" and m:
        front = f"Which {n} factors should you consider when {m.group(1)} {m.group(2)}?"
    else:
        m = re.search(r"((?:Amazon |SageMaker |AWS )*[A-Z][\w-]*(?: [A-Z][\w-]*)*) performs the following", intro)
        if not (qualifier == "task" and m):
            return None
        front = f"Which {n} key tasks does {m.group(1)} perform?"
    names = [plain(t.term) for t in items]
    answer = ", ".join([names[0], *(_lower_words(x) for x in names[1:])])
    links = [link for t in items for link in t.links]
    return ctx.card("qa", to_html(front), to_html(answer), block, "list", qualifier + "s", "", block.source, links)


def _cut_leak(term: Term, intro: str, qualifier: str) -> str:
    """The description's first sentence up to the trailing clause that names the term ('... like ARIMA'
    from '... like ARIMA for forecasting future values'), when at least six words are left; else ''."""
    sents = [x for x in markdown.sentences(term.description) if not negative(x)]
    if not sents:
        return ""
    sent = end(cap(_drop_subject(clean(sents[0]), term.term, intro)))
    if not self_contained(sent):
        return ""
    toks = sent.rstrip(".").split(" ")
    keys = key_words(term.term, qualifier)
    first = next((i for i, t in enumerate(toks) if any(same_stem(w, k) for w in content_words(t) for k in keys)), None)
    if first is None:
        return ""
    cut = next((i for i in range(first, 0, -1) if toks[i] in ("for", "to", "by", "with", "which") or toks[i - 1].endswith(",")), None)
    if cut is None or cut < 6:
        return ""
    head = " ".join(toks[:cut]).rstrip(",")
    return end(head) if not leaked(term.term, head, qualifier) else ""


def _common_leak(term: Term, block: Comparison, qualifier: str) -> str:
    """The first sentence as the cue although it repeats a word of the term, when another item of the
    list says that word too ('maintains the order of the input data' for Ordered split, while Randomized
    split 'shuffles the order'): the word then tells no item apart. '' otherwise."""
    sents = [x for x in markdown.sentences(term.description) if not negative(x)]
    if not sents:
        return ""
    sent = end(cap(_drop_subject(clean(sents[0]), term.term, block.intro)))
    bad = leaked(term.term, sent, qualifier)
    if len(bad) != 1 or not self_contained(sent) or not 5 <= len(words(sent)) <= SHORT_ANSWER_WORDS + 5:
        return ""  # ('a default security group is created': the whole name shows)
    first = plain(term.term).split(" ", 1)[0]
    if len(words(plain(term.term))) > 3 or first.lower() in VERBS or first in IMPERATIVES:
        return ""  # 'Monitor training performance', 'Works during model training': a label, not a term
    others = [content_words(o.description) for o, _ in _flatten(block.items, ()) if o is not term and o.description]
    if all(any(any(same_stem(b, w) for w in ws) for ws in others) for b in bad):
        return sent
    return ""


_MAX_IN_DESCRIPTION = 4  # words one deletion may span
# everyday words a factor's description repeats from its label: hiding one asks nothing worth a review
_EVERYDAY = {
    "cost", "costs", "integrates", "integrate", "domain", "domains", "scale", "problem", "time", "order",
    "performance", "availability", "complexity",
}


def _in_description(term: Term, intro: str, heads: set[str] = frozenset()) -> str:
    """The first sentence of the term's description that names it (a word of the same stem), as card
    HTML with those words hidden under one cloze number; '' when no sentence fits."""
    keys = [k for k in key_words(term.term) if k not in heads]  # 'split' of every split: not the name
    if not keys:
        return ""
    fallback = ""
    for s in markdown.sentences(term.description):
        if negative(s):
            continue
        sent = clean(s)
        if not _stands_alone(sent, term, intro):
            continue
        sent = end(cap(_drop_subject(sent, term.term, intro)))
        sent = re.sub(r"\s*\(optional\)|, which is optional,", "", sent)
        toks = sent.split(" ")
        if not self_contained(sent) or not 5 <= len(toks) <= 30:
            continue
        hits = [i for i, t in enumerate(toks) if any(same_stem(w, k) for w in content_words(t) for k in keys)]
        if not hits:
            continue
        # neighbouring hits ('optimal hyperparameter') are one deletion; at most two deletions
        spans: list[list[int]] = []
        for i in hits:
            if spans and i - spans[-1][1] <= 2 and i - spans[-1][0] < _MAX_IN_DESCRIPTION:
                spans[-1][1] = i
            else:
                spans.append([i, i])
        if len(spans) > 2 or len(spans) >= len(toks) // 3:
            continue
        everyday = all(toks[i].strip(".,;:()").lower() in _EVERYDAY for i in hits)
        if len(spans) == 2:
            # one blank per card: the span with the label's first word ('the [time] constraints' for
            # 'Training time and computational resources'), the other word stays as the cue
            def rank(span: list[int]) -> int:
                ws = [w for t in toks[span[0] : span[1] + 1] for w in content_words(t)]
                return min((i for i, k in enumerate(keys) if any(same_stem(w, k) for w in ws)), default=len(keys))

            spans = [min(spans, key=rank)]
        parts: list[str | tuple[str]] = []
        k = 0
        for a, b in spans:
            word = " ".join(toks[a : b + 1])
            lead = re.match(r"^\W*", word).group(0)
            tail = re.search(r"\W*$", word).group(0)
            core = word[len(lead) : len(word) - len(tail)] if tail else word[len(lead) :]
            parts.append(" ".join(toks[k:a]) + (" " if a > k else "") + lead)
            parts.append((cloze(to_html(core), 1),))
            parts.append(tail + " ")
            k = b + 1
        parts.append(" ".join(toks[k:]))
        text = render(*parts).strip()
        if not everyday:
            return text
        # 'varying [costs]': an everyday word; a later sentence that hides a real term wins ('the best
        # [performance-to-cost] ratio'), else this one stays (the factor would be on no card at all)
        fallback = fallback or text
    return fallback


SHORT_ANSWER_WORDS = 20


def _essential(gist: str) -> tuple[str, str]:
    """An answer over ~20 words cut to its first essential clause ('Splits the data ... such that each
    split is similar ...'): asides in parentheses go, then a clause after ';' or ', which'. The cut-off
    part, as a sentence, for the extra; '' when nothing was cut."""
    gist = re.sub(r"\s*\(optional\)|, which is optional,", "", gist)
    if len(words(gist)) <= SHORT_ANSWER_WORDS:
        return gist, ""
    short = re.sub(r"\s*\((?:optional|[^)]{0,40})\)|, which is optional,", "", gist)
    short = re.sub(r"\s{2,}", " ", short)
    if len(words(short)) <= SHORT_ANSWER_WORDS:
        return end(short), ""
    for sep in ("; ", ", which ", " — "):
        head, _, tail = short.partition(sep)
        if tail and 5 <= len(words(head)) <= SHORT_ANSWER_WORDS:
            return end(head), end(cap(tail))
    return gist, ""


def _enumeration(answer: str) -> bool:
    """'Identifies the problem type, handles missing values, normalizes ..., selects ...', 'Includes PCA for
    recommender systems, dimensionality reduction, and feature learning': a set is no one-fact answer."""
    # a serial list that ends the answer: the answer is the list ('train, test, and validation such
    # that each split ...' only names where a split goes)
    serial = answer.count(",") >= 2 and re.search(r", (?:and|or) (?:[\w-]+ ){0,3}[\w-]+\.?$", answer)
    return bool(answer.count(",") >= 3 or serial) and len(words(answer)) > 12


def _gives_away(term: str, answer: str, qualifier: str, heads: set[str]) -> bool:
    """A forward card whose answer repeats the term's own words ('Tree-based models' -> '... trees',
    'Hyperparameter optimization' -> 'search for optimal hyperparameters'): the front answers itself.
    The list's category ('split' in 'Ordered split', 'algorithm') does not count."""
    bad = leaked(term, answer, " ".join([qualifier, *heads]))
    if bad and _named(term):
        # a name ('Linear Learner', 'BlazingText') is not guessed from a word it shares with what it
        # does: the answer gives it away only when little else is left to recall
        rest = {w for w in content_words(answer) if not any(same_stem(w, b) for b in bad)}
        return len(rest) < 4
    return bool(bad)


def _name_answers(term: str, answer: str, qualifier: str, heads: set[str]) -> bool:
    """A name that says what the answer leads with ('DeepAR Forecasting' -> 'For forecasting ...') or
    shares half its own words with it ('K-Nearest Neighbors' -> 'the k nearest points', 'Linear
    Learner' -> 'Learns a linear function'): 'What is X?' answers itself."""
    bad = leaked(term, answer, " ".join([qualifier, *heads]))
    own = [k for k in key_words(term, " ".join([qualifier, *heads])) if k != "algorithm"]
    lead = content_words(answer)[:3]
    return bool(bad) and (any(same_stem(w, b) for w in lead for b in bad) or (len(own) >= 2 and 2 * len(bad) >= len(own)))


_PROBLEM_TYPES = ("classification", "regression", "clustering", "forecasting", "anomaly detection", "recommendation")


def _problem_types(term: Term, gist: str) -> list[str]:
    """The problem types a description names, in its order, that the term's name does not say."""
    found = [(gist.lower().find(p), p) for p in _PROBLEM_TYPES if re.search(rf"\b{p}\b", gist, re.I)]
    return [p for _, p in sorted(found) if not leaked(term.term, p)]


def _named(term: str) -> bool:
    """'Linear Learner Algorithm', 'BlazingText', 'SSD': a proper name, not a label ('Cost', 'Model
    complexity', 'Memory Optimized': Title Case alone names a category, and its words are the answer)."""
    ws = [w.strip("()") for w in plain(term).split() if w.lower() not in PLATFORMS]  # 'other AWS services' is no name
    return any(re.search(r"(?<=.)[A-Z]", w) for w in ws) or "Algorithm" in ws


def _misses_the_point(term: Term, gist: str) -> bool:
    """'What is SSD?' -> 'Uses a CNN pretrained for classification as the base network': the answer
    leaves out what the term is for (its 'Uses:' line), and the name would give that away if asked.
    A vague gist ('Explores a variety of algorithms') says too little to be the answer."""
    uses = _uses(term)
    bad = leaked(term.term, uses) if uses else []
    # ('Semantic Segmentation' used for semantic segmentation: the name says the use, nothing is missed)
    if bad and len(bad) < len(key_words(uses)) and not any(same_stem(u, g) for u in content_words(uses) for g in content_words(gist)):
        return True
    if len(words(gist)) < 8 and _HEDGE.search(gist):
        return True
    return _generic(gist)


def _generic(gist: str) -> bool:
    """'Suitable for a variety of ML tasks, including training and inference': a gist that names nothing
    says what any general-purpose thing does (reviewers: guessed from 'General Purpose')."""
    names = [w for w in words(gist)[1:] if (w[0].isupper() or w[0].isdigit()) and w.lower() not in PLATFORM_WORDS | {"ai"}]
    return bool(re.search(r"\b(?:variety|various)\b", gist)) and not names


def _reverse_cue(term: Term, gist: str, rest: list[str], intro: str, hint: str, heads: set[str]) -> str:
    """The description to show with the term hidden: the gist, else the first other sentence that does
    not repeat the term (or a word of the same stem: 'accelerating' for Accelerated Computing); with the
    term's 'Uses:' line as a cue when it gives nothing away. '' when every sentence would give it away."""
    if not key_words(term.term, hint):
        return ""  # nothing but the category would be hidden
    others = [end(cap(_drop_subject(clean(s), term.term, intro))) for s in rest if not negative(s) and _stands_alone(clean(s), term, intro)]
    # a later sentence is a cue only when it states something: 'Some algorithms might ...' hedges
    candidates = [gist] + [s for s in others if self_contained(s) and not _HEDGE.search(s) and not _VAGUE.search(s)
                          and " because " not in s]  # 'a supervised algorithm because ...' argues, says nothing it does
    candidates = [c for c in candidates if len(words(c)) >= 3 and not _generic(c)]
    # a cue that repeats nothing comes first; then one where only the term's tail shows ('Stratified
    # split' over 'splits the data ...': the card then hides 'Stratified' alone)
    clean_ones = [c for c in candidates if not leaked(term.term, c, hint)]
    # ... but only when what stays visible is the list's category ('split' in a list of splits)
    category = set(content_words(hint)) | CATEGORY_WORDS | heads
    fixable = []
    for c in candidates:
        less = None if c in clean_ones else hide_less(plain(term.term), leaked(term.term, c, hint))
        # ... or when the part still hidden is a name of its own: '[DeepAR] Forecasting Algorithm: for
        # forecasting scalar time series using RNNs' asks for DeepAR, which nothing on the card says
        if less and (set(content_words(less[1])) <= category or re.fullmatch(r"[A-Z][a-z0-9]+[A-Z][\w]*", less[0])):
            fixable.append(c)
    for cue in clean_ones + fixable:
        uses = next((v for k, v in term.attributes if k.lower() == "uses"), "")
        told = content_words(cue)
        if uses and leaked(term.term, uses, hint) and not any(same_stem(w, t) for w in content_words(uses) for t in told):
            # what the term is for would give it away, and the cue does not say it: 'uses a CNN
            # pretrained for classification' fits every vision algorithm
            continue
        new = [w for w in content_words(uses) if not any(same_stem(w, t) for t in told)]
        if uses and not leaked(term.term, uses, hint) and len(words(cue)) <= 20 and len(new) * 2 > len(content_words(uses)):
            cue = cue.rstrip(".") + f" (used for: {_lower_words(plain(uses))})."
        return cue
    return ""


_VAGUE = re.compile(r"\b(?:highly customizable|multi-purpose|general-purpose|a new|powerful|versatile)\b", re.I)
_HEDGE = re.compile(r"\b(?:might|may|some|could|many|various|variety)\b", re.I)


def _stands_alone(s: str, term: Term, intro: str) -> bool:
    """'They are fast to train' speaks of the term; 'These factors help ...' speaks of the whole list."""
    dropped = _drop_subject(s, term.term, intro)
    removed = s[: len(s) - len(dropped)].strip()
    if removed in ("It", "They", "This", "These"):
        first = dropped.split(" ", 1)[0].lower()
        if first not in VERBS:
            return False
    # 'accomplishes this by ...': the object still points at the sentence before
    return not re.match(r"^[\w-]+ (?:this|that|it|them)\b", dropped)


def _lower_words(text: str) -> str:
    """'Anomaly Detection' -> 'anomaly detection'; acronyms and names with inner capitals stay."""
    return " ".join(w if (w.isupper() and len(w) > 1) or any(c.isupper() for c in w[1:]) else w.lower() for w in text.split())


def _own_qualifier(term: Term, qualifier: str) -> str:
    """The list's qualifier, unless the term's own description denies it ('chi square is not used to
    assess correlation' under 'Correlation Metrics'): then the category the description gives itself
    ('a statistical test ...'), or none. A label must never claim what the notes deny."""
    head = [w for w in content_words(qualifier) if w not in ("factor", "task")]
    if not head:
        return qualifier
    sents = markdown.sentences(term.description)
    if not any(negative(s) and any(same_stem(w, h) for w in content_words(s) for h in head) for s in sents):
        return qualifier
    for s in sents:
        m = re.search(r"\b(?:is|are) (?:a|an) ((?:[\w-]+ ){0,2}?[\w-]+?)(?= (?:that|which|assessing|for|of|used|to|with|who)\b|[,.])", plain(s))
        if m and not negative(s):
            return m.group(1).lower()
    return ""


def _twin(gist: str, term: Term, block: Comparison) -> bool:
    mine = {w.lower() for w in words(gist)}
    for other, _ in _flatten(block.items, ()):
        if other is term or not other.description:
            continue
        theirs = _gist_words(other.description, other.term, block.intro)
        if mine and len(mine & theirs) / len(mine | theirs) >= 0.5:
            return True
    return False


@functools.lru_cache(maxsize=1 << 14)
def _gist_words(description: str, term: str, intro: str) -> frozenset[str]:
    """The words of a description's first sentence, its subject dropped: asked for every pair of a list's
    items (and again for each copy of a list in notes that repeat it), so remembered."""
    return frozenset(w.lower() for w in words(_drop_subject(markdown.sentences(description)[0], term, intro)))


_SHARED_WORDS = 6


def _shared_phrase(cue: str, term: Term, block: Comparison) -> bool:
    """The cue and another item's description share a run of six words or more."""
    mine = [w.lower() for w in words(plain(cue))]
    runs = {tuple(mine[i : i + _SHARED_WORDS]) for i in range(len(mine) - _SHARED_WORDS + 1)}
    for other, _ in _flatten(block.items, ()):
        if other is term or not other.description:
            continue
        theirs = [w.lower() for w in words(plain(other.description))]
        if any(tuple(theirs[i : i + _SHARED_WORDS]) in runs for i in range(len(theirs) - _SHARED_WORDS + 1)):
            return True
    return False


def _flatten(terms: list[Term], parents: tuple[Term, ...]) -> Iterator[tuple[Term, tuple[Term, ...]]]:
    for t in terms:
        yield t, parents
        yield from _flatten(t.children, (*parents, t))


def _qualifier(block: Comparison, ctx: Ctx) -> str:
    """What kind of thing the terms are: 'instance type', 'SageMaker Data Wrangler split transform'."""
    intro = plain(block.intro).rstrip(":. ")
    if re.search(r"\bfactors?\b", intro, re.I):
        return "factor"
    if re.search(r"\btasks?\b", intro, re.I):
        return "task"
    if intro and len(intro.split()) <= 6 and not re.search(r"\b(?:following|consider)\b", intro, re.I):
        return intro if any(c.isupper() for c in intro[1:]) else _singular(intro)  # keep names' capitals
    title = plain(ctx.section.title)
    title = re.sub(r"\s*\(.*?\)", "", title).strip()
    if re.search(r"\b(?:types|algorithms|metrics|modes|strategies|models|methods|techniques|transforms|instances)$", title, re.I):
        return _singular(title).lower()
    return ""


def _singular(phrase: str) -> str:
    """'Data splitting strategies' -> 'data splitting strategy' (the head noun only)."""
    if phrase.endswith("ies"):
        return (phrase[:-3] + "y").lower()
    if phrase.endswith("s") and not phrase.endswith("ss"):
        return phrase[:-1].lower()
    return phrase.lower()


def _prompt(intro: str, term_html: str, qualifier: str) -> str:
    p = plain(intro)
    if qualifier:
        return f"What is <b>{term_html}</b> <span class=\"hint\">({qualifier})</span>?"
    return f"What is <b>{term_html}</b>?"


_LEAD_PRONOUN = re.compile(
    r"^(?:These|This|They|It)(?:(?: (?:supervised|unsupervised|learning|deep|[\w-]+ed)){0,2}"
    r" (?:instances?|models?|algorithms?|options?|methods?|techniques?|strategy|transform))?"
    r"(?: (?:is|are))?(?: (?:commonly|often|typically|mainly))?\s+(?=[a-z])",
)


def _gist(term: Term, intro: str) -> tuple[str, list[str]]:
    """The description's first positive sentence, its subject dropped; the other sentences."""
    sents = [s for s in markdown.sentences(term.description)]
    rest: list[str] = []
    gist = ""
    for s in sents:
        if not gist and not negative(s):
            gist = s
        else:
            rest.append(s)
    if not gist and sents:
        gist, rest = sents[0], sents[1:]  # a negative description read as it stands keeps its polarity
    if not gist:
        return "", rest
    gist = _drop_subject(gist, term.term, intro)
    gist = re.sub(r"^(?:another|an other) ", "", gist, flags=re.I)  # 'another technique for ...' leans on the item before
    gist = _shorten(gist)
    return end(cap(gist)), rest


def _drop_subject(s: str, name: str, intro: str) -> str:
    """The sentence without its subject when the subject is the term `name` (or a pronoun for it)."""
    p = s
    for v in variants(name):
        m = re.match(r"^(?:The |An? )?" + re.escape(v) + r"\s+(?:(?:is|are)\s+)?(?=\w)", p, re.I)
        if m:
            return p[m.end():]
    m = _LEAD_PRONOUN.match(p)
    if m and not p.startswith(("This is another", "These include")):
        return p[m.end():]
    if p.startswith("This is "):
        return p[len("This is "):]
    if p.startswith("These include "):
        return "Include " + p[len("These include "):]
    sub = split_subject(p)
    if sub:
        subj, rest = sub
        sw = {w.lower() for w in words(plain(subj))}
        tw = {w.lower() for w in words(plain(name))} | {w.lower() for w in words(plain(intro))[:3]}
        if sw and len(sw & tw) >= max(1, len(sw) // 2):
            rest = re.sub(r"^(?:is|are) (?=(?:a|an|the) )", "", rest)
            rest = re.sub(r"^(?:is|are) ", "", rest)
            return rest
    return p


def _shorten(s: str) -> str:
    """Cut an over-long gist at a dash, semicolon or trailing clause."""
    if len(s.split()) <= MAX_ANSWER_WORDS:
        return s
    for sep in ("—", " – ", ";", ", which", ", and", ", such as", ","):
        head = s.split(sep, 1)[0].strip()
        if 4 <= len(head.split()) <= MAX_ANSWER_WORDS:
            return head
    return " ".join(s.split()[:MAX_ANSWER_WORDS])


def _tidy(text: str) -> str:
    t = re.sub(r"\s{2,}", " ", text).strip()
    t = re.sub(r"^(?:The|the)\s+(?=[,.;]|$)", "", t)
    return t.lstrip(",;: ")


def _extra(term: Term, rest: list[str]) -> str:
    """The description's other sentences, details, attributes; negations as a 'Not:' line."""
    parts: list[str] = []
    negs: list[str] = []
    for s in rest + term.details[:3]:
        s = clean(s)
        s = re.sub(r"\.(?:" + re.escape(plain(term.term)) + r")$", ".", s)  # 'neural networks.Tree-based models': a stray repeat
        if not self_contained(s) and not re.match(r"^(?:It|They|These|This) ", s):
            continue
        (negs if not_line(s) else parts).append(s)
    lines = [to_html(p) for p in parts[:2]]
    lines += [f"<b>{to_html(k)}:</b> {to_html(v)}" for k, v in term.attributes]
    lines += [f"<b>Not:</b> {to_html(n)}" for n in negs[:2]]
    return "<br>".join(lines)
