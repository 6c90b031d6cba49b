"""`sources.db`: the source registry and the fact-checkers' review, behind one small class.

Promises (see the README's "Your data is safe"):
- every change is one short `BEGIN IMMEDIATE` transaction in a WAL database with
  `synchronous=FULL`, so a change reported `saved` survives a crash or a power cut, and `kill -9`
  loses at most the change in flight;
- several processes can review the same draft at once: each change waits up to the busy timeout
  for the lock; the later change wins, and both stay in `tag_history`;
- a change that cannot be written (lock held past the timeout, disk full, I/O error) is not lost:
  `set_tag` and friends return `pending`, keep it in memory and in a recovery file, and write it
  at the next save or the next open;
- a file that is not a sound factcheck database is never modified (see `preflight`); an older
  schema is backed up with the SQLite backup API before it is migrated.

Reads and writes use the standard `sqlite3` module with hand-written SQL (sqlite-utils builds the
tables in `schema`; importing it costs ~0.1 s that `factcheck check` should not pay on every run).
A `Store` may be used from several threads: a lock serialises its use of the one connection.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_args

from factcheck.models import (
    Correction,
    DatabaseError,
    Draft,
    ReviewTag,
    SourceKind,
    TagEvent,
    TagRecord,
)
from factcheck.store import preflight, recovery
from factcheck.store.records import DbReport, DraftRecord, PendingChange, SaveResult, StoredSource
from factcheck.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

if TYPE_CHECKING:
    from factcheck.analysis.sources import Registry

DEFAULT_DB = "sources.db"
ENV_VAR = "FACTCHECK_DB"
BUSY_TIMEOUT_MS = 15_000
# Retrying changes already kept in a recovery file: a short wait, so a lock held for minutes
# does not make every later change wait the full timeout too.
RETRY_TIMEOUT_MS = 250
# The draft id `register_draft` returns for a new draft in a read-only database: nothing is stored.
UNSAVED_DRAFT_ID = 0
_SEED_DIGEST_KEY = "seed_sha256"
_KINDS: frozenset[str] = frozenset(get_args(SourceKind))
_TAGS: frozenset[str] = frozenset(get_args(ReviewTag))

T = TypeVar("T")


def resolve_db_path(cli_value: str | None) -> Path:
    """The database to use: `--db`, else `$FACTCHECK_DB`, else `./sources.db`."""
    chosen = cli_value or os.environ.get(ENV_VAR) or DEFAULT_DB
    return Path(chosen).expanduser()


def now() -> str:
    """ISO 8601 in UTC with microseconds: fixed width, so text order is time order."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def open_store(
    path: str | Path,
    *,
    readonly: bool = False,
    create: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> Store:
    """Opens (creating and seeding it when missing, if `create`) the database at `path`.

    Raises DatabaseError (one line, the file untouched) when the file cannot be used. A file or
    folder that cannot be written gives a read-only store (`Store.readonly`, `Store.notices`
    says why); so does `readonly=True`. A read-only store on a missing file holds the built-in
    registry in memory.
    """
    path = Path(path).expanduser()
    timeout_s = busy_timeout_ms / 1000
    found = preflight.inspect(path, timeout_s=timeout_s)
    if not found.exists:
        if not create:
            raise DatabaseError(f"{path} does not exist: run `factcheck sources list --db {path}` to create it")
        if readonly or not found.writable:
            notice = f"{path} does not exist and cannot be created here: nothing will be saved"
            if readonly:
                notice = f"{path} does not exist: using the built-in registry (read-only)"
            return Store._in_memory(path, notice)
    if readonly or not found.writable:
        why = "opened read-only" if readonly else "the file or its folder is read-only: nothing will be saved"
        try:
            return Store._readonly(path, found.version, timeout_s, f"{path}: {why}")
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot read {path} ({exc}): check the file or pass another --db") from None
    try:
        conn = _connect(path, timeout_s)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open {path} ({exc}): check the file or pass another --db") from None
    store = Store(conn, path, readonly=False, busy_timeout_ms=busy_timeout_ms)
    try:
        store._prepare(found.version)
    except BaseException:
        store.close()
        raise
    return store


def _connect(path: Path, timeout_s: float) -> sqlite3.Connection:
    # isolation_level=None: the driver opens no transactions of its own; we issue BEGIN IMMEDIATE.
    conn = sqlite3.connect(str(path), timeout=timeout_s, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000):d}")
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL: readers never wait for a writer, and a commit is one append. synchronous=FULL:
        # a commit reported done is on disk, even if the power goes a moment later.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def _transient(exc: sqlite3.Error) -> bool:
    """Errors worth retrying later (lock timeout, full disk, I/O), not a broken request."""
    broken_request = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, broken_request)


def _describe(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "the database is locked by another program"
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the database cannot be written"
    return f"the database could not be written ({text})"


class Store:
    """An open `sources.db`. Use `open_store`; close it (or use `with`) when done."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        readonly: bool,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        notices: Sequence[str] = (),
    ) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly
        self.busy_timeout_ms = busy_timeout_ms
        # Things a UI should show once: read-only, migrated, replayed changes from a recovery file.
        self.notices: list[str] = list(notices)
        self._lock = threading.RLock()
        self._pending: list[PendingChange] = []
        self._memory_only: set[str] = set()  # event ids of pending changes no recovery file holds
        self._registry: Registry | None = None
        self._registry_version: int | None = None

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def _in_memory(cls, path: Path, notice: str) -> Store:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        store = cls(conn, path, readonly=False, notices=[notice])
        store._prepare(0, replay=False)
        store.readonly = True
        return store

    @classmethod
    def _readonly(cls, path: Path, version: int, timeout_s: float, notice: str) -> Store:
        conn = preflight.connect_readonly(path, timeout_s=timeout_s)
        conn.execute("PRAGMA query_only = ON")
        if version < SCHEMA_VERSION:
            # An older schema cannot be migrated in place here: read a migrated copy in memory.
            memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            conn.backup(memory)
            conn.close()
            memory.execute("BEGIN IMMEDIATE")
            migrate(memory)
            memory.execute("COMMIT")
            conn = memory
        notices = [notice]
        waiting, _ = recovery.count(path)
        if waiting:
            notices.append(f"{waiting} earlier changes wait in a recovery file until {path} can be written")
        return cls(conn, path, readonly=True, notices=notices)

    def _prepare(self, version: int, *, replay: bool = True) -> None:
        """Creates, migrates and seeds as needed, then replays changes left in recovery files."""
        try:
            if 0 < version < SCHEMA_VERSION:
                backup = self._backup_before_migration(version)
                self.notices.append(f"{self.path}: upgraded from schema {version}; the old file is kept as {backup}")
            # The write lock is taken only when there is something to do: opening is a pure read.
            if version < SCHEMA_VERSION or self._seed_stale():
                self._transaction(self._create_or_migrate)
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot prepare {self.path}: {_describe(exc)}; try again") from None
        if replay:
            self._replay_recovery_files()

    def _backup_before_migration(self, version: int) -> Path:
        base = self.path.with_name(f"{self.path.name}.v{version}.bak")
        target, n = base, 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.v{version}-{n}.bak")
        self._copy_to(target)
        return target

    def _create_or_migrate(self, conn: sqlite3.Connection) -> None:
        # Checked again under the write lock: another process may have done it meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise DatabaseError(f"{self.path} was upgraded by a newer factcheck meanwhile: upgrade factcheck")
        if version < SCHEMA_VERSION:
            migrate(conn)
        self._sync_seed(conn)

    def _seed_stale(self) -> bool:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (_SEED_DIGEST_KEY,)).fetchone()
        return row is None or row[0] != _seed_digest()

    def _sync_seed(self, conn: sqlite3.Connection, *, force: bool = False) -> None:
        """Adds what the shipped registry has and this database lacks (user sources win).

        Runs when the shipped registry file changed since the last sync: a database created by an
        older factcheck learns the new outlets; sources and aliases a user added are kept.
        """
        from factcheck.analysis.sources import load_seed

        digest = _seed_digest()
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (_SEED_DIGEST_KEY,)).fetchone()
        if row is not None and row[0] == digest and not force:
            return
        taken = self._taken_keys(conn)
        for source in load_seed():
            existing = conn.execute("SELECT id, origin FROM sources WHERE name = ?", (source.name,)).fetchone()
            if existing is None:
                if _key(source.name) in taken:
                    continue  # a user source already answers to this name
                source_id = conn.execute(
                    "INSERT INTO sources (name, kind, country, origin) VALUES (?, ?, ?, 'seed')",
                    (source.name, source.kind, source.country),
                ).lastrowid
                taken[_key(source.name)] = source_id
            else:
                source_id = existing[0]
                if existing[1] == "seed":
                    conn.execute(
                        "UPDATE sources SET kind = ?, country = ? WHERE id = ?",
                        (source.kind, source.country, source_id),
                    )
            for alias in source.aliases:
                key = _key(alias)
                if key and key not in taken:
                    conn.execute(
                        "INSERT INTO source_aliases (source_id, alias, normalised) VALUES (?, ?, ?)",
                        (source_id, alias, key),
                    )
                    taken[key] = source_id
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (_SEED_DIGEST_KEY, digest),
        )

    @staticmethod
    def _taken_keys(conn: sqlite3.Connection) -> dict[str, int]:
        taken = {_key(name): source_id for source_id, name in conn.execute("SELECT id, name FROM sources")}
        taken.update(dict(conn.execute("SELECT normalised, source_id FROM source_aliases")))
        return taken

    # -- plumbing ------------------------------------------------------------------------------

    def close(self) -> None:
        """Tries once more to write pending changes (they stay in the recovery file otherwise)."""
        with self._lock:
            if self._conn is None:
                return
            if self._pending and not self.readonly:
                # Changes only in memory deserve the full wait; those in a recovery file are safe.
                self._flush_pending(quick=not self._memory_only)
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.path}{' read-only' if self.readonly else ''}>"

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise DatabaseError(f"{self.path} is closed")
        return self._conn

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Runs `work` in one BEGIN IMMEDIATE transaction: all of it is written, or none."""
        with self._lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
            self._registry = None
            return result

    def _writable(self) -> None:
        if self.readonly:
            raise DatabaseError(f"{self.path} is read-only: nothing can be saved to it")

    # -- registry ------------------------------------------------------------------------------

    def list_sources(self) -> list[StoredSource]:
        """Every source with its aliases, seed sources first in the seed file's order."""
        rows = self._read(
            "SELECT s.id, s.name, s.kind, s.country, s.origin, a.alias FROM sources s "
            "LEFT JOIN source_aliases a ON a.source_id = s.id ORDER BY s.id, a.id"
        )
        sources: dict[int, StoredSource] = {}
        for row in rows:
            source = sources.get(row["id"])
            if source is None:
                kind = row["kind"] if row["kind"] in _KINDS else "unknown"
                source = sources[row["id"]] = StoredSource(
                    name=row["name"], kind=kind, country=row["country"], origin=row["origin"]
                )
            if row["alias"] is not None:
                source.aliases.append(row["alias"])
        return list(sources.values())

    def registry(self) -> Registry:
        """A `Registry` of this database's sources; rebuilt when any process changes them."""
        from factcheck.analysis.sources import Registry

        with self._lock:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            if self._registry is None or version != self._registry_version:
                self._registry = Registry(self.list_sources())
                self._registry_version = version
            return self._registry

    def find_source(self, name: str) -> StoredSource | None:
        """The source whose name or alias is exactly `name` once normalised (no fuzzy guessing)."""
        with self._lock:
            source_id = self._taken_keys(self.conn).get(_key(name))
            if source_id is None:
                return None
            (canonical,) = self.conn.execute("SELECT name FROM sources WHERE id = ?", (source_id,)).fetchone()
        return next((s for s in self.list_sources() if s.name == canonical), None)

    def add_source(self, name: str, kind: SourceKind, aliases: Sequence[str] = ()) -> StoredSource:
        """Adds a source of the user's; raises DatabaseError if a name or alias is already taken."""
        self._writable()
        name = _label(name, "name")
        if kind not in _KINDS:
            raise DatabaseError(f"unknown kind {kind!r}: use one of {', '.join(sorted(_KINDS))}")

        def work(conn: sqlite3.Connection) -> None:
            taken = self._taken_keys(conn)
            if _key(name) in taken:
                owner = self._name_of(conn, taken[_key(name)])
                raise DatabaseError(f"{name!r} is already known as {owner}: add an alias to it instead")
            source_id = conn.execute(
                "INSERT INTO sources (name, kind, country, origin) VALUES (?, ?, NULL, 'user')", (name, kind)
            ).lastrowid
            taken[_key(name)] = source_id
            for alias in aliases:
                self._insert_alias(conn, taken, source_id, alias)

        self._write_or_fail(work)
        found = self.find_source(name)
        assert found is not None
        return found

    def add_alias(self, name: str, alias: str) -> StoredSource:
        """Adds `alias` to the source called `name` (its name or any alias, exactly)."""
        self._writable()
        source = self.find_source(name)
        if source is None:
            raise DatabaseError(f"no source called {name!r}: see `factcheck sources list`")

        def work(conn: sqlite3.Connection) -> None:
            (source_id,) = conn.execute("SELECT id FROM sources WHERE name = ?", (source.name,)).fetchone()
            self._insert_alias(conn, self._taken_keys(conn), source_id, alias)

        self._write_or_fail(work)
        found = self.find_source(source.name)
        assert found is not None
        return found

    def reset_registry(self, *, keep_user: bool = True) -> int:
        """Replaces the seed sources by the shipped registry file's; returns how many sources now."""
        self._writable()

        def work(conn: sqlite3.Connection) -> int:
            if keep_user:
                conn.execute(
                    "DELETE FROM source_aliases WHERE source_id IN (SELECT id FROM sources WHERE origin = 'seed')"
                )
                conn.execute("DELETE FROM sources WHERE origin = 'seed'")
            else:
                conn.execute("DELETE FROM source_aliases")
                conn.execute("DELETE FROM sources")
            self._sync_seed(conn, force=True)
            return conn.execute("SELECT count(*) FROM sources").fetchone()[0]

        return self._write_or_fail(work)

    def _insert_alias(self, conn: sqlite3.Connection, taken: dict[str, int], source_id: int, alias: str) -> None:
        alias = _label(alias, "alias")
        key = _key(alias)
        owner = taken.get(key)
        if owner == source_id:
            return  # already answers to it
        if owner is not None:
            raise DatabaseError(f"{alias!r} already means {self._name_of(conn, owner)}")
        conn.execute(
            "INSERT INTO source_aliases (source_id, alias, normalised) VALUES (?, ?, ?)", (source_id, alias, key)
        )
        taken[key] = source_id

    @staticmethod
    def _name_of(conn: sqlite3.Connection, source_id: int) -> str:
        row = conn.execute("SELECT name FROM sources WHERE id = ?", (source_id,)).fetchone()
        return row[0] if row else "another source"

    def _write_or_fail(self, work: Callable[[sqlite3.Connection], T]) -> T:
        try:
            return self._transaction(work)
        except sqlite3.Error as exc:
            raise DatabaseError(f"{self.path}: {_describe(exc)}; nothing was changed") from None

    # -- drafts --------------------------------------------------------------------------------

    def register_draft(self, draft: Draft) -> int:
        """The id of this draft (by the sha256 of its text), recording it when it is new.

        A draft opened from a path that held other text before gets a new row that points to
        the previous one (`DraftRecord.previous_id`). In a read-only database a new draft gets
        UNSAVED_DRAFT_ID: nothing is stored for it.
        """
        path = draft.path if draft.path in ("-", "") else str(Path(draft.path).resolve())
        name = "(standard input)" if path in ("-", "") else Path(path).name
        if self.readonly:
            rows = self._read("SELECT id FROM drafts WHERE sha256 = ?", (draft.sha256,))
            return rows[0]["id"] if rows else UNSAVED_DRAFT_ID

        def work(conn: sqlite3.Connection) -> int:
            stamp = now()
            row = conn.execute("SELECT id FROM drafts WHERE sha256 = ?", (draft.sha256,)).fetchone()
            if row is not None:
                conn.execute(
                    "UPDATE drafts SET last_opened = ?, path = ?, name = ? WHERE id = ?", (stamp, path, name, row[0])
                )
                return row[0]
            previous = None
            if path not in ("-", ""):
                found = conn.execute(
                    "SELECT id FROM drafts WHERE path = ? ORDER BY last_opened DESC, id DESC LIMIT 1", (path,)
                ).fetchone()
                previous = found[0] if found else None
            return conn.execute(
                "INSERT INTO drafts (name, path, sha256, chars, first_seen, last_opened, previous_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, path, draft.sha256, len(draft.text), stamp, stamp, previous),
            ).lastrowid

        return self._write_or_fail(work)

    def draft(self, draft_id: int) -> DraftRecord | None:
        rows = self._read("SELECT * FROM drafts WHERE id = ?", (draft_id,))
        return DraftRecord.model_validate(rows[0]) if rows else None

    def drafts(self) -> list[DraftRecord]:
        """Every draft seen, most recently opened first."""
        return [DraftRecord.model_validate(r) for r in self._read("SELECT * FROM drafts ORDER BY last_opened DESC")]

    # -- review --------------------------------------------------------------------------------

    def get_tags(self, draft_id: int, *, include_previous: bool = False) -> dict[str, TagRecord]:
        """The current tag and note of each reviewed statement, by statement key.

        Changes still pending (not yet in the database) are included: they are what the reviewer
        last did. With `include_previous`, statements unchanged since an earlier version of the
        draft (same path) bring that version's review along where this one has none.
        """
        records: dict[str, TagRecord] = {}
        for row in self._rows_by_version("SELECT statement_key, tag, note, reviewer, updated_at FROM tags",
                                         draft_id, include_previous):
            records[row["statement_key"]] = TagRecord.model_validate(_known_tag(row))
        with self._lock:
            pending = [c for c in self._pending if c.draft_id == draft_id and c.action != "correction"]
        for change in pending:
            current = records.get(change.statement_key)
            tag = current.tag if current else None
            note = current.note if current else None
            if change.action in ("tag", "clear"):
                tag = change.tag
            else:
                note = change.note
            records[change.statement_key] = TagRecord(
                statement_key=change.statement_key, tag=tag, note=note, reviewer=change.reviewer, updated_at=change.at
            )
        return records

    def record_statements(self, draft_id: int, texts: Mapping[str, str]) -> bool:
        """Keeps the text of each statement key of a draft (once), so that a later version of the
        draft can place the tags of statements that were edited. Best effort: a locked or
        read-only database keeps nothing and says False; no review is lost by that."""
        if self.readonly or not texts:
            return False
        rows = [(draft_id, key, text) for key, text in texts.items()]

        def work(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "INSERT OR IGNORE INTO statements (draft_id, statement_key, text) VALUES (?, ?, ?)", rows
            )

        try:
            self._transaction(work)
        except sqlite3.Error:
            return False
        return True

    def statement_texts(self, draft_id: int, *, include_previous: bool = False) -> dict[str, str]:
        """The kept text of each statement key of a draft (and of its earlier versions)."""
        rows = self._rows_by_version("SELECT statement_key, text FROM statements", draft_id, include_previous)
        return {row["statement_key"]: row["text"] for row in rows}

    def _rows_by_version(self, select: str, draft_id: int, include_previous: bool) -> Iterator[dict[str, Any]]:
        """The rows of `select` (a query without WHERE) for a draft and, with `include_previous`, its
        earlier versions: oldest version first, so that keeping the last row per key lets the newest
        version's review win."""
        chain = self._draft_chain(draft_id) if include_previous else [draft_id]
        for one in reversed(chain):
            yield from self._read(f"{select} WHERE draft_id = ?", (one,))

    def _draft_chain(self, draft_id: int, limit: int = 50) -> list[int]:
        chain = [draft_id]
        while len(chain) < limit:
            record = self.draft(chain[-1])
            if record is None or record.previous_id is None or record.previous_id in chain:
                break
            chain.append(record.previous_id)
        return chain

    def set_tag(self, draft_id: int, statement_key: str, tag: ReviewTag | None, reviewer: str) -> SaveResult:
        """Tags a statement (None clears the tag; the note stays). Saved at once, or pending."""
        if tag is not None and tag not in _TAGS:
            raise ValueError(f"unknown review tag {tag!r}")
        return self._save(draft_id, statement_key, "tag" if tag else "clear", reviewer, tag=tag)

    def set_note(self, draft_id: int, statement_key: str, note: str | None, reviewer: str) -> SaveResult:
        """Sets the free-text note of a statement (None or blank removes it)."""
        note = note if note and note.strip() else None
        return self._save(draft_id, statement_key, "note", reviewer, note=note)

    def get_corrections(self, draft_id: int, *, include_previous: bool = False) -> dict[str, Correction]:
        """The reviewer's reading of each corrected statement, by statement key.

        With `include_previous`, statements unchanged since an earlier version of the draft (same
        path) bring that version's corrections along, as tags do, unless this version took them back.
        """
        records = {
            row["statement_key"]: _correction_from_row(row)
            for row in self._rows_by_version(
                "SELECT statement_key, sources_json, not_claim, reviewer, updated_at FROM corrections",
                draft_id, include_previous)
        }
        with self._lock:
            pending = [c for c in self._pending if c.draft_id == draft_id and c.action == "correction"]
        for change in pending:
            assert change.correction is not None
            records[change.statement_key] = change.correction
        return {key: correction for key, correction in records.items() if not _empty(correction)}

    def set_correction(self, draft_id: int, correction: Correction) -> SaveResult:
        """Stores the reviewer's reading of a statement; a correction that says nothing removes it."""
        return self._save(
            draft_id, correction.statement_key, "correction", correction.reviewer, correction=correction
        )

    def history(self, draft_id: int, statement_key: str | None = None) -> list[TagEvent]:
        """Every change made to the review of a draft (or of one statement), oldest first."""
        sql = "SELECT statement_key, action, tag, note, detail, reviewer, at FROM tag_history WHERE draft_id = ?"
        params: list[Any] = [draft_id]
        if statement_key is not None:
            sql += " AND statement_key = ?"
            params.append(statement_key)
        return [TagEvent.model_validate(_known_tag(row)) for row in self._read(sql + " ORDER BY at, id", params)]

    def changed_since(self, draft_id: int, since: str, *, exclude_reviewer: str | None = None) -> list[TagRecord]:
        """Tags and notes changed after `since` (an ISO time from a TagRecord or `now()`), oldest first."""
        sql = (
            "SELECT statement_key, tag, note, reviewer, updated_at FROM tags "
            "WHERE draft_id = ? AND updated_at > ?"
        )
        params: list[Any] = [draft_id, since]
        if exclude_reviewer is not None:
            sql += " AND reviewer != ?"
            params.append(exclude_reviewer)
        return [TagRecord.model_validate(_known_tag(row)) for row in self._read(sql + " ORDER BY updated_at", params)]

    def pending(self) -> list[PendingChange]:
        """Changes made in this process that are not in the database yet."""
        with self._lock:
            return list(self._pending)

    def flush_pending(self) -> bool:
        """Tries to write pending changes now; True when none is left."""
        with self._lock:
            if self.readonly:
                return not self._pending
            return self._flush_pending(quick=True)

    # -- saving --------------------------------------------------------------------------------

    def _save(self, draft_id: int, statement_key: str, action: str, reviewer: str, **fields: Any) -> SaveResult:
        self._writable()
        change = PendingChange(
            event_id=uuid.uuid4().hex,
            db=str(self.path.resolve()),
            draft_id=draft_id,
            statement_key=statement_key,
            action=action,  # type: ignore[arg-type]
            reviewer=reviewer,
            at=now(),
            **fields,
        )
        with self._lock:
            if self._pending and not self._flush_pending(quick=True):
                # Keep the order of changes: this one waits behind the earlier ones.
                return self._defer(change, "earlier changes are still waiting to be saved")
            try:
                self._transaction(lambda conn: self._apply(conn, change, live=True))
            except sqlite3.IntegrityError as exc:
                raise DatabaseError(f"{self.path}: cannot save for draft {draft_id} ({exc})") from None
            except sqlite3.Error as exc:
                if not _transient(exc):
                    raise DatabaseError(f"{self.path}: {exc}") from None
                return self._defer(change, _describe(exc))
            return SaveResult(status="saved")

    def _defer(self, change: PendingChange, reason: str) -> SaveResult:
        self._pending.append(change)
        where = recovery.append(self.path, change)
        if where is None:
            self._memory_only.add(change.event_id)
        if where is None:
            message = f"not saved yet: {reason}; kept in memory and retried at the next change"
        else:
            message = f"not saved yet: {reason}; kept in {where} and retried at the next change"
        return SaveResult(status="pending", message=message, recovery_file=str(where) if where else None)

    def _flush_pending(self, *, quick: bool = False) -> bool:
        changes = list(self._pending)
        try:
            with self._busy_timeout(RETRY_TIMEOUT_MS if quick else self.busy_timeout_ms):
                rejected = self._transaction(lambda conn: self._apply_all(conn, changes))
        except sqlite3.Error:
            return False
        del self._pending[: len(changes)]
        self._memory_only.difference_update(c.event_id for c in changes)
        self._reject(rejected)
        # Their lines in the recovery file are applied now; replaying them removes the file.
        self._replay_recovery_files()
        return True

    @contextlib.contextmanager
    def _busy_timeout(self, ms: int) -> Iterator[None]:
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms):d}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms):d}")

    def _apply_all(self, conn: sqlite3.Connection, changes: Sequence[PendingChange]) -> list[PendingChange]:
        """Writes earlier changes in one transaction; returns those the database refuses.

        A change can be refused only for a reason that will not go away (its draft is not in this
        database): it must not block the others, so each runs in its own savepoint.
        """
        rejected = []
        for change in changes:
            conn.execute("SAVEPOINT replay")
            try:
                self._apply(conn, change)
            except sqlite3.IntegrityError:
                conn.execute("ROLLBACK TO replay")
                rejected.append(change)
            conn.execute("RELEASE replay")
        return rejected

    def _reject(self, rejected: Sequence[PendingChange]) -> None:
        if not rejected:
            return
        where = self.path.with_name(self.path.name + ".rejected.jsonl")
        with contextlib.suppress(OSError), where.open("a", encoding="utf-8") as out:
            out.writelines(change.model_dump_json() + "\n" for change in rejected)
        self.notices.append(f"{len(rejected)} earlier changes name a draft this database lacks: kept in {where}")

    def _apply(self, conn: sqlite3.Connection, change: PendingChange, *, live: bool = False) -> None:
        """Writes one change in the caller's transaction; a change already written is skipped.

        A live change is the latest by definition (it holds the write lock now) and always wins.
        A change written late (from memory or a recovery file) wins only over older ones.
        """
        if live:
            # Taken under the write lock, so the order of times is the order of commits.
            change.at = now()
        detail = None
        if change.correction is not None:
            detail = change.correction.model_dump_json(include={"sources", "not_claim"})
        inserted = conn.execute(
            "INSERT INTO tag_history (event_id, draft_id, statement_key, action, tag, note, detail, reviewer, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(event_id) DO NOTHING",
            (
                change.event_id,
                change.draft_id,
                change.statement_key,
                change.action,
                change.tag,
                change.note,
                detail,
                change.reviewer,
                change.at,
            ),
        ).rowcount
        if not inserted:
            return
        key = (change.draft_id, change.statement_key)
        # A late change never undoes a newer one; a live one wins even if the clock went back.
        newer = "" if live else " WHERE excluded.updated_at >= {table}.updated_at"
        if change.action in ("tag", "clear"):
            conn.execute(
                "INSERT INTO tags (draft_id, statement_key, tag, reviewer, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(draft_id, statement_key) DO UPDATE SET tag = excluded.tag, "
                "reviewer = excluded.reviewer, updated_at = excluded.updated_at" + newer.format(table="tags"),
                (*key, change.tag, change.reviewer, change.at),
            )
        elif change.action == "note":
            conn.execute(
                "INSERT INTO tags (draft_id, statement_key, note, reviewer, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(draft_id, statement_key) DO UPDATE SET note = excluded.note, "
                "reviewer = excluded.reviewer, updated_at = excluded.updated_at" + newer.format(table="tags"),
                (*key, change.note, change.reviewer, change.at),
            )
        else:
            correction = change.correction
            assert correction is not None
            # A correction taken back is kept as an empty row, not deleted: it must hide the
            # correction an earlier version of the draft had for the same statement.
            sources = json.dumps(correction.sources) if correction.sources is not None else None
            conn.execute(
                "INSERT INTO corrections (draft_id, statement_key, sources_json, not_claim, reviewer, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(draft_id, statement_key) DO UPDATE SET "
                "sources_json = excluded.sources_json, not_claim = excluded.not_claim, "
                "reviewer = excluded.reviewer, updated_at = excluded.updated_at"
                + newer.format(table="corrections"),
                (*key, sources, int(correction.not_claim), change.reviewer, change.at),
            )

    def _replay_recovery_files(self) -> None:
        if self.readonly:
            return
        claimed = recovery.claim(self.path)
        if not claimed:
            return
        # The files are this database's by their place and name (`recovery.locations`), so every
        # line is replayed here, even if the database was moved since it was written.
        changes = sorted((c for _, cs in claimed for c in cs), key=lambda c: c.at)
        try:
            rejected = self._transaction(lambda conn: self._apply_all(conn, changes))
        except sqlite3.Error as exc:
            recovery.give_back(self.path, claimed)
            self.notices.append(f"{len(changes)} earlier changes are still waiting to be saved: {_describe(exc)}")
            return
        recovery.release(claimed)
        self._reject(rejected)
        changes = [c for c in changes if c not in rejected]
        if changes:
            files = ", ".join(sorted({str(p) for p, _ in claimed}))
            self.notices.append(f"saved {len(changes)} earlier changes kept in a recovery file ({files})")

    # -- maintenance ---------------------------------------------------------------------------

    def check(self) -> DbReport:
        """An integrity and schema report: the full `integrity_check`, foreign keys, row counts."""
        with self._lock:
            conn = self.conn
            integrity = preflight.quick_check(conn, self.path, full=True) or ["ok"]
            fk_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
            tables = {
                name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                ).fetchall()
            }
            pending = len(self._pending)
        waiting, files = recovery.count(self.path) if self.path.exists() else (0, [])
        size = self.path.stat().st_size if self.path.exists() else 0
        problems = []
        if integrity != ["ok"]:
            problems.append(f"integrity check failed: {integrity[0]}")
        if fk_problems:
            problems.append(f"{fk_problems} rows point to rows that do not exist")
        if app_id != APPLICATION_ID:
            problems.append("not marked as a factcheck database")
        if version != SCHEMA_VERSION:
            problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
        if waiting or pending:
            problems.append(f"{max(waiting, pending)} changes are waiting to be saved")
        return DbReport(
            path=str(self.path),
            ok=not problems,
            # Whether the file could be changed, not how this check opened it (always read-only).
            readonly=not preflight.writable(self.path),
            application_id=app_id,
            schema_version=version,
            expected_version=SCHEMA_VERSION,
            journal_mode=journal,
            size_bytes=size,
            integrity=integrity,
            foreign_key_problems=fk_problems,
            tables=tables,
            pending_changes=max(waiting, pending),
            recovery_files=files,
            problems=problems,
        )

    def backup(self, dest: str | Path) -> Path:
        """A consistent copy of the database at `dest` (SQLite backup API; safe while others write).

        `dest` may be a folder (the copy is named after the database and the time); a folder the
        path names that does not exist yet is made, as `mkdir -p` would ("backups/2026-11.db").
        An existing file is never overwritten. Returns the path written.
        """
        target = Path(dest).expanduser()
        if target.is_dir():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = target / f"{self.path.stem}-{stamp}{self.path.suffix or '.db'}"
        if target.exists():
            raise DatabaseError(f"{target} already exists: choose another backup path")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = exc.strerror or exc
            raise DatabaseError(f"cannot make the folder {target.parent} for the backup: {why}") from None
        self._copy_to(target)
        return target

    def _copy_to(self, target: Path) -> None:
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            copy = sqlite3.connect(str(partial), isolation_level=None)
            try:
                with self._lock:
                    self.conn.backup(copy)
                # A backup is one self-contained file: no -wal beside it.
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
            with open(partial, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, target)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise DatabaseError(f"cannot write the backup {target} ({exc})") from None


def _label(text: str, what: str) -> str:
    """A name or alias as stored: spaces tidied; refused if empty or holding hidden characters."""
    import unicodedata

    label = " ".join(text.split())
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in label):
        raise DatabaseError(f"the {what} {label!r} holds control or invisible characters: type it plainly")
    if not _key(label):
        raise DatabaseError(f"a source {what} needs letters or digits, got {label!r}")
    return label


def _key(name: str) -> str:
    from factcheck.analysis.sources import normalise

    return normalise(name)


def _known_tag(row: dict[str, Any]) -> dict[str, Any]:
    """A row with a tag this version does not know (written by a newer one) read as untagged."""
    if row["tag"] not in _TAGS:
        row["tag"] = None
    return row


def _empty(correction: Correction) -> bool:
    return correction.sources is None and not correction.not_claim


def _correction_from_row(row: dict[str, Any]) -> Correction:
    sources = json.loads(row["sources_json"]) if row["sources_json"] is not None else None
    return Correction(
        statement_key=row["statement_key"],
        sources=sources,
        not_claim=bool(row["not_claim"]),
        reviewer=row["reviewer"],
        updated_at=row["updated_at"],
    )


@cache
def _seed_digest() -> str:
    import hashlib

    from factcheck.analysis.sources import seed_bytes

    return hashlib.sha256(seed_bytes()).hexdigest()
