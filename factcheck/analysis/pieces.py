"""Very long drafts, read piece by piece on every core.

A draft of tens of megabytes (an archive pasted into one file) would need about sixty times its
size in memory as one `Reading`. Here it is cut at blank lines into pieces of about a megabyte;
each piece is read by the same engine in a worker process (forked, so the draft is shared, not
copied) and comes back as the JSON of its statements plus a partial summary, which
`factcheck.report.jsonout.long_chunks` writes out as they come. Memory stays that of a few
pieces, and two cores halve the time.

What a piece cannot see: a back-reference or a corroborating claim in another piece (pieces end
at paragraph breaks, where inheritance stops anyway). Every other rule is the same engine's.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from factcheck.analysis.assess import assess, summarise
from factcheck.analysis.attribution import attribute
from factcheck.analysis.nonresponse import find_non_responses
from factcheck.analysis.segment import segment
from factcheck.analysis.sources import Registry
from factcheck.models import Draft, NonResponse, SourceSummary, Summary

PIECE_CHARS = 1_000_000
_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u3000]*\n")

# The draft being read, set before the worker processes are forked so that they share it.
_WORK = ""
_TEXT = ""
_REGISTRY: Registry | None = None


def cut(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Cut `text` into pieces of about `size` characters, at blank lines where there are any."""
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        target = start + size
        if target >= n:
            pieces.append((start, n))
            break
        m = _BLANK_LINE.search(text, target, min(n, target + size))
        if m is not None:
            end = m.end()
        else:
            newline = text.find("\n", target, min(n, target + size))
            end = newline + 1 if newline != -1 else min(n, target + size)
        pieces.append((start, end))
        start = end
    return pieces


@dataclass
class LongDraft:
    """A draft too long to hold as one `Reading`: reports that can (JSON, JSON Lines) write it
    piece by piece with `factcheck.report.jsonout.long_chunks`, counting its flags as they go."""

    draft: Draft
    registry: Registry | None = None
    flags: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Piece:
    """What a worker sends back: each statement's JSON (without index and paragraph, which only
    the whole draft can number), its paragraph within the piece, and a partial summary."""

    statements: list[tuple[int, str]]
    paragraphs: int
    flags: Counter[str] = field(default_factory=Counter)
    sources: list[SourceSummary] = field(default_factory=list)
    non_responses: list[NonResponse] = field(default_factory=list)
    summary: Summary | None = None
    warnings: list[str] = field(default_factory=list)


def _read(bounds: tuple[int, int]) -> Piece:
    from factcheck.analysis import quote_original, suspicious_names

    start, end = bounds
    work, text = _WORK, _TEXT
    statements = segment(work[start:end])
    for st in statements:
        st.start += start
        st.end += start
    registry = _REGISTRY if _REGISTRY is not None else Registry.default()
    attribute(statements, work, registry)
    find_non_responses(statements, work, registry)
    assess(statements)
    if work is not text:
        quote_original(statements, work, text)
    sources, ledger, summary = summarise(statements)
    flags: Counter[str] = Counter(flag for st in statements for flag in st.flags)
    rendered = [(st.paragraph, st.model_dump_json(exclude={"index", "paragraph"})) for st in statements]
    paragraphs = statements[-1].paragraph + 1 if statements else 0
    return Piece(rendered, paragraphs, flags, sources, ledger, summary, suspicious_names(statements))


def read_in_pieces(draft: Draft, registry: Registry | None = None) -> Iterator[Piece]:
    """The pieces of a long draft, read in order (in parallel where the system can fork)."""
    from factcheck.textsafe import mask_controls

    global _WORK, _TEXT, _REGISTRY
    _TEXT = draft.text
    _WORK = mask_controls(draft.text)
    _REGISTRY = registry
    bounds = cut(_WORK)
    workers = min(len(bounds), os.cpu_count() or 1, 4)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_read, bounds)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(_read, bounds)
