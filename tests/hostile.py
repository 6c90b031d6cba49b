"""A corpus of hostile inputs, generated at test time: every draft a newsroom inbox can throw at us.

Nothing here is committed as a file: each builder writes one case into a folder it is given (a
test's `tmp_path`) and returns a `Case` saying what `factcheck check` must do with it. Issue 4
lists the cases; the tests that run them are `test_hostile_inputs.py`, `test_terminal_safety.py`
and `test_lookalike_sources.py`.

    from hostile import build, CASES
    case = build("utf-16-le", tmp_path)   # writes the file, returns Case(path=…, outcome="reading", …)

Every case ends in one of two ways: a reading (exit 0, perhaps with warnings on stderr) or one line
on stderr naming the file and the problem (exit 2). `says` holds words that line, or the warning,
must contain, so a test can tell "refused as a PNG" from "refused for some other reason".

`run_check` runs the real command on a case in a fresh process, as a newsroom would: in an empty
working folder, with `FACTCHECK_DB` naming a database that does not exist, under a timeout, and
(for `unprivileged` cases) as the user "nobody".
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ESC = "\x1b"

# The reference draft: a wire story written for these tests. It has what encodings mangle (curly
# quotes, an apostrophe, an em dash, accented names, a name with a letter NFD decomposes) and what
# the engine reads (a heading, an attribution with a conduit, a reference back, an inherited
# sentence, a quote, and a non-response naming three companies). Every character is in cp1252.
WIRE = (
    "Meridia Energy to Close Two Coal Plants\n"
    "\n"
    "Meridia Energy will close two coal-fired plants in the north by 2027, Reuters reported on Tuesday,"
    " citing people familiar with the matter. The utility’s board approved the plan last week,"
    " according to the report.\n"
    "\n"
    "The closures would cut the company’s emissions by about 40%. Chief executive Zoë Marchetti told"
    " the Financial Times that the “transition has to be paid for” — and that power prices would rise.\n"
    "\n"
    "Analysts at Harbour Securities said the plan was overdue. The two plants employ about 1,200 people.\n"
    "\n"
    "Bloomberg reported that a buyer for one of the sites had been found. Électricité du Nord,"
    " Norvell Grid and Østfold Kraft did not respond to requests for comment.\n"
)

# Draft text hostile to a terminal: colour, cursor movement, screen clearing, a window-title OSC,
# C1 controls (CSI, NEL), bidi overrides and isolates, BEL/BS/VT/FF/DEL and a lone CR, inside
# statements, inside a source's name and inside a company's name in a non-response.
CONTROLS = (
    f"{ESC}[31mRed Alert{ESC}[0m for Harbour Rail\n"
    "\n"
    f"Harbour Rail will cut {ESC}[2J{ESC}[H weekend services, {ESC}[1;31mReuters{ESC}[0m reported on Tuesday."
    f" Fares rose 4.5%{ESC}[5A{ESC}[2K last year{ESC}]0;owned by a draft\x07, the operator said.\n"
    "\n"
    "The regulator said the \u202eregrevo idib\u202c plan was \u2066isolated\u2069 from \u200fpolitics\u200e."
    " Ticket\x08\x08\x08 machines\x0b failed\x0c twice\x7f in March.\x9b31m Wages\x85 rose\x90 too.\r"
    "Passenger numbers fell 3%, the \u202eBBC\u202c reported.\n"
    "\n"
    f"\u202eNordvik Freight\u202c and {ESC}[32mCoastline Buses{ESC}[0m did not respond to requests for comment.\n"
)

# Outlets spelt with characters that look like theirs: zero-width space, Cyrillic е, full-width
# letters, a soft hyphen. Each sentence is one statement attributed to the real outlet.
LOOKALIKES: dict[str, tuple[str, str]] = {
    "zero-width space": ("Prices rose 3% in May, Reu\u200bters reported.", "Reuters"),
    "cyrillic e": ("Prices rose 3% in May, R\u0435uters reported.", "Reuters"),
    "full-width letters": ("Prices rose 3% in May, \uff32\uff45\uff55\uff54\uff45\uff52\uff53 reported.", "Reuters"),
    "soft hyphen": ("Prices rose 3% in May, Bloom\u00adberg reported.", "Bloomberg"),
}

Outcome = Literal["reading", "error"]


@dataclass(frozen=True)
class Case:
    """One hostile input on disk, and what `factcheck check` must make of it.

    `outcome` "reading": exit 0 with a reading; "error": exit 2 with one stderr line naming the
    file. `says`: words (compared case-insensitively) the error line, or a warning line, must hold.
    `warns`: a reading that must come with a warning on stderr. `encoding`: the codec the reader
    must report (encoding variants of `WIRE`). `shape`: a pathological size or shape that must be
    read quickly. `unprivileged`: the case only means something to a user who is not root, so the
    test must run the command as "nobody" (and `path` must be in a folder "nobody" can traverse).
    """

    name: str
    path: Path
    outcome: Outcome
    says: tuple[str, ...] = ()
    warns: bool = False
    encoding: str | None = None
    shape: bool = False
    unprivileged: bool = False
    # What the case is made of, for tests that compare readings (the text before encoding).
    source_text: str | None = field(default=None, repr=False)


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- encodings of the same draft ----------------------------------------------------------------

# name → (bytes of the draft, the codec the reader must report, the text before encoding)
_NFD = unicodedata.normalize("NFD", WIRE)
_ENCODINGS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "utf-8": (lambda: WIRE.encode("utf-8"), "utf-8", WIRE),
    "utf-8-bom": (lambda: codecs.BOM_UTF8 + WIRE.encode("utf-8"), "utf-8-sig", WIRE),
    "utf-16-le": (lambda: codecs.BOM_UTF16_LE + WIRE.encode("utf-16-le"), "utf-16-le", WIRE),
    "utf-16-be": (lambda: codecs.BOM_UTF16_BE + WIRE.encode("utf-16-be"), "utf-16-be", WIRE),
    "utf-32-le": (lambda: codecs.BOM_UTF32_LE + WIRE.encode("utf-32-le"), "utf-32-le", WIRE),
    "utf-32-be": (lambda: codecs.BOM_UTF32_BE + WIRE.encode("utf-32-be"), "utf-32-be", WIRE),
    "crlf": (lambda: WIRE.replace("\n", "\r\n").encode("utf-8"), "utf-8", WIRE.replace("\n", "\r\n")),
    "lone-cr": (lambda: WIRE.replace("\n", "\r").encode("utf-8"), "utf-8", WIRE.replace("\n", "\r")),
    "nfd": (lambda: _NFD.encode("utf-8"), "utf-8", _NFD),
    "cp1252": (lambda: WIRE.encode("cp1252"), "cp1252", WIRE),
}
ENCODING_CASES: tuple[str, ...] = tuple(_ENCODINGS)


def _encoding_builder(name: str) -> Callable[[Path], Case]:
    data, codec, text = _ENCODINGS[name]

    def build(folder: Path) -> Case:
        path = _write(folder / f"wire-{name}.txt", data())
        # cp1252 is read with a warning saying so; every other variant reads silently.
        says = ("cp1252",) if codec == "cp1252" else ()
        return Case(name, path, "reading", says=says, warns=bool(says), encoding=codec, source_text=text)

    return build


# --- damaged encodings --------------------------------------------------------------------------

LATE_MIN_BYTES = 2 * 2**20
_LEGACY_LINE = "The board’s “final” offer – rejected on Friday, Zoë Marchetti said."


def _invalid_utf8(folder: Path) -> Case:
    """Bytes no encoding explains in the fourth line (an overlong "/" and an unused cp1252 byte)."""
    lines = WIRE.split("\n")
    damaged = lines[4].encode("utf-8").replace(b"40%", b"40\xc0\xaf\x81%")
    data = b"\n".join([*(line.encode("utf-8") for line in lines[:4]), damaged, *(x.encode() for x in lines[5:])])
    return Case("invalid-utf-8", _write(folder / "invalid-utf8.txt", data), "reading", says=("line 5",), warns=True)


def late_cp1252_line(target_bytes: int = LATE_MIN_BYTES) -> tuple[bytes, int, str]:
    """A UTF-8 draft of at least `target_bytes` with one cp1252 line near its end.

    Returns (bytes, the 1-based number of the cp1252 line, the whole text as it should decode).
    """
    block = WIRE + "\n"
    copies = target_bytes // len(block.encode("utf-8")) + 1
    head = block * copies
    tail = block * 3
    line = head.count("\n") + 1
    data = head.encode("utf-8") + (_LEGACY_LINE + "\n").encode("cp1252") + tail.encode("utf-8")
    return data, line, head + _LEGACY_LINE + "\n" + tail


def _late_cp1252(folder: Path) -> Case:
    data, line, text = late_cp1252_line()
    path = _write(folder / "large-with-a-legacy-line.txt", data)
    return Case("late-cp1252-line", path, "reading", says=(f"line {line}", "cp1252"), warns=True, source_text=text)


# --- binary and empty files ---------------------------------------------------------------------


def _png(folder: Path) -> Case:
    data = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    return Case("png", _write(folder / "photo.txt", data), "error", says=("PNG",))


def _nul(folder: Path) -> Case:
    data = WIRE.encode("utf-8").replace(b"Tuesday", b"Tues\x00day")
    return Case("nul-byte", _write(folder / "nul.txt", data), "error", says=("binary", "NUL"))


def _late_nul(folder: Path) -> Case:
    """A NUL past the first 64 KiB: a reader that sniffs only the head would call this text."""
    body = (WIRE + "\n") * (70_000 // len(WIRE) + 1)
    assert len(body.encode("utf-8")) > 65_536
    data = body.encode("utf-8") + b"Tail \x00 end.\n"
    return Case("nul-after-64k", _write(folder / "late-nul.txt", data), "error", says=("binary", "NUL"))


def _empty(folder: Path) -> Case:
    return Case("empty", _write(folder / "empty.txt", b""), "error", says=("empty",))


def _blank(folder: Path) -> Case:
    data = " \t\n\r\n \u00a0\u2003\n\u200b\n".encode()
    return Case("whitespace-only", _write(folder / "blank.txt", data), "error", says=("only blank characters",))


# --- paths that are not drafts ------------------------------------------------------------------


def _directory(folder: Path) -> Case:
    path = folder / "drafts.txt"  # a folder with a draft's name
    path.mkdir(parents=True)
    return Case("directory", path, "error", says=("folder",))


def _fifo(folder: Path) -> Case:
    """A named pipe no one writes to: opening it for reading would wait forever."""
    path = folder / "pipe.txt"
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return Case("fifo", path, "error", says=("FIFO",))


def _symlink_loop(folder: Path) -> Case:
    folder.mkdir(parents=True, exist_ok=True)
    first, second = folder / "loop-a.txt", folder / "loop-b.txt"
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    return Case("symlink-loop", first, "error", says=("symbolic link loop",))


def _unreadable(folder: Path) -> Case:
    """A draft with no read permission. Root reads it anyway: run the command as "nobody"."""
    path = _write(folder / "embargoed.txt", WIRE.encode("utf-8"))
    path.chmod(0o000)
    return Case("unreadable", path, "error", says=("permission denied",), unprivileged=True)


def _spaces_and_accents(folder: Path) -> Case:
    path = _write(folder / "Brouillons été" / "dépêche n° 2 — finale (v3).txt", WIRE.encode("utf-8"))
    return Case("path-with-spaces-and-accents", path, "reading", source_text=WIRE)


def _undecodable_name(folder: Path) -> Case:
    """A file name that is not UTF-8 (Latin-1 "é", as an old archive or a Windows share leaves it)."""
    name = os.fsdecode(b"d\xe9p\xeache.txt")
    path = _write(folder / name, WIRE.encode("utf-8"))
    return Case("path-not-utf-8", path, "reading", source_text=WIRE)


# --- sizes and shapes ---------------------------------------------------------------------------

_WORDS = (
    "the", "port", "said", "traffic", "rose", "again", "during", "a", "quiet", "quarter", "while", "analysts",
    "expected", "more", "ships", "from", "northern", "yards", "and", "officials", "warned", "that", "costs",
    "would", "climb", "further", "next", "year",
)


def _long_line(folder: Path) -> Case:
    """200,000 characters of words with no punctuation and no line break: one endless sentence."""
    text, size, i = [], 0, 0
    while size <= 200_001:
        word = _WORDS[i % len(_WORDS)]
        text.append(word)
        size += len(word) + 1
        i += 7  # a stride co-prime with the word count, so the line does not repeat quickly
    line = " ".join(text)[:200_000]
    assert len(line) == 200_000
    return Case("long-line", _write(folder / "long-line.txt", line.encode()), "reading", shape=True, source_text=line)


def _quotes(folder: Path) -> Case:
    """100,000 quotation marks, none of them closed: curly and straight, opening a quote each time."""
    opener = "Reuters said “the deal is off. "
    marks = "".join("“word " if i % 2 else '"word ' for i in range(100_000))
    text = opener + marks + "end.\n"
    return Case("unbalanced-quotes", _write(folder / "quotes.txt", text.encode()), "reading", shape=True,
                source_text=text)


def _capitals(folder: Path) -> Case:
    """50,000 capitalised words in a row: every one could start a name, an outlet or a heading."""
    names = ["Northwind", "Reuters", "Said", "The", "Financial", "Times", "Bloomberg", "Harbour", "Grid", "Told"]
    words = [names[(i * 7) % len(names)] for i in range(50_000)]
    text = " ".join(words) + " reported.\n"
    return Case("capitalised-run", _write(folder / "capitals.txt", text.encode()), "reading", shape=True,
                source_text=text)


def _repeated_name(folder: Path) -> Case:
    """About 100 KB on one line: one sentence naming a company, pasted 2,500 times. Each mention made
    the full-name look-up read the rest of the line again, so the draft took minutes (quadratic)."""
    text = "Acme said the plant would close in March. " * 2_500
    return Case("repeated-name-one-line", _write(folder / "repeated.txt", text.encode()), "reading", shape=True,
                source_text=text)


# --- terminal and look-alike hostility ----------------------------------------------------------


def _controls(folder: Path) -> Case:
    return Case("control-characters", _write(folder / "controls.txt", CONTROLS.encode("utf-8")), "reading",
                source_text=CONTROLS)


def lookalike_text() -> str:
    """One paragraph per look-alike spelling, then the real names, so a second source would show."""
    paragraphs = [sentence for sentence, _ in LOOKALIKES.values()]
    paragraphs.append("Wages fell 1% in June, Reuters reported. Rents rose 2% in June, Bloomberg reported.")
    return "\n\n".join(paragraphs) + "\n"


def _lookalikes(folder: Path) -> Case:
    text = lookalike_text()
    path = _write(folder / "lookalikes.txt", text.encode("utf-8"))
    return Case("lookalike-sources", path, "reading", says=("looks like",), warns=True, source_text=text)


# --- the catalogue ------------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[Path], Case]] = {
    **{name: _encoding_builder(name) for name in ENCODING_CASES},
    "invalid-utf-8": _invalid_utf8,
    "late-cp1252-line": _late_cp1252,
    "png": _png,
    "nul-byte": _nul,
    "nul-after-64k": _late_nul,
    "empty": _empty,
    "whitespace-only": _blank,
    "directory": _directory,
    "fifo": _fifo,
    "symlink-loop": _symlink_loop,
    "unreadable": _unreadable,
    "path-with-spaces-and-accents": _spaces_and_accents,
    "path-not-utf-8": _undecodable_name,
    "long-line": _long_line,
    "unbalanced-quotes": _quotes,
    "capitalised-run": _capitals,
    "repeated-name-one-line": _repeated_name,
    "control-characters": _controls,
    "lookalike-sources": _lookalikes,
}
CASES: tuple[str, ...] = tuple(BUILDERS)


def build(name: str, folder: Path) -> Case:
    """Write the case `name` into `folder` (created if missing) and say what is expected of it."""
    folder.mkdir(parents=True, exist_ok=True)
    return BUILDERS[name](folder)


def build_all(folder: Path) -> list[Case]:
    """Every case, each in a sub-folder of `folder` named after it."""
    return [build(name, folder / name) for name in CASES]


# --- running the command ------------------------------------------------------------------------

TIMEOUT = 20.0  # seconds: every case must end well within this, or the run fails as a hang
NOBODY = 65534

# Run as root (CI containers), permission denied never happens. The child imports what `check`
# needs while it is still root (the interpreter lives under root's home), then drops to "nobody"
# and runs the command exactly as `python -m factcheck` would.
_AS_NOBODY = """
import os, sys
import importlib.readers
from factcheck.cli import main
import factcheck.analysis, factcheck.read, factcheck.report.jsonout, factcheck.report.text, factcheck.store
from factcheck.analysis.sources import Registry
Registry.default()
if os.geteuid() == 0:
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)
main(sys.argv[1:], prog_name="factcheck")
""".replace("NOBODY", str(NOBODY))


@dataclass(frozen=True)
class Run:
    """What one `factcheck check` process did."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    wrote: tuple[str, ...]  # files that appeared in the working folder or at the database path
    db: str  # the database FACTCHECK_DB named

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def run_check(
    path: os.PathLike | str,
    *args: str,
    workdir: Path,
    unprivileged: bool = False,
    env: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> Run:
    """`factcheck check PATH ARGS…` in a new process, its working folder `workdir/cwd` (created
    empty), `FACTCHECK_DB` at `workdir/state/sources.db` (never created by us)."""
    cwd = workdir / "cwd"
    cwd.mkdir(parents=True, exist_ok=False)
    db = workdir / "state" / "sources.db"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    environment["FACTCHECK_DB"] = str(db)
    environment.update(env or {})
    if unprivileged:
        workdir.chmod(0o755)
        cwd.chmod(0o777)
        command = [sys.executable, "-c", _AS_NOBODY]
    else:
        command = [sys.executable, "-m", "factcheck"]
    argv = ("check", os.fspath(path), *args)
    start = time.monotonic()
    done = subprocess.run([*command, *argv], cwd=cwd, env=environment, capture_output=True, timeout=timeout)
    seconds = time.monotonic() - start
    wrote = [str(p) for p in cwd.iterdir()]
    if db.parent.exists():
        wrote.append(str(db.parent))
    return Run(
        args=argv,
        returncode=done.returncode,
        stdout=done.stdout.decode("utf-8"),
        stderr=done.stderr.decode("utf-8"),
        seconds=seconds,
        wrote=tuple(wrote),
        db=str(db),
    )


def missing_db_warning(run: Run) -> str:
    """The warning `check` gives because FACTCHECK_DB names a database that is not there."""
    return f"factcheck: warning: no database at {run.db}: using the built-in registry"
