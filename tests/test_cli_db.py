"""`factcheck db check` and `factcheck db backup`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.store import ENV_VAR, SCHEMA_VERSION, PendingChange, open_store


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.db"
    open_store(path).close()
    return path


def test_check_reports_a_sound_database(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(main, ["db", "check", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{db}: ok" in result.output
    assert "integrity: ok" in result.output and f"schema version {SCHEMA_VERSION}" in result.output


def test_check_as_json(runner: CliRunner, db: Path) -> None:
    report = json.loads(runner.invoke(main, ["db", "check", "--json", "--db", str(db)]).output)
    assert report["ok"] and report["tables"]["sources"] > 90


def test_check_never_creates_a_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["db", "check", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not (tmp_path / "absent.db").exists()


def test_check_reports_waiting_changes_and_changes_nothing(runner: CliRunner, db: Path) -> None:
    change = PendingChange(
        event_id="e1", db=str(db.resolve()), draft_id=1, statement_key="k", action="tag",
        tag="verified", reviewer="ana", at="2025-01-01T00:00:00.000000+00:00",
    )
    recovery = Path(str(db.resolve()) + ".recovery.jsonl")
    recovery.write_text(change.model_dump_json() + "\n")
    before = db.read_bytes()
    result = runner.invoke(main, ["db", "check", "--db", str(db)])
    assert result.exit_code == 1
    assert "waiting to be saved: 1" in result.output
    assert recovery.exists() and db.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"hello\n", "is not a SQLite database"), (b"SQLite format 3\x00" + b"\x00" * 20, "is truncated")],
)
def test_check_refuses_unusable_files(runner: CliRunner, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    result = runner.invoke(main, ["db", "check", "--db", str(path)])
    assert result.exit_code == 2 and message in result.output
    assert path.read_bytes() == content


def test_check_refuses_a_newer_schema(runner: CliRunner, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    result = runner.invoke(main, ["db", "check", "--db", str(db)])
    assert result.exit_code == 2 and "newer factcheck" in result.output
    assert db.read_bytes() == before


def test_backup_to_a_file_and_to_a_folder(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    result = runner.invoke(main, ["db", "backup", str(copy), "--db", str(db)])
    assert result.exit_code == 0 and str(copy) in result.output
    with open_store(copy) as store:
        assert store.check().ok
    refused = runner.invoke(main, ["db", "backup", str(copy), "--db", str(db)])
    assert refused.exit_code == 2 and "already exists" in refused.output
    folder = tmp_path / "backups"
    folder.mkdir()
    assert runner.invoke(main, ["db", "backup", str(folder), "--db", str(db)]).exit_code == 0
    assert len(list(folder.glob("x-*.db"))) == 1


def test_real_process_check_and_backup(db: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), ENV_VAR: str(db)}
    check = subprocess.run(
        [sys.executable, "-m", "factcheck", "db", "check"], env=env, capture_output=True, text=True, timeout=60
    )
    assert check.returncode == 0 and ": ok" in check.stdout
    backup = subprocess.run(
        [sys.executable, "-m", "factcheck", "db", "backup", str(tmp_path / "b.db")],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert backup.returncode == 0, backup.stderr
    assert (tmp_path / "b.db").read_bytes()[:16] == b"SQLite format 3\x00"
    bad = subprocess.run(
        [sys.executable, "-m", "factcheck", "db", "check", "--db", str(tmp_path / "state")],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_backup_makes_the_folder_it_names(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    target = tmp_path / "backups" / "2026" / "sources.db"
    result = runner.invoke(main, ["db", "backup", str(target), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert json.loads(runner.invoke(main, ["db", "check", "--json", "--db", str(target)]).output)["ok"]
