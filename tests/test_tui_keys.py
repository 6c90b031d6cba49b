"""Every key of the review screen, driven with Textual's pilot: what is stored, and what is shown."""

from __future__ import annotations

import shutil

from textual.widgets import Input, Markdown
from tui_support import (
    SEED,
    cell,
    index_of,
    make_app,
    pilot_test,
    settle,
    stored_corrections,
    stored_history,
    stored_tags,
    write_harbour,
)

from factcheck.tui.screens.export import ExportScreen
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.note import NoteScreen
from factcheck.tui.screens.source_picker import SourcePickerScreen
from factcheck.tui.widgets.details import DetailsPanel
from factcheck.tui.widgets.draft_view import DraftView

SIZE = (120, 40)


def _static_text(widget) -> str:
    return str(widget.query_one("Static").render())


@pilot_test
async def test_opens_on_the_first_claim_with_headings_as_sections(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session, table = app.session, app.review_screen.table
        assert session is not None
        assert table.row_count == len(session.statements)
        heading = next(i for i in range(len(session)) if session.is_heading(i))
        assert cell(app, heading, "flags") == "§"
        assert cell(app, heading, "n") == ""
        # The cursor starts where the work is: the first claim nobody has tagged.
        assert table.current is not None and session.is_claim(table.current)
        assert table.current == next(i for i in range(len(session)) if session.is_claim(i))
        status = str(app.review_screen.query_one("#status").render())
        assert f"0/{session.progress().claims} tagged" in status


@pilot_test
async def test_v_tags_verified_saves_at_once_and_moves_to_the_next_claim(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session, table = app.session, app.review_screen.table
        first = table.current
        await pilot.press("v")
        await settle(pilot)
        assert stored_tags(db, SEED)[session.key(first)].tag == "verified"
        assert stored_tags(db, SEED)[session.key(first)].reviewer == "ana"
        assert "verified" in cell(app, first, "tag")
        assert table.current != first and session.is_claim(table.current)
        assert "1/" in str(app.review_screen.query_one("#status").render())


@pilot_test
async def test_x_n_and_c_tag_disputed_needs_source_and_clear(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session, table = app.session, app.review_screen.table
        index = table.current
        key = session.key(index)
        await pilot.press("x")
        await settle(pilot)
        assert stored_tags(db, SEED)[key].tag == "disputed"
        assert "disputed" in cell(app, index, "tag")
        assert table.current == index  # only v moves on
        await pilot.press("n")
        await settle(pilot)
        assert stored_tags(db, SEED)[key].tag == "needs-source"
        assert "needs-source" in cell(app, index, "tag")
        await pilot.press("c")
        await settle(pilot)
        assert stored_tags(db, SEED)[key].tag is None
        assert cell(app, index, "tag") == ""
        actions = [(e.action, e.tag) for e in stored_history(db, SEED, key)]
        assert actions == [("tag", "disputed"), ("tag", "needs-source"), ("clear", None)]
        # The details panel shows the history it read back from the database.
        assert "needs-source" in _static_text(app.review_screen.query_one(DetailsPanel))


@pilot_test
async def test_moving_with_j_k_g_G_and_the_arrows(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.review_screen.table
        start = table.cursor_row
        await pilot.press("j")
        assert table.cursor_row == start + 1
        await pilot.press("down")
        assert table.cursor_row == start + 2
        await pilot.press("k", "up")
        assert table.cursor_row == start
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0
        # The draft view follows the cursor.
        await pilot.press("j")
        await pilot.pause()
        shown = _static_text(app.review_screen.query_one(DraftView))
        assert app.session.statements[table.current].text[:30] in shown


@pilot_test
async def test_a_adds_a_note_kept_literally(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        index = app.review_screen.table.current
        await pilot.press("a")
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(Input).value = "ask the desk [sic] about April"
        await pilot.press("enter")
        await settle(pilot)
        record = stored_tags(db, SEED)[app.session.key(index)]
        assert record.note == "ask the desk [sic] about April"
        assert record.tag is None
        assert "✉" in cell(app, index, "tag")
        assert "ask the desk [sic] about April" in _static_text(app.review_screen.query_one(DetailsPanel))
        # Escape leaves the note alone; an empty note clears it.
        await pilot.press("a", "escape")
        await settle(pilot)
        assert stored_tags(db, SEED)[app.session.key(index)].note == "ask the desk [sic] about April"
        await pilot.press("a")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert stored_tags(db, SEED)[app.session.key(index)].note is None


@pilot_test
async def test_s_adds_a_second_source_and_the_claim_becomes_corroborated(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.session
        index = index_of(app, "The Financial Times reported that Alibaba")
        assert "single-source" in session.statements[index].flags
        open_before = session.progress().single_source_open
        app.review_screen.table.go_to(index)
        await pilot.press("s")
        assert isinstance(app.screen, SourcePickerScreen)
        await pilot.press(*"Bloomberg")
        await pilot.press("enter")
        await settle(pilot)
        statement = session.statements[index]
        assert [a.source for a in statement.attributions] == ["Financial Times", "Bloomberg"]
        assert "corroborated" in statement.flags and "single-source" not in statement.flags
        assert "CO" in cell(app, index, "flags")
        assert "Bloomberg" in cell(app, index, "source")
        assert session.progress().single_source_open == open_before - 1
        stored = stored_corrections(db, SEED)[session.key(index)]
        assert stored.sources == ["Financial Times", "Bloomberg"] and stored.reviewer == "ana"


@pilot_test
async def test_s_replaces_a_source_marks_not_a_claim_and_adds_a_new_source(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.session
        index = index_of(app, "The Financial Times said that these companies")
        app.review_screen.table.go_to(index)
        await pilot.press("s", *"Reuters", "ctrl+r")
        await settle(pilot)
        assert [a.source for a in session.statements[index].attributions] == ["Reuters"]
        assert stored_corrections(db, SEED)[session.key(index)].sources == ["Reuters"]

        # Typing the option's words picks the option, never a source of that name.
        await pilot.press("s", *"not a claim", "enter")
        await settle(pilot)
        assert session.is_not_claim(index)
        assert session.statements[index].flags == []
        assert cell(app, index, "flags") == "—"
        assert stored_corrections(db, SEED)[session.key(index)].not_claim is True

        other = index_of(app, "These operators own and run the data centres")
        app.review_screen.table.go_to(other)
        engine_sources = [a.source for a in session.statements[other].attributions]
        # A new source is created only on purpose: enter alone does nothing and says how.
        await pilot.press("s", *"Velmora Port Authority", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SourcePickerScreen)
        assert any("New source" in str(n.message) for n in app._notifications)
        await pilot.press("up", "enter")
        await settle(pilot)
        assert "Velmora Port Authority" in [a.source for a in session.statements[other].attributions]
        from factcheck.store import open_store

        with open_store(db, readonly=True) as store:
            assert store.find_source("Velmora Port Authority") is not None
        # u undoes the statement's correction; the new source stays in the registry, and says so.
        await pilot.press("u")
        await settle(pilot)
        assert [a.source for a in session.statements[other].attributions] == engine_sources
        assert session.correction_of(other) is None and session.key(other) not in stored_corrections(db, SEED)
        assert any("stays in the registry" in str(n.message) for n in app._notifications)
        with open_store(db, readonly=True) as store:
            assert store.find_source("Velmora Port Authority") is not None


@pilot_test
async def test_f_cycles_the_filters(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, session = app.review_screen, app.session
        for wanted in ("unattributed", "single-source", "non-response"):
            await pilot.press("f")
            await settle(pilot)
            assert screen.flt == wanted
            shown = [i for i in screen.table.rows_shown if not session.is_heading(i)]
            assert shown and all(wanted in session.statements[i].flags for i in shown)
            assert len(shown) == sum(wanted in s.flags for s in session.statements)
            assert wanted in str(screen.query_one("#status").render())
        await pilot.press("f")
        await settle(pilot)
        assert screen.flt == "untagged"
        while session.is_heading(screen.table.current):
            await pilot.press("j")
        first = screen.table.current
        # Tagged in the untagged view, a claim leaves the list and the next one takes its place.
        await pilot.press("x")
        await settle(pilot)
        assert first not in screen.table.rows_shown
        assert screen.table.current != first
        await pilot.press("f")
        await settle(pilot)
        assert screen.flt == "all"
        assert screen.table.row_count == len(session.statements)


@pilot_test
async def test_slash_searches_and_escape_shows_everything_again(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, session = app.review_screen, app.session
        await pilot.press("slash")
        assert screen.focused is screen.query_one("#search")
        await pilot.press(*"reuters")
        await pilot.pause(0.35)  # the search waits for typing to rest
        await pilot.press("enter")
        await settle(pilot)
        shown = [i for i in screen.table.rows_shown if not session.is_heading(i)]
        assert shown and all("reuters" in session.statements[i].text.lower() for i in shown)
        assert screen.focused is screen.table
        await pilot.press("escape")
        await settle(pilot)
        assert screen.table.row_count == len(session.statements)


@pilot_test
async def test_u_undoes_the_last_change(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session, table = app.session, app.review_screen.table
        index = table.current
        await pilot.press("x", "n")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert stored_tags(db, SEED)[session.key(index)].tag == "disputed"
        assert "disputed" in cell(app, index, "tag")
        await pilot.press("u")
        await settle(pilot)
        assert stored_tags(db, SEED)[session.key(index)].tag is None
        # Both undos are in the history: nothing is ever erased.
        assert len(stored_history(db, SEED, session.key(index))) == 4
        await pilot.press("u")  # nothing left: a message, not a crash
        await settle(pilot)
        assert stored_tags(db, SEED)[session.key(index)].tag is None


@pilot_test
async def test_e_exports_next_to_the_draft_and_says_where(tmp_path):
    draft = tmp_path / "seed.txt"
    shutil.copy(SEED, draft)
    app = make_app(draft, tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await settle(pilot)
        memo = tmp_path / "seed.factcheck.md"
        assert memo.exists()
        text = memo.read_text(encoding="utf-8")
        assert "# Fact-check memo" in text and "**verified** (ana" in text
        assert app.last_export.path == memo.resolve()
        assert any(str(memo.resolve()) in str(n.message) for n in app._notifications)
        await pilot.press("e", "j")
        await settle(pilot)
        assert (tmp_path / "seed.factcheck.json").exists()
        await pilot.press("e", "c")
        await settle(pilot)
        assert (tmp_path / "seed.factcheck.csv").exists()


@pilot_test
async def test_help_opens_with_question_mark_and_f1(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        markdown = app.screen.query_one(Markdown)
        assert "verified" in markdown.source and "needs-source" in markdown.source
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen)


@pilot_test
async def test_q_quits_after_saving(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        index = app.review_screen.table.current
        key = app.session.key(index)
        await pilot.press("x", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert stored_tags(db, SEED)[key].tag == "disputed"


@pilot_test
async def test_ctrl_q_quits_too(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


@pilot_test
async def test_keys_on_a_heading_explain_instead_of_tagging(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g", "x", "n", "s", "a")
        await settle(pilot)
        table = app.review_screen.table
        assert table.current == 0 and app.session.is_heading(0)
        assert stored_tags(db, SEED) == {}
        assert any("heading" in str(n.message) for n in app._notifications)
        # v on a heading walks on to the first claim of its section, tagging nothing.
        await pilot.press("v")
        await settle(pilot)
        assert app.session.is_claim(table.current)
        assert stored_tags(db, SEED) == {}


@pilot_test
async def test_brackets_in_the_draft_are_shown_literally(tmp_path):
    draft = write_harbour(tmp_path)
    app = make_app(draft, tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sic = index_of(app, "[sic]")
        bold = index_of(app, "[bold]")
        assert "[sic]" in cell(app, sic, "text") or "[sic]" in app.session.statements[sic].text
        app.review_screen.table.go_to(bold)
        await pilot.pause()
        shown = _static_text(app.review_screen.query_one(DraftView))
        assert "[bold] diesel" in shown and "[sic]" in shown


@pilot_test
async def test_walking_the_untagged_list_to_the_end_leaves_it_empty(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session, screen = app.session, app.review_screen
        await pilot.press("f", "f", "f", "f")
        await settle(pilot)
        assert screen.flt == "untagged"
        await pilot.press("g")
        for _ in range(len(session.statements)):
            if not screen.table.rows_shown:
                break
            await pilot.press("v")
        await settle(pilot)
        # Tagged claims left the list, and so did the headings of sections left empty.
        assert screen.table.rows_shown == []
        claims = session.progress().claims
        assert session.progress().tagged == claims
        assert len(stored_tags(db, SEED)) == claims
        assert any(f"All {claims} claims are tagged" in str(n.message) for n in app._notifications)


@pilot_test
async def test_the_picker_takes_a_misspelt_known_source_but_keeps_a_new_name_new(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.session
        other = index_of(app, "Chinese tech companies have started")
        app.review_screen.table.go_to(other)
        await pilot.press("s", *"Finacial Times", "enter")
        await settle(pilot)
        assert [a.source for a in session.statements[other].attributions] == ["Financial Times"]
        third = index_of(app, "DeepSeek stands out")
        app.review_screen.table.go_to(third)
        await pilot.press("s", *"Lenholm Harbour Board", "up", "enter")
        await settle(pilot)
        assert [a.source for a in session.statements[third].attributions] == ["Lenholm Harbour Board"]


@pilot_test
async def test_the_picker_with_nothing_typed_attaches_nothing_on_enter(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.session
        index = index_of(app, "Chinese tech companies have started")
        assert session.statements[index].attributions == []
        app.review_screen.table.go_to(index)
        await pilot.press("s")
        picker = app.screen
        assert isinstance(picker, SourcePickerScreen)
        assert picker.query_one("#picker-options").highlighted is None
        await pilot.press("enter")
        await settle(pilot)
        # Still open, nothing attached, and it says what to do.
        assert app.screen is picker and session.correction_of(index) is None
        assert any("Type a name or pick one with the arrows" in str(n.message) for n in app._notifications)
        # Typing narrows the list and highlights a plain match as before.
        await pilot.press(*"reut")
        await pilot.pause()
        options = picker.query_one("#picker-options")
        assert options.highlighted is not None
        assert "Reuters" in str(options.get_option_at_index(options.highlighted).prompt)
        await pilot.press("escape")
        # The option words, misspelt, pick the options and never create a source.
        for typed, check in (
            ("unatributed", lambda: session.correction_of(index).sources == []),
            ("Engine", lambda: session.correction_of(index) is None),
        ):
            await pilot.press("s", *typed, "enter")
            await settle(pilot)
            assert check(), typed
        from factcheck.store import open_store

        with open_store(db, readonly=True) as store:
            names = {s.name.casefold() for s in store.list_sources()}
        assert not names & {"unatributed", "engine", "not a claim", "unattributed"}
