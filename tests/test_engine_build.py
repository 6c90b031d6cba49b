"""The compiled engine (setup.py, factcheck.analysis.engine): the same readings as its sources, and
never a stale build."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.analysis import analyse, engine
from factcheck.read import read_draft
from tests.conftest import FIXTURES, REPO, SEED

DRAFTS = sorted([SEED, *FIXTURES.glob("*.txt"), *FIXTURES.glob("*.md"), *FIXTURES.glob("blind-*/*.txt")])
SUFFIX = ".cpython-311-x86_64-linux-gnu.so"


def test_setup_compiles_the_modules_the_engine_switch_knows():
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    listed = next(ast.literal_eval(node.value) for node in tree.body
                  if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED")
    assert tuple(listed) == engine.COMPILED
    assert all((REPO / "factcheck" / "analysis" / f"{name}.py").is_file() for name in engine.COMPILED)


def test_pure_and_current_engine_read_every_fixture_alike():
    # Whatever this process runs (compiled after `pip install -e .`, else the sources), a process
    # told FACTCHECK_PURE=1 runs the sources: every reading must be the same, statement by statement.
    code = ("import json, sys\nfrom factcheck.analysis import analyse, engine\nfrom factcheck.read import read_draft\n"
            "print(json.dumps([engine.describe(), [analyse(read_draft(p)).to_json_dict() for p in sys.argv[1:]]]))")
    env = {**os.environ, "FACTCHECK_PURE": "1"}
    out = subprocess.run([sys.executable, "-c", code, *map(str, DRAFTS)], env=env, capture_output=True, text=True,
                         check=True, cwd=REPO).stdout
    described, pure = json.loads(out)
    assert described == "pure Python (FACTCHECK_PURE=1)"
    here = [analyse(read_draft(p)).to_json_dict() for p in DRAFTS]
    assert len(DRAFTS) > 300
    for path, a, b in zip(DRAFTS, json.loads(json.dumps(here)), pure, strict=True):
        assert a == b, f"{path.name}: the {engine.describe()} engine reads it otherwise than the sources"


def test_the_modules_loaded_are_the_engine_described():
    # The description is what --version and the benchmark print: it must be what runs.
    import importlib

    files = [importlib.import_module(f"factcheck.analysis.{name}").__file__ or "" for name in engine.COMPILED]
    assert all(f.endswith(".py") != engine.COMPILED_IN_USE for f in files), (engine.describe(), files)


def test_pure_switch_loads_every_module_from_source():
    code = ("import factcheck.analysis, importlib\n"
            "from factcheck.analysis.engine import COMPILED\n"
            "print(all(importlib.import_module('factcheck.analysis.' + n).__file__.endswith('.py') for n in COMPILED))")
    env = {**os.environ, "FACTCHECK_PURE": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package directory of two engine modules, for the build-state rules."""
    monkeypatch.setattr(engine, "HERE", tmp_path)
    monkeypatch.setattr(engine, "COMPILED", ("reader", "tokens"))
    monkeypatch.setattr(engine.importlib.machinery, "EXTENSION_SUFFIXES", [SUFFIX])
    monkeypatch.setattr(engine, "SHARED_LIBRARY", "json")  # stands in for the group's library: found
    monkeypatch.delenv("FACTCHECK_PURE", raising=False)
    for name in ("reader", "tokens"):
        (tmp_path / f"{name}.py").write_text(f"# {name}\n")
    return tmp_path


def _build(package: Path) -> None:
    """What setup.py leaves: a compiled module for each source, and the sources' fingerprints."""
    for name in ("reader", "tokens"):
        (package / f"{name}{SUFFIX}").write_bytes(b"")
    fingerprints = {name: hashlib.sha256((package / f"{name}.py").read_bytes()).hexdigest()
                    for name in ("reader", "tokens")}
    (package / engine.FINGERPRINTS).write_text(json.dumps(fingerprints))


def test_a_current_build_is_used(package: Path):
    _build(package)
    assert engine.build_state() == (True, "compiled (mypyc)")


def test_an_edit_since_the_build_loads_the_sources(package: Path):
    # A developer edits reader.py after `pip install -e .`: the edit must take effect, whatever
    # the files' times say (an installer sets them as it unpacks).
    _build(package)
    (package / "reader.py").write_text("# edited\n")
    used, why = engine.build_state()
    assert not used and "edited since the build: reader;" in why


def test_half_a_build_is_never_used(package: Path):
    _build(package)
    (package / f"tokens{SUFFIX}").unlink()
    used, why = engine.build_state()
    assert not used and "incomplete: tokens" in why


def test_modules_without_their_shared_library_are_never_used(package: Path, monkeypatch: pytest.MonkeyPatch):
    # An install that dropped the top-level library (a pure reinstall over a compiled tree) leaves
    # modules that would fail to import: the sources run instead.
    _build(package)
    monkeypatch.setattr(engine, "SHARED_LIBRARY", "factcheck_no_such_library__mypyc")
    used, why = engine.build_state()
    assert not used and "incomplete: factcheck_no_such_library__mypyc" in why


def test_a_build_without_fingerprints_is_not_trusted(package: Path):
    _build(package)
    (package / engine.FINGERPRINTS).unlink()
    assert not engine.build_state()[0]


def test_no_build_and_the_pure_switch(package: Path, monkeypatch: pytest.MonkeyPatch):
    assert engine.build_state() == (False, "pure Python (not compiled)")
    monkeypatch.setenv("FACTCHECK_PURE", "1")
    assert engine.build_state() == (False, "pure Python (FACTCHECK_PURE=1)")


def test_version_says_how_the_engine_runs():
    out = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True,
                         check=True).stdout
    assert out.startswith("factcheck ") and "engine: " in out and engine.describe() in out
