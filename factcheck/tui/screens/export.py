"""The export dialog: pick the memo's format; it is written next to the draft."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

CHOICES = (
    ("markdown", "Markdown memo (.md): to forward to an editor"),
    ("json", "JSON (.json): for programs"),
    ("csv", "CSV (.csv): for a spreadsheet"),
)


class ExportScreen(ModalScreen[str | None]):
    """Returns "markdown", "json" or "csv", or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export-cancel"),
        Binding("m", "pick('markdown')", "Markdown", show=False),
        Binding("j", "pick('json')", "JSON", show=False),
        Binding("c", "pick('csv')", "CSV", show=False),
    ]

    def __init__(self, where: str) -> None:
        super().__init__()
        self._where = where

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog"):
            yield OptionList(*(Option(label, id=fmt) for fmt, label in CHOICES), id="export-formats")
            yield Static(f"Writes to {self._where}", markup=False, classes="dialog-hint", id="export-where")
            yield Static("enter export · m/j/c pick · esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-box").border_title = "Export the fact-check memo"
        options = self.query_one("#export-formats", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_pick(self, fmt: str) -> None:
        self.dismiss(fmt)

    def action_cancel(self) -> None:
        self.dismiss(None)
