"""The fact-check memo: Markdown, JSON and CSV renderings of a review, where the file goes, and
`factcheck export`."""

from __future__ import annotations

import csv
import errno
import io
import json
import shutil
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from tui_support import SEED, write_harbour

from factcheck import export
from factcheck.cli import main
from factcheck.models import Correction
from factcheck.read import read_draft
from factcheck.review import load_session
from factcheck.store import open_store


def reviewed(tmp_path, draft_path=SEED):
    """A database where ana and ben reviewed the draft: tags, a note with markup in it, a correction."""
    db = tmp_path / "t.db"
    draft = read_draft(draft_path)
    with open_store(db) as store:
        session = load_session(draft, store, "ana")
        claims = [i for i in range(len(session)) if session.is_claim(i)]
        draft_id = session.draft_id
        store.set_tag(draft_id, session.key(claims[0]), "verified", "ana")
        store.set_tag(draft_id, session.key(claims[1]), "disputed", "ben")
        store.set_note(draft_id, session.key(claims[1]), "=1+1 *not* what [the desk] said", "ben")
        store.set_tag(draft_id, session.key(claims[2]), "needs-source", "ana")
        fixed = next(i for i in claims if "single-source" in session.statements[i].flags)
        engine_source = session.statements[fixed].attributions[0].source
        store.set_correction(
            draft_id,
            Correction(
                statement_key=session.key(fixed),
                sources=[engine_source, "Bloomberg"],
                reviewer="ben",
                updated_at="2025-01-01T00:00:00+00:00",
            ),
        )
        session = load_session(draft, store, "ana")
    return SimpleNamespace(db=db, session=session, claims=claims, fixed=fixed)


def test_markdown_memo_lists_the_work_left_and_every_claim_with_its_review(tmp_path):
    r = reviewed(tmp_path)
    memo = export.render(r.session, "markdown")
    assert memo.startswith("# Fact-check memo: ")
    assert "**Reviewed: 3 of" in memo
    assert "Reviewers: ana, ben" in memo
    assert "## Disputed" in memo and "## Needs a source" in memo and "## Not reviewed yet" in memo
    assert "**verified** (ana" in memo and "**disputed** (ben" in memo
    # Draft text and notes are shown literally, never as Markdown (see the markdown-it test).
    assert r"\*not\* what [the desk] said" in memo
    assert "the engine read:*" in memo and "Bloomberg" in memo
    assert "## Did not respond" in memo and "Huawei" in memo


def test_json_export_is_the_reading_contract_plus_review_and_corrections(tmp_path):
    r = reviewed(tmp_path)
    data = json.loads(export.render(r.session, "json"))
    assert data["schema"] == "factcheck.export/1"
    assert data["reading_schema"] == "factcheck.reading/1"
    assert data["review"]["tagged"] == 3 and data["review"]["reviewers"] == ["ana", "ben"]
    statements = data["statements"]
    assert len(statements) == len(r.session.statements)
    first = statements[r.claims[0]]
    assert first["key"] == r.session.key(r.claims[0])
    assert first["review"]["tag"] == "verified" and first["review"]["reviewer"] == "ana"
    assert statements[r.claims[1]]["review"]["note"] == "=1+1 *not* what [the desk] said"
    corrected = statements[r.fixed]
    assert corrected["correction"]["sources"][-1] == "Bloomberg"
    assert "corroborated" in corrected["flags"]
    assert corrected["correction"]["engine"]["flags"] == r.session.engine[r.fixed].flags
    assert statements[0]["review"] is None and statements[0]["correction"] is None


def test_csv_export_adds_review_columns_and_keeps_spreadsheets_safe(tmp_path):
    r = reviewed(tmp_path)
    rows = list(csv.DictReader(io.StringIO(export.render(r.session, "csv"))))
    assert len(rows) == len(r.session.statements)
    assert {"tag", "note", "reviewer", "corrected", "engine_sources"} <= set(rows[0])
    assert rows[r.claims[0]]["tag"] == "verified"
    assert rows[r.claims[1]]["note"].startswith("'=")  # never run as a formula
    assert rows[r.fixed]["corrected"] == "yes" and rows[r.fixed]["engine_sources"]


def test_the_memo_goes_next_to_the_draft_or_to_the_current_folder(tmp_path, monkeypatch):
    draft = tmp_path / "desk" / "story.txt"
    draft.parent.mkdir()
    draft.write_text("x", encoding="utf-8")
    result = export.write_export("memo\n", draft, "markdown")
    assert result.path == (draft.parent / "story.factcheck.md").resolve() and not result.fallback
    assert result.path.read_text(encoding="utf-8") == "memo\n"

    real_write = export._write_atomically

    def read_only_desk(path, text):
        if path.parent == draft.parent:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_write(path, text)

    # (The tests run as root, whom a chmod does not stop: refuse the write the way the OS would.)
    monkeypatch.setattr(export, "_write_atomically", read_only_desk)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = export.write_export("memo 2\n", draft, "json")
    assert result.fallback and result.path == (here / "story.factcheck.json").resolve()
    assert result.path.read_text(encoding="utf-8") == "memo 2\n"


def test_cli_export_writes_the_memo_with_the_review(tmp_path):
    r = reviewed(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["export", str(SEED), "--format", "json", "--db", str(r.db)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["statements"][r.claims[0]]["review"]["tag"] == "verified"

    out = tmp_path / "memo.md"
    result = runner.invoke(main, ["export", str(SEED), "--db", str(r.db), "-o", str(out)])
    assert result.exit_code == 0 and "**disputed** (ben" in out.read_text(encoding="utf-8")


def test_cli_export_next_to_the_draft(tmp_path):
    draft = write_harbour(tmp_path)
    runner = CliRunner()
    result = runner.invoke(
        main, ["export", str(draft), "--format", "csv", "--next-to-draft", "--db", str(tmp_path / "t.db")]
    )
    assert result.exit_code == 0, result.output
    written = tmp_path / "harbour.factcheck.csv"
    assert written.exists() and str(written.resolve()) in result.stderr


def test_cli_export_without_a_database_says_so_and_still_writes_the_reading(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["export", str(SEED), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 0
    assert "no database" in result.stderr
    assert "**Reviewed: 0 of" in result.stdout
    assert not (tmp_path / "none.db").exists()


def test_cli_export_bad_input_is_one_line_and_exit_2(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["export", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("factcheck: ")
    result = runner.invoke(main, ["export", str(SEED), "-o", str(tmp_path / "a"), "--next-to-draft"])
    assert result.exit_code == 2


def test_cli_export_an_engine_bug_is_one_line_and_exit_2(tmp_path, monkeypatch):
    import factcheck.analysis

    def broken(draft, registry=None):
        raise IndexError("list index out of range")

    monkeypatch.setattr(factcheck.analysis, "analyse", broken)
    result = CliRunner().invoke(main, ["export", str(SEED), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith("factcheck: ")
    assert "bug in factcheck" in result.stderr and "Traceback" not in result.stderr


def test_export_on_a_read_only_database_reads_without_writing(tmp_path):
    r = reviewed(tmp_path)
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    before = r.db.read_bytes()
    result = CliRunner().invoke(main, ["export", str(copy), "--format", "json", "--db", str(r.db)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["statements"][r.claims[0]]["review"]["tag"] == "verified"
    assert r.db.read_bytes() == before


# A draft full of characters Markdown could misread, and of ones it could not.
TRICKY = (
    "Halvorsen would pay about $2.1 billion, or $40 a share, Reuters reported.\n\n"
    "The route runs Oslo -> Rotterdam and costs *nothing* to [the desk](x) users, the company said.\n\n"
    "> 5 analysts said names like __init__ and snake_case are fine.\n\n"
    "A clause with $x$ in it, a ~~strike~~, a <b>tag</b> and &amp; went unexplained.\n\n"
    "2) Two options: 3 * 4 = 12, the agency said.\n\n"
    "- A dash opens this line, and a [^1] footnote mark follows; [x]: y is no definition.\n\n"
    "A backslash \\ stays and C:\\new too.\n"
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _rendered_text(memo: str) -> str:
    """The memo as a reader sees it: rendered by markdown-it (with tables, strikethrough and
    dollar math, as GitHub-like viewers do), tags stripped."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    # Dollar math as pandoc and GitHub read it: no space inside the dollars, no digit after the closing one.
    md = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(dollarmath_plugin, allow_space=False, allow_digits=False)
        .use(footnote_plugin)
    )
    html = md.render(memo)
    # Markup the draft's words would have become; the memo's own labels use only <em>, <strong>,
    # <code>, lists, headings and a table.
    for tag in ("<s>", "<del>", "<blockquote>", "<ol", "<a ", 'class="math', "<b>", "footnote-ref", "<sup"):
        assert tag not in html, f"{tag} in the rendered memo"
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def test_markdown_memo_renders_the_draft_literally_with_few_escapes(tmp_path):
    draft = tmp_path / "tricky.txt"
    draft.write_text(TRICKY, encoding="utf-8")
    with open_store(tmp_path / "t.db") as store:
        session = load_session(read_draft(draft), store, "ana")
    memo = export.render(session, "markdown")
    text = _rendered_text(memo)
    for statement in session.statements:
        assert " ".join(statement.text.split()) in text, statement.text
    # Escapes only where Markdown would misread: pasted as plain text the memo reads naturally.
    assert "$2.1 billion, or $40 a share" in memo
    assert "Oslo -> Rotterdam" in memo
    assert "snake_case" in memo
    assert "\\$x\\$" in memo and "\\*nothing\\*" in memo
    assert "\\> 5 analysts" in memo
    assert "2\\) Two options: 3 * 4 = 12" in memo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$2.1 billion and $3 billion", "$2.1 billion and $3 billion"),
        ("a $x$ b", "a \\$x\\$ b"),
        ("Oslo -> Rotterdam", "Oslo -> Rotterdam"),
        ("> quoted", "\\> quoted"),
        ("- item", "\\- item"),
        ("---", "\\---"),
        ("12. March", "12\\. March"),
        ("# Heading", "\\# Heading"),
        ("#hashtag", "#hashtag"),
        ("snake_case and _emphasis_", "snake_case and \\_emphasis\\_"),
        ("3 * 4", "3 * 4"),
        ("[sic] and [a](b)", "\\[sic] and [a\\](b)"),
        ("x < y and <b>", "x < y and \\<b>"),
        ("AT&amp;T and R&D", "AT\\&amp;T and R&D"),
    ],
)
def test_escape_touches_only_what_markdown_would_misread(text, expected):
    assert export.escape(text) == expected
