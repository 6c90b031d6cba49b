"""The review screen: the statement list, the draft view, the details and the sources panel.

The screen is a view over a `ReviewSession` (factcheck.review): a key changes the session at once
(so the screen redraws at once), and the change goes to the database thread to be saved. Nothing
here waits on the database or the engine: both answer with messages.
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input

from factcheck.models import DatabaseError, InputError, ReviewTag, Statement
from factcheck.review import (
    FILTERS,
    Filter,
    ReviewError,
    ReviewSession,
    Write,
    apply_write,
    load_session,
    source_choices,
    write_saved,
)
from factcheck.textsafe import safe
from factcheck.tui.keys import REVIEW_BINDINGS
from factcheck.tui.messages import (
    Exported,
    ExportFailed,
    HistoryRead,
    Loaded,
    LoadFailed,
    Persisted,
    Reassessed,
    RemoteRead,
)
from factcheck.tui.widgets.banner import Banner
from factcheck.tui.widgets.cells import Palette
from factcheck.tui.widgets.details import DetailsPanel
from factcheck.tui.widgets.draft_view import DraftView
from factcheck.tui.widgets.sources_panel import SourcesPanel
from factcheck.tui.widgets.statement_table import StatementTable
from factcheck.tui.widgets.status import StatusBar

if TYPE_CHECKING:
    from factcheck.tui.app import FactcheckApp

# Actions that change the review: off while loading and on a read-only database.
WRITING_ACTIONS = {"tag", "clear_tag", "source", "note", "undo"}
# Actions that need the draft loaded.
LOADED_ACTIONS = WRITING_ACTIONS | {"cycle_filter", "search", "export", "toggle_sources", "clear_filters"}
HISTORY_DELAY = 0.15  # seconds of cursor rest before the tag history is read
SEARCH_DELAY = 0.2  # seconds of typing rest before the list is filtered


class ReviewScreen(Screen[None]):
    """Walk a draft statement by statement and tag each claim."""

    BINDINGS: ClassVar[list[BindingType]] = REVIEW_BINDINGS
    AUTO_FOCUS = "#statements"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (36, "-tall")]

    def __init__(self) -> None:
        super().__init__()
        self.session: ReviewSession | None = None
        self.flt: Filter = "all"
        self.source: str | None = None
        self.query_text = ""
        self.history: dict[str, list] = {}
        self.unsaved: list[Write] = []
        self.pending_recovery = 0
        self.since = ""
        self._polling = False
        self._history_timer: Timer | None = None
        self._search_timer: Timer | None = None
        self._in_flight = 0
        self._last_warning = ""
        self._said_done = False

    @property
    def fc_app(self) -> FactcheckApp:
        return self.app  # type: ignore[return-value]

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="?")
        yield Banner(id="banner")
        # The statement list takes the whole width (its text is what is read); the draft, the
        # details and the sources share the row below it.
        with Vertical(id="body"):
            yield StatementTable(id="statements")
            with Horizontal(id="inspector"):
                yield DraftView(id="draft")
                yield DetailsPanel(id="details")
                yield SourcesPanel(id="sources")
        yield Input(placeholder="Search statements: enter keeps it, esc clears", id="search")
        yield StatusBar(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#draft").border_title = "Draft"
        self.query_one("#details").border_title = "Details"
        self.query_one("#sources").border_title = "Sources"
        table = self.table
        table.palette = Palette.from_variables(self.app.theme_variables)
        table.loading = True
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.load()

    @property
    def table(self) -> StatementTable:
        return self.query_one("#statements", StatementTable)

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Analyse the draft and read its review, off the UI thread."""
        app = self.fc_app
        started = time.perf_counter()
        try:
            from factcheck.store import open_store

            store = open_store(app.db_path, readonly=app.readonly)
            try:
                session = load_session(app.draft, store, app.reviewer, app.analyse)
            finally:
                close = getattr(store, "close", None)
                if close is not None:
                    close()
        except (InputError, DatabaseError) as exc:
            self.post_message(LoadFailed(str(exc)))
            return
        except Exception as exc:  # an engine bug must not take the reviewer's terminal with it
            self.post_message(LoadFailed(f"could not analyse the draft ({type(exc).__name__}: {exc})"))
            raise
        self.post_message(Loaded(session, time.perf_counter() - started))

    def on_loaded(self, message: Loaded) -> None:
        session = self.session = message.session
        # Corrections are reassessed on a worker: on a long draft it takes a noticeable moment.
        session.defer_reassessment = True
        app = self.fc_app
        app.session = session
        app.start_db()
        if session.readonly:
            self.query_one(Banner).say(
                f"Read-only database ({app.db_path}): you can read and export, but tags cannot be saved."
            )
        for notice in session.notices:
            if session.readonly and "read-only" in notice:
                continue  # the banner says it already
            self.notify(safe(notice), title="Database", timeout=8)
        self.since = max((r.updated_at for r in session.tags.values()), default="")
        self.table.loading = False
        self.rebuild(keep=self.first_open(session))
        self.refresh_panels()
        self.table.focus()
        self.set_interval(app.poll_interval, self.poll)
        self.refresh_bindings()
        app.loaded_in = message.seconds

    def on_load_failed(self, message: LoadFailed) -> None:
        self.table.loading = False
        self.query_one(Banner).say(f"Cannot review this draft: {message.error}", error=True)
        self.query_one(DraftView).show_message(message.error)

    # -- what the list shows ---------------------------------------------------------------

    @staticmethod
    def first_open(session: ReviewSession) -> int:
        """Where to start: the first claim nobody has tagged yet (where the last session stopped)."""
        for index in range(len(session.statements)):
            record = session.tag_of(index)
            if session.is_claim(index) and (record is None or record.tag is None):
                return index
        return 0

    @property
    def view_label(self) -> str:
        parts = [self.flt]
        if self.source:
            parts.append(self.source)
        if self.query_text:
            parts.append(f"“{self.query_text}”")
        return " · ".join(parts)

    def rebuild(self, keep: int | None = None) -> None:
        """Fill the list for the current filter, source and search, keeping the cursor's statement."""
        session = self.session
        if session is None:
            return
        table = self.table
        keep = table.current if keep is None else keep
        rows = session.visible(self.flt, self.source, self.query_text)
        table.show(session, rows, keep)
        if not rows:
            self.query_one(DraftView).show_message("No statement matches: press esc to show them all.")
        self.refresh_status()
        self.show_current()

    def refresh_status(self) -> None:
        if self.session is None:
            return
        # Headings come along to keep the sections: the count is of the statements only.
        count = self.session.statements_in(self.table.rows_shown)
        view = f"{self.view_label} ({count})"
        self.query_one(StatusBar).show(self.session.progress(), view, self._in_flight)

    def refresh_panels(self) -> None:
        if self.session is not None:
            self.query_one(SourcesPanel).show(self.session, self.source)

    def show_current(self) -> None:
        session, index = self.session, self.table.current
        if session is None or index is None:
            return
        self.query_one(DraftView).show(session, index)
        key = session.key(index)
        self.query_one(DetailsPanel).show(session, index, self.history.get(key))
        if self._history_timer is not None:
            self._history_timer.stop()
        self._history_timer = self.set_timer(HISTORY_DELAY, self.fetch_history)

    @on(StatementTable.Filled)
    def _filled(self) -> None:
        self.refresh_status()

    @on(DataTable.RowHighlighted, "#statements")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()

    def redraw(self, before: list[Statement], index: int | None = None) -> None:
        """Redraw what a change touched: `index`'s row, and every row whose reading changed with it.

        A tag or a note leaves the reading alone (`before is session.statements`): only that row's
        review cells change, which keeps a tag key well under a frame on long drafts.
        """
        session = self.session
        assert session is not None
        table = self.table
        if before is session.statements:
            if index is not None:
                # A correction waiting for its reassessment still gets its ✎ at once.
                table.update_statement(session, index, columns=None if session.reassessment_due else ("tag",))
        else:
            changed = {i for i, (old, new) in enumerate(zip(before, session.statements, strict=True)) if old != new}
            if index is not None:
                changed.add(index)
            for i in sorted(changed):
                table.update_statement(session, i)
            self.refresh_panels()
        self.refresh_status()
        self.show_current()
        if session.reassessment_due:
            self.start_reassessment()

    def start_reassessment(self) -> None:
        """Work the flags out again from the corrections, off the UI thread (see `Reassessed`)."""
        assert self.session is not None
        version, corrections = self.session.reassessment()
        self.reassess(self.session, version, corrections)

    @work(thread=True, exclusive=True, group="reassess", exit_on_error=False)
    def reassess(self, session: ReviewSession, version: int, corrections: dict) -> None:
        self.post_message(Reassessed(version, session.reassess(corrections)))

    def on_reassessed(self, message: Reassessed) -> None:
        session = self.session
        if session is None:
            return
        before = session.statements
        if session.adopt(message.corrections_version, message.statements):
            self.redraw(before)
        elif session.reassessment_due:
            self.start_reassessment()

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LOADED_ACTIONS and self.session is None:
            return None
        if action in WRITING_ACTIONS and self.session is not None and self.session.readonly:
            return None
        return True

    def _current(self) -> tuple[ReviewSession, int] | None:
        index = self.table.current
        if self.session is None or index is None:
            return None
        return self.session, index

    def warn(self, message: str) -> None:
        """A short warning; the same one repeated (a key held down) replaces the last."""
        if message == self._last_warning:
            self.app.clear_notifications()
        self._last_warning = message
        self.notify(message, severity="warning", timeout=3)

    def _attempt(self, change) -> Any:
        try:
            return change()
        except ReviewError as exc:
            self.warn(str(exc))
            return None

    def action_tag(self, tag: ReviewTag) -> None:
        self._tag(tag)

    def action_clear_tag(self) -> None:
        self._tag(None)

    def _tag(self, tag: ReviewTag | None) -> None:
        current = self._current()
        if current is None:
            return
        session, index = current
        table = self.table
        position = table.cursor_row
        if tag == "verified" and session.is_heading(index):
            # On a section heading, v just walks on to the section's first claim.
            if (following := session.next_claim(table.rows_shown, position)) is not None:
                table.go_to_position(following)
            return
        before = session.statements
        try:
            write = session.set_tag(index, tag)
        except ReviewError as exc:
            self.warn(str(exc))
            return
        if write is None:  # it already had that tag: nothing to save, but v still moves on
            if tag == "verified" and (following := session.next_claim(table.rows_shown, position)) is not None:
                table.go_to_position(following)
            return
        self.persist(write)
        if self.flt == "untagged" and tag is not None:
            # It no longer belongs in this list: the next one slides under the cursor.
            table.drop(index)
            # A heading whose section is now empty goes too.
            rows = table.rows_shown
            above = position - 1
            if (
                0 <= above < len(rows)
                and session.is_heading(rows[above])
                and (position >= len(rows) or session.is_heading(rows[position]))
            ):
                table.drop(rows[above])
                position = above
            table.go_to_position(position)
            self.refresh_status()
            self.show_current()
            self._all_done(session)
            return
        self.redraw(before, index)
        self._all_done(session)
        if tag == "verified":
            following = session.next_claim(table.rows_shown, position)
            if following is not None:
                table.go_to_position(following)

    def _all_done(self, session: ReviewSession) -> None:
        progress = session.progress()
        if progress.claims and progress.tagged == progress.claims and not self._said_done:
            self._said_done = True
            self.notify(f"All {progress.claims} claims are tagged. Press e to export the memo.", timeout=8)

    def action_note(self) -> None:
        current = self._current()
        if current is None:
            return
        session, index = current
        if session.is_heading(index):
            self.warn("A heading is not a claim: notes go on claims.")
            return
        from factcheck.tui.screens.note import NoteScreen

        record = session.tag_of(index)

        def done(note: str | None) -> None:
            if note is None:
                return
            before = session.statements
            write = self._attempt(lambda: session.set_note(index, note))
            if write is not None:
                self.persist(write)
                self.redraw(before, index)

        self.app.push_screen(NoteScreen(safe(session.statements[index].text), record.note if record else None), done)

    def action_source(self) -> None:
        current = self._current()
        if current is None:
            return
        session, index = current
        if session.is_heading(index):
            self.warn("A heading is not a claim: it has no source.")
            return
        from factcheck.tui.screens.source_picker import SourcePick, SourcePickerScreen

        def done(pick: SourcePick | None) -> None:
            if pick is None:
                return
            before = session.statements
            write = self._attempt(lambda: session.correct(index, pick.action, pick.name, new_source=pick.new))
            if write is None:
                return
            if pick.new and pick.name:
                # The registry row goes first, so the database never names a source it lacks.
                self.persist(Write("source", source_name=pick.name, source_kind=pick.kind))
                from factcheck.models import RegistrySource

                session.registry.setdefault(pick.name.casefold(), RegistrySource(name=pick.name, kind=pick.kind))
            self.persist(write)
            self.redraw(before, index)
            if session.is_not_claim(index):
                now = "not a claim"
            else:
                now = ", ".join(session.current_sources(index)) or "no source (unattributed)"
            self.notify(f"#{index}: {now}", timeout=3)

        self.app.push_screen(
            SourcePickerScreen(
                session.statements[index].text,
                session.current_sources(index),
                source_choices(session),
                corrected=session.correction_of(index) is not None,
                not_claim=session.is_not_claim(index),
                guess_kind=self.fc_app.guess_kind,
            ),
            done,
        )

    def action_undo(self) -> None:
        if self.session is None:
            return
        session = self.session
        before = session.statements
        result = self._attempt(session.undo)
        if result is None:
            return
        change, write = result
        if write is not None:
            self.persist(write)
        if self.flt == "untagged" and change.kind == "tag":
            self.rebuild(keep=change.index)
        else:
            self.redraw(before, change.index)
        self.table.go_to(change.index)
        was = (
            "the engine's reading"
            if change.kind == "correction" and change.before is None
            else _describe(change.before)
        )
        message = f"Undone: #{change.index} {change.kind} back to {was}"
        if change.new_source:
            message += f"; the new source “{safe(change.new_source)}” stays in the registry"
        self.notify(message, timeout=5)

    def action_cycle_filter(self) -> None:
        self.flt = FILTERS[(FILTERS.index(self.flt) + 1) % len(FILTERS)]
        self.rebuild()

    def action_clear_filters(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.remove_class("-shown")
        self.flt, self.source, self.query_text = "all", None, ""
        self.refresh_panels()
        self.rebuild()
        self.table.focus()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("-shown")
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._apply_search)

    def _apply_search(self) -> None:
        value = self.query_one("#search", Input).value.strip()
        if value != self.query_text:
            self.query_text = value
            self.rebuild()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._apply_search()
        if not self.query_text:
            event.input.remove_class("-shown")
        self.table.focus()

    @on(SourcesPanel.Chosen)
    def _source_chosen(self, message: SourcesPanel.Chosen) -> None:
        self.source = message.source
        self.refresh_panels()
        self.rebuild()
        self.table.focus()

    def action_toggle_sources(self) -> None:
        self.toggle_class("-sources-toggled")
        panel = self.query_one(SourcesPanel)
        if panel.display:
            panel.query_one("#source-list").focus()
        else:
            self.table.focus()

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    def action_first(self) -> None:
        self.table.go_to_position(0)

    def action_last(self) -> None:
        self.table.go_to_position(len(self.table.rows_shown) - 1)

    def action_help(self) -> None:
        from factcheck.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        await self.fc_app.action_quit()

    # -- export ----------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.session is None:
            return
        from factcheck.export import export_path
        from factcheck.tui.screens.export import ExportScreen

        where = str(export_path(self.fc_app.draft.path, "markdown").parent.resolve())

        def done(fmt: str | None) -> None:
            if fmt is not None and self.session is not None:
                self.export(fmt, self.session.snapshot())

        self.app.push_screen(ExportScreen(where), done)

    @work(thread=True, group="export", exit_on_error=False)
    def export(self, fmt: str, snapshot: ReviewSession) -> None:
        from factcheck.export import render, write_export

        try:
            result = write_export(render(snapshot, fmt), self.fc_app.draft.path, fmt)
        except (OSError, InputError) as exc:
            self.post_message(ExportFailed(str(exc)))
            return
        self.post_message(Exported(result))

    def on_exported(self, message: Exported) -> None:
        result = message.result
        self.fc_app.last_export = result
        if result.fallback:
            self.notify(f"The draft's folder is read-only: wrote {result.path} instead", severity="warning", timeout=8)
        else:
            self.notify(f"Exported to {result.path}", timeout=8)

    def on_export_failed(self, message: ExportFailed) -> None:
        self.notify(f"Export failed: {message.error}", severity="error", timeout=8)

    # -- the database ----------------------------------------------------------------------

    def persist(self, write: Write) -> None:
        """Send one change to the database thread; the answer comes back as `Persisted`."""
        session = self.session
        db = self.fc_app.db
        if session is None or db is None:
            return
        draft_id, reviewer = session.draft_id, session.reviewer
        self._in_flight += 1
        future = db.submit(lambda store: apply_write(store, draft_id, write, reviewer))
        future.add_done_callback(lambda done: self.post_message(Persisted(write, done)))
        self.refresh_status()

    def on_persisted(self, message: Persisted) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        banner = self.query_one(Banner)
        try:
            result = message.future.result()
        except Exception as exc:
            # Kept in memory and tried again on the next read of the database.
            self.unsaved.append(message.write)
            banner.say(
                f"{len(self.unsaved)} change(s) not saved yet ({exc}): kept here and retried. Do not quit.",
                error=True,
            )
        else:
            if message.write in self.unsaved:
                self.unsaved.remove(message.write)
            if not write_saved(result):
                self.pending_recovery += 1
                banner.say(
                    f"The database is busy: {self.pending_recovery} change(s) kept in a recovery file, "
                    "saved to the database the next time it opens."
                )
            elif not self.unsaved and not self.pending_recovery and not (self.session and self.session.readonly):
                banner.hide()
        if self.session is not None and message.write.key:
            self.history.pop(message.write.key, None)
            current = self.table.current
            if current is not None and self.session.key(current) == message.write.key:
                self.fetch_history()
        self.refresh_status()

    def poll(self) -> None:
        """Look for other reviewers' changes (and retry changes that did not reach the database)."""
        session, db = self.session, self.fc_app.db
        if session is None or db is None or self._polling or session.draft_id is None:
            return
        for write in list(self.unsaved):
            self.unsaved.remove(write)
            self.persist(write)
        self._polling = True
        draft_id, since, seq = session.draft_id, self.since, session.write_seq

        def read(store) -> tuple[list, dict]:
            return store.changed_since(draft_id, since), store.get_corrections(draft_id, include_previous=True)

        future = db.submit(read)

        def answered(done: Future) -> None:
            try:
                records, corrections = done.result()
            except Exception:
                records, corrections = None, None
            self.post_message(RemoteRead(records, corrections, seq))

        future.add_done_callback(answered)

    def on_remote_read(self, message: RemoteRead) -> None:
        self._polling = False
        session = self.session
        if session is None or message.records is None:
            return
        if message.records:
            self.since = max(self.since, *(r.updated_at for r in message.records))
        before = session.statements
        changes = session.merge_remote(message.records, message.corrections, message.as_of_seq)
        if not changes:
            return
        for change in changes:
            self.history.pop(session.key(change.index), None)
        self.redraw(before, changes[0].index)
        for change in changes[1:]:
            self.table.update_statement(session, change.index)
        if len(changes) == 1:
            change = changes[0]
            self.notify(f"{change.reviewer}: #{change.index} {change.what}", title="Changed elsewhere", timeout=5)
        else:
            who = ", ".join(sorted({c.reviewer for c in changes}))
            self.notify(f"{len(changes)} statements changed by {who}", title="Changed elsewhere", timeout=5)

    def fetch_history(self) -> None:
        session, db, index = self.session, self.fc_app.db, self.table.current
        if session is None or db is None or index is None or session.draft_id is None:
            return
        key, draft_id = session.key(index), session.draft_id
        future = db.submit(lambda store: store.history(draft_id, key))

        def answered(done: Future) -> None:
            if done.exception() is None:
                self.post_message(HistoryRead(key, done.result()))

        future.add_done_callback(answered)

    def on_history_read(self, message: HistoryRead) -> None:
        self.history[message.key] = message.events
        session, index = self.session, self.table.current
        if session is not None and index is not None and session.key(index) == message.key:
            self.query_one(DetailsPanel).show(session, index, message.events)

    def on_resize(self) -> None:
        # On a narrow terminal the footer's room goes to the review keys, not the palette hint.
        self.query_one(Footer).show_command_palette = self.size.width >= 110

    # -- theme -----------------------------------------------------------------------------

    def _theme_changed(self, theme: Any) -> None:
        self.table.palette = Palette.from_variables(self.app.theme_variables)
        self.rebuild()


def _describe(value: object) -> str:
    if value is None:
        return "none"
    if hasattr(value, "sources"):
        sources = value.sources  # type: ignore[attr-defined]
        return "the engine's reading" if sources is None else (", ".join(sources) or "no source")
    return str(value)
