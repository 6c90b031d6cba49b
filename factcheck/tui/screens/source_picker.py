"""The source picker: correct who a claim rests on.

Type to search the registry and the draft's own sources (rapidfuzz forgives misspellings); enter
adds the highlighted source to the claim (a second, independent source corroborates it), ctrl+r
replaces the claim's sources with it. With nothing typed nothing is highlighted: enter never
attaches a source the reviewer did not choose. A name the registry does not know can be added as
a new source, by picking the "＋ New source" row on purpose. The other options mark the claim
unattributed or not a claim, or drop the correction and go back to the engine's reading; typing
their words ("not a claim", "unattributed", "engine") picks them, never a source of that name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from factcheck.models import SourceKind
from factcheck.review import (
    SPECIAL_LABELS,
    CorrectionAction,
    SourceChoice,
    is_close_match,
    is_known_name,
    match_sources,
    special_action,
)
from factcheck.textsafe import safe


@dataclass(frozen=True)
class SourcePick:
    """What the reviewer chose: an action of `ReviewSession.correct`, with a source for add/replace."""

    action: CorrectionAction
    name: str | None = None
    kind: SourceKind = "unknown"
    new: bool = False  # a source the registry does not know yet: add it there too


SPECIAL_MARKS: dict[str, str] = {"engine": "⟲", "unattributed": "∅", "not-claim": "¬", "claim": "¶"}


class SourcePickerScreen(ModalScreen[SourcePick | None]):
    """Returns a `SourcePick`, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker-cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("ctrl+r", "choose('replace')", "Replace", id="picker-replace"),
    ]

    def __init__(
        self,
        statement: str,
        current: Sequence[str],
        choices: Sequence[SourceChoice],
        *,
        corrected: bool,
        not_claim: bool,
        guess_kind=None,
    ) -> None:
        super().__init__()
        self._statement = statement
        self._current = list(current)
        self._choices = list(choices)
        self._corrected = corrected
        self._not_claim = not_claim
        self._guess_kind = guess_kind
        self._picks: dict[str, SourcePick] = {}

    def compose(self) -> ComposeResult:
        now = ", ".join(safe(name) for name in self._current) or "no source (unattributed)"
        with Vertical(id="picker-box", classes="dialog"):
            yield Static(safe(self._statement), markup=False, classes="dialog-context", id="picker-statement")
            yield Static(Content.assemble(("Now: ", "bold"), now), id="picker-now")
            yield Input(placeholder="Type a source: Reuters, a CATL spokesperson…", id="picker-input")
            yield OptionList(id="picker-options")
            yield Static("", classes="dialog-hint", id="picker-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#picker-box").border_title = "Who says so?"
        self._fill("")
        self.query_one("#picker-input", Input).focus()

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        """List the options for what is typed, and highlight the one enter should take, if any.

        Nothing is highlighted with nothing typed (enter must not attach the first source to a
        claim by itself), nor when only a new source would fit: creating one is done on purpose,
        with the arrows or the mouse.
        """
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        self._picks = {}
        highlight: int | None = None

        def add(option_id: str, prompt: Content, pick: SourcePick) -> int:
            self._picks[option_id] = pick
            options.add_option(Option(prompt, id=option_id))
            return options.option_count - 1

        def special(action: CorrectionAction) -> int:
            return add(
                action,
                Content.styled(f"{SPECIAL_MARKS[action]} {SPECIAL_LABELS[action]}", "$text-accent"),
                SourcePick(action),
            )

        typed = query.strip()
        meant = special_action(typed) if typed else None
        if not typed:
            if self._corrected:
                special("engine")
            special("unattributed")
            special("claim" if self._not_claim else "not-claim")
        elif meant is not None:
            # "not a claim", "unatributed", "engine": the option itself, never a source of that name.
            highlight = special(meant)
        for number, choice in enumerate(match_sources(query, self._choices)):
            position = add(
                f"choice-{number}",
                Content.assemble(
                    (safe(choice.name), "bold"),
                    (f"  {choice.kind}", "$foreground-muted"),
                    (f"  ·  {choice.in_draft} in this draft" if choice.in_draft else "", "$foreground-muted"),
                ),
                SourcePick("add", choice.name, choice.kind),
            )
            if number == 0 and typed and highlight is None and is_close_match(query, choice):
                highlight = position
        # A name nobody knows yet comes last, and is only ever chosen on purpose.
        if typed and meant is None and not is_known_name(query, self._choices):
            name = " ".join(query.split())
            kind: SourceKind = self._guess_kind(name) if self._guess_kind else "unknown"
            add(
                "new",
                Content.assemble(
                    ("＋ New source: ", "$text-success"), (safe(name), "bold"), (f" ({kind})", "$foreground-muted")
                ),
                SourcePick("add", name, kind, new=True),
            )
        options.highlighted = highlight
        self._hint(typed, highlight)

    def _hint(self, typed: str, highlight: int | None) -> None:
        if highlight is not None:
            text = "enter add as another source · ctrl+r replace · esc cancel"
            pick = self._highlighted()
            if pick is not None and pick.action not in ("add", "replace"):
                text = "enter choose · esc cancel"
        elif not typed:
            text = "type a name, or pick one with ↑↓ · esc cancel"
        elif "new" in self._picks:
            text = "↑ picks “＋ New source”, ↓ a listed one; then enter · esc cancel"
        else:
            text = "pick one with ↑↓, then enter · esc cancel"
        self.query_one("#picker-hint", Static).update(text)

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.option_count:
            if options.highlighted is None:
                # From nothing, ↓ starts at the top and ↑ at the bottom (where "＋ New source" is).
                options.highlighted = 0 if step > 0 else options.option_count - 1
            else:
                options.highlighted = max(0, min(options.option_count - 1, options.highlighted + step))
            self._hint(self.query_one("#picker-input", Input).value.strip(), options.highlighted)

    def _highlighted(self) -> SourcePick | None:
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self._picks.get(option.id or "")

    def action_choose(self, mode: str = "add") -> None:
        pick = self._highlighted()
        if pick is None:
            value = self.query_one("#picker-input", Input).value.strip()
            if not value:
                self.notify("Type a name or pick one with the arrows.", severity="warning", timeout=3)
            elif "new" in self._picks:
                self.notify(
                    f"No known source is “{safe(value)}”: press ↑ to pick “＋ New source”, then enter.",
                    severity="warning",
                    timeout=4,
                )
            else:
                self.notify("Pick one with the arrows.", severity="warning", timeout=3)
            return
        if mode == "replace" and pick.action == "add":
            pick = SourcePick("replace", pick.name, pick.kind, pick.new)
        self.dismiss(pick)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose("add")

    @on(OptionList.OptionSelected, "#picker-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        pick = self._picks.get(event.option.id or "")
        if pick is not None:
            self.dismiss(pick)

    def action_cancel(self) -> None:
        self.dismiss(None)
