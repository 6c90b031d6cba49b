"""`factcheck review`: walk a draft in the terminal UI and tag every claim.

Everything that can go wrong before the UI (a missing or binary draft, a database that is not
ours) is checked first and ends in the same one line as `factcheck check`; Textual is imported only
once the draft has been read.
"""

from __future__ import annotations

import sys

import click

from factcheck.models import InputError


@click.command("review")
@click.argument("draft", metavar="DRAFT")
@click.option(
    "--db", "db", metavar="PATH", help="Database of sources and tags (default: $FACTCHECK_DB, else ./sources.db)."
)
@click.option(
    "--reviewer",
    metavar="NAME",
    help="Whose tags these are (default: $FACTCHECK_REVIEWER, else your login name).",
)
@click.option(
    "--read-only",
    "readonly",
    is_flag=True,
    help="Open the database read-only: read and export, but change nothing.",
)
@click.option(
    "--markdown/--plain",
    "markdown",
    default=None,
    help="Read the draft as Markdown or as plain text (default: by file extension).",
)
def review(draft: str, db: str | None, reviewer: str | None, readonly: bool, markdown: bool | None) -> None:
    """Review DRAFT statement by statement: tag each claim verified, disputed or needs-source.

    Every tag is saved at once in the database; reopen the draft to carry on. Keys: v x n tag,
    c clears, s fixes the source, a adds a note, f filters, / searches, u undoes, e exports,
    ? shows help, q quits.
    """
    if draft == "-":
        raise InputError("review needs a draft file: standard input is the keyboard here")
    from factcheck.read import read_draft

    loaded = read_draft(draft, markdown=markdown)
    from factcheck.review import check_reviewable

    check_reviewable(loaded)
    name = (reviewer if reviewer is not None else _default_reviewer()).strip()
    if not name:
        raise InputError("--reviewer is empty: give the name your tags should carry")
    from factcheck.store import open_store, resolve_db_path

    path = resolve_db_path(db)
    # Opened once here so a database that is corrupt or not ours is refused before the UI starts;
    # the UI opens its own connections in its worker threads.
    store = open_store(path, readonly=readonly)
    store.close()
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("review is interactive and needs a terminal: use `factcheck export` for a file")

    from factcheck.tui.app import FactcheckApp

    FactcheckApp(loaded, db_path=path, reviewer=name, readonly=readonly).run()


def _default_reviewer() -> str:
    from factcheck.review import default_reviewer

    return default_reviewer()


COMMANDS = [review]
