"""A very long draft is read piece by piece and written as it comes, with the same reading."""

from __future__ import annotations

import itertools
import json

import pytest
from click.testing import CliRunner

import factcheck.analysis
import factcheck.analysis.pieces as pieces
from factcheck.cli import main

PARAGRAPHS = [
    "The Harbour Board said on Monday that container traffic rose 4% in May.",
    "Lenholm Ferries will add two routes next year, Reuters reported, citing people familiar with the matter.",
    "“We are ready,” said Ana Ruiz, the ferry operator’s chief executive. She said fares would not rise.",
    "Nordvik Freight and Coastline Buses did not respond to requests for comment.",
    "The port handled 9.4 million containers last year.",
]


def _draft(tmp_path, copies: int = 12):
    text = "\n\n".join(f"{p} Item {n}." for n in range(copies) for p in PARAGRAPHS)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_cut_ends_pieces_at_blank_lines():
    text = "One.\n\nTwo.\n\nThree.\n\nFour."
    bounds = pieces.cut(text, size=6)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(text[end - 2 : end] == "\n\n" for _start, end in bounds[:-1])


def test_a_long_draft_gives_the_same_statements_in_pieces(tmp_path, monkeypatch):
    path, text = _draft(tmp_path)
    whole = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json"]).stdout)
    monkeypatch.setattr(factcheck.analysis, "LARGE_CHARS", 100)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 400)
    monkeypatch.setattr(pieces.os, "cpu_count", lambda: 1)  # in this process: no fork under pytest
    for fmt in ("json", "jsonl"):
        result = CliRunner().invoke(main, ["check", str(path), "--format", fmt, "--fail-on", "unattributed"])
        assert result.exit_code == 1, result.output  # the flags were counted as the pieces went by
        if fmt == "jsonl":
            assert result.stdout.count("\n") == 1  # one draft, one line
        split = json.loads(result.stdout)
        assert split["summary"] == whole["summary"]
        assert [s["text"] for s in split["statements"]] == [s["text"] for s in whole["statements"]]
        for a, b in zip(split["statements"], whole["statements"], strict=True):
            assert (a["index"], a["paragraph"], a["flags"]) == (b["index"], b["paragraph"], b["flags"])
            assert text[a["start"] : a["end"]] == a["text"]
        assert split["non_responses"] == whole["non_responses"]
        assert [s["name"] for s in split["sources"]] == [s["name"] for s in whole["sources"]]


def _whole_and_split(tmp_path, monkeypatch, fmt: str) -> tuple[str, str, int]:
    path, _text = _draft(tmp_path)
    whole = CliRunner().invoke(main, ["check", str(path), "--format", fmt])
    monkeypatch.setattr(factcheck.analysis, "LARGE_CHARS", 100)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 400)
    monkeypatch.setattr(pieces.os, "cpu_count", lambda: 1)  # in this process: no fork under pytest
    split = CliRunner().invoke(main, ["check", str(path), "--format", fmt, "--fail-on", "unattributed"])
    assert whole.exit_code == 0, whole.output
    return whole.stdout, split.stdout, split.exit_code


def test_a_long_draft_as_csv_gives_the_same_rows(tmp_path, monkeypatch):
    whole, split, code = _whole_and_split(tmp_path, monkeypatch, "csv")
    assert code == 1  # the flags were counted as the pieces went by
    assert split == whole


def test_a_long_draft_as_a_markdown_memo_is_the_same_memo(tmp_path, monkeypatch):
    whole, split, code = _whole_and_split(tmp_path, monkeypatch, "markdown")
    assert code == 1
    assert "## Needs a source" in split and "## Statement by statement" in split
    assert split == whole


def test_a_long_draft_as_text_has_the_same_summary_and_statements(tmp_path, monkeypatch):
    whole, split, code = _whole_and_split(tmp_path, monkeypatch, "text")
    assert code == 1
    summary_whole, statements_whole = whole.split("\n\n", 1)
    summary_split, statements_split = split.split("\n\n", 1)
    assert summary_split == summary_whole  # counts, sources, shares, the unattributed numbers
    # Numbers take a wider column in a long draft (so lines wrap elsewhere); every statement is
    # there, numbered the same, with the same flags and sources, and paragraphs stay apart.
    assert statements_split.split() == statements_whole.split()
    assert statements_split.count("\n\n") == statements_whole.count("\n\n")


def test_look_alike_warnings_number_statements_in_the_whole_draft(tmp_path, monkeypatch):
    path, _text = _draft(tmp_path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n\nThe port will close in July, Reu\u200bters reported.\n")
    whole = CliRunner().invoke(main, ["check", str(path), "--format", "jsonl"])
    monkeypatch.setattr(factcheck.analysis, "LARGE_CHARS", 100)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 400)
    monkeypatch.setattr(pieces.os, "cpu_count", lambda: 1)
    split = CliRunner().invoke(main, ["check", str(path), "--format", "jsonl"])
    (warning,) = json.loads(split.stdout)["warnings"]
    assert warning == json.loads(whole.stdout)["warnings"][-1]
    assert warning.startswith(f"statement #{len(json.loads(whole.stdout)['statements']) - 1}:")
    assert warning in split.stderr


def test_a_long_markdown_draft_keeps_its_marked_headings_in_pieces(tmp_path, monkeypatch):
    # A marked heading longer than any unmarked title may be: only the mark makes it a heading.
    heading = "# Harbour Board Says Container Traffic Rose Four Percent in May as Two New Ferry Routes Open"
    path = tmp_path / "long.md"
    path.write_text("\n\n".join(f"{heading}\n\n{p}" for p in PARAGRAPHS * 12), encoding="utf-8")
    monkeypatch.setattr(factcheck.analysis, "LARGE_CHARS", 100)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 400)
    monkeypatch.setattr(pieces.os, "cpu_count", lambda: 1)
    split = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json"]).stdout)
    titles = [s for s in split["statements"] if s["text"] == heading[2:]]
    assert len(titles) == 60 and all(s["kind"] == "heading" for s in titles)


def test_a_long_reading_pauses_the_cycle_collector_and_always_restores_it(monkeypatch):
    import gc

    import factcheck.analysis as engine

    long_text = "\n\n".join(PARAGRAPHS * 400)  # past LONG_DRAFT_CHARS
    assert len(long_text) >= engine.LONG_DRAFT_CHARS
    seen = []
    real_attribute = engine.attribute

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_attribute(*args, **kwargs)

    monkeypatch.setattr(engine, "attribute", spy)
    assert gc.isenabled()
    engine.analyse_text(long_text)
    engine.analyse_text("Acme said the plant would close.")
    assert seen == [False, True] and gc.isenabled()  # paused for the long draft only, then back

    def broken(*_args, **_kwargs):
        raise RuntimeError("engine bug")

    monkeypatch.setattr(engine, "attribute", broken)
    with pytest.raises(RuntimeError):
        engine.analyse_text(long_text)
    assert gc.isenabled()  # an engine bug never leaves the collector off

    gc.disable()
    try:
        monkeypatch.setattr(engine, "attribute", real_attribute)
        engine.analyse_text(long_text)
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
