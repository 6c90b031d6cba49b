"""A few pictures of the review screen, to catch layout regressions (behaviour is tested elsewhere).

Update them after a deliberate change with `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from tui_support import SEED, make_app, settle


@pytest.fixture
def app(tmp_path, monkeypatch):
    # A relative database path, so the header reads the same on every machine.
    monkeypatch.chdir(tmp_path)
    return make_app(SEED, "review.db", reviewer="ana", poll_interval=60)


def test_main_screen_on_the_seed_draft(app, snap_compare):
    assert snap_compare(app, terminal_size=(120, 40), run_before=settle)


def test_unattributed_filter_at_80x24(app, snap_compare):
    async def filtered(pilot):
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=filtered)


def test_help_screen(app, snap_compare):
    async def helped(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=helped)
