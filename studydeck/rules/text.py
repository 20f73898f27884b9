"""Sentence helpers the rules share: rendering for Anki, subjects, hints and the filters a card must pass."""
from __future__ import annotations

import functools
import html
import re

from .. import markdown

# -- rendering ---------------------------------------------------------------------------------

_MATH_HTML = re.compile(r'<(span|div|eq|eqn) class="math ?(inline|block|display)?[^"]*">(.*?)</\1>', re.S)
_CODE_SPAN = re.compile(r"`[^`]*`")


def to_html(src: str) -> str:
    """Inline Markdown to card HTML: math as Anki's MathJax \\( \\) / \\[ \\]."""
    out = markdown.to_html(src)

    def math(m: re.Match) -> str:
        display = m.group(2) in ("block", "display")
        return (r"\[" + m.group(3) + r"\]") if display else (r"\(" + m.group(3) + r"\)")

    return _MATH_HTML.sub(math, out)


def render(*parts: str | tuple[str]) -> str:
    """Card HTML from Markdown pieces and ready HTML pieces (1-tuples), rendered as one text so the
    spaces between them survive: render("You can use ", (cloze_html,), " to Y.")."""
    md: list[str] = []
    ready: list[str] = []
    for p in parts:
        if isinstance(p, tuple):
            md.append(f"QZXPH{len(ready)}XZQ")
            ready.append(p[0])
        else:
            md.append(p)
    out = to_html("".join(md))
    # stray braces in the text can never open a deletion: only the ready pieces carry cloze markers
    out = out.replace("{{", "{&#123;").replace("}}", "&#125;}")
    for i, h in enumerate(ready):
        out = out.replace(f"QZXPH{i}XZQ", h)
    return out


def plain(src: str) -> str:
    return markdown.to_plain(src)


def strip_html(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@markdown.remembered
def words(text: str) -> list[str]:
    return re.findall(r"[\w'’+-]+", text)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lower_first(text: str) -> str:
    """Lowercase the first letter unless the first word is a name or acronym (SageMaker, PCA, Amazon)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (any(c.isupper() for c in first[1:]) or first.isupper()):
        return text
    if first in PROPER:
        return text
    return text[:1].lower() + text[1:]


def end(text: str) -> str:
    """Ensure a sentence ends with a full stop."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


PROPER = {"Amazon", "AWS", "SageMaker", "Anki", "Python", "Apache", "Docker", "NVIDIA", "CloudWatch", "EventBridge", "IAM"}

# -- sentence cleaning and filters -------------------------------------------------------------

_LEAD = re.compile(
    r"^(?:Additionally|Also|In addition|For example|For instance|Furthermore|Moreover|Therefore|Essentially|Basically|In short|In other words|Side note"
    r"|For (?:each|every) [\w-]+(?: [\w-]+)?),\s+",  # 'For each feature, the Robust Scaler subtracts ...'
    re.I,
)


def clean(sentence: str) -> str:
    """A sentence with connective openers dropped ('Additionally, X' -> 'X')."""
    s = sentence.strip()
    if s.startswith("(") and s.rstrip(".").endswith(")") or s.startswith("(") and ")" not in s:
        s = s.strip("()").strip()
    m = _LEAD.match(s)
    if m:
        s = cap(s[m.end():])
    # 'When the data scientist opens the notebook, SageMaker Studio assumes ...': the scenario clause goes,
    # the general fact after it stays.
    m = _SCENARIO_CLAUSE.match(s)
    if m and SCENARIO.search(m.group(0)):
        s = s[m.end():]
    return s


_SCENARIO_CLAUSE = re.compile(r"^(?:When|If|After|Once|Before|While|Because|As) [^,]{3,100}, (?=[A-Z])")


# Words that only make sense inside the exam scenario the sentence came from.
SCENARIO = re.compile(
    r"\b(?:this|the|that|these) (?:solution|scenario|use case|answer|option|combination|requirements?|events?|"
    r"chatbot|products?|inventory|company|notebook|client account|ML startup)\b"
    r"|\bcompany(?:'s)?\b|\bin this\b|\bstartup\b|\bdata scientist|\bProperty_Price\b|\bmobile phone\b|\bpromotional\b"
    r"|\bexpected surge\b|\blikely\b|\bprevious step\b|\bevery week\b|\bevery 24 hours\b|\brequirements? fit\b"
    r"|\bmeets? the requirements?\b|\bwould be\b|\bwould not\b|\b(?:most|least) cost[- ]effective\b"
    r"|\bleast (?:operational|amount|effort|development)|\boperational(?:ly)? (?:overhead|effort|efficient)"
    r"|\bmost operationally\b|\b(?:most|least) \w+(?: \w+)? (?:solution|option|choice|answer)\b"
    r"|\bbest (?:option|solution|choice)\b|\bleast effort\b|\bmost suitable for (?:this|the|your)\b"
    r"|\bthe (?:following|above|latter|former)\b|\bsuch as the following\b|\bminimal (?:effort|overhead)\b"
    r"|\bthe project\b",
    re.I,
)
# A sentence that leans on the one before it.
DANGLING = re.compile(
    r"^(?:It|Its|This|That|These|Those|They|Their|Them|There|Then|Therefore|Thus|Hence|However|Instead|Because|So|"
    r"Such|Here|Lastly|Finally|Next|Both|Each|Otherwise|Still|Yet|Rather|Other|Another|The latter|The former)\b"
)
REFERENCE = re.compile(
    r"\b(?:this|these|that|those|the same) (?:model|data|dataset|role|bucket|endpoint|notebook|instance|pipeline|feature|"
    r"job|step|policy|permissions?|function|container|image|problem|issue|task|class|method|metric|approach|strategy|"
    r"action|service|option|group|API|account|library|framework|combination|setting|parameter|program|factors?)\b",
    re.I,
)
NEGATION = re.compile(r"\b(?:not|n't|cannot|never|no longer|neither|nor)\b|\bno (?:\w+ )?(?:need|longer)\b", re.I)


@functools.lru_cache(maxsize=1 << 15)
def self_contained(sentence: str) -> bool:
    """The sentence can stand alone on a card: no scenario words, no dangling references."""
    s = plain(sentence)
    return not (SCENARIO.search(s) or DANGLING.match(s) or REFERENCE.search(s))


@functools.lru_cache(maxsize=1 << 15)
def negative(sentence: str) -> bool:
    """True when the main clause denies something: not inside a trailing ', but ...' contrast or a
    'that'/'so that' clause ('ensures that rows do not occur twice' is a positive statement)."""
    s = plain(sentence)
    head = re.split(r",? but\b|\b(?:so that|such that|that|which|who)\b", s, maxsplit=1)[0]
    return bool(NEGATION.search(head))


_NOT_FOR = re.compile(
    r"\b(?:would|should|do|does|can|could|is|are)(?: not|n't)(?: \w+)? (?:use|used|select|suitable|support|supported|"
    r"recommended|designed|appropriate|work|help|meet)\b|\bcannot (?:use|be used|select)\b|\bnot suitable\b|\bnot (?:used|supported) (?:to|for)\b",
    re.I,
)


def not_line(sentence: str) -> bool:
    """A denial of use or fitness ('X is not suitable for Y', 'You would not use X for Y'): shown as a
    'Not:' line. Other negative sentences ('X does not assume a linear relationship') state a property
    and are shown as they stand."""
    return negative(sentence) and bool(_NOT_FOR.search(plain(sentence)))


# -- subjects ----------------------------------------------------------------------------------

VERBS = set(
    """adds add removes remove is are was were can could will may might must should does do has have provides provide supports support offers
    offer uses use helps help enables enable allows allow gives give lets includes include requires require performs
    perform runs run creates create stores store tracks track monitors monitor detects detect finds find learns learn
    implements implement determines determine searches search splits split ensures ensure maintains maintain streams
    stream downloads download assigns assign penalizes penalize reduces reduce occurs occur assesses assess scales
    scale subtracts subtract identifies identify generates generate automates automate integrates integrate records
    record encodes encode converts convert distributes distribute measures measure handles handle captures capture
    processes process manages manage delivers deliver applies apply computes compute estimates estimate predicts
    predict classifies classify groups transforms transform loads load exposes expose defines define focus focuses
    illustrate illustrates contains contain combines combine extends extend returns return sends send receives
    receive retrieves retrieve builds build deploys deploy hosts host serves serve trains train tunes tune optimizes
    optimize reads read writes write shows show evaluates evaluate compares compare calculates calculate quantifies
    quantify rescales rescale divides divide replaces replace drops drop keeps keep shuffles shuffle scores score
    answers answer updates update installs install means mean refers refer describes describe represents represent
    consists consist depends depend takes take makes make accepts accept works work lowers lower raises raise
    increases increase decreases decrease protects protect stabilizes stabilize eliminates eliminate assumes assume
    explores explore ranks rank accomplishes accomplish""".split()
)
FUNCTION_WORDS = set(
    """a an the to in on at for with by of and or as from that which who when where while if than then so but into
    onto via per about after before during without within between across through over under up down this these
    those it its their your our my his her we you they he she i also only still now always often typically usually
    commonly generally first then""".split()
)
IMPERATIVES = set(
    """Configure Use Set Create Add Specify Extend Define Activate Assign Enable Deploy Run Store Wrap Schedule Increase
    Re-train Retrain Attach Register Apply Choose Select Implement Build Install Launch Train Monitor Ingest Prepare
    Evaluate Consider Ensure Strike Analyze Analyse Identify Load Keep Avoid Turn Give Grant Put Send Call Check Make
    Split Deploy Tag Write Read Move Replace Update Upload Download Encode Scale Start Stop Test Try""".split()
)
DETERMINERS = {"The", "A", "An"}
PLATFORMS = {"sagemaker", "amazon sagemaker", "aws", "amazon", "you", "we", "users", "it"}


@functools.lru_cache(maxsize=1 << 15)
def split_subject(sentence: str, max_words: int = 7) -> tuple[str, str] | None:
    """('Fast file mode', 'provides the benefits ...') when the sentence opens with a noun phrase and a verb."""
    toks = sentence.split(" ")
    if not toks or toks[0].strip("*_") in IMPERATIVES or toks[0].lower() in FUNCTION_WORDS - {"a", "an", "the"}:
        return None
    subj: list[str] = []
    for i, tok in enumerate(toks[: max_words + 1]):
        bare = tok.strip("*_,;:()")
        low = bare.lower()
        if i > 0 and subj and low in _FREQUENCY and i + 1 < len(toks) and toks[i + 1].lower() in VERBS:
            return " ".join(subj), " ".join(toks[i:])  # 'Relational databases | typically use ...'

        if i > 0 and low in VERBS and bare.islower():
            nxt = toks[i + 1].strip("*_,;:()") if i + 1 < len(toks) else ""
            if not low.endswith("s") and nxt.lower() in VERBS and nxt.endswith("s") and nxt.islower():
                subj.append(tok)  # 'batch transform supports', 'Stratified split splits': a noun before the verb
                continue
            if not subj:
                return None
            return " ".join(subj), " ".join(toks[i:])
        if i > 0 and low in FUNCTION_WORDS and bare.islower():
            # 'Knowledge bases for Amazon Bedrock': a preposition joining two parts of a name.
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if low in ("for", "of", "with") and nxt[:1].isupper() and nxt not in DETERMINERS:
                subj.append(tok)
                continue
            return None
        if tok.endswith((",", ";", ":", ".")):
            return None
        subj.append(tok)
    return None


_FREQUENCY = {"typically", "usually", "often", "generally", "commonly"}
_NOT_SUBJECT = {
    "You", "We", "When", "If", "In", "To", "After", "Before", "Why", "What", "How", "Where", "Which", "Who", "Every",
    "Below", "Above", "Here", "As", "All", "Some", "Many", "Most", "Any", "Each", "One", "No", "Our", "My", "Your",
}


def term_subject(subject: str, allow_platform: bool = False) -> str | None:
    """The subject as a term worth hiding: no pronoun, no bare platform name; leading article dropped."""
    s = subject.strip()
    first = s.split(" ", 1)[0]
    if first in ("A", "An"):
        s = s.split(" ", 1)[1] if " " in s else ""
    elif first == "The":
        rest = s.split(" ", 1)[1] if " " in s else ""
        nxt = rest.split(" ", 1)[0]
        if not (nxt[:1].isupper() or "-" in nxt or any(c.isdigit() for c in nxt)):
            return None
        s = rest
    if not s or DANGLING.match(s) or s.split(" ", 1)[0] in _NOT_SUBJECT:
        return None
    if re.search(r"[*?!]|n't\b|(?:^|\s)_|_(?:\s|$)", s):
        return None  # emphasis or a question mark inside: a fragment, not a name
    if not allow_platform and plain(s).lower() in PLATFORMS:
        return None
    if len(words(plain(s))) > 6:
        return None
    return s


# -- hints -------------------------------------------------------------------------------------

HEAD_HINTS = {
    "endpoint": "endpoint", "endpoints": "endpoints", "service": "service", "class": "class", "job": "job",
    "jobs": "jobs", "mode": "mode", "feature": "feature", "algorithm": "algorithm", "database": "database",
    "databases": "databases", "decorator": "decorator", "values": "method", "operation": "operation",
    "policy": "policy", "split": "split", "encoding": "encoding", "drift": "drift", "regularization": "regularization",
    "coefficient": "coefficient", "container": "container", "bases": "feature", "role": "role", "roles": "roles",
    "group": "resource", "scaler": "scaler", "gateway": "network resource", "metric": "metric",
}


def hint_for(term: str, services: set[str] | frozenset[str] = frozenset()) -> str:
    """A category that narrows the blank: 'endpoint', 'SageMaker feature', 'AWS service' (also for a
    name the notes write elsewhere as 'Amazon X' / 'AWS X': `services`)."""
    p = plain(term)
    ws = p.split()
    if not ws:
        return ""
    head = ws[-1].lower().strip("().,")
    if len(ws) > 1 and head in HEAD_HINTS:
        return HEAD_HINTS[head]
    if ws[0] == "SageMaker" or p.startswith("Amazon SageMaker"):
        return "SageMaker feature"
    if ws[0] in ("Amazon", "AWS") or p.lower() in services:
        return "AWS service"
    return ""


def cloze(text_html: str, n: int = 1, hint: str = "") -> str:
    body = text_html.replace("}}", "} }").replace("::", ": :")
    return f"{{{{c{n}::{body}::{hint}}}}}" if hint else f"{{{{c{n}::{body}}}}}"


@markdown.remembered
def variants(term: str) -> list[str]:
    p = plain(term)
    vs = {p}
    base = re.sub(r"\s+(?:Algorithm|algorithm)$", "", p).strip()
    vs.add(base)
    m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*(.*)$", base)
    if m:
        vs.add(m.group(1).strip())
        vs.add(m.group(2).strip())
        vs.add((m.group(1) + " " + m.group(3)).strip())
    return sorted((v for v in vs if len(v) >= 2), key=len, reverse=True)


# -- leaks: the answer's words (or words of the same stem) on the front ------------------------------

_SUFFIXES = (
    "izations", "ization", "ational", "ations", "ation", "abilities", "ability", "ibility", "ities", "ity",
    "iveness", "ments", "ment", "ances", "ance", "ences", "ence", "ings", "ing", "ions", "ion", "ives", "ive",
    "ables", "able", "ible", "ers", "er", "ors", "or", "est", "ies", "ied", "ed", "es", "ly", "al", "s", "e",
)
STOP = FUNCTION_WORDS | {
    "is", "are", "be", "been", "being", "was", "were", "can", "could", "may", "might", "will", "would", "should",
    "must", "do", "does", "not", "no", "how", "what", "why", "which", "who", "each", "any", "all", "some", "more",
    "most", "such", "other", "same", "one", "two", "both", "like", "well", "very", "has", "have", "had",
}
# Words that name the platform or a category, not the thing itself: sharing them gives nothing away.
PLATFORM_WORDS = {"amazon", "aws", "sagemaker", "ml", "s3", "ec2"}
CATEGORY_WORDS = {
    "algorithm", "algorithms", "model", "models", "service", "services", "feature", "features", "data", "type",
    "types", "instance", "instances", "method", "methods", "technique", "techniques", "mode", "modes",
    "option", "options", "job", "jobs", "approach", "tool", "tools", "operation", "operations",
}


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked for the same few thousand words again and again
def stem(word: str) -> str:
    """A crude stem: 'integrates', 'integration' -> 'integrat'; 'scales', 'scalability' -> 'scal'."""
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
def same_stem(a: str, b: str) -> bool:
    sa, sb = stem(a), stem(b)
    if sa == sb:
        return True
    ra, rb = a.lower(), b.lower()
    if len(ra) >= 6 and len(rb) >= 6 and ra[:6] == rb[:6]:
        return True  # 'tensors' / 'TensorBoard': the stripper cut one of them too short
    short, long_ = sorted((sa, sb), key=len)
    return len(short) >= 5 and long_.startswith(short)


@markdown.remembered
def content_words(text: str, drop: set[str] | None = None, camel: bool = False) -> list[str]:
    """Lower-cased words worth comparing: no stop words, no 1-2 letter words; hyphenated words split
    (with `camel`, 'UpdateFeatureGroup' too: on a front it names a feature group)."""
    out = []
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)  # an image's alt text is not on the card as words
    for w in words(plain(text)):
        if camel and w.lower() not in PLATFORM_WORDS and re.search(r"[a-z][A-Z]", w):
            out.extend(content_words(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", w), drop))
        for part in re.split(r"[-/]", w.lower()):
            part = part.strip("'’+")
            # 'l1', 'l2': short, but a name
            if (len(part) >= 3 or re.fullmatch(r"[a-z]\d", part)) and part not in STOP and not part.isdigit() and part not in (drop or set()):
                out.append(part)
    return out


@markdown.remembered
def key_words(answer: str, hint: str = "") -> list[str]:
    """The words that make an answer this answer: no platform or category words, none of its hint's."""
    hinted = {w.lower() for w in words(hint)}
    return [
        w for w in content_words(answer, camel=True)
        if w not in PLATFORM_WORDS | CATEGORY_WORDS and not any(same_stem(w, h) for h in hinted)
    ]


@markdown.remembered
def leaked(answer: str, visible: str, hint: str = "") -> list[str]:
    """The answer's key words that the visible text repeats, or repeats with the same stem."""
    shown = content_words(visible, camel=True)
    return [w for w in key_words(answer, hint) if any(same_stem(w, v) for v in shown)]


def hide_less(answer: str, bad: list[str]) -> tuple[str, str] | None:
    """('Provisioned', 'throughput mode') for 'Provisioned throughput mode' when 'throughput' leaks:
    the leading words up to the first leaking one, if they are a distinguishing name themselves."""
    toks = answer.split()
    cut = next((i for i, t in enumerate(toks) if any(same_stem(w, b) for w in content_words(t) for b in bad)), 0)
    head, tail = " ".join(toks[:cut]), " ".join(toks[cut:])
    # every word of the head must be a key word ('DeepAR' splits into more key words than words: a name)
    if not head or not tail or not key_words(head) or (len(key_words(head)) != len(content_words(head)) and not re.fullmatch(r"[A-Z][a-z0-9]+[A-Z]\w*", head)):
        return None
    if any(w.lower() in VERBS or w.lower().endswith("ing") or w in IMPERATIVES for w in words(head)):
        return None  # 'Configuring' (cross-account IAM roles): an action, not a name
    return head, tail


@functools.lru_cache(maxsize=1 << 15)
def circular(term: str, gist: str, context: str = "") -> bool:
    """A gist that mostly restates its term ('Scalability: choose a model that scales well'): after the
    words sharing a stem with the term or the list's context and generic advice words, little is left."""
    cw = content_words(context)
    # the words that make the term this term: not its list's category ('split' in 'Stratified split')
    tw = [t for t in key_words(term) if not any(same_stem(t, c) for c in cw)]
    gw = [w for w in content_words(gist) if w not in PLATFORM_WORDS]
    if not gw or not any(same_stem(g, t) for g in gw for t in tw):
        return False
    rest = [g for g in gw if not any(same_stem(g, t) for t in tw + cw) and g not in ADVICE_WORDS | CATEGORY_WORDS]
    return len(rest) < 3 or len(rest) < 0.4 * len(gw)


ADVICE_WORDS = {
    "consider", "choose", "select", "evaluate", "ensure", "use", "different", "varying", "various", "levels", "level",
    "terms", "whether", "important", "certain", "specific", "need", "needs", "offer", "offers", "provide", "provides",
    "make", "makes", "help", "helps", "good", "better", "best", "able", "over", "time", "workload", "workloads",
    "your", "case", "might", "want", "involves", "those", "with", "aligns", "requirements", "expected",
}


@markdown.remembered
def informative(text: str) -> list[str]:
    """Content words that say something: no platform, category or generic verbs."""
    return [
        w for w in content_words(text)
        if w not in PLATFORM_WORDS | CATEGORY_WORDS | ADVICE_WORDS | GENERIC_VERBS and not w.endswith("ly")
    ]


GENERIC_VERBS = {
    "use", "used", "uses", "using", "provide", "provides", "support", "supports", "help", "helps", "give", "gives",
    "allow", "allows", "enable", "enables", "include", "includes", "offer", "offers", "able", "ability", "way",
    "thing", "things", "prebuilt", "also", "fully", "feature", "capability", "focus", "focuses",
}
