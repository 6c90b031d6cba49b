"""The status line: review progress, the claims still open, and what the list is showing."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from factcheck.review import Progress
from factcheck.textsafe import safe

PROGRESS_WIDTH = 6


def progress_bar(share: float, width: int = PROGRESS_WIDTH) -> str:
    done = round(max(0.0, min(1.0, share)) * width)
    return "▰" * done + "▱" * (width - done)


def status_content(progress: Progress, view: str, saving: int = 0) -> Content:
    """What the list shows first (it changes with every filter), then progress, then what is open.

    Fits 80 columns for the plain filters; a long search or source name pushes the rest out.
    """
    parts: list[str | tuple[str, str]] = [
        (safe(view), "bold $text-accent"),
        " · ",
        (f"{progress.tagged}/{progress.claims} tagged ", "bold"),
        (progress_bar(progress.share), "$text-success"),
        " · open ",
        (f"{progress.unattributed_open} unattributed", "$text-error" if progress.unattributed_open else ""),
        ", ",
        (f"{progress.single_source_open} single-source", "$text-warning" if progress.single_source_open else ""),
    ]
    if saving:
        parts.append((f" · saving {saving}…", "$foreground-muted"))
    return Content.assemble(*parts)


class StatusBar(Static):
    """One line above the footer."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    """

    def show(self, progress: Progress, view: str, saving: int = 0) -> None:
        # One line whatever it says: no layout pass needed.
        self.update(status_content(progress, view, saving), layout=False)
