"""The renderers, on readings built by hand: what an editor or a program sees of a reading.

These readings do not come from the engine, so the tests pin the reports alone: a change in the
engine's reading never breaks them, and a report never hides or garbles what the reading says.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from markdown_it import MarkdownIt

from factcheck.models import (
    Attribution,
    DocumentInfo,
    NonResponse,
    Reading,
    SourceSummary,
    Span,
    Statement,
    Summary,
)
from factcheck.report import FORMATS, csvout, describe, jsonout, markdown, render, render_many, text

ESC = "\x1b"
RLO = "\u202e"

PARAGRAPHS = [
    ["Port Strike Looms Over Europe's Exports?"],
    [
        "Dock workers in Rotterdam plan to walk out on Monday.",
        "Reuters reported that the union rejected a 3.2% pay offer from the port's employers.",
        "The agency said talks would resume on Friday.",
        "The union has 4,000 members.",
    ],
    [
        "Shipping lines told the Financial Times that cargo was already being diverted to Antwerp.",
        "Reuters said the same, citing two people familiar with the matter.",
    ],
    ["The port authority, Maersk and Hapag-Lloyd did not respond to requests for comment, Reuters reported."],
    [f"Odd copy {ESC}[31mRED{ESC}[0m with *stars*, [sic], a | pipe and $5 or $6 {RLO}evil, Evil Wire said."],
]


def _att(source: str, basis: str = "explicit", *, via: str | None = None, **extra) -> Attribution:
    return Attribution(source=source, source_kind="news outlet", basis=basis, via=via, **extra)


def build_reading(path: str = "port-strike.txt") -> Reading:
    """A small reading with every feature a report shows: heading, conduit, inherited, ledger."""
    draft = "\n\n".join(" ".join(p) for p in PARAGRAPHS)
    statements: list[Statement] = []
    for paragraph, sentences in enumerate(PARAGRAPHS):
        for sentence in sentences:
            start = draft.index(sentence)
            statements.append(
                Statement(
                    index=len(statements),
                    start=start,
                    end=start + len(sentence),
                    text=sentence,
                    paragraph=paragraph,
                    kind="heading" if paragraph == 0 else "claim",
                )
            )
    reuters_mention = draft.index("Reuters reported that")
    reuters = _att("Reuters", mention=Span(start=reuters_mention, end=reuters_mention + 7, text="Reuters"))
    nonresponses = [
        NonResponse(entity=name, phrase="did not respond to requests for comment", reported_by="Reuters")
        for name in ("The port authority", "Maersk", "Hapag-Lloyd")
    ]
    reading_of = {
        1: ([], ["unattributed"]),
        2: ([reuters], ["single-source"]),
        3: ([_att("Reuters", "reference")], ["single-source"]),
        4: ([_att("Reuters", "inherited")], ["single-source", "inherited"]),
        5: ([_att("Shipping lines", via="Financial Times")], ["corroborated"]),
        6: ([_att("people familiar with the matter", via="Reuters")], ["corroborated"]),
        7: ([_att("Reuters")], ["single-source", "non-response"]),
        8: ([_att(f"Evil{RLO}Wire", suspicious=True)], ["single-source"]),
    }
    for index, (attributions, flags) in reading_of.items():
        statements[index].attributions = attributions
        statements[index].flags = flags
    statements[7].non_responses = nonresponses
    sources = [
        SourceSummary(name="Reuters", kind="wire agency", statements=5, share=5 / 7),
        SourceSummary(name="Financial Times", kind="news outlet", statements=1, share=1 / 7),
        SourceSummary(name=f"Evil{RLO}Wire", kind="unknown", statements=1, share=1 / 7),
    ]
    summary = Summary(
        statements=len(statements),
        claims=8,
        headings=1,
        attributed=7,
        unattributed=1,
        single_source=5,
        corroborated=2,
        inherited=1,
        non_responses=3,
        top_source="Reuters",
        top_source_share=5 / 7,
    )
    return Reading(
        document=DocumentInfo(path=path, sha256="0" * 64, chars=len(draft)),
        statements=statements,
        sources=sources,
        non_responses=nonresponses,
        summary=summary,
        warnings=[f"decoded as cp1252: not valid UTF-8 at byte 42 {ESC}[2J"],
    )


@pytest.fixture
def reading() -> Reading:
    return build_reading()


def _empty_reading() -> Reading:
    zero = dict.fromkeys(
        (
            "statements",
            "claims",
            "headings",
            "attributed",
            "unattributed",
            "single_source",
            "corroborated",
            "inherited",
            "non_responses",
        ),
        0,
    )
    return Reading(
        document=DocumentInfo(path="empty.txt", sha256="0" * 64, chars=0),
        statements=[],
        summary=Summary(**zero),
    )


def _line_with(report: str, needle: str) -> str:
    return next(line for line in report.splitlines() if needle in line)


# --- text ---------------------------------------------------------------------------------------


def test_text_summary_gives_the_counts_an_editor_needs(reading: Reading) -> None:
    report = text.render(reading)
    summary = report.split("\n\n")[0]
    assert summary.splitlines()[0] == "port-strike.txt"
    assert "9 statements: 8 claims, 1 heading" in summary
    assert "7 of 8 claims (88%)" in _line_with(summary, "Attributed")
    assert "1 claim" in _line_with(summary, "Unattributed") and "#1" in _line_with(summary, "Unattributed")
    assert "5 claims" in _line_with(summary, "Single-source")
    assert "2 claims" in _line_with(summary, "Corroborated")


def test_text_names_the_top_source_with_its_share_and_warns_of_reliance(reading: Reading) -> None:
    report = text.render(reading, width=120)
    reuters = _line_with(report, "Reuters  ")
    verdict = "71% of attributed claims — heavy reliance on one source"
    assert re.search(rf"Reuters\s+5 statements\s+{verdict}", reuters)
    # On a narrower terminal the verdict takes the next line rather than overflow.
    narrow = text.render(reading, width=80).splitlines()
    row = next(i for i, line in enumerate(narrow) if "Reuters  " in line)
    assert narrow[row + 1].strip() == "↳ heavy reliance on one source"
    assert all(len(line) <= 80 for line in narrow[: row + 4])
    ft = _line_with(report, "Financial Times  ")
    assert "1 statement" in ft and "14%" in ft and "heavy reliance" not in ft


def test_text_no_reliance_verdict_for_a_short_brief() -> None:
    reading = build_reading()
    brief = reading.model_copy(update={"summary": reading.summary.model_copy(update={"attributed": 2})})
    assert "heavy reliance" not in text.render(brief)


def test_text_ledger_lists_every_entity_with_its_reporter(reading: Reading) -> None:
    report = text.render(reading)
    assert "Did not respond: The port authority, Maersk, Hapag-Lloyd (reported by Reuters)" in report
    # …and again under the statement that records it.
    assert "did not respond: The port authority, Maersk, Hapag-Lloyd (reported by Reuters)" in report


def test_text_statement_lines_show_badges_conduits_and_basis(reading: Reading) -> None:
    report = text.render(reading)
    assert re.search(r"^\s+1  \[unattributed\]$", report, re.M)
    assert re.search(r"^\s+2  \[single-source\]  Reuters \(explicit\)$", report, re.M)
    assert re.search(r"^\s+3  \[single-source\]  Reuters \(reference\)$", report, re.M)
    assert re.search(r"^\s+4  \[single-source\] \[inherited\]  Reuters \(inherited\)$", report, re.M)
    assert "Shipping lines via Financial Times (explicit)" in report
    assert re.search(r"^\s+0  § Port Strike Looms Over Europe's Exports\?$", report, re.M)


def test_text_marks_look_alike_source_names(reading: Reading) -> None:
    line = _line_with(text.render(reading), "look-alike")
    assert "Evil" in line and "Wire" in line


def test_text_statements_are_wrapped_to_the_width(reading: Reading) -> None:
    long = reading.model_copy(deep=True)
    long.statements[1].text = "word " * 60 + "end."
    report = text.render(long, width=60)
    wrapped = [line for line in report.splitlines() if "word" in line]
    assert len(wrapped) > 4 and all(len(line) <= 60 for line in wrapped)
    assert " ".join(report.split()).count("word") == 60 and "word end." in " ".join(report.split())


def test_text_shows_a_hard_wrapped_or_masked_statement_as_prose(reading: Reading) -> None:
    spaced = reading.model_copy(deep=True)
    # A hard-wrapped line, and a Markdown link target blanked out by the reader.
    spaced.statements[2].text = "Reuters reported that the union\nrejected the offer,  the                    FT said."
    report = text.render(spaced)
    assert "Reuters reported that the union rejected the offer, the FT said." in report
    memo = markdown.render(spaced)
    assert "Reuters reported that the union rejected the offer, the FT said." in memo


def test_text_paragraphs_stay_apart(reading: Reading) -> None:
    body = text.render(reading).split("\n\n", 1)[1]
    # Paragraph 1 ends with #4 and paragraph 2 begins with #5: a blank line between them.
    assert re.search(r"The union has 4,000 members\.\n\n\s+5  ", body)


def test_text_never_sends_draft_escapes_to_the_terminal(reading: Reading) -> None:
    for color in (False, True):
        report = text.render(reading, color=color)
        assert RLO not in report
        assert f"{ESC}[31mRED" not in report and f"{ESC}[2J" not in report
        assert "␛[31mRED" in report  # shown, so the editor sees something odd is there
    assert ESC not in text.render(reading, color=False)


def test_text_colour_only_when_asked(reading: Reading) -> None:
    plain = text.render(reading)
    coloured = text.render(reading, color=True)
    assert ESC not in plain
    assert f"{ESC}[31m{ESC}[1m[unattributed]" in coloured or f"{ESC}[1m{ESC}[31m[unattributed]" in coloured
    # Colour only decorates: the words are the same.
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_text_shows_warnings(reading: Reading) -> None:
    assert re.search(r"^  Warning:\s+decoded as cp1252: not valid UTF-8 at byte 42", text.render(reading), re.M)


def test_text_of_an_empty_draft() -> None:
    report = text.render(_empty_reading())
    assert "0 statements" in report and "none named" in report


def test_text_stream_separates_drafts() -> None:
    chunks = list(text.stream([build_reading("a.txt"), build_reading("b.txt")]))
    assert len(chunks) == 2
    assert chunks[0].startswith("a.txt\n")
    assert "─" in chunks[1] and "\nb.txt\n" in chunks[1]


# --- markdown -----------------------------------------------------------------------------------


def _html(memo: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(memo)


@pytest.mark.parametrize(
    "draft_text",
    [
        "*stars* and _underscores_ stay literal",
        "a [link](http://example.com) and ![img](x.png) and <b>html</b>",
        "- a dash that is not a list",
        "1. a number that is not a list",
        "# not a heading",
        "> not a quote",
        "`not code` and AT&amp;T and a | pipe",
        "back\\slash and ~~strike~~ and $5 and $6",
    ],
)
def test_markdown_escape_keeps_draft_text_literal(draft_text: str) -> None:
    html = _html(markdown.escape(draft_text))
    inner = re.fullmatch(r"<p>(.*)</p>\n", html, re.S)
    assert inner, html
    # Rendered back, the paragraph holds exactly the draft's characters (HTML-escaped), no markup.
    unescaped = inner.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert unescaped == draft_text


def test_markdown_memo_structure(reading: Reading) -> None:
    memo = markdown.render(reading)
    assert memo.startswith("# Who says so: port-strike.txt\n")
    headings = re.findall(r"^(#+ .*)$", memo, re.M)
    assert headings[1:] == [
        "## Sources",
        "## Did not respond",
        "## Warnings",
        "## Needs a source",
        "## Statement by statement",
        "### Port Strike Looms Over Europe's Exports? (#0)",
    ]
    assert "> **Heavy reliance on one source:** Reuters backs 71% of the attributed claims." in memo
    assert "- The port authority, Maersk, Hapag-Lloyd (reported by Reuters)" in memo
    needs = memo.split("## Needs a source")[1].split("##")[0]
    assert "**#1** Dock workers in Rotterdam plan to walk out on Monday." in needs


def test_markdown_sources_table_renders_as_a_table(reading: Reading) -> None:
    html = _html(markdown.render(reading))
    table = html.split("<table>")[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert len(rows) == 4  # header + three sources
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[1])
    assert cells == ["Reuters", "wire agency", "5", "71%"]


def test_markdown_statements_keep_label_and_text_on_separate_lines(reading: Reading) -> None:
    html = _html(markdown.render(reading))
    label = "<strong>#5</strong> · <code>corroborated</code> · Shipping lines via Financial Times (explicit)"
    assert label + "<br />" in html
    assert "<em>Reuters (inherited: confirm)</em>" in html
    # The odd statement: every special character literal, the escape and the override made visible.
    odd = next(p for p in html.split("<p>") if "Odd copy" in p)
    assert "<em>" not in odd and "<a " not in odd
    assert "*stars*, [sic], a | pipe and $5 or $6" in odd
    assert ESC not in odd and RLO not in odd and "␛[31mRED" in odd


def test_markdown_stream_separates_memos() -> None:
    memo = "".join(markdown.stream([build_reading("a.txt"), build_reading("b.txt")]))
    assert memo.count("# Who says so:") == 2 and "\n---\n" in memo


# --- json ---------------------------------------------------------------------------------------


def test_json_is_the_reading_contract(reading: Reading) -> None:
    out = jsonout.render(reading)
    assert json.loads(out) == reading.to_json_dict()
    assert out.startswith('{\n  "schema": "factcheck.reading/1"')


def test_json_is_terminal_safe_but_exact(reading: Reading) -> None:
    out = jsonout.render(reading)
    assert ESC not in out and RLO not in out
    assert "\\u202e" in out and "\\u001b" in out
    data = json.loads(out)
    assert data["statements"][8]["text"] == reading.statements[8].text  # not altered, only escaped


def test_json_keeps_non_ascii_readable_unless_asked(reading: Reading) -> None:
    shown = reading.model_copy(deep=True)
    shown.statements[1].text = "Xinhua said 中国 exports rose; “quoted” €5"
    assert "中国" in jsonout.render(shown)
    ascii_out = jsonout.render(shown, ascii_only=True)
    assert ascii_out.isascii() and json.loads(ascii_out)["statements"][1]["text"] == shown.statements[1].text


def test_json_escapes_astral_tag_characters_as_surrogate_pairs(reading: Reading) -> None:
    tagged = reading.model_copy(deep=True)
    tagged.statements[1].text = "hidden \U000e0041 tag"
    out = jsonout.render(tagged)
    assert "\U000e0041" not in out and "\\udb40\\udc41" in out
    assert json.loads(out)["statements"][1]["text"] == "hidden \U000e0041 tag"


def test_json_writes_lone_surrogates_as_escapes(reading: Reading) -> None:
    broken = reading.model_copy(deep=True)
    broken.statements[1].text = "half a pair \ud800 here"
    for out in (jsonout.render(broken), jsonout.render_line(broken)):
        assert "\\ud800" in out
        assert json.loads(out)["statements"][1]["text"] == "half a pair \ud800 here"


def test_jsonl_one_compact_object_per_draft() -> None:
    out = render_many([build_reading("a.txt"), build_reading("b.txt")], "jsonl")
    lines = out.splitlines()
    assert len(lines) == 2 and out.endswith("\n")
    assert [json.loads(line)["document"]["path"] for line in lines] == ["a.txt", "b.txt"]


def test_json_refuses_several_drafts() -> None:
    with pytest.raises(ValueError, match="jsonl"):
        render_many([build_reading("a.txt"), build_reading("b.txt")], "json")


# --- csv ----------------------------------------------------------------------------------------


def _csv_rows(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out, newline="")))


def test_csv_one_row_per_statement(reading: Reading) -> None:
    out = csvout.render(reading)
    header = next(csv.reader(io.StringIO(out)))
    assert tuple(header) == csvout.COLUMNS
    rows = _csv_rows(out)
    assert len(rows) == len(reading.statements)
    row = rows[4]
    assert row["index"] == "4" and row["kind"] == "claim" and row["paragraph"] == "1"
    assert row["flags"] == "single-source;inherited"
    assert row["basis"] == "inherited" and row["sources"] == "Reuters" and row["via"] == ""
    assert (int(row["start"]), int(row["end"])) == (reading.statements[4].start, reading.statements[4].end)
    assert rows[5]["sources"] == "Shipping lines" and rows[5]["via"] == "Financial Times"
    assert rows[7]["non_responses"] == "The port authority;Maersk;Hapag-Lloyd"
    assert rows[7]["reported_by"] == "Reuters;Reuters;Reuters"
    assert rows[0]["kind"] == "heading" and rows[0]["flags"] == ""


def test_csv_cells_are_safe_in_a_spreadsheet_and_a_terminal(reading: Reading) -> None:
    risky = reading.model_copy(deep=True)
    risky.statements[1].text = '=HYPERLINK("http://x","click") sums'
    risky.statements[2].text = "two\nlines, kept in one cell"
    out = csvout.render(risky)
    assert ESC not in out and RLO not in out
    rows = _csv_rows(out)
    assert rows[1]["text"].startswith("'=HYPERLINK")
    assert rows[2]["text"] == "two\nlines, kept in one cell"
    assert "␛[31mRED" in rows[8]["text"]


def test_csv_header_once_for_several_drafts() -> None:
    out = render_many([build_reading("a.txt"), build_reading("b.txt")], "csv")
    rows = _csv_rows(out)
    assert len(rows) == 2 * len(build_reading().statements)
    assert {row["document"] for row in rows} == {"a.txt", "b.txt"}
    assert out.count("document,index") == 1


def test_csv_rows_can_be_extended_by_other_reports(reading: Reading) -> None:
    columns = (*csvout.COLUMNS, "tag")
    records = [{**row, "tag": "verified"} for row in csvout.rows(reading)]
    rows = _csv_rows(csvout.write_csv(records, columns))
    assert rows[0]["tag"] == "verified" and rows[0]["index"] == "0"


# --- the package ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_every_reading(fmt: str, reading: Reading) -> None:
    for each in (reading, _empty_reading()):
        out = render(each, fmt)
        assert out.endswith("\n") and ESC not in out and RLO not in out


def test_unknown_format_is_refused(reading: Reading) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(reading, "yaml")


def test_percent_never_rounds_a_real_share_to_zero() -> None:
    assert describe.percent(0.001) == "<1%"
    assert describe.percent(0.0) == "0%"
    assert describe.percent(0.78) == "78%"


def test_a_long_reading_is_written_in_pieces_that_parse_to_the_same_data(monkeypatch):
    import json as _json

    from factcheck.analysis import analyse_text
    from factcheck.report import jsonout

    reading = analyse_text("Reuters reported that the port reopened. Prices rose.\n\n" * 30)
    whole = _json.loads(jsonout.render(reading))
    monkeypatch.setattr(jsonout, "STREAM_STATEMENTS", 10)
    for indent in (2, None):
        pieces = list(jsonout.chunks(reading, indent=indent))
        assert len(pieces) > 10
        assert _json.loads("".join(pieces)) == whole
