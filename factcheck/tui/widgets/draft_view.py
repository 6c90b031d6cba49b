"""The draft view: the selected statement in its paragraph, with who says so marked in the text.

The mention of the source, the cue ("said", "according to") and the attributed content each get a
style of their own; an inherited attribution is drawn weaker (italic, muted) because an editor
should confirm it; the rest of the paragraph is muted. The text is cut at the offsets first and
each piece is then made terminal-safe, so highlights stay exact and "[sic]" stays literal.
"""

from __future__ import annotations

from itertools import pairwise

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from factcheck.review import ReviewSession
from factcheck.textsafe import safe

STYLE_OTHER = "$foreground-muted"
STYLE_FRAME = "$text"
STYLE_CONTENT = "$text on $primary-muted"
STYLE_CONTENT_WEAK = "italic $foreground-muted on $primary-muted"
STYLE_UNATTRIBUTED = "$text on $error-muted"
STYLE_MENTION = "bold underline $text-accent"
STYLE_CUE = "bold italic $text-success"
STYLE_NOTE = "italic $foreground-muted"


def paragraph_content(session: ReviewSession, index: int) -> Content:
    """Statement `index` in its paragraph, styled; or the statement alone if the text is missing."""
    return paragraph_parts(session, index)[0]


def paragraph_parts(session: ReviewSession, index: int) -> tuple[Content, int]:
    """`paragraph_content`, and where in it the selected statement starts (to scroll it into view)."""
    statement = session.statements[index]
    text = session.text
    members = session.paragraph_of(index)
    if text is None or text[statement.start : statement.end] != statement.text:
        text = statement.text
        lo, hi, base = 0, len(text), statement.start
        members = [index]
    else:
        lo, hi, base = session.statements[members[0]].start, session.statements[members[-1]].end, 0

    # (start, end, style) layers in draft offsets; later layers win where they overlap.
    layers: list[tuple[int, int, str]] = []
    for member in members:
        if member != index:
            s = session.statements[member]
            layers.append((s.start, s.end, STYLE_OTHER))
    if session.is_heading(index) or session.is_not_claim(index):
        content_style = STYLE_OTHER if session.is_not_claim(index) else "bold $text-primary"
    elif not statement.attributions:
        content_style = STYLE_UNATTRIBUTED
    elif all(a.basis == "inherited" for a in statement.attributions):
        content_style = STYLE_CONTENT_WEAK
    else:
        content_style = STYLE_CONTENT
    # The attribution frame ("Reuters reported that") in plain text, what it vouches for shaded.
    content = statement.content
    if content is not None and statement.start <= content.start < content.end <= statement.end:
        layers.append((statement.start, statement.end, STYLE_FRAME))
        layers.append((content.start, content.end, content_style))
    else:
        layers.append((statement.start, statement.end, content_style))
    for attribution in statement.attributions:
        for span, style in ((attribution.mention, STYLE_MENTION), (attribution.cue, STYLE_CUE)):
            if span is not None and statement.start <= span.start < span.end <= statement.end:
                layers.append((span.start, span.end, style))

    cuts = sorted({lo, hi, *(p for start, end, _ in layers for p in (start, end) if lo <= p <= hi)})
    parts: list[tuple[str, str] | str] = []
    selected_at = length = 0
    for start, end in pairwise(cuts):
        piece = text[start - base : end - base]
        if not piece:
            continue
        if start == statement.start:
            selected_at = length
        length += len(safe(piece))
        style = ""
        for layer_start, layer_end, layer_style in layers:
            if layer_start <= start and end <= layer_end:
                style = layer_style
        parts.append((safe(piece), style) if style else safe(piece))
    content = Content.assemble(*parts)
    if any(a.basis == "inherited" for a in statement.attributions):
        content = Content.assemble(content, ("\n\nInherited from the sentence before: confirm the source.", STYLE_NOTE))
    return content, selected_at


class DraftView(VerticalScroll):
    """A scrolling pane showing `paragraph_content` for the statement under the cursor."""

    DEFAULT_CSS = """
    DraftView > Static { width: 1fr; }
    """

    def compose(self):
        yield Static(Content("Reading the draft…"), id="draft-text")

    _shown: tuple[int, int, bool] | None = None

    def show(self, session: ReviewSession, index: int) -> None:
        # The text only changes with the statement or its reading: not with a tag or a note.
        shown = (index, id(session.statements[index]), session.is_not_claim(index))
        if shown == self._shown:
            return
        self._shown = shown
        content, selected_at = paragraph_parts(session, index)
        self.query_one("#draft-text", Static).update(content)
        self.call_after_refresh(self._reveal, content, selected_at)

    def _reveal(self, content: Content, offset: int) -> None:
        """Scroll so the selected statement starts on the second line (long paragraphs)."""
        width = self.scrollable_content_region.width
        if width <= 0 or offset <= 0:
            self.scroll_home(animate=False)
            return
        lines_before = len(content[:offset].wrap(width))
        self.scroll_to(y=max(0, lines_before - 2), animate=False)

    def show_message(self, message: str) -> None:
        self._shown = None
        self.query_one("#draft-text", Static).update(Content(message))
