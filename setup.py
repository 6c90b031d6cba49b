"""Build factcheck, with the engine's hot modules compiled to C by mypyc when this machine can.

Why: the engine is plain, fully typed Python; mypyc compiles those same modules into C extensions
that read drafts about 1.4 times as fast (`scripts/bench.py`: the 1 MB target is only met
compiled). Nothing else changes: the same source files, the same readings (a test compares the two
builds on every fixture). Everything else (the CLI, the store, the UI) stays Python.

- `FACTCHECK_PURE_BUILD=1` skips the compilation (a pure-Python package, as on a machine with no C
  compiler, which gets one with a warning instead of a failed install).
- A build that compiled every module records a fingerprint of each source it compiled
  (factcheck/analysis/compiled.json); a build that did not removes any compiled engine an earlier
  one left beside the sources. An editable install (`pip install -e .`) puts the compiled modules
  beside their sources; after an edit, `factcheck.analysis.engine` sees the fingerprint differ and
  loads the Python sources until the next `pip install -e .`, so an edit always takes effect.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# Kept in step with factcheck/analysis/engine.py (a test checks it). Not compiled: the package's
# __init__ and engine switch, `sources` (the registry is weakly referenced, which native classes
# do not allow) and the modules that are not on the hot path.
COMPILED = ("assess", "attribution", "lexicon", "names", "nonresponse", "reader", "references", "segment",
            "tokens")
FINGERPRINTS = "factcheck/analysis/compiled.json"


def _warn(message: str) -> None:
    print(f"factcheck build: {message}; installing the pure-Python engine (slower, same readings)",
          file=sys.stderr)


def _remove_compiled_engine() -> None:
    """Remove what an earlier editable build left beside the sources: a compiled engine that this
    build did not make must never look current."""
    leftovers = [Path(FINGERPRINTS), *Path(".").glob("factcheck_engine__mypyc*")]
    for name in COMPILED:
        leftovers += [p for p in Path("factcheck/analysis").glob(f"{name}.*") if p.suffix in {".so", ".pyd"}]
    for path in leftovers:
        path.unlink(missing_ok=True)


# Fingerprints of the sources mypyc read, taken when it read them; written next to the compiled
# modules only once every one of them is built.
_COMPILED_FROM: dict[str, str] = {}


class OptionalBuildExt(build_ext):
    """Compile the extensions, or leave none at all: half a compiled engine would not import."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, no Python headers, …
            _warn(f"the C extensions did not build ({exc})")
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            _remove_compiled_engine()
            return
        if self.extensions and _COMPILED_FROM:
            # An editable install copies the modules beside the sources; a wheel takes build_lib.
            beside_sources = self.inplace or getattr(self, "editable_mode", False)
            target = Path(FINGERPRINTS) if beside_sources else Path(self.build_lib) / FINGERPRINTS
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(_COMPILED_FROM, indent=1) + "\n", encoding="utf-8")


# The commands that build: pip also runs this file only to read the metadata, which needs no C.
BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def _extensions() -> list:
    if not BUILDS & set(sys.argv[1:]):
        return []
    if os.environ.get("FACTCHECK_PURE_BUILD") == "1":
        _remove_compiled_engine()
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not installed")
        _remove_compiled_engine()
        return []
    paths = [f"factcheck/analysis/{name}.py" for name in COMPILED]
    fingerprints = {name: hashlib.sha256(Path(path).read_bytes()).hexdigest()
                    for name, path in zip(COMPILED, paths, strict=True)}
    try:
        # One group: calls between the engine's modules stay in C.
        extensions = mypycify(paths, group_name="factcheck_engine", opt_level="3")
    except (Exception, SystemExit) as exc:  # mypyc type-checks first; a type error stops it
        _warn(f"mypyc could not compile the engine ({exc})")
        _remove_compiled_engine()
        return []
    _COMPILED_FROM.update(fingerprints)
    return extensions


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
