"""Cards as data: a front of text parts and deletions, an answer, extras; rendered to HTML only at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..model import Block, Link, Source

QA = "qa"
CLOZE = "cloze"


@dataclass(frozen=True, slots=True)
class Blank:
    """A cloze deletion: inline Markdown hidden on the front, with an optional hint shown instead."""

    text: str
    n: int = 1
    hint: str = ""


Part = str | Blank
"""A piece of a front: inline Markdown, or a deletion."""


@dataclass(frozen=True, slots=True)
class Policy:
    """What every card of a rule shares."""

    key: str
    """The rule's part of the note identity: rules that ask the same fact share it (so a note keeps its
    reviews when a sentence moves from one pattern to another)."""
    kinds: frozenset[str]
    leak_check: bool = True
    """Drop or repair a card whose answer shows on its front (the author's own cards are kept as written)."""
    one_per_subject: bool = False
    """At most one card of this family per subject and section: later sentences go to its extra."""
    confident: bool = True
    """False for rules that reword a sentence into a question: the preview marks their cards."""
    own: bool = False
    """The author wrote this card (explicit markup, a question the notes ask)."""
    prose: bool = True
    """The answer is words, read as a sentence is; False for a formula, whose ends and names are no prose
    ('F = m * a' does not stop at an article)."""
    group_links: bool = True
    """The links of the block's `---` group go on the back; False: only the card's own (a table row's)."""
    bare: bool = False
    """The front is a statement that stands alone: shown with no heading when every heading names its answer."""
    set_up: bool = False
    """The front's first part is a set-up (what a worked example was given), not a claim of its sentence."""
    general: bool = False
    """The fact holds beyond the worked example it is written in (a name's other name): kept there too."""
    everyday_blank: bool = False
    """The blank may be an everyday word: a default state ('[denied]', '[private]') is the fact."""
    gist: int | None = None
    """The card asks what its subject is, is for, does or when it acts: two such cards about one subject in
    one section read as the same card twice, and the lower `gist` stays (passes.one_gist_per_subject)."""


class Rule(Enum):
    """Every rule that makes cards, with its policy. The value is the name shown in tools and the preview."""

    EXPLICIT_QA = ("explicit-qa", Policy("explicit-qa", frozenset({QA}), leak_check=False, own=True))
    EXPLICIT_CLOZE = ("explicit-cloze", Policy("explicit-cloze", frozenset({CLOZE}), leak_check=False, own=True))
    QUESTION = ("question", Policy("question", frozenset({QA}), leak_check=False, own=True))
    TERM = ("term", Policy("term", frozenset({QA}), gist=0))
    TERM_REVERSE = ("term-reverse", Policy("term-reverse", frozenset({CLOZE})))
    ATTRIBUTE = ("attribute", Policy("attribute", frozenset({QA})))
    PROPERTY = ("property", Policy("attribute", frozenset({QA}), group_links=False))
    """'Its main function is Y' -> 'X: main function?': an attribute said in a sentence, with its own links only
    (an item of a page of references would carry them all)."""
    TABLE = ("table", Policy("table", frozenset({QA}), group_links=False))
    CHOICE = ("choice", Policy("table", frozenset({QA}), leak_check=False, group_links=False))
    """A choice among a table's column headings: the choices are on the front by design."""
    STEPS = ("steps", Policy("steps", frozenset({CLOZE}), leak_check=False))
    DEFINITION = ("definition", Policy("fact", frozenset({CLOZE}), one_per_subject=True))
    WHAT_IS = ("what-is", Policy("what-is", frozenset({QA}), gist=1))
    PURPOSE = ("purpose", Policy("purpose", frozenset({QA}), confident=False, gist=2))
    CAPABILITY = ("capability", Policy("fact", frozenset({CLOZE}), one_per_subject=True))
    FACT = ("fact", Policy("provides", frozenset({QA}), gist=3))
    SET = ("set", Policy("set", frozenset({QA}), confident=False))
    """A short list under the sentence that introduces it, asked whole."""
    MEANS = ("means", Policy("means", frozenset({QA}), confident=False))
    """'X can do Y by Z-ing' -> 'How can X do Y?' -> 'By Z-ing' (the key the earlier engine gave these)."""
    EVENT = ("event", Policy("event", frozenset({QA}), confident=False, gist=4))
    """'X does Y when Z' / 'X does Y by Z-ing' -> 'When (How) does X do Y?'."""
    ALIAS = ("alias", Policy("alias", frozenset({QA}), general=True))
    """'True positive rate (sensitivity): ...' -> 'What else is the true positive rate called?' -> 'Sensitivity'."""
    ACRONYM = ("acronym", Policy("acronym", frozenset({QA}), general=True))
    """'BSE (Bovine Spongiform Encephalopathy)' -> 'What does BSE stand for?' -> 'Bovine Spongiform Encephalopathy'."""
    SYMBOL_NAME = ("symbol-name", Policy("symbol-name", frozenset({QA})))
    """A sentence that names its symbols ('where the prior probability $P(A)$ and the likelihoods $P(B|A)$
    and $P(B|A^c)$ are known') -> 'What is $P(A)$ called?' -> 'Prior probability'."""
    WORKED = ("worked", Policy("worked", frozenset({CLOZE}), leak_check=False, general=True, set_up=True))
    """A worked example's conclusion, asked with what the example was given: '... there is a [27.94%] chance ...'."""
    DEFAULT = ("default", Policy("default", frozenset({CLOZE}), everyday_blank=True))
    """'By default, all inbound traffic is denied' -> 'By default, all inbound traffic is [denied]'."""
    SIMILAR = ("similar", Policy("similar", frozenset({QA})))
    """'X is similar to Y' -> 'What is X similar to?' -> 'Y'."""
    RELATION = ("relation", Policy("relation", frozenset({QA})))
    """'X is due to Y', 'X is proportional to Y' -> 'What is X due to?' -> 'Y'."""
    CORRELATIVE = ("correlative", Policy("correlative", frozenset({CLOZE}), confident=False))
    """'The higher X, the faster Y' -> the direction of the second hidden: '[the faster] Y'."""
    NAMED = ("named", Policy("named", frozenset({QA})))
    """'<description> is called <name>' -> 'What is <name>?'."""
    NAMED_REVERSE = ("named-reverse", Policy("fact", frozenset({CLOZE}), one_per_subject=True))
    """... and the cloze on the name, as the emphasis rule makes it of a bold one."""
    SINGLED_OUT = ("singled-out", Policy("singled-out", frozenset({QA})))
    """'X is the only way to Y', 'X: the most appropriate metrics for Y' -> 'What is the only way to Y?' -> 'X':
    asked as 'What is X?' it would answer with a ranking, not a definition."""
    SINGLED_OUT_THING = ("singled-out", Policy("fact", frozenset({CLOZE}), one_per_subject=True))
    """'The third generation is the only one able to cross the BBB' -> '[The third generation] is the only ...'."""
    RESTRICTED = ("restricted", Policy("restricted", frozenset({QA})))
    """'CSMA is only applicable for short distance transmission' -> 'What is CSMA only applicable for?'."""
    REASON = ("reason", Policy("reason", frozenset({QA}), confident=False))
    """'X is preferred because Y' -> 'Why is X preferred?' -> 'Because Y'."""
    CONDITION = ("condition", Policy("condition", frozenset({QA})))
    """'X is Y if Z' -> 'When is X Y?' -> 'If Z'."""
    KIND = ("kind", Policy("kind", frozenset({CLOZE})))
    """'## Protein synthesis inhibitors' over '- Mostly only [bacteriostatic]': which of the notes' kinds."""
    IMPLIED = ("implied", Policy("implied", frozenset({QA})))
    """A list line whose subject is the item above it ('Requires ...' under a name)."""
    SUBJECT = ("subject", Policy("fact", frozenset({CLOZE}), one_per_subject=True))
    EMPHASIS = ("emphasis", Policy("emphasis", frozenset({CLOZE})))
    HOW_TO = ("how-to", Policy("recommendation", frozenset({QA}), confident=False))
    PIPELINE = ("pipeline", Policy("pipeline", frozenset({QA}), confident=False))
    """'make a voice assistant: Listener -> Intents -> Speaker' -> 'How do you make a voice assistant?' -> the
    chain (rules/chains.py)."""
    MODEL_QA = ("model", Policy("model", frozenset({QA}), confident=False))
    MODEL_CLOZE = ("model", Policy("model", frozenset({CLOZE}), confident=False))
    """Cards a language model wrote for a section (studydeck/llm/): through the same gate as the rules'."""
    STATEMENT = ("statement", Policy("statement", frozenset({QA}), leak_check=False, prose=False))
    """A named result ('Bolzano-Weierstrass Theorem') -> its 'If ..., then ...' statement."""
    RESULT = ("result", Policy("statement", frozenset({CLOZE}), leak_check=False, bare=True))
    """A result whose heading says it ('Cauchy sequences are bounded') -> its statement with what the heading
    says of its subject hidden: 'Every Cauchy $(a_n)$ is [bounded].'"""
    STATEMENT_PART = (
        "result-part",
        Policy("result-part", frozenset({CLOZE}), leak_check=False, prose=False, bare=True),
    )
    """A result listed under its set-up ('Let x = lim a_n ...' over '- (a_n + b_n) converges to $x+y$') -> the
    set-up and the result with its last formula hidden."""
    FORMULA = ("formula", Policy("formula", frozenset({QA}), leak_check=False, prose=False))
    NUMBER = ("number", Policy("number", frozenset({CLOZE}), leak_check=False, confident=False))

    def __init__(self, label: str, policy: Policy):
        self.label = label
        self.policy = policy


@dataclass(slots=True)
class Draft:
    """A card while the rules and passes work on it."""

    rule: Rule
    kind: str
    front: list[Part]
    """Q/A: the question; cloze: the text with its deletions."""
    answer: str = ""
    """Inline Markdown of a Q/A answer."""
    subject: str = ""
    """What the card is about, for its identity and one-fact-per-subject (plain text)."""
    block: Block | None = None
    source: Source | None = None
    extra: list[str] = field(default_factory=list)
    """Inline Markdown lines shown on the back."""
    links: list[Link] = field(default_factory=list)
    """Links of the item itself (the block's group links are added by the build of the card)."""
    path: tuple[str, ...] = ()
    """Heading path (plain) the card belongs to; the section's when empty. A nested term adds its parents."""
    steps: list[list[Part]] = field(default_factory=list)
    """Overlapping clozes: the items, each with its deletion; `front` is then the lead-in."""
    html: list[str] = field(default_factory=list)
    """Ready HTML appended to the back (highlighted code)."""
    shown: tuple[str, ...] | None = None
    """The heading path shown on the card, when a pass shortened it (headings that name the answer)."""

    def blanks(self) -> list[Blank]:
        parts = [p for item in self.steps for p in item] if self.steps else self.front
        return [p for p in parts if isinstance(p, Blank)]

    def visible(self) -> str:
        """The front's inline Markdown as the learner reads it, deletions replaced by their hints."""
        parts = [p for item in self.steps for p in item] + list(self.front) if self.steps else self.front
        return "".join(p if isinstance(p, str) else (p.hint and f"[{p.hint}]") for p in parts)

    def whole(self) -> str:
        """The front's inline Markdown with every deletion filled in."""
        parts = [p for item in self.steps for p in item] if self.steps else self.front
        return "".join(p if isinstance(p, str) else p.text for p in parts)

    def answers(self) -> str:
        """What the card asks for: the deletions' text, or the answer."""
        if self.kind == CLOZE:
            return " ".join(b.text for b in self.blanks())
        return self.answer
