"""Very long drafts, read piece by piece on every core.

A draft of tens of megabytes (an archive pasted into one file) would need about sixty times its
size in memory as one `Reading`. Here it is cut at blank lines into pieces of about a megabyte;
each piece is read by the same engine in a worker process (forked, so the draft is shared, not
copied) and comes back as its statements already rendered for the report being written (JSON by
default; the text, Markdown and CSV reports pass their own renderer) plus a partial summary, which
`LongSummary` adds up. The reports write statements out as they come (`factcheck.report.longform`,
`factcheck.report.jsonout.long_chunks`). Memory stays that of a few pieces, and two cores halve
the time.

What a piece cannot see: a back-reference or a corroborating claim in another piece (pieces end
at paragraph breaks, where inheritance stops anyway). Every other rule is the same engine's.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from factcheck.analysis.assess import assess, summarise
from factcheck.analysis.attribution import attribute
from factcheck.analysis.nonresponse import find_non_responses
from factcheck.analysis.segment import segment
from factcheck.analysis.sources import Registry
from factcheck.models import (
    DocumentInfo,
    Draft,
    NonResponse,
    Reading,
    SourceSummary,
    Statement,
    Summary,
)
from factcheck.read import marked_headings

PIECE_CHARS = 1_000_000
_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u3000]*\n")

# The draft being read, set before the worker processes are forked so that they share it.
_WORK = ""
_TEXT = ""
_MARKED: list[int] = []  # where the draft's marked headings begin, in order
_REGISTRY: Registry | None = None
_RENDER: Callable[[Statement], str] | None = None


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
    """A draft too long to hold as one `Reading`: every report writes it piece by piece
    (`factcheck.report.longform`, `factcheck.report.jsonout.long_chunks`), counting its flags and
    adding up its summary as it goes."""

    draft: Draft
    registry: Registry | None = None
    flags: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    summary: LongSummary | None = None


@dataclass
class Piece:
    """What a worker sends back: each statement rendered (without the index and paragraph numbers,
    which only the whole draft can give: see `render_json`), its paragraph within the piece, the
    unattributed claims (position in the piece, text), and a partial summary."""

    statements: list[tuple[int, str]]
    paragraphs: int
    flags: Counter[str] = field(default_factory=Counter)
    sources: list[SourceSummary] = field(default_factory=list)
    non_responses: list[NonResponse] = field(default_factory=list)
    summary: Summary | None = None
    # names written with look-alike characters: (position in the piece, mention, source)
    suspicious: list[tuple[int, str, str]] = field(default_factory=list)
    unattributed: list[tuple[int, str]] = field(default_factory=list)


def render_json(statement: Statement) -> str:
    """A statement's JSON without its index and paragraph (the caller writes those first)."""
    return statement.model_dump_json(exclude={"index", "paragraph"})


def _read(bounds: tuple[int, int]) -> Piece:
    from factcheck.analysis import quote_original, suspicious_mentions

    start, end = bounds
    work, text = _WORK, _TEXT
    marked = _MARKED[bisect.bisect_left(_MARKED, start) : bisect.bisect_left(_MARKED, end)]
    statements = segment(work[start:end], frozenset(h - start for h in marked))
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
    render = _RENDER or render_json
    rendered = [(st.paragraph, render(st)) for st in statements]
    paragraphs = statements[-1].paragraph + 1 if statements else 0
    unattributed = [(k, st.text) for k, st in enumerate(statements)
                    if st.kind == "claim" and "unattributed" in st.flags]
    return Piece(rendered, paragraphs, flags, sources, ledger, summary, suspicious_mentions(statements), unattributed)


@dataclass
class LongSummary:
    """The summary of a long draft, added up piece by piece: the same figures as `summarise` gives
    for the whole draft (shares are recomputed over all attributed claims at the end)."""

    draft: Draft
    sources: dict[str, SourceSummary] = field(default_factory=dict)
    ledger: list[NonResponse] = field(default_factory=list)
    totals: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    statements: int = 0
    paragraphs: int = 0

    def __post_init__(self) -> None:
        self.warnings = list(self.draft.warnings)

    def add(self, piece: Piece) -> tuple[int, int]:
        """Count a piece in; returns where its statements and paragraphs start in the whole draft."""
        first = (self.statements, self.paragraphs)
        self.statements += len(piece.statements)
        self.paragraphs += piece.paragraphs
        for s in piece.sources:
            known = self.sources.get(s.name)
            self.sources[s.name] = s if known is None else known.model_copy(
                update={"statements": known.statements + s.statements})
        self.ledger.extend(piece.non_responses)
        if piece.summary is not None:
            self.totals.update({k: v for k, v in piece.summary.model_dump().items() if isinstance(v, int)})
        from factcheck.analysis import suspicious_warning

        # Numbered in the whole draft: the piece only knew its own positions.
        self.warnings.extend(suspicious_warning(first[0] + k, mention, source)
                             for k, mention, source in piece.suspicious)
        return first

    def reading(self) -> Reading:
        """The whole draft's reading without its statements: what a report's summary needs."""
        attributed = self.totals["attributed"] or 1
        ranked = sorted((s.model_copy(update={"share": round(s.statements / attributed, 4)})
                         for s in self.sources.values()), key=lambda s: (-s.statements, s.name.lower()))
        top = ranked[0] if ranked else None
        summary = Summary(**{k: self.totals[k] for k in Summary.model_fields if k not in {"top_source",
                                                                                        "top_source_share"}},
                          top_source=top.name if top else None, top_source_share=top.share if top else 0.0)
        return Reading(document=document_info(self.draft), statements=[], sources=ranked, non_responses=self.ledger,
                       summary=summary, warnings=self.warnings)


def document_info(draft: Draft) -> DocumentInfo:
    return DocumentInfo(path=draft.path, sha256=draft.sha256, chars=len(draft.text), encoding=draft.encoding,
                        format=draft.format)


def read_in_pieces(draft: Draft, registry: Registry | None = None,
                   render: Callable[[Statement], str] | None = None) -> Iterator[Piece]:
    """The pieces of a long draft, read in order (in parallel where the system can fork), each
    statement rendered by `render` in the worker (JSON without index and paragraph by default)."""
    # Imported here: every report checks for a LongDraft, and a short draft should not pay for these.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from factcheck.textsafe import mask_controls

    global _WORK, _TEXT, _MARKED, _REGISTRY, _RENDER
    _TEXT = draft.text
    _MARKED = sorted(marked_headings(draft))
    _WORK = mask_controls(draft.text)
    _REGISTRY = registry
    _RENDER = render
    bounds = cut(_WORK)
    workers = min(len(bounds), os.cpu_count() or 1, 4)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_read, bounds)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(_read, bounds)
