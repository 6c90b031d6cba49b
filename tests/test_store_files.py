"""Files that are not a sound factcheck database: one clear DatabaseError, and not a byte changed."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.models import DatabaseError, Draft
from factcheck.store import SCHEMA_VERSION, open_store


@pytest.fixture(autouse=True)
def _private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def sound_database(path: Path, *, tags: int = 300) -> Path:
    """A factcheck database with enough rows to span many pages, fully checkpointed."""
    text = "A long enough draft. " * 10
    draft = Draft(path="d.txt", text=text, raw=text, encoding="utf-8", sha256=hashlib.sha256(text.encode()).hexdigest())
    with open_store(path) as store:
        draft_id = store.register_draft(draft)
        for i in range(tags):
            store.set_note(draft_id, f"key-{i}", f"note {i} " * 20, "ana")
    assert not Path(str(path) + "-wal").exists() or Path(str(path) + "-wal").stat().st_size == 0
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def not_sqlite(path: Path) -> None:
    path.write_text("name,kind\nReuters,wire agency\n", encoding="utf-8")


def png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)


def truncated_half(path: Path) -> None:
    sound_database(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def truncated_header(path: Path) -> None:
    sound_database(path)
    path.write_bytes(path.read_bytes()[:60])


def corrupt_pages(path: Path) -> None:
    sound_database(path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # Scribble over every page after the schema page: the tables' b-trees are garbage now.
    for offset in range(page, len(data), page):
        data[offset : offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


def foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
    conn.execute("INSERT INTO users (email) VALUES ('a@example.org')")
    conn.commit()
    conn.close()


def foreign_application(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()


def newer(path: Path) -> None:
    sound_database(path, tags=3)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


CASES: list[tuple[Callable[[Path], None], str]] = [
    (not_sqlite, "is not a SQLite database"),
    (png, "is not a SQLite database"),
    (truncated_half, "is truncated"),
    (truncated_header, "is truncated"),
    (corrupt_pages, "is damaged"),
    (foreign, "another program's SQLite database"),
    (foreign_application, "another program's SQLite database"),
    (newer, "newer factcheck"),
]


@pytest.mark.parametrize(("make", "message"), CASES, ids=[make.__name__ for make, _ in CASES])
@pytest.mark.parametrize("readonly", [False, True])
def test_unusable_files_are_refused_and_left_byte_identical(
    tmp_path: Path, make: Callable[[Path], None], message: str, readonly: bool
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "sources.db"
    make(path)
    before = snapshot(folder)
    with pytest.raises(DatabaseError, match=message) as caught:
        open_store(path, readonly=readonly)
    text = str(caught.value)
    assert "\n" not in text and str(path) in text
    assert "--db" in text or "backup" in text or "upgrade" in text  # says what to do
    assert snapshot(folder) == before  # not a byte changed, no file added


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        open_store(tmp_path)


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "sources.db")


def test_an_empty_sqlite_file_of_nobody_becomes_ours(tmp_path: Path) -> None:
    path = tmp_path / "blank.db"
    sqlite3.connect(path).close()  # zero bytes
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    with open_store(path) as store:
        assert store.check().ok


def test_sound_database_opens(tmp_path: Path) -> None:
    path = sound_database(tmp_path / "ok.db", tags=5)
    with open_store(path) as store:
        assert len(store.get_tags(1)) == 5
