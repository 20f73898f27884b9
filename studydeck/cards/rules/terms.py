"""Definition lists in every form (bullets or numbers; bold, italic, code or plain labels; `:`, ` - `,
`=`, a line break): each term asked for its gist and, when the gist is its own, the other way round;
`Label: value` lines under a term ('Cause: ...', 'Width: ...') asked as that term's attributes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ... import markdown, words
from ...model import Block, Comparison, Term
from ...notes.analyse import analyse
from ..card import CLOZE, QA, Blank, Draft, Rule
from ..text import (
    cap,
    content_words,
    ends_open,
    first_clause,
    heading_name,
    in_example,
    informative,
    is_label,
    is_term,
    leaked,
    names_something,
    plain,
    positional,
    same_stem,
    standalone,
    strip_end,
    word_count,
)
from .ask import as_written, attribute_front, like_question, opener_question, possessed, singled_out, trait_front
from .choice import leading_choice
from .lists import counts_its_items, is_count, overlapping_set, set_card
from .questions import answers_question
from .tables import _lower

MAX_ANSWER_WORDS = 30
MAX_LIST_ITEMS = 4
MAX_ADVICE_ITEMS = 4


def terms(block: Block, ctx) -> Iterator[Draft]:
    if not isinstance(block, Comparison) or in_example(ctx.path, ctx.lang):
        return
    if answers_question(block, ctx):
        return  # '**Why not X?**' over '1. **Outliers wreck it.** ...': reasons, asked with their question
    if advises(block, ctx.lang):
        # 'When selecting an instance, consider the following factors': tips, not terms; the set is the fact
        # (four at most, CARDS.md's limit: the items are short names, their descriptions stay in the notes)
        # (a card per factor, asked of the heading, was tried: blind reviews rejected 'Instance types: cost?' as
        # a label with a platitude for its answer)
        yield from set_card(block.intro, [t.term for t in block.items], block, ctx, most=MAX_ADVICE_ITEMS)
        # a factor's own advice with its condition first ('Interpretability: If interpretability matters, choose
        # simpler models') is a fact of its own, asked as the prose rule asks it
        for t in block.items:
            for said in markdown.sentences(t.description)[:1] if t.description else []:
                asked = leading_choice(analyse(said, ctx.lang), block, ctx, [])
                if asked is not None:
                    asked.source = t.source
                    yield asked
        return
    last = _last_sentence(plain(block.intro))
    said = markdown.sentences(plain(block.intro)) if block.intro else []
    if said and _names_a_set(block, said[-1], ctx):
        # 'SageMaker Autopilot performs the following key tasks' over 'Model selection: SageMaker Autopilot
        # explores ...', 'Model deployment: ...': each item tells what the intro's subject does in it, no gist
        # of its own to ask ('What is Model deployment?' -> 'SageMaker Autopilot provides the option to deploy
        # the model' restates it): the names the intro points at are the fact, asked as a set
        # (four at most, CARDS.md's limit: 'Which 5 key tasks ...?' was judged too big; a bigger set is one note
        # of overlapping clozes, each name hidden in turn)
        yield from set_card(said[-1], [t.term for t in block.items], block, ctx, most=MAX_LIST_ITEMS)
        yield from overlapping_set(said[-1], [t.term for t in block.items], block, ctx)
    if last and counts_its_items(last.rstrip().rstrip(":"), len(block.items), ctx):
        # 'There are 2 types of cells:' over '1. Prokaryotic cells / Domain bacteria ...': the set of names
        yield from set_card(last, [t.term for t in block.items], block, ctx)
    yield from _items(block, block.items, ctx, ())


def _names_a_set(block: Comparison, intro: str, ctx) -> bool:
    """A list its intro points at ('the following key tasks') whose items are names with a description
    each and none a gist: every description is about another thing than its item (the intro's subject)."""
    lg = words.lang(ctx.lang)
    low = f" {' '.join(words.tokens(intro))} "
    if not any(f" {' '.join(p) if isinstance(p, tuple) else p} " in low for p in lg.list_pointers):
        return False
    items = block.items
    return len(items) >= 2 and all(
        t.description
        and not t.children
        and is_term(plain(t.term), ctx.lang, ctx.facts.terms, strict=False)
        and not _gist(t, ctx.lang, ctx.facts.terms)
        for t in items
    )


def advises(block: Comparison, lang: str) -> bool:
    """'When selecting an instance, consider the following factors': a list of tips, not of terms."""
    intro = words.tokens(plain(block.intro))
    return any(tuple(intro[i : i + len(p)]) == p for p in words.lang(lang).advice for i in range(len(intro)))


MAX_GROUP_WORDS = 6


def _group_label(term: str, lang: str) -> bool:
    """'Text or speech data', 'Images, videos or time-series': a short noun phrase naming a group, not a
    clause ('Helps against the following') nor a lead-in ('Examples:')."""
    p = plain(term).strip()
    lg = words.lang(lang)
    toks = words.tokens(p)
    if not lg.verbs or not toks or word_count(p) > MAX_GROUP_WORDS or p.endswith(":") or is_label(p, lang):
        return False  # (a language whose verbs the lists do not know cannot tell a clause from a name)
    low = f" {' '.join(toks)} "
    if any(f" {' '.join(x) if isinstance(x, tuple) else x} " in low for x in lg.list_pointers):
        return False
    return not any(lg.acts(t) or t in lg.verbs or t in lg.modals for t in toks)


def _property_label(term: str, lang: str) -> bool:
    """'Mechanism of action', 'Side effects': a property's name (a word list), not a term to define."""
    return plain(term).strip("*_ :").lower() in words.lang(lang).property_labels


def _last_sentence(text: str) -> str:
    """The last sentence of a list's intro, also where the notes leave out the full stop between two lines
    ('... of every organism There are 2 types of cells:')."""
    parts = re.split(r"(?<=[.!?])\s+|(?<=[a-z])\s+(?=[A-Z][a-z]+\s)", text.strip())
    return parts[-1] if parts else ""


def _items(block: Comparison, items: list[Term], ctx, parents: tuple[str, ...]) -> Iterator[Draft]:
    lang = ctx.lang
    labels = _shared_labels(items)
    gists = {id(t): _gist(t, lang, ctx.facts.terms) for t in items}
    owner = _property_owner(items, ctx) if not parents and not plain(block.intro) else ""
    if owner:
        # '### Grid Search' over 'Exhaustive search: Tests every ...', 'Best when: ...': the heading's properties
        for t in items:
            yield from _attribute(block, Term(owner, "", [], [], [], [], t.source), t, ctx, ())
        return
    bares = [re.sub(r"\s*\([^)]*\)", "", plain(o.term)).strip().lower() for o in items]  # (names, no asides)
    for n, t in enumerate(items):
        term = t.term.strip()
        if " - " in t.description and bares[n] and bares[n] in bares[:n]:
            # 's3 standard (general purpose) - ...' then 's3 standard - infrequent access (IA) - 99.9%': a second
            # item of the same name is a longer name cut at its own dash, its line no gist of the first
            continue
        path = (*ctx.path, *parents) if parents else ()
        yield from _likeness(block, t, ctx, path)  # (its lines name their own subject, whatever the term is)
        if _property_label(term, lang) and not t.description and t.children and not parents:
            # 'Differential diagnosis' over 'ST segment depressions' over four conditions: the property of each
            # thing named under it, asked 'ST segment depressions: differential diagnosis?' ('Differential
            # diagnosis: ST segment depressions?' asked the label what the thing is; blind review)
            for c in t.children:
                if c.listed and not c.children and (c.description or c.details):
                    prop = Term(t.term, c.description, c.details, c.attributes, [], c.links, c.source)
                    yield from _attribute(block, Term(c.term, "", [], [], [], [], c.source), prop, ctx, path)
            continue
        if is_label(term, lang) or _property_label(term, lang):
            # 'Overview', 'Examples': no term of its own; what hangs under it belongs to the heading above
            owner = plain(parents[-1]) if parents else heading_name(ctx.path[-1]) if ctx.path else ""
            only_labels = all(  # no term of the list owns it ('Ab. accomunati dal fatto ...' is a clause)
                is_label(o.term.strip(), lang)
                or _property_label(o.term, lang)
                or not is_term(o.term.strip(), lang, ctx.facts.terms, strict=False)
                or not o.description  # (a line of its own, no 'Term: description')
                for o in items
            )
            if (
                t.description
                and not t.children
                and only_labels
                and owner
                and is_term(owner, lang, ctx.facts.terms, strict=False)
            ):
                # '- **Pro:** very few iterations' under 'Newton's method': a property of the heading's subject
                yield from _attribute(block, Term(owner, "", [], [], [], [], t.source), t, ctx, path)
            yield from _items(block, t.children, ctx, parents)
            continue
        named_term = (
            is_term(term, lang, ctx.facts.terms, strict=False)
            or _named_by_its_line(t, lang)
            or ctx.symbol_in_use(term)  # ('W – average time a customer spends ...', W used in lines after)
        )
        counted = [x for x in [t.description, *t.details] if x] if not t.children else []
        first = words.tokens(plain(term))[:1]
        if (
            not parents
            and counted
            and (not named_term or first and is_count(first[0], words.lang(lang)))
            and counts_its_items(term, len(counted), ctx)
        ):
            # 'Involves several jobs' over its sub-bullets, '- 3 generazioni' over its three lines under
            # '##### Cefalosporine': the lead-in of a small set, asked whole, not a term
            yield from set_card(term, counted, block, ctx)
            continue
        if not named_term:
            # 'Helps against the following', 'Text or speech data': a label or a clause, not a name to recall;
            # the terms listed under it are still the notes' terms, and a label that names a group of them
            # ('Text or speech data' over 'BlazingText') is their place, shown on their cards
            group = (*parents, plain(term).strip()) if _group_label(term, lang) else parents
            yield from _items(block, t.children, ctx, group)
            continue
        attributes = [c for c in t.children if _is_attribute(c, labels, lang)]
        if 2 * len(attributes) < len(t.children) or plain(term)[:1].islower():
            # 'bucket policies' beside 'Object Access Control List (ACL)' under 'resource based': among names, or
            # under a lower-case group label that is no name itself, a lower-case label is one more name, no
            # property of the item above
            attributes = [c for c in attributes if plain(c.term).lower() in labels or not plain(c.term)[:1].islower()]
        if attributes and 2 * len(attributes) >= len(t.children) and not t.description:
            attributes = list(t.children)  # 'Guideline criterias' beside 'Representation', 'Causes': one more property
        members = [c for c in t.children if c not in attributes]
        setups = _setups(t, attributes)
        for c in attributes:
            yield from _attribute(block, t, c, ctx, path, setups.get(id(c), ""))
        for label, value in t.attributes:
            yield from _attribute(block, t, Term(label, value, [], [], [], t.links, t.source), ctx, path)
        yield from _possessed(block, t, ctx, path)
        gist = gists[id(t)]
        if gist:
            siblings = [gists[id(o)] for o in items if o is not t and gists[id(o)]]
            yield from _forward(block, t, gist, ctx, path, siblings)
            yield from _reverse(block, t, gist, siblings, ctx, path)
        elif parents and t.listed and not t.children and _names_members([t.description, *t.details]):
            # 'Differential diagnosis' › 'ST segment depressions' over four causes: a group of the term above,
            # asked as its property ('Differential diagnosis: ST segment depressions?')
            yield from _attribute(block, Term(parents[-1], "", [], [], [], [], t.source), t, ctx, path)
        if members:
            yield from _items(block, members, ctx, (*parents, plain(term)))


def _named_by_its_line(t: Term, lang: str) -> bool:
    """'- Split by key ensures that rows with one key stay in one split', 'Sort by date orders ...': a label
    that reads like an action or a clause ('by', 'to' between its words) is still a name when its own line
    takes it, word for word, for the subject of a verb in the third person: the author calls it by that
    name. (A label the line does not repeat, 'Split by key: keep ...', stays a label.)"""
    p = plain(t.term).strip()
    ws = words.tokens(p)
    lg = words.lang(lang)
    if not ws or len(p.split()) > 6 or is_label(p, lang) or not p[:1].isupper():
        return False
    if ws[0] in lg.function_words or ws[0] in lg.modals or ws[0] in lg.negations or ws[-1] in lg.function_words:
        return False
    first = (markdown.sentences(t.description) or [t.description])[0] if t.description else ""
    m = re.match(re.escape(p) + r"\s+([a-z]\w*s)\b", plain(first))
    return bool(m) and lg.acts(m.group(1)) and not m.group(1).endswith("ss")


def _possessed(block: Comparison, t: Term, ctx, path) -> Iterator[Draft]:
    """'**GoogLeNet**. The ILSVRC 2014 winner was ... Its main contribution was the Inception Module' ->
    'GoogLeNet: main contribution?' -> 'The Inception Module': a later sentence of the description that
    says a property of the term with a possessive ('its', 'their', as the term is singular or plural)."""
    lg = words.lang(ctx.lang)
    if not is_term(plain(t.term), ctx.lang, ctx.facts.terms, strict=False) or is_label(t.term, ctx.lang):
        return
    for sentence in markdown.sentences(t.description)[1:]:
        said = possessed(sentence, lg)
        a = analyse(sentence, ctx.lang)
        if not said or a.negated or a.warning or a.scenario:
            continue
        if (sentence.split()[0].lower() in lg.plural_pronouns) != _plural(t.term, lg):
            continue
        prop, answer = said
        front = attribute_front(f"**{t.term}**", prop, lg)
        yield ctx.draft(
            Rule.PROPERTY,
            QA,
            [front],
            block,
            f"{plain(t.term)}/{prop}",
            answer,
            source=t.source,
            path=path,
            links=list(t.links),
        )


def _likeness(block: Comparison, t: Term, ctx, path) -> Iterator[Draft]:
    """A line under a term that says what one name resembles ('LVH is similar to LBBB, but ...'), also a
    nested label's line run into the description ('Pacemaker rhythms: Right ventricular pacing is similar to
    LBBB; ...'): 'What is LVH similar to?' -> 'LBBB'."""
    lg = words.lang(ctx.lang)
    if not lg.likeness:
        return
    for line in [t.description, *t.details]:
        for part in re.split(r";\s+", line):
            part = re.sub(r"^[^:;]{1,40}:\s+(?=\S)", "", part)  # the nested label, whose items these are
            a = analyse(part, ctx.lang)
            if not a.subject or not is_term(a.subject, ctx.lang, ctx.facts.terms):
                continue
            asked = like_question(a, lg)
            if asked:
                front, answer, extra, key = asked
                # (the term stays on the card's label: 'Differential diagnosis of bundle branch blocks')
                place = (*(path or ctx.path), plain(t.term)) if word_count(plain(t.term)) <= 8 else path
                yield ctx.draft(Rule.SIMILAR, QA, [front], block, key, answer, extra=extra, source=t.source, path=place)


def _property_owner(items: list[Term], ctx) -> str:
    """The heading whose properties a flat list with no intro names: every label a plain phrase (no name),
    one at least no term ('Best when', 'Tradeoff'), and the descriptions said of the heading, two or more
    opening on its verb ('Tests every combination', 'Aggressively terminates ...')."""
    lg = words.lang(ctx.lang)
    owner = heading_name(ctx.path[-1]) if ctx.path else ""
    if len(items) < 3 or not owner or not is_term(owner, ctx.lang, ctx.facts.terms, strict=False):
        return ""
    if _plural(owner, lg) or words.tokens(plain(owner))[-1:] and words.tokens(plain(owner))[-1] in lg.category_words:
        return ""  # 'Sampling methods', 'Strategies': the heading names a kind, the list its members
    if any(t.children or not t.description for t in items):
        return ""
    labels = [plain(t.term).strip() for t in items]
    if any(re.search(r"\d|\w[A-Z]|\s[A-Z]", x) or len(x.split()) > 3 and not _phrase(x, lg) for x in labels):
        return ""  # 'Amazon S3', 'IP Insights', 'Step 3': names, each a term of its own
    if all(is_term(x, ctx.lang, ctx.facts.terms, strict=False) for x in labels):
        return ""
    verb_led = 0
    for t in items:
        toks = words.tokens(plain(t.description))
        k = 1 if len(toks) > 1 and toks[0].endswith("ly") else 0
        verb_led += len(toks) > k and lg.acts(toks[k])
    return owner if verb_led else ""


def _phrase(label: str, lg) -> bool:
    """'Efficient for high-dimensional spaces': a longer label joined by a lower-case function word is a
    phrase about its heading, no name (a name of four words or more writes its words with capitals)."""
    return any(w in lg.function_words for w in label.split()[1:])


def _shared_labels(items: list[Term]) -> set[str]:
    """Child labels that two or more terms of the list share ('Representation', 'Causes'): attributes."""
    seen: dict[str, int] = {}
    for t in items:
        for c in {plain(c.term).lower() for c in t.children}:
            seen[c] = seen.get(c, 0) + 1
    return {k for k, n in seen.items() if n >= 2}


def _is_attribute(child: Term, shared: set[str], lang: str) -> bool:
    """'Width', 'Cause', 'Representation' under a term: a property of it, not a member of its own."""
    label = plain(child.term)
    if label.lower() in shared or label[:1].islower():
        return True  # (a lower-case label is a phrase about its parent: 'depolarization of ventricle')
    ws = label.split()
    if not ws or len(ws) > 2 or any(w[:1].isupper() and w[1:2].isupper() for w in ws):
        return False
    return all(words.zipf(w.strip("()").lower(), lang) >= 3.5 for w in ws)


def _a_name(subject: str, known: frozenset[str]) -> bool:
    """'SageMaker Autopilot', 'DNA', a term of the notes: a named thing (not 'Teams', 'Users')."""
    p = plain(subject)
    ws = p.split()
    return (
        p.lower() in known
        or any(any(c.isdigit() for c in w) or any(c.isupper() for c in w[1:]) for w in ws)
        or any(w[:1].isupper() for w in ws[1:])
    )


def _holds(toks: list[str], phrase: tuple[str, ...]) -> bool:
    return any(tuple(toks[i : i + len(phrase)]) == phrase for i in range(len(toks) - len(phrase) + 1))


def _gist(t: Term, lang: str, known: frozenset[str] = frozenset()) -> str:
    """The description as an answer: its first sentence, without a subject that restates the term;
    '' when it is no answer (a warning, a sentence leaning on others, a long enumeration)."""
    candidates = [t.description, *t.details] if t.description else list(t.details)
    lg = words.lang(lang)
    if len(t.details) >= 2 and all(word_count(x) <= 6 for x in [t.description, *t.details]):
        return ""  # 'ST segment depressions' over 'LVH related', 'Ischemia', ...: members of a list, none the answer
    if t.listed and (t.children or _plural(t.term, lg) and _names_members(candidates)):
        # 'ST segment elevations' over its causes ('Pericarditis', 'Myocarditis', ...): a plural name over a list
        # of short names is a class and its members; a name over a tree of groups is an outline: neither's
        # first item is a definition ('On-Demand Instances' over two sentences about them is a name)
        return ""
    named = words.tokens(plain(t.term))
    if t.listed and len(candidates) > 1 and any(_holds(named, p) for p in lg.advice):
        # 'Security Best Practices' over 'Apply the principle of least privilege', 'Regularly review ...': a name
        # of tips (the language's `advice` words) over a list is the tips, no name to define ('What are Security
        # Best Practices?' -> one of the tips; 'What do Hardening tips do?' -> 'Deny everything'; blind review)
        return ""
    for desc in candidates[:3]:
        sentences = markdown.sentences(desc) or [desc]
        vague = ""
        for k, sentence in enumerate(sentences[:2]):
            if k and not vague:
                break
            first = standalone(sentence.strip(), lang)
            first, said = _resolve(first, t.term, lg)
            a = analyse(first, lang)
            if a.dangling and opener_question(plain(first), t.term, lg):
                return first  # 'Also known as X': leans on the term by design, asked of it
            if a.negated or a.warning or a.dangling or a.kind == "question":
                continue
            text = first
            lg = words.lang(lang)
            named_first = re.match(re.escape(plain(t.term)) + r"\s+([a-z]\w*s)\s+(\w+)", plain(first), re.I)
            if (
                not a.subject
                and named_first
                and named_first.group(1).islower()
                and (named_first.group(2).lower() in lg.articles | lg.demonstratives or lg.acts(named_first.group(1)))
            ):
                # 'Stratified split splits the data ...' (a verb no list knows): the name, then what it does
                text = plain(first)[named_first.start(1) :]
            if a.kind == "example":
                continue  # 'Examples include ...': examples, not what the term is
            if said and not (a.subject and _same(a.subject, t.term, lang)):
                # 'This algorithm flags anomalous points': what follows the pointer is the term's verb phrase
                if said.split(" ", 1)[0].lower() in lg.copulas:
                    text = said.split(" ", 1)[1] if " " in said else ""
                else:
                    text = said
            elif a.subject and _same(a.subject, t.term, lang) and a.predicate:
                # 'Ribosomes: Ribosomes are the protein factories' -> 'the protein factories'; a verb that is no
                # copula stays: 'learns the usage patterns ...' (without it the answer would claim another thing)
                copula = a.verb.lower() in lg.copulas
                said = words.tokens(plain(a.predicate))[:2]
                if copula and len(said) == 2 and said[0].endswith(lg.participle_endings) and said[1] in lg.time_links:
                    continue  # 'A regularization term is added as weights are learned': when it is done, not what it is
                text = a.predicate if a.kind == "definition" or copula else f"{a.verb} {a.predicate}"
            elif (
                a.subject
                and a.verb
                and a.kind != "definition"
                or a.kind == "definition"
                and a.verb not in (":", "–", "—", "-", "=", "")
            ):
                first_word = words.tokens(plain(a.subject))[:1]
                if (
                    first_word
                    and first_word[0] not in lg.verbs
                    and first_word[0] not in lg.imperatives
                    and _a_name(a.subject, known)
                ):
                    continue  # (a sentence about another name, under this term)
            toks = words.tokens(plain(text))
            if k and toks[:1] and toks[0] in lg.modals:
                text = _without_modal(text, lg)  # ('can learn embeddings' -> 'learns embeddings': what it does)
                toks = words.tokens(plain(text))
            if toks and toks[0] in lg.function_words and toks[0] not in lg.articles and toks[0] not in lg.verbs:
                continue  # 'If your dataset ...', 'In this case ...': a condition, not a description ('Uses the k
                # nearest points ...', 'Has ...': a verb the word list counts among its function words, what it does)
            if toks and (toks[0] in lg.modals or " ".join(toks[:2]) in lg.modals or toks[0] in lg.negations):
                continue  # ('Need to provision it like a database': a remark, not what it is)
            if toks and toks[0] in lg.advice_verbs:
                continue  # 'Choose an instance type that ...': advice, not what the term is
            if toks and toks[0] in lg.imperatives and t.details and desc is candidates[0] and len(candidates) > 1:
                continue  # 'need to provision ...' first, 'Data warehousing' after: the noun phrase answers
            text = re.sub(r"^\([^)]*\)\s*(?:-{2,}|–|—|:)\s*", "", text)  # '(a farmaci) --- capacità ...'
            if toks and toks[0] in ("let", "suppose", "assume", "consider"):
                continue  # 'Let T = ...': a setup, not a description
            text = first_clause(text, lang)  # 'Beats polling under load, and taking turns is fairer': two facts
            if word_count(text) > MAX_ANSWER_WORDS:
                # 'Uses the k nearest labeled points to assign a label ...— can also be used to predict ...': too long
                # whole, its first part before a dash is the gist, what follows the dash another use
                text = re.split(r"\s*[—–]\s+", text)[0] if "$" not in text else text
            if word_count(text) > MAX_ANSWER_WORDS or text.count(";") + text.count(",") > MAX_LIST_ITEMS:
                continue
            if not names_something(text, lang) and not t.children:
                continue  # 'the structure': names nothing
            text = strip_end(text)
            if not k and len(sentences) > 1 and _filler(text, lg):
                # 'A new highly customizable, multi-purpose algorithm for feature engineering', then 'It can
                # learn low-dimensional dense embeddings of ...': what it is like gives way to what it does
                # (blind review: a vague filler definition); when that sentence gives no gist, the first stays
                vague = text
                continue
            return text
        if vague:
            return vague
    return ""


MAX_FILLER_TOLD = 2


def _filler(text: str, lg) -> bool:
    """'A new highly customizable, multi-purpose algorithm for feature engineering': the noun phrase's
    modifiers, two or more, are all words said of anything of its kind (filler, praise, judgement: data), and
    what follows says at most two things: what it is like, not what it is."""
    toks = [w for w in words.tokens(plain(text)) if w[:1].isalnum() and w not in lg.articles]
    head = list(itertools.takewhile(lambda w: w not in lg.function_words and w not in lg.relatives, toks))
    mods = head[:-1]
    said = lg.filler | lg.praise | lg.evaluative
    told = [w for w in toks[len(head) :] if w not in lg.function_words and w not in lg.category_words]
    return len(mods) >= 2 and all(w in said for w in mods) and len(told) <= MAX_FILLER_TOLD


def _without_modal(text: str, lg) -> str:
    """'can learn embeddings of ...' -> 'learns embeddings of ...' where the language gives the verb's form
    that says what a thing does; else the text as it was (it is then no gist)."""
    modal, _, rest = text.partition(" ")
    verb, _, tail = rest.partition(" ")
    form = words.third_person(verb, lg.code) if modal.lower() in lg.modals else ""
    return f"{form} {tail}".strip() if form else text


MAX_MEMBER_WORDS = 6


def _names_members(items: list[str]) -> bool:
    """Half the items or more are short names (no sentence): the members of a class, not facts about a name."""
    short = [x for x in items if word_count(x) <= MAX_MEMBER_WORDS and not plain(x).rstrip().endswith(".")]
    return 2 * len(short) >= len(items)


def _resolve(sentence: str, term: str, lg) -> tuple[str, str]:
    """Under a term, 'This algorithm learns ...' and 'It is ...' are about the term: the term stands in."""
    ws = sentence.split(" ")
    if not ws or ws[0].lower().strip(",") not in lg.anaphora or len(ws) < 3:
        return sentence, ""
    k = 1
    if (
        ws[0].lower() in ("this", "these", "that", "those", "questo", "questa", "questi", "queste")
        and ws[1].islower()
        and ws[1].lower() not in lg.copulas
        and ws[1].lower() not in lg.verbs
    ):
        k = 2  # the demonstrative's noun ('This algorithm')
        if lg.code == "en":
            return _described(ws, term, lg)
    rest = " ".join(ws[k:])
    return f"{term} {rest}", rest


MAX_POINTER_WORDS = 12
MAX_KIND_OFFSET = 6


def _described(ws: list[str], term: str, lg) -> tuple[str, str]:
    """'This <noun phrase> <verb> ...' under a term, the noun phrase up to the sentence's verb: 'This highly
    optimized implementation of the Word2vec ... algorithms scales to large datasets' says what the term is
    in its noun phrase ('is a highly optimized implementation of ...'), not 'optimized implementation ...
    scales' (blind review: garbled); 'This algorithm determines an algorithm suitable for ...', 'This algorithm
    uses a new ... algorithm for feature engineering': a verb whose object is of the pointer's own kind says
    what the term is, the verb adds nothing ('is an algorithm suitable for ...')."""
    j = next(
        (
            i
            for i, w in enumerate(ws[2 : MAX_POINTER_WORDS + 2], 2)
            if w.lower() in lg.copulas or w.lower() in lg.modals or lg.acts(w.lower())
        ),
        2,
    )
    noun = ws[1:j]
    rest = ws[j:]
    if len(noun) >= 3 and any(w.lower() in lg.noun_links for w in noun[1:-1]) and rest[0].lower() not in lg.copulas:
        said = f"is {_article(noun[0])} {' '.join(noun)}"
        return f"{term} {said}", said
    kind = noun[-1].lower() if noun else ""
    obj = rest[1 : MAX_KIND_OFFSET + 2]
    if (
        len(noun) == 1
        and rest[0].lower() not in lg.copulas
        and obj[:1]
        and obj[0].lower() in lg.indefinite_articles
        and kind in [w.lower().strip(",") for w in obj[1:]]
    ):
        said = "is " + " ".join(rest[1:])
        return f"{term} {said}", said
    said = " ".join(rest)
    return f"{term} {said}", said


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _same(a: str, b: str, lang: str) -> bool:
    if plain(a).strip("$ ").lower() == plain(b).strip("$ ").lower():
        return True
    wa, wb = set(content_words(a, lang)), set(content_words(b, lang))
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)  # ('W' names no word another name could hold)


def _forward(block: Comparison, t: Term, gist: str, ctx, path, siblings: list[str] = ()) -> Iterator[Draft]:
    """'What is X?' when the gist names what X is; 'What does X do?' when it says what X does; nothing
    when it is a list of members or a property ('Domain bacteria; Domain archaea', 'finer grain')."""
    lg = words.lang(ctx.lang)
    rest = [d for d in ([t.description, *t.details] if t.description else t.details) if strip_end(d) != gist]
    single = singled_out(t.term, gist, lg)
    if single is not None:
        # 'precision and recall: the most appropriate metrics for ...': a ranking, asked for what it ranks first
        front, answer = single
        rest = [d for d in rest if plain(gist).lower() not in plain(d).lower()]  # (the line it was read from)
        yield ctx.draft(
            Rule.SINGLED_OUT,
            QA,
            [front],
            block,
            plain(t.term),
            answer,
            source=t.source,
            links=list(t.links),
            path=path,
            extra=rest[:3],
        )
        return
    owned = possessive_name(t.term)
    heading = heading_name(ctx.path[-1]) if ctx.path and not path else ""
    opened = opener_question(plain(gist), heading, lg, article=False) if heading and _act_label(t.term, lg) else None
    named = opened is not None and not is_label(heading, ctx.lang)
    if named and is_term(heading, ctx.lang, ctx.facts.terms, strict=False):
        # 'Debug training performance: Useful for diagnosing why a training job is slow' under '## Profiler': a
        # use of the heading's subject told by what you do with it, no name ('What is Debug training
        # performance useful for?'; blind review: label fronts): asked of the heading
        yield ctx.draft(Rule.TERM, QA, [opened[0]], block, plain(heading), cap(opened[1]), source=t.source, path=path)
        return
    if owned is None and heading and re.match(r"\d", plain(gist)) and not is_label(heading, ctx.lang):
        # 'Coupon Period – 6 months' under 'Treasury bonds': a value of the heading's subject ('What is Coupon
        # Period?' -> '6 months' defines nothing)
        owned = heading, plain(t.term).strip("*_ ")
    if owned is not None:
        # 'Treasury Bond’s Term – 10 to 30 years' -> 'Treasury Bond: term?'
        asked = attribute_front(f"**{owned[0]}**", _lower(owned[1]), lg), gist
    else:
        kind = _pointer_kind(t, lg)
        name = f"{t.term.strip()} {kind}" if kind else t.term
        asked = ask(name, gist, lg, bool(kind) or _plural(t.term, lg), _verb_first(t, gist))
    if asked is None:
        return
    front, answer = asked
    gist = answer
    members, purpose = _members_and_purpose(answer, lg)
    named = content_words(plain(t.term), ctx.lang)
    first = informative(purpose, ctx.lang)[:1]
    restates = bool(first) and any(same_stem(first[0], n) for n in named)
    if purpose and restates and front.rstrip("?").split()[-1].lower() in (lg.object_verbs or {}):
        # ('Forecasting' over 'time series models like ARIMA for forecasting future values': what it is for
        # only says its name again; its members answer, the purpose is on the back)
        gist, rest = members, [cap(purpose), *rest]
    elif purpose and front.rstrip("?").split()[-1].lower() in (lg.object_verbs or {}):
        # 'includes algorithms like k-means and DBSCAN for segmenting data into groups ...': what the kind is
        # for is the fact, its examples are on the back ('What does Clustering include?' -> 'Algorithms like
        # k-means and DBSCAN' is open, and the examples are not all it includes; blind review: vague fronts
        # answered with examples)
        plural = bool(_pointer_kind(t, lg)) or _plural(t.term, lg)
        front = lg.template("used_for_plural" if plural else "used_for", term=t.term.strip())
        gist, rest = purpose, [cap(members), *rest]
    told, after = _telling_line(t, gist, siblings, ctx)
    if told:
        # ('Spearman coefficient' -> 'Assesses correlation between numeric features' beside 'phi coefficient'
        # -> 'Assesses correlation between binary variables': the answer fits a sibling's question too; the
        # item's next line about itself tells them apart)
        gist, rest = f"{strip_end(gist)}; {told}", after  # (the back: what the item's lines say after it)
    yield ctx.draft(
        Rule.TERM,
        QA,
        [front],
        block,
        plain(t.term),
        cap(gist),
        source=t.source,
        links=list(t.links),
        path=path,
        extra=rest[:3],
    )


MAX_TOLD_WORDS = 8


def _telling_line(t: Term, gist: str, siblings: list[str], ctx) -> tuple[str, list[str]]:
    """The item's next sentence with the item for its subject ('The Spearman coefficient does not assume
    linear relationship' -> 'does not assume linear relationship'), when its gist is described alike to a
    sibling's (half its words theirs, as the reverse cloze's test) and the sentence is short, with the sentences
    after it; ('', []) otherwise."""
    mine = set(informative(gist, ctx.lang))
    if not mine or not any(len(mine & set(informative(o, ctx.lang))) * 2 >= len(mine) for o in siblings):
        return "", []
    lg = words.lang(ctx.lang)
    own = strip_end(plain(gist)).lower()
    lines = [strip_end(plain(x)) for d in [t.description, *t.details] for x in (markdown.sentences(d) or [d])]
    at = next((i for i, x in enumerate(lines) if x.lower().endswith(own)), None)
    if at is None or at + 1 >= len(lines):
        return "", []
    line = lines[at + 1]
    name = re.escape(plain(t.term).strip())
    articles = "|".join(map(re.escape, sorted(lg.articles)))
    m = re.match(rf"^(?:(?:{articles})\s+)?{name}\s+(?P<said>\S.*)$", line, re.I)
    if not m or word_count(m.group("said")) > MAX_TOLD_WORDS:
        return "", []
    said = m.group("said")
    if ends_open(said, ctx.lang):
        return "", []
    return said, [f"{x}." for x in lines[at + 2 :]]


def _members_and_purpose(answer: str, lg) -> tuple[str, str]:
    """'Algorithms like k-means and DBSCAN for segmenting data ...' -> ('Algorithms like k-means and DBSCAN',
    'For segmenting data ...'): a kind and its examples, then what they are for; (answer, '') for any other."""
    ws = answer.split()
    openers = [o for o in lg.example_openers if " " not in o and o.isalpha()]
    at = next((i for i, w in enumerate(ws[1:4], 1) if w.lower() in openers), 0)
    preps = {p[0] for p in lg.purpose_preps if len(p) == 1}
    if not at:
        return answer, ""
    for k in range(at + 2, len(ws) - 1):
        if ws[k].lower() in preps and (ws[k - 1][-1:].isalnum() or ws[k - 1].endswith(")")):
            members, purpose = " ".join(ws[:k]), " ".join(ws[k:])
            return (members, purpose) if word_count(purpose) >= 2 else (answer, "")
    return answer, ""


def _pointer_kind(t: Term, lg) -> str:
    """'instances' of '- Inference' over 'These instances are optimized for ...': the kind of thing the label
    names, said by the plural pointer of its description (a category word), when the label does not say it.
    Asked bare, the label reads as another thing ('What is Inference optimized for?', blind review: the
    label misparsed as 'Inference optimized'); asked with its kind, 'What are Inference instances optimized
    for?'. '' for a label that says its kind ('Tree-based models' over 'These models ...'), a singular
    pointer, a language whose names do not come before their kind."""
    ws = plain(t.description).split()[:3]
    if lg.code != "en" or len(ws) < 3 or not t.listed and not t.description:
        return ""
    noun = ws[1].lower()
    if (
        ws[0].lower() not in lg.demonstratives
        or not ws[1].islower()
        or noun not in lg.category_words
        or not _plural(noun, lg)
        or not (ws[2].lower() in lg.copulas or lg.acts(ws[2].lower()) or ws[2].lower() in lg.modals)
    ):
        return ""
    label = [w.lower() for w in words.tokens(plain(t.term))]
    if any(same_stem(w, noun) for w in label) or label[-1:] and label[-1] in lg.category_words:
        return ""
    return noun


def _act_label(term: str, lg) -> bool:
    """'Debug training performance', 'Reduce training costs': a label of three words or more that opens with an
    imperative and its object, no preposition after the verb ('Split by user' is a name)."""
    toks = words.tokens(plain(term))
    return len(toks) >= MIN_ACT_WORDS and toks[0] in lg.imperatives and toks[1] not in lg.function_words


MIN_ACT_WORDS = 3


def ask(term: str, gist: str, lg, plural: bool = False, verb_first: bool = False) -> tuple[str, str] | None:
    """The question a term's gist answers, and the answer: 'What is X?' for a noun phrase, 'What does X
    contain?' for a verb and its object, 'What is X useful for?' for an opener of the language's
    `implied_*` lists; None for a list of members or a fragment."""
    name = f"**{term}**"
    if "parts_of" in lg.templates and _sum_of_parts(gist):
        # 'AMI (OS) + Instance Size (CPU + RAM) + Storage + ...': what the name is made of, not what it is
        # ('What is X?' answered by its parts; blind review)
        return lg.template("parts_of", term=name), gist
    opened = opener_question(plain(gist), term, lg, article=False, plural=plural)
    if opened:
        return opened[0], opened[1]
    if len(plain(term).strip("$ ")) == 1 and plain(term).strip("$ ").isupper() and _shape(gist, lg) is not None:
        # 'G – mean number of frames ...': a symbol stands for a quantity or a thing, it does nothing ('What
        # does G do?' read 'mean' as a verb)
        return lg.template("what_is", term=name), gist
    first = words.tokens(plain(gist))[:1]
    role = _role(gist, lg)
    if role is not None:
        # 'Uses a convolutional neural network pretrained for classification as the base network': how it is built,
        # not what it does ('What does SSD do?' -> 'Uses a CNN ...'; blind review: misses the point): asked for
        # what it uses in that role
        does = "do" if plural else "does"
        return f"What {does} {name} {role[0]} {role[1]}?", role[2]
    base = lg.object_verbs.get(first[0]) if first and lg.object_verbs else None
    if base and verb_first and " " in gist.strip() and base not in words.tokens(plain(term)):
        # 'These models include boosted trees, random forests, ...': the list is the verb's object, asked whole
        does = "do" if plural else "does"
        return f"What {does} {name} {base}?", gist.strip().split(" ", 1)[1]
    shape = _shape(gist, lg, verb_first=verb_first)
    if shape is None:
        return None
    if shape == "does" and base and " " in gist.strip() and base not in words.tokens(plain(term)):
        # (not 'What does Stratified split split?': the verb is the name's own word, 'What does X do?' asks it)
        # 'Include linear regression, ...' -> 'What do generalized linear models include?': asked for its object
        does = "do" if plural else "does"
        return f"What {does} {name} {base}?", gist.strip().split(" ", 1)[1]
    if shape == "does" and "what_does" in lg.templates:
        return lg.template("what_do" if plural else "what_does", term=name), gist
    return lg.template("what_are" if plural else "what_is", term=name), gist


MIN_PARTS = 3
MAX_PART_WORDS = 4


def _sum_of_parts(gist: str) -> bool:
    """'AMI (OS) + Instance Size (CPU + RAM) + Storage + security groups': three parts or more joined by ' + '
    (outside parentheses), each a few words with a letter in them; no formula ('2TP + FP', '$a + b$')."""
    p = plain(gist)
    if re.search(r"[$\\=]", p):
        return False
    depth, parts, start = 0, [], 0
    for k, ch in enumerate(p):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and p.startswith(" + ", k):
            parts.append(p[start:k])
            start = k + 3
    parts.append(p[start:])
    bare = [re.sub(r"\s*\([^()]*\)", "", x).strip() for x in parts]
    return len(bare) >= MIN_PARTS and all(
        x and word_count(x) <= MAX_PART_WORDS and re.search(r"[^\W\d_]{2,}", x) for x in bare
    )


MAX_ROLE_WORDS = 4


def _role(gist: str, lg) -> tuple[str, str, str] | None:
    """'uses Y as the base network' -> ('use', 'as the base network', 'Y'): an instrument verb whose object
    ends in the role it plays (a short noun phrase after the language's `role_links`); None for any other."""
    ws = plain(gist).split()
    verb = (lg.instrument_verbs or {}).get(ws[0].lower()) if ws else None
    if not verb or not lg.role_links:
        return None
    for k in range(len(ws) - 2, 1, -1):
        if ws[k].lower() in lg.role_links:
            role = ws[k + 1 :]
            obj = " ".join(ws[1:k]).rstrip(",")
            if (
                1 <= len(role) <= MAX_ROLE_WORDS
                and role[0].lower() in lg.articles
                and word_count(obj) >= 2
                and not any(w.lower() in lg.role_links for w in role)
            ):
                return verb, f"{ws[k].lower()} {' '.join(role)}", cap(obj)
            return None
    return None


def possessive_name(subject: str) -> tuple[str, str] | None:
    """'Reserved Instance’s Scope' -> ('Reserved Instance', 'Scope'): a property of the name before the
    possessive; None for a name without one, or whose possessive is part of the name ('Newton's method')."""
    m = re.fullmatch(r"(.+?)['’]s\s+([^\W\d_][\w\s-]*)", plain(subject).strip("*_ :"))
    if not m or not m.group(1)[:1].isupper() or len(m.group(1).split()) < 2 or len(m.group(2).split()) > 2:
        return None  # (one word before the possessive, 'Bayes' theorem', is a part of the name)
    return m.group(1), m.group(2)


def _plural(term: str, lg) -> bool:
    """'Ribosomes', 'Farmaci batteriostatici': the head word ends as the language's plurals do."""
    head = re.split(r"\s+(?:of|for|in|with|on|di|del|della|per)\s+", plain(term))[0].split()
    if not head or not lg.plural_endings:
        return False
    w = (head[0] if lg.code == "it" else head[-1]).strip("()")
    if lg.code == "en" and not w.islower():
        if any(re.search(r"\d|[A-Z]{2}|[a-z][A-Z]", x) for x in head) or words.zipf(w.lower()[:-1], lg.code) < 3.0:
            return False  # 'IP Insights', 'Amazon Lookout': a name, singular whatever its ending
        # 'Spot Instances', 'Dedicated Hosts': everyday plurals in title case
    w = w.lower()
    return w.endswith(tuple(lg.plural_endings)) and not any(w.endswith(x) for x in lg.plural_exceptions) and len(w) > 3


def _verb_first(t: Term, gist: str) -> bool:
    """The gist is what follows 'This algorithm' or the term itself in its description: a verb phrase."""
    d, g = plain(t.description), plain(gist)
    return bool(d) and g[:1].islower() and not d.lower().startswith(g.lower()[:12])


def _shape(gist: str, lg, verb_first: bool = False) -> str | None:
    """'is' for a noun phrase ('A scalable compute service'), 'does' for a verb phrase ('Tests every
    combination'), None for a list or a fragment."""
    p = plain(gist)
    toks = [t for t in words.tokens(p) if t[:1].isalnum()]
    if not toks or ";" in p or p.count(",") >= 2 and len(toks) <= 3 * (p.count(",") + 1):
        return None  # 'TensorFlow, Keras, MXNet', 'Domain bacteria; Domain archaea': members, not a definition
    if ends_open(p, lg.code):
        return None
    first = toks[0]
    if first in lg.articles or first in lg.repeat_determiners:
        return "is"  # ('This is another unsupervised technique ...' -> 'another unsupervised technique': a noun phrase)
    if len(toks) <= 3 and re.search(r"\w/\w", p):
        return None  # 'Allow/Deny': the values it takes, not what it is or does
    if len(toks) > 1 and toks[1] in lg.partitives:
        return "is"  # 'set of APIs', 'use of ...': a noun before 'of', whatever else the word can be
    if verb_first:
        return "does"
    if (
        first in lg.verbs
        or first in lg.object_verbs
        or first in lg.imperatives
        or first + "s" in lg.verbs
        or lg.acts(first)
    ):
        return "does"
    return "is" if len(toks) >= 2 else None


def _reverse(block: Comparison, t: Term, gist: str, siblings: list[str], ctx, path) -> Iterator[Draft]:
    """'[...]: the protein factories' -> Ribosomes: only when the gist points at this term alone."""
    lang = ctx.lang
    info = informative(gist, lang)
    if singled_out(t.term, gist, words.lang(lang)) is not None:
        return  # asked forward already, the ranked thing its answer
    if (
        len(info) < 3
        or leaked(t.term, gist, lang)
        or word_count(t.term) > 6
        or word_count(gist) > 20
        or ";" in gist
        or ": " in gist
    ):
        return
    mine = set(info)
    for other in siblings:
        theirs = set(informative(other, lang))
        if theirs and len(mine & theirs) * 2 >= len(mine):
            return  # two items described alike: either would fit the blank
    short = abbreviation(plain(t.term))
    # ('[SSD]' with 'Single Shot multibox Detector (SSD)' on the back: the long name spelled out is no term to
    # recall, and the short one is the name a learner uses)
    front = [Blank(short or t.term, 1, _use_hint(t, short or t.term, gist, ctx)), ": " + gist]
    yield ctx.draft(
        Rule.TERM_REVERSE,
        CLOZE,
        front,
        block,
        plain(t.term),
        source=t.source,
        links=list(t.links),
        path=path,
        extra=[t.term] if short else [],
    )


_ABBREVIATED = re.compile(r"^(?P<long>[^()]+?)\s*\((?P<short>[A-Za-z][A-Za-z0-9-]*)\)(?P<tail>[^()]*)$")
MIN_SHORT_LETTERS = 2


def abbreviation(name: str) -> str:
    """'Single Shot multibox Detector (SSD)' -> 'SSD', 'K-Nearest Neighbors (k-NN) Algorithm' -> 'k-NN': the
    short name in parentheses, its letters the long name's initials in order; '' for any other name
    ('True positive rate (sensitivity)', 'Linear (default)')."""
    m = _ABBREVIATED.match(name.strip())
    if not m:
        return ""
    short = m.group("short")
    letters = [c.lower() for c in short if c.isalpha()]
    if len(letters) < MIN_SHORT_LETTERS or sum(c.isupper() for c in short) < MIN_SHORT_LETTERS:
        return ""
    initials = [w[0].lower() for w in re.split(r"[\s-]+", m.group("long")) if w[:1].isalpha()]
    if not initials or letters[0] != initials[0]:
        return ""
    it = iter(initials)
    return short if all(c in it for c in letters) else ""


MAX_HINT_WORDS = 4


def _use_hint(t: Term, hidden: str, gist: str, ctx) -> str:
    """'Uses: Object detection' under the item: what the blank's thing is for, the hint that tells it from its
    siblings ('[object detection]: uses a CNN pretrained for classification as the base network'); none when
    the gist says it already or it shares a word with the name."""
    lg = words.lang(ctx.lang)
    for label, value in t.attributes:
        if plain(label).strip().lower() not in lg.use_labels:
            continue
        hint = strip_end(plain(value))
        mine = content_words(hint, ctx.lang)
        if not mine or word_count(hint) > MAX_HINT_WORDS:
            return ""
        said = content_words(f"{plain(hidden)} {plain(gist)}", ctx.lang, True)
        if all(any(same_stem(w, x) for x in said) for w in mine) or leaked(hidden, hint, ctx.lang):
            return ""
        # ('Clustering and Topic Modeling' -> 'clustering and topic modeling'; 'NLP' stays)
        return " ".join(w if re.search(r"[A-Z].*[A-Z]", w) else w.lower() for w in hint.split())
    return ""


def _setups(t: Term, attributes: list[Term]) -> dict[int, str]:
    """'Sudden death' › 'If scores are level then draw a card [red or black]' over 'Red: ...', 'Black: ...':
    a line of the term that names the label of one of its label lines says what the run of label lines
    around it are cases of (asked 'Sudden death: black?' alone, the label cues nothing; blind review).
    Each such label line's id -> that line."""
    out: dict[int, str] = {}
    said = [(set(words.tokens(plain(d))), strip_end(plain(d))) for d in t.details if plain(d)]
    runs: list[list[Term]] = []
    for c in t.children:
        if c in attributes and runs and runs[-1][-1] is not None:
            runs[-1].append(c)
        elif c in attributes:
            runs.append([c])
        else:
            runs.append([None])  # (a child of another kind ends the run)
    for run in runs:
        cases = [c for c in run if c is not None]
        for toks, line in said:
            if any(words.tokens(plain(c.term)) and all(w in toks for w in words.tokens(plain(c.term))) for c in cases):
                out.update({id(c): line for c in cases})
                break
    return out


MAX_CASE_WORDS = 4


def _attribute(block: Comparison, t: Term, child: Term, ctx, path, setup: str = "") -> Iterator[Draft]:
    """'Right atrial abnormality (RAA): cause?' -> 'Right ventricular enlargement'."""
    lg = words.lang(ctx.lang)
    label = plain(child.term)
    if positional(label, ctx.lang) or label.strip(" :*_").lower() in lg.passage_labels:
        # 'Maximum likelihood estimation: second term?': which term is said where it stood; 'Quicksort:
        # intuition?' names a passage, not a property with an answer
        return
    if child.children and all(c.description and not c.listed for c in child.children) and not child.description:
        # 'Exceptions' over 'RVH with emphysema: slow R wave progression', ...; 'Subdivision' over 'Complete
        # RBBB: QRS >= 0.12 s': named cases each with what sets it apart, asked one by one ('RVH: exceptions?'
        # with the pairs for its answer asks nothing a learner can say)
        for c in child.children:
            yield from _case(block, t, label, c, ctx, path, child.children)
        return
    # a member over its own nested items ('left atrium enlargement' over three diseases) is named, its items
    # asked as a group of their own
    members = [
        plain(c.term) + (f": {plain(c.description)}" if c.description and not c.listed else "") for c in child.children
    ]
    values = [v for v in [child.description, *child.details] if plain(v)] + members
    for c in child.children:
        if c.listed:
            yield from _group(block, t, label, c, ctx, path)
    thresholds = [_THRESHOLD.search(v) for v in values]
    if len(values) >= MIN_GROUP and all(thresholds):
        # 'Guideline criteria' over '$S_{V1}$ + $R_{V5}$ > 35 mm', '$R_{aVL}$ > 11 mm': criteria, each a bound;
        # the bound is the fact of each, hidden one criterion at a time (the whole list as an answer is no one
        # fact, and the criteria cue nothing of each other)
        for n, (v, m) in enumerate(zip(values, thresholds, strict=True)):
            # ('Guideline criteria for LVH: ...', not 'LVH, guideline criteria: ...', a flattened label; blind review)
            lead = (
                lg.template("bound_of", label=cap(_lower(label)), term=f"**{_mid_sentence(t.term, lg)}**")
                if "bound_of" in lg.templates
                else f"**{t.term}**, {_lower(label)}:"
            )
            head = f"{lead} {v[: m.start(1)]}"
            front = [head, Blank(m.group(1), 1), v[m.end(1) :]]
            yield ctx.draft(
                Rule.NUMBER,
                CLOZE,
                [x for x in front if x != ""],
                block,
                f"{plain(t.term)}/{label}#{n}",
                source=child.source,
                links=list(child.links),
                path=path,
            )
        return
    if not values or len(values) > MAX_LIST_ITEMS:
        # ('RVH: representation' over five signs: too many for one answer, and a cloze per sign with the other
        # four for its cue hides too much at once, blind reviews said: the notes keep the set); a member that
        # names its own case ('Right ventricular overload: ST segment depression') is asked alone, as cases are
        for v in values:
            m = re.match(r"^([^:;$`]{3,40}):\s+(\S.*)$", plain(v))
            if not m or word_count(m.group(1)) > MAX_CASE_WORDS or word_count(m.group(2)) > MAX_ANSWER_WORDS:
                continue
            case = _lower(m.group(1).strip())
            said = content_words(label, ctx.lang)
            if _kind_of(case, plain(t.term), ctx.lang):
                # 'ST segment elevations' › 'Differential diagnosis' › 'Chronic ST elevations: ...': a kind of the
                # owner names itself, asked for the label ('ST segment elevations: differential diagnosis of
                # chronic ST elevations?' says it twice)
                front = attribute_front(f"**{cap(case)}**", _lower(label), lg)
            elif "case_of" in lg.templates and not any(
                same_stem(w, v) for w in content_words(case, ctx.lang) for v in said
            ):  # ('ST segment elevations' › 'Chronic ST elevations: ...': a kind of the label, asked as before)
                # 'RVH: representation of right ventricular overload?': the member says what the label's item is
                # of ('RVH, representation: right ventricular overload?' read garbled; blind review)
                front = lg.template("case_of", term=f"**{t.term}**", label=_lower(label), case=case)
            else:
                # 'Sepsis' › 'Signs' › 'Late signs: ...': the kind says the label, asked in its place ('Sepsis,
                # signs: late signs?' read garbled; blind review)
                front = attribute_front(f"**{t.term}**", case, lg)
            subject = f"{plain(t.term)}/{label}/{m.group(1).strip()}"
            yield _property_card(ctx, block, front, subject, strip_end(m.group(2)), child, path)
        return
    answer = "; ".join(strip_end(v) for v in values)
    if word_count(answer) > MAX_ANSWER_WORDS:
        return
    first = words.tokens(plain(answer))[:1]
    if first and (first[0] in lg.negations):
        return  # 'Cause: not known' asks nothing
    owner = f"**{t.term}**, {setup[:1].lower() + setup[1:]}" if setup else f"**{t.term}**"
    trait = trait_front(owner, label, answer, lg) if len(values) == 1 and not setup else None
    front, answer = trait if trait else (attribute_front(owner, _lower(label), lg), answer)
    yield _property_card(ctx, block, front, f"{plain(t.term)}/{label}", answer, child, path)


def _property_card(ctx, block: Comparison, front: str, subject: str, answer: str, item: Term, path) -> Draft:
    """A property card of a term, with the source and links of the item under it that holds the answer."""
    return ctx.draft(
        Rule.ATTRIBUTE, QA, [front], block, subject, cap(answer), source=item.source, links=list(item.links), path=path
    )


def _group(block: Comparison, t: Term, label: str, group: Term, ctx, path) -> Iterator[Draft]:
    """'LVH' › 'Causes' › 'Pressure overload' over 'Systemic hypertension', 'Aortic stenosis' -> 'Left
    ventricular hypertrophy (LVH): which causes under pressure overload?' -> the group's items (a small
    group only: a longer one is left to the notes)."""
    lg = words.lang(ctx.lang)
    items = [plain(v) for v in [group.description, *group.details] if plain(v)]
    items += [plain(c.term) for c in group.children]
    if "group" not in lg.templates or not MIN_GROUP <= len(items) <= MAX_LIST_ITEMS:
        return
    answer = "; ".join(strip_end(v) for v in items)
    if word_count(answer) > MAX_ANSWER_WORDS:
        return
    name = _lower(plain(group.term))
    if label.lower() in lg.cause_labels and "caused_under" in lg.templates:
        # 'LAA' › 'Causes' › 'left atrium enlargement' over three diseases: the diseases cause the member,
        # asked 'LAA: what causes left atrium enlargement?' ('LAA: which causes under left atrium enlargement?'
        # read garbled; blind review)
        front = lg.template("caused_under", term=f"**{t.term}**", group=name)
    else:
        front = lg.template("group", term=f"**{t.term}**", label=_lower(label), group=name)
    yield _property_card(ctx, block, front, f"{plain(t.term)}/{label}/{plain(group.term)}", answer, group, path)


MIN_GROUP = 2

_THRESHOLD = re.compile(r"(?:[<>≤≥]=?|&[lg]e;)\s*(\d+(?:[.,]\d+)?)(?=\s*[^\W\d_])")
"""A bound with its unit: '> 35 mm', '≥ 0.12 sec'."""


def _mid_sentence(name: str, lg) -> str:
    """'Acute kidney injury' -> 'acute kidney injury', 'Left ventricular hypertrophy (LVH)' -> 'left ventricular
    hypertrophy (LVH)': a name written after other words, its capital only the line's."""
    base = re.sub(r"\s*\(.*$", "", name)
    return name[:1].lower() + name[1:] if base and as_written(base, lg) != base else name


def _kind_of(case: str, owner: str, lang: str) -> bool:
    """'Chronic ST elevations' of 'ST segment elevations': a case that ends in its owner's head noun (its last
    word outside parentheses); 'Right atrial enlargement' is no kind of 'Right ventricular hypertrophy (RVH)'."""
    head = content_words(re.sub(r"\([^)]*\)", " ", owner), lang)[-1:]
    mine = content_words(case, lang)[-1:]
    return bool(head and mine and same_stem(head[0], mine[0]))


def _names_owner(case: str, owner: str, lang: str) -> bool:
    """'Complete RBBB' of 'Right bundle branch block (RBBB)', 'Acute hypoxaemia' of 'Hypoxaemic respiratory
    failure': a case that says a word of its owner's name (its short name in parentheses, a word's stem)."""
    mine = content_words(case, lang)
    return any(same_stem(w, o) for w in mine for o in content_words(owner, lang) if len(o) >= 3)


def _measure(answer: str, siblings: list[Term], lang: str) -> tuple[str, str] | None:
    """'QRS segment ≥ 0.12 sec' beside 'QRS segment in 0.1 to 0.12 sec': cases told apart by a number of
    one measure, the words their values open with, up to the number -> ('QRS segment', '≥ 0.12 sec'). The
    number is what the case is asked; what the measure is called is no part of its answer, and another
    item's case may well share the number (a complete block of either bundle branch), so 'what sets it
    apart?' would claim what the notes do not say."""
    mine = answer.split()
    for s in siblings:
        theirs = strip_end(plain(s.description)).split()
        if theirs == mine:
            continue
        n = 0
        while n < min(len(mine), len(theirs)) and mine[n].lower() == theirs[n].lower():
            n += 1
        lead, rest, other = mine[:n], mine[n:], theirs[n:]
        while lead and not content_words(lead[-1], lang):
            lead, rest = lead[:-1], [lead[-1], *rest]  # ('... segment in' -> 'segment': the rest's own word)
            other = [mine[len(lead)], *other]
        if not lead or len(lead) > MAX_CASE_WORDS or not content_words(" ".join(lead), lang):
            continue
        if any(re.search(r"\d", w) for w in lead):
            continue
        numbered = [any(re.search(r"\d", w) for w in words_[:3]) for words_ in (rest, other)]
        if all(numbered):
            return " ".join(lead), " ".join(rest)
    return None


def _case(
    block: Comparison, t: Term, label: str, case: Term, ctx, path, siblings: list[Term] | None = None
) -> Iterator[Draft]:
    """'RVH' › 'Exceptions' › 'RVH with emphysema: slow R wave progression' -> 'Right ventricular hypertrophy
    (RVH), exceptions: RVH with emphysema?' -> 'Slow R wave progression': one named case of a property,
    asked for what the notes say of it."""
    lg = words.lang(ctx.lang)
    answer = strip_end(plain(case.description))
    if "case" not in lg.templates or not answer or word_count(answer) > MAX_ANSWER_WORDS:
        return
    name = plain(case.term)
    measure = _measure(answer, [s for s in siblings or [] if s is not case and s.description], ctx.lang)
    if measure and "attribute" in lg.templates:
        # 'Complete LBBB: QRS segment >= 0.12 s' beside 'Incomplete LBBB: QRS segment in 0.1 to 0.12 s':
        # 'Complete LBBB: QRS segment?' -> '>= 0.12 s' ('What sets complete LBBB apart?' -> 'QRS segment
        # >= 0.12 s' was ambiguous, complete RBBB has the same; blind review)
        what, answer = measure
        owner = name if _names_owner(name, plain(t.term), ctx.lang) else f"{plain(t.term)}, {_lower(name)}"
        front = lg.template("attribute", term=f"**{owner}**", label=what)
        yield _property_card(ctx, block, front, f"{plain(t.term)}/{label}/{name}", answer, case, path)
        return
    if _names_owner(name, plain(t.term), ctx.lang):
        # 'RBBB' › 'Subdivision' › 'Complete RBBB: QRS >= 0.12 s': a case that names its owner's kind reads
        # alone, asked what sets it apart ('RBBB, subdivision: Complete RBBB?' read garbled; blind review)
        front = lg.template("case", case=f"**{_lower(name)}**")
    else:
        front = lg.template("case_in", term=f"**{t.term}**", case=_lower(name))
    yield _property_card(ctx, block, front, f"{plain(t.term)}/{label}/{plain(case.term)}", answer, case, path)
