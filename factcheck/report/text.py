"""The terminal report: a summary an editor takes in within ten seconds, then the draft statement by
statement with its flags and sources.

Everything that comes from the draft (statement text, source names, entities, even the path and
the reader's warnings) goes through `safe`, so an escape sequence or a bidi override hidden in a
draft is shown, never obeyed by the terminal. Colour is the caller's decision (`color=True` only
for a terminal that wants it); without it the report still says everything, in words.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import click

from factcheck.models import Attribution, Reading, Statement
from factcheck.report import describe
from factcheck.textsafe import safe

if TYPE_CHECKING:
    from factcheck.analysis.pieces import LongDraft

DEFAULT_WIDTH = 100
# Narrower than this and the wrapped statements become a column of single words.
MIN_WIDTH = 40
SOURCE_COLUMN_MAX = 32
LABEL_COLUMN = 17

Paint = Callable[..., str]

FLAG_STYLES: dict[str, dict] = {
    "unattributed": {"fg": "red", "bold": True},
    "single-source": {"fg": "yellow"},
    "corroborated": {"fg": "green"},
    "inherited": {"fg": "cyan", "dim": True},
    "non-response": {"fg": "magenta"},
}


def _plain(text: str, **_style: object) -> str:
    return text


_PLAIN: Paint = _plain


def _painter(color: bool) -> Paint:
    if not color:
        return _PLAIN
    return lambda text, **style: click.style(text, **style) if text else text


def render(reading: Reading, *, color: bool = False, width: int = DEFAULT_WIDTH) -> str:
    """The whole report of one draft, ending with a newline."""
    return "".join(report(reading, color=color, width=width))


def report(reading: Reading, *, color: bool = False, width: int = DEFAULT_WIDTH,
           unattributed: list[int] | None = None, statements: Iterable[str] | None = None) -> Iterator[str]:
    """The report of one draft in chunks: the summary, then the statements. A long draft passes its
    unattributed claims' numbers and its statements already rendered (`factcheck.report.longform`)."""
    paint = _painter(color)
    width = max(width, MIN_WIDTH)
    numbers = describe.unattributed_numbers(reading) if unattributed is None else unattributed
    yield "\n".join(_summary(reading, paint, width, numbers)) + "\n\n"
    if statements is None:
        yield "\n".join(_statements(reading, paint, width)) + "\n"
    else:
        yield from statements


def stream(readings: Iterable[Reading | LongDraft], *, color: bool = False,
           width: int = DEFAULT_WIDTH) -> Iterator[str]:
    """The reports of several drafts, one draft after another, separated by a rule."""
    from factcheck.analysis.pieces import LongDraft

    rule = _painter(color)("─" * min(max(width, MIN_WIDTH), 72), dim=True)
    for number, reading in enumerate(readings):
        prefix = f"\n{rule}\n\n" if number else ""
        if isinstance(reading, LongDraft):
            from factcheck.report import longform

            yield prefix
            yield from longform.text(reading, color=color, width=width)
        else:
            yield prefix + render(reading, color=color, width=width)


# --- summary --------------------------------------------------------------------------------


def _row(label: str, value: str, width: int, paint: Paint, *, wrap: bool = True, **style) -> list[str]:
    """ "  Label:          value", the value wrapped under itself. `value` must be unstyled when
    `wrap` is true (escape codes would count as width); a styled value is built to fit instead."""
    lead = "  " + paint(label, **style) + " " * (LABEL_COLUMN - len(label))
    room = max(width - 2 - LABEL_COLUMN, 20)
    lines = textwrap.wrap(value, room, break_on_hyphens=False) if wrap else [value]
    hang = " " * (2 + LABEL_COLUMN)
    return [lead + (lines[0] if lines else ""), *(hang + line for line in lines[1:])]


def _summary(reading: Reading, paint: Paint, width: int, unattributed: list[int]) -> list[str]:
    summary = reading.summary
    claims = summary.claims
    lines = [
        paint(safe(reading.document.path), bold=True),
        "  "
        + f"{describe.plural(summary.statements, 'statement')}: "
        + f"{describe.plural(claims, 'claim')}, {describe.plural(summary.headings, 'heading')}",
    ]
    attributed = f"{summary.attributed} of {describe.plural(claims, 'claim')}"
    if claims:
        attributed += f" ({describe.percent(summary.attributed / claims)})"
    lines += _row("Attributed:", attributed, width, paint)

    count = describe.plural(summary.unattributed, "claim")
    room = width - 2 - LABEL_COLUMN - len(count) - 2
    numbers = _numbers_within(unattributed, room)
    styled = paint(count, **FLAG_STYLES["unattributed"]) if summary.unattributed else count
    lines += _row("Unattributed:", styled + (f"  {numbers}" if numbers else ""), width, paint, wrap=False)
    lines += _row("Single-source:", describe.plural(summary.single_source, "claim"), width, paint)
    lines += _row("Corroborated:", describe.plural(summary.corroborated, "claim"), width, paint)
    inherited = describe.plural(summary.inherited, "claim")
    if summary.inherited:
        inherited += f" ({describe.INHERITED_NOTE})"
    lines += _row("Inherited:", inherited, width, paint)

    lines += _sources(reading, paint, width)
    for entry in describe.ledger(reading.non_responses):
        lines += _row("Did not respond:", _ledger(entry), width, paint, **FLAG_STYLES["non-response"])
    for warning in reading.warnings:
        lines += _row("Warning:", safe(warning), width, paint, fg="yellow", bold=True)
    return lines


def _numbers_within(indexes: list[int], room: int) -> str:
    """ "#1, #11, …" listing as many statement numbers as fit in `room` characters."""
    for limit in range(min(len(indexes), describe.LISTED_NUMBERS), 0, -1):
        shown = describe.numbers(indexes, limit)
        if len(shown) <= room:
            return shown
    return ""


def _sources(reading: Reading, paint: Paint, width: int) -> list[str]:
    ranked = describe.ranked_sources(reading)
    if not ranked:
        return _row("Sources:", "none named", width, paint)
    shown = ranked[: describe.TOP_SOURCES]
    # The name column gives way first on a narrow terminal: counts and shares stay aligned.
    fixed = 2 + LABEL_COLUMN + 2 + 13 + 2 + 4
    names = [_fit(safe(source.name), max(12, min(SOURCE_COLUMN_MAX, width - fixed))) for source in shown]
    name_width = max(len(name) for name in names)
    share_column = 2 + LABEL_COLUMN + name_width + 2 + 13 + 2
    lines: list[str] = []
    for number, (source, name) in enumerate(zip(shown, names, strict=True)):
        row = f"{name:<{name_width}}  {describe.plural(source.statements, 'statement'):>13}  "
        row += f"{describe.percent(source.share):>4}"
        if number == 0 and share_column + 4 + len(" of attributed claims") <= width:
            row += " of attributed claims"
        heavy = describe.heavy_reliance(reading, source)
        if heavy and 2 + LABEL_COLUMN + len(row) + len(describe.RELIANCE) + 3 <= width:
            row += paint(f" — {describe.RELIANCE}", fg="yellow", bold=True)
            heavy = False
        lines += _row("Sources:" if number == 0 else "", row, width, paint, wrap=False)
        if heavy:  # no room beside the share: the verdict takes the next line
            lines += _row("", paint(f"↳ {describe.RELIANCE}", fg="yellow", bold=True), width, paint, wrap=False)
    if len(ranked) > len(shown):
        more = f"… and {describe.plural(len(ranked) - len(shown), 'more source')}"
        lines += _row("", more, width, paint)
    return lines


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- statements -----------------------------------------------------------------------------


def _statements(reading: Reading, paint: Paint, width: int) -> Iterator[str]:
    last = reading.statements[-1].index if reading.statements else 0
    number_width = max(3, len(str(last)))
    paragraph = None
    for statement in reading.statements:
        if paragraph is not None and statement.paragraph != paragraph:
            yield ""
        paragraph = statement.paragraph
        yield from statement_lines(statement, str(statement.index), paint, width, number_width)


def statement_lines(statement: Statement, label: str, paint: Paint, width: int, number_width: int) -> list[str]:
    """One statement's lines: its number (`label`, right-aligned in `number_width`), flags and
    sources, its text wrapped under them, and who did not respond."""
    indent = " " * (2 + number_width + 2)
    wrapper = _wrapper(width - len(indent))
    number = f"  {label:>{number_width}}  "
    # Runs of spaces are layout, not content: hard wraps, and the markup a Markdown draft had.
    lines = wrapper.wrap(" ".join(safe(statement.text).split())) or [""]
    if statement.kind == "heading":
        # Headings stand on the number line, so the draft's sections show at a glance.
        return [number + paint("§ " + lines[0], bold=True), *(indent + "  " + paint(line, bold=True)
                                                              for line in lines[1:])]
    first, *more = _header(statement, paint, width - len(indent))
    out = [number + first, *(indent + line for line in [*more, *lines])]
    for entry in describe.ledger(statement.non_responses):
        note = wrapper.wrap("did not respond: " + _ledger(entry))
        out.append(indent + paint(note[0], **FLAG_STYLES["non-response"]))
        out.extend(indent + paint(line, **FLAG_STYLES["non-response"]) for line in note[1:])
    return out


@lru_cache(maxsize=16)
def _wrapper(width: int) -> textwrap.TextWrapper:
    return textwrap.TextWrapper(width=width, break_on_hyphens=False)


def _ledger(entry: describe.LedgerLine) -> str:
    entities = ", ".join(safe(entity) for entity in entry.entities)
    return entities + (f" (reported by {safe(entry.reported_by)})" if entry.reported_by else "")


def _header(statement: Statement, paint: Paint, room: int) -> list[str]:
    """The flag badges and the sources: on one line when they fit in `room`, else on two."""
    badges, sources = _badges_and_sources(statement, paint)
    plain = _badges_and_sources(statement, _PLAIN) if paint is not _PLAIN else (badges, sources)
    if not badges and not sources:
        return [paint("(no flags)", dim=True)]
    if badges and sources and len(plain[0]) + 2 + len(plain[1]) > room:
        return [badges, sources]
    return ["  ".join(part for part in (badges, sources) if part)]


def _badges_and_sources(statement: Statement, paint: Paint) -> tuple[str, str]:
    badges = " ".join(paint(f"[{flag}]", **FLAG_STYLES.get(flag, {})) for flag in statement.flags)
    sources = "; ".join(_attribution(attribution, paint) for attribution in statement.attributions)
    return badges, sources


def _attribution(attribution: Attribution, paint: Paint) -> str:
    label = safe(describe.attribution_label(attribution))
    if attribution.basis == "inherited":
        # Weak on purpose: no cue in the statement itself, so an editor should confirm it.
        text = paint(f"{label} (inherited)", dim=True, italic=True)
    else:
        text = f"{label} ({attribution.basis})"
    if attribution.suspicious:
        text += paint(" (look-alike characters in the name)", fg="yellow", bold=True)
    return text
