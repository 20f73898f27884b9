"""One quality gate for every rule: small checks, each keeping, repairing or dropping a draft.

A check returns the draft (possibly repaired) or None. The author's own cards pass every check but the
fragment one: they are kept as written."""

from __future__ import annotations

import functools
import itertools
import os
import re
from collections import Counter
from collections.abc import Callable

from .. import words
from ..model import ItemList, Paragraph
from .card import CLOZE, QA, Blank, Draft, Rule
from .text import (
    cap,
    content_words,
    ends_open,
    everyday,
    heading_name,
    informative,
    is_label,
    is_term,
    key_words,
    leaked,
    plain,
    reading_length,
    same_stem,
    standalone,
    stem,
    strip_end,
    word_count,
)

MAX_BLANK_WORDS = 5  # CARDS.md: a cloze hides about four words
MAX_ANSWER_WORDS = 30
MAX_ANSWER_ITEMS = 5
MAX_SPELLED_OUT = 2
MANY_NAMES = 3

Check = Callable[[Draft, object], Draft | None]


def no_fragment(d: Draft, ctx) -> Draft | None:
    """Markup leftovers ('name</b', '==term==', an unclosed formula) make no card; nor does an answer cut
    inside parentheses ('6, UDP = 17)'), one that is only an aside in parentheses ('(1 & 3 years)'), or one
    that is only a link's text or a pointer at another page ('Link to IAM roles', 'See chapter 4')."""
    for text in [d.answer, *(b.text for b in d.blanks()), *(p for p in d.front if isinstance(p, str))]:
        if re.search(r"</?\w+$|^\w*>|==\S|\S==", text) or plain(text).count("$") % 2:
            return None
    if d.kind == QA and not d.rule.policy.own and d.rule.policy.prose:
        a = plain(d.answer)
        if a.count("(") != a.count(")") or re.fullmatch(r"\([^()]*\)[.:]?", a.strip()):
            return None
        if _points_away(a, ctx.lang):
            return None
        links = [*d.links, *(d.block.links if d.block is not None else [])]
        if any(a.strip(" .").lower() == plain(link.text).strip(" .").lower() for link in links if link.text):
            return None
    if d.kind == CLOZE and not d.rule.policy.own and not d.steps:
        shown = "".join(p for p in d.front if isinstance(p, str))
        if _points_away(plain(shown).strip(" :-–—"), ctx.lang):
            return None  # '[EC2 Instance Role]: link to IAM roles': the line names where to read, no fact
    return d


MAX_POINTER_WORDS = 6


def _points_away(answer: str, lang: str) -> bool:
    """'Link to IAM roles', 'See the chapter on joins': a short answer that only says where to read on."""
    toks = words.tokens(answer)
    return len(toks) <= MAX_POINTER_WORDS and any(
        tuple(toks[: len(p)]) == p and len(toks) > len(p) for p in words.lang(lang).answer_pointers
    )


_EDGE = re.compile(r"^[^\w@#.$\\(\[`*_\"'<]+|[^\w$\\)\]`*_%\"'.>°]+$")


def tidy(d: Draft, ctx) -> Draft | None:
    """Repairs: a blank keeps no emoji or dash at its edges ('[blueprints 📘]' -> '[blueprints] 📘'); an
    answer keeps no bold marker left open ('works best on ImageNet**')."""
    if d.kind == QA and d.answer.count("**") % 2:
        d.answer = d.answer.replace("**", "")
    if d.kind == QA and d.answer.replace("**", "").count("*") % 2:
        d.answer = re.sub(r"(?<!\*)\*(?!\*)\s*$|^\s*(?<!\*)\*(?!\*)", "", d.answer)  # 'Regular Neural Nets.*'
    if d.kind == QA and not d.rule.policy.own:
        d.answer = _no_figure_pointer(standalone(d.answer, ctx.lang), ctx.lang)
        glued = _GLUED_LABEL.search(d.answer)
        if glued:
            # 'Best when: The search space is large ... impractical.Tradeoff: Does not guarantee ...': the next
            # label line run into this one where a line break was lost; the answer is this line's value
            d.answer = d.answer[: glued.start()]
        first, _, rest = d.answer.partition(" ")
        if rest and len(rest.split()) >= 2 and first.lower() in words.lang(ctx.lang).copulas:
            d.answer = cap(rest)  # 'Security groups: are virtual firewalls ...' -> 'Virtual firewalls ...'
        d.answer = _each_named(_aside_in_parentheses(d.answer, ctx.lang), d.visible(), ctx.lang)
    if d.kind != CLOZE or d.steps:
        return d
    if not d.rule.policy.own:
        d.front = [_no_figure_pointer(p, ctx.lang) if isinstance(p, str) else p for p in d.front]
    front = []
    for p in d.front:
        if isinstance(p, Blank):
            inner = _EDGE.sub("", p.text.strip()) or p.text
            k = p.text.find(inner)
            before, after = p.text[:k], p.text[k + len(inner) :]
            front += [x for x in (before, Blank(inner, p.n, p.hint), after) if x != ""]
        else:
            front.append(p)
    # a picture beside the blank spells it ('like [...] 📘 for objects'): it goes with the blank
    for k, p in enumerate(front):
        if isinstance(p, str) and k and isinstance(front[k - 1], Blank):
            front[k] = _PICTURE_START.sub(lambda m: m.group(1), p)
        if isinstance(p, str) and k + 1 < len(front) and isinstance(front[k + 1], Blank):
            front[k] = _PICTURE_END.sub(lambda m: m.group(1), front[k])
    joined: list = []
    for p in front:
        if isinstance(p, str) and joined and isinstance(joined[-1], str):
            joined[-1] = re.sub(r"\s+$", " ", joined[-1]) + (p.lstrip() if joined[-1][-1:].isspace() else p)
        elif p != "":
            joined.append(p)
    d.front = joined
    return d


def hint_not_hidden(d: Draft, ctx) -> Draft | None:
    """A hint that is a word of the text it stands for gives the answer away ('[networks] are slow to train'
    over 'Neural networks'; blind review): the blank keeps no hint. The author's own clozes are kept."""
    if d.kind != CLOZE or d.rule.policy.own:
        return d
    front: list = []
    for p in d.front:
        if isinstance(p, Blank) and p.hint:
            hidden = content_words(p.text, ctx.lang, True)
            if any(same_stem(h, w) for h in content_words(p.hint, ctx.lang) for w in hidden):
                # ('[networks]' over 'Neural networks': the kind the hint says is the name's last words; they
                # are shown, the words before them hidden: '[...] networks are slow to train')
                toks, kind = p.text.split(), p.hint.split()
                head, tail, parts = _split_blank(p, len(toks) - len(kind), "")
                said = [t.lower() for t in tail.split()] == [t.lower() for t in kind]
                whole = plain(d.visible())
                if (
                    len(toks) > len(kind)
                    and said
                    and key_words(head, ctx.lang)
                    and not ends_open(head, ctx.lang)
                    and not _run_together(p.text, whole)
                    # ('SageMaker feature group': the kind is 'feature group', a name is not cut inside it)
                    and head.split()[-1].lower() not in words.lang(ctx.lang).category_words
                ):
                    front += parts
                    continue
                p = Blank(p.text, p.n, "")
        front.append(p)
    d.front = front
    return d


def _split_blank(b: Blank, cut: int, hint: str) -> tuple[str, str, list]:
    """Blank `b` cut before its word `cut` (hint_not_hidden, no_leak): the words still hidden, the words
    shown after the blank, and the front's parts that replace it ('[...] networks')."""
    toks = b.text.split()
    head, tail = " ".join(toks[:cut]), " ".join(toks[cut:])
    return head, tail, [Blank(head, b.n, hint), " " + tail]


def _each_named(answer: str, front: str, lang: str) -> str:
    """'By providing the traffic distribution for each' asked 'How can you distribute requests across
    multiple model versions?' -> '... for each model version': the noun the answer's last word stands for,
    which the question holds after a quantifier (read alone, 'for each' says nothing)."""
    lg = words.lang(lang)
    if not lg.elided_distributives or not lg.plural_quantifiers:
        return answer
    toks = words.tokens(plain(answer).rstrip(" ."))
    if len(toks) < 2 or toks[-1] not in lg.elided_distributives or toks[-2] not in lg.function_words:
        return answer  # ('for each', 'to either': a preposition's object left out; '$5 each' says all)
    quantifiers = "|".join(map(re.escape, sorted(lg.plural_quantifiers)))
    hits = list(
        re.finditer(
            rf"\b(?:{quantifiers})\s+((?:[A-Za-z][\w-]*\s+){{0,2}}?[A-Za-z][\w-]*?[^s\W])s\b", plain(front), re.I
        )
    )
    if not hits:
        return answer
    noun = hits[-1].group(1)
    if any(w.lower() in lg.function_words for w in noun.split()):
        return answer
    return f"{answer.rstrip(' .')} {noun}"


_ASIDE = re.compile(r",\s+(?:which|that)\s+(?:is|are)\s+([A-Za-z][\w-]*),\s+")


def _aside_in_parentheses(answer: str, lang: str) -> str:
    """'... among train, test, and validation, which is optional, at predefined ratios' -> '... and validation
    (optional) at predefined ratios': a one-word aside set off by commas mid-sentence reads as part of the list
    around it; in parentheses it stays with the word it is about."""
    lg = words.lang(lang)

    def put(m: re.Match) -> str:
        word = m.group(1)
        return m.group(0) if word.lower() in lg.function_words else f" ({word}) "

    return _ASIDE.sub(put, answer)


_GLUED_LABEL = re.compile(r"(?<=[a-z0-9)])\.(?=[A-Z][\w-]*(?: [\w-]+){0,2}:\s)")
"""A full stop with no space after it and a label's colon a few words on: two label lines run together."""
_PAREN = re.compile(r"\s*\(([^()]{1,40})\)")


def _no_figure_pointer(text: str, lang: str) -> str:
    """'stores the raw image pixels (left)' -> 'stores the raw image pixels': '(left)', '(shown above)' point
    at a picture of the notes that no card shows."""
    lg = words.lang(lang)

    def drop(m: re.Match) -> str:
        toks = words.tokens(m.group(1))
        pointer = toks and all(t in lg.figure_words for t in toks) and any(t not in lg.function_words for t in toks)
        return "" if pointer else m.group(0)

    return _PAREN.sub(drop, text) if lg.figure_words else text


_PICTURE = "[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]+"
_PICTURE_START = re.compile(rf"^(\s?){_PICTURE}\s*")
_PICTURE_END = re.compile(rf"\s*{_PICTURE}(\s?)$")


def answer_size(d: Draft, ctx) -> Draft | None:
    """A Q/A answer is one idea: no paragraph, no long list; a cloze hides a few words."""
    if d.rule.policy.own:
        return d
    if d.kind == QA:
        a = plain(d.answer)
        if re.fullmatch(r"\$[^$]+\$", d.answer.strip()):
            return d  # one formula: its length is the rule's to judge (formulas.MAX_TEX), not a count of words
        if (
            not a
            or reading_length(d.answer) > MAX_ANSWER_WORDS
            or a.count(";") + 1 > MAX_ANSWER_ITEMS
            or _enumeration(a)
        ):
            return None
    else:
        if not d.blanks() or any(reading_length(b.text) > MAX_BLANK_WORDS or not plain(b.text) for b in d.blanks()):
            return None
        # (a front that opens with what a worked example was given reads that as its set-up, not as claims)
        said = d.whole().split(". ", 1)[-1] if d.rule.policy.set_up else d.whole()  # ('Given: ...; .... ' first)
        if not d.steps and reading_length(_GLOSS.sub(" ", said)) > MAX_ANSWER_WORDS:
            # '[Apache MXNet] is scalable, allowing for fast model training, supports a flexible programming
            # model, and supports multiple programming languages (including C++, Python, ...)': the back reads
            # the whole sentence, a paragraph of claims, no one fact (an aside that only glosses, '(the weights
            # and biases of the neurons)', is read past; one that lists is read)
            return None
    return d


_GLOSS = re.compile(r"\s*\([^(),]*\)")


def _enumeration(answer: str) -> bool:
    """'COMMERCIAL_ITEM, DATE, EVENT, LOCATION, ORGANIZATION, OTHER, PERSON, ...': more items than one answer
    holds (CARDS.md: a long enumeration is no card), each a short name set apart by commas."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?", answer.strip().rstrip("."))]
    return len(parts) > MAX_ANSWER_ITEMS and all(p and word_count(p) <= MAX_NAME_WORDS for p in parts)


MAX_NAME_WORDS = 2


def blank_is_a_term(d: Draft, ctx) -> Draft | None:
    """A blank hides a term, never a heading label or an everyday word ('[data]', '[Overview]')."""
    if d.kind != CLOZE or d.rule.policy.own or d.steps:
        return d
    lg = words.lang(ctx.lang)
    for b in d.blanks():
        p = plain(b.text)
        if re.fullmatch(r"[$€£]?[-+]?\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?%?", p):
            continue  # a number: the number rule's own blank
        if is_label(p, ctx.lang):
            return None
        ws = p.split()
        if d.rule.policy.everyday_blank:
            continue  # ('By default, inbound traffic is [denied]': the state is the fact, an everyday word)
        if len(ws) == 1 and p.lower() not in ctx.facts.terms and p.islower() and everyday(p, ctx.lang):
            return None
        if len(ws) == 1 and p.islower() and p.endswith(lg.participle_endings or ("\0",)) and everyday(p, ctx.lang, 3.0):
            return None  # 'Weights are [computed] from distance': set in bold, still a verb, not a term
        if re.fullmatch(r"[\W\d_]*", p) and not re.search(r"\d", p):
            return None  # only a formula or punctuation
        if _heads(ctx.facts.terms).get(p.lower(), 0) >= MANY_NAMES:
            return None  # '[SageMaker] supports ...': the head of many of the notes' names fits them all
    return d


@functools.lru_cache(maxsize=4)
def _heads(terms: frozenset[str]) -> Counter[str]:
    """How many of the notes' names each run of leading words opens ('sagemaker' -> 'sagemaker studio',
    'sagemaker canvas', ...): counted once per file, not by a scan of every name per blank."""
    heads: Counter[str] = Counter()
    for t in terms:
        parts = t.split(" ")
        for k in range(1, len(parts)):
            heads[" ".join(parts[:k])] += 1
    return heads


def front_names_something(d: Draft, ctx) -> Draft | None:
    """'What is Input?', 'Overview: details?': a bare heading or label as the front asks nothing."""
    if d.kind != QA or d.rule.policy.own:
        return d
    if is_label(d.subject.split("/")[0], ctx.lang):
        return None
    return d


def no_leak(d: Draft, ctx) -> Draft | None:
    """The answer's words are not on the front. A cloze whose sentence repeats a word of the hidden term
    hides only the words before it when they are a name of their own, else it goes; a Q/A whose answer
    is mostly words of its question asks nothing."""
    if not d.rule.policy.leak_check:
        return d
    lang = ctx.lang
    if d.kind == QA:
        # (each word once: 'SageMaker' is one word of the answer, not three with its parts)
        keys = key_words(d.answer, lang, camel=False)
        if keys and len(leaked(d.answer, d.visible(), lang, camel=False)) * 2 > len(keys):
            return None
        # (the context label is on the front too: 'DeepAR: uses?' -> 'Time-series' under '... › Images, videos
        # or time-series' is answered by its heading; blind review)
        path = " ".join(plain(h) for h in (d.path or ctx.path))
        said = content_words(path, lang, True)
        whole = content_words(d.answer, lang)
        if keys and all(any(same_stem(w, v) for v in said) for w in whole):
            return None
        return d
    blanks = d.blanks()
    if len(blanks) != 1:
        return d
    b = blanks[0]
    if not key_words(b.text, lang, b.hint):
        return None  # a blank of category words only ('[model]') hides nothing
    bad = leaked(b.text, d.visible(), lang, b.hint)
    if not bad:
        return d
    toks = b.text.split()
    cut = next((i for i, t in enumerate(toks) if any(same_stem(w, x) for w in content_words(t, lang) for x in bad)), 0)
    head, _tail, parts = _split_blank(b, cut, b.hint)
    if not head or not key_words(head, lang) or len(key_words(head, lang)) != len(content_words(head, lang)):
        return None
    if ends_open(head, lang) or not is_term(head, lang, ctx.facts.terms):
        return None  # '[change in] demand': a fragment, not a name
    front = []
    for p in d.front:
        if p is b:
            front += parts
        else:
            front.append(p)
    d.front = front
    return d if not leaked(head, d.visible(), lang) else None


def number_not_said(d: Draft, ctx) -> Draft | None:
    """A blank that hides a number a word of its front says: 'On a unitary elastic demand curve, every point
    has an elasticity of demand equal to [1]' ('unitary' gives it away; blind review), 'twice' over '[2]'. The
    author's own clozes are kept as written."""
    said = words.lang(ctx.lang).number_words
    if d.kind != CLOZE or d.rule.policy.own or not said:
        return d
    shown = words.tokens(plain(d.visible()))
    for b in d.blanks():
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*", plain(b.text))
        if m and any(said.get(w) == float(m.group(1)) for w in shown):
            return None
    return d


def no_spaced_leak(d: Draft, ctx) -> Draft | None:
    """A cloze's hidden name written on its front with other spacing ('[사용자데이터]: 사용자 데이터 아래에
    ...', '[DataFrame]' beside 'data frame'): the words differ, the name shows all the same."""
    if d.kind != CLOZE or not d.rule.policy.leak_check:
        return d
    front = re.sub(r"[\s_-]+", "", plain(d.visible())).lower()
    for b in d.blanks():
        hidden = re.sub(r"[\s_-]+", "", plain(b.text)).lower()
        if len(hidden) >= 3 and hidden in front:
            return None
        # ('A [SageMaker feature group] gives you the ability to add new features through the UpdateFeatureGroup
        # operation': the name's last words, run together in an identifier on the front, say all but its first)
        if _run_together(b.text, plain(d.visible())):
            return None
    return d


def _run_together(name: str, front: str) -> bool:
    """The name's last words run together in an identifier of the front ('UpdateFeatureGroup' under
    'SageMaker feature group')."""
    joined = [t.lower() for t in re.findall(r"[\w-]+", front) if re.search(r"[a-z][A-Z]", t)]
    ws = plain(name).lower().split()
    return any("".join(ws[k:]) in t for k in range(1, len(ws) - 1) for t in joined)


def says_enough(d: Draft, ctx) -> Draft | None:
    """What is left to read around a blank must point at one answer: 'The [...] is a prebuilt image' does not,
    nor does '[...] has a comprehensive, flexible ecosystem of tools' (praise that fits every framework)."""
    if d.kind != CLOZE or d.rule.policy.own or d.steps:
        return d
    visible = "".join(p for p in d.front if isinstance(p, str))
    # (a statement that stands alone says its things in formulas too: 'If $(a_n) \to L$, then $(a_n)$ is [...]')
    formulas = len(re.findall(r"\$[^$]+\$|\\\(.+?\\\)", visible)) if d.rule.policy.bare else 0
    return d if len(_telling(visible, ctx.lang)) + formulas >= 3 else None


def says_something(d: Draft, ctx) -> Draft | None:
    """'What does Managed Apache Flink provide?' -> 'Robust analytics capabilities': an answer of praise and
    one other word is no fact (one word alone, 'Clustering', is a name, and kept)."""
    if d.kind != QA or d.rule.policy.own or not d.rule.policy.prose:
        return d
    said = informative(d.answer, ctx.lang)
    telling = _telling(d.answer, ctx.lang)
    return None if len(telling) < len(said) and len(telling) < 2 else d


def _telling(text: str, lang: str) -> list[str]:
    """The words that say something once praise and the nouns it goes with are set aside (only in praise:
    'Resources scale up and down with demand' keeps 'resources')."""
    lg = words.lang(lang)
    said = informative(text, lang)
    if not any(w in lg.praise for w in said):
        return said
    return [w for w in said if w not in lg.praise and w not in lg.vague]


def closed(d: Draft, ctx) -> Draft | None:
    """An answer or a sentence that stops mid-clause ('... of event A, and') is a fragment."""
    if d.rule.policy.own or not d.rule.policy.prose:
        return d
    text = d.answer if d.kind == QA else d.whole()
    return None if ends_open(text, ctx.lang) else d


def into_its_list(d: Draft, ctx) -> Draft | None:
    """'Approccio alla salute globale ed olistico, che identifica come obiettivi di pari importanza' over a short
    list, with no full stop or colon between: the sentence goes on in the list, so the card's answer (or its
    cloze's text) ends with the list's items after a colon, not cut before them."""
    if d.rule.policy.own or not d.rule.policy.prose or not isinstance(d.block, Paragraph) or d.steps:
        return d
    said = plain(d.block.text).rstrip()
    blocks = ctx.section.blocks
    at = next((i for i, b in enumerate(blocks) if b is d.block), -1)
    if not said or said[-1] in _CLOSING or at < 0 or at + 1 >= len(blocks):
        return d
    nxt = blocks[at + 1]
    if not isinstance(nxt, ItemList) or nxt.ordered or not 2 <= len(nxt.items) <= MAX_RUN_ON_ITEMS:
        return d
    items = [strip_end(x.split("\n")[0].strip()) for x in nxt.items]
    if any(word_count(x) > MAX_RUN_ON_ITEM_WORDS or not plain(x) for x in items):
        return d
    tail = " ".join(words.tokens(said)[-3:])
    text = d.answer if d.kind == QA else d.whole()
    if " ".join(words.tokens(plain(text))[-3:]) != tail:
        return d  # (the card ends elsewhere: its sentence is whole)
    lg = words.lang(ctx.lang)
    listed = ": " + ", ".join(_first_lower(x, lg) for x in items)
    if d.kind == QA:
        d.answer = strip_end(d.answer) + listed
    elif d.front and isinstance(d.front[-1], str):
        d.front[-1] = strip_end(d.front[-1]) + listed
    else:
        d.front.append(listed)
    return d


_CLOSING = ".!?:;…)]"
MAX_RUN_ON_ITEMS = 5
MAX_RUN_ON_ITEM_WORDS = 8


def _first_lower(x: str, lg) -> str:
    """'La salute dell'uomo' -> 'la salute dell'uomo' inside a sentence (an article or function word; a name
    keeps its capital)."""
    first = words.tokens(plain(x))[:1]
    return x[:1].lower() + x[1:] if first and (first[0] in lg.articles or first[0] in lg.function_words) else x


def no_restating(d: Draft, ctx) -> Draft | None:
    """'Compliance: AWS responsibilities?' -> 'Complies with compliance standards': the answer opens by
    restating the front's term, nothing to recall."""
    if d.kind != QA or d.rule.policy.own or not d.rule.policy.prose:
        return d
    first = informative(d.answer, ctx.lang)[:1]
    term = content_words(d.subject.split("/")[0], ctx.lang)
    # (a one-word term only: 'Right atrial abnormality: cause?' -> 'Right ventricular enlargement' shares a
    # word by chance, it restates nothing)
    return None if first and len(term) == 1 and same_stem(first[0], term[0]) else d


def gist_not_the_name(d: Draft, ctx) -> Draft | None:
    """'What are Compute Optimized instances designed for?' -> 'Compute-intensive workloads, such as training
    deep learning models ...'; 'What is Amazon S3 Event Notifications used for?' -> 'To receive notifications
    when predefined events occur ...': the answer's head, before its examples or its condition, is a few
    words that say a word of the name again (its distinctive word: 'compute'), so the front gives it away
    (blind review: a gist that restates the name). With examples after it, the head goes on the front and
    the examples are asked ('What compute-intensive workloads are Compute Optimized instances designed
    for?'); else no card."""
    if d.kind != QA or d.rule.policy.own or d.rule.label not in ("term", "purpose"):
        return d
    lg = words.lang(ctx.lang)
    name = [w for w in content_words(d.subject.split("/")[0], ctx.lang) if w not in lg.category_words]
    # (a term's last word may be its kind, said again by what it is: 'Tree-based models' -> 'Boosted trees')
    distinct = name[:-1] if d.rule.label == "term" and len(name) > 1 else name
    answer = plain(d.answer).rstrip(" .")
    openers = [*lg.example_openers, *(" ".join(c) for c in lg.conditions)]
    if not distinct or not openers:
        return d
    means = _means_asked(d, answer, distinct, lg, ctx.lang)
    if means is not None:
        return means
    m = _opener_pattern(lg.code).search(answer)
    if not m:
        return _kind_asked(d, answer, distinct, lg)
    head = answer[: m.start()]
    said = informative(head, ctx.lang)
    if not said or not any(same_stem(w, n) for w in said for n in distinct):
        return d
    # ('Workloads that require a large amount of memory': one word of its own, the rest the name's or everyday)
    own = [w for w in said if not any(same_stem(w, n) for n in distinct) and not everyday(w, ctx.lang, EVERYDAY)]
    if len(said) > MAX_HEAD_WORDS and (len(said) > MAX_LONG_HEAD_WORDS or len(own) > 1):
        return d
    rest = answer[m.end() :]
    front = "".join(p for p in d.front if isinstance(p, str))
    wh = words.tokens(plain(front))[:1]
    if (
        m.group(1).lower() in lg.example_openers
        and wh
        and wh[0] in lg.question_words
        and words.tokens(head)[:1] != ["to"]
        and len(said) <= MAX_HEAD_WORDS
        and "head_asked" in lg.templates
    ):
        ask = front.lstrip()[len(wh[0]) :].strip()
        d.front = [lg.template("head_asked", wh=cap(wh[0]), head=head[:1].lower() + head[1:], ask=ask)]
        d.answer = cap(rest)
        return d
    return None


MAX_HEAD_WORDS = 3
MAX_LONG_HEAD_WORDS = 6
EVERYDAY = 4.5  # (zipf: 'require', 'large', 'amount' are everyday; 'workloads', 'latency' are not)


@functools.lru_cache(maxsize=8)
def _opener_pattern(code: str) -> re.Pattern:
    """An example opener or a condition of the language ('for example', 'when') after a comma or a space:
    where a gist's examples begin. Built once per language, as the sentences' cue pattern is."""
    lg = words.lang(code)
    openers = [*lg.example_openers, *(" ".join(c) for c in lg.conditions)]
    return re.compile(r",?\s+(" + "|".join(re.escape(o) for o in openers) + r")\s+", re.I)


@functools.lru_cache(maxsize=8)
def _relative_pattern(code: str) -> re.Pattern:
    """', which ': a comma and a relative of the language, once per language."""
    lg = words.lang(code)
    return re.compile(r",\s+(?:" + "|".join(map(re.escape, sorted(lg.relatives))) + r")\s")


def _means_asked(d: Draft, answer: str, distinct: list[str], lg, lang: str) -> Draft | None:
    """'What are Accelerated Computing instances designed for?' -> 'Accelerating compute-intensive workloads
    using hardware accelerators like GPUs ...': the head before the means ('using', 'via': means_markers)
    says the name again, the means is the fact (blind review u: the answer restates the name). Asked
    'Accelerated Computing instances: accelerating compute-intensive workloads using what?' -> 'Hardware
    accelerators like GPUs ...'. So too the goal after a purpose marker ('to': purpose_markers): 'What does
    k-NN do?' -> 'Uses ... the k nearest labeled points to assign a label ...' is asked 'K-Nearest
    Neighbors (k-NN): uses ... the k nearest labeled points to do what?' -> 'Assign a label ...'. None when
    the answer is not so made (the draft goes on to the other checks)."""
    for markers, template in ((lg.means_markers, "means_asked"), (lg.purpose_markers, "purpose_asked")):
        if not markers or template not in lg.templates:
            continue
        m = re.search(r"\s(" + "|".join(re.escape(o) for o in markers) + r")\s+", answer, re.I)
        if not m:
            continue
        head, rest = answer[: m.start()].strip(" ,"), answer[m.end() :].strip()
        said = informative(head, lang)
        # (a head up to six words: the means is asked, the head stays on the front as its cue)
        if not said or len(said) > MAX_LONG_HEAD_WORDS or not any(same_stem(w, n) for w in said for n in distinct):
            continue
        first = words.tokens(rest)[:1]
        if not informative(rest, lang) or words.tokens(head)[:1] == ["to"] or not first:
            continue
        if template == "purpose_asked" and not _a_verb(first[0], lg):
            continue  # ('transitioned to another storage class': 'to' a preposition there, no goal after it)
        front = plain("".join(p for p in d.front if isinstance(p, str)))
        name = d.subject.split("/")[0].strip()
        at = front.lower().find(name.lower())
        if not name or at < 0:
            return None
        shown = front[at : at + len(name)]
        after = front[at + len(name) :].split()
        if after and after[0].lower() in lg.category_words:
            shown += " " + after[0]  # ('Accelerated Computing instances', as the front named them)
        head = head[:1].lower() + head[1:]
        d.front = [lg.template(template, term=shown, head=head, means=m.group(1).lower())]
        d.answer = cap(rest)
        return d
    return None


def _a_verb(word: str, lg) -> bool:
    """'assign' (its 'assigns' a verb of the language's lists, or an order's verb): a goal opens with it."""
    return word in lg.imperatives or word in lg.base_verbs.values() or words.third_person(word, lg.code) in lg.verbs


def _kind_asked(d: Draft, answer: str, distinct: list[str], lg) -> Draft | None:
    """'What are Inference instances optimized for?' -> 'Low-latency, high-throughput inference workloads, which
    are common ...': the answer's noun ends in the name's word ('inference workloads'); what it says of its own
    is the words before ('Low-latency, high-throughput'), asked as the kind ('What kind of inference workloads
    are Inference instances optimized for?'). The draft as it was when the answer is not so made."""
    k = _relative_pattern(lg.code).search(answer)
    ws = (answer[: k.start()] if k else answer).split()
    front = "".join(p for p in d.front if isinstance(p, str))
    wh = words.tokens(plain(front))[:1]
    if "kind_asked" not in lg.templates or not wh or wh[0] not in lg.question_words or len(ws) > MAX_KIND_WORDS:
        return d
    at = next((i for i in range(len(ws) - 2, len(ws)) if i > 0 and _echoes(ws[i], distinct, lg)), 0)
    mods = ws[:at]
    if not mods or any(t in lg.function_words for w in mods for t in words.tokens(w)):
        return d  # ('Multilayer perceptrons and convolutional neural networks': members, each its own)
    ask = front.lstrip()[len(wh[0]) :].strip()
    d.front = [lg.template("kind_asked", wh=cap(wh[0]), thing=" ".join(ws[at:]).lower(), ask=ask)]
    d.answer = cap(" ".join(mods).rstrip(",;"))
    return d


MAX_KIND_WORDS = 6


def _echoes(word: str, name: list[str], lg) -> bool:
    return any(same_stem(t, n) for t in words.tokens(word) if t not in lg.category_words for n in name)


def name_not_restated(d: Draft, ctx) -> Draft | None:
    """'What is Feature Store?' -> 'a repository to store features': every word of the name comes back in
    the answer, so the answer is the name spelled out, nothing to recall."""
    skipped = (
        "attribute",
        "table",
        "choice",
        "set",
        "singled-out",
    )  # (their subject is a row, a label or a lead-in: no name)
    if d.kind != QA or d.rule.policy.own or not d.rule.policy.prose or d.rule.label in skipped:
        return d
    name = [w for w in key_words(d.subject.split("/")[0], ctx.lang, camel=False)]
    said = content_words(d.answer, ctx.lang, True)
    whole = words.tokens(plain(d.subject.split("/")[0]))
    if (
        len(whole) == 1
        and len(whole[0]) >= 6
        and any(
            _shared_prefix(whole[0], a) >= 8 and min(len(a), len(whole[0])) > 8 and a != whole[0].lower() for a in said
        )
    ):
        return None  # 'What is Concatenation?' -> 'A language that's concatenating ...': defined by itself
    # (one stem each, not a shared prefix: 'batteriostatici' is not restated by 'batterico')
    if name and all(any(stem(w) == stem(a) for a in said) for w in name):
        rest = [a for a in informative(d.answer, ctx.lang) if not any(stem(a) == stem(w) for w in name)]
        # a denial is one more thing the name does not say ('Split by key' -> 'That rows of one key do not
        # occur in more than one split': the name tells the key, not that it never straddles two splits)
        rest += [t for t in words.tokens(plain(d.answer)) if t in words.lang(ctx.lang).negations][:1]
        if len(rest) <= MAX_SPELLED_OUT:
            return None  # (an answer that says much more than the name is a definition that uses it)
    return d


_HEAD_RULES = ("term", "what-is", "purpose", "fact", "implied")
MAX_ECHO_HEAD = 4


def head_not_the_name(d: Draft, ctx) -> Draft | None:
    """'What does Randomized split do?' -> 'Splits data randomly among train, test, and validation ...';
    'What are Capacity Reservations?' -> 'Reserve capacity in a specific AZ ...': the answer's head (its words
    before the first function word, up to four) says two words of the name again, so the learner reads the
    answer off the front (blind review: the answer restates the name). Dropped: the subject's other cards (the
    next fact said of it, the reverse) ask what the notes add."""
    if d.kind != QA or d.rule.policy.own or not d.rule.policy.prose or d.rule.label not in _HEAD_RULES:
        return d
    lg = words.lang(ctx.lang)
    name = content_words(d.subject.split("/")[0], ctx.lang)
    toks = words.tokens(plain(d.answer))
    while toks and toks[0] in lg.articles:
        toks = toks[1:]
    head = list(
        itertools.takewhile(
            lambda w: w[:1].isalnum() and w not in lg.function_words and w not in lg.relatives and w not in lg.copulas,
            toks,
        )
    )[:MAX_ECHO_HEAD]
    echoed = {n for n in name for w in head if same_stem(w, n)}
    return None if len(echoed) >= 2 else d


def _shared_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a.lower(), b.lower()]))


VACUOUS_WORDS = 5
MAX_COMPARED_WORDS = 3


def says_what_it_is(d: Draft, ctx) -> Draft | None:
    """'What is precision?' -> 'A valid metric for binary problems' judges; 'What is Data Capture?' -> 'A
    feature of SageMaker endpoints' only files it under another name: neither is a definition."""
    if d.rule.policy.own or d.rule.label not in ("what-is", "term", "term-reverse"):
        return d
    lg = words.lang(ctx.lang)
    # (the reverse card shows the description and hides the name: the same description is judged)
    text = d.answer if d.kind == QA else "".join(p for p in d.front if isinstance(p, str)).lstrip(" :–—-")
    if plain(text).lstrip().startswith("("):
        return None  # '(abstract void f()) behave like ...': a fragment that opens with an aside
    toks = [t for t in words.tokens(plain(text)) if t not in lg.articles]
    if toks[:1] and (toks[0] in lg.negations or toks[0] in lg.denials):
        return None  # 'What is a managed control plane?' -> 'No manual cluster management': a benefit
    name = words.tokens(plain(d.subject.split("/")[0]))
    if d.kind == QA and len(name) >= 2 and words.tokens(plain(text))[: len(name)] == name:
        return None  # 'What is Secondary T wave?' -> 'Secondary T wave inversions in ...': the name again
    if ("->" in text or "→" in text) and word_count(text) <= VACUOUS_WORDS:
        return None  # 'DeepLens -> Rekognition': a chain of names, not what the term is
    if toks and toks[0] in lg.evaluative:
        return None
    if d.kind == QA and toks[:1] and toks[0] in lg.population_nouns:
        return None  # 'What is Wellens' syndrome?' -> 'Patients with ischemic chest pain ...': in whom, not what
    if len(toks) > 1 and toks[0] in lg.comparatives and toks[1] in lg.choice_nouns:
        return None  # 'What are notebook instances?' -> 'The better alternative for single users ...': a ranking
    if d.kind == QA and _counted_tail(text, lg):
        # 'A python-based, scientific computing package targeted at two sets of audiences' over a list of
        # the two: the tail points at the list below, the card keeps what the name is
        d.answer = cap(_counted_tail(text, lg))
        text = d.answer
    if d.kind == QA and _scrap(text, ctx.lang):
        return None  # 'What is RTT?' -> 'Two time (go and back)': everyday words that name nothing
    if d.kind == QA and _only_related(text, ctx.lang):
        return None  # '가속 옵션이란?' -> '머신러닝 관련된 추가적인 기능' (an additional ML-related feature)
    if d.kind == QA and _told_as_a_story(toks, lg):
        return None  # 'What are On-Demand Instances?' -> 'Staying at a resort whenever we want ...': an analogy
    if len(toks) <= MAX_COMPARED_WORDS and toks and toks[0] in lg.comparatives:
        return None  # 'What is Object ACL?' -> 'Finer grain': how it compares, not what it is
    if re.match(r"^[^:]{1,40}\s:\s", plain(text)):
        return None  # 'Hardware capabilities : Need full duplex': a label and its value, not what the name is
    if len(re.findall(r"\d+(?:\.\d+)*", text)) >= 3 and text.count(",") >= 2:
        return None  # 'CUDA 8 and 9, cuDNN 6 and 7, NCCL 2.0.5': versions of things, not what the term is
    if len(toks) <= VACUOUS_WORDS and toks and toks[0] in lg.category_words and toks[1:2] in (["of"], ["di"]):
        return None
    return d


def _counted_tail(answer: str, lg) -> str:
    """'A package targeted at two sets of audiences' -> 'A package': a definition that ends by counting what
    a list below it names ('two sets of audiences', 'three groups of users') after a participle and its
    preposition leans on that list; the words before the participle say what the name is. '' otherwise."""
    ws = plain(answer).rstrip(" .").split()
    k = next((i for i, w in enumerate(ws) if w.lower() in lg.count_words), -1)
    if (
        k < MIN_KEPT_WORDS
        or len(ws) - k - 1 > MAX_COUNTED_WORDS
        or not ws[-1].lower().endswith(tuple(lg.plural_endings))
    ):
        return ""
    if ws[k - 1].lower() not in lg.function_words or not ws[k - 2].lower().endswith(tuple(lg.participle_endings)):
        return ""  # ('every string of either of two languages', 'land in two splits': a count said, none pointed at)
    cut = k - 2  # 'targeted at two ...', 'aimed at three ...'
    kept = " ".join(ws[:cut]).rstrip(",;:")
    return kept if cut >= MIN_KEPT_WORDS else ""


MIN_KEPT_WORDS = 3
MAX_COUNTED_WORDS = 4


def _scrap(answer: str, lang: str) -> bool:
    """'Two time (go and back)', 'One way': outside its asides, an answer of one or two words the language
    uses every day (no name, no number, no word of the field) is a scrap of a note line, no definition."""
    bare = re.sub(r"\([^()]*\)", " ", plain(answer))
    toks = [t for t in words.tokens(bare) if t.isalpha() and t not in words.lang(lang).articles]
    return 0 < len(toks) <= MAX_SCRAP_WORDS and not re.search(r"\d", bare) and all(everyday(t, lang) for t in toks)


MAX_SCRAP_WORDS = 2


def _only_related(text: str, lang: str) -> bool:
    """'머신러닝 관련된 추가적인 기능', 'Additional features related to networking': a category word ('feature',
    '기능'), words that say nothing of it (the language's `vague`: 'additional', 'related') and one topic at
    most: what the name is about, not what it is (blind review: too vague to test; the reverse card, the name
    from its topic, still asks it)."""
    lg = words.lang(lang)
    said = content_words(text, lang)
    if not any(w in lg.category_words for w in said):
        return False
    rest = [w for w in said if w not in lg.category_words and w not in lg.vague]
    return len(rest) <= 1 and len(rest) < len(said) - 1


def _told_as_a_story(toks: list[str], lg) -> bool:
    """'Staying at a resort whenever we want and paying the full price', 'Renting an entire wing for
    ourselves': an act the writer tells of themselves (a gerund first, a first-person word after it) is an
    analogy or a scenario; the reverse card, the name from the story, still asks it."""
    first = toks[0] if toks else ""
    gerund = bool(lg.gerund_endings) and first.endswith(tuple(lg.gerund_endings)) and len(first) > MIN_GERUND
    return gerund and any(t in lg.first_person for t in toks[1:])


MIN_GERUND = 5  # ('thing', 'king': no gerund)


def one_predicate(d: Draft, ctx) -> Draft | None:
    """'What do the memory optimized instances provide?' -> 'High memory bandwidth and are optimized for
    applications that ...': 'and' then a copula or a modal opens a second claim about the subject, no part of
    what the question asks; the answer stops before it and the claim goes to the back. (After a relative
    pronoun, 'applications that require fast processors and are ...', the clause may be the object's: kept.)"""
    if d.kind != QA or d.rule.policy.own or d.rule.label not in _ONE_CLAIM:
        return d
    lg = words.lang(ctx.lang)
    for m in re.finditer(r",?\s+(\w+)(?=\s+(\w+))", d.answer):
        if m.group(1).lower() not in lg.conjunctions or m.group(1).lower() in lg.alternatives:
            continue
        nxt = m.group(2).lower()
        before = words.tokens(plain(d.answer[: m.start()]))
        if (nxt in lg.copulas or nxt in lg.modals) and len(before) >= 2 and not set(before) & lg.relatives:
            tail = d.answer[m.end() :].strip()
            d.answer = d.answer[: m.start()]
            d.extra = [cap(strip_end(tail)), *d.extra]
            return d
    return d


_ONE_CLAIM = ("fact", "implied", "purpose")
"""(rules whose answer is what a verb of the subject takes: a definition's 'and' may join its own clauses)"""


def trait_not_definition(d: Draft, ctx) -> Draft | None:
    """'커뮤니티 AMI란?' -> '누구나 개시가 가능하다' (anyone can publish one): a description that ends by saying
    what one can do with the name (the language's `capability_endings`) is a trait of it, asked as one ('커뮤니티
    AMI의 특징은?'); a hedge at its end ('... 사양이라고 생각하면 된다', think of it as) is left out, on either
    side of the term's pair of cards."""
    lg = words.lang(ctx.lang)
    if d.kind == CLOZE and d.rule.label == "term-reverse" and d.front and isinstance(d.front[-1], str):
        d.front[-1] = _main_clause(_unhedged(d.front[-1], lg), lg)[0]
        return d
    if d.kind != QA or d.rule.policy.own or d.rule.label not in ("what-is", "term"):
        return d
    d.answer, scene = _main_clause(_unhedged(d.answer, lg), lg)
    d.extra = [scene, *d.extra] if scene else d.extra
    if "trait" in lg.templates and any(plain(d.answer).rstrip(" .").endswith(c) for c in lg.capability_endings):
        d.front = [lg.template("trait", term=f"**{plain(d.subject.split('/')[0])}**")]
    return d


def _main_clause(text: str, lg) -> tuple[str, str]:
    """('미리 구매해놓은 인스턴스를 사용하는 기능', '인스턴스를 미리 구매해놓을수가 있는데') of '인스턴스를 미리
    구매해놓을수가 있는데 미리 구매해놓은 인스턴스를 사용하는 기능': after a clause that only sets the scene (the
    language's `background_links`), a clause that ends in a category word ('기능') says what the name is;
    (text, '') otherwise."""
    lead = re.match(r"^[\s:–—-]*", text).group(0)  # (the reverse card's ': ' after its blank stays)
    ws = text[len(lead) :].split()
    run_on = _run_on(ws, lg)
    if run_on:
        return lead + " ".join(run_on[1]), " ".join(run_on[0])
    if not lg.background_links:
        return text, ""
    k = max((i for i, w in enumerate(ws[:-1]) if w.endswith(lg.background_links)), default=-1)
    rest = ws[k + 1 :]
    if k < 0 or len(rest) < MIN_MAIN_WORDS or not rest[-1].rstrip(".").endswith(tuple(lg.category_words)):
        return text, ""
    return lead + " ".join(rest), " ".join(ws[: k + 1])


MIN_MAIN_WORDS = 2


def _run_on(ws: list[str], lg) -> tuple[list[str], list[str]] | None:
    """(scene, main) of '데이터베이스를 매일 복사하는 기능 이 복사본을 남길지 말지에
    대한 설정': two sentences with no full stop between, the second opened by a word standing alone that points
    back (the language's `run_on_openers`, with the one-syllable noun it points with: '이 때 이 ...') and ending
    in a noun phrase, what the name is; the first sets the scene. None when the text is one sentence."""
    if not lg.run_on_openers or not lg.statement_endings:
        return None
    k = next((i for i, w in enumerate(ws) if i >= MIN_MAIN_WORDS and w in lg.run_on_openers), -1)
    if k < 0:
        return None
    j = k
    while j < len(ws) and (ws[j] in lg.run_on_openers or j > k and len(ws[j]) == 1):
        j += 1
    main = ws[j:]
    if len(main) < MIN_RUN_ON_WORDS or main[-1].rstrip(".").endswith(lg.statement_endings):
        return None
    return ws[:k], main


MIN_RUN_ON_WORDS = 3


def _unhedged(text: str, lg) -> str:
    said = text.rstrip(" .")
    hedge = next((h for h in lg.hedge_endings if said.endswith(h) and len(said) > len(h) + 1), "")
    return said[: -len(hedge)].rstrip() if hedge else text


def names_one_thing(d: Draft, ctx) -> Draft | None:
    """'What are three main types of layers used for?' -> 'To build ConvNet architectures: Convolutional
    Layer, ...': a subject that counts a set ('three main types of layers', 'the 2 modes') is no name a
    question can be asked of; the answer names the set's members, asked backwards (the set rule asks a
    counted set forwards: 'Which 3 ...?')."""
    if d.kind != QA or d.rule.policy.own or not d.rule.policy.prose or d.rule.label in _SET_SUBJECTS:
        return d
    lg = words.lang(ctx.lang)
    toks = [t for t in plain(d.subject.split("/")[0]).split() if t.lower() not in lg.articles]
    first = toks[0].lower() if toks else ""
    counted = first in lg.count_words or first.isdigit()
    return None if counted and len(toks) >= 3 and toks[-1].lower().endswith(tuple(lg.plural_endings)) else d


_SET_SUBJECTS = ("set", "table", "choice", "attribute", "singled-out")
"""(their subject is a lead-in, a row or a label: a count there is the set's, and asked as one)"""


def formula_by_its_name(d: Draft, ctx) -> Draft | None:
    """'What is 2TP/(2TP + FP + FN)?' -> '2 * (Precision * Recall)/(Precision+Recall)': a line 'X = Y' that
    writes an equation is read as a definition of its left side, an expression no one asks 'What is ...?'.
    Under a heading that names it ('F1 Score'), it is that name's formula, both sides; else no card."""
    if d.kind != QA or d.rule.policy.own or d.rule.label not in ("what-is", "term"):
        return d
    left = plain(d.subject)  # (a name's whole subject: its '/' is the expression's own)
    if not _expression(left):
        return d
    lg = words.lang(ctx.lang)
    path = d.path or ctx.path
    name = heading_name(path[-1]).rstrip(" :") if path else ""
    if not name or "formula" not in lg.templates or is_label(name, ctx.lang) or _expression(name):
        return None
    d.front = [lg.template("formula", term=f"**{name}**")]
    d.answer = f"{left} = {plain(d.answer)}"
    d.subject = f"{name}/formula"
    return d


def _expression(text: str) -> bool:
    """'2TP/(2TP + FP + FN)', 'a^2 + b^2': operators between operands, with a digit or a bracket, and no two
    words in a row ('Source/Destination', 'Input/Output' are names)."""
    return (
        bool(re.search(r"[+*^]|/\s*\(|\)\s*/", text))
        and bool(re.search(r"[\d()]", text))
        and not re.search(r"[^\W\d_]{3,}\s+[^\W\d_]{3,}", text)
    )


def not_a_reading(d: Draft, ctx) -> Draft | None:
    """'What is P(B)?' -> 'The probability of event B': a letter applied to bare arguments read aloud, the
    arguments back in the answer with a word or two for the letter, is no fact to recall (an operator inside,
    'P(A|B)' -> '... of event A given event B has occurred', says how it reads, and stays)."""
    if d.kind != QA or d.rule.policy.own or d.rule.label not in ("what-is", "term"):
        return d
    m = _APPLIED.fullmatch(plain(d.subject.split("/")[0]).strip("$ "))
    if not m:
        return d
    args = {t.lower() for t in re.findall(r"[^\W_]\w*", m.group(2))}
    toks = words.tokens(plain(d.answer))
    if not args or not args <= set(toks):
        return d
    lg = words.lang(ctx.lang)
    rest = {t for t in toks if t.isalpha() and t not in args and t not in lg.function_words}
    return None if len(rest) <= MAX_READING_WORDS else d


_APPLIED = re.compile(r"([^\W\d_]{1,3})\s*\(([\w\s,]+)\)")
"""A letter applied to bare arguments: 'P(B)', 'E(X)', 'Var(X)' (not 'P(A|B)': the bar is read, and asked)."""
MAX_READING_WORDS = 2


def purpose_says_something(d: Draft, ctx) -> Draft | None:
    """'What are event notifications used for?' -> 'To invoke an event': a goal of the name's own words
    and everyday ones teaches nothing."""
    if d.kind != QA or d.rule.label != "purpose":
        return d
    lg = words.lang(ctx.lang)
    first = words.tokens(plain(d.answer))[:1]
    if first and first[0] in lg.generic_subjects | lg.subject_pronouns:
        return None  # 'What is precision used for?' -> 'You want to minimize false positives': a clause, no goal
    shown = content_words(d.visible(), ctx.lang, True)
    new = [w for w in informative(d.answer, ctx.lang) if not any(same_stem(w, v) for v in shown)]
    return d if len(new) >= 2 and not _vague_goal(d.answer, ctx.lang) else None


def _vague_goal(goal: str, lang: str) -> bool:
    """'To help support effective communication with the LLMs': a goal whose words are mostly ones that say
    only that it helps (the language's `support_words`) or everyday ones says nothing (blind review)."""
    lg = words.lang(lang)
    said = informative(goal, lang)
    support = [w for w in said if w in lg.support_words]
    vague = [w for w in said if w in lg.support_words or everyday(w, lang)]
    return len(support) >= 2 and len(vague) * 2 > len(said)


def capability_says_something(d: Draft, ctx) -> Draft | None:
    """The cloze twin of a vague purpose: 'You can use [...] to help support effective communication with the
    LLMs' hides a name behind a goal that says nothing."""
    if d.kind != CLOZE or d.rule.label != "capability" or d.rule.policy.own:
        return d
    parts = d.front
    k = next((i for i, p in enumerate(parts) if isinstance(p, Blank)), None)
    if k is None:
        return d
    after = "".join(p if isinstance(p, str) else p.text for p in parts[k + 1 :])
    lg = words.lang(ctx.lang)
    toks = plain(after).split()
    if not toks or (toks[0].lower(),) not in lg.purpose_preps:
        return d
    return None if _vague_goal(" ".join(toks[1:]), ctx.lang) else d


def not_a_reference(d: Draft, ctx) -> Draft | None:
    """Under 'Additional resources' or 'References' a line points at a source; it states no fact."""
    if d.rule.policy.own:
        return d
    lg = words.lang(ctx.lang)
    for heading in ctx.path:
        toks = tuple(words.tokens(plain(heading)))
        if any(toks == h for h in lg.reference_headings):
            return None
    if d.kind == CLOZE and any(_LINKED.search(b.text) for b in d.blanks()):
        return (
            None  # 'An IPython Notebook on [Net Surgery](...) shows how ...': the blank is a link, the line a pointer
        )
    return d


_LINKED = re.compile(r"\]\([^)]*\)|^<?https?://")


def stands_alone(d: Draft, ctx) -> Draft | None:
    """'Why use padding?' -> 'In addition to the aforementioned benefit of keeping the spatial sizes constant
    after CONV, doing this actually improves performance': an answer (or a cloze's sentence) that leans on
    what the notes said before it (the language's `leaning_phrases`) says nothing on a card of its own
    (blind review: not self-contained). A run-in question's answer is checked too: the question is the
    author's, the sentences picked to answer it are not a card the author wrote."""
    if d.rule in (Rule.EXPLICIT_QA, Rule.EXPLICIT_CLOZE):
        return d
    refs = words.lang(ctx.lang).leaning_phrases
    text = d.answer if d.kind == QA else "".join(p if isinstance(p, str) else p.text for p in d.front)
    toks = words.tokens(plain(text))
    if any(tuple(toks[k : k + len(r)]) == r for r in refs for k in range(len(toks) - len(r) + 1)):
        return None
    return d


def polarity(d: Draft, ctx) -> Draft | None:
    """A Q/A made from a denial ('X is not used for Y') would claim its opposite: none is made."""
    if d.kind != QA or d.rule.policy.own:
        return d
    lg = words.lang(ctx.lang)
    first = words.tokens(plain(d.answer))[:2]
    if first and (first[0] in lg.negations or first[:2] == ["do", "not"]):
        return None
    return d


# Order matters only for repairs: a leak repaired changes what the later checks read.
CHECKS: list[tuple[str, Check]] = [
    ("fragment", no_fragment),
    ("tidy", tidy),
    ("answer-size", answer_size),
    ("hint-not-hidden", hint_not_hidden),
    ("blank-is-a-term", blank_is_a_term),
    ("front-names-something", front_names_something),
    ("polarity", polarity),
    ("stands-alone", stands_alone),
    ("says-what-it-is", says_what_it_is),
    ("formula-by-its-name", formula_by_its_name),
    ("one-predicate", one_predicate),
    ("trait-not-definition", trait_not_definition),
    ("names-one-thing", names_one_thing),
    ("not-a-reading", not_a_reading),
    ("purpose-says-something", purpose_says_something),
    ("capability-says-something", capability_says_something),
    ("not-a-reference", not_a_reference),
    ("into-its-list", into_its_list),
    ("closed", closed),
    ("no-restating", no_restating),
    ("name-not-restated", name_not_restated),
    ("gist-not-the-name", gist_not_the_name),
    ("head-not-the-name", head_not_the_name),
    ("leak", no_leak),
    ("spaced-leak", no_spaced_leak),
    ("number-not-said", number_not_said),
    ("says-enough", says_enough),
    ("says-something", says_something),
]


def gate(d: Draft, ctx) -> Draft | None:
    for _name, check in CHECKS:
        d = check(d, ctx)
        if d is None:
            return None
    return d
