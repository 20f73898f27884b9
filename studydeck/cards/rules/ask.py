"""Questions a gist or a list line asks of a name, by how it opens ('Useful for ...' -> 'What is X useful
for?'): the openers and templates are the language's word lists (`implied_*` in studydeck/words/)."""

from __future__ import annotations

import re

from ... import words
from ..text import cap, ends_open, first_clause, informative, plain, strip_end, word_count

MAX_PROPERTY_WORDS = 3
MAX_PROPERTY_ANSWER_WORDS = 25
MAX_LIKE_WORDS = 12
MAX_LIKE_EXTRA_WORDS = 30


def opener_question(
    line: str, owner: str, lg, article: bool = True, plural: bool = False
) -> tuple[str, str, str] | None:
    """'Useful for X' of `owner` -> ('What is the **owner** useful for?', 'X', 'useful_for'); `article`
    False: the owner is a term the author named, asked as written; `plural`: asked with the language's
    plural form of the question where it has one ('What are X useful for?')."""
    toks = words.tokens(line)
    ws = line.split()
    if len(ws) > 3 and len(toks) > 3 and _adverb(toks[1], lg) and not _adverb(toks[0], lg):
        # 'Designed specifically for accelerating ...': an adverb inside the opener ('designed for') says how
        # much, the opener is the same; asked without it
        line, toks = " ".join([ws[0], *ws[2:]]), [toks[0], *toks[2:]]
    for template, opener in lg.implied:
        if tuple(toks[: len(opener)]) == opener and template in lg.templates and len(toks) > len(opener) + 1:
            name = named(owner, lg) if article else f"**{owner}**"
            said = " ".join(line.split()[: len(opener)])
            form = f"{template}_plural" if plural and f"{template}_plural" in lg.templates else template
            return lg.template(form, term=name, opener=said.lower()), after(line, len(opener)), template
    return None


def _adverb(tok: str, lg) -> bool:
    return tok.isalpha() and len(tok) > MIN_ADVERB and tok.endswith(tuple(lg.adverb_endings or ("\0",)))


MIN_ADVERB = 4  # ('only', 'fly': no adverb of manner)


def after(line: str, n: int) -> str:
    """The line without its first `n` words."""
    parts = line.split(None, n)
    return parts[n] if len(parts) > n else ""


def named(owner: str, lg) -> str:
    """'arc elasticity estimate' -> 'the **arc elasticity estimate**'; a name with capitals stays bare."""
    the = "" if owner.split()[-1].lower().endswith(lg.no_article_endings) or _generic_plural(owner, lg) else lg.definite
    low = as_written(owner, lg)
    if not the:
        return f"**{low}**"
    if owner[:1].islower() or low != owner:
        return f"{the} **{low}**"
    return f"**{owner}**"


def _generic_plural(name: str, lg) -> bool:
    """'neural networks', 'input modes': a plural name said of its whole kind takes no article ('What do
    neural networks require?', not '... the neural networks ...'); its head is the last word before a
    function word ('number of layers' is singular)."""
    head = []
    for w in plain(name).replace("-", " ").split():
        if w.lower() in lg.function_words:
            break
        head.append(w.lower())
    low = head[-1] if head else ""
    return (
        bool(lg.plural_endings)
        and low.endswith(tuple(lg.plural_endings))
        and not low.endswith(tuple(lg.plural_exceptions))
    )


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


def trait_front(owner_md: str, label: str, value: str, lg) -> tuple[str, str] | None:
    """'Grid Search' › 'Exhaustive search: Tests every possible combination ...' -> ('What does Grid Search
    (exhaustive search) test?', 'Every possible combination ...'): a label that sums up its line (a trait,
    not a property's name such as 'Cause' or 'Tradeoff') over a line that says what the owner does. Asked
    'Grid Search: exhaustive search?', the label is no question (blind review: label-line cues); the label
    stays on the front as the aside that tells two such lines of one owner apart. None for other lines."""
    ws = plain(label).strip(" :*_").split()
    toks = words.tokens(plain(value))
    if "does_verb" not in lg.templates or not ws or len(toks) < 3 or not lg.verbs:
        return None
    low = " ".join(ws).lower()
    if (
        low in lg.property_labels
        or low in lg.labels
        or ws[-1].lower() in lg.property_nouns
        or (len(ws) == 1 and "-" not in ws[0])  # 'Cause', 'Tradeoff', 'Function': a property's one-word name
        or any(lg.acts(w.lower()) or w.lower() in lg.modals for w in ws)
    ):
        return None
    k = 1 if toks[0].endswith(_ADVERB_ENDING) and len(toks) > 3 else 0  # 'Aggressively terminates ...'
    verb = toks[k]
    if not lg.acts(verb) or verb in lg.negations or toks[k + 1] in lg.negations:
        return None
    base = (lg.base_verbs or {}).get(verb) or _base_form(verb)
    n = k + 1
    if toks[n] in lg.verb_particles:
        n += 1  # 'Starts with many configurations': 'What does X start with?'
    phrase = " ".join([*toks[:k], base, *toks[k + 1 : n]])
    answer = after(plain(value).strip(), n)
    if not answer:
        return None
    aside = " ".join(ws)
    aside = aside if aside[:2].isupper() else aside[:1].lower() + aside[1:]  # ('RSSI' keeps its capitals)
    return lg.template("does_verb", term=f"{owner_md} ({aside})", verb=phrase), cap(answer)


_ADVERB_ENDING = "ly"


def _base_form(verb: str) -> str:
    """'carries' -> 'carry', 'pushes' -> 'push', 'tests' -> 'test' (English third person)."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("sses", "xes", "zes", "ches", "shes")):
        return verb[:-2]
    return verb[:-1]


def possessed(sentence: str, lg) -> tuple[str, str] | None:
    """'Its main function is to organize the microtubules' -> ('main function', 'To organize the
    microtubules'): a property of the name before, said with a possessive ('its', 'their') and one of the
    language's `property_nouns`; None for any other sentence."""
    ws = re.sub(r"\*\*|__", "", sentence).split()
    if len(ws) < 4 or ws[0].lower() not in lg.possessives or not lg.property_nouns:
        return None
    for k in range(1, min(len(ws), MAX_PROPERTY_WORDS + 1)):
        if ws[k].lower() not in lg.copulas:
            continue
        prop = ws[1:k]
        if prop[-1].lower() not in lg.property_nouns or not all(w.isalpha() and w.islower() for w in prop):
            return None  # 'Its size is ...', 'Its Docker image is ...': no property a card asks of a name
        answer = strip_end(_first_point(first_clause(" ".join(ws[k + 1 :]), lg.code), lg))
        if not answer or word_count(answer) > MAX_PROPERTY_ANSWER_WORDS:
            return None
        return " ".join(prop), cap(answer)
    return None


def _first_point(text: str, lg) -> str:
    """'X, and hence Y' -> 'X', 'X, which Y' -> 'X': the first point of a clause, before an aside."""
    gerund = "|".join(re.escape(e) for e in lg.gerund_endings) or "\\0"
    cut = re.search(rf",?\s+but\s|;\s|,\s+(?:and hence|and thus|and so|which|\w+(?:{gerund}))\s", text)
    return text[: cut.start()] if cut else text


def like_question(a, lg, relations=None, template: str = "similar_to") -> tuple[str, str, list[str], str] | None:
    """(front, answer, extra, key) of 'X is (very) similar to Y[, but Z]' (a sentence's analysis):
    'What is X similar to?' -> 'Y', Z on the back; None for any other sentence, or a denial. `relations`
    and `template`: another relation the copula states, asked by its own question (`relation_question`)."""
    relations = lg.likeness if relations is None else relations
    if not relations or template not in lg.templates or not a.subject or a.verb.lower() not in lg.copulas:
        return None
    if a.negated or a.warning or a.dangling or a.kind in ("question", "example"):
        return None
    pt = words.tokens(plain(a.predicate))
    skip = 1 if pt[:1] and pt[0] in lg.degree_adverbs else 0
    rel = next((r for r in relations if tuple(pt[skip : skip + len(r)]) == r), None)
    if not rel:
        return None
    ws = a.predicate.split()
    said = " ".join(ws[skip + len(rel) :])
    why = "".join(f"|{re.escape(' '.join(r))}" for r in lg.reasons)
    m = re.search(rf",?\s+(?:but|except|whereas|while{why})\b|[:;]\s|,\s+\w+ing\b", said)
    answer, rest = (said[: m.start()], said[m.start() :].lstrip(",:; ")) if m else (said, "")
    answer = strip_end(answer)
    clause = ""
    if template != "similar_to" and word_count(answer) > MAX_LIKE_WORDS:
        # 'frutto di una pressione di selezione darwiniana che l'uso di antibiotici impone ...': the thing, its
        # relative clause on the back
        toks = answer.split()
        k = next((j for j in range(2, len(toks)) if toks[j].lower() in lg.relatives), 0)
        if k:
            # (shown as the answer's tail: the back repeats no answer, and a clause alone reads as a sentence)
            answer, clause = " ".join(toks[:k]).rstrip(","), "… " + " ".join(toks[k:])
    if not answer or word_count(answer) > MAX_LIKE_WORDS or ends_open(answer, lg.code):
        return None
    subject = a.subject.strip().strip("*_")
    k = a.text.find(a.subject)
    before = a.text[:k].split()[-1:] if k > 0 else []
    art = before[0].lower() if before and before[0].lower() in lg.articles else ""
    name = f"{art} **{subject}**" if art else f"**{as_written(subject, lg)}**"  # 'a **pseudo-infarct pattern**'
    said_rel = ws[skip : skip + len(rel)]
    front = lg.template(
        template,
        copula=a.verb.lower(),
        term=name,
        relation=" ".join(said_rel),
        # (Italian asks with the relation's preposition first: 'A cosa è dovuta la resistenza?')
        lead=lg.relation_leads.get(rel[-1], ""),
        head=" ".join(said_rel[:-1]),
    )
    extra = [strip_end(clause)] if clause and word_count(clause) <= MAX_LIKE_EXTRA_WORDS else []
    extra += [cap(strip_end(rest))] if rest and word_count(rest) <= MAX_LIKE_EXTRA_WORDS else []
    return front, cap(answer), extra, f"{plain(subject)} {' '.join(rel)}"


def relation_question(a, lg) -> tuple[str, str, list[str], str] | None:
    """'Resistance is due to genes that ...' -> 'What is resistance due to?' -> 'Genes that ...'; 'The size of
    the halo is proportional to the drug's activity' -> 'What is the size of the halo proportional to?': what a
    name comes from or varies with, one fact (the language's `relations` list; `related` its question)."""
    return like_question(a, lg, lg.relations, "related") if lg.relations else None


MAX_SINGLED_WORDS = 20


def singled_out(term: str, gist: str, lg) -> tuple[str, str] | None:
    """'the only way to give cross-account access' said of X -> ('What is the only way to give cross-account
    access?', 'X'); 'the most appropriate metrics for ...' -> 'What are the most appropriate metrics ...?'."""
    p = plain(gist).strip()
    toks = words.tokens(p)
    if len(toks) < 4 or toks[0] != lg.definite or toks[1] not in lg.superlatives | lg.only_words:
        return None
    if word_count(p) > MAX_SINGLED_WORDS or ends_open(p, lg.code):
        return None
    low = f" {' '.join(toks)} "
    if any(f" {' '.join(r)} " in low for r in lg.reasons):
        return None  # '... the most cost-effective solution because ...': an exercise's answer argued
    head = []
    for t in toks[2:]:
        if t in lg.function_words or t in lg.relatives:
            break
        head.append(t)
    said_for = toks[2 + len(head) :]
    if not said_for or len(informative(" ".join(said_for), lg.code)) < 2:
        return None  # 'the most cost-effective solution': best among one exercise's options, for nothing named
    plural = bool(head) and head[-1].endswith(tuple(lg.plural_endings)) and head[-1] not in lg.plural_exceptions
    front = lg.template("what_are" if plural else "what_is", term=p[0].lower() + p[1:])
    return front, cap(plain(term).strip("*_ "))
