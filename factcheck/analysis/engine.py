"""Which build of the engine runs: the modules mypyc compiled (see setup.py), or their sources.

Python prefers a compiled module (`reader.cpython-311-….so`) to the `reader.py` beside it. That is
only right while the build is current, so the compiled modules are used when every one of them is
there and every source is the one the build compiled (setup.py records their fingerprints in
compiled.json; file times are no guide, as installers set them as they unpack). Otherwise (a
source edited since the last `pip install -e .`, a missing module, or `FACTCHECK_PURE=1`) all of
them are loaded from source. Never a mix: compiled modules call each other directly, past
`sys.modules`.

This module is never compiled itself, and `factcheck.analysis` imports it before any other.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

# The modules setup.py compiles (a test keeps the two lists the same).
COMPILED = ("assess", "attribution", "lexicon", "names", "nonresponse", "reader", "references", "segment",
            "tokens")
HERE = Path(__file__).resolve().parent
FINGERPRINTS = "compiled.json"  # written by setup.py: {module: sha256 of the source it compiled}
SHARED_LIBRARY = "factcheck_engine__mypyc"  # the group's C code, shared by the compiled modules
PACKAGE = __name__.rpartition(".")[0]


def _built(name: str) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = HERE / f"{name}{suffix}"
        if path.exists():
            return path
    return None


def build_state() -> tuple[bool, str]:
    """(whether the compiled modules can be used, why, in a few words)."""
    if os.environ.get("FACTCHECK_PURE") == "1":
        return False, "pure Python (FACTCHECK_PURE=1)"
    built = {name: _built(name) for name in COMPILED}
    if not any(built.values()):
        return False, "pure Python (not compiled)"
    missing = [name for name, path in built.items() if path is None]
    # The modules' shared library sits at the top level (setup.py); an install that dropped it
    # leaves modules that cannot import.
    if importlib.util.find_spec(SHARED_LIBRARY) is None:
        missing.append(SHARED_LIBRARY)
    if missing:
        return False, f"pure Python (compiled build incomplete: {', '.join(missing)})"
    try:
        compiled_from = json.loads((HERE / FINGERPRINTS).read_text(encoding="utf-8"))
        stale = [name for name in COMPILED
                 if compiled_from.get(name) != hashlib.sha256((HERE / f"{name}.py").read_bytes()).hexdigest()]
    except (OSError, ValueError, AttributeError):
        return False, "pure Python (the build left no fingerprints; pip install -e . rebuilds)"
    if stale:
        return False, f"pure Python (edited since the build: {', '.join(stale)}; pip install -e . rebuilds)"
    return True, "compiled (mypyc)"


class _FromSource(importlib.abc.MetaPathFinder):
    """Load the engine's modules from their .py files even where a compiled one sits beside them."""

    def find_spec(self, fullname: str, path: object,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package == PACKAGE and name in COMPILED:
            return importlib.util.spec_from_file_location(fullname, HERE / f"{name}.py")
        return None


COMPILED_IN_USE, DESCRIPTION = build_state()
if not COMPILED_IN_USE and any(_built(name) for name in COMPILED) and not any(
        isinstance(finder, _FromSource) for finder in sys.meta_path):
    sys.meta_path.insert(0, _FromSource())


def describe() -> str:
    """How the engine runs, for `--version` and the benchmark: "compiled (mypyc)" or why not."""
    return DESCRIPTION
