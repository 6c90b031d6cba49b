"""A one-line banner under the header for what the reviewer must not miss: a read-only database,
changes that could not reach the database.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class Banner(Static):
    """Hidden until `say` is called; `-error` styles a problem, the default a warning."""

    DEFAULT_CSS = """
    Banner {
        display: none;
        height: auto;
        padding: 0 1;
        background: $warning-muted;
        color: $text;
        text-style: bold;
    }
    Banner.-shown { display: block; }
    Banner.-error { background: $error-muted; }
    """

    def say(self, message: str, *, error: bool = False) -> None:
        self.update(Content(message))
        self.set_class(True, "-shown")
        self.set_class(error, "-error")

    def hide(self) -> None:
        self.set_class(False, "-shown")
