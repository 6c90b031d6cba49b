"""`factcheck check`: the engine's reading of one or more drafts, for a person or a program.

It is also a pre-publish gate: `--fail-on unattributed` exits 1 when any claim carries that flag,
so a CI job or a CMS hook can stop a draft. Exit codes: 0 done, 1 a `--fail-on` flag was found,
2 usage or input error (one line on stderr; with several drafts the readable ones are still
checked and reported, and the exit code is 2 at the end).

Start-up is on the critical path (the check must answer in well under half a second), so the
engine, the registry and the database are imported inside the command, and the database only
when there is one: `check` never creates a file, and works on a read-only database.
"""

from __future__ import annotations

import codecs
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from factcheck.models import FLAGS, InputError, Reading
from factcheck.report import FORMATS, HUMAN_FORMATS

if TYPE_CHECKING:
    from factcheck.analysis.pieces import LongDraft
    from factcheck.analysis.sources import Registry

STDIN = "-"
# Terminal widths outside this range make the text report hard to read.
MIN_WIDTH, MAX_WIDTH = 60, 120
PIPE_WIDTH = 100


@dataclass
class _Outcome:
    """What the run found, for the exit code: drafts that could not be read, flags hit."""

    unreadable: int = 0
    hits: dict[str, int] = field(default_factory=dict)


@click.command("check")
@click.argument("drafts", nargs=-1, required=True, metavar="DRAFT...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text and markdown for people; json (one draft), jsonl (one object per draft per line) "
    "and csv (one row per statement) for programs.",
)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    metavar="FLAG,…",
    help=f"Exit 1 when any claim carries one of these flags ({', '.join(FLAGS)}).",
)
@click.option("--db", "db", metavar="PATH", help="Source registry database (default ./sources.db).")
@click.option(
    "--markdown/--plain",
    "markdown",
    default=None,
    help="Read the drafts as Markdown or as plain text (default: by file extension).",
)
@click.pass_context
def check(
    ctx: click.Context,
    drafts: tuple[str, ...],
    fmt: str,
    fail_on: tuple[str, ...],
    db: str | None,
    markdown: bool | None,
) -> None:
    """Say who vouches for every statement of each DRAFT ("-" reads standard input)."""
    failing = parse_flags(fail_on)
    if fmt == "json" and len(drafts) > 1:
        raise InputError(f"--format json prints one draft, got {len(drafts)}: use --format jsonl")
    if drafts.count(STDIN) > 1:
        raise InputError('standard input ("-") can be read only once')

    registry = _registry(db)
    from factcheck import report

    color = fmt in HUMAN_FORMATS and _wants_color()
    ascii_only = not _prepare_stdout()
    outcome = _Outcome()
    readings = _readings(drafts, markdown, registry, failing, outcome, fmt)
    for chunk in report.stream(readings, fmt, color=color, width=_width(), ascii_only=ascii_only):
        click.echo(chunk, nl=False, color=color)

    if outcome.hits:
        found = ", ".join(f"{flag} ({n})" for flag, n in outcome.hits.items())
        click.echo(f"factcheck: found {found}", err=True)
    if outcome.unreadable:
        ctx.exit(2)
    if outcome.hits:
        ctx.exit(1)


COMMANDS: list[click.Command] = [check]


def parse_flags(values: Iterable[str]) -> tuple[str, ...]:
    """The flags named by `--fail-on` ("a,b" and repeated options both work), validated."""
    values = list(values)
    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    if values and not names:
        raise InputError(f"--fail-on needs at least one flag: {', '.join(FLAGS)}")
    unknown = [name for name in names if name not in FLAGS]
    if unknown:
        raise InputError(
            f"--fail-on: unknown flag {', '.join(repr(n) for n in unknown)}; valid flags: {', '.join(FLAGS)}"
        )
    return tuple(dict.fromkeys(names))


def _readings(
    paths: Sequence[str],
    markdown: bool | None,
    registry: Registry,
    failing: Sequence[str],
    outcome: _Outcome,
    fmt: str = "text",
) -> Iterator[Reading | LongDraft]:
    """Each readable draft's reading, in order; unreadable ones are reported and skipped.

    A very long draft is not read here but handed on whole, to be read and written piece by piece
    (`factcheck.analysis.pieces`, in every format): its flags are counted once it has been written.
    """
    from factcheck.analysis import LARGE_CHARS, analyse
    from factcheck.read import read_draft
    from factcheck.textsafe import safe

    for path in paths:
        try:
            draft = read_draft(path, markdown=markdown)
        except InputError as exc:
            click.echo(f"factcheck: {safe(str(exc))}", err=True)
            outcome.unreadable += 1
            continue
        if len(draft.text) > LARGE_CHARS:
            from factcheck.analysis.pieces import LongDraft

            for warning in draft.warnings:
                click.echo(f"factcheck: warning: {safe(warning)}", err=True)
            long = LongDraft(draft, registry)
            yield long
            for flag in failing:
                if long.flags[flag]:
                    outcome.hits[flag] = outcome.hits.get(flag, 0) + long.flags[flag]
            for warning in long.warnings:
                click.echo(f"factcheck: warning: {safe(warning)}", err=True)
            continue
        try:
            reading = analyse(draft, registry=registry)
        except Exception as exc:  # an engine bug must not end a run over an archive, nor print a traceback
            click.echo(f"factcheck: {safe(str(InputError.engine_bug(str(path), exc)))}", err=True)
            outcome.unreadable += 1
            continue
        for warning in reading.warnings:
            click.echo(f"factcheck: warning: {safe(warning)}", err=True)
        for statement in reading.statements:
            for flag in statement.flags:
                if flag in failing:
                    outcome.hits[flag] = outcome.hits.get(flag, 0) + 1
        yield reading


def _registry(db: str | None) -> Registry:
    """The registry of the database if there is one (opened read-only), else the built-in one."""
    from factcheck.store import ENV_VAR, resolve_db_path

    path = resolve_db_path(db)
    try:
        exists = path.exists()
    except OSError as exc:  # a folder we may not look into
        raise InputError(f"cannot reach the database {path}: {exc.strerror or exc}") from None
    if exists:
        from factcheck.store import open_store

        with open_store(path, readonly=True) as store:
            return store.registry()
    if db or os.environ.get(ENV_VAR):
        # A path the user chose that is not there is likely a typo: say so, but still check.
        click.echo(f"factcheck: warning: no database at {path}: using the built-in registry", err=True)
    from factcheck.analysis.sources import Registry

    return Registry.default()


def _wants_color() -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _stdout_is_a_terminal()


def _width() -> int:
    """The terminal's width (within reason) when writing to one, a fixed width otherwise."""
    if not _stdout_is_a_terminal():
        return PIPE_WIDTH
    columns = shutil.get_terminal_size((PIPE_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def _stdout_is_a_terminal() -> bool:
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def _prepare_stdout() -> bool:
    """True when stdout takes any character (UTF-8). If not, it is set to replace what it cannot
    encode, and JSON is written with \\u escapes instead: a name in Chinese must not kill the run."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        if codecs.lookup(encoding).name == "utf-8":
            return True
    except LookupError:
        pass
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return False
