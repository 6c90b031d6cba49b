"""Shared test helpers: where the shared corpus lives, and a loaded copy of the gold scorer."""

from __future__ import annotations

import importlib.util
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "fixtures"
SEED = SHARED / "corpus" / "seed-article.txt"
SEED_GOLD = SHARED / "corpus" / "seed-article.gold.json"


def load_scorer():
    """The project's gold scorer (shared/tools/score_gold.py), imported as a module."""
    path = SHARED / "tools" / "score_gold.py"
    spec = importlib.util.spec_from_file_location("score_gold", path)
    assert spec and spec.loader, f"gold scorer not found at {path}"
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_gold"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scorer():
    return load_scorer()


def check_on_a_terminal(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 60) -> bytes:
    """stdout of `factcheck check ARGS` written to a pseudo-terminal (so colour can be on)."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "factcheck", "check", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.PIPE,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=timeout)
        assert process.returncode == 0, process.stderr.read() if process.stderr else b""
        return b"".join(chunks)
    finally:
        os.close(leader)
