"""Word lists as data: one TOML file per language (function words and the cues of each sentence pattern),
and the units a number may carry. Nothing in the code names a language's words."""

from __future__ import annotations

import array
import bisect
import contextlib
import dataclasses
import functools
import importlib.util
import marshal
import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..files import write_if_changed

HERE = Path(__file__).resolve().parent
DEFAULT = "en"


@dataclass(frozen=True, slots=True)
class Lang:
    """One language's words, lower-cased; phrases are tuples of words."""

    code: str
    articles: frozenset[str]
    copulas: frozenset[str]
    definers: tuple[tuple[str, ...], ...]
    purpose: tuple[tuple[str, ...], ...]
    cause: tuple[tuple[str, ...], ...]
    contrast: tuple[tuple[str, ...], ...]
    negations: frozenset[str]
    warnings: tuple[tuple[str, ...], ...]
    modals: frozenset[str]
    dangling: frozenset[str]
    scenario: tuple[tuple[str, ...], ...]
    labels: frozenset[str]
    question_words: frozenset[str]
    asides: tuple[tuple[str, ...], ...]
    imperatives: frozenset[str]
    topic_particles: tuple[str, ...]
    copula_endings: tuple[str, ...]
    templates: dict
    plural_endings: tuple[str, ...]
    plural_exceptions: tuple[str, ...]
    use_frames: tuple[tuple[str, ...], ...] = ()
    purpose_preps: tuple[tuple[str, ...], ...] = ()
    purpose_frames: tuple[tuple[str, ...], ...] = ()
    function_words: frozenset[str] = frozenset()
    category_words: frozenset[str] = frozenset()
    empty_phrases: tuple[tuple[str, ...], ...] = ()
    """'without anything', 'with nothing': a description that says its thing holds nothing says something."""
    genus_links: frozenset[str] = frozenset()
    alternative_openers: frozenset[str] = frozenset()
    """'whether': what opens a clause of two alternatives, whose 'or not' (`alternative_denials`) denies nothing."""
    alternative_denials: tuple[tuple[str, ...], ...] = ()
    """'set of characters': the word that joins a kind to what it is made of, a genus and its difference."""
    owned_set_leads: tuple[tuple[str, ...], ...] = ()
    """'this has', 'this does have': a lead-in that gives the thing its section opens on a set of its own."""
    concessive_openers: tuple[tuple[str, ...], ...] = ()
    """'However,', 'That said,': an opener that turns from what was said, before a lead-in."""
    check_steps: frozenset[str] = frozenset()
    """'Test if ...', 'Observe that ...': how an answer's line that leads in a check opens."""
    difference_nouns: frozenset[str] = frozenset()
    """'The only change from plain LR is ...': nouns that single out how the heading's name differs."""
    difference_preps: tuple[tuple[str, ...], ...] = ()
    suffix_particles: tuple[str, ...] = ()
    object_verbs: dict = None
    """Third-person form -> base form of the verbs asked forward ('contains' -> 'contain')."""
    example_headings: tuple[tuple[str, ...], ...] = ()
    anaphora: frozenset[str] = frozenset()
    in_order: str = "In order"
    """A neutral lead-in for numbered stages under a heading that is one of them, not their name."""
    place_definers: frozenset[str] = frozenset()
    """'X is where Y': words after a copula that make it a definition."""
    definition_determiners: frozenset[str] = frozenset()
    """'An alphabet is any set of characters': a determiner that opens a definition as an article does."""
    clause_stems: tuple[str, ...] = ()
    """Korean: verb stems before a particle that make the 'topic' a clause."""
    additive_openers: tuple[tuple[str, ...], ...] = ()
    """'Additionally,': adds to the text before; what follows the comma stands alone."""
    relatives: frozenset[str] = frozenset()
    """Relative pronouns ('which', 'that')."""
    comment_relatives: frozenset[str] = frozenset()
    """Relative pronouns that open a comment on what comes before ('... a tree which is convenient for ...'),
    not a clause that picks out what is meant ('the rows that match')."""
    generic_subjects: frozenset[str] = frozenset()
    """'you', 'we': a subject that means anyone."""
    sequence_openers: frozenset[str] = frozenset()
    """'First,', 'Next,': lean on what came before when a comma follows."""
    demonstratives: frozenset[str] = frozenset()
    subject_pronouns: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    plural_pronouns: frozenset[str] = frozenset()
    adverbs: tuple[str, ...] = ()
    """Adverbs that may stand between a subject and its verb ('It also contains')."""
    advice: tuple[tuple[str, ...], ...] = ()
    hint_nouns: frozenset[str] = frozenset()
    advice_verbs: frozenset[str] = frozenset()
    scenario_openers: tuple[tuple[str, ...], ...] = ()
    """Scenario phrases that count only among a sentence's first words."""
    back_references: tuple[tuple[str, ...], ...] = ()
    """Words by which an exercise leans on the one before ('these pods', 'the same job')."""
    adjective_endings: tuple[str, ...] = ()
    """Endings of adjectives: one such word alone is a property, not a term."""
    state_adjectives: frozenset[str] = frozenset()
    """Adjectives of a state ('easy', 'difficult'): a label of one is asked 'Why is X easy ...?'."""
    conjunctions: frozenset[str] = frozenset()
    """'and', 'or': join two of a kind."""
    instrument_verbs: dict = None
    """'uses' -> 'use': a verb whose object is the means of a goal after 'to' ('X uses Y to Z')."""
    made_of: tuple[tuple[str, ...], ...] = ()
    """'equipped with', 'made of', 'powered by': after a copula, what follows is the fact ('What are X equipped
    with?')."""
    adversatives: frozenset[str] = frozenset()
    """'but', 'yet': a second predicate of the same subject joined on ('requires X but can do Y')."""
    recipients: tuple[tuple[str, ...], ...] = ()
    """'you with', 'users with': who a thing is given to, between the verb and what is given ('provides you
    with X')."""
    partitives: frozenset[str] = frozenset()
    """'of': the word before it is a noun ('set of APIs'), whatever else it can be."""
    repeat_determiners: frozenset[str] = frozenset()
    """'another': a determiner that points at one said before ('Another unsupervised technique')."""
    indefinite: tuple[str, ...] = ()
    """The indefinite article, and its form before a vowel ('a', 'an'), standing in for a repeat determiner."""
    context_phrases: tuple[tuple[str, ...], ...] = ()
    """'the next stage', 'the above': words that point at the text around the sentence."""
    list_pointers: tuple[str, ...] = ()
    """'the following': an intro's pointer at its own list."""
    naming: tuple[str, ...] = ()
    """'is called', 'is known as': what gives a description its name ('The movement of water ... is called
    osmosis')."""
    conditions_first: frozenset[str] = frozenset()
    """The first words of the `conditions` ('if', 'when'): a name followed by one is a condition's state."""
    property_labels: frozenset[str] = frozenset()
    """'mechanism of action', 'side effects': labels of more than one word that name a property of the
    heading's subject ('- Side effects: nausea' under '## Metformin')."""
    function_labels: frozenset[str] = frozenset()
    """'Function', 'Role': a label whose line says what its owner does, as 'What does X do?' asks."""
    passage_labels: frozenset[str] = frozenset()
    """'Derivation', 'Idea': a label naming a kind of passage; 'X: derivation?' has no exact answer."""
    quality_nouns: frozenset[str] = frozenset()
    """'Flexibility', 'Performance': a table column of a quality, answered by a level or a measure, not a sentence."""
    use_labels: frozenset[str] = frozenset()
    """Labels of an item's line that say what it is for ('Uses: Object detection')."""
    capability_endings: tuple[str, ...] = ()
    """'수 있다', '가능하다': a description that ends so says what one can do with the name, a trait of it."""
    background_links: tuple[str, ...] = ()
    """'는데': a word ending so joins on a clause that sets the scene for the one after it."""
    hedge_endings: tuple[str, ...] = ()
    """'라고 생각하면 된다' ('think of it as'): a hedge after what a description says."""
    run_on_openers: frozenset[str] = frozenset()
    """'이' (this), '이때' (then): a word standing alone so opens a new sentence where no full stop ended the last
    ('... 매일 복사하는 기능 이 복사본을 남길지 말지에 대한 설정')."""
    statement_endings: tuple[str, ...] = ()
    """'다', '함', '됨': a sentence ending so states a thing; one that does not ends in a noun phrase, says what
    a thing is."""
    population_nouns: frozenset[str] = frozenset()
    """'patients', 'people': an answer that opens with one says in whom a thing is found, not what it is."""
    relational_nouns: frozenset[str] = frozenset()
    comparison_words: frozenset[str] = frozenset()
    """'version', 'edition': a noun always of something; said alone, of the heading's subject."""
    choice_nouns: frozenset[str] = frozenset()
    """'alternative', 'option': what 'the better ...' ranks a thing as, a judgement, not what it is."""
    set_labels: frozenset[str] = frozenset()
    """'variants', 'types', 'modes': a list label over the named kinds of the heading's subject ('- Variants:'
    over '- Canary: shift a small portion of traffic') asks each kind as a case of that subject."""
    cause_labels: frozenset[str] = frozenset()
    """'Causes', 'Etiology': a list label over what causes the heading's subject."""
    existentials: tuple[tuple[str, ...], ...] = ()
    """'there are', 'there is': an opener that points at nothing before it (unlike 'there' = in that place)."""
    count_words: dict[str, int] = dataclasses.field(default_factory=dict)
    """'two' -> 2, 'twofold' -> 2, 'several' -> 0 (any): a count in words, which a set's lead-in may give."""
    that_nouns: frozenset[str] = frozenset()
    """Nouns whose object is a that-clause: 'the assumption that ...', 'the guarantee that ...'."""
    complementizers: frozenset[str] = frozenset()
    """The words that open such a clause ('that')."""
    chain_arrows: tuple[str, ...] = ()
    """What joins the steps of a pipeline written in a line ('Collector -> Parser -> Indexer')."""
    you_forms: dict[str, str] = dataclasses.field(default_factory=dict)
    """The word a question says for the notes' own first person ('build our own assistant' -> 'your own')."""
    number_words: dict[str, float] = dataclasses.field(default_factory=dict)
    """'unitary' -> 1, 'twice' -> 2: words that say a number."""
    pointer_words: frozenset[str] = frozenset()
    """'see', 'cf.': open a parenthetical that points at other text."""
    answer_pointers: tuple[tuple[str, ...], ...] = ()
    """'link to', 'see': a short answer opened so only points at another page."""
    elided_distributives: frozenset[str] = frozenset()
    """'each', 'either' closing an answer with their noun left on the question ('... for each')."""
    plural_quantifiers: frozenset[str] = frozenset()
    """'multiple', 'several': before the plural noun an elided 'each' stands for."""
    leaning_phrases: tuple[tuple[str, ...], ...] = ()
    """'aforementioned', 'doing this': a card's text that leans on what was said before it."""
    link_pointers: tuple[tuple[str, ...], ...] = ()
    """'watch', 'move onto': a sentence with a link opened so sends the reader to the link; on paper it is the
    numbered reference alone."""
    first_singular: frozenset[str] = frozenset()
    """'i', 'my': a statement of the author's about themselves, not about the subject ('Note these are my own
    personal notes'); on a sheet a remark, not a fact."""
    numeral_nouns: frozenset[str] = frozenset()
    """'type', 'phase': a noun after which 'I' is a numeral ('type I error'), not the author."""
    course_units: frozenset[str] = frozenset()
    """'lecture', 'week': a title that is one of these and a number ('Lecture 17') names a place in a course,
    not what the notes are about (a sheet names the terms its notes use most under it)."""
    interjections: frozenset[str] = frozenset()
    """'yo', 'ahah': words that only voice the author's mood."""
    first_plural: tuple[str, ...] = ()
    """'we', "let's": the narrator of a course as a sentence's subject ('We will also write ...')."""
    plural_advice: tuple[str, ...] = ()
    """'need', 'must': after such a subject, advice ('we need to create a role'), not narration."""
    narrator_openers: tuple[str, ...] = ()
    """'moreover', 'so': words before the narrator's 'we' ('Moreover, we would ...')."""
    comment_openers: tuple[str, ...] = ()
    """'clearly', 'obviously': the narrator's comment before a fact, followed by a comma."""
    narrator_frames: tuple[str, ...] = ()
    """'we have seen that', 'as we saw': a frame that only says where the reader met the fact after it."""
    course_preps: tuple[str, ...] = ()
    course_order: tuple[str, ...] = ()
    course_places: tuple[str, ...] = ()
    """'from' 'the previous' 'chapter': a place in the course a sentence stands without."""
    recap_openers: tuple[str, ...] = ()
    """'up until now', 'in this chapter': a sentence opened so walks through the course."""
    remarks: tuple[str, ...] = ()
    """"it's boring", 'good luck': a remark on the work or the reader, not on the subject."""
    case_labels: tuple[str, ...] = ()
    """'case': a list item so opened is a case a proof splits into, not a result."""
    proof_ends: tuple[str, ...] = ()
    """'q.e.d.': a nested list with one is a proof's steps."""
    proof_labels: tuple[str, ...] = ()
    """'proof': a paragraph so opened proves the result above it."""
    proof_steps: tuple[str, ...] = ()
    """'conversely', 'let': a paragraph so opened after a proof's goes on with the proof."""
    hyphenation: str = ""
    """'en-US': the language tag a sheet is printed with (its <html lang>), which picks the dictionary its
    long words are hyphenated by; the language's code when empty."""
    figure_words: frozenset[str] = frozenset()
    """'left', 'top', 'shown': a parenthetical of nothing but these ('(left)') points at a picture a card lacks."""
    comparatives: frozenset[str] = frozenset()
    """'finer', 'less': a short answer that opens on one compares, it does not define."""
    correlative_openers: frozenset[str] = frozenset()
    """'the' of 'the more X, the more Y'."""
    alternatives: frozenset[str] = frozenset()
    """'or', 'alternatively': a line of an answer that says only this opens another way."""
    fillers: tuple[tuple[str, ...], ...] = ()
    """'Essentially,', 'Basically,': an answer's opener that says nothing."""
    participle_endings: tuple[str, ...] = ()
    """'-ed': a verb's participle; one such everyday word hidden is a verb, not a term."""
    plural_verb_endings: tuple[str, ...] = ()
    """Endings of a verb's third-person plural where the language marks it ('-ano', '-ono')."""
    denials: frozenset[str] = frozenset()
    """Words that open a denial of a noun ('No manual management'): no definition opens so."""
    evaluative: frozenset[str] = frozenset()
    """Words that judge rather than define ('a valid metric', 'the best option'): no definition opens so."""
    praise: frozenset[str] = frozenset()
    """Words that praise without naming anything ('robust', 'comprehensive')."""
    vague: frozenset[str] = frozenset()
    """The general nouns praise goes with ('capabilities', 'ecosystem'): with a word of `praise`, an answer
    of them and one other word says nothing a learner could get wrong."""
    support_words: frozenset[str] = frozenset()
    """Words of a goal that say only that it helps ('help', 'support', 'effective'): a purpose made mostly
    of them (and everyday words) says nothing ('To help support effective communication with the LLMs')."""
    roles: tuple[tuple[str, ...], ...] = ()
    """Purpose cues that say what a thing does in its system ('is in charge of', 'is responsible for'), not a
    use a reader picks it for: no 'need -> answer' line on a sheet ('downsampling the input -> Pool layers')."""
    back_labels: dict[str, str] = dataclasses.field(default_factory=dict)
    """A card's kind -> the label its answer takes as a line on another card's back ('purpose' -> 'Used
    for'): a back holds plain lines, never a question and its answer."""
    goal_labels: dict[str, str] = dataclasses.field(default_factory=dict)
    """... and the label joined to an answer that opens with a purpose word ('To handle ...' -> 'Used to
    handle ...'): never a label glued to a sentence's opener ('Used for: To handle ...')."""
    offer_verbs: frozenset[str] = frozenset()
    """Verbs of what a product offers ('provide', 'offer'), in their base form: 'What does X provide?' of a
    name the notes only use has many answers."""
    filler: frozenset[str] = frozenset()
    """Modifiers said of anything of its kind ('new', 'highly customizable', 'multi-purpose'): a definition
    whose modifiers are only these, praise or judgement says what the thing is like, not what it is."""
    reference_headings: tuple[tuple[str, ...], ...] = ()
    """Headings of link lists and bibliographies: what stands under them is no fact to learn."""
    positional: frozenset[str] = frozenset()
    """Words of place and order ('left', 'second'): a short label made of one names no term."""
    conditions: tuple[tuple[str, ...], ...] = ()
    """Conjunctions that open a condition ('if', 'only if'), longest first."""
    gerund_endings: tuple[str, ...] = ()
    """The ending of the verb form after 'by' in a means."""
    defining_participles: frozenset[str] = frozenset()
    """'Statistical method designed for ...': a participle that opens what a noun phrase is."""
    gerund_preps: frozenset[str] = frozenset()
    """'A tool for detecting ...': a preposition that, before a gerund, opens what a noun phrase is for."""
    verb_particles: frozenset[str] = frozenset()
    """Prepositions a verb takes before its object ('starts with', 'relies on'): asked with the verb."""
    first_person: frozenset[str] = frozenset()
    """'we', 'us', 'our': the writer's own story ('Staying at a resort whenever we want'), no definition."""
    lookup_comments: frozenset[str] = frozenset()
    """A command's comment that says it only looks something up first ('# find the job pod', '# get all')."""
    check_verbs: frozenset[str] = frozenset()
    next_task: frozenset[str] = frozenset()
    time_links: frozenset[str] = frozenset()
    """Words that open a clause of time after a passive ('is added as weights are learned')."""
    open_verbs: frozenset[str] = frozenset()
    """'supports', 'allows': verbs whose 'What does X do?' has many answers (asked of a name's first line only)."""
    conclusion_openers: frozenset[str] = frozenset()
    """'therefore', 'thus': how the sentence that closes a worked example opens."""
    restriction_preps: frozenset[str] = frozenset()
    """'for', 'in': what follows the state a name is restricted to ('only used in ring networks')."""
    ability_endings: tuple[str, ...] = ()
    """'-able', '-ible': adjectives that say what a thing can be ('applicable', 'available')."""
    qualifier_preps: frozenset[str] = frozenset()
    """'in', 'among': where a worked example's given quantity is qualified, past its name ('Prevalence of the
    disease | in the general population: 2%')."""
    define_verbs: tuple[str, ...] = ()
    """'define': the verb before an inline equation that defines a section's thing."""
    case_prepositions: frozenset[str] = frozenset()
    """'for', 'in': a heading opening so names a case of its parent's result ('For decreasing sequences')."""
    noun_links: frozenset[str] = frozenset()
    """'of': joins a noun phrase's head to what it is of ('This implementation of the Word2vec algorithms ...')."""
    role_links: frozenset[str] = frozenset()
    """'as': 'uses Y as the base network' names the role Y plays."""
    indefinite_articles: frozenset[str] = frozenset()
    """'a', 'an': an object so opened, of the pointer's own kind, says what the thing is."""
    result_leads: frozenset[str] = frozenset()
    """'to', 'then': the word before the formula a listed result ends with ('converges to $x+y$')."""
    setup_openers: frozenset[str] = frozenset()
    """'let', 'suppose': how a sentence that sets up symbols opens."""
    superlative_endings: tuple[str, ...] = ()
    """'-est': how the language's superlative adjectives end ('largest', 'simplest')."""
    gloss_markers: tuple[str, ...] = ()
    """'i.e.', 'ovvero': the words that open a gloss of the term before them."""
    default_markers: tuple[str, ...] = ()
    """'by default': the phrase that says a state is the one a thing starts with."""
    weak_plural_endings: tuple[str, ...] = ()
    """Endings of a plural that a singular has too (Italian '-e': 'pompe', 'sede'): a plural only when what
    the name is said to be is one."""
    relations: tuple[tuple[str, ...], ...] = ()
    """'due to', 'proportional to': what a copula may relate a name to besides a likeness."""
    relation_leads: dict = None
    """A relation's last word -> the words a question about it opens with (Italian 'a' -> 'A cosa')."""
    means: tuple[tuple[str, ...], ...] = ()
    """Words that open a means ('by' in 'X reduces Y by caching')."""
    reasons: tuple[tuple[str, ...], ...] = ()
    """Words that open a reason ('because' in 'X is preferred because Y')."""
    property_nouns: frozenset[str] = frozenset()
    """'Its main function is ...': the properties a possessive sentence gives its name ('function', 'role')."""
    going_on: frozenset[str] = frozenset()
    """'deeper dive', 'continued': a heading that only says it goes on with the section before it."""
    fact_nouns: frozenset[str] = frozenset()
    """'property', 'identity', 'rule': a label ending in one ('Useful derivative property: $g'(z) = ...$') names
    a fact about the thing its section is about, not a quantity: the formula is asked with that thing's name."""
    likeness: tuple[tuple[str, ...], ...] = ()
    """'similar to', 'equivalent to': what a name is said to resemble or equal."""
    degree_adverbs: frozenset[str] = frozenset()
    """'very', 'quite': a degree before a relation ('very similar to'), left out of it."""
    extremes: frozenset[str] = frozenset()
    """'maximum', 'peak': a sentence saying where one is reached ('occurs at G=0.5') states a number."""
    consequence_modals: frozenset[str] = frozenset()
    """'will': the modal of what follows from a condition put first ('If N > 1, every frame will collide')."""
    deictic_tails: tuple[tuple[str, ...], ...] = ()
    """'like this': what closes a description by pointing at an example before it, and may be left out."""
    exchange_labels: frozenset[str] = frozenset()
    """'Answer', 'Question': labels of a question and its reply, no property of the name above them."""
    formula_namers: tuple[tuple[str, ...], ...] = ()
    """'solve for', 'yields', 'expanded using': a formula's lead-in names what it is after these words."""
    formula_givers: tuple[tuple[str, ...], ...] = ()
    """'gives us': a formula's lead-in names what it is before these words ('Recall that X gives us:')."""
    superlatives: frozenset[str] = frozenset()
    """'most', 'best': a claim that ranks, true only among the options of one exercise."""
    only_words: frozenset[str] = frozenset()
    """'only', 'sole': 'the only way to Y' singles one thing out, as a superlative does."""
    limit_nouns: frozenset[str] = frozenset()
    """'limits', 'quota': 'the 6 GB memory and 200 concurrency limits of X' gives X's limits, one card each."""
    consequence: frozenset[str] = frozenset()
    """'then': opens a result after its condition."""
    adverb_endings: tuple[str, ...] = ()
    """'-ly', '-mente': how the language's adverbs end ('Typically uses ...' opens with no subject)."""
    reflexive_clitics: frozenset[str] = frozenset()
    """'si': a pronoun that stands before its verb ('Si legano ai ribosomi' opens with a verb all the same)."""
    contrast_joins: tuple[str, ...] = ()
    """'but', 'yet': what joins a clause that says the other side of the one before ('optional, but ...')."""
    set_determiners: frozenset[str] = frozenset()
    """'some', 'several': words before the noun of a lead-in's set ('Here are some properties:')."""
    quantifiers: tuple[tuple[str, ...], ...] = ()
    """'for all', 'for any': open a statement about every thing of a kind ('For any x, ... implies ...')."""
    entails: tuple[tuple[str, ...], ...] = ()
    """'implies', 'iff', 'we have': join a quantified statement's assumptions to what follows from them."""
    choice_verbs: frozenset[str] = frozenset()
    """Verbs of advice whose condition is the fact ('Use X when Y')."""
    choice_hedges: tuple[str, ...] = ()
    """'you might want to', 'you should': what may stand between a leading condition and its advice."""
    example_openers: tuple[str, ...] = ()
    """'like', 'such as': what opens the examples after a thing named in an advice."""
    means_markers: tuple[str, ...] = ()
    purpose_markers: tuple[str, ...] = ()
    """The word that opens a goal after what a thing does ('to'): a gist whose head before it says the name
    again asks the goal."""
    contrast_preps: tuple[str, ...] = ()
    """'over', 'instead of': what an advice's thing is preferred to."""
    condition_verbs: tuple[tuple[str, ...], ...] = ()
    """Verbs of 'X is Y if Z' ('is', 'is called')."""
    no_article_endings: tuple[str, ...] = ()
    """Endings of names asked without an article ('kick sampling')."""
    definite: str = ""
    """The definite article a generated question puts before a common noun ('the arc estimate')."""
    implied: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(question template, opener) of list lines that leave their subject to the line above ('Useful for
    ...' -> 'useful_for'), longest opener first."""
    base_verbs: dict = None
    """Third-person form -> base form of every verb of `verbs` ('adds' -> 'add')."""
    verbs: frozenset[str] = frozenset()
    """Third-person forms of the verbs that may follow a subject ('contains', 'carries')."""

    def acts(self, tok: str) -> bool:
        """'tests', 'removes', 'carries': a third-person verb of any verb list (English marks it with -s)."""
        if self.code != "en" or not tok.endswith("s") or tok.endswith("ss") or len(tok) < 4:
            return tok in self.verbs and self.code != "en"
        if tok in self.verbs or tok in (self.object_verbs or {}):
            return True  # (verbs holds en-verbs.txt's forms too: 'organizes', 'expands')
        if tok.endswith("ies"):
            base = tok[:-3] + "y"  # 'carries'
        elif tok.endswith(("sses", "xes", "zes", "ches", "shes")):
            base = tok[:-2]  # 'pushes' (not 'users' -> 'use')
        else:
            base = tok[:-1]
        return base in self.imperatives or base in self.advice_verbs or base in (self.object_verbs or {})

    def template(self, name: str, **values: str) -> str:
        """A generated question in this language: 'What is {term}?'; '{a|b}' picks the particle that fits
        the word before it (Korean: 이란 after a final consonant, 란 after a vowel)."""
        out = self.templates[name]
        for k, v in values.items():
            out = out.replace("{" + k + "}", v)
        return re.sub(r"\{([^{}|]+)\|([^{}|]+)\}", lambda m: _particle(out[: m.start()], m.group(1), m.group(2)), out)


def _particle(before: str, after_consonant: str, after_vowel: str) -> str:
    word = before.rstrip("*_` )]\"'")
    last = word[-1:]
    if "가" <= last <= "힣":
        return after_consonant if (ord(last) - 0xAC00) % 28 else after_vowel
    return after_consonant if _ends_in_consonant(word) else after_vowel


# How a Korean reader says the end of a Latin word or a number, which picks the particle: letter
# names (엘, 엠, 엔, 알) and digits (영, 일, 삼, 육, 칠, 팔) that end in a consonant; a spelled word ends
# in one when it ends in a nasal or liquid ('Lambda' 람다 but 'Pod' 파드, 'Bean' 빈, 'Pool' 풀).
_LETTER_CONSONANT = frozenset("LMNR")
_DIGIT_CONSONANT = frozenset("013678")


def _ends_in_consonant(word: str) -> bool:
    m = re.search(r"([A-Za-z]+|[0-9])[^A-Za-z0-9]*$", word)
    if not m:
        return True  # (unknown script: the consonant form, which reads as the written default)
    tail = m.group(1)
    if tail.isdigit():
        return tail in _DIGIT_CONSONANT
    if tail.isupper() and len(tail) <= 5:  # an acronym is read letter by letter: 'AMI' 에이엠아이
        return tail[-1] in _LETTER_CONSONANT
    return tail.lower().endswith(("m", "n", "l", "ng"))


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    # longest first, so 'is defined as' wins over 'is'
    return tuple(sorted({tuple(tokens(p)) for p in items if p.strip()}, key=len, reverse=True))


@functools.cache
def lang(code: str) -> Lang:
    path = HERE / f"{code}.toml"
    if not path.is_file():
        path = HERE / f"{DEFAULT}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    lower = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
    return Lang(
        code=data["code"],
        articles=lower(data.get("articles", [])),
        copulas=lower(data.get("copulas", [])),
        definers=_phrases(data.get("definers", [])),
        purpose=_phrases(data.get("purpose", [])),
        cause=_phrases(data.get("cause", [])),
        contrast=_phrases(data.get("contrast", [])),
        negations=lower(data.get("negations", [])),
        warnings=_phrases(data.get("warnings", [])),
        modals=lower(data.get("modals", [])),
        dangling=lower(data.get("dangling", [])),
        scenario=_phrases(data.get("scenario", [])),
        labels=lower(data.get("labels", [])),
        question_words=lower(data.get("question_words", [])),
        asides=_phrases(data.get("asides", [])),
        imperatives=lower(data.get("imperatives", [])),
        topic_particles=tuple(sorted(data.get("topic_particles", []), key=len, reverse=True)),
        copula_endings=tuple(sorted(data.get("copula_endings", []), key=len, reverse=True)),
        templates={k: v for k, v in data.items() if isinstance(v, str) and "{" in v},
        plural_endings=tuple(data.get("plural_endings", [])),
        in_order=data.get("in_order", "In order"),
        plural_exceptions=tuple(data.get("plural_exceptions", [])),
        function_words=lower(data.get("function_words", [])),
        category_words=lower(data.get("category_words", [])),
        empty_phrases=_phrases(data.get("empty_phrases", [])),
        genus_links=lower(data.get("genus_links", [])),
        alternative_openers=lower(data.get("alternative_openers", [])),
        alternative_denials=_phrases(data.get("alternative_denials", [])),
        owned_set_leads=_phrases(data.get("owned_set_leads", [])),
        concessive_openers=_phrases(data.get("concessive_openers", [])),
        difference_nouns=lower(data.get("difference_nouns", [])),
        check_steps=lower(data.get("check_steps", [])),
        difference_preps=tuple(tuple(p.split()) for p in data.get("difference_preps", [])),
        suffix_particles=tuple(sorted(data.get("suffix_particles", []), key=len, reverse=True)),
        object_verbs={
            **{v: v for v in data.get("object_verbs", [])},
            **{_third_person(v): v for v in data.get("object_verbs", [])},
        },
        example_headings=_phrases(data.get("example_headings", [])),
        anaphora=lower(data.get("anaphora", [])),
        place_definers=lower(data.get("place_definers", [])),
        definition_determiners=lower(data.get("definition_determiners", [])),
        clause_stems=tuple(data.get("clause_stems", [])),
        additive_openers=_phrases(data.get("additive_openers", [])),
        relatives=lower(data.get("relatives", [])),
        comment_relatives=lower(data.get("comment_relatives", [])),
        generic_subjects=lower(data.get("generic_subjects", [])),
        sequence_openers=lower(data.get("sequence_openers", [])),
        demonstratives=lower(data.get("demonstratives", [])),
        subject_pronouns=lower(data.get("subject_pronouns", [])),
        possessives=lower(data.get("possessives", [])),
        plural_pronouns=lower(data.get("plural_pronouns", [])),
        adverbs=tuple(data.get("adverbs", [])),
        advice=_phrases(data.get("advice", [])),
        hint_nouns=lower(data.get("hint_nouns", [])),
        advice_verbs=lower(data.get("advice_verbs", [])),
        scenario_openers=_phrases(data.get("scenario_openers", [])),
        back_references=_phrases(data.get("back_references", [])),
        positional=lower(data.get("positional", [])),
        state_adjectives=lower(data.get("state_adjectives", [])),
        conjunctions=lower(data.get("conjunctions", [])),
        adversatives=lower(data.get("adversatives", [])),
        made_of=_phrases(data.get("participle_objects", [])),
        instrument_verbs={
            **{v: v for v in data.get("instrument_verbs", [])},
            **{_third_person(v): v for v in data.get("instrument_verbs", [])},
        },
        recipients=_phrases(data.get("recipients", [])),
        partitives=lower(data.get("partitives", [])),
        repeat_determiners=lower(data.get("repeat_determiners", [])),
        indefinite=tuple(data.get("indefinite", [])),
        context_phrases=_phrases(data.get("context_phrases", [])),
        pointer_words=lower(data.get("pointer_words", [])),
        answer_pointers=_phrases(data.get("answer_pointers", [])),
        elided_distributives=lower(data.get("elided_distributives", [])),
        plural_quantifiers=lower(data.get("plural_quantifiers", [])),
        leaning_phrases=_phrases(data.get("leaning_phrases", [])),
        link_pointers=_phrases(data.get("link_pointers", [])),
        first_singular=lower(data.get("first_singular", [])),
        interjections=lower(data.get("interjections", [])),
        first_plural=tuple(x.lower() for x in data.get("first_plural", [])),
        plural_advice=tuple(x.lower() for x in data.get("plural_advice", [])),
        narrator_openers=tuple(x.lower() for x in data.get("narrator_openers", [])),
        comment_openers=tuple(x.lower() for x in data.get("comment_openers", [])),
        narrator_frames=tuple(x.lower() for x in data.get("narrator_frames", [])),
        course_preps=tuple(x.lower() for x in data.get("course_preps", [])),
        course_order=tuple(x.lower() for x in data.get("course_order", [])),
        course_places=tuple(x.lower() for x in data.get("course_places", [])),
        recap_openers=tuple(x.lower() for x in data.get("recap_openers", [])),
        remarks=tuple(x.lower() for x in data.get("remarks", [])),
        case_labels=tuple(x.lower() for x in data.get("case_labels", [])),
        proof_ends=tuple(x.lower() for x in data.get("proof_ends", [])),
        proof_labels=tuple(x.lower() for x in data.get("proof_labels", [])),
        proof_steps=tuple(x.lower() for x in data.get("proof_steps", [])),
        hyphenation=data.get("hyphenation", ""),
        numeral_nouns=lower(data.get("numeral_nouns", [])),
        course_units=lower(data.get("course_units", [])),
        figure_words=lower(data.get("figure_words", [])),
        comparatives=lower(data.get("comparatives", [])),
        correlative_openers=lower(data.get("correlative_openers", [])),
        alternatives=lower(data.get("alternatives", [])),
        fillers=_phrases(data.get("fillers", [])),
        participle_endings=tuple(data.get("participle_endings", [])),
        plural_verb_endings=tuple(data.get("plural_verb_endings", [])),
        list_pointers=tuple(sorted(data.get("list_pointers", []), key=len, reverse=True)),
        naming=tuple(x.lower() for x in data.get("naming", [])),
        conditions_first=frozenset(c.split()[0].lower() for c in data.get("conditions", []) if c.strip()),
        property_labels=lower(data.get("property_labels", [])),
        function_labels=lower(data.get("function_labels", [])),
        passage_labels=lower(data.get("passage_labels", [])),
        quality_nouns=lower(data.get("quality_nouns", [])),
        use_labels=lower(data.get("use_labels", [])),
        set_labels=lower(data.get("set_labels", [])),
        cause_labels=lower(data.get("cause_labels", [])),
        choice_nouns=lower(data.get("choice_nouns", [])),
        relational_nouns=lower(data.get("relational_nouns", [])),
        comparison_words=lower(data.get("comparison_words", [])),
        population_nouns=lower(data.get("population_nouns", [])),
        capability_endings=tuple(sorted(data.get("capability_endings", []), key=len, reverse=True)),
        hedge_endings=tuple(sorted(data.get("hedge_endings", []), key=len, reverse=True)),
        background_links=tuple(data.get("background_links", [])),
        run_on_openers=frozenset(data.get("run_on_openers", [])),
        statement_endings=tuple(data.get("statement_endings", [])),
        existentials=_phrases(data.get("existentials", [])),
        count_words={k.lower(): int(v) for k, v in data.get("count_words", {}).items()},
        chain_arrows=tuple(data.get("chain_arrows", [])),
        that_nouns=lower(data.get("that_nouns", [])),
        complementizers=lower(data.get("complementizers", [])),
        roles=_phrases(data.get("roles", [])),
        you_forms={k.lower(): v for k, v in data.get("you_forms", {}).items()},
        number_words={k.lower(): float(v) for k, v in data.get("number_words", {}).items()},
        denials=lower(data.get("denials", [])),
        evaluative=lower(data.get("evaluative", [])),
        praise=lower(data.get("praise", [])),
        vague=lower(data.get("vague", [])),
        support_words=lower(data.get("support_words", [])),
        back_labels=dict(data.get("back_labels", {})),
        goal_labels=dict(data.get("goal_labels", {})),
        filler=lower(data.get("filler", [])),
        offer_verbs=lower(data.get("offer_verbs", [])),
        reference_headings=_phrases(data.get("reference_headings", [])),
        adjective_endings=tuple(data.get("adjective_endings", [])),
        conditions=_phrases(data.get("conditions", [])),
        gerund_endings=tuple(data.get("gerund_endings", [])),
        defining_participles=lower(data.get("defining_participles", [])),
        gerund_preps=lower(data.get("gerund_preps", [])),
        verb_particles=lower(data.get("verb_particles", [])),
        first_person=lower(data.get("first_person", [])),
        lookup_comments=lower(data.get("lookup_comments", [])),
        check_verbs=lower(data.get("check_verbs", [])),
        next_task=lower(data.get("next_task", [])),
        time_links=lower(data.get("time_links", [])),
        open_verbs=lower(data.get("open_verbs", [])),
        conclusion_openers=lower(data.get("conclusion_openers", [])),
        qualifier_preps=lower(data.get("qualifier_preps", [])),
        restriction_preps=lower(data.get("restriction_preps", [])),
        ability_endings=tuple(data.get("ability_endings", [])),
        define_verbs=tuple(x.lower() for x in data.get("define_verbs", [])),
        case_prepositions=lower(data.get("case_prepositions", [])),
        noun_links=lower(data.get("noun_links", [])),
        role_links=lower(data.get("role_links", [])),
        indefinite_articles=lower(data.get("indefinite_articles", [])),
        result_leads=lower(data.get("result_leads", [])),
        setup_openers=lower(data.get("setup_openers", [])),
        superlative_endings=tuple(x.lower() for x in data.get("superlative_endings", [])),
        gloss_markers=tuple(x.lower() for x in data.get("gloss_markers", [])),
        default_markers=tuple(x.lower() for x in data.get("default_markers", [])),
        relations=_phrases(data.get("relations", [])),
        weak_plural_endings=tuple(data.get("weak_plural_endings", [])),
        relation_leads={k.lower(): v for k, v in data.get("relation_leads", {}).items()},
        means=_phrases(data.get("means", [])),
        reasons=_phrases(data.get("reasons", [])),
        property_nouns=lower(data.get("property_nouns", [])),
        fact_nouns=lower(data.get("fact_nouns", [])),
        going_on=lower(data.get("going_on", [])),
        likeness=_phrases(data.get("likeness", [])),
        degree_adverbs=lower(data.get("degree_adverbs", [])),
        extremes=lower(data.get("extremes", [])),
        consequence_modals=lower(data.get("consequence_modals", [])),
        deictic_tails=_phrases(data.get("deictic_tails", [])),
        exchange_labels=lower(data.get("exchange_labels", [])),
        formula_namers=_phrases(data.get("formula_namers", [])),
        formula_givers=_phrases(data.get("formula_givers", [])),
        superlatives=lower(data.get("superlatives", [])),
        only_words=lower(data.get("only_words", [])),
        limit_nouns=lower(data.get("limit_nouns", [])),
        consequence=lower(data.get("consequence", [])),
        set_determiners=lower(data.get("set_determiners", [])),
        contrast_joins=tuple(x.lower() for x in data.get("contrast_joins", [])),
        adverb_endings=tuple(x.lower() for x in data.get("adverb_endings", [])),
        reflexive_clitics=lower(data.get("reflexive_clitics", [])),
        quantifiers=_phrases(data.get("quantifiers", [])),
        entails=_phrases(data.get("entails", [])),
        choice_verbs=lower(data.get("choice_verbs", [])),
        choice_hedges=tuple(sorted({x.lower() for x in data.get("choice_hedges", [])}, key=lambda x: (-len(x), x))),
        example_openers=tuple(x.lower() for x in data.get("example_openers", [])),
        means_markers=tuple(x.lower() for x in data.get("means_markers", [])),
        purpose_markers=tuple(x.lower() for x in data.get("purpose_markers", [])),
        contrast_preps=tuple(x.lower() for x in data.get("contrast_preps", [])),
        condition_verbs=_phrases(data.get("condition_verbs", [])),
        no_article_endings=tuple(data.get("no_article_endings", [])),
        definite=data.get("definite", ""),
        implied=tuple(
            sorted(
                (
                    (name[len("implied_") :], p)
                    for name, ps in data.items()
                    if name.startswith("implied_")
                    for p in _phrases(ps)
                ),
                key=lambda x: len(x[1]),
                reverse=True,
            )
        ),
        use_frames=_phrases(data.get("use_frames", [])),
        purpose_preps=_phrases(data.get("purpose_preps", [])),
        purpose_frames=_phrases(data.get("purpose_frames", [])),
        base_verbs={_third_person(v): v for v in [*data.get("verbs", []), *data.get("object_verbs", [])]},
        verbs=frozenset(
            [
                *(_third_person(v) for v in data.get("verbs", [])),
                *data.get("verbs", []),
                *_listed(data.get("verb_forms")),
            ]
        )
        if data["code"] == "en"
        else frozenset([*data.get("verbs", []), *_listed(data.get("verb_forms"))]),
    )


def _listed(name: str | None) -> list[str]:
    """A word list kept in a file of its own beside the TOML (one word a line, '#' comments)."""
    if not name:
        return []
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [w.strip().lower() for w in lines if w.strip() and not w.startswith("#")]


def third_person(verb: str, lang: str) -> str:
    """The form that says what a thing does ('learn' -> 'learns'); '' in a language with no such rule here."""
    return _third_person(verb.lower()) if lang == "en" and verb.isalpha() else ""


def _third_person(verb: str) -> str:
    """English: 'contain' -> 'contains', 'carry' -> 'carries', 'focus' -> 'focuses', 'have' -> 'has'."""
    if verb == "have":
        return "has"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb + "s"


def known() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.toml") if p.stem != "units")


@functools.cache
def code_list(name: str) -> tuple[str, ...]:
    """The list `name` of code/<name>.toml: words about code, in no language (a folder of its own: every TOML
    file beside the languages is read as one)."""
    with open(HERE / "code" / f"{name}.toml", "rb") as f:
        return tuple(tomllib.load(f)[name])


@functools.cache
def editors() -> tuple[str, ...]:
    """Commands that open a file in an editor (code/editors.toml), longest first."""
    return tuple(sorted(code_list("editors"), key=len, reverse=True))


@functools.cache
def units() -> tuple[frozenset[str], frozenset[str]]:
    """(units matched exactly, units matched in any case): short symbols are case-sensitive."""
    data = tomllib.loads((HERE / "units.toml").read_text(encoding="utf-8"))
    exact = frozenset(u for u in data["units"] if len(u) <= 3)
    anycase = frozenset(u.lower() for u in data["units"] if len(u) > 3)
    return exact, anycase


_WORD = re.compile(r"[\w][\w'’.-]*[\w]|[\w]|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased words and single punctuation marks ("don't" and 'e.g.' stay whole)."""
    return list(_tokens(text))


@functools.lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    # The card rules and the gate ask for the same lines' words again and again (18,738 times for 1,403 texts
    # in 5 copies of the user's notes): each line is split once; every caller gets a list of its own.
    return tuple(
        t.lower().rstrip(".") if t.endswith(".") and t.count(".") == 1 else t.lower() for t in _WORD.findall(text)
    )


def script(text: str) -> str:
    """'hangul', 'kana', 'han', 'arabic', 'hebrew', 'cyrillic' or 'latin': the script most letters are in."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for s in ("HANGUL", "HIRAGANA", "KATAKANA", "CJK", "ARABIC", "HEBREW", "CYRILLIC", "GREEK", "LATIN"):
            if name.startswith(s):
                counts[s] = counts.get(s, 0) + 1
                break
    if not counts:
        return "latin"
    top = max(counts, key=counts.get)
    return {"HIRAGANA": "kana", "KATAKANA": "kana", "CJK": "han"}.get(top, top.lower())


def detect(texts: list[str]) -> str:
    """The language of a notes file: by script, then by which language's function words it uses most."""
    sample = " ".join(texts)[:20000]
    sc = script(sample)
    if sc == "hangul":
        return "ko"
    if sc != "latin":
        return DEFAULT
    words = tokens(sample)
    best, best_score = DEFAULT, 0.0
    for code in known():
        lg = lang(code)
        common = lg.articles | lg.copulas | lg.negations
        if not common:
            continue
        score = sum(1 for w in words if w in common) / max(1, len(words))
        if score > best_score:
            best, best_score = code, score
    return best


# -- how common a word is ---------------------------------------------------------------------------
#
# wordfreq's import costs a third of a second (langcodes compiles its tables' patterns, the list is unpacked
# into a dict of 321,000 words): more than the rest of a one-domain rebuild's card work. Its list is kept
# instead as a compact table in the build cache (the words sorted, each one's frequency bucket), read in
# 20 ms and searched by bisection; wordfreq itself is imported only when the table is missing or its data
# files changed. The frequencies are wordfreq's own, computed by its formula: the cards are the same.

TABLE_FORMAT = 1
_table_dir: Path | None = None


def keep_tables(folder: Path | None) -> None:
    """Keep the compact frequency tables in `folder` (the build cache), read from there by later builds."""
    global _table_dir
    _table_dir = folder


class _Table:
    """A language's word frequencies: the words sorted, and each one's wordfreq bucket (centibels below 1)."""

    def __init__(self, words_sorted: list[str], buckets: array.array):
        self.words, self.buckets = words_sorted, buckets

    def get(self, word: str, default: float = 0.0) -> float:
        i = bisect.bisect_left(self.words, word)
        if i < len(self.words) and self.words[i] == word:
            return 10 ** (-self.buckets[i] / 100)  # wordfreq's cB_to_freq, as get_frequency_dict makes it
        return default


def _wordfreq_stamp(code: str) -> list:
    """What wordfreq's list for `code` comes from, without importing wordfreq: its code's and its data
    files' sizes and times."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.origin:
        return []
    pkg = Path(spec.origin).parent
    files = [pkg / "__init__.py", *sorted((pkg / "data").glob(f"*_{code}.msgpack.gz"))]
    out = []
    for path in files:
        with contextlib.suppress(OSError):
            st = path.stat()
            out.append((path.name, st.st_size, st.st_mtime_ns))
    return out


def _read_table(path: Path, stamp: list) -> _Table | None:
    try:
        data = marshal.loads(path.read_bytes())
        fmt, got_stamp, words_sorted, buckets = data
    except (OSError, EOFError, ValueError, TypeError):
        return None  # absent, damaged or from another Python: made again
    if fmt != TABLE_FORMAT or got_stamp != stamp:
        return None
    table = array.array("H")
    table.frombytes(buckets)
    return _Table(words_sorted, table) if len(table) == len(words_sorted) else None


def _made_table(code: str) -> _Table:
    """wordfreq's list for `code` (its best, as get_frequency_dict reads it: a later bucket's word wins)."""
    import wordfreq  # noqa: PLC0415  (a third of a second: only when the build cache has no table)

    try:
        pack = wordfreq.get_frequency_list(code, wordlist="best")
    except LookupError:
        pack = []
    bucket_of = {word: index for index, bucket in enumerate(pack) for word in bucket}
    words_sorted = sorted(bucket_of)
    return _Table(words_sorted, array.array("H", (bucket_of[w] for w in words_sorted)))


@functools.lru_cache(maxsize=16)
def _frequencies(code: str) -> _Table:
    stamp = _wordfreq_stamp(code)
    path = _table_dir / "words" / f"zipf-{code}.marshal" if _table_dir is not None else None
    table = _read_table(path, stamp) if path is not None else None
    if table is None:
        table = _made_table(code)
        if path is not None:
            data = (TABLE_FORMAT, stamp, table.words, table.buckets.tobytes())
            with contextlib.suppress(OSError):
                write_if_changed(path, marshal.dumps(data), durable=False)
    return table


def tables_kept() -> bool:
    """Whether the build cache holds a frequency table of some language (a build that made one before)."""
    return _table_dir is not None and any((_table_dir / "words").glob("zipf-*.marshal"))


def preload(code: str) -> None:
    """What the card rules read of a language, read now: its word lists and its frequency table (made from
    wordfreq when the build cache has none: 0.5 s of CPU). Card workers forked after this share them instead
    of each reading them again (tricks.map_forked)."""
    _frequencies(code)
    _frequencies(lang(code).code)


@functools.lru_cache(maxsize=1 << 16)
def zipf(word: str, code: str) -> float:
    """How common a word is in the language, on the Zipf scale (7: 'the', 3: 'ribosome', 0: unknown).
    Looked up in wordfreq's bundled lists directly, so no tokenizer (MeCab for Korean) is needed."""
    f = _frequencies(code).get(word.lower(), 0.0)
    return round(math.log10(f) + 9, 2) if f > 0 else 0.0


@functools.cache
def vocab_columns() -> dict[str, str]:
    """A vocabulary table's column headers (tables/vocab.toml), lower-cased, to what the column holds:
    'word', 'reading', 'forms', 'meaning' or 'example'."""
    with open(HERE / "tables" / "vocab.toml", "rb") as f:
        data = tomllib.load(f)
    return {h.lower(): role for role, headers in data.items() for h in headers}
