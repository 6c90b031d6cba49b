"""What one statement looks like in the statement list: its flag badges, source, tag and text.

Cells are `rich.text.Text` built from plain strings, never parsed as markup, so "[sic]" in a draft
stays "[sic]". Colours come from the running theme (see `Palette`), so dark and light themes both
read well.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.text import Text
from textual.color import Color

from factcheck.models import Statement, TagRecord
from factcheck.review import source_label
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


def source_cell(statement: Statement, palette: Palette, *, corrected: bool) -> Text:
    label = safe(source_label(statement))
    inherited = bool(statement.attributions) and all(a.basis == "inherited" for a in statement.attributions)
    text = Text(no_wrap=True, overflow="ellipsis")
    if corrected:
        text.append("✎ ", style=palette.accent)
    if inherited:
        text.append(label, style=f"italic {palette.muted}")
    else:
        text.append(label)
    return text


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
