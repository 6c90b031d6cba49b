"""Builds a fresh `sources.db` from the shipped registry: `python -m factcheck.store.build [PATH]`.

Without PATH it writes `sources.db` at the root of the source checkout (next to pyproject.toml),
or in the current folder when factcheck is installed elsewhere. The file is written beside the
target and moved into place, so a reader never sees half a database. An existing database that
holds reviews (drafts, tags) is not replaced unless `--force` is given.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
from pathlib import Path

from factcheck.models import DatabaseError
from factcheck.store import preflight
from factcheck.store.store import BUSY_TIMEOUT_MS, DEFAULT_DB, Store


def default_target() -> Path:
    root = Path(__file__).resolve().parents[2]
    return root / DEFAULT_DB if (root / "pyproject.toml").exists() else Path(DEFAULT_DB)


def _holds_reviews(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    found = preflight.inspect(path, timeout_s=BUSY_TIMEOUT_MS / 1000)
    if not found.exists or found.version < 2:  # reviews arrived with schema 2
        return False
    conn = preflight.peek(path, timeout_s=BUSY_TIMEOUT_MS / 1000)
    try:
        return conn.execute("SELECT EXISTS (SELECT 1 FROM drafts) OR EXISTS (SELECT 1 FROM tag_history)").fetchone()[0]
    finally:
        conn.close()


def build(target: Path, *, force: bool = False) -> int:
    """Writes a new database at `target` seeded from registry.json; returns its number of sources."""
    if not force and _holds_reviews(target):
        raise DatabaseError(f"{target} holds reviews: pass --force to replace it, or build to another path")
    partial = target.with_name(f".{target.name}.{os.getpid()}.building")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        conn = sqlite3.connect(str(partial), isolation_level=None)
        # WAL as opening it for writing would set anyway: using the file then leaves it unchanged.
        conn.execute("PRAGMA journal_mode = WAL")
        store = Store(conn, partial, readonly=False)
        store._prepare(0, replay=False)
        count = len(store.list_sources())
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        os.replace(partial, target)
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factcheck.store.build", description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=None, help="where to write (default: repo root)")
    parser.add_argument("--force", action="store_true", help="replace a database that holds reviews")
    args = parser.parse_args(argv)
    target = args.path or default_target()
    try:
        count = build(target, force=args.force)
    except DatabaseError as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {target} ({count} sources)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
