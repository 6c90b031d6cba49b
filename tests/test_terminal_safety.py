"""A draft full of escape sequences, bidi overrides and control characters never drives the terminal.

The draft (hostile.CONTROLS) recolours text, clears the screen, moves the cursor, sets the window
title, and reorders words with U+202E, inside statements, inside a source's name and inside a
company's name. Whatever the report format, with colour on or off, and in the review UI's cells,
the reader must see those characters (as stand-ins like ␛ and <U+202E>), and the terminal must
never receive them. The only escape sequences allowed out are the tool's own colours. And the
codes change how a name is drawn, not the reading: a source or a company wrapped in them is
still that source or that company.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hostile import CONTROLS, TIMEOUT, build, run_check
from tui_support import make_app, pilot_test, settle

from factcheck.analysis import analyse_text
from factcheck.read import read_draft
from factcheck.tui.widgets.statement_table import COLUMNS
from tests.conftest import check_on_a_terminal

ESC = "\x1b"
# Characters a terminal acts on, or that reorder what it displays around them.
_BIDI = {*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), "\u200e", "\u200f", "\u061c"}
# The tool's own colours: SGR sequences, as click.style writes them.
_SGR = re.compile(r"\x1b\[[0-9;]*m")
# What an escape sequence in the draft looks like, for stripping it from names (CSI, OSC, others).
_DRAFT_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|\x9b[0-?]*[ -/]*[@-~]")


def raw_controls(text: str, allowed: str = "\n\t") -> list[str]:
    """Every character in `text` a terminal would obey, as "U+001B" labels (empty: safe)."""
    found = set()
    for char in text:
        code = ord(char)
        if char in allowed:
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F or char in _BIDI or 0xD800 <= code <= 0xDFFF:
            found.add(f"U+{code:04X}")
    return sorted(found)


@pytest.fixture
def hostile_draft(tmp_path: Path) -> Path:
    return build("control-characters", tmp_path / "drafts").path


# --- reports, colour off ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json", "jsonl"])
def test_reports_show_controls_and_never_send_them(hostile_draft: Path, tmp_path: Path, fmt: str) -> None:
    run = run_check(hostile_draft, "--format", fmt, workdir=tmp_path / "run")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    if fmt == "csv":
        # RFC 4180 ends records with CRLF; a CR anywhere else would return the cursor.
        out = out.replace("\r\n", "\n")
    assert raw_controls(out) == [], f"raw controls in the {fmt} report"
    assert raw_controls(run.stderr) == [], "raw controls in the warnings"
    if fmt in ("json", "jsonl"):
        # Escaped in the bytes, exact in the data: a program gets the draft as it is.
        reading = json.loads(out)
        text = read_draft(hostile_draft).text
        assert reading["document"]["chars"] == len(text)
        assert any(ESC in s["text"] for s in reading["statements"])
        for statement in reading["statements"]:
            assert text[statement["start"] : statement["end"]] == statement["text"]
    else:
        # Shown, not dropped: the editor sees that the draft holds something odd (Markdown escapes
        # the brackets around them, so look for the stand-ins alone).
        assert "␛" in out and "␇" in out and "U+202E" in out and "U+009B" in out


# --- reports, colour on -------------------------------------------------------------------------


def _on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """stdout of `factcheck check ARGS` on a pseudo-terminal (so colour is on), as text."""
    # The terminal turns each LF into CR LF on output; a CR from the draft would stand alone.
    return check_on_a_terminal(args, cwd, env, TIMEOUT).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_with_colour_on_only_the_tools_own_colours_reach_the_terminal(
    hostile_draft: Path, tmp_path: Path, fmt: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS") and "FACTCHECK" not in k}
    env.update(TERM="xterm-256color", COLUMNS="100")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    coloured = _on_a_terminal([str(hostile_draft), "--format", fmt], cwd, env)
    piped = run_check(hostile_draft, "--format", fmt, workdir=tmp_path / "piped").stdout
    if fmt == "text":
        assert _SGR.search(coloured), "a terminal gets colour"
    # Take the tool's colours away and what is left is the plain report, free of controls: so
    # every ESC that reached the terminal was one of ours.
    assert _SGR.sub("", coloured) == piped
    assert raw_controls(piped) == []
    assert list(cwd.iterdir()) == []


# --- the reading itself -------------------------------------------------------------------------


def _visible(name: str) -> str:
    """A name as it reads on paper: escape sequences, controls and bidi marks taken out."""
    name = _DRAFT_ESCAPE.sub("", name)
    return "".join(c for c in name if not raw_controls(c, allowed="")).strip()


# The same sentence clean and wrapped in terminal codes: the sources and the companies that did not
# respond must be the same. A colour code left over from a terminal paste, or a directional mark
# a CMS puts around a name, changes how the name is drawn, not who said what.
CONTROLLED = {
    "colour around an outlet": (
        "Prices rose 3% in May, Reuters reported.",
        f"Prices rose 3% in May, {ESC}[1;31mReuters{ESC}[0m reported.",
    ),
    "isolates around an outlet": (
        "Prices rose 3% in May, the BBC reported.",
        "Prices rose 3% in May, the \u2068BBC\u2069 reported.",
    ),
    "colour around a company that did not respond": (
        "Nordvik Freight and Coastline Buses did not respond to requests for comment.",
        f"Nordvik Freight and {ESC}[32mCoastline Buses{ESC}[0m did not respond to requests for comment.",
    ),
    "override around a company that did not respond": (
        "Nordvik Freight and Coastline Buses did not respond to requests for comment.",
        "\u202eNordvik Freight\u202c and Coastline Buses did not respond to requests for comment.",
    ),
}


@pytest.mark.parametrize("case", CONTROLLED)
def test_terminal_codes_around_a_name_do_not_change_the_reading(case: str) -> None:
    clean, hostile = CONTROLLED[case]
    expected, got = analyse_text(clean), analyse_text(hostile)
    assert expected.sources or expected.non_responses, "the clean sentence must say something"
    assert [_visible(s.name) for s in got.sources] == [s.name for s in expected.sources]
    assert [_visible(n.entity) for n in got.non_responses] == [n.entity for n in expected.non_responses]


# --- the review UI ------------------------------------------------------------------------------


@pilot_test
async def test_review_cells_show_controls_and_never_hold_them(hostile_draft: Path, tmp_path: Path) -> None:
    app = make_app(hostile_draft, tmp_path / "review.db")
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        table = app.review_screen.table
        assert app.session is not None
        assert len(table.rows_shown) == len(app.session.statements), "every statement has its row"
        cells = [
            getattr(value, "plain", str(value))
            for index in table.rows_shown
            for value in (table.get_cell(str(index), column) for _, column, _ in COLUMNS)
        ]
        # What every widget on screen draws, line by line: the draft view and details included.
        lines = [
            widget.render_line(y).text
            for widget in app.screen.walk_children()
            if widget.display and widget.size.area
            for y in range(widget.size.height)
        ]
    shown = " | ".join(cells)
    assert raw_controls(shown, allowed="") == [], "raw controls in the statement list"
    assert "␛[2J" in shown and "<U+202E>" in shown
    screen = " | ".join(lines)
    assert "␛" in screen, "the screen shows the draft's statements"
    assert raw_controls(screen, allowed="") == [], "raw controls on the screen"


def test_the_hostile_draft_is_hostile() -> None:
    """The premise: the draft holds every kind of character the tests above must neutralise."""
    labels = set(raw_controls(CONTROLS, allowed=""))
    assert {"U+001B", "U+0007", "U+0008", "U+000B", "U+000C", "U+000D", "U+007F"} <= labels  # C0 and DEL
    assert {"U+009B", "U+0085", "U+0090"} <= labels  # C1
    assert {"U+202E", "U+2066", "U+200F"} <= labels  # bidi
    assert "\x1b]0;" in CONTROLS and "\x1b[2J" in CONTROLS and "\x1b[5A" in CONTROLS  # title, clear, cursor
