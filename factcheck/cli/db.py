"""`factcheck db`: check a database and back it up.

    factcheck db check [--json]     integrity and schema report; exit 1 if a problem is found
    factcheck db backup PATH        a consistent copy, safe to take while others are reviewing

Both take `--db PATH` (else $FACTCHECK_DB, else ./sources.db) and never create a database.
A database that cannot be opened at all (not SQLite, damaged, another program's, newer) gets one
line on stderr and exit 2, as everywhere.
"""

from __future__ import annotations

import click

db_option = click.option(
    "--db", "db", metavar="PATH", help="Database of sources and tags (default $FACTCHECK_DB, else ./sources.db)."
)


@click.group("db")
def db() -> None:
    """Check and back up the database of sources and tags."""


@db.command("check")
@click.option("--json", "as_json", is_flag=True, help="The report as one JSON object.")
@db_option
@click.pass_context
def check(ctx: click.Context, as_json: bool, db: str | None) -> None:
    """Run SQLite's integrity check and report the schema and contents."""
    from factcheck.store import open_store, resolve_db_path

    # Read-only: a check changes nothing (changes waiting in a recovery file are reported, and
    # written by the next command that opens the database for writing).
    with open_store(resolve_db_path(db), create=False, readonly=True) as store:
        report = store.check()
    if as_json:
        click.echo(report.model_dump_json(indent=1))
    else:
        verdict = "ok" if report.ok else "PROBLEMS"
        click.echo(f"{report.path}: {verdict}")
        click.echo(f"  schema version {report.schema_version} (expected {report.expected_version}), "
                   f"application id {report.application_id:#010x}, journal {report.journal_mode}, "
                   f"{report.size_bytes:,} bytes{', read-only' if report.readonly else ''}")
        click.echo(f"  integrity: {'; '.join(report.integrity[:3])}")
        click.echo("  rows: " + ", ".join(f"{name} {count}" for name, count in report.tables.items()))
        if report.pending_changes:
            click.echo(f"  waiting to be saved: {report.pending_changes} ({', '.join(report.recovery_files)})")
        for problem in report.problems:
            click.echo(f"  problem: {problem}")
    if not report.ok:
        ctx.exit(1)


@db.command("backup")
@click.argument("dest", metavar="PATH")
@db_option
def backup(dest: str, db: str | None) -> None:
    """Copy the database to PATH (a file that does not exist yet, or a folder)."""
    from factcheck.store import open_store, resolve_db_path

    with open_store(resolve_db_path(db), create=False, readonly=True) as store:
        written = store.backup(dest)
    click.echo(f"backed up {store.path} to {written}")


COMMANDS: list[click.Command] = [db]
