"""Stage 5 (before condensing): which domains of a notes file share a sheet.

A file of many small domains (a real-analysis file of one definition per heading) would otherwise print a
near-empty page per domain; a file of big ones a sheet each. Runs of consecutive domains are packed onto
sheets by their text volume, read from the model alone (no condensing, no render: the build decides this
for every file on every run, cached or not); the sheet's own fit then checks each packing (speed.run_job)
and, when one does not fit legibly, its domains get a sheet each after all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Code, Comparison, Domain, Explicit, Image, ItemList, Math, Paragraph, Steps, Table, Term

LINE = 24  # characters a printed line's end costs besides its text (as Item.chars in condense.py)
CODE_LINES = 12  # a code block prints at most this many lines on a roomy sheet (condense.CODE_LINES twice)
IMAGE = 300
HEADING = 60

# Text volume (this module's measure) that fills a landscape A4 page at the size a shared sheet must keep
# (speed.LEGIBLE, 9 pt): the corpus files printed whole (5,300-6,100 by this measure, at 9.2-10.7 pt)
# would fill it at 6,100-7,600.
PAGE_AT_LEGIBLE = 7000
# A run of domains is packed to at most this share of a page, so its render usually fits at the first try.
FILL = 0.85
# A run of domains under this share of a page would print as a near-empty page: it joins the smaller of its
# neighbouring runs, and that sheet may then print smaller than a shared sheet otherwise must (ABSORBING).
TINY = 0.3
ABSORBING = 7.0  # pt: the preferred body size (SHEETS.md), above the floor
PAPER_AREA = {"A4": 1.0, "letter": 1.0, "A3": 2.0, "A5": 0.5, "legal": 1.27}


def volume(domain: Domain) -> int:
    """About how many characters the domain prints at its roomiest (every sentence kept)."""
    return sum(HEADING + len(s.title) + sum(_block(b) for b in s.blocks) for s in domain.sections)


def _block(block) -> int:
    if isinstance(block, Paragraph):
        return len(block.text) + LINE * max(len(block.sentences), 1)
    if isinstance(block, (ItemList, Steps)):
        return sum(len(i) + LINE for i in block.items)
    if isinstance(block, Comparison):
        return _terms(block.items)
    if isinstance(block, Table):
        return sum(len(c) for r in [block.header, *block.rows] for c in r) + LINE * (len(block.rows) + 1)
    if isinstance(block, Code):
        return sum(len(ln[:100]) + LINE for ln in block.text.splitlines()[:CODE_LINES])
    if isinstance(block, Math):
        return len(block.tex) // 2 + 2 * LINE  # a drawn formula is narrower than its source, and taller
    if isinstance(block, Explicit):
        return len(block.question) + len(block.answer) + 2 * LINE
    if isinstance(block, Image):
        return IMAGE if block.path else 0  # an image not found is not printed
    return 0


def _terms(terms: list[Term]) -> int:
    return sum(len(t.term) + len(t.description) + LINE + _terms(t.children) for t in terms)


@dataclass(slots=True)
class Node:
    """Domains (indices into the file's) that share a sheet if it fits; else `parts` share theirs."""

    domains: list[int]
    parts: list[Node] = field(default_factory=list)
    legible: float | None = None
    """The smallest body size (pt) at which the domains may share the sheet; None: the build's own."""


def tree(volumes: list[int], page: float) -> Node:
    """The sheets to try for a file's domains, each giving way to its parts when it does not fit legibly:
    the whole file; then runs of consecutive domains packed to about a page each; then each run's halves
    (by volume), down to a sheet per domain."""
    runs = pack(volumes, page)
    if len(runs) == 1:
        return _halves(runs[0], volumes)
    nodes = [_halves(run, volumes) for run in runs]
    size = [sum(volumes[i] for i in run) for run in runs]
    while len(nodes) > 1 and min(size) < page * TINY:
        k = size.index(min(size))
        j = k - 1 if k == len(nodes) - 1 or (k > 0 and size[k - 1] <= size[k + 1]) else k + 1
        a, b = sorted((j, k))
        nodes[a : b + 1] = [Node(nodes[a].domains + nodes[b].domains, [nodes[a], nodes[b]], ABSORBING)]
        size[a : b + 1] = [size[a] + size[b]]
    if len(nodes) == 1:
        return nodes[0]
    return Node(list(range(len(volumes))), nodes)


WHOLE_SLACK = 2.5
"""How far past one legible page a file's roomiest volume may be and still be tried whole: condensing shrinks it,
but not by half with nothing left out."""


def may_fit_whole(volumes: list[int], page: float) -> bool:
    """Whether a file is worth trying on one sheet (else its runs are its sheets, without trying)."""
    return sum(volumes) <= page * WHOLE_SLACK


def _halves(run: list[int], volumes: list[int]) -> Node:
    if len(run) < 2:
        return Node(run)
    total = sum(volumes[i] for i in run)
    cut = min(range(1, len(run)), key=lambda k: abs(2 * sum(volumes[i] for i in run[:k]) - total))
    return Node(run, [_halves(run[:cut], volumes), _halves(run[cut:], volumes)])


def page_volume(paper: str = "A4") -> float:
    """The volume one page of this paper holds at the legible size (portrait or landscape alike)."""
    return PAGE_AT_LEGIBLE * PAPER_AREA.get(paper, 1.0)


def pack(volumes: list[int], page: float) -> list[list[int]]:
    """Consecutive domains (by index) packed onto as few sheets as hold them at `page` * FILL each, the
    sheets as even as that number allows (no near-empty last page). A domain too big for one shares none."""
    if not volumes:
        return []
    budget = page * FILL
    k = len(_greedy(volumes, budget))  # greedy packing takes the fewest sheets
    n = len(volumes)
    # The evenest split into k runs: least sum of squared run volumes (dynamic programming over cut points).
    cost: dict[tuple[int, int], tuple[float, int]] = {(0, 0): (0.0, 0)}
    for j in range(1, k + 1):
        for end in range(1, n + 1):
            best = None
            for start in range(end - 1, -1, -1):
                v = sum(volumes[start:end])
                if end - start > 1 and v > budget:
                    break
                prev = cost.get((j - 1, start))
                if prev is not None and (best is None or prev[0] + v * v < best[0]):
                    best = (prev[0] + v * v, start)
            if best is not None:
                cost[(j, end)] = best
    runs: list[list[int]] = []
    end = n
    for j in range(k, 0, -1):
        start = cost[(j, end)][1]
        runs.insert(0, list(range(start, end)))
        end = start
    return runs


def _greedy(volumes: list[int], budget: float) -> list[list[int]]:
    runs: list[list[int]] = []
    used = 0.0
    for i, v in enumerate(volumes):
        if runs and used + v <= budget:
            runs[-1].append(i)
            used += v
        else:
            runs.append([i])
            used = v
    return runs
