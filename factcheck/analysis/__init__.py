"""The headless engine: draft in, reading out. No UI and no database in here.

    read → segment → attribute (explicit, reference, inherited) → non-responses → assess → summarise

Each step is a plain function over the pydantic models in `factcheck.models`, so it can be tested
and timed on its own; `analyse` runs them in order.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

# First: it decides whether the compiled engine or its sources load (see engine.py).
from factcheck.analysis import engine  # noqa: F401
from factcheck.analysis.assess import assess, summarise
from factcheck.analysis.attribution import attribute
from factcheck.analysis.nonresponse import find_non_responses
from factcheck.analysis.segment import segment
from factcheck.analysis.sources import Registry
from factcheck.models import DocumentInfo, Draft, Reading, Span, Statement
from factcheck.read import marked_headings
from factcheck.textsafe import mask_controls

__all__ = ["LARGE_CHARS", "analyse", "analyse_text", "assess"]

# Drafts longer than this are read piece by piece when the output allows it (factcheck.analysis.pieces).
LARGE_CHARS = 8_000_000
# Drafts at least this long are read with the cycle collector paused (see `_collector_paused`).
LONG_DRAFT_CHARS = 100_000


@contextmanager
def _collector_paused(chars: int) -> Iterator[None]:
    """A long draft keeps every statement, token and attribution alive until its reading is done,
    and each full pass of Python's cycle collector walks them all again: a fifth of the time of a
    1 MB draft (measured: 1.02 s, 0.83 s with the passes held back). The engine makes no reference
    cycles (measured: a 1 MB reading leaves none to collect), so the passes wait until it is done.
    Short drafts, the usual case, leave the collector alone."""
    if chars < LONG_DRAFT_CHARS or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def analyse(draft: Draft, registry: Registry | None = None) -> Reading:
    """Read one draft: every statement with its attributions, flags and non-responses."""
    registry = registry if registry is not None else Registry.default()
    text = draft.text
    # The engine reads a copy with terminal escapes and stray controls blanked (same length), so
    # "\x1b[1mReuters\x1b[0m reported" still names Reuters; the reading then quotes the draft as
    # it is, controls included (every report makes them visible and harmless).
    work = mask_controls(text)
    with _collector_paused(len(text)):
        statements = segment(work, marked_headings(draft))
        statements = attribute(statements, work, registry)
        statements = find_non_responses(statements, work, registry)
        statements = assess(statements)
        if work is not text:
            quote_original(statements, work, text)
        sources, ledger, summary = summarise(statements)
        warnings = list(draft.warnings) + suspicious_names(statements)
        return Reading(
            document=DocumentInfo(path=draft.path, sha256=draft.sha256, chars=len(text), encoding=draft.encoding,
                                  format=draft.format),
            statements=statements,
            sources=sources,
            non_responses=ledger,
            summary=summary,
            warnings=warnings,
        )


def suspicious_names(statements: list[Statement], first: int = 0) -> list[str]:
    """A warning for each source name written with look-alike or invisible characters; `first` is
    the number of the first statement (a piece of a long draft starts further on)."""
    return [suspicious_warning(first + k, mention, source) for k, mention, source in suspicious_mentions(statements)]


def suspicious_mentions(statements: list[Statement]) -> list[tuple[int, str, str]]:
    """(position in `statements`, mention, source) of each name written with look-alike characters."""
    return [(k, att.mention.text, att.source) for k, st in enumerate(statements)
            for att in st.attributions if att.suspicious and att.mention is not None]


def suspicious_warning(index: int, mention: str, source: str) -> str:
    return f"statement #{index}: {mention!r} looks like {source!r} but uses look-alike or invisible characters"


def quote_original(statements: list[Statement], work: str, text: str) -> None:
    """Quote the draft itself in every span (same offsets as the masked copy the engine read), and
    widen statements over the control characters blanked at their edges, so none is left out."""
    previous_end = 0
    for k, st in enumerate(statements):
        start, end = st.start, st.end
        while start > previous_end and work[start - 1] == " " and not text[start - 1].isspace():
            start -= 1
        limit = statements[k + 1].start if k + 1 < len(statements) else len(text)
        while end < limit and work[end] == " " and not text[end].isspace():
            end += 1
        st.start, st.end, st.text = start, end, text[start:end]
        previous_end = end
        if st.content is not None:
            st.content = Span(start=st.content.start, end=st.content.end, text=text[st.content.start : st.content.end])
        for att in st.attributions:
            for span in (att.mention, att.cue):
                if span is not None:
                    span.text = text[span.start : span.end]


def analyse_text(text: str, path: str = "-", registry: Registry | None = None) -> Reading:
    """`analyse` for a string already in memory (tests, benchmarks, the UI's re-reads)."""
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    draft = Draft(path=path, text=text, raw=text, encoding="utf-8", sha256=sha)
    return analyse(draft, registry)
