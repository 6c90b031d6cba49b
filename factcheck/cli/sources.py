"""`factcheck sources`: list and extend the source registry kept in `sources.db`.

    factcheck sources list [--kind K] [--json]
    factcheck sources add NAME --kind K [--alias A …]
    factcheck sources alias NAME ALIAS
    factcheck sources rebuild [--drop-user]

Every command takes `--db PATH` (else $FACTCHECK_DB, else ./sources.db); a missing database is
created and seeded from the shipped registry. The store is imported inside each command so that
`factcheck --help` stays fast.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, get_args

import click

from factcheck.models import InputError, SourceKind

if TYPE_CHECKING:
    from factcheck.store import Store

KINDS: tuple[str, ...] = get_args(SourceKind)

db_option = click.option(
    "--db", "db", metavar="PATH", help="Database of sources and tags (default $FACTCHECK_DB, else ./sources.db)."
)


def _open(db: str | None) -> Store:
    from factcheck.store import open_store, resolve_db_path

    return open_store(resolve_db_path(db))


def _writable(store: Store) -> None:
    from factcheck.models import DatabaseError

    if store.readonly:
        reason = "; ".join(store.notices) or f"{store.path} is read-only"
        raise DatabaseError(f"cannot change the registry: {reason}")


@click.group("sources")
def sources() -> None:
    """List and extend the source registry (outlets, agencies, companies, bodies)."""


@sources.command("list")
@click.option("--kind", type=click.Choice(KINDS), help="Only sources of this kind.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array, for programs.")
@db_option
def list_sources(kind: str | None, as_json: bool, db: str | None) -> None:
    """List known sources with their kind, country and aliases."""
    from factcheck.textsafe import safe

    with _open(db) as store:
        found = [s for s in store.list_sources() if kind is None or s.kind == kind]
    if as_json:
        click.echo(json.dumps([s.model_dump(mode="json") for s in found], ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo("no sources" + (f" of kind {kind}" if kind else ""))
        return
    width = min(max(len(s.name) for s in found), 36)
    for source in found:
        aliases = ", ".join(source.aliases)
        origin = "" if source.origin == "seed" else "  (added)"
        line = f"{source.name:<{width}}  {source.kind:<15}  {source.country or '-':<3}  {aliases}{origin}"
        click.echo(safe(line.rstrip()))
    click.echo(f"{len(found)} sources")


@sources.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(KINDS), required=True, help="What kind of source it is.")
@click.option("--alias", "aliases", multiple=True, metavar="ALIAS", help="Another name it goes by (repeatable).")
@db_option
def add(name: str, kind: str, aliases: tuple[str, ...], db: str | None) -> None:
    """Add a source NAME of kind K, with its aliases."""
    from factcheck.textsafe import safe

    with _open(db) as store:
        _writable(store)
        source = store.add_source(name, kind, aliases)  # type: ignore[arg-type]
    also = f" (also {', '.join(source.aliases)})" if source.aliases else ""
    click.echo(safe(f"added {source.name}: {source.kind}{also}"))


@sources.command("alias")
@click.argument("name")
@click.argument("alias")
@db_option
def alias(name: str, alias: str, db: str | None) -> None:
    """Let the source NAME (its name or any alias) also be found as ALIAS."""
    from factcheck.textsafe import safe

    with _open(db) as store:
        _writable(store)
        if store.find_source(name) is None:
            hint = _suggest(store, name)
            raise InputError(f"no source called {name!r}{hint}: see `factcheck sources list`")
        source = store.add_alias(name, alias)
    click.echo(safe(f"{source.name} now also answers to: {', '.join(source.aliases)}"))


@sources.command("rebuild")
@click.option("--drop-user", is_flag=True, help="Also remove the sources added with `sources add`.")
@db_option
def rebuild(drop_user: bool, db: str | None) -> None:
    """Reset the registry to the shipped one (reviews and tags are kept).

    Sources added with `sources add` are kept unless --drop-user is given; aliases added to the
    shipped sources with `sources alias` are dropped. To write a brand-new database file, use
    `python -m factcheck.store.build PATH`.
    """
    with _open(db) as store:
        _writable(store)
        count = store.reset_registry(keep_user=not drop_user)
        path = store.path
    click.echo(f"rebuilt the registry of {path}: {count} sources")


def _suggest(store: Store, name: str) -> str:
    found = store.registry().lookup(name)
    return f" (did you mean {found.name!r}?)" if found is not None else ""


COMMANDS: list[click.Command] = [sources]
