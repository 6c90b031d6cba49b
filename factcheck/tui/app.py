"""The `factcheck review` application: one draft, one reviewer, one database.

The app holds what outlives a screen: the draft, where the database is, who is reviewing, and the
database thread (`DbWorker`) every save goes through. The review screen does the rest. Quitting
waits for the database thread to finish saving, so a tag made just before `q` is never lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from factcheck.models import Draft, Reading, SourceKind
from factcheck.review import ReviewSession
from factcheck.tui.dbworker import DbWorker
from factcheck.tui.keys import REVIEW_KEYS
from factcheck.tui.screens.review import ReviewScreen

# How long quitting waits for queued saves (a locked database is waited on by the store itself).
QUIT_FLUSH_SECONDS = 30.0
POLL_SECONDS = 2.0


class FactcheckApp(App[None]):
    """Review `draft` against the database at `db_path` as `reviewer`."""

    CSS_PATH = "app.tcss"
    TITLE = "factcheck review"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app-quit")
    ]

    def __init__(
        self,
        draft: Draft,
        *,
        db_path: str | Path,
        reviewer: str,
        analyse: Callable[..., Reading] | None = None,
        poll_interval: float = POLL_SECONDS,
        readonly: bool = False,
    ) -> None:
        super().__init__()
        self.draft = draft
        self.db_path = Path(db_path)
        self.reviewer = reviewer
        self.analyse = analyse
        self.poll_interval = poll_interval
        # Look without touching: the database is opened read-only even when it could be written.
        self.readonly = readonly
        self.session: ReviewSession | None = None
        self.db: DbWorker | None = None
        self.loaded_in: float | None = None
        self.last_export: Any = None
        self.sub_title = f"{Path(draft.path).name} · {reviewer} · {self.db_path}"

    def get_default_screen(self) -> Screen:
        return ReviewScreen()

    @property
    def review_screen(self) -> ReviewScreen:
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                return screen
        raise LookupError("no review screen")

    def start_db(self) -> DbWorker:
        """Start the database thread (once the draft is loaded)."""
        if self.db is None:
            from factcheck.store import open_store

            db_path, readonly = self.db_path, self.readonly
            self.db = DbWorker(lambda: open_store(db_path, readonly=readonly)).start()
        return self.db

    def guess_kind(self, name: str) -> SourceKind:
        """The kind of a source typed in the picker: the registry's, else the engine's guess."""
        if self.session is not None:
            known = self.session.kind_of(name)
            if known != "unknown":
                return known
        try:
            from factcheck.analysis.sources import guess_kind
        except ImportError:
            return "unknown"
        try:
            return guess_kind(name)
        except Exception:
            return "unknown"

    def flush(self, timeout: float = QUIT_FLUSH_SECONDS) -> bool:
        """Block until every queued change is saved (tests and the benchmark use it)."""
        return self.db.flush(timeout) if self.db is not None else True

    async def action_quit(self) -> None:
        if self.db is not None:
            if self.db.pending:
                self.notify("Saving your last changes…", timeout=QUIT_FLUSH_SECONDS)
            await asyncio.to_thread(self.db.close, QUIT_FLUSH_SECONDS)
        self.exit()

    def on_unmount(self) -> None:
        if self.db is not None:
            self.db.close(QUIT_FLUSH_SECONDS)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: every review key (with its key shown), then Textual's own."""
        if isinstance(screen, ReviewScreen):
            for key in REVIEW_KEYS:
                binding = key.binding
                action = binding.action
                name = action.split("(", 1)[0]
                if screen.check_action(name, ()) is not True:
                    continue
                shown = binding.key_display or binding.key.split(",")[0]
                yield SystemCommand(
                    f"{key.command}",
                    f"{key.help} (key: {shown})",
                    partial(screen.run_action, action),
                )
        dark = self.current_theme.dark
        yield SystemCommand(
            "Light theme" if dark else "Dark theme",
            "Switch between Textual's light and dark themes",
            partial(setattr, self, "theme", "textual-light" if dark else "textual-dark"),
        )
        yield from super().get_system_commands(screen)
