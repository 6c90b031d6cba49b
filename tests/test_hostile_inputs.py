"""Whatever lands in a newsroom's inbox, `factcheck check` gives a reading or one clear line.

Every case of the generated corpus (tests/hostile.py) runs through the real command in its own
process, in JSON and in the default text format, with a timeout: a hang fails the test. The
command must exit 0 with a reading, or 2 with one line on stderr naming the file and the problem;
it must never print a traceback, never write a file, and every offset it reports must index the
text as the reader decodes it. The same draft saved in every encoding must read the same.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import CASES, ENCODING_CASES, WIRE, Case, Run, build, late_cp1252_line, missing_db_warning, run_check

from factcheck.read import read_draft
from factcheck.textsafe import safe

FORMATS = ("json", "text")


class Corpus:
    """The hostile cases, built once per module and each run at most once per format.

    It lives in a folder of its own under /tmp that "nobody" may traverse, so the unreadable
    case fails for the file's permissions, not for pytest's private temporary folder.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self._cases: dict[str, Case] = {}
        self._runs: dict[tuple[str, str], Run] = {}

    def case(self, name: str) -> Case:
        if name not in self._cases:
            self._cases[name] = build(name, self.base / "cases" / name)
        return self._cases[name]

    def run(self, name: str, fmt: str) -> Run:
        if (name, fmt) not in self._runs:
            case = self.case(name)
            args = ("--format", fmt) if fmt != "text" else ()
            run = run_check(case.path, *args, workdir=self.base / "runs" / f"{name}-{fmt}",
                            unprivileged=case.unprivileged)
            print(f"{name} --format {fmt}: exit {run.returncode} in {run.seconds:.2f} s")
            self._runs[(name, fmt)] = run
        return self._runs[(name, fmt)]

    def reading(self, name: str) -> dict:
        run = self.run(name, "json")
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout)


@pytest.fixture(scope="module")
def corpus() -> Iterator[Corpus]:
    base = Path(tempfile.mkdtemp(prefix="factcheck-hostile-"))
    base.chmod(0o755)
    try:
        yield Corpus(base)
    finally:
        # chmod 000 files and folders would stop rmtree for a user who is not root.
        for root, dirs, files in os.walk(base):
            for name in dirs + files:
                path = Path(root, name)
                if not path.is_symlink():
                    path.chmod(0o700 | stat.S_IMODE(path.lstat().st_mode))
        shutil.rmtree(base)


# --- every case: a reading or one line, never a traceback, never a file -------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", CASES)
def test_a_reading_or_one_clear_line(corpus: Corpus, name: str, fmt: str) -> None:
    case = corpus.case(name)
    run = corpus.run(name, fmt)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.wrote == (), f"check must write nothing, but wrote {run.wrote}"
    lines = run.stderr_lines
    # FACTCHECK_DB names a database that is not there: `check` says so once, first, and goes on.
    assert lines[:1] == [missing_db_warning(run)]
    said = lines[1:]

    if case.outcome == "error":
        assert run.returncode == 2, f"expected exit 2, got {run.returncode}: {run.stderr}"
        assert run.stdout == ""
        assert len(said) == 1, f"expected one line, got {said}"
        line = said[0]
        assert line.startswith("factcheck: ") and not line.startswith("factcheck: warning:")
        assert safe(os.fspath(case.path)) in line, "the line must name the file"
        for words in case.says:
            assert words.casefold() in line.casefold(), f"{words!r} not in {line!r}"
        return

    assert run.returncode == 0, run.stderr
    assert all(line.startswith("factcheck: warning: ") for line in said), said
    if case.warns:
        assert said, "this draft must be read with a warning"
        for words in case.says:
            assert any(words.casefold() in line.casefold() for line in said), f"{words!r} not in {said}"
    else:
        assert said == [], f"no warning expected, got {said}"
    if fmt == "text":
        assert run.stdout.startswith(safe(os.fspath(case.path)) + "\n")
        assert " statement" in run.stdout.splitlines()[1]
    else:
        _assert_offsets_index_the_decoded_text(case, json.loads(run.stdout))


def _assert_offsets_index_the_decoded_text(case: Case, reading: dict) -> None:
    draft = read_draft(case.path)
    text = draft.text
    assert reading["document"]["path"] == os.fspath(case.path)
    assert reading["document"]["chars"] == len(text)
    assert reading["document"]["encoding"] == draft.encoding
    assert reading["statements"], "a draft with words in it has at least one statement"
    for statement in reading["statements"]:
        assert text[statement["start"] : statement["end"]] == statement["text"]
        spans = [statement.get("content")]
        for attribution in statement["attributions"]:
            spans += [attribution["mention"], attribution["cue"]]
        for span in filter(None, spans):
            assert text[span["start"] : span["end"]] == span["text"], span


# --- the same draft in every encoding reads the same --------------------------------------------


def _comparable(reading: dict) -> dict:
    """What must not depend on how the draft was saved: line ends and Unicode form aside."""

    def norm(value: str) -> str:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return unicodedata.normalize("NFC", value)

    return {
        "statements": [norm(s["text"]) for s in reading["statements"]],
        "kinds": [s["kind"] for s in reading["statements"]],
        "attributions": [[(norm(a["source"]), a["via"] and norm(a["via"])) for a in s["attributions"]]
                         for s in reading["statements"]],
        "sources": sorted(norm(s["name"]) for s in reading["sources"]),
        "non_responses": [norm(n["entity"]) for n in reading["non_responses"]],
    }


@pytest.mark.parametrize("name", [n for n in ENCODING_CASES if n != "utf-8"])
def test_every_encoding_gives_the_same_reading(corpus: Corpus, name: str) -> None:
    case = corpus.case(name)
    reading = corpus.reading(name)
    assert reading["document"]["encoding"] == case.encoding
    # Offsets index the text as decoded (CRLF, lone CR and NFD kept), not a normalised copy.
    text = read_draft(case.path).text
    assert text == case.source_text
    for statement in reading["statements"]:
        assert text[statement["start"] : statement["end"]] == statement["text"]
    assert _comparable(reading) == _comparable(corpus.reading("utf-8"))


def test_the_reference_draft_reads_as_written(corpus: Corpus) -> None:
    """The comparison above means something only if the UTF-8 reading is the right one."""
    reading = corpus.reading("utf-8")
    assert [s["kind"] for s in reading["statements"]].count("heading") == 1
    names = {s["name"] for s in reading["sources"]}
    assert {"Reuters", "Financial Times", "Bloomberg"} <= names
    assert any("Zoë Marchetti" in name for name in names)
    assert [n["entity"] for n in reading["non_responses"]] == ["Électricité du Nord", "Norvell Grid", "Østfold Kraft"]


def test_paths_with_spaces_accents_or_bytes_read_like_any_other(corpus: Corpus) -> None:
    reference = _comparable(corpus.reading("utf-8"))
    for name in ("path-with-spaces-and-accents", "path-not-utf-8"):
        assert _comparable(corpus.reading(name)) == reference, name


# --- damaged encodings: a reading with a warning that says where -------------------------------


def _warnings(run: Run) -> list[str]:
    """The warnings about the draft (not the one about the missing database)."""
    return [w for w in run.stderr_lines if w.startswith("factcheck: warning: ") and w != missing_db_warning(run)]


def test_a_late_cp1252_line_is_named_and_decoded(corpus: Corpus) -> None:
    case = corpus.case("late-cp1252-line")
    assert case.path.stat().st_size >= 2 * 2**20
    _, line, expected = late_cp1252_line()
    run = corpus.run("late-cp1252-line", "json")
    warnings = _warnings(run)
    assert len(warnings) == 1 and f"line {line} " in warnings[0] and "cp1252" in warnings[0]
    reading = json.loads(run.stdout)
    assert reading["document"]["encoding"] == "utf-8+cp1252"
    assert reading["document"]["chars"] == len(expected)
    texts = {s["text"] for s in reading["statements"]}
    # The legacy line's quotes and dash decoded, its UTF-8 neighbours untouched: nothing garbled.
    assert "The board’s “final” offer – rejected on Friday, Zoë Marchetti said." in texts
    assert not any("â€" in t or "Ã" in t for t in texts)


def test_invalid_utf8_is_shown_where_it_is(corpus: Corpus) -> None:
    run = corpus.run("invalid-utf-8", "json")
    assert any("line 5 " in w for w in _warnings(run))
    statement = next(s for s in json.loads(run.stdout)["statements"] if "emissions" in s["text"])
    # The byte no encoding explains is shown as U+FFFD, never dropped without a word.
    assert "\ufffd" in statement["text"] and statement["text"].endswith("by about 40À¯\ufffd%.")


# --- size and shape -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in CASES if n in ("long-line", "unbalanced-quotes", "capitalised-run",
                                                            "repeated-name-one-line")])
def test_pathological_shapes_are_read_whole(corpus: Corpus, name: str) -> None:
    """Finishing inside the timeout is asserted by every run; here, that nothing was cut short."""
    case = corpus.case(name)
    reading = corpus.reading(name)
    assert case.source_text is not None
    assert reading["document"]["chars"] == len(case.source_text)
    covered = "".join(s["text"] for s in reading["statements"])
    # Every word of the draft is in some statement: whitespace between statements aside.
    assert "".join(covered.split()) == "".join(case.source_text.split())


def test_the_reference_draft_is_a_wire_story() -> None:
    """The corpus's premise: the reference draft carries what legacy encodings mangle."""
    for char in "’“”—ëÉØ":
        assert char in WIRE
    assert unicodedata.normalize("NFD", WIRE) != WIRE
    WIRE.encode("cp1252")  # every variant can be made from it
