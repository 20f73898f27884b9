"""Rules on the sentences of paragraphs: definitions, capabilities, recommendations, numbers.

Every rule reads `clean()`ed sentences and skips those that are not self-contained or deny something;
a negation never becomes a card (the negation rule puts it on the back of its subject's card).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import markdown
from ..model import Block, Card, Paragraph
from .context import Ctx
from .text import (
    IMPERATIVES,
    cap,
    clean,
    cloze,
    end,
    hint_for,
    informative,
    negative,
    plain,
    render,
    self_contained,
    split_subject,
    term_subject,
    to_html,
    content_words,
    key_words,
    leaked,
    same_stem,
    words,
)

MAX_FRONT_WORDS = 40
MAX_ANSWER_WORDS = 30

_EXPLICIT = re.compile(r"\{\{c\d+::|==(?=\S).+?(?<=\S)==")


def _sentences(block: Block) -> Iterator[tuple[int, str]]:
    """(index, cleaned sentence) of a paragraph's sentences that may become cards."""
    if not isinstance(block, Paragraph):
        return
    yield from _candidates(tuple(block.sentences))


@lru_cache(maxsize=4096)
def _candidates(sentences: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Worked out once per paragraph, not once per sentence rule (six of them ask)."""
    return tuple(_candidates_of(sentences))


def _candidates_of(sentences: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    for i, raw in enumerate(sentences):
        if _EXPLICIT.search(re.sub(r"`[^`]*`", "", raw)):
            continue  # the author marked it up: the explicit rule owns it
        # a parenthesised aside of several sentences is read sentence by sentence
        pieces = markdown.sentences(raw.strip()[1:].rstrip(")").strip()) if raw.startswith("(") else [raw]
        for piece in pieces:
            s = clean(piece)
            if len(words(plain(s))) > MAX_FRONT_WORDS or len(words(plain(s))) < 4:
                continue
            yield i, s


def _explanation(block: Paragraph, after: int, limit: int = 2, about: str = "") -> str:
    """Up to `limit` self-contained sentences following sentence `after` that speak of the card's
    subject (`about`, when given): the extra of a card. A sentence about something else is no explanation."""
    out = []
    topic = [w for w in key_words(about, hint_for(about)) if w not in _NOT_TOPIC]
    for s in block.sentences[after + 1 :]:
        s = clean(s)
        if negative(s) or not self_contained(s):
            continue
        if topic and not any(same_stem(w, t) for w in content_words(s) for t in topic):
            continue
        out.append(to_html(s))
        if len(out) >= limit:
            break
    return " ".join(out)


_NOT_TOPIC = {
    "use", "using", "used", "uses", "you", "configure", "create", "set", "specify", "train", "training", "build",
    "deploy", "run", "add", "help", "parameter", "parameters", "setting", "settings",
}


# -- definitions: `X is a Y that ...`, `X occurs when ...`, `X <verb>s ...` -------------------------------


def _positive(block: Block) -> Iterator[tuple[int, str]]:
    """(index, sentence) of the block's candidate sentences that stand alone and deny nothing."""
    for i, s in _sentences(block):
        if not negative(s) and self_contained(s):
            yield i, s


def _stated(block: Block) -> Iterator[tuple[int, str, str, str]]:
    """(index, sentence, subject, predicate) of the block's positive sentences that open with a subject."""
    for i, s in _positive(block):
        sub = split_subject(s)
        if sub:
            yield i, s, sub[0], sub[1]


def definitions(block: Block, ctx: Ctx) -> Iterator[Card]:
    for i, s, subj, rest in _stated(block):
        is_def = bool(re.match(r"^(?:is|are) (?:a|an|the|one)\b|^occurs? when\b|^(?:is|are) used (?:to|for)\b", rest))
        term = term_subject(subj, allow_platform=is_def and rest.startswith(("is a", "is an")))
        if not term or not _is_term(term, ctx, strict=not is_def):
            continue
        if not is_def and _names_domain(term, ctx):
            continue  # '[Amazon Bedrock] offers ...' in the Bedrock subdeck gives itself away
        if rest.startswith("include "):
            continue  # '[Input modes] include file mode, pipe mode, ...': the members give the category away
        if re.match(r"^(?:typically|usually|often|generally|commonly) ", rest):
            continue  # '[Relational databases] typically use tables with rows and columns': a hedged commonplace (every review)
        if rest.startswith("can be ") and not rest.startswith("can be used "):
            continue  # '[jobs] can be scheduled to run periodically ...': a thing done to it, true of many things
        if rest.startswith(("is", "are")) and not is_def and not re.match(r"^(?:is|are) (?:\w+ ){0,2}(?:for|to|of|with)\b", rest):
            continue  # 'X is fully integrated', 'X is most suitable': opinions and states, not definitions
        op = _OPERATION.search(s)
        # an API name leaks only when every part of it shows ('PutRecord' over 'records' still asks for Put)
        if op and len(leaked(op.group(1), s.replace(op.group(1), " "))) < len(key_words(op.group(1))):
            # '... overwrite previous records through the PutRecord operation': the operation is the fact
            text = render(s[: op.start(1)], (cloze(op.group(1), 1),), s[op.end(1) :])
            yield ctx.card("cloze", text, "", block, "operation", op.group(1), "", key_rule="fact")
            continue
        prefix = s[: s.index(term)] if term in s else ""
        # 'X is a Y ...' names its own category; other sentences get a hint ('[regularization] reduces ...')
        hint = "" if re.match(r"^(?:is|are) (?:a|an|the)\b", rest) else _narrow(hint_for(term, ctx.services), block, term)
        c = cloze(to_html(term), 1, _no_code(hint, term, block, s))
        text = render(prefix, (c,), " ", *_hide_again(end(rest), term))
        yield ctx.card("cloze", text, "", block, "definition", plain(term), _explanation(block, i, 1, about=term), key_rule="fact")


_WHAT_IS = re.compile(r"^(?:is|are) (?P<art>a|an) (?P<y>(?!part of|feature of|capability of|type of|kind of|valid|good|great)[\w-].+)$")
_CUT = (" by using ", " because ", "; ", ", which ", ", such as ", " for example")
MAX_GIST_WORDS = 20


def what_is(block: Block, ctx: Ctx) -> Iterator[Card]:
    """`X is a Y that Z` -> 'What is X?' -> 'A Y that Z': the definition's other direction (CARDS.md: a
    term->definition card and its reverse are both fine). Only a name (capitals, acronym, or a term the
    notes use), only an answer of at most 20 words that does not repeat the name ('a vector database is
    a type of database that can handle vector data' asks nothing)."""
    for _i, _s, subj, rest in _stated(block):
        m = _WHAT_IS.match(rest.rstrip("."))
        if not m:
            continue
        term = term_subject(subj)
        if not term or not _is_term(term, ctx, strict=True):
            continue
        y = m.group("y")
        for cut in _CUT:
            if cut in y:
                y = y.split(cut, 1)[0]
        if len(words(plain(y))) > MAX_GIST_WORDS or len(words(plain(y))) < 3:
            continue
        answer = cap(m.group("art")) + " " + y
        if leaked(plain(term), plain(answer)) or len(informative(plain(y))) < 2:
            continue
        front = f"What is <b>{to_html(term)}</b>?"
        yield ctx.card("qa", front, to_html(answer), block, "what-is", plain(term), "")


_OPERATION = re.compile(r"\b([A-Z][a-z]+(?:[A-Z][a-z]+)+) (operation|API|action)\b")


def _narrow(hint: str, block: Paragraph, term: str) -> str:
    """'[endpoints]' reads as inference endpoints; the block says which kind: 'VPC endpoints' (but
    never a kind the term itself names: 'IAM roles' stays '[roles]')."""
    if not hint or " " in hint:
        return hint
    text = " ".join(plain(x) for x in block.sentences)
    m = re.search(r"\b([A-Z]{2,}) " + re.escape(hint) + r"\b", text)
    if not m or m.group(1).lower() in plain(term).lower().split():
        return hint
    return f"{m.group(1)} {hint}"


_CODE_FREE = re.compile(r"\b(?:no-code|code-free|without writing (?:any )?code)\b", re.I)


def _no_code(hint: str, term: str, block: Paragraph, own: str) -> str:
    """'[...] is a visual interface for building ML models' fits Studio and Data Wrangler too: when
    the notes say the subject needs no code, the hint says it ('no-code SageMaker feature')."""
    if _CODE_FREE.search(own):
        return hint
    t = plain(term).lower()
    if any(t in plain(x).lower() and _CODE_FREE.search(plain(x)) for x in block.sentences):
        return ("no-code " + hint).strip() if hint else "no-code tool"
    return hint


def _hide_again(rest: str, term: str) -> list:
    """render() parts of `rest` with repeats of the term hidden too (same cloze), so it cannot give itself away."""
    p = re.escape(plain(term))
    parts: list = []
    last = 0
    for m in re.finditer(r"(?<![\w-])" + p + r"(?![\w-])", rest, flags=re.I):
        parts += [rest[last : m.start()], (cloze(to_html(m.group(0)), 1),)]
        last = m.end()
    parts.append(rest[last:])
    return parts


def _names_domain(term: str, ctx: Ctx) -> bool:
    t = re.sub(r"^(?:amazon|aws) ", "", plain(term).lower())
    return t == re.sub(r"^(?:amazon|aws) ", "", plain(ctx.domain.title).lower())


def _is_term(term: str, ctx: Ctx, strict: bool) -> bool:
    """A real term: a name (capitals, acronym, digits, hyphen), or one the notes use as a term elsewhere."""
    p = plain(term)
    ws = p.split()
    if any(c.isupper() for w in ws[1:] for c in w) or any(c.isupper() for c in ws[0][1:]):
        return True
    if any(c.isdigit() for c in p) or p.lower() in ctx.known:
        return True
    if strict:
        # A one- or two-word lowercase noun phrase opening a definition-like sentence: 'Regularization',
        # 'Pipe mode', 'Ordinal encoding'; longer ones are usually a scenario's noun phrase.
        return len(ws) <= 3 and ws[-1].lower() in _TERM_HEADS
    return True


_TERM_HEADS = {
    "regularization", "mode", "encoding", "split", "drift", "scaler", "endpoints", "endpoint", "database",
    "databases", "transforms", "transform", "values", "capture", "coefficient", "learning", "fine-tuning",
    "pre-training", "store", "roles", "role", "policy", "policies", "job", "jobs", "scaling",
}


# -- capabilities: `You can use X to Y` -> cloze X with a hint ------------------------------------

_CAPABILITY = re.compile(r"^(?:You|you|SageMaker|Amazon SageMaker) can (?:use|create) (?P<x>.+?) (?P<rel>to|for) (?P<y>.+)$")
# 'when you do not need a persistent endpoint': a condition of the use, not a denial of it
_CONDITION = re.compile(r" (?:when|if) (?:you )?(?:do not|don't) need [^,.;]+(?=[.]?$)")
_USED = re.compile(r"^(?P<x>.+?) can be used (?P<rel>to|for) (?P<y>.+)$")
_WHEN = re.compile(r"^(?:You|you) (?:can|should) use (?P<x>(?:(?! to | for ).)+?) when (?P<y>.+)$")


def capabilities(block: Block, ctx: Ctx) -> Iterator[Card]:
    for i, s in _sentences(block):
        if negative(_CONDITION.sub("", s)) or not self_contained(s):
            continue
        m = _CAPABILITY.match(s) or _USED.match(s)
        if not m:
            continue
        x = m.group("x")
        article = ""
        am = re.match(r"^(a|an|the) (.+)$", x, re.I)
        if am:
            article, x = am.group(1) + " ", am.group(2)
        if len(words(plain(x))) > 6 or re.search(r" (?:by|when|if|that|which|where) ", f" {x} ") or not _is_term(x, ctx, strict=False) or x.lower() in ("it", "them"):
            continue
        if not term_subject(x):
            continue
        if _GENERIC_GOAL.search(m.group("y").rstrip(".")) or re.match(r"^(?:host|train|deploy|run|build|create|use) (?:a|an|the) (?:ML )?models?\.?$", m.group("y")):
            continue  # 'You can use X to host an ML model': true of too many X to have one answer
        if re.match(r"^help\b", m.group("y")) and len(informative(m.group("y"))) < 4:
            continue  # 'to help support effective communication with the LLMs': many things help
        hint = hint_for(x, ctx.services)
        # 'a'/'an' before the blank would tell the answer's first letter: only 'the' stays
        article = article if article.lower().startswith("the") else ""
        head = s[: m.start("x")] + article if _CAPABILITY.match(s) else cap(article) if article else ""
        tail = s[m.end("x") :]
        text = render(head, (cloze(to_html(x), 1, hint),), *_hide_again(end(tail), x))
        yield ctx.card("cloze", text, "", block, "capability", plain(x), _explanation(block, i, 1, about=x), key_rule="fact")
        goal = m.group("y").rstrip(".")
        if s.startswith(("You ", "you ")):  # 'SageMaker can use early stopping to compare ...' is how, not what for
            # the other direction, name -> purpose (CARDS.md: a card and its reverse are both fine). Every
            # use the notes state is a candidate: finish_cards keeps the card only when X has one use
            # ('for data processing, analysis, and training' and 'to perform transformations on images'
            # would make 'What do you use processing jobs for?' ask for one of two); '' marks a use that
            # is no card itself
            asked = (
                m.group("rel") == "to"
                and hint != "AWS service"  # 'What do you use CloudWatch for?': a general service has many answers
                and 3 <= len(words(plain(goal))) <= MAX_GIST_WORDS
                and len(informative(plain(goal))) >= 3
                and not leaked(plain(x), plain(goal), hint)
            )
            the = (am.group(1).lower() + " ") if am else ""  # 'the @step decorator', 'a batch transform job'
            yield ctx.card("qa", f"What do you use {the}<b>{to_html(x)}</b> for?", to_html("To " + goal) if asked else "",
                           block, "purpose", plain(x))


_SUITED = re.compile(r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,4}?) (?:is|are) (?:the )?(?:most|best) suit(?:able|ed) for (?P<y>(?!this|the|your)[a-z].+)$")


def when_to_use(block: Block, ctx: Ctx) -> Iterator[Card]:
    """`You can use X when Y` -> 'When do you use X?' -> 'When Y'; `X is most suitable for Y` -> 'For Y'
    (a general fact; 'most suitable for this scenario' is the exam's and fails self_contained)."""
    for i, s in _positive(block):
        m = _WHEN.match(s)
        suited = None if m else _SUITED.match(s.rstrip("."))
        if not m and not suited:
            continue
        if suited:
            x = suited.group("x")
            if not _is_term(x, ctx, strict=True) or len(words(suited.group("y"))) > MAX_GIST_WORDS:
                continue
            front = f"When do you use <b>{to_html(x)}</b>?"
            yield ctx.card("qa", front, to_html("For " + suited.group("y")), block, "when", plain(x), _explanation(block, i, 1, about=x))
            continue
        x = re.sub(r"^(?:a|an|the) ", "", m.group("x"))
        if not _is_term(x, ctx, strict=False):
            continue
        front = f"When do you use <b>{to_html(x)}</b>?"
        answer = to_html(end("When " + m.group("y")).rstrip("."))
        yield ctx.card("qa", front, answer, block, "when", plain(x), _explanation(block, i, 1, about=x))


# -- recommendations: `Configure X to Y.` -> 'How do you Y?' ---------------------------------------

_ML_WORDS = set(
    "build create train deploy develop make predictive prediction predictions model models ml machine learning ai data "
    "solution resources resource information your improve use".split()
)
_NOT_A_GOAL = set("the a an your each all its their this that these those s3 amazon aws sagemaker it them".split())
_GENERIC_GOAL = re.compile(r"^(?:(?:train|use|run|build|create|deploy|do) (?:the|a|an) (?:model|data|job|solution)|run \w+ly|\w+ \w+ly)$|\b(?:that|which) (?:are|is|was|were)\b", re.I)
_BY_YOU = re.compile(r"^(?P<s>You|you|[A-Z][\w-]*(?: [\w-]+){0,5}?) can (?P<y>(?!be\b)[a-z][\w-]* .+?) by (?P<z>[a-z]+ing\b.+)$")
_BY_FIRST = re.compile(r"^By (?P<z>[a-z]+ing\b.+?), you can (?P<y>.+)$")
_TO_FIRST = re.compile(r"^To (?P<y>[a-z][\w-]* .+?), (?:you )?(?:should |must |can |need to )?(?P<first>first )?(?P<z>[a-z][\w-]* .+)$")
_SCENARIO_OBJECT = re.compile(r"\bthe (?:new |existing |current )\w+|\b(?:on|to|for) the (?:\w+ )?\w+s\b(?! (?:of|in)\b)")
_SHOULD = re.compile(r"^You (?:should |must |need to |can (?=set |configure |enable |specify ))(?P<v>[a-z][\w-]*) (?P<rest>.+)$")
_WHERE = re.compile(
    r"^(?P<v>Activate|Enable|Turn on|Configure|Create) (?P<x>[^.,]{3,50}?) in the "
    r"(?P<y>(?:AWS |Amazon )?[A-Z][\w-]*(?: (?:[A-Z][\w-]*|and|&))* console)\b"
)
_STORE = re.compile(r"^Store (?P<x>.+?) in (?P<art>a|an) (?P<y>[\w -]+?)(?: because (?P<why>.+))?$")


def recommendations(block: Block, ctx: Ctx) -> Iterator[Card]:
    if not isinstance(block, Paragraph):
        return
    pending: list[str] = []  # imperative sentences without a goal, joined to the next one's answer
    for i, s in _sentences(block):
        where = _WHERE.match(s)
        if where and not negative(where.group(0)) and self_contained(where.group(0)):
            # 'Activate user-defined tags in the AWS Billing and Cost Management console and use ...':
            # the place is the fact, whatever the rest of the sentence says about the scenario
            v = where.group("v").lower()
            yield ctx.card("qa", f"Where do you {to_html(v)} {to_html(where.group('x'))}?", to_html("In the " + where.group("y")),
                           block, "recommendation", f"where {v} {plain(where.group('x'))}")
        if negative(s) or not self_contained(s):
            pending = []
            continue
        m = _SHOULD.match(s)
        if m:
            s = cap(m.group("v")) + " " + m.group("rest")
        card = _store(s, block, ctx, i) or _imperative(s, pending, block, ctx, i) or _by(s, block, ctx, i)
        if card:
            pending = []
            yield card
            continue
        first = s.split(" ", 1)[0]
        pending = pending + [s] if first in IMPERATIVES and i <= 1 and " to " not in s else []


_OPEN_GOAL = re.compile(
    r"^(?:solve|fix|address|mitigate|resolve) (?:the |an? )?[\w-]+ (?:problem|issue)\b|^(?:enhance|improve) "
    r"|^increase (?:the )?(?:model )?(?:fit|performance|accuracy)\b",
    re.I,
)


def _goal_question(y: str, who: str = "you") -> str | None:
    y = y.rstrip(". ")
    if _SCENARIO_OBJECT.search(y):
        return None  # 'encoding on the categorical variables', 'the new feature': the exam's data, not a goal
    if _GENERIC_GOAL.search(y) or len(words(y)) < 2 or len(words(y)) > 16:
        return None
    if len([w for w in content_words(y) if w not in _ML_WORDS]) < 2:
        return None  # 'How do you build predictive models?', '... protect your data and resources?': too many answers
    if _OPEN_GOAL.match(y):
        return None  # 'How do you solve the underfitting problem?', '... enhance a user question?': every review asked which of many fixes
    return f"How {'do' if who == 'you' else 'does'} {who} {to_html(y)}?" if who == "you" else f"How can {to_html(who)} {to_html(y)}?"


def _imperative(s: str, pending: list[str], block: Paragraph, ctx: Ctx, i: int) -> Card | None:
    first = s.split(" ", 1)[0]
    if first not in IMPERATIVES:
        m = _TO_FIRST.match(s)
        if not m or m.group("z").split(" ", 1)[0].lower() not in {w.lower() for w in IMPERATIVES}:
            return None
        q = _goal_question(m.group("y"))
        if m.group("first"):
            # 'To Y, you must first Z': the first of several steps; the steps rule asks them in order,
            # and a lone 'What must you do first' card claims more than the notes ('must be S3')
            return None
        action = cap(m.group("z")).rstrip(".")
        if not q or len(words(action)) > MAX_ANSWER_WORDS:
            return None
        if _cut_off(action):
            return None
        return ctx.card("qa", q, to_html(action), block, "recommendation", plain(m.group("y")), _explanation(block, i, about=action))
    for m in re.finditer(r" to ([a-z][\w-]*)\b", s):
        if m.group(1) in _NOT_A_GOAL:
            continue
        action, goal = s[: m.start()], s[m.end(0) - len(m.group(1)) :]
        q = _goal_question(goal)
        if not q or _scenario_bound(goal, block, ctx):
            return None
        answer = "; ".join([*(p.rstrip(".") for p in pending), action])
        if len(words(answer)) > MAX_ANSWER_WORDS:
            answer = action
        if _vague(answer):
            return None
        if _cut_off(answer):
            return None
        ext = _EXTEND.match(action)
        if ext and not pending and len(ext.group("np").split()) >= 3:
            # 'Extend the prebuilt SageMaker scikit-learn framework container to include custom dependencies':
            # 'How do you include custom dependencies?' -> '... scikit-learn ...' answers a question the card
            # never asked (every review); the container goes to the question, the action is the answer
            q = q.rstrip("?") + f" in the {to_html(ext.group('np'))}?"
            answer = f"{ext.group('v')} the {ext.group('np').split()[-1]}"
        return ctx.card("qa", q, to_html(answer), block, "recommendation", plain(goal).rstrip("."), _explanation(block, i, about=action))
    return None


_EXTEND = re.compile(r"^(?P<v>Extend|Modify|Customize|Rebuild) (?:the |an? )?(?P<np>[\w -]+)$")
_SCENARIO_WORDS = re.compile(r"\b(?:this solution|(?:this|the) scenario|operational overhead|therefore)\b", re.I)


def _scenario_bound(goal: str, block: Paragraph, ctx: Ctx) -> bool:
    """'Use a Canvas ready-to-use model to detect PII. ... This solution requires the least operational
    overhead': a bare goal ('detect PII', 'block internet access', 3 content words or fewer) answered
    under an exam scenario the notes argue from; on its own the question has other right answers."""
    # (a section with no other recommendation keeps its card: its heading must stay findable in the deck)
    alone = not any(
        b is not block and isinstance(b, Paragraph) and b.sentences and b.sentences[0].split(" ", 1)[0] in IMPERATIVES
        for b in ctx.section.blocks
    )
    return not alone and len(content_words(goal)) <= 3 and bool(_SCENARIO_WORDS.search(" ".join(block.sentences)))


def _by(s: str, block: Paragraph, ctx: Ctx, i: int) -> Card | None:
    m = _BY_YOU.match(s) or _BY_FIRST.match(s)
    if not m:
        return None
    who = (m.groupdict().get("s") or "you")
    who = "you" if who.lower() == "you" else who
    if who != "you" and not term_subject(who):
        return None
    if who != "you":
        who = who[0].lower() + who[1:] if who.split(" ")[0] in ("A", "An", "The") else who
    if m.group("y").startswith("use "):
        return None  # 'How do you use X to Y?' -> 'By using a script': the fact is X's, not a method
    q = _goal_question(m.group("y"), who)
    if not q:
        return None
    answer = "By " + m.group("z").rstrip(".")
    if len(words(answer)) > MAX_ANSWER_WORDS or _cut_off(answer):
        return None
    return ctx.card("qa", q, to_html(answer), block, "means", plain(m.group("y")).rstrip("."), _explanation(block, i, 1, about=answer))


def _vague(answer: str) -> bool:
    """'Use continued monitoring of the model': no name, and too few words that say something, to be
    the one answer to recall."""
    names = [w for w in words(plain(answer))[1:] if w[:1].isupper() or any(ch.isdigit() for ch in w)]
    return not names and len(informative(answer)) < 3


def _cut_off(answer: str) -> bool:
    """'By providing the traffic distribution for each': an answer that stops mid-phrase."""
    last = plain(answer).rstrip(" .").rsplit(" ", 1)[-1].lower()
    return last in _DANGLING_END


_DANGLING_END = {"each", "every", "the", "a", "an", "of", "for", "to", "with", "and", "or", "by", "in", "on", "its", "their", "this", "that", "which"}


def _store(s: str, block: Paragraph, ctx: Ctx, i: int) -> Card | None:
    m = _STORE.match(s.rstrip("."))
    if not m:
        return None
    x = m.group("x")
    kind = m.group("y").split()[-1]  # 'relational database' -> which kind of database
    why = m.group("why") if m.group("why") and self_contained(m.group("why")) else ""
    front = f"Which kind of {to_html(kind)} do you store {to_html(x)} in?"
    if why and len(words(why)) <= 16:
        # the reason is the cue that makes one kind the answer
        front = f"Which kind of {to_html(kind)} do you store {to_html(x)} in, given that {to_html(why.rstrip('.'))}?"
    extra = to_html(end(cap(why))) if why and front.endswith(" in?") else ""
    return ctx.card("qa", front, to_html(cap(m.group("art")) + " " + m.group("y")), block, "store", plain(x), extra)


# -- objects: the name a sentence's predicate holds, when its subject is no blank worth asking ----------

_NAME = r"(?:AWS |Amazon )?[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}"
_OBJECTS = [
    # '... by using AWS PrivateLink', 'by using the "bring your own container" option'
    re.compile(r"\bby using (?:the )?(?:\"(?P<q>[^\"]{3,40})\" option|(?P<x>" + _NAME + r"))\.?$"),
    # 'SageMaker also supports target tracking scaling policies to dynamically increase ...'
    re.compile(r"^(?:Amazon |AWS )?(?:SageMaker|[A-Z][\w-]*)(?: [A-Z][\w-]*)* (?:also )?supports? (?:the use of )?(?P<x>(?:[\w-]+ ){0,3}(?:policies|policy|transforms?|actions?|jobs?)) to [a-z]"),
    # '... you need a NAT gateway to access the internet', 'you need to purchase provisioned throughput for ...'
    re.compile(r"\byou need (?:a|an|to (?:purchase|use|create|configure)) (?P<x>(?:[\w-]+ ){0,2}[\w-]+) (?:to|for|before) [a-z]"),
    # 'An error rate that rapidly decreases ... indicates an overfitting problem'
    re.compile(r"\bindicates (?:an?|the) (?P<x>[\w-]+) problem\b"),
]


def objects(block: Block, ctx: Ctx) -> Iterator[Card]:
    """A name in the predicate, hidden: 'You can use VPC interface endpoints to privately connect ... by
    using [AWS PrivateLink]', 'you need a [NAT gateway] to access the internet'. The subject of such
    sentences is often the section's own name (a blank its heading answers) or the platform; what they
    teach is the object. The leading 'When you host ... in a private subnet,' stays: it is the condition."""
    if not isinstance(block, Paragraph):
        return
    for i, raw in enumerate(block.sentences):
        s = plain(raw).strip()
        s = re.sub(r"^(?:Additionally|Also|Therefore|For example|Then), ", "", s)
        s = cap(s)
        if negative(s) or not self_contained(s) or not 6 <= len(words(s)) <= MAX_FRONT_WORDS or _EXPLICIT.search(s):
            continue
        for pattern in _OBJECTS:
            m = pattern.search(s)
            if not m:
                continue
            g = "q" if m.groupdict().get("q") else "x"
            x = m.group(g)
            if plain(x).lower() in ("it", "them") or not key_words(x):
                break
            hint = hint_for(x, ctx.services) if g == "x" else ""
            text = render(s[: m.start(g)], (cloze(to_html(x), 1, hint),), end(s[m.end(g) :]) if m.end(g) < len(s) else ".")
            yield ctx.card("cloze", text, "", block, "object", plain(x), _explanation(block, i, 1, about=x))
            break


# -- emphasis: the phrase a student set in bold is the key term of its sentence ------------------------

_BOLD = re.compile(r"\*\*(?=\S)(?P<x>[^*]+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(?P<y>[^_]+?)(?<=\S)__(?!\w)")
_NOT_A_TERM = {"not", "no", "never", "both", "all", "only", "always", "must", "is a", "is an", "same", "and", "or"}


def emphasis(block: Block, ctx: Ctx) -> Iterator[Card]:
    """'Inheritance is best used with relating **subtypes** to larger categories.' -> a cloze on
    'subtypes': plain notes mark their key terms in bold more often than with any card syntax. One to
    four words, in a sentence that stands alone and denies nothing; the leak filters apply."""
    if not isinstance(block, Paragraph):
        return
    for i, raw in enumerate(block.sentences):
        s = clean(raw.strip())
        found = list(_BOLD.finditer(s))
        if not found or negative(s) or not self_contained(s) or not 6 <= len(words(plain(s))) <= MAX_FRONT_WORDS:
            continue
        for m in found[:2]:
            x = (m.group("x") or m.group("y")).strip().rstrip(".,;:!")
            px = plain(x)
            if not 1 <= len(words(px)) <= 4 or px.lower() in _NOT_A_TERM or not re.search(r"[^\W\d_]{3}", px):
                continue
            before = _BOLD.sub(lambda k: k.group("x") or k.group("y"), s[: m.start()])
            after = _BOLD.sub(lambda k: k.group("x") or k.group("y"), s[m.end() :])
            if re.search(r",\s*(?:and |or )?$", before) and re.match(r"^\s*,", after) or re.search(r",\s*(?:and |or )$", before):
                continue  # one item of a list ('the same name, [same parameters], and ...'): the others give it away
            tail = (m.group("x") or m.group("y")).strip()[len(x):]  # a full stop set in bold with the term
            text = render(before, (cloze(to_html(x), 1),), end(tail + after) if (tail + after).strip() else ".")
            yield ctx.card("cloze", text, "", block, "emphasis", px, _explanation(block, i, 1, about=px))


# -- counted lists: `X offers two methods for Y: A and B` -> 'Which two methods ...?' ------------------

_COUNTED = re.compile(
    r"^(?P<x>(?:Amazon |AWS |SageMaker )?[A-Z][\w-]*(?: [A-Z][\w-]*)*) (?P<v>offers|supports|provides|has|includes) "
    r"(?P<n>two|three|four|five) (?P<what>[a-z][\w -]{2,40}?): (?P<list>[^:]+?)\.?$"
)
_BASE = {"offers": "offer", "supports": "support", "provides": "provide", "has": "have", "includes": "include"}


def counted(block: Block, ctx: Ctx) -> Iterator[Card]:
    """'Amazon Bedrock offers two methods for model customization: fine-tuning and continued
    pre-training.' -> 'Which two methods for model customization does Amazon Bedrock offer?': the notes
    count the items themselves, so the set is small and closed (CARDS.md: up to 3-5 items)."""
    for i, s in _positive(block):
        m = _COUNTED.match(s)
        if not m or len(words(m.group("list"))) > 12:
            continue
        front = f"Which {m.group('n')} {to_html(m.group('what'))} does {to_html(m.group('x'))} {_BASE[m.group('v')]}?"
        yield ctx.card("qa", front, to_html(cap(m.group("list"))), block, "counted", f"{m.group('x')} {m.group('what')}",
                       _explanation(block, i, 1))


# -- numbers with units -> cloze the number, the unit as hint --------------------------------------

_NUMBER = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)\s?(GB|MB|TB|KB|GiB|MiB|minutes?|hours?|days?|seconds?|ms|%|percent|requests?|models?|"
    r"concurrent \w+|maximum concurrency)\b"
)


_LIMITS = re.compile(r"\bthe (?P<what>\d[^,;]*?) limits of (?P<of>[\w -]+\.?)$")


def numbers(block: Block, ctx: Ctx) -> Iterator[Card]:
    for i, s in _sentences(block):
        if negative(s):
            continue
        lim = _LIMITS.search(s)
        if lim:
            # 'the memory requirements fit within the 6 GB memory and 200 maximum concurrency limits of
            # serverless endpoints': the limits are the fact, the scenario around them is not
            s = f"Limits of {lim.group('of').rstrip('.')}: {lim.group('what')}."
        elif not self_contained(s):
            continue
        found = list(_NUMBER.finditer(s))
        if not found:
            continue
        parts: list = []
        last = 0
        for n, m in enumerate(found, 1):
            parts += [s[last : m.start(1)], (cloze(m.group(1), n),)]
            last = m.end(1)
        parts.append(s[last:])
        subject = " ".join(m.group(0) for m in found)
        yield ctx.card("cloze", render(*parts), "", block, "number", subject)


# -- negations -> a 'Not:' line on the back of the subject's card -----------------------------------


def negations(block: Block, ctx: Ctx) -> list[tuple[str, str]]:
    """(subject, sentence) of each self-contained negative sentence; make_cards puts them on backs."""
    out = []
    for _i, s in _sentences(block):
        if not negative(s) or not self_contained(re.sub(r"\bwould not\b", "do not", s)):
            continue  # 'would not' is how notes deny a use; other scenario words make the line useless
        m = re.match(r"^(?:You|you) (?:would|should|do|can|could)? ?(?:not|cannot) (?:use|select|need) (?P<x>.+?) (?:for|to|as|when) ", s)
        if m:
            out.append((re.sub(r"^(?:a|an|the) ", "", m.group("x")), s))
            continue
        sub = split_subject(s)
        if sub and term_subject(sub[0]):
            out.append((term_subject(sub[0]) or "", s))
    return out
