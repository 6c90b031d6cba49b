"""`factcheck export`: the fact-check memo of a draft, with its review, for an editor or a program.

The engine's reading, the reviewers' corrections (which win), tags, notes and reviewers, as
Markdown, JSON or CSV. It only reads the database, so it works on a read-only one.
"""

from __future__ import annotations

import sys

import click

from factcheck.models import InputError

FORMATS = ("markdown", "json", "csv")


@click.command("export")
@click.argument("draft", metavar="DRAFT")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="markdown",
    show_default=True,
    help="markdown: the memo to forward; json and csv: for programs and spreadsheets.",
)
@click.option(
    "--db", "db", metavar="PATH", help="Database of sources and tags (default: $FACTCHECK_DB, else ./sources.db)."
)
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="Write the memo to PATH instead of standard output.",
)
@click.option(
    "--next-to-draft",
    is_flag=True,
    help="Write DRAFT.factcheck.md (.json, .csv) beside the draft, as the review UI's e key does.",
)
@click.option(
    "--markdown/--plain",
    "markdown",
    default=None,
    help="Read the draft as Markdown or as plain text (default: by file extension).",
)
def export(
    draft: str, fmt: str, db: str | None, output: str | None, next_to_draft: bool, markdown: bool | None
) -> None:
    """Write the fact-check memo of DRAFT: its statements, flags, sources, tags, notes and reviewers."""
    if output is not None and next_to_draft:
        raise InputError("--output and --next-to-draft both say where to write: give one")
    if draft == "-" and next_to_draft:
        raise InputError("--next-to-draft needs a draft file, not standard input")
    from factcheck.read import read_draft

    loaded = read_draft(draft, markdown=markdown)
    from factcheck.export import render, write_export
    from factcheck.review import check_reviewable, load_session

    check_reviewable(loaded, "export")
    from factcheck.store import open_store, resolve_db_path

    path = resolve_db_path(db)
    if path.exists():
        store = open_store(path, readonly=True)
        try:
            session = load_session(loaded, store, reviewer="export")
        finally:
            store.close()
    else:
        click.echo(f"factcheck: warning: no database at {path}: the memo has no review yet", err=True)
        session = load_session(loaded, None, reviewer="export")
    text = render(session, fmt)

    if next_to_draft:
        result = write_export(text, loaded.path, fmt)
        where = f"{result.path} (the draft's folder is read-only)" if result.fallback else str(result.path)
        click.echo(f"factcheck: wrote {where}", err=True)
    elif output is not None and output != "-":
        try:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


COMMANDS = [export]
