"""The help screen: `help.md` rendered in a modal."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

HELP_FILE = Path(__file__).resolve().parent.parent / "help.md"


def help_text() -> str:
    return HELP_FILE.read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    """The keys, the flags and the tags, explained; any of escape, q, ? or enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1,enter", "close", "Close", id="help-close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-body"):
                yield Markdown(help_text(), id="help-markdown")
            yield Static("↑/↓ scroll · esc close", id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "factcheck review: help"
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
