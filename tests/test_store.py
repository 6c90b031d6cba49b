"""sources.db in one process: creation and seeding, the registry, drafts, tags, history,
corrections, migration, backup and the integrity report."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from factcheck.analysis.sources import load_seed
from factcheck.models import Correction, DatabaseError, Draft
from factcheck.store import (
    APPLICATION_ID,
    DEFAULT_DB,
    ENV_VAR,
    SCHEMA_VERSION,
    UNSAVED_DRAFT_ID,
    open_store,
    resolve_db_path,
    statement_key,
    statement_keys,
)
from factcheck.store.schema import migrate

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Recovery files that cannot go next to a database go here, never to the real home folder.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def make_draft(text: str, path: str = "draft.txt") -> Draft:
    return Draft(
        path=path,
        text=text,
        raw=text,
        encoding="utf-8",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def pragma(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


# --- opening and seeding -----------------------------------------------------------------------


def test_a_missing_database_is_created_and_seeded(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_store(path) as store:
        names = [s.name for s in store.list_sources()]
        assert names == [s.name for s in load_seed()]
        assert not store.readonly
    assert pragma(path, "application_id") == APPLICATION_ID
    assert pragma(path, "user_version") == SCHEMA_VERSION
    assert pragma(path, "journal_mode") == "wal"


def test_open_settings_protect_every_change(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 15000
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_tables_follow_the_naming_conventions(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        conn = store.conn
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"sources", "source_aliases", "drafts", "tags", "tag_history", "corrections"} <= tables
        for table in ("sources", "drafts"):
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            assert {"id", "name"} <= columns
        fks = {(r[2], r[3]) for r in conn.execute("PRAGMA foreign_key_list(tags)")}
        assert ("drafts", "draft_id") in fks


def test_create_false_does_not_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_an_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with open_store(path) as store:
        assert len(store.list_sources()) == len(load_seed())


def test_resolve_db_path_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_db_path(None) == Path(DEFAULT_DB)
    monkeypatch.setenv(ENV_VAR, "/tmp/from-env.db")
    assert resolve_db_path(None) == Path("/tmp/from-env.db")
    assert resolve_db_path("given.db") == Path("given.db")


def test_committed_sources_db_matches_the_seed_file() -> None:
    """The repo's sources.db is built from registry.json (`python -m factcheck.store.build`)."""
    committed = REPO / "sources.db"
    assert committed.exists(), "run: python -m factcheck.store.build"
    before = committed.read_bytes()
    with open_store(committed, readonly=True) as store:
        stored = [(s.name, s.kind, s.country, s.aliases) for s in store.list_sources()]
        assert store.check().ok
    assert stored == [(s.name, s.kind, s.country, s.aliases) for s in load_seed()]
    assert committed.read_bytes() == before


# --- the registry ------------------------------------------------------------------------------


def test_registry_of_the_store_resolves_like_the_default(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        registry = store.registry()
        assert registry.lookup("the FT").name == "Financial Times"  # type: ignore[union-attr]
        assert registry.lookup("Finacial Times").name == "Financial Times"  # type: ignore[union-attr]
        assert store.registry() is registry  # cached while nothing changes


def test_add_source_and_alias(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with open_store(path) as store:
        added = store.add_source("Acme Wire", "wire agency", ["AW", "Acme Wire Service"])
        assert added.origin == "user" and added.aliases == ["AW", "Acme Wire Service"]
        assert store.registry().lookup("the Acme Wire Service").name == "Acme Wire"  # type: ignore[union-attr]
        store.add_alias("AW", "AcmeWire Daily")
        store.add_alias("Acme Wire", "aw")  # already its alias: no change, no error
    with open_store(path) as store:
        source = store.find_source("ACMEWIRE DAILY")
        assert source is not None and source.name == "Acme Wire"
        assert source.aliases == ["AW", "Acme Wire Service", "AcmeWire Daily"]


@pytest.mark.parametrize(
    ("name", "aliases", "message"),
    [
        ("The FT", (), "already known as Financial Times"),
        ("Acme", ("Reuters",), "already means Reuters"),
        ("   ", (), "needs letters or digits"),
        ("Reu\u200bters Two", (), "invisible characters"),
        ("Acme", ("Acme\x1b[31m",), "control or invisible"),
        ("R\u0435uters", (), "already known as Reuters"),  # a Cyrillic look-alike is no new source
    ],
)
def test_add_source_refuses_names_already_taken(tmp_path: Path, name: str, aliases: tuple, message: str) -> None:
    with open_store(tmp_path / "x.db") as store:
        before = store.list_sources()
        with pytest.raises(DatabaseError, match=message):
            store.add_source(name, "company", aliases)
        assert store.list_sources() == before  # all or nothing


def test_add_alias_to_an_unknown_source(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store, pytest.raises(DatabaseError, match="no source called"):
        store.add_alias("Daily Nonesuch", "DN")


def test_new_seed_sources_reach_an_existing_database_and_user_sources_stay(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with open_store(path) as store:
        store.add_source("Acme Wire", "wire agency")
        store.conn.execute("DELETE FROM source_aliases WHERE source_id = (SELECT id FROM sources WHERE name='Reuters')")
        store.conn.execute("DELETE FROM sources WHERE name = 'Reuters'")
        store.conn.execute("UPDATE meta SET value = 'older seed' WHERE key = 'seed_sha256'")
    with open_store(path) as store:
        names = {s.name for s in store.list_sources()}
        assert {"Reuters", "Acme Wire"} <= names


def test_reset_registry(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        store.add_source("Acme Wire", "wire agency")
        store.add_alias("Reuters", "Reuters Wire")
        store.reset_registry()
        names = [s.name for s in store.list_sources()]
        assert "Acme Wire" in names
        reuters = store.find_source("Reuters")
        assert reuters is not None and "Reuters Wire" not in reuters.aliases
        store.reset_registry(keep_user=False)
        assert [s.name for s in store.list_sources()] == [s.name for s in load_seed()]


# --- drafts --------------------------------------------------------------------------------------


def test_drafts_are_known_by_content_and_remember_their_predecessor(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        first = store.register_draft(make_draft("One. Two.", str(tmp_path / "d.txt")))
        again = store.register_draft(make_draft("One. Two.", str(tmp_path / "d.txt")))
        moved = store.register_draft(make_draft("One. Two.", str(tmp_path / "moved.txt")))
        assert first == again == moved
        edited = store.register_draft(make_draft("One. Two. Three.", str(tmp_path / "moved.txt")))
        assert edited != first
        record = store.draft(edited)
        assert record is not None and record.previous_id == first
        assert record.name == "moved.txt" and record.chars == len("One. Two. Three.")


def test_tags_of_unchanged_statements_follow_a_new_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        path = str(tmp_path / "d.txt")
        old = store.register_draft(make_draft("One. Two.", path))
        store.set_tag(old, statement_key("One.", 0), "verified", "ana")
        new = store.register_draft(make_draft("One. Two. Three.", path))
        assert store.get_tags(new) == {}
        carried = store.get_tags(new, include_previous=True)
        assert carried[statement_key("One.", 0)].tag == "verified"


def test_corrections_of_unchanged_statements_follow_a_new_version_unless_taken_back(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        path = str(tmp_path / "d.txt")
        one, two = statement_key("One.", 0), statement_key("Two.", 0)
        old = store.register_draft(make_draft("One. Two.", path))
        for key in (one, two):
            store.set_correction(old, Correction(statement_key=key, not_claim=True, reviewer="ana", updated_at=""))
        new = store.register_draft(make_draft("One. Two. Three.", path))
        assert store.get_corrections(new) == {}
        assert set(store.get_corrections(new, include_previous=True)) == {one, two}
        # Taking a correction back on the new version hides the old one there, not in the old version.
        store.set_correction(new, Correction(statement_key=two, reviewer="ben", updated_at=""))
        assert set(store.get_corrections(new, include_previous=True)) == {one}
        assert set(store.get_corrections(old)) == {one, two}


def test_statement_keys_are_stable_and_count_repeats() -> None:
    assert statement_key("The  FT\nsaid so.", 0) == statement_key("The FT said so.", 0)
    assert statement_key("El Pai\u0301s said.", 0) == statement_key("El País said.", 0)
    assert statement_key("A.", 0) != statement_key("A.", 1) != statement_key("B.", 1)
    assert statement_keys(["A.", "B.", "A.", "A  ."]) == [
        statement_key("A.", 0),
        statement_key("B.", 0),
        statement_key("A.", 1),
        statement_key("A  .", 0),
    ]


# --- tags, notes, history, corrections ---------------------------------------------------------


@pytest.fixture
def store_and_draft(tmp_path: Path):
    store = open_store(tmp_path / "x.db")
    draft_id = store.register_draft(make_draft("The FT said so. Reuters said no."))
    yield store, draft_id
    store.close()


def test_a_tag_is_saved_at_once_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with open_store(path) as store:
        draft_id = store.register_draft(make_draft("A."))
        result = store.set_tag(draft_id, "k1", "verified", "ana")
        assert result.saved and result.status == "saved"
    with open_store(path) as store:
        tags = store.get_tags(draft_id)
        assert tags["k1"].tag == "verified" and tags["k1"].reviewer == "ana"


def test_tag_note_and_clear(store_and_draft) -> None:
    store, draft_id = store_and_draft
    store.set_tag(draft_id, "k1", "disputed", "ana")
    store.set_note(draft_id, "k1", "two sources disagree", "ben")
    record = store.get_tags(draft_id)["k1"]
    assert (record.tag, record.note, record.reviewer) == ("disputed", "two sources disagree", "ben")
    store.set_tag(draft_id, "k1", None, "ana")
    record = store.get_tags(draft_id)["k1"]
    assert record.tag is None and record.note == "two sources disagree"
    store.set_note(draft_id, "k1", "  ", "ana")
    assert store.get_tags(draft_id)["k1"].note is None
    with pytest.raises(ValueError):
        store.set_tag(draft_id, "k1", "approved", "ana")  # type: ignore[arg-type]


def test_the_later_change_wins_and_history_keeps_both(store_and_draft) -> None:
    store, draft_id = store_and_draft
    store.set_tag(draft_id, "k1", "verified", "ana")
    store.set_tag(draft_id, "k1", "disputed", "ben")
    assert store.get_tags(draft_id)["k1"].tag == "disputed"
    events = store.history(draft_id, "k1")
    assert [(e.action, e.tag, e.reviewer) for e in events] == [("tag", "verified", "ana"), ("tag", "disputed", "ben")]
    assert events[0].at < events[1].at
    store.set_tag(draft_id, "k2", "needs-source", "ana")
    assert len(store.history(draft_id)) == 3


def test_the_later_change_wins_even_when_the_clock_goes_back(store_and_draft, monkeypatch) -> None:
    store, draft_id = store_and_draft
    store.set_tag(draft_id, "k1", "verified", "ana")
    monkeypatch.setattr("factcheck.store.store.now", lambda: "2000-01-01T00:00:00.000000+00:00")
    store.set_tag(draft_id, "k1", "disputed", "ben")
    assert store.get_tags(draft_id)["k1"].tag == "disputed"


def test_changed_since_shows_other_reviewers_changes(store_and_draft) -> None:
    store, draft_id = store_and_draft
    store.set_tag(draft_id, "k1", "verified", "ana")
    mark = store.get_tags(draft_id)["k1"].updated_at
    store.set_tag(draft_id, "k2", "disputed", "ben")
    store.set_note(draft_id, "k1", "checked twice", "ana")
    changed = store.changed_since(draft_id, mark)
    assert [(r.statement_key, r.reviewer) for r in changed] == [("k2", "ben"), ("k1", "ana")]
    others = store.changed_since(draft_id, mark, exclude_reviewer="ana")
    assert [r.statement_key for r in others] == ["k2"]
    assert store.changed_since(draft_id, "") != []


def test_corrections_round_trip_and_clear(store_and_draft) -> None:
    store, draft_id = store_and_draft
    correction = Correction(statement_key="k1", sources=["Reuters", "Bloomberg"], reviewer="ana", updated_at="")
    assert store.set_correction(draft_id, correction).saved
    stored = store.get_corrections(draft_id)["k1"]
    assert stored.sources == ["Reuters", "Bloomberg"] and not stored.not_claim and stored.updated_at
    store.set_correction(draft_id, Correction(statement_key="k2", not_claim=True, reviewer="ben", updated_at=""))
    assert store.get_corrections(draft_id)["k2"].not_claim
    store.set_correction(draft_id, Correction(statement_key="k1", reviewer="ana", updated_at=""))
    assert set(store.get_corrections(draft_id)) == {"k2"}
    assert [e.action for e in store.history(draft_id, "k1")] == ["correction", "correction"]


def test_tags_for_an_unknown_draft_are_refused(store_and_draft) -> None:
    store, _ = store_and_draft
    with pytest.raises(DatabaseError):
        store.set_tag(9999, "k1", "verified", "ana")


# --- read-only ---------------------------------------------------------------------------------


def test_readonly_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with open_store(path) as store:
        draft_id = store.register_draft(make_draft("A."))
        store.set_tag(draft_id, "k1", "verified", "ana")
    before = path.read_bytes()
    with open_store(path, readonly=True) as store:
        assert store.readonly and store.notices
        assert store.get_tags(draft_id)["k1"].tag == "verified"
        assert store.register_draft(make_draft("A.")) == draft_id
        assert store.register_draft(make_draft("Never seen.")) == UNSAVED_DRAFT_ID
        with pytest.raises(DatabaseError, match="read-only"):
            store.set_tag(draft_id, "k1", "disputed", "ana")
        with pytest.raises(DatabaseError, match="read-only"):
            store.add_source("Acme", "company")
    assert path.read_bytes() == before


def test_readonly_on_a_missing_file_uses_the_built_in_registry(tmp_path: Path) -> None:
    with open_store(tmp_path / "absent.db", readonly=True) as store:
        assert store.readonly
        assert store.registry().lookup("FT").name == "Financial Times"  # type: ignore[union-attr]
    assert not (tmp_path / "absent.db").exists()


# --- migration, backup, check ------------------------------------------------------------------


def make_v1_database(path: Path) -> None:
    """A database as the first release wrote it: the registry only, schema version 1."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    migrate(conn, target=1)
    conn.execute("INSERT INTO sources (name, kind, origin) VALUES ('Acme Wire', 'wire agency', 'user')")
    conn.execute("COMMIT")
    conn.close()


def test_an_older_schema_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1_database(path)
    original = path.read_bytes()
    with open_store(path) as store:
        assert any("upgraded from schema 1" in n for n in store.notices)
        assert "Acme Wire" in {s.name for s in store.list_sources()}
        draft_id = store.register_draft(make_draft("A."))
        assert store.set_tag(draft_id, "k", "verified", "ana").saved
    backup = tmp_path / "old.db.v1.bak"
    assert backup.exists()
    assert pragma(backup, "user_version") == 1
    assert pragma(path, "user_version") == SCHEMA_VERSION
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT name FROM sources").fetchall() == [("Acme Wire",)]
    conn.close()
    assert len(original) > 0


def test_an_older_readonly_schema_is_read_through_a_migrated_copy(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1_database(path)
    before = path.read_bytes()
    with open_store(path, readonly=True) as store:
        assert store.get_tags(1) == {}
        assert [s.name for s in store.list_sources()] == ["Acme Wire"]
    assert path.read_bytes() == before
    assert not (tmp_path / "old.db.v1.bak").exists()


def test_backup_is_a_complete_independent_copy(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        draft_id = store.register_draft(make_draft("A."))
        store.set_tag(draft_id, "k1", "verified", "ana")
        written = store.backup(tmp_path / "copy.db")
        with pytest.raises(DatabaseError, match="already exists"):
            store.backup(written)
        in_folder = store.backup(tmp_path)
        assert in_folder.parent == tmp_path and in_folder.suffix == ".db"
    assert not list(tmp_path.glob(".*partial"))
    with open_store(written) as copy:
        assert copy.get_tags(draft_id)["k1"].tag == "verified"
        assert copy.check().ok


def test_check_reports_a_sound_database(store_and_draft) -> None:
    store, draft_id = store_and_draft
    store.set_tag(draft_id, "k1", "verified", "ana")
    report = store.check()
    assert report.ok and report.problems == []
    assert report.integrity == ["ok"]
    assert report.schema_version == report.expected_version == SCHEMA_VERSION
    assert report.tables["tags"] == 1 and report.tables["sources"] == len(load_seed())


# --- building the shipped database -------------------------------------------------------------


def test_build_writes_a_seeded_database_and_guards_reviews(tmp_path: Path) -> None:
    from factcheck.store.build import main as build_main

    target = tmp_path / "built.db"
    assert build_main([str(target)]) == 0
    first = target.read_bytes()
    assert build_main([str(target)]) == 0
    assert target.read_bytes() == first  # deterministic: a rebuild with no change is no diff
    assert sorted(p.name for p in tmp_path.iterdir()) == ["built.db"]
    with open_store(target) as store:
        assert [s.name for s in store.list_sources()] == [s.name for s in load_seed()]
        draft_id = store.register_draft(make_draft("A."))
        store.set_tag(draft_id, "k", "verified", "ana")
    assert build_main([str(target)]) == 2  # holds a review now
    assert build_main([str(target), "--force"]) == 0
    with open_store(target) as store:
        assert store.check().tables["tags"] == 0


def test_using_a_built_database_leaves_it_unchanged(tmp_path: Path) -> None:
    from factcheck.store.build import build

    target = tmp_path / "sources.db"
    build(target)
    before = target.read_bytes()
    with open_store(target) as store:
        store.registry().lookup("FT")
        store.list_sources()
    with open_store(target, readonly=True) as store:
        store.check()
    assert target.read_bytes() == before


def test_statement_texts_follow_a_draft_to_its_next_version(tmp_path):
    # The review UI places the tag of an edited statement by comparing old and new texts.
    import hashlib

    from factcheck.models import Draft

    def draft(text: str) -> Draft:
        sha = hashlib.sha256(text.encode()).hexdigest()
        return Draft(path="story.txt", text=text, raw=text, encoding="utf-8", sha256=sha)

    with open_store(tmp_path / "t.db") as store:
        first = store.register_draft(draft("Prices rose 4%, Reuters reported."))
        assert store.record_statements(first, {"k1": "Prices rose 4%, Reuters reported."})
        second = store.register_draft(draft("Prices rose 5%, Reuters reported."))
        store.record_statements(second, {"k2": "Prices rose 5%, Reuters reported."})
        assert store.statement_texts(second) == {"k2": "Prices rose 5%, Reuters reported."}
        assert store.statement_texts(second, include_previous=True) == {
            "k1": "Prices rose 4%, Reuters reported.",
            "k2": "Prices rose 5%, Reuters reported.",
        }
