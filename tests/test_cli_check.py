"""`factcheck check` as editors, CI jobs and scripts use it: formats, exit codes, errors, safety.

The engine's accuracy is tested elsewhere; here the command must print the engine's reading
faithfully, in every format, and behave like a good Unix tool around it. In-process runs use
click's CliRunner; what depends on a real process (a terminal, start-up imports, stray files)
runs `python -m factcheck` in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.analysis import analyse
from factcheck.cli import main
from factcheck.models import FLAGS, SCHEMA
from factcheck.read import read_draft
from factcheck.report import markdown, text
from tests.conftest import check_on_a_terminal

ESC = "\x1b"

WIRE = (
    "Harbour Rail Cuts Weekend Services\n\n"
    "Harbour Rail will cut weekend services on three coastal lines from May, Reuters reported on Tuesday. "
    "The operator said fuel costs had doubled since January.\n\n"
    "Ticket prices rose 4.5% last year.\n\n"
    "Harbour Rail and Coastline Buses did not respond to requests for comment.\n"
)

BRIEF = """Bloomberg reported that Kestrel Air ordered 40 jets. The order is worth $4.2 billion.
"""


@pytest.fixture
def drafts(tmp_path: Path) -> dict[str, Path]:
    paths = {"wire": tmp_path / "wire.txt", "brief": tmp_path / "brief.txt"}
    paths["wire"].write_text(WIRE, encoding="utf-8")
    paths["brief"].write_text(BRIEF, encoding="utf-8")
    return paths


@pytest.fixture(autouse=True)
def _no_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in an empty folder, so no sources.db of the repo is picked up."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("FACTCHECK_"):
            monkeypatch.delenv(name)


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, ["check", *args], input=input, catch_exceptions=False)


def run_process(*args: str, cwd: Path, env: dict[str, str] | None = None, **kwargs):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "check", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=60,
        **kwargs,
    )


def reading_of(path: Path):
    return analyse(read_draft(path))


# --- formats ------------------------------------------------------------------------------------


def test_text_is_the_default_and_prints_the_engines_reading(drafts: dict[str, Path]) -> None:
    result = run(str(drafts["wire"]))
    assert result.exit_code == 0
    assert result.output == text.render(reading_of(drafts["wire"]), width=100)
    assert result.output.startswith(f"{drafts['wire']}\n")


def test_markdown_memo(drafts: dict[str, Path]) -> None:
    result = run(str(drafts["wire"]), "--format", "markdown")
    assert result.exit_code == 0
    assert result.output == markdown.render(reading_of(drafts["wire"]))


def test_json_is_the_engines_reading(drafts: dict[str, Path]) -> None:
    result = run(str(drafts["wire"]), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == reading_of(drafts["wire"]).to_json_dict()


def test_json_keys_follow_the_contract(drafts: dict[str, Path]) -> None:
    data = json.loads(run(str(drafts["wire"]), "--format", "json").output)
    assert data["schema"] == SCHEMA
    assert {"schema", "document", "statements", "sources", "non_responses", "summary"} <= set(data)
    assert {"path", "sha256", "chars"} <= set(data["document"])
    assert data["document"]["chars"] == len(WIRE)
    statement_keys = {"index", "start", "end", "text", "paragraph", "kind", "attributions", "flags", "non_responses"}
    attribution_keys = {"source", "source_kind", "basis", "mention", "cue", "via"}
    spans, attributions = [], []
    for statement in data["statements"]:
        assert statement_keys <= set(statement)
        assert statement["kind"] in ("claim", "heading")
        assert set(statement["flags"]) <= set(FLAGS)
        spans.append(statement)
        for attribution in statement["attributions"]:
            assert attribution_keys <= set(attribution)
            assert attribution["basis"] in ("explicit", "reference", "inherited")
            attributions.append(attribution)
            spans.extend(span for span in (attribution["mention"], attribution["cue"]) if span)
        if statement.get("content"):
            spans.append(statement["content"])
        for item in statement["non_responses"]:
            assert set(item) == {"entity", "phrase", "reported_by"}
    assert attributions, "the draft names Reuters: at least one attribution"
    for span in spans:
        assert {"start", "end", "text"} <= set(span)
        assert WIRE[span["start"] : span["end"]] == span["text"]
    for source in data["sources"]:
        assert set(source) == {"name", "kind", "statements", "share"}
    for item in data["non_responses"]:
        assert set(item) == {"entity", "phrase", "reported_by"}


def test_jsonl_one_object_per_draft(drafts: dict[str, Path]) -> None:
    result = run(str(drafts["wire"]), str(drafts["brief"]), "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [json.loads(line)["document"]["path"] for line in lines] == [str(drafts["wire"]), str(drafts["brief"])]


def test_json_refuses_several_drafts_and_suggests_jsonl(drafts: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["check", str(drafts["wire"]), str(drafts["brief"]), "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "jsonl" in result.stderr


def test_csv_one_row_per_statement(drafts: dict[str, Path]) -> None:
    result = run(str(drafts["wire"]), str(drafts["brief"]), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output, newline="")))
    expected = len(reading_of(drafts["wire"]).statements) + len(reading_of(drafts["brief"]).statements)
    assert len(rows) == expected
    assert rows[0]["document"] == str(drafts["wire"]) and rows[-1]["document"] == str(drafts["brief"])


def test_several_drafts_in_text(drafts: dict[str, Path]) -> None:
    result = run(str(drafts["wire"]), str(drafts["brief"]))
    assert result.exit_code == 0
    assert f"{drafts['wire']}\n" in result.output and f"\n{drafts['brief']}\n" in result.output


# --- exit codes and --fail-on -------------------------------------------------------------------


def test_fail_on_a_flag_found_exits_1_and_still_reports(drafts: dict[str, Path]) -> None:
    reading = reading_of(drafts["wire"])
    unattributed = sum("unattributed" in s.flags for s in reading.statements)
    assert unattributed, "'Ticket prices rose 4.5% last year.' has no source"
    result = CliRunner().invoke(main, ["check", str(drafts["wire"]), "--fail-on", "unattributed"])
    assert result.exit_code == 1
    assert result.stdout == text.render(reading, width=100)
    assert result.stderr == f"factcheck: found unattributed ({unattributed})\n"


def test_fail_on_a_flag_absent_exits_0(drafts: dict[str, Path]) -> None:
    reading = reading_of(drafts["brief"])
    absent = [flag for flag in FLAGS if not any(flag in s.flags for s in reading.statements)]
    assert absent
    result = run(str(drafts["brief"]), "--fail-on", ",".join(absent))
    assert result.exit_code == 0


def test_fail_on_accepts_lists_and_repeats(drafts: dict[str, Path]) -> None:
    result = CliRunner().invoke(
        main, ["check", str(drafts["wire"]), "--fail-on", "corroborated, unattributed", "--fail-on", "inherited"]
    )
    assert result.exit_code == 1 and "unattributed (" in result.stderr


def test_fail_on_an_unknown_flag_lists_the_valid_ones(drafts: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["check", str(drafts["wire"]), "--fail-on", "unsourced"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "'unsourced'" in result.stderr and all(flag in result.stderr for flag in FLAGS)


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_process("no-such-draft.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.count(b"\n") == 1 and result.stderr.startswith(b"factcheck: ")
    assert b"no-such-draft.txt" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["text", "jsonl", "csv"])
def test_an_unreadable_draft_does_not_stop_the_others(drafts: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = CliRunner().invoke(
        main,
        ["check", str(drafts["wire"]), "missing.txt", str(folder), str(drafts["brief"]), "--format", fmt],
    )
    assert result.exit_code == 2
    assert str(drafts["wire"]) in result.stdout and str(drafts["brief"]) in result.stdout
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and "missing.txt" in errors[0] and "a-folder" in errors[1]


def test_input_errors_win_over_fail_on(drafts: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["check", str(drafts["wire"]), "missing.txt", "--fail-on", "unattributed"])
    assert result.exit_code == 2 and "found unattributed" in result.stderr


# --- input --------------------------------------------------------------------------------------


def test_standard_input(drafts: dict[str, Path]) -> None:
    result = run("-", "--format", "json", input=WIRE.encode("utf-8"))
    assert result.exit_code == 0
    data = json.loads(result.output)
    from_file = reading_of(drafts["wire"]).to_json_dict()
    assert data["document"]["path"] == "<stdin>"
    assert data["statements"] == from_file["statements"]


def test_standard_input_only_once() -> None:
    result = CliRunner().invoke(main, ["check", "-", "-"], input="Text.")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_reading_warnings_go_to_stderr_and_into_the_json(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("\x93Prices will rise,\x94 the minister said on Friday.\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["check", str(legacy), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["warnings"] and data["statements"][0]["text"].startswith("\u201cPrices")
    assert result.stderr.startswith("factcheck: warning: ") and "cp1252" in result.stderr


def test_markdown_and_plain_switches(tmp_path: Path) -> None:
    memo = tmp_path / "memo.md"
    memo.write_text("# Port Deal Stalls\n\nReuters reported that **talks** stalled on Monday.\n", encoding="utf-8")
    as_markdown = json.loads(run(str(memo), "--format", "json").output)
    assert as_markdown["document"]["format"] == "markdown"
    assert as_markdown["statements"][0]["kind"] == "heading"
    assert "**" not in json.dumps(as_markdown["statements"])
    as_plain = json.loads(run(str(memo), "--plain", "--format", "json").output)
    assert as_plain["document"]["format"] == "text"
    copy = tmp_path / "memo.txt"
    copy.write_bytes(memo.read_bytes())
    assert json.loads(run(str(copy), "--markdown", "--format", "json").output)["document"]["format"] == "markdown"


# --- the registry and the database --------------------------------------------------------------


def test_no_database_means_the_built_in_registry_and_no_new_file(drafts: dict[str, Path], tmp_path: Path) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_process(str(drafts["wire"]), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == b""
    assert json.loads(result.stdout)["sources"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_missing_db_path_is_said_and_not_created(drafts: dict[str, Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(drafts["wire"]), "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 0
    assert "warning: no database at" in result.stderr and "built-in registry" in result.stderr
    assert not (tmp_path / "typo.db").exists()


def test_a_database_that_is_not_one_is_exit_2(drafts: dict[str, Path], tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database\n" * 100)
    before = junk.read_bytes()
    result = run_process(str(drafts["wire"]), "--db", str(junk), cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.count(b"\n") == 1 and b"Traceback" not in result.stderr
    assert junk.read_bytes() == before


def _make_database(path: Path) -> None:
    from factcheck.store import open_store

    store = open_store(path)
    close = getattr(store, "close", None)
    if close is not None:
        close()


def test_a_read_only_database_is_used_and_left_alone(drafts: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "sources.db"
    _make_database(db)
    before = db.read_bytes()
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = run_process(str(drafts["wire"]), "--db", str(db), "--format", "json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["sources"]
        assert db.read_bytes() == before
        # Run as root (CI containers), the folder stays writable and SQLite may leave its shared
        # memory index beside the file; it must never hold a change.
        extra = {p.name for p in folder.iterdir()} - {"sources.db"}
        assert extra <= {"sources.db-shm", "sources.db-wal"}
        assert not (folder / "sources.db-wal").exists() or (folder / "sources.db-wal").stat().st_size == 0
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


# --- terminal safety and colour -----------------------------------------------------------------


HOSTILE = (
    "Spoof Alert\n\n"
    f"Reuters reported that {ESC}[2J{ESC}]0;owned{ESC}\\ the screen was cleared.\x9b31m "
    "The \u202eregrevo idib\u202c report said nothing. Revenue rose\r 3% on Monday.\n"
)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_an_escape_in_a_draft_never_reaches_the_terminal(tmp_path: Path, fmt: str) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    result = run_process(str(hostile), "--format", fmt, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    for raw in (ESC, "\x9b", "\u202e", "\r" if fmt != "csv" else "\x00"):
        assert raw not in out
    if fmt == "json":  # escaped, not lost: the reading is exact
        assert json.loads(out)["document"]["chars"] == len(HOSTILE)


def test_an_escape_in_a_file_name_never_reaches_the_terminal(tmp_path: Path) -> None:
    result = run_process(f"missing-{ESC}[2J.txt", cwd=tmp_path)
    assert result.returncode == 2 and ESC.encode() not in result.stderr


def test_no_colour_when_not_a_terminal(drafts: dict[str, Path], tmp_path: Path) -> None:
    result = run_process(str(drafts["wire"]), cwd=tmp_path)
    assert result.returncode == 0 and ESC.encode() not in result.stdout


def test_colour_on_a_terminal_unless_no_color(drafts: dict[str, Path], tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env["TERM"] = "xterm-256color"
    coloured = check_on_a_terminal([str(drafts["wire"])], tmp_path, env)
    assert b"\x1b[" in coloured and b"[unattributed]" in coloured
    plain = check_on_a_terminal([str(drafts["wire"])], tmp_path, {**env, "NO_COLOR": "1"})
    assert b"\x1b[" not in plain and b"[unattributed]" in plain
    machine = check_on_a_terminal([str(drafts["wire"]), "--format", "json"], tmp_path, env)
    assert b"\x1b[" not in machine


# --- start-up -----------------------------------------------------------------------------------


def test_check_imports_neither_textual_nor_the_database_layer(drafts: dict[str, Path], tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from factcheck.cli import main\n"
        f"main(['check', {str(drafts['wire'])!r}, '--format', 'json'], standalone_mode=False)\n"
        "heavy = sorted(m for m in ('textual', 'sqlite_utils', 'rich') if m in sys.modules)\n"
        "print(' '.join(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().strip() == ""


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_an_output_that_is_not_utf8_gets_a_report_not_a_traceback(tmp_path: Path, encoding: str) -> None:
    draft = tmp_path / "xinhua.txt"
    draft.write_text("Xinhua reported that 中国 exports rose “fast” on Monday.\n", encoding="utf-8")
    env = {"PYTHONIOENCODING": encoding}
    as_text = run_process(str(draft), cwd=tmp_path, env=env)
    assert as_text.returncode == 0 and b"Traceback" not in as_text.stderr
    assert b"Xinhua reported that" in as_text.stdout
    as_json = run_process(str(draft), "--format", "json", cwd=tmp_path, env=env)
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["statements"][0]["text"].startswith("Xinhua reported that 中国")


def test_usage_errors_are_one_line():
    from click.testing import CliRunner

    from factcheck.cli import main

    for args in (["bogus"], ["check"], ["check", "--format", "xml", "x.txt"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("factcheck: "), result.stderr


def test_an_empty_fail_on_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from factcheck.cli import main

    draft = tmp_path / "d.txt"
    draft.write_text("The port reopened, Reuters reported.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(draft), "--fail-on", ""])
    assert result.exit_code == 2 and "--fail-on needs at least one flag" in result.stderr


def test_an_engine_bug_on_one_draft_is_one_line_and_the_others_are_still_read(
        drafts: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.analysis

    real = factcheck.analysis.analyse

    def broken_on_the_brief(draft, registry=None):
        if draft.path.endswith("brief.txt"):
            raise IndexError("list index out of range")
        return real(draft, registry=registry)

    monkeypatch.setattr(factcheck.analysis, "analyse", broken_on_the_brief)
    result = run(str(drafts["brief"]), str(drafts["wire"]), "--format", "jsonl")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "brief.txt" in lines[0] and "bug in factcheck" in lines[0]
    assert "Traceback" not in result.stderr
    assert [json.loads(line)["document"]["path"] for line in result.stdout.splitlines()] == [str(drafts["wire"])]
