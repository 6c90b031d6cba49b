"""`factcheck review` before the UI: bad input ends in the same one line as `check`, without Textual."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner
from tui_support import SEED

from factcheck.cli import main
from factcheck.review import default_reviewer

# Runs the command in a fresh interpreter and reports whether Textual was ever imported.
PROBE = """
import sys
from factcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    print("textual imported:", "textual" in sys.modules, file=sys.stderr)
    raise
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )


def test_bad_drafts_get_the_same_line_as_check_and_the_ui_never_starts(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    for draft in (tmp_path / "missing.txt", binary, empty, tmp_path):
        review = _run("review", str(draft), "--db", str(tmp_path / "t.db"))
        check = _run("check", str(draft))
        assert review.returncode == 2 == check.returncode
        review_line, probe = review.stderr.strip().splitlines()
        assert review_line == check.stderr.strip().splitlines()[0]
        assert review_line.startswith("factcheck: ")
        assert probe == "textual imported: False"
        assert "Traceback" not in review.stderr


def test_a_database_that_is_not_ours_is_refused_before_the_ui(tmp_path):
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"these are not the tables you are looking for" * 100)
    before = foreign.read_bytes()
    result = _run("review", str(SEED), "--db", str(foreign))
    assert result.returncode == 2
    assert result.stderr.startswith("factcheck: ") and "textual imported: False" in result.stderr
    assert foreign.read_bytes() == before


def test_review_needs_a_terminal(tmp_path):
    result = CliRunner().invoke(main, ["review", str(SEED), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr


def test_review_reads_no_standard_input(tmp_path):
    result = CliRunner().invoke(main, ["review", "-"])
    assert result.exit_code == 2 and "standard input" in result.stderr


def test_the_reviewer_is_the_environment_variable_else_the_login_name(monkeypatch):
    monkeypatch.setenv("FACTCHECK_REVIEWER", "  Ana Lima ")
    assert default_reviewer() == "Ana Lima"
    monkeypatch.delenv("FACTCHECK_REVIEWER")
    import getpass

    assert default_reviewer() == getpass.getuser()


def test_a_draft_too_long_to_review_is_refused_in_one_line_and_nothing_is_written(tmp_path, monkeypatch):
    import factcheck.review

    monkeypatch.setattr(factcheck.review, "REVIEW_MAX_CHARS", 1000)
    draft = tmp_path / "archive.txt"
    draft.write_text("The port reopened on Monday, the agency said.\n\n" * 40, encoding="utf-8")
    db = tmp_path / "t.db"
    for command in (["review", str(draft), "--db", str(db)], ["export", str(draft), "--db", str(db)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"factcheck: {draft}: ") and f"too long to {command[0]}" in line
        assert "factcheck check" in line
    assert not db.exists()
