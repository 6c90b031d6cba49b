"""The note editor: one line of free text on a statement; empty clears the note."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NoteScreen(ModalScreen[str | None]):
    """Returns the note (maybe empty: clear it), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="note-cancel")]

    def __init__(self, statement: str, note: str | None) -> None:
        super().__init__()
        self._statement = statement
        self._note = note or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog"):
            yield Static(self._statement, markup=False, id="note-statement", classes="dialog-context")
            yield Input(self._note, placeholder="Note for this statement", id="note-input")
            yield Static("enter save · empty clears · esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note-box").border_title = "Note"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
