"""The statement list: one row per statement, keyed by its index, headings as section rows.

A DataTable, because it draws only the rows on screen: thousands of statements stay fast. A
change to one statement updates that row's cells by key; a filter clears the rows and adds back
the ones that match, a chunk per frame so a long draft never holds the keyboard up.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from factcheck.review import ReviewSession
from factcheck.tui.widgets.cells import Palette, flags_cell, number_cell, source_cell, tag_cell, text_cell

# (label, key, width): starting widths; `fit_columns` sets them from the table's width.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("#", "n", 2),
    ("Flags", "flags", 5),
    ("Source", "source", 18),
    ("Tag", "tag", 14),
    ("Statement", "text", 30),
)
# The source column's share of the width the fixed columns leave, and its bounds: a narrow
# terminal gives it a larger share, so "people fam… via Reuters" still says who carried it.
NARROW_TABLE = 100
NARROW_SOURCE_SHARE = 0.4
WIDE_SOURCE_SHARE = 0.28
MIN_SOURCE = 14
MAX_SOURCE = 36
MIN_TEXT = 20
MAX_FLAGS = 14  # five badges
# Rows added before the list first shows, then per frame (see `show`).
FIRST_CHUNK = 200
CHUNK = 400


class StatementTable(DataTable):
    """The statements of the draft, one per row; the row key is the statement's index."""

    DEFAULT_CSS = """
    StatementTable {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.palette = Palette()
        self.rows_shown: list[int] = []
        self._position: dict[int, int] = {}
        self._session: ReviewSession | None = None
        self._loaded = 0  # rows of `rows_shown` added to the table so far
        self._target: int | None = None  # a row the cursor should go to once it is added
        self._generation = 0

    class Filled(Message):
        """Every row of the list has been added."""

    def on_mount(self) -> None:
        for label, key, width in COLUMNS:
            self.add_column(label, key=key, width=width)

    def on_resize(self) -> None:
        self.fit_columns()

    # -- building --------------------------------------------------------------------------

    def row_cells(self, session: ReviewSession, index: int) -> tuple:
        statement = session.statements[index]
        heading = session.is_heading(index)
        not_claim = session.is_not_claim(index)
        palette = self.palette
        if heading:
            return (
                number_cell(statement, heading=True),
                flags_cell(statement, palette, heading=True, not_claim=False),
                "",
                "",
                text_cell(statement, palette, heading=True, not_claim=False),
            )
        return (
            number_cell(statement, heading=False),
            flags_cell(statement, palette, heading=False, not_claim=not_claim),
            source_cell(statement, palette, corrected=session.correction_of(index) is not None),
            tag_cell(session.tag_of(index), palette),
            text_cell(statement, palette, heading=False, not_claim=not_claim),
        )

    def show(self, session: ReviewSession, rows: Sequence[int], keep: int | None = None) -> None:
        """Show `rows` (statement indices), keeping the cursor on statement `keep` or the next one.

        The first FIRST_CHUNK rows are added at once, the rest a chunk per frame: on a long draft
        the list is usable at once, and keys are answered while the rest arrives.
        """
        self.clear()
        self._generation += 1
        self._session = session
        self.rows_shown = list(rows)
        self._position = {index: position for position, index in enumerate(rows)}
        self._loaded = 0
        self._target = self._nearest(keep) if rows else None
        self._measure(session)
        self._add_chunk(self._generation, FIRST_CHUNK)

    @property
    def filled(self) -> bool:
        """Whether every row of the current list has been added."""
        return self._loaded >= len(self.rows_shown)

    def _add_chunk(self, generation: int, size: int) -> None:
        if generation != self._generation or self._session is None:
            return  # a newer list replaced this one
        session = self._session
        end = min(len(self.rows_shown), self._loaded + size)
        for index in self.rows_shown[self._loaded : end]:
            self.add_row(*self.row_cells(session, index), key=str(index))
        self._loaded = end
        if self._target is not None and self._target < end:
            self.move_cursor(row=self._target, animate=False)
            self._target = None
        if end < len(self.rows_shown):
            self.call_after_refresh(self._add_chunk, generation, CHUNK)
        else:
            self.post_message(self.Filled())

    def _nearest(self, index: int | None) -> int:
        if index is None:
            return 0
        if index in self._position:
            return self._position[index]
        for position, shown in enumerate(self.rows_shown):
            if shown > index:
                return position
        return max(0, len(self.rows_shown) - 1)

    def _is_loaded(self, index: int) -> bool:
        position = self._position.get(index)
        return position is not None and position < self._loaded

    def update_statement(self, session: ReviewSession, index: int, columns: tuple[str, ...] | None = None) -> None:
        """Redraw one statement's cells (all, or only `columns`) after a tag, note or correction.

        A row not added yet needs nothing: it is built from the session when its chunk comes.
        """
        if not self._is_loaded(index):
            return
        values = {
            column: value
            for (_, column, _), value in zip(COLUMNS, self.row_cells(session, index), strict=True)
            if columns is None or column in columns
        }
        if not self._update_row_quietly(index, values):
            for column, value in values.items():
                self.update_cell(str(index), column, value)

    def _update_row_quietly(self, index: int, values: dict[str, object]) -> bool:
        """Change one row's cells and forget only that row's rendering.

        `DataTable.update_cell` bumps a counter that every render cache is keyed on: the next frame
        re-renders every visible row and recomputes the offsets of all rows, which costs tens of
        milliseconds on a long draft, for one changed cell. Cells here never change a column's
        width or a row's height, so dropping the changed row's cache entries is enough. This
        reaches into DataTable's caches (Textual 8); if they are not as expected it returns False
        and the caller falls back to `update_cell`. `test_tui_table` guards the behaviour.
        """
        try:
            row_key = RowKey(str(index))
            row_index = self._row_locations.get(row_key)
            data = self._data[row_key]
            caches = (
                (self._cell_render_cache, lambda key: key[0] == row_key),
                (self._row_render_cache, lambda key: key[0] == row_key),
                (self._row_renderable_cache, lambda key: key[1] == row_index),
                (self._line_cache, lambda key: key[0] == self.header_height + row_index),
            )
        except (AttributeError, KeyError, TypeError):
            return False
        if row_index is None:
            return False
        for column, value in values.items():
            data[ColumnKey(column)] = value
        for cache, stale in caches:
            for key in [key for key in cache.keys() if stale(key)]:  # noqa: SIM118 (LRUCache is not iterable)
                cache.discard(key)
        self.refresh_row(row_index)
        return True

    def drop(self, index: int) -> None:
        """Take one statement out of the list (it no longer matches the filter)."""
        position = self._position.get(index)
        if position is None:
            return
        if position < self._loaded:
            self.remove_row(str(index))
            self._loaded -= 1
        del self.rows_shown[position]
        self._position = {shown: number for number, shown in enumerate(self.rows_shown)}

    # -- where the cursor is ---------------------------------------------------------------

    @property
    def current(self) -> int | None:
        """The index of the statement under the cursor."""
        if not self._loaded:
            return None
        row = min(max(self.cursor_row, 0), self._loaded - 1)
        return self.rows_shown[row]

    def position_of(self, index: int) -> int | None:
        return self._position.get(index)

    def go_to_position(self, position: int) -> None:
        """Put the cursor on row `position`, now or when its chunk arrives."""
        if not self.rows_shown:
            return
        position = max(0, min(position, len(self.rows_shown) - 1))
        if position < self._loaded:
            self._target = None
            self.move_cursor(row=position, animate=False)
        else:
            self._target = position

    def go_to(self, index: int) -> None:
        position = self._position.get(index)
        if position is not None:
            self.go_to_position(position)

    # -- width -----------------------------------------------------------------------------

    def _measure(self, session: ReviewSession) -> None:
        """The widths the number and flag columns need for this draft, then refit the columns."""
        self._number_width = max(2, len(str(max(len(session.statements) - 1, 0))))
        badges = max((3 * len(s.flags) - 1 for s in session.statements if s.flags), default=0)
        self._flags_width = max(len("Flags"), min(MAX_FLAGS, badges))
        self.fit_columns()

    def column_widths(self, width: int) -> dict[str, int]:
        """The width of each column for a table `width` cells wide: the statement text gets the rest."""
        number = getattr(self, "_number_width", 2)
        flags = getattr(self, "_flags_width", len("Flags"))
        fixed = {"n": number, "flags": flags, "tag": 14}
        padding = 2 * self.cell_padding * len(COLUMNS)
        free = width - sum(fixed.values()) - padding - 1  # 1: the vertical scrollbar
        share = NARROW_SOURCE_SHARE if width < NARROW_TABLE else WIDE_SOURCE_SHARE
        source = max(MIN_SOURCE, min(MAX_SOURCE, round(free * share)))
        return {**fixed, "source": source, "text": max(MIN_TEXT, free - source)}

    def fit_columns(self) -> None:
        """Set the column widths for the table's width (called on every resize)."""
        width = self.size.width
        if not width or not self.columns:
            return
        widths = self.column_widths(width)
        changed = False
        for column in self.ordered_columns:
            wanted = widths.get(column.key.value or "")
            if wanted is not None and column.width != wanted:
                column.width = wanted
                changed = True
        if changed:
            # Column widths have no public setter: mark the layout stale as add_column does.
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh(layout=True)
