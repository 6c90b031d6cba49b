"""Start-up stays light: the engine and the CLI never pull in Textual (only `review` does)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["factcheck.analysis", "factcheck.cli", "factcheck.read", "factcheck.models"])
def test_module_does_not_import_textual(module: str):
    code = f"import sys, {module}; print('textual' in sys.modules, 'sqlite_utils' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "False", f"{module} imports textual"


def test_engine_does_not_touch_the_database():
    code = "import sys, factcheck.analysis; print('sqlite_utils' in sys.modules or 'sqlite3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
