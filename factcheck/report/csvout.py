"""CSV for spreadsheets: one row per statement.

Several attributions of one statement are joined by ";" in `sources`, `via` and `basis`, position
by position (an empty `via` entry means "no conduit"), so a row can be split back losslessly.
`factcheck export` extends the rows with the review columns: build on `COLUMNS`, `rows` and
`write_csv` rather than on the rendered text.

Cells are made safe for the two places a CSV ends up: a terminal (draft text goes through `safe`,
which shows control characters instead of sending them) and a spreadsheet (a cell starting with
"=", "+", "-", "@" is prefixed with "'" so it is never run as a formula).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from factcheck.models import Reading, Statement
from factcheck.textsafe import safe

if TYPE_CHECKING:
    from factcheck.analysis.pieces import LongDraft

COLUMNS: tuple[str, ...] = (
    "document",
    "index",
    "start",
    "end",
    "paragraph",
    "kind",
    "flags",
    "sources",
    "via",
    "basis",
    "non_responses",
    "reported_by",
    "text",
)
SEPARATOR = ";"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """Text from the draft as a spreadsheet-safe cell: visible controls, never a formula."""
    value = safe(value, keep_newlines=True)
    return "'" + value if value.startswith(_FORMULA_START) else value


def statement_row(document: str, statement: Statement) -> dict[str, str]:
    """The CSV row of one statement, as strings keyed by `COLUMNS`."""
    atts = statement.attributions
    return {
        "document": cell(document),
        "index": str(statement.index),
        "start": str(statement.start),
        "end": str(statement.end),
        "paragraph": str(statement.paragraph),
        "kind": statement.kind,
        "flags": SEPARATOR.join(statement.flags),
        "sources": cell(SEPARATOR.join(a.source for a in atts)),
        "via": cell(SEPARATOR.join(a.via or "" for a in atts)) if any(a.via for a in atts) else "",
        "basis": SEPARATOR.join(a.basis for a in atts),
        "non_responses": cell(SEPARATOR.join(n.entity for n in statement.non_responses)),
        "reported_by": cell(SEPARATOR.join(n.reported_by or "" for n in statement.non_responses))
        if any(n.reported_by for n in statement.non_responses)
        else "",
        "text": cell(statement.text),
    }


def rows(reading: Reading) -> Iterator[dict[str, str]]:
    """The rows of one draft, in draft order."""
    for statement in reading.statements:
        yield statement_row(reading.document.path, statement)


def write_csv(records: Iterable[Mapping[str, str]], columns: Sequence[str] = COLUMNS, *, header: bool = True) -> str:
    """CSV text (RFC 4180: CRLF line ends, quotes where needed) of `records` in `columns` order."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="raise")
    if header:
        writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def render(reading: Reading, *, color: bool = False) -> str:
    """One draft as CSV, header first."""
    return write_csv(rows(reading))


def stream(readings: Iterable[Reading | LongDraft], *, color: bool = False) -> Iterator[str]:
    """Several drafts as one CSV: the header once, then each draft's rows as it comes."""
    from factcheck.analysis.pieces import LongDraft

    for number, reading in enumerate(readings):
        if isinstance(reading, LongDraft):
            from factcheck.report import longform

            yield from longform.csv(reading, header=number == 0)
        else:
            yield write_csv(rows(reading), header=number == 0)
