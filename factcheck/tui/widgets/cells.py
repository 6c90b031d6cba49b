"""What one statement looks like in the statement list: its flag badges, source, tag and text.

Cells are `rich.text.Text` built from plain strings, never parsed as markup, so "[sic]" in a draft
stays "[sic]". Colours come from the running theme (see `Palette`), so dark and light themes both
read well.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.color import Color

from factcheck.models import Statement, TagRecord
from factcheck.textsafe import safe

# Two-letter badges, so five flags still fit an 80-column terminal; the help screen and the
# details panel spell them out.
BADGES: dict[str, tuple[str, str]] = {
    "unattributed": ("UN", "error"),
    "single-source": ("1S", "warning"),
    "corroborated": ("CO", "success"),
    "inherited": ("IN", "muted"),
    "non-response": ("NR", "accent"),
}
TAG_LOOK: dict[str, tuple[str, str]] = {
    "verified": ("✓ verified", "success"),
    "disputed": ("✗ disputed", "error"),
    "needs-source": ("? needs-source", "warning"),
}


@dataclass(frozen=True)
class Palette:
    """Theme colours for rich cells (rich cannot read Textual's $variables itself)."""

    error: str = "red"
    warning: str = "yellow"
    success: str = "green"
    accent: str = "magenta"
    primary: str = "blue"
    muted: str = "grey50"

    @classmethod
    def from_variables(cls, variables: Mapping[str, str]) -> Palette:
        background = Color.parse(variables.get("surface") or variables.get("background") or "#000000")

        def pick(*names: str, default: str) -> str:
            for name in names:
                value = variables.get(name)
                if value and value.startswith("#"):
                    # rich takes no alpha channel: blend a translucent colour over the background.
                    return (background + Color.parse(value)).hex[:7]
            return default

        return cls(
            error=pick("text-error", "error", default=cls.error),
            warning=pick("text-warning", "warning", default=cls.warning),
            success=pick("text-success", "success", default=cls.success),
            accent=pick("text-accent", "accent", default=cls.accent),
            primary=pick("text-primary", "primary", default=cls.primary),
            muted=pick("foreground-muted", "foreground-darken-2", default=cls.muted),
        )

    def colour(self, name: str) -> str:
        return getattr(self, name)


def flags_cell(statement: Statement, palette: Palette, *, heading: bool, not_claim: bool) -> Text:
    if heading:
        return Text("§", style=palette.primary)
    if not_claim:
        return Text("—", style=palette.muted)
    text = Text(no_wrap=True, overflow="ellipsis")
    for flag in statement.flags:
        badge, colour = BADGES.get(flag, (flag[:2].upper(), "muted"))
        if text:
            text.append(" ")
        text.append(badge, style=f"bold {palette.colour(colour)}")
    return text


class SourceLabel:
    """A source cell that fits itself to its column when drawn: "people fam… via Reuters".

    Cutting the whole label at the column's edge loses the conduit, the part an editor most
    often needs ("two people familiar with the matter via Reuters" → "two people fa…"); this
    shortens each source's own name first and keeps "via …" while there is room for it.
    """

    def __init__(self, parts: list[tuple[str, str | None]], *, style: str, mark: Text | None) -> None:
        self.parts = parts
        self.style = style
        self.mark = mark
        self.plain = (mark.plain if mark else "") + " + ".join(
            f"{source} via {via}" if via else source for source, via in parts
        )

    def __str__(self) -> str:
        return self.plain

    def fitted(self, width: int) -> Text:
        """The label in at most `width` cells."""
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.mark is not None:
            text.append_text(self.mark)
        room = width - text.cell_len
        labels = [f"{source} via {via}" if via else source for source, via in self.parts]
        joined = " + ".join(labels)
        if cell_len(joined) <= room or room <= 0:
            text.append(joined, style=self.style)
            text.truncate(max(width, 0), overflow="ellipsis")
            return text
        share = max(1, (room - 3 * (len(self.parts) - 1)) // len(self.parts))
        for number, (source, via) in enumerate(self.parts):
            if number:
                text.append(" + ", style=self.style)
            text.append_text(_fit_part(source, via, share, self.style))
        text.truncate(width, overflow="ellipsis")
        return text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.fitted(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, cell_len(self.plain))


def _fit_part(source: str, via: str | None, width: int, style: str) -> Text:
    """One "source via conduit" in `width` cells: the source is shortened before the conduit."""
    suffix = f" via {via}" if via else ""
    part = Text(source + suffix, style=style, no_wrap=True, end="")
    if part.cell_len <= width:
        return part
    if suffix and cell_len(suffix) + 4 <= width:
        head = Text(source, style=style, no_wrap=True, end="")
        head.truncate(width - cell_len(suffix), overflow="ellipsis")
        head.append(suffix, style=style)
        return head
    part.truncate(width, overflow="ellipsis")
    return part


def source_cell(statement: Statement, palette: Palette, *, corrected: bool) -> SourceLabel:
    parts: list[tuple[str, str | None]] = []
    for attribution in statement.attributions:
        via = safe(attribution.via) if attribution.via and attribution.via != attribution.source else None
        part = (safe(attribution.source), via)
        if part not in parts:
            parts.append(part)
    inherited = bool(statement.attributions) and all(a.basis == "inherited" for a in statement.attributions)
    mark = Text("✎ ", style=palette.accent) if corrected else None
    return SourceLabel(parts, style=f"italic {palette.muted}" if inherited else "", mark=mark)


def tag_cell(record: TagRecord | None, palette: Palette) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    if record is not None and record.tag is not None:
        label, colour = TAG_LOOK[record.tag]
        text.append(label, style=f"bold {palette.colour(colour)}")
    if record is not None and record.note:
        text.append(" ✉" if text else "✉", style=palette.accent)
    return text


def text_cell(statement: Statement, palette: Palette, *, heading: bool, not_claim: bool) -> Text:
    text = Text(safe(statement.text), no_wrap=True, overflow="ellipsis")
    if heading:
        text.stylize(f"bold {palette.primary}")
    elif not_claim:
        text.stylize(palette.muted)
    return text


def number_cell(statement: Statement, *, heading: bool) -> Text:
    return Text("" if heading else str(statement.index), justify="right")
