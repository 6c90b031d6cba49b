"""Looking at a database file before trusting it, without changing a byte of it.

`inspect` reads the header, then opens the file read-only (`mode=ro`) to read its application id,
schema version and tables and to run `PRAGMA quick_check`. Only when all of that is sound does
`open_store` open it for writing (which may switch it to WAL). A file that is not SQLite, is
truncated, belongs to another program, was written by a newer factcheck or fails its check gets a
one-line `DatabaseError` naming the path and what to do, and is left exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from factcheck.models import DatabaseError
from factcheck.store.schema import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class Inspection:
    """What `inspect` found at a path."""

    path: Path
    exists: bool  # a database with content (a missing or zero-byte file is not one yet)
    version: int  # schema version; 0 when there is no factcheck schema yet
    writable: bool  # the file (or, for a new file, its folder) can be written, and so can the folder


def writable(path: Path) -> bool:
    """Whether changes to the database at `path` could be saved (the file and its folder)."""
    # SQLite writes -wal and -shm files next to the database: the folder must be writable too.
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def connect_readonly(path: Path, *, timeout_s: float) -> sqlite3.Connection:
    """A read-only connection that cannot change the file (URI `mode=ro`)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout_s, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the file is opened lazily
        return conn
    except sqlite3.OperationalError:
        conn.close()
        folder = path.parent if str(path.parent) else Path(".")
        if os.access(folder, os.W_OK):
            raise
        # A WAL database in a read-only folder cannot get the -shm file readers share; nobody can
        # be writing it there either, so reading it as immutable is safe.
        return sqlite3.connect(
            uri + "&immutable=1", uri=True, timeout=timeout_s, isolation_level=None, check_same_thread=False
        )


def _expected_size(header: bytes) -> int | None:
    """The size the header promises, when the header's own page count can be trusted."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    change_counter, valid_for = header[24:28], header[92:96]
    if page_count == 0 or change_counter != valid_for:
        return None  # SQLite itself falls back on the file size then
    return page_size * page_count


def inspect(path: Path, *, timeout_s: float) -> Inspection:
    """Checks that `path` is usable as a factcheck database, leaving it untouched.

    Raises DatabaseError (one line) for a folder, an unreadable file, a file that is not SQLite,
    a truncated or damaged database, another program's database, or a newer schema.
    """
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file: pass a file path with --db")
    if not path.exists():
        if not path.parent.exists():
            raise DatabaseError(f"cannot create {path}: the folder {path.parent} does not exist")
        return Inspection(path, exists=False, version=0, writable=writable(path))
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
        size = path.stat().st_size
    except OSError as exc:
        raise DatabaseError(
            f"cannot read {path} ({exc.strerror}): check its permissions or pass another --db"
        ) from None
    if size == 0:
        return Inspection(path, exists=False, version=0, writable=writable(path))
    if not header.startswith(SQLITE_MAGIC):
        raise DatabaseError(f"{path} is not a SQLite database: pass another --db path (the file was left as it is)")
    expected = _expected_size(header) if len(header) == HEADER_SIZE else None
    wal = path.with_name(path.name + "-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    # A crash mid-checkpoint can leave the file short while its WAL still holds the pages.
    if len(header) < HEADER_SIZE or (expected is not None and size < expected and not has_wal):
        raise DatabaseError(
            f"{path} is truncated ({size} bytes, expected {expected or 'more'}): "
            "restore it from a backup or pass another --db path"
        )
    # With no WAL beside it, nobody has the database open for writing: read it as immutable,
    # which creates no -wal or -shm file next to a file we may be about to refuse.
    immutable = not has_wal
    try:
        return _inspect_with(path, timeout_s, immutable=immutable)
    except DatabaseError:
        if not immutable or not wal.exists():
            raise
        # Someone opened it while we looked: look again the ordinary way.
        return _inspect_with(path, timeout_s, immutable=False)


def peek(path: Path, *, timeout_s: float, immutable: bool | None = None) -> sqlite3.Connection:
    """A short-lived read-only connection that leaves no -wal or -shm file behind when it can:
    as immutable when no WAL is beside the file (so nobody is writing it)."""
    if immutable is None:
        wal = path.with_name(path.name + "-wal")
        immutable = not (wal.exists() and wal.stat().st_size > 0)
    if immutable:
        uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, isolation_level=None)
    return connect_readonly(path, timeout_s=timeout_s)


def _inspect_with(path: Path, timeout_s: float, *, immutable: bool) -> Inspection:
    try:
        conn = peek(path, timeout_s=timeout_s, immutable=immutable)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open {path} ({exc}): check its permissions or pass another --db") from None
    try:
        return _inspect_open(path, conn)
    finally:
        conn.close()


def _inspect_open(path: Path, conn: sqlite3.Connection) -> Inspection:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseError(f"{path} is locked by another program: try again in a moment") from None
        raise DatabaseError(f"{path} cannot be read ({exc}): restore it from a backup or pass another --db") from None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is damaged ({exc}): restore it from a backup or pass another --db path") from None
    if app_id != APPLICATION_ID:
        if tables or app_id != 0:
            shown = ", ".join(tables[:4]) + (", …" if len(tables) > 4 else "")
            raise DatabaseError(
                f"{path} is another program's SQLite database (tables: {shown or 'none'}): "
                "pass another --db path (the file was left as it is)"
            )
        return Inspection(path, exists=False, version=0, writable=writable(path))
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was written by a newer factcheck (schema {version}, this one knows up to "
            f"{SCHEMA_VERSION}): upgrade factcheck or pass another --db path"
        )
    if version == 0 and tables:
        raise DatabaseError(f"{path} has factcheck's mark but no schema version: restore it from a backup")
    problems = quick_check(conn, path)
    if problems:
        raise DatabaseError(
            f"{path} is damaged (quick_check: {problems[0]}): restore it from a backup or pass another --db path"
        )
    return Inspection(path, exists=True, version=version, writable=writable(path))


def quick_check(conn: sqlite3.Connection, path: Path, *, full: bool = False) -> list[str]:
    """Problems `PRAGMA quick_check` (or `integrity_check` when `full`) reports; [] when sound."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}(20)")]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseError(f"{path} is locked by another program: try again in a moment") from None
        return [" ".join(str(exc).split())]
    except sqlite3.DatabaseError as exc:
        return [" ".join(str(exc).split())]
    # Messages can span lines ("*** in database main ***\nPage 3: …"): one line each.
    return [] if rows == ["ok"] else [" ".join(str(row).split()) for row in rows]
