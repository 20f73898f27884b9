"""A short list under the sentence that introduces it -> one card asking the whole set:

    When extends is used, these are inherited:
    - All non-private methods
    - All nested classes

-> 'When extends is used, these are inherited: which 2?' -> the items. Only small sets (CARDS.md: a
longer list is a card per item or overlapping clozes, which other rules make)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, ItemList, Paragraph
from ...notes.analyse import QUESTION, analyse
from ..card import CLOZE, QA, Blank, Draft, Rule
from ..text import (
    after_opener,
    cap,
    content_words,
    ends_open,
    heading_name,
    informative,
    is_label,
    is_term,
    line_name,
    plain,
    same_stem,
    strip_end,
    word_count,
)
from .ask import named

MIN_ITEMS, MAX_ITEMS = 2, 4
MAX_ITEM_WORDS = 10
MAX_CLAIM_WORDS, MAX_CLAIMS_WORDS = 16, 30
MIN_CLAIM_INFORMATIVE = 4
MAX_INTRO_WORDS = 25


def lists(block: Block, ctx) -> Iterator[Draft]:
    if "enumerate" not in words.lang(ctx.lang).templates:
        return
    if isinstance(block, Paragraph):
        yield from _inline_sets(block, ctx)
        return
    if not isinstance(block, ItemList):
        return
    # the list as a whole under the paragraph right before it (a numbered one too when the paragraph counts
    # its items: 'There are 2 types of cells:' over '1. Prokaryotic 2. Eukaryotic' is a set, not steps)
    items = list(block.lines or block.items)
    intro = _intro_before(block, ctx) if not any(block.parents) else ""
    if intro and (not block.ordered or counts_its_items(intro.rstrip().rstrip(":"), len(items), ctx)):
        yield from set_card(intro, items, block, ctx)
    # a line of the list that ends in ':' over its own short sub-list
    lines = block.lines or []
    for i, line in enumerate(lines):
        kids = [x for x, p in zip(lines, block.parents, strict=True) if p == line]
        if kids and not block.parents[i] and (line.rstrip().endswith(":") or counts_its_items(line, len(kids), ctx)):
            yield from set_card(line, kids, block, ctx)


def is_count(word: str, lg) -> bool:
    """'4', 'four', 'twofold', 'several': a count (a decimal digit: '¹' is a footnote mark, no count)."""
    return word.isdecimal() or word.lower() in lg.count_words


def counts_its_items(line: str, n: int, ctx) -> bool:
    """An outline's parent line without a colon that still announces its `n` children: it counts them
    ('The purposes of lexing are twofold', 'Involves several jobs', 'we do 2 steps'). A parent that only
    states something ('Slotted ALOHA is twice as efficient') has sub-points, not members, and a number
    that is not their count ('Reserved (1 & 3 years)') counts something else."""
    lg = words.lang(ctx.lang)
    text = re.sub(r"\([^)]*\)", " ", plain(line)).rstrip()
    if text.endswith((".", "!", "?")) or word_count(text) > MAX_INTRO_WORDS:
        return False
    measured = " ".join(analyse(text, ctx.lang).quantities)
    for t in words.tokens(text):
        if t.isdecimal() and re.search(rf"\b{t}\b", measured):
            continue  # ('Lasts 2 to 3 hours': a quantity, not a count of what follows)
        said = int(t) if t.isdecimal() else lg.count_words.get(t, -1)
        if said == n or said == 0:  # (0: 'several', 'multiple': any count)
            return True
    return False


MAX_THING_WORDS = 5


def _which(head: str, n: int, ctx) -> str:
    """'There are 2 types of cells' -> 'Which 2 types of cells are there?'; 'Amazon Bedrock offers two
    methods for customization' -> 'Which 2 methods for customization does Amazon Bedrock offer?': a lead-in
    that counts its set, asked as a question; '' when it is not of that shape."""
    lg = words.lang(ctx.lang)
    ws = plain(head).split()
    low = [w.lower() for w in ws]
    for ex in lg.existentials:
        k = len(ex)
        counted = len(ws) > k + 1 and (is_count(low[k], lg) or low[k] in lg.plural_quantifiers)
        if tuple(low[:k]) == ex and counted and "which_are_there" in lg.templates:
            # ('There are different estimates for X based on Y': the quantifier counts nothing, the participle
            # after the set's noun says what it hangs on, after the question's own words)
            thing, tail = _participle_tail(ws[k + 1 :], lg)
            if word_count(thing) <= MAX_THING_WORDS:
                front = lg.template("which_are_there", n=str(n), thing=thing)
                return f"{front[:-1]}, {tail}{front[-1]}" if tail and front.endswith("?") else front
    pointed = _pointed_clause(ws, n, lg)
    if pointed:
        return pointed
    a = analyse(plain(head), ctx.lang)
    base = (lg.base_verbs or {}).get(a.verb.lower()) if a.verb else None
    if a.verb and not base and a.plural and a.verb.lower() in lg.verbs:
        base = a.verb.lower()  # ('All cells share ...': a plural's verb is its base form already)
    said = a.predicate.split()
    pointer = _pointer_of(said, lg)
    if pointer and a.verb.lower() in low:
        # 'SageMaker Autopilot performs the following key tasks that you can use ...': the intro points at the
        # set instead of counting it; what the set is of ends where a clause about it begins. Read without the
        # pointer (which leans on the list by design) and that clause: does the rest lean on anything?
        v = low.index(a.verb.lower())
        said = ["n", *said[pointer:]]
        cut = next((k for k, w in enumerate(said) if w.lower().strip(",") in lg.relatives or w.endswith(",")), 0)
        said = said[:cut] if cut > 1 else said
        a = analyse(" ".join([*ws[: v + 1], *said[1:]]), ctx.lang)
    elif pointer:
        return ""
    # ('All cells share common features': a short plural object, uncounted, is the set's noun as well)
    bare = not pointer and _plural_object(said, lg)
    if bare:
        said = ["n", *said]
    if not base or not a.subject or a.dangling or len(said) < 2 or not (pointer or bare or is_count(said[0], lg)):
        return ""
    thing = strip_end(" ".join(said[1:]))
    v = low.index(a.verb.lower()) if a.verb.lower() in low else 0
    owner = ws[:v]  # (the subject as written, article and all: 'the stomach wall')
    if owner and (owner[0].lower() in lg.articles or owner[0].lower() in lg.plural_quantifiers):
        owner[0] = owner[0].lower()  # ('All cells' inside the question: 'do all cells share')
    if not owner or word_count(thing) > MAX_THING_WORDS or len(owner) > MAX_THING_WORDS:
        return ""
    template = "does_verb_which_plural" if a.plural and "does_verb_which_plural" in lg.templates else "does_verb_which"
    if template not in lg.templates or bare and template == "does_verb_which" and a.plural:
        return ""
    return lg.template(template, n=str(n), thing=thing, term=" ".join(owner), verb=base)


MAX_BARE_OBJECT_WORDS = 3


def _plural_object(said: list[str], lg) -> bool:
    """'common features', 'main parts': a short noun phrase ending in a plural, no function word in it (a
    clause or a pointer is no name of a set)."""
    ws = [w.lower().strip(",:") for w in said]
    return (
        0 < len(ws) <= MAX_BARE_OBJECT_WORDS
        and not any(w in lg.function_words or w in lg.articles or is_count(w, lg) for w in ws)
        and ws[-1].endswith(tuple(lg.plural_endings))
        and not any(ws[-1].endswith(x) for x in lg.plural_exceptions)
    )


def _participle_tail(ws: list[str], lg) -> tuple[str, str]:
    """'estimates for elasticity based on the information available' -> ('estimates for elasticity', 'based on
    the information available'): the noun phrase, and a participle clause after it ('' when there is none)."""
    for k, w in enumerate(ws[1:], 1):
        if (
            w.lower().endswith(tuple(lg.participle_endings))
            and k + 1 < len(ws)
            and ws[k + 1].lower() in lg.function_words
        ):
            return " ".join(ws[:k]), " ".join(ws[k:])
    return " ".join(ws), ""


def _pointed_clause(ws: list[str], n: int, lg) -> str:
    """'When extends is used, these are the things that are inherited' -> 'When extends is used, which 3
    things are inherited?': a pointer and a copula ('these are') before the set's noun and a relative clause
    say which set it is; asked so, not as the lead-in with 'which 3?' glued on (blind review)."""
    if "which_that" not in lg.templates:
        return ""
    low = [w.lower().strip(",") for w in ws]
    for i in range(len(low) - 3):
        if low[i] not in lg.demonstratives or low[i + 1] not in lg.copulas or i and not ws[i - 1].endswith(","):
            continue
        j = i + 2 + (low[i + 2] in lg.articles)
        rel = next((k for k in range(j + 1, len(low)) if low[k] in lg.relatives), 0)
        if not rel or rel - j > MAX_THING_WORDS or rel + 1 >= len(low):
            return ""
        front = lg.template("which_that", n=str(n), thing=" ".join(ws[j:rel]), clause=" ".join(ws[rel + 1 :]))
        return f"{' '.join(ws[:i])} {front[:1].lower()}{front[1:]}" if i else front
    return ""


def _pointer_of(said: list[str], lg) -> int:
    """How many words of a predicate point ahead at a list ('the following key tasks' -> 2), 0 for none."""
    low = [w.lower() for w in said]
    for p in lg.list_pointers:
        ws = p.split() if isinstance(p, str) else list(p)
        if len(ws) > 1 and low[: len(ws)] == ws and len(said) > len(ws):
            return len(ws)
    return 0


MAX_INLINE_ITEM_WORDS = 4


def _inline_sets(block: Paragraph, ctx) -> Iterator[Draft]:
    """'All cells share common features: plasma membrane, cytoplasm, DNA, ribosome' -> the set after the
    colon asked whole under what comes before it. Only short items, none a clause (a colon before a
    sentence is an explanation, not a set)."""
    for a in block.analysis:
        head, colon, rest = a.text.partition(": ")
        if not colon or ":" in rest or "(" in head:
            continue
        head = after_opener(head, ctx.lang) or head  # ('In particular, the layers ...': the opener goes)
        items = inline_items(a.text, ctx.lang)
        if items:
            yield from set_card(head, items, block, ctx)


def inline_items(text: str, lang: str = "en") -> list[str]:
    """The short names after a sentence's colon ('... two food groups: vegetables and grains'), [] when
    what follows the colon is no such list (a clause, a long phrase, one item)."""
    _head, colon, rest = text.partition(": ")
    if not colon or ":" in rest:
        return []
    items = [x.strip() for x in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", strip_end(rest)) if x.strip()]
    if len(items) < MIN_ITEMS or any(word_count(x) > MAX_INLINE_ITEM_WORDS for x in items):
        return []
    if any(re.search(r"\w", analyse(x, lang).verb) for x in items):  # ('chromosome - DNA' is a name)
        return []
    return items


def _intro_before(block: Block, ctx) -> str:
    blocks = ctx.section.blocks
    k = next((j for j, b in enumerate(blocks) if b is block), 0)
    prev = blocks[k - 1] if k > 0 else None
    if isinstance(prev, Paragraph) and prev.sentences and prev.sentences[-1].rstrip().endswith(":"):
        return prev.sentences[-1]
    if (
        isinstance(prev, Paragraph)
        and prev.sentences
        and _held_by_this(plain(prev.sentences[-1]), words.lang(ctx.lang), ctx)
    ):
        # 'However, this has some major downsides that should be considered.' over them: a lead-in with a full stop
        return plain(prev.sentences[-1]).rstrip().rstrip(".")
    return ""


def set_card(intro: str, items: list[str], block: Block, ctx, most: int = MAX_ITEMS) -> Iterator[Draft]:
    """The card asking a whole small set under the line that introduces it (`most` items at most)."""
    lg = words.lang(ctx.lang)
    items = _names([_before_relative(strip_end(_unpointed(x, lg)), lg) for x in items if plain(x)])
    first = items[0].split(" ", 1) if items else []
    if len(first) == 2 and first[0].lower() in lg.possessives:
        # 'their spatial extent $F$; the stride $S$' under 'Requires two hyperparameters': the first item's
        # possessive points at the lead-in's owner, whom the card names on its front
        items = [cap(first[1]), *items[1:]]
    told = _subjects(items, ctx)
    extra = items if told else []
    items = told or items
    head = strip_end(intro.rstrip().rstrip(":"))
    owner = heading_name(ctx.path[-1]) if ctx.path else ""
    if (
        MIN_ITEMS <= len(items) <= most
        and word_count(head) < 3
        and counts_its_items(head, len(items), ctx)
        and owner
        and is_term(owner, ctx.lang, ctx.facts.terms, strict=False)
        and not any(word_count(x) > MAX_ITEM_WORDS for x in items)
    ):
        # '- 3 generazioni' under '##### Cefalosporine': the heading's set -> 'Cefalosporine: 3 generazioni?'
        front = lg.template("attribute", term=named(owner, lg), label=head)
        yield ctx.draft(Rule.SET, QA, [front], block, f"{plain(owner)} {plain(head)}", "; ".join(items))
        return
    if not (MIN_ITEMS <= len(items) <= most) or word_count(head) > MAX_INTRO_WORDS or word_count(head) < 3:
        return
    # (the downsides or limits a name's section gives it, 'this has some major downsides', are claims, each a
    # short sentence: up to CARDS.md's longest answer in all, not names of a few words)
    held = _held_by_this(plain(head), lg, ctx)
    owned = bool(held)
    longest = MAX_CLAIM_WORDS if owned and sum(word_count(x) for x in items) <= MAX_CLAIMS_WORDS else MAX_ITEM_WORDS
    if is_label(head, ctx.lang) or any(
        word_count(x) > longest or x.endswith(":") or ends_open(x, ctx.lang) or is_label(x, ctx.lang) for x in items
    ):
        return
    toks = words.tokens(plain(head))
    conditional = {c[0] for c in lg.conditions if c}
    if toks[:1] and toks[0] in lg.question_words and toks[0] not in conditional:
        # 'What if we ...:': a question the text goes on to answer, not a set ('When X is used, ...' is none)
        return
    pointed = head
    for p in lg.list_pointers:  # ('consider the following factors': it points at the answer on the back)
        pointed = re.sub(rf"\b{re.escape(p)}\b", " ", pointed, flags=re.I)
    pointed = " ".join(pointed.split())
    if analyse(pointed, ctx.lang).dangling or pointed != head and len(informative(pointed, ctx.lang)) < 2:
        # 'These are not inherited:', 'They differ in:': the set's owner is not on the card, unless the heading
        # is the name the lead-in points at
        front = _heading_owned(head, pointed, held, len(items), block, ctx)
        if front:
            yield ctx.draft(Rule.SET, QA, [front], block, plain(front), "; ".join(items))
        return
    front = _which(head, len(items), ctx) or lg.template("enumerate", intro=head, n=str(len(items)))
    if toks[:1] and (toks[0] in lg.base_verbs or toks[0] in lg.verbs):
        # 'Requires four hyperparameters:' under 'Convolutional Layer': the heading is the subject
        base = lg.base_verbs.get(toks[0], toks[0])
        owner = heading_name(ctx.path[-1]) if ctx.path else ""
        if (
            base not in (lg.object_verbs or {})
            or toks[-1] in lg.function_words  # '... of size W x H where:': the items define the intro's symbols
            or not owner
            or not is_term(owner, ctx.lang, ctx.facts.terms, strict=False)
        ):
            return
        front = lg.template("does_verb", term=named(owner, lg), verb=base) + f" ({len(items)})"
        said = plain(head).split()[1:]
        if said and is_count(said[0], lg) and 1 <= len(said) - 1 <= 3 and "does_verb_which" in lg.templates:
            # 'Requires four hyperparameters:' -> 'Which 4 hyperparameters does X require?': what the set is
            # of stays on the front ('What does X require?' could be anything)
            thing = " ".join(said[1:])
            front = lg.template("does_verb_which", n=str(len(items)), thing=thing, term=named(owner, lg), verb=base)
    yield ctx.draft(Rule.SET, QA, [front], block, plain(head), "; ".join(items), extra=extra)


MAX_OVERLAP_ITEMS = 8


def overlapping_set(intro: str, items: list[str], block: Block, ctx) -> Iterator[Draft]:
    """A set too big for one card (more than MAX_ITEMS, CARDS.md's limit: blind reviews rejected 'Which 5 key
    tasks does X perform?') as one note of overlapping clozes: each item hidden in turn under its intro, the
    item before it the cue. Nothing when the set is small (set_card asks it) or its items are no short names."""
    items = [strip_end(plain(x)) for x in items if plain(x)]
    head = strip_end(plain(intro).strip().rstrip(":").strip())
    if not (MAX_ITEMS < len(items) <= MAX_OVERLAP_ITEMS) or not head or word_count(head) > MAX_INTRO_WORDS:
        return
    if any(word_count(x) > MAX_ITEM_WORDS or x.endswith(":") or is_label(x, ctx.lang) for x in items):
        return
    lg = words.lang(ctx.lang)
    toks = head.split()
    for k, w in enumerate(toks[3:], 3):
        if w.lower() in lg.relatives:
            # '... performs the following key tasks that you can use on autopilot or ...': the set's owner and
            # its kind say what the items are; the clause on the set is repeated on every card for nothing
            head = " ".join(toks[:k]).rstrip(",")
            break
    lines = [[Blank(x, n)] for n, x in enumerate(items, 1)]
    yield ctx.draft(Rule.STEPS, CLOZE, [head + ":"], block, head, steps=lines)


def _before_relative(item: str, lg) -> str:
    """'Convert the input from strings to an abstract syntax tree which is convenient for code generation' ->
    '... to an abstract syntax tree': an item too long for a set's answer, cut before the relative clause
    that comments on what comes before it (the language's `comment_relatives`: 'which', never the 'that' of a
    clause that says which rows are meant); the item whole when it is short."""
    if word_count(item) <= MAX_ITEM_WORDS:
        return item
    ws = item.split()
    for k in range(3, min(len(ws), MAX_ITEM_WORDS + 1)):
        if ws[k].lower() in lg.comment_relatives:
            return " ".join(ws[:k]).rstrip(",")
    # 'It requires maintaining more code- changing one overload won't change the others!': a dash after the
    # claim opens its explanation (the answer of three such claims ran to 35 words; blind review)
    m = _EXPLAINED.search(item)
    if m and word_count(item[: m.start()]) >= MIN_CLAIM_WORDS:
        return item[: m.start()]
    return item


MIN_CLAIM_WORDS = 3
_EXPLAINED = re.compile(r"(?<=\w)\s?[-–—]\s+(?=\S+\s+\S+)")


def _heading_owned(head: str, pointed: str, held: str, n: int, block: Block, ctx) -> str:
    """A lead-in that leans on its heading, asked of the heading's name (a term, not a label):
    'They are very similar to normal classes except for some differences:' under 'Interfaces' ->
    'Interfaces are very similar to normal classes except for some differences: which 3?' (the pronoun agrees
    with the name); 'These are not inherited:' -> 'Implementation inheritance: which 2 are not inherited?';
    'Here are some properties:' -> 'Abstract classes: which 4 properties?'. '' for any other lead-in ('However,
    this has some limitations:' points at the sentence before, not at the heading)."""
    lg = words.lang(ctx.lang)
    text = plain(head)
    if held and "which_of_owner" in lg.templates:  # (held: _held_by_this of the lead-in)
        return _owned_set(held, n, block, ctx)
    owner = heading_name(ctx.path[-1]) if ctx.path and ctx.section.level > 0 else ""
    if not owner or is_label(owner, ctx.lang) or not is_term(owner, ctx.lang, ctx.facts.terms, strict=False):
        return ""
    toks = words.tokens(text)
    if not toks:
        return ""
    if toks[0] in lg.subject_pronouns and (toks[0] in lg.plural_pronouns) == _plural_owner(owner, lg):
        before = _sentence_before(_index(block, ctx), ctx)
        if before is not None and before.subject and plain(before.subject).lower() != owner.lower():
            return ""  # 'Indexes speed up reads. They cost in two ways:' under 'Databases': 'they' are the indexes
        said = f"{owner} {text.split(' ', 1)[1]}" if " " in text else ""
        a = analyse(said, ctx.lang) if said else None
        if a is None or a.dangling or not a.verb or len(informative(said, ctx.lang)) < 3:
            return ""
        return lg.template("enumerate", intro=said, n=str(n))
    rest = words.tokens(plain(pointed))
    if pointed == head or not rest or len(rest) > MAX_THING_WORDS or "which_of_owner" not in lg.templates:
        return ""
    if not all(re.match(r"\w", t) for t in rest) or any(t in lg.dangling and t not in lg.negations for t in rest):
        return ""  # ('These are the ones it uses': still leaning)
    said = pointed.split()
    k = 0
    while k < len(said) - 1 and (said[k].lower() in lg.set_determiners or is_count(said[k].lower(), lg)):
        k += 1  # 'some major properties' -> 'properties'
    if k:
        thing = " ".join(said[k:])
        if not content_words(thing, ctx.lang) or lg.acts(words.tokens(thing)[0]):
            return ""
        return lg.template("which_of_owner", term=f"**{owner}**", n=str(n), thing=thing)
    if toks[:2] and toks[1] not in lg.copulas or lg.acts(rest[0]):
        return ""  # 'These include:' / 'These help with:': a verb of the items, asked by no one shape
    return lg.template("which_are_of_owner", term=f"**{owner}**", n=str(n), state=" ".join(said))


def _owned_set(held: str, n: int, block: Block, ctx) -> str:
    """The front of a set whose lead-in gives 'this' a set ('However, this has some major downsides'): asked of
    the heading's name when the section opens on it and the sentence before says what the name is, or names
    nothing that stands alone ('Java will allow us to make both of these methods ...!' under '## Method
    Overloading' -> 'Method Overloading: which 3 major downsides?'); else of that sentence, a claim shown whole
    ('When an object extends another object, its constructor will automatically call the parent's
    constructor: which 2 limitations?'); '' when neither stands alone."""
    lg = words.lang(ctx.lang)
    owner = heading_name(ctx.path[-1]) if ctx.path and ctx.section.level > 0 else ""
    if owner and (is_label(owner, ctx.lang) or not is_term(owner, ctx.lang, ctx.facts.terms, strict=False)):
        owner = ""
    k = _index(block, ctx)
    before = _sentence_before(k, ctx)
    claim = strip_end(plain(before.text)) if before is not None else ""
    if (
        not claim
        or len(informative(claim, ctx.lang)) < MIN_CLAIM_INFORMATIVE
        or before.dangling
        or before.negated
        or before.warning
        or before.kind == QUESTION
        or any(t in lg.demonstratives for t in words.tokens(claim))
        or word_count(claim) > MAX_CLAIM_WORDS
    ):
        claim = ""
    of_owner = (
        owner
        and claim
        and all(any(same_stem(w, c) for c in content_words(claim, ctx.lang)) for w in content_words(owner, ctx.lang))
    )
    if owner and before is not None and _opens_section(k, ctx) and (not claim or of_owner):
        # ('However, this has some costs:' alone under '## Locking': 'this' points at nothing the notes say)
        return lg.template("which_of_owner", term=f"**{owner}**", n=str(n), thing=held)
    return lg.template("which_of_owner", term=claim, n=str(n), thing=held) if claim else ""


def _held_by_this(text: str, lg, ctx) -> str:
    """'However, this has some major downsides that should be considered' -> 'major downsides': what a lead-in
    that opens with 'this' and a verb of having (the language's `owned_set_leads`) says the set is of, up to
    a clause on it; '' for any other lead-in."""
    toks = [t for t in words.tokens(text) if re.match(r"\w", t)]
    for o in lg.concessive_openers:
        if tuple(toks[: len(o)]) == o:
            toks = toks[len(o) :]
            break
    lead = next((p for p in lg.owned_set_leads if tuple(toks[: len(p)]) == p), None)
    if lead is None:
        return ""
    said = toks[len(lead) :]
    cut = next((k for k, w in enumerate(said) if w in lg.relatives), len(said))
    said = said[:cut]
    k = 0
    while k < len(said) - 1 and (said[k] in lg.set_determiners or is_count(said[k], lg)):
        k += 1  # 'some major downsides' -> 'major downsides'
    thing = said[k:]
    if not k or not thing or len(thing) > MAX_HELD_WORDS:
        return ""
    if any(t in lg.dangling or t in lg.function_words for t in thing) or not content_words(" ".join(thing), ctx.lang):
        return ""
    return " ".join(thing)


MAX_HELD_WORDS = 3


def _index(block: Block, ctx) -> int:
    """Where the block stands in its section (-1: not there)."""
    return next((j for j, b in enumerate(ctx.section.blocks) if b is block), -1)


def _opens_section(k: int, ctx) -> bool:
    """The list (block `k` of its section) stands under the lines its section opens with: nothing but
    paragraphs before it (what 'this' points at there is the heading's thing, not the item of a list or a
    table before)."""
    blocks = ctx.section.blocks
    return k >= 1 and all(isinstance(b, Paragraph) for b in blocks[:k])


def _sentence_before(k: int, ctx):
    """The analysis of the sentence before a list's lead-in (the last sentence of the paragraph before the
    list, block `k` of its section), or None when no sentence of text stands right before it."""
    blocks = ctx.section.blocks
    intro = blocks[k - 1] if k >= 1 else None
    if isinstance(intro, Paragraph) and len(intro.analysis) >= 2:
        return intro.analysis[-2]
    prev = blocks[k - 2] if k >= 2 else None
    return prev.analysis[-1] if isinstance(prev, Paragraph) and prev.analysis else None


def _plural_owner(owner: str, lg) -> bool:
    w = plain(owner).split()[-1].lower()
    return bool(lg.plural_endings) and w.endswith(tuple(lg.plural_endings)) and not w.endswith(lg.plural_exceptions)


MAX_NAME_WORDS = 4


def _subjects(items: list[str], ctx) -> list[str]:
    """'1-persistent (greedy) sends as soon as idle', 'Non-persistent waits a random time ...': a set whose
    every item is a sentence about a name of its own is the set of those names (the whole sentences, as one
    answer, are three facts at once: blind review); the sentences go on the back. [] for any other set."""
    said = [analyse(plain(x), ctx.lang) for x in items]
    names = [re.sub(r"\s*\([^()]*\)$", "", a.subject).strip() for a in said]
    if not all(
        a.kind == "statement"
        and n
        and word_count(n) <= MAX_NAME_WORDS
        and len(informative(a.predicate, ctx.lang)) >= 2
        and is_term(n, ctx.lang, ctx.facts.terms, strict=False)
        for a, n in zip(said, names, strict=True)
    ):
        return []
    return names if len({n.lower() for n in names}) == len(names) else []


def _names(items: list[str]) -> list[str]:
    """'**Bacteriostatic drugs**: slow the growth ...', '**Bactericidal drugs**: kill ...': a set of named items,
    each with what it does, is the set of their names (the descriptions are the terms' own cards)."""
    names = [line_name(x) for x in items]
    if all(names) and all(word_count(n) <= MAX_NAME_WORDS for n in names):
        return names
    return items


def _unpointed(item: str, lg) -> str:
    """'All non-private variables (see Access Control for more)' -> 'All non-private variables'."""
    text = plain(item)  # (the pointer's own link has parentheses of its own)
    m = re.search(r"\s*\(([^()]*)\)\s*\.?$", text)
    if m and words.tokens(m.group(1))[:1] and words.tokens(m.group(1))[0] in lg.pointer_words:
        return text[: m.start()]
    return item
