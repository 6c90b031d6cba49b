"""The text, Markdown and CSV reports of a draft too long to hold as one `Reading`.

Such a draft (see `factcheck.analysis.pieces`) is read piece by piece on every core, and each
worker renders its own statements with the same functions the short reports use, leaving a
placeholder where the statement's number goes: only the whole draft can number them. Here the
numbers are filled in as the pieces come back, in order, and the statements are written to a
temporary file while the summary is added up; then the summary (which leads every human report)
is written, followed by the statements read back from the file. CSV has no summary: its rows are
written as they come. Memory stays that of a few pieces, whatever the draft's length.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import TextIO

from factcheck.analysis.pieces import LongDraft, LongSummary, Piece, read_in_pieces
from factcheck.models import Reading, Statement
from factcheck.report import csvout
from factcheck.report import markdown as memo
from factcheck.report import text as terminal

# Where a statement's number goes, until the whole draft can number it: made of NUL characters,
# which the renderers never write (every draft text goes through `safe`, which shows them).
MARK = "\x00"
# Columns for a long draft's statement numbers (up to 9,999,999 statements), fixed in advance.
NUMBER_WIDTH = 7
_SPOOL_READ = 1 << 20


def text(long: LongDraft, *, color: bool = False, width: int = terminal.DEFAULT_WIDTH) -> Iterator[str]:
    """The terminal report of a long draft: the same summary, then every statement."""
    width = max(width, terminal.MIN_WIDTH)
    label = MARK * NUMBER_WIDTH
    render = partial(_text_block, label=label, color=color, width=width)
    with _spool() as statements:
        unattributed: list[int] = []
        paragraph = None
        for piece, index, first_paragraph in _pieces(long, render):
            unattributed.extend(index + k for k, _text in piece.unattributed)
            for local, block in piece.statements:
                if paragraph is not None and first_paragraph + local != paragraph:
                    statements.write("\n")
                paragraph = first_paragraph + local
                statements.write(block.replace(label, f"{index:>{NUMBER_WIDTH}}", 1) + "\n")
                index += 1
        yield from terminal.report(_whole(long), color=color, width=width, unattributed=unattributed,
                                   statements=_read_back(statements))


def markdown(long: LongDraft) -> Iterator[str]:
    """The Markdown memo of a long draft: the same sections in the same order."""
    with _spool() as walkthrough, _spool() as needs_source:
        unattributed: list[int] = []
        for piece, index, _paragraph in _pieces(long, _markdown_block):
            for k, statement_text in piece.unattributed:
                unattributed.append(index + k)
                if len(unattributed) <= memo.NEEDS_SOURCE_LISTED:
                    needs_source.write(memo.needs_source_item(index + k, statement_text) + "\n")
            for _local, block in piece.statements:
                walkthrough.write("\n\n" + block.replace(MARK, str(index), 1))
                index += 1
        head = memo.head(_whole(long), unattributed)
        yield "\n\n".join(part for part in head if part) + "\n\n"
        if unattributed:
            yield f"{memo.NEEDS_SOURCE}\n\n"
            yield from _read_back(needs_source)
            if len(unattributed) > memo.NEEDS_SOURCE_LISTED:
                yield memo.needs_source_more(len(unattributed) - memo.NEEDS_SOURCE_LISTED) + "\n"
            yield "\n"
        yield memo.WALKTHROUGH
        yield from _read_back(walkthrough)
        yield "\n"


def csv(long: LongDraft, *, header: bool = True) -> Iterator[str]:
    """The CSV rows of a long draft, written as the pieces come (after the header, if asked)."""
    if header:
        yield csvout.write_csv([])
    render = partial(_csv_row, long.draft.path)
    for piece, index, paragraph in _pieces(long, render):
        rows = []
        for local, row in piece.statements:
            rows.append(row.replace(MARK, str(index), 1).replace(MARK, str(paragraph + local), 1))
            index += 1
        yield "".join(rows)


def _pieces(long: LongDraft, render: Callable[[Statement], str]) -> Iterator[tuple[Piece, int, int]]:
    """Each piece with the numbers of its first statement and paragraph in the whole draft; the
    summary, flag counts and warnings of `long` are filled in as they pass."""
    long.summary = LongSummary(long.draft)
    for piece in read_in_pieces(long.draft, long.registry, render):
        known = len(long.summary.warnings)
        index, paragraph = long.summary.add(piece)
        long.flags.update(piece.flags)
        long.warnings.extend(long.summary.warnings[known:])
        yield piece, index, paragraph


def _whole(long: LongDraft) -> Reading:
    assert long.summary is not None, "the pieces are read first"
    return long.summary.reading()


def _text_block(statement: Statement, *, label: str, color: bool, width: int) -> str:
    return "\n".join(terminal.statement_lines(statement, label, terminal._painter(color), width, NUMBER_WIDTH))


def _markdown_block(statement: Statement) -> str:
    return memo.statement_block(statement, MARK)


def _csv_row(document: str, statement: Statement) -> str:
    row = csvout.statement_row(document, statement) | {"index": MARK, "paragraph": MARK}
    return csvout.write_csv([row], header=False)


@contextmanager
def _spool() -> Iterator[TextIO]:
    """A temporary file for rendered statements: on disk, deleted when closed."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        yield spool


def _read_back(spool: TextIO) -> Iterator[str]:
    spool.seek(0)
    while chunk := spool.read(_SPOOL_READ):
        yield chunk
