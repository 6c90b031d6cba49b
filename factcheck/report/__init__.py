"""Renderers of the engine's reading: a terminal report and a Markdown memo for people, JSON,
JSON Lines and CSV for programs.

Every renderer is a pure function of `Reading` objects returning text; choosing colour, width and
where the text goes is the caller's business. `stream` renders drafts one by one as they arrive
(`factcheck check` prints each draft's report as soon as it is read); `render_many` joins them.
Modules: `text`, `markdown`, `jsonout`, `csvout` (named so they never shadow `json` and `csv`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from factcheck.models import Reading

FORMATS: tuple[str, ...] = ("text", "markdown", "json", "jsonl", "csv")
# Formats meant for people: colour and terminal width apply to them.
HUMAN_FORMATS: tuple[str, ...] = ("text", "markdown")


def stream(
    readings: Iterable[Reading],
    fmt: str = "text",
    *,
    color: bool = False,
    width: int | None = None,
    ascii_only: bool = False,
) -> Iterator[str]:
    """The report of `readings` in format `fmt`, one chunk per draft (CSV: header in the first).

    `json` holds one object, so it takes exactly one draft (ValueError otherwise: use `jsonl`).
    `width` applies to `text`; `ascii_only` to the JSON formats (for an output that is not UTF-8).
    """
    if fmt == "text":
        from factcheck.report import text

        return text.stream(readings, color=color, width=width or text.DEFAULT_WIDTH)
    if fmt == "markdown":
        from factcheck.report import markdown

        return markdown.stream(readings)
    if fmt == "jsonl":
        from factcheck.report import jsonout

        return jsonout.stream_lines(readings, ascii_only=ascii_only)
    if fmt == "json":
        return _single_json(readings, ascii_only=ascii_only)
    if fmt == "csv":
        from factcheck.report import csvout

        return csvout.stream(readings)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


def _single_json(readings: Iterable[Reading], *, ascii_only: bool) -> Iterator[str]:
    from factcheck.report import jsonout

    for number, reading in enumerate(readings):
        if number:
            raise ValueError("--format json holds one draft: use jsonl for several")
        yield from jsonout.chunks(reading, indent=2, ascii_only=ascii_only)


def render_many(readings: Iterable[Reading], fmt: str = "text", **options) -> str:
    """The whole report of `readings` as one string (see `stream` for the options)."""
    return "".join(stream(readings, fmt, **options))


def render(reading: Reading, fmt: str = "text", **options) -> str:
    """The report of one draft in format `fmt`."""
    return render_many([reading], fmt, **options)
