"""A domain's cards with the model: the rules' for the author's markup and tables, the model's for prose."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Block, Card, Domain, NotesFile, Section
from ..report import NotesError, Report
from . import Settings
from .adapter import MODEL_RULE, kept_from_rules, model_cards
from .answers import Answers, answer_key
from .checks import Item, Malformed, check, key_words, parse
from .prompt import PROMPT_VERSION, RESPONSE_FORMAT, TEMPERATURE, block_text, messages, section_text


class ModelUnreachable(NotesError):
    """`--cards llm` and no answer can be had from the server: the build stops with one line."""


@dataclass
class Stats:
    """What the model writer did in this build, for the summary and the preview."""

    model: str
    url: str
    requests: int = 0
    """HTTP requests sent, retries included."""
    answered: int = 0
    """Sections answered by this build's requests."""
    cached: int = 0
    """Sections whose answer came from the build cache (no request)."""
    fallbacks: int = 0
    """Sections whose cards the rules wrote instead (no usable answer)."""
    dropped: Counter = field(default_factory=Counter)
    """Model cards dropped by the checks, by reason ('ungrounded', 'cloze error', ...)."""


class Writer:
    def __init__(
        self, settings: Settings, modes: dict[int, str], notes: list[NotesFile], cache_dir: Path, report: Report
    ):
        self.settings = settings
        self.modes = modes
        """id(notes file) -> 'llm' or 'auto', for the files whose prose the model writes."""
        self.notes = [nf for nf in notes if id(nf) in modes]
        self.answers = Answers(cache_dir)
        self.report = report
        self.stats = Stats(settings.model or "", settings.url)
        data = [PROMPT_VERSION, settings.model, TEMPERATURE, RESPONSE_FORMAT]
        self.key = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
        """What model-written cards depend on besides the notes (part of the build cache's card keys)."""
        self._content: dict[str, str] = {}
        self._fresh: set[str] = set()
        self._failed: dict[str, str] = {}
        self._down: str | None = None
        self._fetched = False
        self.offline = False
        """True: answers from the cache only, nothing sent (the preview of a sheets-only build)."""

    def key_for(self, nf: NotesFile) -> str | None:
        """The part of the file's card keys that says the model writes its prose; None: the rules do."""
        return self.key if id(nf) in self.modes else None

    # -- the requests, all at once on the first domain that needs cards --------------------------------

    def _fetch(self) -> None:
        self._fetched = True
        pending: dict[str, tuple[Section, NotesFile, list[dict]]] = {}
        used: set[str] = set()
        for nf in self.notes:
            for d in nf.domains:
                for s in d.sections:
                    text = section_text(s)
                    if not text:
                        continue
                    key = answer_key(self.settings.model, s.path, text)
                    used.add(key)
                    content = self.answers.get(key)
                    if content is not None:
                        self._content[key] = content
                    elif key not in pending:
                        pending[key] = (s, nf, messages(s.path, text))
        if self.offline:
            return  # (nor are answers forgotten: this build makes no deck)
        self.answers.keep_only(used)
        if pending:
            self._send(pending)

    def _send(self, pending: dict) -> None:
        from concurrent.futures import ThreadPoolExecutor, as_completed

        from .client import Client, MissingClient

        try:
            client = Client(self.settings)
        except MissingClient as e:
            self._give_up(str(e), pending, fix="")
            return
        total = len(pending)
        self.report.step("model", 0, total)
        pool = ThreadPoolExecutor(max_workers=max(1, self.settings.jobs))
        try:
            futures = [pool.submit(self._ask, client, key, msgs) for key, (_s, _nf, msgs) in pending.items()]
            for done, future in enumerate(as_completed(futures), 1):
                future.result()  # a bug of ours in a thread is raised here, not lost
                self.report.step("model", done, total)
        finally:
            # on Ctrl-C or an error, no wait for the requests in flight (each may take the whole timeout)
            pool.shutdown(wait=False, cancel_futures=True)
            self.stats.requests += client.requests
        if self._down:
            self._give_up(
                f"cannot reach the model server ({self._down})",
                {k: v for k, v in pending.items() if k not in self._content},
            )

    def _ask(self, client, key: str, msgs: list[dict]) -> None:
        from .client import Failed, Unreachable

        problem = ""
        for _attempt in range(2):  # a malformed answer is asked for once more
            if self._down:
                return
            try:
                content = client.ask(msgs)
            except Unreachable as e:
                self._down = str(e)
                return
            except Failed as e:
                self._failed[key] = str(e)
                return
            try:
                parse(content)
            except Malformed as e:
                problem = str(e)
                continue
            self.answers.put(key, content)
            self._content[key] = content
            self._fresh.add(key)
            return
        self._failed[key] = f"malformed answer, twice: {problem}"

    def _give_up(self, why: str, pending: dict, fix: str = ": start it") -> None:
        """No answers at all: an error for `--cards llm`, one warning and the rules for `auto`."""
        strict = [nf for _s, nf, _m in pending.values() if self.modes[id(nf)] == "llm"]
        if strict:
            raise ModelUnreachable(self.settings.url, f"{why}{fix}, or build with --cards rules")
        self.report.warn(
            self.settings.url, f"{why}: the rules write the cards of {len(pending)} section(s) (--cards auto)"
        )
        self._down = self._down or why

    # -- a domain's cards ----------------------------------------------------------------------------

    def domain_cards(self, nf: NotesFile, domain: Domain, rule_cards: list[Card], ctx_for) -> tuple[list[Card], bool]:
        """The domain's cards, and whether they are complete: False when a section fell back to the rules
        (they are then not kept in the build cache, so the next build asks again). `ctx_for(section)`: what
        the card engine makes a section's cards with (the adapter's `ctx`)."""
        if id(nf) not in self.modes:
            return rule_cards, True
        if not self._fetched:
            self._fetch()

        complete = True
        out: list[Card] = []
        for s, own in _by_section(domain, rule_cards):
            text = section_text(s)
            content = self._content.get(answer_key(self.settings.model, s.path, text)) if text else None
            if content is None:
                if text:
                    complete = False
                    self.stats.fallbacks += 1
                    reason = self._failed.get(answer_key(self.settings.model, s.path, text))
                    if reason:
                        self.report.warn(
                            s.source,
                            f"the model's answer cannot be used ({reason}): the rules write this section's cards",
                        )
                out.extend(own)
                continue
            key = answer_key(self.settings.model, s.path, text)
            if key in self._fresh:
                self.stats.answered += 1
            else:
                self.stats.cached += 1
            try:
                checked = check(content, text)
            except Malformed as e:  # a cache file edited by hand: asked again next build
                complete = False
                self.stats.fallbacks += 1
                self.report.warn(
                    s.source, f"the model's answer cannot be used ({e}): the rules write this section's cards"
                )
                out.extend(own)
                continue
            self.stats.dropped.update(checked.dropped)
            for reason in ("cloze error", "more than one fact", "leak", "not self-contained", "empty"):
                if checked.dropped[reason]:
                    self.report.warn(
                        s.source,
                        f"{checked.dropped[reason]} model card(s) dropped ({reason}): {checked.examples[reason]}",
                    )
            ctx = ctx_for(s)
            out.extend(c for c in own if kept_from_rules(c, s))
            made = model_cards([(item, _block_for(item, s)) for item in checked.items], ctx)
            if len(made) < len(checked.items):
                self.stats.dropped["quality gate"] += len(checked.items) - len(made)
            out.extend(made)
        return out, complete


def _by_section(domain: Domain, cards: list[Card]):
    """Each section with the rule cards made from its lines, in order."""
    sections = domain.sections
    starts = [s.source.line for s in sections]
    own: list[list[Card]] = [[] for _ in sections]
    for c in cards:
        i = max((k for k, line in enumerate(starts) if line <= c.source.line), default=0)
        own[i].append(c)
    return zip(sections, own, strict=True)


def _block_for(item: Item, section: Section) -> Block:
    """The prose block the card's answer comes from (its line and links go on the card): the one that
    says most of the answer's words; the first prose block when none does."""
    prose = [b for b in section.blocks if block_text(b)]
    wanted = set(key_words(item.answer))

    def said(b: Block) -> int:
        return len(wanted & set(key_words(block_text(b))))

    return max(prose, key=said) if prose else section.blocks[0]


__all__ = ["MODEL_RULE", "ModelUnreachable", "Stats", "Writer"]
