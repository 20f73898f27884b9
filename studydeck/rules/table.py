"""Tables of two or more columns: the first cell names a term, each other column becomes a Q/A."""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Block, Card, Table
from .text import plain, to_html


def table_rows(block: Block, ctx) -> Iterator[Card]:
    if not isinstance(block, Table) or len(block.header) < 2:
        return
    for row in block.rows:
        if not row or not plain(row[0]):
            continue
        for j in range(1, min(len(row), len(block.header))):
            if not plain(row[j]):
                continue
            front = f"<b>{to_html(row[0])}</b>: {to_html(block.header[j]).lower() if block.header[j] else ''}?"
            yield ctx.card("qa", front, to_html(row[j]), block, "table", f"{plain(row[0])}/{plain(block.header[j])}")
