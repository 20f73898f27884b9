"""Questions a gist or a list line asks of a name, by how it opens ('Useful for ...' -> 'What is X useful
for?'): the openers and templates are the language's word lists (`implied_*` in studydeck/words/)."""

from __future__ import annotations

from ... import words


def opener_question(
    line: str, owner: str, lg, article: bool = True, plural: bool = False
) -> tuple[str, str, str] | None:
    """'Useful for X' of `owner` -> ('What is the **owner** useful for?', 'X', 'useful_for'); `article`
    False: the owner is a term the author named, asked as written; `plural`: asked with the language's
    plural form of the question where it has one ('What are X useful for?')."""
    toks = words.tokens(line)
    for template, opener in lg.implied:
        if tuple(toks[: len(opener)]) == opener and template in lg.templates and len(toks) > len(opener) + 1:
            name = named(owner, lg) if article else f"**{owner}**"
            said = " ".join(line.split()[: len(opener)])
            form = f"{template}_plural" if plural and f"{template}_plural" in lg.templates else template
            return lg.template(form, term=name, opener=said.lower()), after(line, len(opener)), template
    return None


def after(line: str, n: int) -> str:
    """The line without its first `n` words."""
    parts = line.split(None, n)
    return parts[n] if len(parts) > n else ""


def named(owner: str, lg) -> str:
    """'arc elasticity estimate' -> 'the **arc elasticity estimate**'; a name with capitals stays bare."""
    the = "" if owner.split()[-1].lower().endswith(lg.no_article_endings) else lg.definite
    low = as_written(owner, lg)
    if not the:
        return f"**{low}**"
    if owner[:1].islower() or low != owner:
        return f"{the} **{low}**"
    return f"**{owner}**"


def as_written(name: str, lg) -> str:
    """'Auto scaling' -> 'auto scaling': a capital only because the name opened its sentence or line (an
    everyday first word, no other capital) is not the name's; 'Lambda', 'IP Insights' keep theirs."""
    first = name.split()[0]
    if first.istitle() and not any(c.isupper() for c in name[1:]) and words.zipf(first.lower(), lg.code) > 3.0:
        return name[0].lower() + name[1:]
    return name


def attribute_front(owner_md: str, label: str, lg) -> str:
    """'X: cause?' for a property's name; 'Why is X difficult in Y?' for a state ('difficult in Y' asked
    'X: difficult in Y?' reads as a yes/no question, and the note under it says why)."""
    first = words.tokens(label)[:1]
    if first and first[0] in lg.state_adjectives and "why_state" in lg.templates:
        return lg.template("why_state", term=owner_md, label=label)
    return lg.template("attribute", term=owner_md, label=label)
