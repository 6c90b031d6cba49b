"""The sources panel: who the draft rests on, and who did not answer.

Each source (and conduit) with the number of claims naming it and its share of the attributed
claims as a small bar; choosing one filters the statement list to its statements. Below it, the
non-response ledger.
"""

from __future__ import annotations

from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from factcheck.review import ReviewSession, ledger_text
from factcheck.textsafe import safe

BAR_WIDTH = 8
ALL_SOURCES = "all-sources"


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """A share as a bar of `width` cells, in eighths: "██▌     "."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width)


class SourcesPanel(Vertical):
    """The source list (an OptionList: keyboard and mouse) and the non-response ledger."""

    DEFAULT_CSS = """
    SourcesPanel > OptionList {
        height: auto;
        max-height: 1fr;
        border: none;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SourcesPanel > #ledger-pane { height: auto; max-height: 50%; }
    """

    class Chosen(Message):
        """A source was chosen (None: all sources)."""

        def __init__(self, source: str | None) -> None:
            super().__init__()
            self.source = source

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._names: dict[str, str] = {}

    def compose(self):
        yield OptionList(id="source-list")
        with VerticalScroll(id="ledger-pane"):
            yield Static(Content(""), id="ledger")

    def show(self, session: ReviewSession, chosen: str | None) -> None:
        options = self.query_one("#source-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        self._names = {}
        counts = session.source_counts()
        mark = "▸ " if chosen is None else "  "
        options.add_option(Option(Content.assemble(mark, ("All sources", "bold")), id=ALL_SOURCES))
        for number, count in enumerate(counts):
            option_id = f"source-{number}"
            self._names[option_id] = count.name
            mark = "▸ " if chosen is not None and chosen.casefold() == count.name.casefold() else "  "
            options.add_option(
                Option(
                    Content.assemble(
                        mark,
                        (bar(count.share), "$text-primary"),
                        f" {count.statements:>3} {round(count.share * 100):>3}% ",
                        (safe(count.name), "bold"),
                    ),
                    id=option_id,
                )
            )
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted
        lines = ledger_text(session.ledger())
        ledger = self.query_one("#ledger", Static)
        if lines:
            ledger.update(
                Content.assemble(("Did not respond\n", "bold $text-primary"), *(f"{safe(line)}\n" for line in lines))
            )
        else:
            ledger.update(Content.styled("No non-responses recorded.", "$foreground-muted"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ALL_SOURCES
        self.post_message(self.Chosen(self._names.get(option_id)))
