"""Word-level helpers every rule and check shares: plain text, stems, content words, leaks."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .. import markdown, words


@functools.lru_cache(maxsize=1 << 16)  # every rule and check reads a card's words as plain text, often the same
def plain(src: str) -> str:
    return markdown.to_plain(src).strip()


@functools.lru_cache(maxsize=1 << 16)
def word_list(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w'’+-]+", text))


def cap(text: str) -> str:
    """The first letter upper-cased, past any emphasis markers ('**virtual firewalls**' -> '**Virtual ...')."""
    if not text:
        return text
    m = re.match(r"^(\*\*|__)(\w)(?=\w)", text)  # (not '`r`' or '*r*': code and symbols keep their case)
    if m:
        return text[: m.start(2)] + m.group(2).upper() + text[m.end(2) :]
    return text[:1].upper() + text[1:]


def end(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ":", "。", "다")) else text + "."


def strip_end(text: str) -> str:
    return text.rstrip().rstrip(".;:,").rstrip()


_SUFFIXES = (
    "izations",
    "ization",
    "ational",
    "ations",
    "ation",
    "abilities",
    "ability",
    "ibility",
    "ities",
    "ity",
    "iveness",
    "ments",
    "ment",
    "ances",
    "ance",
    "ences",
    "ence",
    "ings",
    "ing",
    "ions",
    "ion",
    "ives",
    "ive",
    "ables",
    "able",
    "ible",
    "ers",
    "er",
    "ors",
    "or",
    "est",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "al",
    "s",
    "e",
    "i",
    "a",
    "o",
)


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem shared by a word's forms: 'integrates', 'integration' -> 'integrat'; 'farmaci',
    'farmaco' -> 'farmac'. Crude on purpose: it only has to say when two words are one."""
    w = word.lower().strip("'’-")
    for _ in range(2):
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                break
        else:
            break
    return w


@functools.lru_cache(maxsize=1 << 17)
def same_stem(a: str, b: str, opening: bool = True) -> bool:
    """One word in two forms: the same stem, or one stem the other's with an ending ('cluster', 'clustering');
    with `opening`, also two long words that open alike (their first six letters)."""
    sa, sb = stem(a), stem(b)
    if sa == sb:
        return True
    ra, rb = a.lower(), b.lower()
    if opening and len(ra) >= 6 and len(rb) >= 6 and ra[:6] == rb[:6]:
        return True
    short, long_ = sorted((sa, sb), key=len)
    return len(short) >= 5 and long_.startswith(short)


def _strip_particle(w: str, lg: words.Lang) -> str:
    for p in lg.suffix_particles:
        if w.endswith(p) and len(w) > len(p):
            return w[: -len(p)]
    return w


@functools.lru_cache(maxsize=1 << 16)
def content_words(text: str, lang: str = words.DEFAULT, camel: bool = False) -> tuple[str, ...]:
    """Lower-cased words worth comparing: no function words, no one-letter words, hyphenated and
    camel-cased words split ('UpdateFeatureGroup' names a feature group)."""
    lg = words.lang(lang)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    out = []
    for w in word_list(plain(text)):
        pieces = [w]
        if camel and re.search(r"[a-z][A-Z]", w):
            pieces += re.sub(r"(?<=[a-z])(?=[A-Z])", " ", w).split()
        for piece in pieces:
            for part in re.split(r"[-/]", piece.lower()):
                part = _strip_particle(part.strip("'’+"), lg)
                if (
                    len(part) >= 2
                    and not part.isdigit()
                    and part not in lg.function_words
                    and part not in lg.articles
                    and part not in lg.copulas
                ):
                    out.append(part)
    return tuple(dict.fromkeys(out))


def key_words(answer: str, lang: str = words.DEFAULT, hint: str = "", camel: bool = True) -> list[str]:
    """The words that make an answer this answer: no category words, none of its hint's."""
    lg = words.lang(lang)
    hinted = content_words(hint, lang)
    return [
        w
        for w in content_words(answer, lang, camel)
        if w not in lg.category_words and not any(same_stem(w, h) for h in hinted)
    ]


def leaked(answer: str, visible: str, lang: str = words.DEFAULT, hint: str = "", camel: bool = True) -> list[str]:
    """The answer's key words that the visible text repeats, or repeats with the same stem."""
    shown = content_words(visible, lang, True)
    return [w for w in key_words(answer, lang, hint, camel) if any(same_stem(w, v) for v in shown)]


def informative(text: str, lang: str = words.DEFAULT) -> list[str]:
    """Content words that say something: no category words."""
    lg = words.lang(lang)
    return [w for w in content_words(text, lang) if w not in lg.category_words]


def names_something(text: str, lang: str) -> bool:
    """'the structure' names nothing; 'a vertex', 'the protein factories', '0.12 s' do: two content
    words, or one the language seldom uses, or a number; or one and what it holds nothing of ('a language
    without anything in it': the empty one)."""
    info = informative(text, lang)
    if len(info) >= 2 or any(words.zipf(w, lang) < 4.0 for w in info) or bool(re.search(r"\d", text)):
        return True
    toks = words.tokens(plain(text))
    lg = words.lang(lang)
    if info and any(
        toks[k] in lg.category_words and toks[k + 1] in lg.genus_links and toks[k + 2] in info
        for k in range(len(toks) - 2)
    ):
        return True  # 'any set of characters': a kind and what it is of, a genus with its difference
    empty = lg.empty_phrases
    return bool(info) and any(tuple(toks[i : i + len(p)]) == p for p in empty for i in range(len(toks)))


def everyday(word: str, lang: str, floor: float = 5.2) -> bool:
    """A common word of the language ('data', 'time', 'farmaco' is not): no blank on its own."""
    return words.zipf(word, lang) >= floor


def is_label(text: str, lang: str) -> bool:
    """A heading or list label that names no term ('Overview', 'Examples', 'Rule of thumb', 'Cause')."""
    p = re.sub(r"^[\d.\s)(\[\]]+", "", plain(text)).strip(" :.-–—*_").lower()
    lg = words.lang(lang)
    if not p or p in lg.labels or p in words.lang(words.DEFAULT).labels:
        return True
    numbered = re.sub(r"\s*\d+$", "", p)  # 'Step 3', 'Lecture 17', '규칙1': a label with its number
    last = numbered.split()[-1:] if numbered != p else []
    if last and (last[0] in lg.labels or last[0] in words.lang(words.DEFAULT).labels):
        return True
    return positional(p, lang)


def positional(label: str, lang: str) -> bool:
    """'Right', 'Second term', 'Top view': a panel of a figure or a part of a passage ('Right atrium' names
    a thing: its second word is no everyday one)."""
    ws = plain(label).strip(" :.-–—*_").lower().split()
    lg = words.lang(lang)
    return bool(ws) and ws[0] in lg.positional and (len(ws) == 1 or len(ws) == 2 and everyday(ws[1], lang, 4.5))


@functools.lru_cache(maxsize=1 << 16)  # a pure function the rules ask of the same few names over and over
def is_term(text: str, lang: str, known: frozenset[str] = frozenset(), strict: bool = True) -> bool:
    """A name worth recalling: at most six words, no label, no clause ('Calling the constructor', 'Cell
    that', 'Everything inside the cell'), no verb or modal, not one everyday word alone ('Cost') unless
    the notes name it as a term; `strict` False for a list's own labels, which the author chose."""
    p = plain(text).strip()
    ws = p.split()
    if not ws or len(ws) > 6 or is_label(p, lang) or p.endswith((":", ",", ";")) or "?" in p:
        return False
    if ", " in re.sub(r"\([^)]*\)|\$[^$]*\$|\\\(.*?\\\)", "", p):
        return False  # 'First, Locally weighted regression': a clause's opener glued to the name
    if p.count("(") != p.count(")") or p.count("$") % 2:
        return False
    if not re.search(r"[^\W\d_]", p):
        return False  # '>', '1.2': no word, no name
    if len(p.strip("$")) <= 2 and p.strip("$").isalpha() and (strict or not p.isupper() or len(p) < 2):
        # 'N', 'G', 'x': a variable of one passage, no name a card can stand on ('AI: A general term ...',
        # 'ML: A subset of AI ...': an acronym the author set apart as a label is one)
        return False
    lg = words.lang(lang)
    low = [w.lower().strip("()") for w in ws]
    if len(ws) == 1 and (
        low[0].endswith(("ly", *lg.adjective_endings)) or low[0] in lg.imperatives or low[0] in lg.object_verbs
    ):
        return False  # 'Natively handles ...', 'Assign ...': an adverb or a verb opens the line, no name
    if low[0] in lg.function_words or low[0] in lg.dangling or low[0] in lg.modals or low[0] in lg.negations:
        return False  # ('Neither', 'Not ...': no name)
    if len(ws) == 1 and low[0] in lg.verbs and low[0].endswith("s") and ws[0].islower():
        return False  # 'supports: semantic search': a verb left of the colon, no name
    glue = lg.function_words - {
        "of",
        "for",
        "and",
        "in",
        "on",
        "with",
        "di",
        "de",
        "del",
        "della",
        "per",
        "e",
        "et",
        "und",
    }
    # ('Resistenza (a farmaci)': an aside after the name qualifies it, its words are no clause of the name)
    core = [w.lower() for w in re.sub(r"(?<=\S)\s*\([^()]*\)$", "", p).split()]
    if any(w in glue or w in lg.modals for w in core[1:]) or any(w in lg.articles for w in core[1:]):
        return False
    if len(ws) > 1 and (low[-1] in lg.function_words or low[-1] in lg.conjunctions):
        return False  # 'Integrate with S3 and': a clause cut before its end
    if "with" in low[1:] and (not ws[0][:1].isupper() or low[0] in lg.imperatives or low[0].endswith("ed")):
        return (
            False  # 'combined with AWS Lambda', 'Integrate with S3': a verb's phrase, not 'SageMaker with TensorBoard'
        )
    if len(ws) > 1 and any(w.islower() and w.endswith("s") and (w in lg.verbs or w in lg.object_verbs) for w in ws):
        return False  # 'Involves several relate jobs', 'Helps against'
    if (
        len(ws) > 1
        and ws[-1].islower()
        and low[-1] in lg.object_verbs
        and low[-2].endswith("s")
        and not low[-2].endswith("ss")
    ):
        return False  # 'Key features include': a plural subject and its verb, the lead-in of a list
    if len(ws) > 1 and re.fullmatch(r"\d+[.:]?", ws[1]) and is_label(ws[0], lang):
        return False  # 'Lecture 3 theory', 'Chapter 2': a place in a course, not a name
    if re.match(r"^\d+\s", p):
        return False  # '2 categorie': a count, not a name
    if p.lower() in known:
        return not (len(ws) == 1 and words.zipf(low[0], lang) >= 5.0 and strict)
    if any(any(c.isdigit() for c in w) or sum(ch.isupper() for ch in w) > 1 for w in ws):
        return True  # 'DNA', 'LWR', 'ml.m5', 'P2P'
    if len(ws) == 1:
        return words.zipf(low[0], lang) < (4.2 if strict else 5.0)
    return not all(everyday(w, lang) for w in low)


def ends_open(text: str, lang: str) -> bool:
    """Text that stops mid-clause ('... of event A, and'): a fragment."""
    t = plain(text).rstrip(" .")
    last = words.tokens(t)[-1:] if t else []
    lg = words.lang(lang)
    closed = {
        "it",
        "them",
        "this",
        "that",
        "these",
        "those",
        "etc",
        "used",
        "use",
        "uses",
        "using",
        "be",
        "been",
        "being",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "well",
        "also",
        "too",
        "only",
        "now",
        "always",
        "often",
        "usually",
        "typically",
        "commonly",
        "generally",
        "more",
        "most",
        "all",
        "both",
        "each",
        "one",
        "two",
        "here",
        "there",
        "down",
        "up",
        "over",
        "under",
        "through",
        "once",
    }
    if last and " " in t and re.search(r"(?<![\w'’])[A-Z]+$", t):
        # '... ad opera del SI', '... of event A': an acronym or a capital symbol is a name ('SI', the immune
        # system), no word left open
        return False
    return bool(last) and (last[0] in lg.function_words - closed or t.endswith((",", ":", ";", "-")))


def in_example(path: tuple[str, ...], lang: str) -> bool:
    """The card's section is a worked example or an exercise ('Example: Medical Diagnosis')."""
    lg = words.lang(lang)
    for level in path[1:]:
        toks = words.tokens(plain(level))
        if any(tuple(toks[: len(e)]) == e for e in lg.example_headings):
            return True
    return False


def after_opener(text: str, lang: str) -> str:
    """'Additionally, multi-model endpoints provide ...' -> 'Multi-model endpoints provide ...': the clause
    after a leading additive opener (the language's `additive_openers`), which stands alone; '' when the
    text opens with none."""
    m = re.match(r"^([^\W\d]+(?: [^\W\d]+)?),\s+(\S.*)$", text)
    if not m or tuple(words.tokens(m.group(1))) not in words.lang(lang).additive_openers:
        return ""
    return m.group(2)[:1].upper() + m.group(2)[1:]


def word_count(text: str) -> int:
    return len(word_list(plain(text)))


_INLINE_FORMULA = re.compile(r"\$[^$]+\$|\\\(.+?\\\)")


def reading_length(text: str) -> int:
    """Words to read, each inline formula one ('$a_n \\leq b_n \\leq c_n$' is one thing, not five words)."""
    return word_count(_INLINE_FORMULA.sub(" X ", text))


def heading_name(title: str) -> str:
    """A heading as the name of what it is about: 'Gradient ascent (the optimizer)' -> 'Gradient ascent'
    (an aside in parentheses at its end is no part of the name)."""
    p = plain(title).strip()
    p = re.sub(r"^[^\W\d]*\s*\d+(?:\.\d+)*\s*[-–—:.]\s+", "", p) or p  # 'Arc 2 - Probabilistic ...', '3. Ribosomes'
    return re.sub(r"\s*\([^()]*\)$", "", p).strip() or p


_NAMED_LINE = re.compile(r"^(?:\*\*|__)([^*_]+?)(?:\*\*|__)\s*:\s+\S")


def line_name(line: str) -> str:
    """'**Bacteriostatic drugs**: slow the growth ...' -> 'Bacteriostatic drugs': the emphasised name a list
    line opens with before its description; '' for a line that names nothing so."""
    m = _NAMED_LINE.match(line.strip())
    return m.group(1).strip() if m else ""


def standalone(answer: str, lang: str) -> str:
    """'Another unsupervised technique for ...' -> 'An unsupervised technique for ...': an answer leans on
    no card beside it."""
    lg = words.lang(lang)
    first, _, rest = answer.partition(" ")
    if not rest or first.lower() not in lg.repeat_determiners or not lg.indefinite:
        return answer
    article = lg.indefinite[-1] if len(lg.indefinite) > 1 and rest[:1].lower() in "aeiou" else lg.indefinite[0]
    return (article.capitalize() if first[:1].isupper() else article) + " " + rest


def first_clause(text: str, lang: str) -> str:
    """'the raw pixels and the last volume stores the scores' -> 'the raw pixels': a clause with a subject
    of its own joined on by 'and' / 'or' is another fact. 'adds X and removes Y' (one subject) stays."""
    lg = words.lang(lang)
    parts = text.split(" ")
    if len(parts) > 2 and parts[-1].strip(".").lower() in lg.conjunctions and parts[-2].endswith((",", ";")):
        # '$P(A)$ is the probability of event A, and': the list's joining word before its last item
        return " ".join(parts[:-1]).rstrip(",;")
    for k, w in enumerate(parts):
        if k < 2 or w.strip(",").lower() not in lg.conjunctions or k + 1 >= len(parts):
            continue
        opener = parts[k + 1].strip(",.;:()").lower()
        # a subject of its own opens the clause: 'and the last volume ...', 'and taking turns ...', 'and it ...'
        if not (
            opener in lg.articles
            or opener in lg.demonstratives
            or opener in lg.subject_pronouns
            or opener.endswith(lg.gerund_endings or ("\0",))
        ):
            continue
        after = [x.strip(",.;:()").lower() for x in parts[k + 2 : k + 6]]
        if any(x in lg.copulas or lg.acts(x) for x in after):
            return " ".join(parts[:k]).rstrip(",;")
    return text


_WRITTEN_AFTER = re.compile(r"(?<![\w/])(?P<abbr>[A-Z]{2,7})(?P<s>s?)\s+\((?P<words>[^()]{4,80})\)")
_WRITTEN_BEFORE = re.compile(r"(?P<before>[^()]{4,120}?)\s+\((?P<abbr>[A-Z]{2,7})(?P<s>s?)\)")
_ABBR_IN_PARENS = re.compile(r"\s\([A-Z]{2,7}s?\)")
"""What _WRITTEN_BEFORE needs somewhere in a text: its lazy run of words is tried from every position of a
text (most hold no acronym at all), which made the acronym rule a third of a big deck's card time."""
MAX_EXTRA_WORDS = 2  # function words an expansion may hold beyond its initials ('of', 'with')


def expansions(text: str, lang: str) -> Iterator[tuple[str, str]]:
    """'BSE (Bovine Spongiform Encephalopathy)', 'Carrier Sensing Multiple Access (CSMA)': each acronym of a
    plain text written out beside it in parentheses, with its words, (acronym, words): the words' initials
    spell it (the language's function words left out); a plural acronym ('GANs') is asked in the singular,
    its words' last one too."""
    lg = words.lang(lang)
    for m in _WRITTEN_AFTER.finditer(text):
        said = m.group("words").strip()
        if _spells(m.group("abbr"), said.split(), lg):
            yield m.group("abbr"), _singular(cap(said), m.group("s"))
    for m in _WRITTEN_BEFORE.finditer(text) if _ABBR_IN_PARENS.search(text) else ():
        ws = re.split(r"\s+", m.group("before").strip())
        abbr = m.group("abbr")
        # the fewest words before the parenthesis whose initials spell it
        for n in range(len(abbr), min(len(ws), len(abbr) + MAX_EXTRA_WORDS) + 1):
            said = ws[-n:]
            if said[0].lower() in lg.function_words:
                continue
            if _spells(abbr, said, lg):
                yield abbr, _singular(cap(" ".join(said)), m.group("s"))
                break


def _spells(abbr: str, said: list[str], lg) -> bool:
    """The words' initials, function words left out, are the acronym's letters (a hyphenated word's parts
    count one each: 'Penicillin-Binding Protein')."""
    parts = [p for w in said for p in re.split(r"[-‐]", w) if p]
    if not parts or any(not re.match(r"[^\W\d_]", p) for p in parts):
        return False
    if parts[0].lower() in lg.function_words or parts[-1].lower() in lg.function_words:
        return False
    initials = "".join(p[0] for p in parts if p.lower() not in lg.function_words)
    extra = sum(1 for p in parts if p.lower() in lg.function_words)
    return initials.upper() == abbr and extra <= MAX_EXTRA_WORDS and len(initials) == len(abbr)


def _singular(said: str, plural: str) -> str:
    """'Generative adversarial networks' for 'GANs', asked as 'GAN': its last word in the singular."""
    if plural and said.endswith("s") and not said.endswith("ss"):
        return said[:-1]
    return said
