"""A formula the notes state for a named thing: the first display formula of a section whose heading is a
term, or that a lead-in names ('Bayes' theorem is stated as:'), asked as '<term>: formula?'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, Code, ItemList, Math, Paragraph
from ..card import QA, Draft, Rule
from ..context import block_texts
from ..text import cap, ends_open, heading_name, is_label, is_term, plain, same_stem, word_count

MAX_TEX = 160


def formulas(block: Block, ctx) -> Iterator[Draft]:
    if isinstance(block, Code):
        yield from _code_formula(block, ctx)
        return
    if isinstance(block, ItemList):
        yield from _item_formulas(block, ctx)
        yield from named_equations(block, ctx)
        return
    if isinstance(block, Paragraph):
        yield from _defined_inline(block, ctx)
        yield from named_equations(block, ctx)
        return
    if not isinstance(block, Math) or not block.display or len(block.tex) > MAX_TEX or not block.tex.strip():
        return
    blocks = ctx.section.blocks
    maths = [b for b in blocks if isinstance(b, Math) and b.display]
    i = blocks.index(block)
    lead = blocks[i - 1] if i > 0 and isinstance(blocks[i - 1], Paragraph) else None
    lg = words.lang(ctx.lang)
    if "formula" not in lg.templates:
        return
    if maths[:1] != [block]:
        # a later formula: asked only when its lead-in names it ('**The weight function:**', 'The
        # [[Sigmoid function]] $g(z)$:'); the rest derive or apply the first
        name = _lead_name(lead, ctx)
        if name and not _applied(block.tex):
            yield _formula_card(name, block, ctx)
        return
    if lead is not None and completed_by_formula(lead, ctx):
        return  # the formula ends the lead's statement 'If ..., then ... and': asked with it (theorems)
    name = heading_name(ctx.path[-1]) if ctx.path else ""
    if lead is not None and lead.analysis:
        last = lead.analysis[-1]
        subject = plain(last.subject)
        heading = {w.lower().strip("'’s") for w in name.split()}
        own = {w.lower().strip("'’s") for w in subject.split()}
        if (
            last.plain.endswith(":")
            and subject
            and not own <= heading
            and is_term(subject, ctx.lang, ctx.facts.terms, strict=False)
        ):
            name = subject  # ('The theorem is stated as:' under 'Bayes' Theorem': the heading names it better)
    said = _said_name(lead, ctx) if lead is not None and lead.sentences else ""
    if said:
        name = said  # ('Recall that the first law gives us:' under 'Work and heat': the lead-in says what it is)
    if not name or word_count(name) > 6 or not is_term(name, ctx.lang, ctx.facts.terms, strict=False):
        name = _lead_name(lead, ctx)  # 'MLE -> the log-likelihood' over 'Likelihood (IID -> product):'
    if not name:
        return
    yield _formula_card(cap(name), block, ctx)


# a statement's two sides: 'maximize l(theta) \iff minimize J(theta)' says one thing is the other
_EQUIVALENCE = re.compile(r"\\(?:iff|Leftrightarrow|Longleftrightarrow)(?![A-Za-z])|⟺|⇔")


def _formula_card(name: str, block: Math, ctx) -> Draft:
    """'<name>: formula?' -> the formula; a statement of two sides said equivalent ('maximize $\\ell$
    \\iff minimize $J$') is no formula of the name: its first side is asked for the second, as the notes
    derive it ('Probabilistic interpretation: formula?' asked nothing exact; blind review)."""
    lg = words.lang(ctx.lang)
    tex = block.tex.strip()
    sides = _two_sides(tex)
    if sides and "equivalent_to" in lg.templates:
        front = lg.template("equivalent_to", term=f"**{name}**", lhs=f"${sides[0]}$")
        return ctx.draft(Rule.FORMULA, QA, [front], block, f"{name}/formula", f"${sides[1]}$")
    front = lg.template("formula", term=f"**{name}**")
    return ctx.draft(Rule.FORMULA, QA, [front], block, f"{name}/formula", f"${tex}$")


def _two_sides(tex: str) -> tuple[str, str] | None:
    """The sides of the one equivalence a formula states outside any braces, or None."""
    found = []
    for m in _EQUIVALENCE.finditer(tex):
        before = tex[: m.start()]
        if before.count("{") == before.count("}"):
            found.append(m)
    if len(found) != 1:
        return None
    lhs, rhs = tex[: found[0].start()].strip(), tex[found[0].end() :].strip()
    return (lhs, rhs) if lhs and rhs else None


def _defined_inline(block: Paragraph, ctx) -> Iterator[Draft]:
    """'## Metric on $\\mathbb{R}$' over 'For all $x, y \\in \\mathbb{R}$, define $d(x,y) = |x - y|$.': a section
    that opens by defining its thing in an inline equation -> '<heading>: formula?' -> the equation (a display
    formula in the section is asked instead, as above)."""
    lg = words.lang(ctx.lang)
    if "formula" not in lg.templates or not lg.define_verbs or not block.sentences or not ctx.path:
        return
    blocks = ctx.section.blocks
    if ctx.section.level == 0 or not blocks or blocks[0] is not block:
        return
    if any(isinstance(b, Math) and b.display for b in blocks):
        return
    verbs = "|".join(re.escape(v) for v in lg.define_verbs)
    m = re.search(rf"^(.*?)\b(?:{verbs})\s+\$([^$]{{3,{MAX_TEX}}})\$\s*\.?\s*$", block.sentences[0], re.I)
    if not m or "=" not in m.group(2):
        return
    before = words.tokens(plain(m.group(1)))
    if before and not (any(tuple(before[: len(q)]) == q for q in lg.quantifiers) and m.group(1).rstrip().endswith(",")):
        return  # ('... some tail has two terms close; we then set $c = 1$': a step of the text, no definition)
    name = heading_name(ctx.path[-1])
    if not _nameable(name, ctx) or is_label(name, ctx.lang):
        return
    # (the heading as written, its formulas kept: 'Metric on $\\mathbb{R}$', not its plain 'Metric on \\mathbb{R}')
    shown = ctx.section.markup if "$" in ctx.section.markup else name
    front = lg.template("formula", term=f"**{cap(shown)}**")
    yield ctx.draft(Rule.FORMULA, QA, [front], block, f"{name}/formula", f"${m.group(2).strip()}$")


def completed_by_formula(lead: Paragraph, ctx) -> str:
    """'If $(a_n)$ is increasing and bounded above by $M$, then $(a_n)$ converges and' over a display formula:
    a one-sentence conditional left open that the formula under it ends, as one statement with the formula
    inline; '' for any other paragraph."""
    blocks = ctx.section.blocks
    if lead not in blocks or len(lead.sentences) != 1 or not ends_open(lead.sentences[0], ctx.lang):
        return ""
    i = blocks.index(lead)
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    if not isinstance(after, Math) or not after.display or not after.tex.strip() or len(after.tex) > MAX_TEX:
        return ""
    lg = words.lang(ctx.lang)
    toks = words.tokens(plain(lead.sentences[0]))
    if not toks or (toks[0],) not in lg.conditions or not any(t in lg.consequence for t in toks[2:]):
        return ""
    return f"{lead.sentences[0].rstrip()} ${after.tex.strip()}$"


MAX_LEAD_NAME_WORDS = 5


def _lead_name(lead: Paragraph | None, ctx) -> str:
    """The name a lead-in gives the formula after it: the whole lead when it is a short name
    ('**The weight function:**', 'Likelihood (IID -> product):'), else a term of the notes it mentions
    ('Recall that conditional probability gives us:'); '' when it names none ('Similarly, we can write:')."""
    if lead is None or not lead.sentences:
        return ""
    last = lead.sentences[-1]
    text = plain(last).strip()
    if not text.endswith(":"):
        return ""
    bare = plain(re.sub(r"\$[^$]*\$|\([^()]*\)", " ", last.strip().rstrip("*_").rstrip(":")))
    bare = " ".join(bare.split()).strip(" *_:")
    lg = words.lang(ctx.lang)
    toks = words.tokens(bare)
    if toks and toks[0] in lg.articles:
        bare = bare.split(" ", 1)[1] if " " in bare else ""
        toks = toks[1:]
    if (
        toks
        and len(toks) <= MAX_LEAD_NAME_WORDS
        and toks[0] not in lg.function_words | lg.dangling
        and not any(t in lg.copulas or lg.acts(t) for t in toks)
        and not is_label(bare, ctx.lang)
        and is_term(bare, ctx.lang, ctx.facts.terms, strict=False)
    ):
        return cap(bare)
    said = _said_name(lead, ctx)
    if said:
        return said
    low = f" {' '.join(words.tokens(text))} "
    named = [
        t
        for t in ctx.facts.terms
        if len(t) > 3 and f" {t} " in low and t != bare.lower() and is_term(t, ctx.lang, strict=False)
    ]
    return max(named, key=len) if named else ""


def _said_name(lead: Paragraph, ctx) -> str:
    """The name a lead-in says the formula is by its verb: after 'solve for' / 'yields' / 'expanded using'
    ('we can solve for the joint probability:'; in the sentence before too: 'it can be expanded using the law
    of total probability. If ..., then:'), or before a closing 'gives us:' ('Recall that conditional
    probability gives us:'); '' when what stands there is no term ('Setting f = l' gives first derivative
    over second derivative:' names no formula)."""
    lg = words.lang(ctx.lang)
    last = lead.sentences[-1]
    for k, sentence in enumerate(reversed(lead.sentences[-2:])):
        text = plain(re.sub(r"\$[^$]*\$|\([^()]*\)", " ", sentence)).strip()
        toks = words.tokens(text)
        for p in lg.formula_namers:
            at = next((j for j in range(len(toks)) if tuple(toks[j : j + len(p)]) == p), None)
            if at is not None:
                name = _name_phrase(toks[at + len(p) :], ctx)
                if name:
                    return name
        if k == 0:
            body = [t for t in toks if t != ":"]
            for p in lg.formula_givers:
                if tuple(body[-len(p) :]) == p:
                    before = body[: -len(p)]
                    cut = max((j + 1 for j, t in enumerate(before) if t in lg.relatives or t == ","), default=0)
                    name = _name_phrase(before[cut:], ctx)
                    if name and (cut or not before[:1] or before[0] not in lg.imperatives):
                        return name
                    break
        if not last.rstrip().endswith(":"):
            break
    return ""


def _name_phrase(toks: list[str], ctx) -> str:
    """'the law of total probability' (up to the sentence's end) as a formula's name: a short term."""
    lg = words.lang(ctx.lang)
    toks = [t for t in toks if t not in (":", ".", ";", "")]
    if toks[:1] and toks[0] in lg.articles:
        toks = toks[1:]
    if not toks or len(toks) > MAX_LEAD_NAME_WORDS or any(not re.match(r"[\w']", t) for t in toks):
        return ""
    if toks[0] in lg.function_words | lg.dangling or any(t in lg.copulas or lg.acts(t) for t in toks):
        return ""
    name = " ".join(toks)
    if is_label(name, ctx.lang) or not is_term(name, ctx.lang, ctx.facts.terms, strict=False):
        return ""
    return cap(name)


def _applied(tex: str) -> bool:
    """'P(B) = (0.95 \\times 0.02) + ...': the formula with a worked example's numbers put in."""
    return len(re.findall(r"\d+\.\d+|\d{2,}", tex)) >= 2


# code that is a program, not an equation: statements, calls, shell prompts, markup
_PROGRAM = re.compile(
    r"[;{}]|^\s*(?:\$ |>>>|#|//|def |class |return |import |public |private |if |for |while )|\w\(.*\)\s*$|<\w", re.M
)
_RULE_LINE = re.compile(r"^(?P<left>[^=]*=\s*)-{3,}\s*$")


def as_equation(code: str) -> str:
    """A code block or span that writes an equation, as one line ('TE = TR = p * Q'); an ASCII fraction
    (numerator, 'name = -----', denominator) as 'name = (numerator) / (denominator)'. '' for a program."""
    lines = [x.rstrip() for x in code.strip("\n").splitlines() if x.strip()]
    if not lines or len(lines) > 3 or "=" not in code or _PROGRAM.search(code):
        return ""
    if len(lines) == 3:
        m = _RULE_LINE.match(lines[1])
        if not m:
            return ""
        return f"{m.group('left').strip()} ({lines[0].strip()}) / ({lines[2].strip()})"
    if len(lines) != 1:
        return ""
    line = lines[0].strip()
    left = line.split("=", 1)[0].strip()
    return line if left and len(left) <= 40 and line.split("=", 1)[1].strip() else ""


def _code_formula(block: Code, ctx) -> Iterator[Draft]:
    """The section's first code block that is an equation, under a heading that names it."""
    lg = words.lang(ctx.lang)
    if "formula" not in lg.templates:
        return
    first = next((b for b in ctx.section.blocks if isinstance(b, Code) and as_equation(b.text)), None)
    eq = as_equation(block.text) if first is block else ""
    name = heading_name(ctx.path[-1]) if ctx.path else ""
    if not eq or not _nameable(name, ctx):
        return
    front = lg.template("formula", term=f"**{name}**")
    yield ctx.draft(Rule.FORMULA, QA, [front], block, f"{name}/formula", f"`{eq}`")


def _nameable(name: str, ctx, most: int = 6) -> bool:
    """A name a formula can be asked by: a term, or any short noun phrase the author set over it ('Net
    force': everyday words, but the heading or item names the formula); `most`: its most words."""
    if not name or word_count(name) > most:
        return False
    if is_term(name, ctx.lang, ctx.facts.terms, strict=False):
        return True
    toks = words.tokens(name)
    lg = words.lang(ctx.lang)
    return not is_label(name, ctx.lang) and bool(toks) and toks[0] not in lg.function_words | lg.dangling


def _item_formulas(block: ItemList, ctx) -> Iterator[Draft]:
    """'- Price elasticity of demand' over '- `e = %ΔQ / %ΔP`': the item's formula."""
    lg = words.lang(ctx.lang)
    if "formula" not in lg.templates or not block.lines:
        return
    for line, parent in zip(block.lines, block.parents, strict=True):
        m = re.fullmatch(r"\s*`([^`]+)`\s*|\s*\$([^$]+)\$\s*", line)
        if not m or not parent:
            continue
        tex = m.group(2)
        eq = as_equation(m.group(1)) if m.group(1) else (tex if "=" in tex else "")
        name = plain(parent).rstrip(":").strip()
        if not eq or not _nameable(name, ctx):
            continue
        answer = f"${eq}$" if tex else f"`{eq}`"
        yield ctx.draft(
            Rule.FORMULA, QA, [lg.template("formula", term=f"**{name}**")], block, f"{name}/formula", answer
        )


# an equation inside a line of text: in a formula ('$g'(z) = ...$'), in code ('`S = G * P<sub>0</sub>`') or
# written bare ('P0=e−2G'); its left side one symbol: a letter, a subscript, primes, its arguments
_SYMBOL_SIDE = r"[A-Za-z](?:_\{?\w{1,3}\}?|\d{1,2})?'*(?:\([^()=]{1,12}\))?"
_INLINE_EQ = re.compile(
    rf"\$\s*(?P<tex>(?P<tl>{_SYMBOL_SIDE})\s*=\s*[^$=<>]+?)\s*\$"
    rf"|`\s*(?P<code>(?P<cl>{_SYMBOL_SIDE})\s*=\s*[^`=<>]+?)\s*`"
    rf"|(?<![\w$`=.-])(?P<bare>(?P<bl>[A-Za-z]\d?)=(?P<br>[^\s,;=$`]+?))(?=[\s,;]|\.?$)"
)
_TEX_COMMAND = re.compile(r"\\[A-Za-z]+")
_CONSTANTS = {"e", "π", "pi"}


def _symbol_key(side: str) -> str:
    """'P_0', 'P_{0}', 'P0' -> 'P0': one symbol however the notes write it ('g'(z)' -> 'g')."""
    side = re.sub(r"\(.*\)$", "", side.strip())
    return re.sub(r"[\s_{}'’]", "", side)


def _flat(line: str) -> str:
    """A line's HTML sub- and superscripts written in the line: 'P<sub>0</sub>' -> 'P0', 'e<sup>-G</sup>' ->
    'e^(-G)'."""
    line = re.sub(r"<sub>\s*(\w{1,3})\s*</sub>", r"\1", line)
    return re.sub(r"<sup>\s*([^<]{1,12}?)\s*</sup>", r"^(\1)", line)


def _math_side(rhs: str) -> bool:
    """The right side of an equation, not words ('end-to-end propagation delay') nor a given number
    ('0.5', '1/2e': a worked example's value) nor another symbol alone ('L = K': a result that two are one):
    symbols besides the constants, an operation on them, and no word of 3 letters."""
    bare = _TEX_COMMAND.sub(" ", rhs)
    if re.search(r"[A-Za-z]{3,}", bare) or re.fullmatch(r"\s*[A-Za-z]\s*", bare):
        return False
    return any(s not in _CONSTANTS for s in re.findall(r"[A-Za-zπ]", bare)) and not _applied(rhs)


def _bare_equation(eq: str) -> str:
    """'S=Ge−2G' as read: spaces around '=', an exponent the page lost after Euler's e ('e−2G', written
    with no space, is e to the power -2G: 'S = G·e^(−2G)')."""
    left, right = eq.split("=", 1)
    return f"{left} = {_bare_expression(right)}"


def _bare_expression(expr: str) -> str:
    """'Ge−2G' -> 'G·e^(−2G)', 'e-G' -> 'e^(-G)': an exponent after Euler's e the page lost."""
    expr = re.sub(r"(?<=[A-Za-z0-9)])e([−-]\d*[A-Za-z]\w*)$", r"·e^(\1)", expr)
    return re.sub(r"^e([−-]\d*[A-Za-z]\w*)$", r"e^(\1)", expr)


_RELATION = re.compile(r"[<>≤≥≠∈]|\\(?:leq?|geq?|neq|in|subset\w*|to)\b")


def _said_expression(sentence: str, ctx) -> tuple[str, str] | None:
    """'So probability of no frame is e-G': a sentence that is a named quantity, a copula and an expression
    alone (an operation on symbols; no relation: 'The only remaining options are $L^- \\leq c$' states a
    bound) -> ('Probability of no frame', 'e^(-G)')."""
    lg = words.lang(ctx.lang)
    cops = "|".join(re.escape(c) for c in lg.copulas)
    if not cops:
        return None
    m = re.fullmatch(rf"\s*((?:[^\s$`]+ ){{2,7}}?)(?:{cops})\s+(\$[^$=]+\$|[^\s$`=]+)\s*\.?\s*", plain(sentence))
    if not m or _RELATION.search(m.group(2)) or not re.search(r"[-+*/^−·]|\\\w", m.group(2)):
        return None
    expr = m.group(2).rstrip(".,;:").strip("$")
    if not _math_side(expr):
        return None
    toks = words.tokens(m.group(1))
    while toks and (toks[0] in lg.articles or toks[0] in lg.conclusion_openers):
        toks = toks[1:]
    if len(toks) < 2 or toks[0] in lg.function_words | lg.dangling | lg.subject_pronouns:
        return None
    if any(t in lg.copulas or lg.acts(t) for t in toks):
        return None
    name = " ".join(toks)
    if not _nameable(name, ctx) or is_label(name, ctx.lang):
        return None
    shown = f"${expr}$" if m.group(2).startswith("$") else _bare_expression(expr)
    return cap(name), shown


def _equations(line: str) -> list[tuple[str, str, str]]:
    """(symbol key, equation as asked, its right side) of each equation a line of text states; of several
    for one symbol the last ('Using S=GP0, we get S=Ge−2G': the given, then the result)."""
    out: dict[str, tuple[str, str, str]] = {}
    for m in _INLINE_EQ.finditer(_flat(line)):
        if m.group("tex"):
            tex = m.group("tex").strip()
            left, right = m.group("tl"), tex.split("=", 1)[1]
            shown = f"${tex}$"
        elif m.group("code"):
            code = m.group("code").strip()
            left, right = m.group("cl"), code.split("=", 1)[1]
            shown = f"`{code}`"
        else:
            left, right = m.group("bl"), m.group("br")
            shown = _bare_equation(m.group("bare"))
        if _math_side(right):
            key = _symbol_key(left)
            out.pop(key, None)
            out[key] = (key, shown, right)
    return list(out.values())


def _symbol_name(key: str, lines: list[str], ctx) -> str:
    """The name the section gives a symbol where it writes the two together, the symbol said of:
    'Throughput S is G x ...' -> 'Throughput S', '... probability P0 of successful transmission' ->
    'Probability P0 of successful transmission'; '' when no line names it ('At high load G>N': an
    operator follows, 'the value of G': no name before)."""
    lg = words.lang(ctx.lang)
    followers = set(lg.copulas) | set(lg.noun_links)
    for line in lines:
        text = _flat(plain(line))
        text = re.sub(r"\$([^$]{1,12})\$", lambda m: _symbol_key(m.group(1)), text)
        for m in re.finditer(rf"(?<![\w'’]){re.escape(key)}(?![\w'’(=])", text):
            after = text[m.end() :].split()
            if not after or after[0].lower() not in followers:
                continue
            before = re.findall(r"[\w'’-]+|[^\w\s]", text[: m.start()])
            name: list[str] = []
            for w in reversed(before[-3:]):
                if not re.fullmatch(r"[A-Za-z][a-z'’-]{2,}", w) or w.lower() in lg.function_words | lg.dangling:
                    break
                if w.lower() in lg.copulas or lg.acts(w.lower()):
                    break
                name.insert(0, w)
            if not name:
                continue
            tail: list[str] = []
            if after[0].lower() not in lg.copulas and re.fullmatch(r"[A-Za-z]+", after[0]):
                # ('probability P0 of successful transmission': what the name is of, up to the next small word)
                for w in after[1:4]:
                    bare = w.rstrip(".,;:")
                    small = lg.function_words | set(lg.copulas)
                    if not re.fullmatch(r"[A-Za-z][\w'’-]*", bare) or bare.lower() in small or lg.acts(bare.lower()):
                        break
                    tail.append(bare)
                    if bare != w:
                        break
                tail = [after[0], *tail] if tail else []
            return cap(" ".join([*name, key, *tail]))
    return ""


def _label_equation(line: str, ctx) -> tuple[str, str] | None:
    """'Useful derivative property (used in the gradient derivation): $g'(z) = g(z)(1 - g(z))$.': a line that
    is a short name, a colon and an equation -> (the name, the equation)."""
    m = re.fullmatch(r"\s*([^:$`()]{3,60}?)\s*(?:\([^()]*\))?\s*:\s*(\$[^$]+\$|`[^`]+`)\s*\.?\s*", line)
    if not m:
        return None
    found = _equations(m.group(2))
    name = plain(m.group(1)).strip(" *_")
    if len(found) != 1 or not _nameable(name, ctx, most=5) or is_label(name, ctx.lang):
        return None
    toks = words.tokens(name)
    lg = words.lang(ctx.lang)
    if toks[0] in lg.conditions_first or any(t in lg.copulas for t in toks):
        return None
    place = plain(ctx.path[-1]) if ctx.path else ""
    if toks[-1] in lg.fact_nouns:
        # 'Useful derivative property' under '### The sigmoid (logistic) function': a fact about the heading's
        # subject, named by it ('The sigmoid (logistic) function — useful derivative property: formula?')
        if not place or is_label(place, ctx.lang) or any(same_stem(t, p) for t in toks for p in words.tokens(place)):
            return None
        return f"{cap(place)} — {name[:1].lower() + name[1:]}", found[0][1]
    return cap(name), found[0][1]


def named_equations(block: Block, ctx) -> Iterator[Draft]:
    """An equation a line of text states for a symbol the section names ('Throughput S is G x probability
    P0 of successful transmission' and '`S = G * P<sub>0</sub>`' -> 'Throughput S: formula?' -> 'S = G *
    P0'), or under a short name and a colon ('Useful derivative property: $g'(z) = ...$'). Of several for one
    symbol, each is asked by the symbols of its right side ('Throughput S in terms of G: formula?' ->
    'S = G·e^(−2G)'). A symbol no line names is a variable of one passage: no card."""
    lg = words.lang(ctx.lang)
    if "formula" not in lg.templates or not isinstance(block, (Paragraph, ItemList)):
        return
    found = ctx.memo.get("named_equations")
    if found is None:  # (the same for every block of the section: found once)
        found = ctx.memo["named_equations"] = _section_equations(ctx)
    for name, eqs in found.items():
        several = len(eqs) > 1 and "formula_in_terms" in lg.templates
        for b, shown, key, right, premise in eqs:
            if b is not block:
                continue
            if several:
                symbols = _right_symbols(right, key)
                if not symbols:
                    continue
                front = lg.template("formula_in_terms", term=f"**{name}**", symbols=", ".join(symbols))
            elif len(eqs) > 1:
                continue
            else:
                front = lg.template("formula", term=f"**{name}**")
            extra = [f"{cap(premise)}"] if premise else []
            yield ctx.draft(Rule.FORMULA, QA, [front], block, f"{name}/formula/{shown}", shown, extra=extra)


def _section_equations(ctx) -> dict[str, list[tuple[Block, str, str, str]]]:
    """Symbol name -> the (block, equation shown, symbol key, right side) of each equation its section's lines
    state for it."""
    section_lines = [x for b in ctx.section.blocks for x in _text_lines(b)]
    found: dict[str, list[tuple[Block, str, str, str, str]]] = {}
    before = ""
    for b in ctx.section.blocks:
        for line in _text_lines(b):
            for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", line):
                said, before = before, sentence.strip()
                labelled = _label_equation(sentence, ctx) or _said_expression(sentence, ctx)
                if labelled:
                    found.setdefault(labelled[0], []).append((b, labelled[1], "", "", _premise(sentence, said, ctx)))
                    continue
                for key, shown, right in _equations(sentence):
                    name = _symbol_name(key, section_lines, ctx)
                    if name:
                        found.setdefault(name, []).append((b, shown, key, right, ""))
    return found


def _premise(sentence: str, said: str, ctx) -> str:
    """'So probability of no frame is e-G' after 'The probability that k frames are generated during a given
    frame time in which G frame were expected, is given by the Poisson distribution': a result the sentence
    draws from the one before (it opens with a conclusion: so, thus, hence) holds under what that one says;
    the line before goes on the back (blind review: 'Probability of no frame: formula?' -> 'e^(-G)', without
    the conditions it holds under). Not a line that is itself a formula or too long for a back."""
    lg = words.lang(ctx.lang)
    first = words.tokens(plain(sentence))[:1]
    if not first or first[0] not in lg.conclusion_openers or not said:
        return ""
    if word_count(said) > MAX_PREMISE_WORDS or re.search(r"\$|`|=", said) or _said_expression(said, ctx):
        return ""  # (a formula of its own: its own card)
    return "" if plain(said).endswith("?") else plain(said).strip()


MAX_PREMISE_WORDS = 40


def _right_symbols(right: str, key: str) -> list[str]:
    """'G * P0' -> ['G', 'P0']: the symbols an equation's right side is written in, constants aside."""
    bare = _TEX_COMMAND.sub(" ", right)
    out: list[str] = []
    for s in re.findall(r"[A-Za-z](?:_\{?\w\}?|\d)?", bare):
        k = _symbol_key(s)
        if k not in _CONSTANTS and k != key and k not in out:
            out.append(k)
    return out


def _text_lines(b: Block) -> list[str]:
    """A paragraph's sentences, a list's items (definition lists have rules of their own)."""
    return [x for x, _ in block_texts(b)] if isinstance(b, (Paragraph, ItemList)) else []
