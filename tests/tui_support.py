"""Helpers for the review UI's tests: a small draft, an app on a fresh database, waiting for it.

The tests wait for the app (its workers, the rows of the statement list, the database thread)
instead of sleeping: `settle` returns as soon as everything asked of the app has happened.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from factcheck.models import TagEvent, TagRecord
from factcheck.read import read_draft
from factcheck.store import open_store
from factcheck.tui.app import FactcheckApp

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "corpus" / "seed-article.txt"

# A draft written for these tests: a heading, attributed and unattributed claims, an inherited
# one, literal brackets that must survive ("[sic]", "[bold]"), and a non-response.
HARBOUR = (
    "\n\n".join(
        [
            "Harbour Cranes Go Electric",
            "Port of Velmora officials said on Tuesday that all twelve harbour cranes will run on electricity "
            "by 2027. The switch will cost about 40 million euros. Reuters reported that two crane makers have "
            "bid for the contract.",
            "Who Pays For It?",
            "The Velmora Gazette said the city expects a grant to cover half of the cost [sic]. Dockworkers "
            "have complained about noise from the [bold] diesel cranes for years.",
            "Kranwerk and Ostlift did not respond to requests for comment, Reuters reported.",
        ]
    )
    + "\n"
)


def pilot_test(test: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
    """Run an async test on its own event loop (the project has no async pytest plugin)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> Any:
        return asyncio.run(test(*args, **kwargs))

    return run


def write_harbour(folder: Path) -> Path:
    path = folder / "harbour.txt"
    path.write_text(HARBOUR, encoding="utf-8")
    return path


def make_app(draft_path: Path | str, db: Path | str, reviewer: str = "ana", **options) -> FactcheckApp:
    options.setdefault("poll_interval", 0.2)
    return FactcheckApp(read_draft(draft_path), db_path=db, reviewer=reviewer, **options)


async def settle(pilot: Pilot) -> None:
    """Wait until the draft is loaded, every row is in the list and every change is saved."""
    app = pilot.app
    assert isinstance(app, FactcheckApp)
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.review_screen
    for _ in range(500):
        if screen.session is not None and screen.table.filled:
            break
        await pilot.pause(0.01)
    assert screen.session is not None, "the draft did not load"
    app.flush()
    await pilot.pause()
    await app.workers.wait_for_complete()
    app.flush()
    await pilot.pause()


def stored_tags(db: Path, draft_path: Path | str) -> dict[str, TagRecord]:
    """What the database holds for a draft, read the way a second program would."""
    with open_store(db, readonly=True) as store:
        draft_id = store.register_draft(read_draft(draft_path))
        return store.get_tags(draft_id)


def stored_history(db: Path, draft_path: Path | str, key: str | None = None) -> list[TagEvent]:
    with open_store(db, readonly=True) as store:
        draft_id = store.register_draft(read_draft(draft_path))
        return store.history(draft_id, key)


def stored_corrections(db: Path, draft_path: Path | str):
    with open_store(db, readonly=True) as store:
        draft_id = store.register_draft(read_draft(draft_path))
        return store.get_corrections(draft_id)


def cell(app: FactcheckApp, index: int, column: str) -> str:
    """The plain text of one cell of the statement list."""
    value = app.review_screen.table.get_cell(str(index), column)
    return getattr(value, "plain", str(value))


def index_of(app: FactcheckApp, words: str) -> int:
    """The index of the first statement containing `words`."""
    session = app.session
    assert session is not None
    for index, statement in enumerate(session.statements):
        if words in statement.text:
            return index
    raise AssertionError(f"no statement contains {words!r}")
