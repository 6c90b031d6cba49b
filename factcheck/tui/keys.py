"""Every key of the review screen, in one place: the footer, the help screen and the command
palette are all built from this list, so they never disagree.

The order is the footer's: on an 80-column terminal it shows the first keys, so the keys a
reviewer presses on every claim come first.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """A key of the review screen: its binding, and how the command palette and help name it."""

    binding: Binding
    command: str  # the command palette's title
    help: str  # one line for the palette and the help screen


def _key(
    keys: str,
    action: str,
    short: str,
    command: str,
    help: str,
    *,
    id: str,
    show: bool = True,
    display: str | None = None,
) -> Key:
    return Key(Binding(keys, action, short, show=show, key_display=display, tooltip=help, id=id), command, help)


REVIEW_KEYS: tuple[Key, ...] = (
    _key(
        "v",
        "tag('verified')",
        "Verified",
        "Tag verified",
        "Tag the claim verified and move to the next one",
        id="tag-verified",
    ),
    _key("x", "tag('disputed')", "Disputed", "Tag disputed", "Tag the claim disputed", id="tag-disputed"),
    _key(
        "n",
        "tag('needs-source')",
        "Needs source",
        "Tag needs-source",
        "Tag the claim needs-source: it must not run without one",
        id="tag-needs-source",
    ),
    _key(
        "s",
        "source",
        "Source",
        "Change or add a source",
        "Correct who the claim rests on: add a source, replace it, or mark it not a claim",
        id="source",
    ),
    _key("a", "note", "Note", "Add or edit a note", "Write a note on the claim (empty clears it)", id="note"),
    _key(
        "f",
        "cycle_filter",
        "Filter",
        "Cycle filters",
        "Show all, unattributed, single-source, non-response or untagged claims",
        id="filter",
    ),
    _key(
        "slash",
        "search",
        "Search",
        "Search statements",
        "Find statements containing some text",
        id="search",
        display="/",
    ),
    _key("question_mark,f1", "help", "Help", "Help", "Show the keys and what the flags mean", id="help", display="?"),
    _key("q", "quit", "Quit", "Quit", "Quit (every change is already saved)", id="quit"),
    _key(
        "e",
        "export",
        "Export",
        "Export the memo",
        "Write the fact-check memo (Markdown, JSON or CSV) next to the draft",
        id="export",
    ),
    _key("u", "undo", "Undo", "Undo the last change", "Undo your last tag, note or source change", id="undo"),
    _key("c", "clear_tag", "Clear", "Clear the tag", "Remove the claim's review tag (its note stays)", id="tag-clear"),
    _key(
        "o",
        "toggle_sources",
        "Sources",
        "Show or hide the sources panel",
        "The sources panel: pick a source to see only its statements",
        id="sources-panel",
    ),
    _key("j", "cursor_down", "Down", "Next statement", "Move to the next statement", id="cursor-down", show=False),
    _key("k", "cursor_up", "Up", "Previous statement", "Move to the previous statement", id="cursor-up", show=False),
    _key("g", "first", "First", "First statement", "Move to the first statement", id="first", show=False),
    _key("G", "last", "Last", "Last statement", "Move to the last statement", id="last", show=False),
    _key(
        "escape",
        "clear_filters",
        "Show all",
        "Clear filters",
        "Clear the filter, the source choice and the search",
        id="clear-filters",
        show=False,
        display="esc",
    ),
)

REVIEW_BINDINGS: list[Binding] = [key.binding for key in REVIEW_KEYS]
