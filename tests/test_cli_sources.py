"""`factcheck sources list | add | alias | rebuild`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.analysis.sources import load_seed
from factcheck.cli import main
from factcheck.store import ENV_VAR, open_store


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_list_creates_and_seeds_the_default_database(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "sources", "list")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sources.db").exists()
    assert "Financial Times" in result.output and "FT" in result.output
    assert result.output.strip().endswith(f"{len(load_seed())} sources")


def test_list_by_kind_as_json(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "sources", "list", "--kind", "wire agency", "--json", "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 0
    items = json.loads(result.output)
    assert {item["kind"] for item in items} == {"wire agency"}
    reuters = next(item for item in items if item["name"] == "Reuters")
    assert reuters["origin"] == "seed" and reuters["country"] == "GB"


def test_env_var_chooses_the_database(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env.db"))
    assert run(runner, "sources", "list", "--kind", "company").exit_code == 0
    assert (tmp_path / "from-env.db").exists() and not (tmp_path / "sources.db").exists()


def test_add_then_alias_then_find(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    added = run(
        runner, "sources", "add", "Acme Wire", "--kind", "wire agency", "--alias", "AW", "--alias", "Acme", "--db", db
    )
    assert added.exit_code == 0 and "added Acme Wire" in added.output
    aliased = run(runner, "sources", "alias", "AW", "Acme Newswire", "--db", db)
    assert aliased.exit_code == 0 and "Acme Newswire" in aliased.output
    listed = json.loads(run(runner, "sources", "list", "--kind", "wire agency", "--json", "--db", db).output)
    acme = next(item for item in listed if item["name"] == "Acme Wire")
    assert acme["aliases"] == ["AW", "Acme", "Acme Newswire"] and acme["origin"] == "user"
    with open_store(db) as store:
        assert store.registry().lookup("the Acme Newswire").name == "Acme Wire"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sources", "add", "The FT", "--kind", "news outlet"), "already known as Financial Times"),
        (("sources", "add", "Acme", "--kind", "company", "--alias", "Reuters"), "already means Reuters"),
        (("sources", "alias", "Finacial Times", "Pink Paper"), "did you mean 'Financial Times'"),
        (("sources", "alias", "Nowhere Gazette", "NG"), "no source called"),
    ],
)
def test_mistakes_get_one_line_and_exit_2(runner: CliRunner, tmp_path: Path, args: tuple, message: str) -> None:
    result = runner.invoke(main, [*args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_bad_kind_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["sources", "add", "Acme", "--kind", "blog"])
    assert result.exit_code == 2 and "blog" in result.output


def test_rebuild_restores_the_shipped_registry(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    run(runner, "sources", "add", "Acme Wire", "--kind", "wire agency", "--db", db)
    run(runner, "sources", "alias", "Reuters", "Reuters Wire", "--db", db)
    assert run(runner, "sources", "rebuild", "--db", db).exit_code == 0
    names = {s.name for s in open_store(db).list_sources()}
    assert "Acme Wire" in names
    assert run(runner, "sources", "rebuild", "--drop-user", "--db", db).exit_code == 0
    with open_store(db) as store:
        assert [(s.name, s.aliases) for s in store.list_sources()] == [(s.name, s.aliases) for s in load_seed()]


def test_not_a_database_is_refused_untouched(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n")
    result = runner.invoke(main, ["sources", "list", "--db", str(path)])
    assert result.exit_code == 2 and "is not a SQLite database" in result.output
    assert path.read_text() == "not a database\n"


def test_real_process_lists_and_adds(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), ENV_VAR: str(tmp_path / "proc.db")}
    add = subprocess.run(
        [sys.executable, "-m", "factcheck", "sources", "add", "Acme Wire", "--kind", "wire agency"],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert add.returncode == 0, add.stderr
    again = subprocess.run(
        [sys.executable, "-m", "factcheck", "sources", "add", "Acme Wire", "--kind", "wire agency"],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert again.returncode == 2
    assert again.stderr.startswith("factcheck: ") and again.stderr.count("\n") == 1
    listed = subprocess.run(
        [sys.executable, "-m", "factcheck", "sources", "list", "--kind", "wire agency"],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert listed.returncode == 0 and "Acme Wire" in listed.stdout
