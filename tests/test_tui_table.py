"""The statement list on long drafts, and the database thread the UI saves through."""

from __future__ import annotations

import threading
import time

import pytest
from tui_support import make_app, pilot_test, settle

from factcheck.tui.dbworker import DbWorker
from factcheck.tui.widgets import statement_table
from factcheck.tui.widgets.statement_table import FIRST_CHUNK


def _long_draft(folder, paragraphs: int = 150):
    sentences = [
        "Officials at the port of Lenholm said traffic rose {n}% in the quarter.",
        "The increase came from container ships.",
        "Analysts expect the rise to slow.",
        "Nordvik Freight did not respond to requests for comment.",
    ]
    text = "\n\n".join(" ".join(s.format(n=n) for s in sentences) for n in range(paragraphs))
    path = folder / "long.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _row_text(table, index: int) -> str:
    position = table.position_of(index)
    y = table.header_height + position - round(table.scroll_y)
    return table.render_line(y).text


@pilot_test
async def test_a_tag_redraws_its_row_without_invalidating_the_whole_list(tmp_path):
    app = make_app(_long_draft(tmp_path, 30), tmp_path / "t.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.review_screen.table
        index = table.current
        assert "disputed" not in _row_text(table, index)
        count = table._update_count
        await pilot.press("x")
        await pilot.pause()
        assert "disputed" in _row_text(table, index)
        # The quiet path was taken: every other row kept its rendering (see `_update_row_quietly`).
        assert table._update_count == count
        assert table.get_cell(str(index), "tag").plain.endswith("disputed")


@pilot_test
async def test_a_long_list_is_usable_before_all_its_rows_are_added(tmp_path, monkeypatch):
    # Small later chunks make "not all rows yet" hold however fast the machine draws frames.
    monkeypatch.setattr(statement_table, "CHUNK", 5)
    app = make_app(_long_draft(tmp_path), tmp_path / "t.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        screen = app.review_screen
        while screen.session is None:
            await pilot.pause(0.01)
        table = screen.table
        total = len(screen.session.statements)
        assert total > FIRST_CHUNK * 2
        assert table.row_count < total  # the first chunk is on screen, the rest is coming
        await pilot.press("G")  # the last row: the cursor gets there once it arrives
        await settle(pilot)
        assert table.filled and table.row_count == total
        assert table.cursor_row == total - 1
        # A filter while rows are still coming replaces the list cleanly.
        await pilot.press("f")
        await pilot.press("f")
        await settle(pilot)
        session = screen.session
        wanted = sum("single-source" in s.flags for s in session.statements)
        assert len([i for i in table.rows_shown if not session.is_heading(i)]) == wanted
        assert table.row_count == len(table.rows_shown)


class _Store:
    def __init__(self) -> None:
        self.calls: list[int] = []
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_the_database_thread_runs_calls_in_order_and_waits_for_them_on_close():
    store = _Store()
    worker = DbWorker(lambda: store).start()
    gate = threading.Event()
    worker.submit(lambda s: gate.wait(5))
    futures = [worker.submit(lambda s, n=n: s.calls.append(n) or n) for n in range(50)]
    assert not futures[0].done()  # waiting behind the first call, not run out of order
    gate.set()
    assert worker.flush(5)
    assert store.calls == list(range(50)) and [f.result() for f in futures] == list(range(50))
    worker.submit(lambda s: time.sleep(0.05) or s.calls.append("last"))
    assert worker.close(5)
    assert store.calls[-1] == "last" and store.closed
    with pytest.raises(RuntimeError):
        worker.submit(lambda s: None).result(1)


def test_a_database_that_fails_to_open_fails_every_call_instead_of_hanging():
    def broken():
        raise OSError("disk gone")

    worker = DbWorker(broken).start()
    with pytest.raises(OSError, match="disk gone"):
        worker.submit(lambda s: 1).result(5)
    assert worker.flush(5)
    assert worker.close(5)
