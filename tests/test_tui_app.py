"""The review app as a whole: reopening, two reviewers at once, a read-only database, a slow engine,
small terminals, themes, the command palette, the sources panel."""

from __future__ import annotations

import re
import threading

from textual.widgets import OptionList
from tui_support import (
    REPO,
    SEED,
    cell,
    index_of,
    make_app,
    pilot_test,
    settle,
    stored_history,
    stored_tags,
)

from factcheck.analysis import analyse
from factcheck.store import open_store
from factcheck.tui.keys import REVIEW_KEYS
from factcheck.tui.screens.help import HelpScreen, help_text
from factcheck.tui.widgets.banner import Banner
from factcheck.tui.widgets.sources_panel import SourcesPanel


@pilot_test
async def test_reopening_restores_tags_notes_and_corrections(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.review_screen.table.current
        await pilot.press("x", "a", *"call Reuters", "enter")
        corrected = index_of(app, "The Financial Times reported that Alibaba")
        app.review_screen.table.go_to(corrected)
        await pilot.press("s", *"Bloomberg", "enter")
        await pilot.press("q")

    again = make_app(SEED, db, reviewer="ben")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session = again.session
        assert session.tag_of(first).tag == "disputed" and session.tag_of(first).note == "call Reuters"
        assert "disputed" in cell(again, first, "tag") and "✉" in cell(again, first, "tag")
        # The reviewer's reading wins over the engine's, and the flags follow it.
        assert "corroborated" in session.statements[corrected].flags
        assert "Bloomberg" in cell(again, corrected, "source")
        # The cursor waits on the first claim still untagged.
        assert again.review_screen.table.current != first


@pilot_test
async def test_two_reviewers_on_one_database_lose_nothing(tmp_path):
    db = tmp_path / "t.db"
    ana = make_app(SEED, db, reviewer="ana")
    ben = make_app(SEED, db, reviewer="ben")
    async with ana.run_test(size=(120, 40)) as pa, ben.run_test(size=(120, 40)) as pb:
        await settle(pa)
        await settle(pb)
        claims = [i for i in range(len(ana.session)) if ana.session.is_claim(i)]
        one, two = claims[0], claims[1]
        ana.review_screen.table.go_to(one)
        ben.review_screen.table.go_to(two)
        await pa.pause()
        await pb.pause()
        await pa.press("v")  # ana: #one verified
        await pb.press("x")  # ben: #two disputed
        await settle(pa)
        await settle(pb)
        ben.review_screen.table.go_to(one)
        await pb.pause()
        await pb.press("n")  # ben, later, on ana's statement: the later change wins
        await settle(pb)
        key_one, key_two = ana.session.key(one), ana.session.key(two)
        stored = stored_tags(db, SEED)
        assert stored[key_one].tag == "needs-source" and stored[key_one].reviewer == "ben"
        assert stored[key_two].tag == "disputed"
        # Both changes to the shared statement stay in its history.
        assert [(e.reviewer, e.tag) for e in stored_history(db, SEED, key_one)] == [
            ("ana", "verified"),
            ("ben", "needs-source"),
        ]
        # Ana's screen shows ben's changes when it next reads the database.
        for _ in range(100):
            if ana.session.tag_of(two) and ana.session.tag_of(one).tag == "needs-source":
                break
            await pa.pause(0.05)
        assert ana.session.tag_of(two).tag == "disputed"
        assert "needs-source" in cell(ana, one, "tag")
        assert any("ben" in str(n.message) for n in ana._notifications)


@pilot_test
async def test_a_read_only_database_shows_a_banner_and_saves_nothing(tmp_path):
    db = tmp_path / "t.db"
    open_store(db).close()
    app = make_app(SEED, db, readonly=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        banner = app.review_screen.query_one(Banner)
        assert banner.display and "Read-only" in str(banner.render())
        await pilot.press("v", "x", "u")
        await settle(pilot)
        assert stored_tags(db, SEED) == {}
        assert app.session.progress().tagged == 0
        # Reading and filtering still work.
        await pilot.press("f")
        await settle(pilot)
        assert app.review_screen.flt == "unattributed"


@pilot_test
async def test_a_database_the_system_will_not_let_us_write_opens_read_only(tmp_path, monkeypatch):
    db = tmp_path / "t.db"
    open_store(db).close()
    from factcheck.store import preflight

    # The tests run as root, who may write anywhere: pretend the file is read-only as a user sees it.
    monkeypatch.setattr(preflight, "writable", lambda path: False)
    app = make_app(SEED, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.session.readonly
        assert "Read-only" in str(app.review_screen.query_one(Banner).render())
        await pilot.press("v")
        await settle(pilot)
    monkeypatch.undo()
    assert stored_tags(db, SEED) == {}


@pilot_test
async def test_the_engine_runs_in_a_worker_and_the_screen_answers_meanwhile(tmp_path):
    release = threading.Event()

    def slow_analyse(draft, registry=None):
        assert release.wait(10), "the test never released the engine"
        return analyse(draft, registry)

    app = make_app(SEED, tmp_path / "t.db", analyse=slow_analyse)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        screen = app.review_screen
        assert screen.session is None and screen.table.loading
        await pilot.press("question_mark")  # the UI thread is free: keys are answered
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        release.set()
        await settle(pilot)
        assert screen.session is not None and not screen.table.loading
        assert screen.table.row_count == len(screen.session.statements)


@pilot_test
async def test_80x24_shows_list_draft_details_status_and_footer(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.review_screen
        for selector in ("#statements", "#draft", "#details", "#status", "Footer", "Header"):
            region = screen.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
        assert screen.query_one("#statements").region.height >= 8
        panel = screen.query_one(SourcesPanel)
        assert not panel.display  # shown on demand at this width
        await pilot.press("o")
        assert panel.display and panel.region.width > 0
        assert screen.focused is panel.query_one(OptionList)
        # Pick Reuters: the list shows only its statements.
        options = panel.query_one(OptionList)
        reuters = next(
            i for i in range(options.option_count) if "Reuters" in str(options.get_option_at_index(i).prompt)
        )
        options.highlighted = reuters
        await pilot.press("enter")
        await settle(pilot)
        assert screen.source == "Reuters"
        shown = [i for i in screen.table.rows_shown if not app.session.is_heading(i)]
        assert shown and all(
            any("Reuters" in (a.source, a.via) for a in app.session.statements[i].attributions) for i in shown
        )
        await pilot.press("escape")
        await settle(pilot)
        assert screen.source is None and screen.table.row_count == len(app.session.statements)


@pilot_test
async def test_wide_terminal_shows_the_sources_panel_and_ledger(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        panel = app.review_screen.query_one(SourcesPanel)
        assert panel.display and panel.region.width > 0
        ledger = str(panel.query_one("#ledger").render())
        for company in ("Alibaba", "ByteDance", "DeepSeek", "Huawei"):
            assert company in ledger
        assert "Reuters" in ledger


@pilot_test
async def test_light_and_dark_themes_restyle_the_list(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.review_screen.table
        dark = table.palette
        app.theme = "textual-light"
        await settle(pilot)
        assert not app.current_theme.dark
        assert table.palette != dark
        assert table.row_count == len(app.session.statements)
        app.theme = "textual-dark"
        await settle(pilot)
        assert table.palette == dark


@pilot_test
async def test_every_key_is_in_the_command_palette_and_runs_from_it(tmp_path):
    db = tmp_path / "t.db"
    app = make_app(SEED, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.review_screen)}
        for key in REVIEW_KEYS:
            assert key.command in titles, key.command
        index = app.review_screen.table.current
        await pilot.press("ctrl+p")
        await pilot.press(*"Tag disputed")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert stored_tags(db, SEED)[app.session.key(index)].tag == "disputed"


def test_the_help_screen_names_every_key():
    text = help_text()
    for key in REVIEW_KEYS:
        shown = key.binding.key_display or key.binding.key.split(",")[0]
        assert f"`{shown}`" in text, shown
    for badge in ("UN", "1S", "CO", "IN", "NR"):
        assert re.search(rf"`{badge}`", text), badge


@pilot_test
async def test_corrections_are_reassessed_off_the_ui_thread(tmp_path, monkeypatch):
    import factcheck.review as review

    threads: list[str] = []
    real = review.corrected_statements

    def watched(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(review, "corrected_statements", watched)
        index = index_of(app, "The Financial Times reported that Alibaba")
        app.review_screen.table.go_to(index)
        await pilot.press("s", *"Bloomberg", "enter")
        await settle(pilot)
        assert threads and threading.main_thread().name not in threads
        assert "corroborated" in app.session.statements[index].flags
        assert "CO" in cell(app, index, "flags")


# --- layout: the columns follow the terminal's width --------------------------------------------

PORT = REPO / "fixtures" / "port-takeover-talks.txt"


def _widths(app) -> dict[str, int]:
    return {column.key.value: column.width for column in app.review_screen.table.ordered_columns}


@pilot_test
async def test_the_statement_column_takes_the_spare_width_and_follows_a_resize(tmp_path):
    app = make_app(PORT, tmp_path / "t.db")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = app.review_screen
        table = screen.table
        # The list spans the terminal, and its text column gets what the others leave.
        assert table.size.width >= 158
        wide = _widths(app)
        assert wide["text"] >= 85 and wide["source"] >= 30
        statement = app.session.statements[1].text
        assert cell(app, 1, "text") == statement  # the whole sentence is in the cell
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.pause()
        narrow = _widths(app)
        assert sum(narrow.values()) + 2 * table.cell_padding * len(narrow) + 1 <= table.size.width
        # At 80 columns the source keeps room for "who … via whom".
        assert narrow["source"] >= 18 and narrow["text"] >= 24
        conduit = next(i for i, s in enumerate(app.session.statements) if any(a.via for a in s.attributions))
        label = table.get_cell(str(conduit), "source").fitted(narrow["source"]).plain
        assert label.endswith("via " + app.session.statements[conduit].attributions[0].via)
        assert "…" in label and len(label) <= narrow["source"]


@pilot_test
async def test_o_on_a_narrow_terminal_shows_the_sources_in_place_of_the_details(tmp_path):
    app = make_app(PORT, tmp_path / "t.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.review_screen
        details, draft, sources = (screen.query_one(f"#{name}") for name in ("details", "draft", "sources"))
        assert details.display and not sources.display
        details_width = details.size.width
        await pilot.press("o")
        await pilot.pause()
        # The details are not squeezed until words break: they make way for the sources.
        assert sources.display and not details.display
        assert sources.size.width >= 30 and draft.size.width >= 30
        await pilot.press("o")
        await pilot.pause()
        assert details.display and not sources.display and details.size.width == details_width


@pilot_test
async def test_counts_are_of_statements_not_of_the_headings_shown_with_them(tmp_path):
    app = make_app(SEED, tmp_path / "t.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen, session = app.review_screen, app.session
        status = str(screen.query_one("#status").render())
        assert f"all ({session.progress().claims})" in status
        await pilot.press("slash", *"training", "enter")
        await pilot.pause(0.4)
        await settle(pilot)
        rows = screen.table.rows_shown
        shown = [i for i in rows if not session.is_heading(i)]
        assert len(shown) < len(rows)  # headings came along with their sections…
        assert f"“training” ({len(shown)})" in str(screen.query_one("#status").render())  # …uncounted


def test_the_details_say_a_tag_was_carried_from_an_earlier_version():
    from factcheck.models import TagRecord
    from factcheck.read import read_draft
    from factcheck.review import ReviewSession, statement_keys
    from factcheck.tui.widgets.details import details_content

    reading = analyse(read_draft(SEED))
    index = next(i for i, s in enumerate(reading.statements) if s.kind == "claim")
    old_text = reading.statements[index].text + " Extra"
    old_key = statement_keys([reading.statements[index].model_copy(update={"text": old_text})])[0]
    record = TagRecord(statement_key=old_key, tag="verified", reviewer="ben", updated_at="2030-01-01T00:00:00")
    session = ReviewSession(reading, reviewer="ana", tags={old_key: record}, earlier_texts={old_key: old_text})
    assert "tag carried from an earlier version" in details_content(session, index, None).plain
    assert "carried" not in details_content(session, index + 1, None).plain
