"""The tables of `sources.db` and the migrations that build them, one schema version at a time.

The version lives in `PRAGMA user_version`, and `PRAGMA application_id` marks the file as
factcheck's, so a database of another program is never mistaken for ours. Migration N takes a
database from version N to N+1; a new database runs them all. Migrations run inside the caller's
`BEGIN IMMEDIATE` transaction together with the version bump: a crash leaves the old version.

Tables are created through sqlite-utils (plural snake_case, `id` keys, declared foreign keys, a
`name` column on what a person would browse: `datasette sources.db` is a fair browser of them).
sqlite-utils is imported only here: opening a database that is already current does not pay for it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x46434B31  # "FCK1"
SCHEMA_VERSION = 3


def _v1_registry(db: Database) -> None:
    """The source registry (the first release of the engine needed nothing else)."""
    db["sources"].create(
        {"id": int, "name": str, "kind": str, "country": str, "origin": str},
        pk="id",
        not_null={"name", "kind", "origin"},
        defaults={"origin": "seed"},
    )
    db["sources"].create_index(["name"], unique=True)
    db["source_aliases"].create(
        {"id": int, "source_id": int, "alias": str, "normalised": str},
        pk="id",
        not_null={"source_id", "alias", "normalised"},
        foreign_keys=[("source_id", "sources", "id")],
    )
    db["source_aliases"].create_index(["normalised"], unique=True)
    db["source_aliases"].create_index(["source_id"])
    db["meta"].create({"key": str, "value": str}, pk="key")


def _v2_review(db: Database) -> None:
    """What fact-checkers add: drafts, the current tag of each statement, history, corrections."""
    db["drafts"].create(
        {
            "id": int,
            "name": str,
            "path": str,
            "sha256": str,
            "chars": int,
            "first_seen": str,
            "last_opened": str,
            "previous_id": int,
        },
        pk="id",
        not_null={"name", "path", "sha256", "chars", "first_seen", "last_opened"},
        foreign_keys=[("previous_id", "drafts", "id")],
    )
    db["drafts"].create_index(["sha256"], unique=True)
    db["drafts"].create_index(["path"])
    db["tags"].create(
        {
            "id": int,
            "draft_id": int,
            "statement_key": str,
            "tag": str,
            "note": str,
            "reviewer": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"draft_id", "statement_key", "reviewer", "updated_at"},
        foreign_keys=[("draft_id", "drafts", "id")],
    )
    db["tags"].create_index(["draft_id", "statement_key"], unique=True)
    db["tags"].create_index(["draft_id", "updated_at"])
    db["tag_history"].create(
        {
            "id": int,
            "event_id": str,
            "draft_id": int,
            "statement_key": str,
            "action": str,
            "tag": str,
            "note": str,
            "detail": str,
            "reviewer": str,
            "at": str,
        },
        pk="id",
        not_null={"event_id", "draft_id", "statement_key", "action", "reviewer", "at"},
        foreign_keys=[("draft_id", "drafts", "id")],
    )
    # A change replayed from a recovery file twice is written once.
    db["tag_history"].create_index(["event_id"], unique=True)
    db["tag_history"].create_index(["draft_id", "statement_key"])
    db["corrections"].create(
        {
            "id": int,
            "draft_id": int,
            "statement_key": str,
            "sources_json": str,
            "not_claim": int,
            "reviewer": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"draft_id", "statement_key", "not_claim", "reviewer", "updated_at"},
        defaults={"not_claim": 0},
        foreign_keys=[("draft_id", "drafts", "id")],
    )
    db["corrections"].create_index(["draft_id", "statement_key"], unique=True)


def _v3_statement_texts(db: Database) -> None:
    """The text behind each statement key, so a tag can follow its statement when it is edited."""
    db["statements"].create(
        {"id": int, "draft_id": int, "statement_key": str, "text": str},
        pk="id",
        not_null={"draft_id", "statement_key", "text"},
        foreign_keys=[("draft_id", "drafts", "id")],
    )
    db["statements"].create_index(["draft_id", "statement_key"], unique=True)


# MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: list[Callable[[Database], None]] = [_v1_registry, _v2_review, _v3_statement_texts]
assert len(MIGRATIONS) == SCHEMA_VERSION


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Brings the database to `target`, inside the caller's transaction; returns the old version."""
    from sqlite_utils import Database

    if not conn.in_transaction:
        raise RuntimeError("migrate() must run inside a write transaction")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    db = Database(conn, recursive_triggers=False, execute_plugins=False)
    for step in range(version, target):
        MIGRATIONS[step](db)
    # PRAGMAs cannot take parameters; both values are our own integers.
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    conn.execute(f"PRAGMA user_version = {target:d}")
    return version
