"""The reader: every encoding a newsroom sends gives the same text, and every bad input one line."""

from __future__ import annotations

import codecs
import io
import os
import shutil
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.models import InputError
from factcheck.read import decode_bytes, mask_markdown, read_draft

# One draft, written here, with what legacy editors mangle: curly quotes, an apostrophe, an em dash
# and an accented name. CRLF line ends, as a Windows editor saves them.
DRAFT = (
    "Héloïse Dupont, the bank’s chief executive, said the “merger” was done — Reuters reported.\r\n"
    "\r\n"
    "The regulator did not respond to a request for comment.\r\n"
)

VARIANTS = {
    "utf-8": (DRAFT.encode("utf-8"), "utf-8"),
    "utf-8 with BOM": (codecs.BOM_UTF8 + DRAFT.encode("utf-8"), "utf-8-sig"),
    "utf-16 le": (codecs.BOM_UTF16_LE + DRAFT.encode("utf-16-le"), "utf-16-le"),
    "utf-16 be": (codecs.BOM_UTF16_BE + DRAFT.encode("utf-16-be"), "utf-16-be"),
    "utf-32 le": (codecs.BOM_UTF32_LE + DRAFT.encode("utf-32-le"), "utf-32-le"),
    "utf-32 be": (codecs.BOM_UTF32_BE + DRAFT.encode("utf-32-be"), "utf-32-be"),
    "cp1252": (DRAFT.encode("cp1252"), "cp1252"),
}


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def input_error(path: os.PathLike | str, **kwargs) -> str:
    """Read `path`, expecting an InputError; check the message is one line and return it."""
    with pytest.raises(InputError) as caught:
        read_draft(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message
    return message


# --- Encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_encoding_gives_the_same_draft(tmp_path: Path, variant: str) -> None:
    data, encoding = VARIANTS[variant]
    draft = read_draft(write(tmp_path / "draft.txt", data))
    assert draft.text == DRAFT
    assert draft.raw == DRAFT
    assert draft.encoding == encoding
    assert draft.format == "text"
    # The identity does not depend on how the file was saved.
    assert draft.sha256 == read_draft(write(tmp_path / "utf8.txt", DRAFT.encode())).sha256
    if variant == "cp1252":
        assert len(draft.warnings) == 1
        assert "cp1252" in draft.warnings[0] and "line 1" in draft.warnings[0]
    else:
        assert draft.warnings == []


def test_line_endings_are_kept_so_offsets_index_the_file(tmp_path: Path) -> None:
    text = "One line.\r\nA lone CR.\rA plain LF.\nEnd."
    draft = read_draft(write(tmp_path / "mixed.txt", text.encode()))
    assert draft.text == text
    assert draft.text.index("A plain LF") == text.index("A plain LF")


def test_decomposed_text_is_not_normalised(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Héloïse said so.")
    assert draft_text(tmp_path, nfd.encode()) == nfd


def draft_text(tmp_path: Path, data: bytes) -> str:
    return read_draft(write(tmp_path / "d.txt", data)).text


def test_a_late_cp1252_line_in_a_large_utf8_file_is_patched_not_garbled(tmp_path: Path) -> None:
    utf8_line = "Zoë Müller said the “deal” — worth €4.5 billion — was off.\n"
    legacy_line = "The board’s “final” offer – rejected.\n"
    data = (utf8_line * 4000).encode() + legacy_line.encode("cp1252") + (utf8_line * 1000).encode()
    assert len(data) > 250_000
    draft = read_draft(write(tmp_path / "long.txt", data))

    assert draft.text == utf8_line * 4000 + legacy_line + utf8_line * 1000
    assert "â€" not in draft.text  # the signature of UTF-8 read as cp1252
    assert draft.encoding == "utf-8+cp1252"
    assert len(draft.warnings) == 1
    assert "line 4001" in draft.warnings[0] and "cp1252" in draft.warnings[0]


def test_several_legacy_lines_are_all_named(tmp_path: Path) -> None:
    good = "Ünal said “yes”.\n".encode()
    bad = "Ünal said “no”.\n".encode("cp1252")
    data = good * 10 + bad + good + bad + good * 10
    draft = read_draft(write(tmp_path / "d.txt", data))
    assert "lines 11 and 13" in draft.warnings[0]
    assert draft.text.count("Ünal said “no”.") == 2


def test_a_line_mixing_utf8_and_cp1252_keeps_its_utf8(tmp_path: Path) -> None:
    data = "Reuters’ “source”, ".encode() + "then a pasted “quote”".encode("cp1252")
    draft = read_draft(write(tmp_path / "d.txt", data))
    assert draft.text == "Reuters’ “source”, then a pasted “quote”"
    assert draft.warnings


def test_invalid_utf8_is_never_decoded_silently(tmp_path: Path) -> None:
    for data in (b"caf\xe9", b"\xc3", b"ok \xed\xa0\x80 surrogate", b"\xfe\xfd text", b"\x80"):
        draft = read_draft(write(tmp_path / "d.txt", data))
        assert draft.warnings, data


def test_bytes_cp1252_does_not_define_become_replacement_characters(tmp_path: Path) -> None:
    draft = read_draft(write(tmp_path / "d.txt", b"line one\n\x93quoted\x94 \x81 and \x9d\n"))
    assert draft.text == "line one\n“quoted” \ufffd and \ufffd\n"
    assert any("2 bytes" in w and "line 2" in w and "\ufffd" in w for w in draft.warnings)


def test_damaged_utf16_is_shown_and_named(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "line one\nline two".encode("utf-16-le") + b"\x00"  # an odd byte
    draft = read_draft(write(tmp_path / "d.txt", data))
    assert draft.text.startswith("line one\nline two")
    assert draft.warnings and "UTF-16 LE" in draft.warnings[0] and "line 2" in draft.warnings[0]


# --- Binary, empty and oversized input ------------------------------------------------------------


def test_a_nul_byte_after_the_first_64k_is_binary(tmp_path: Path) -> None:
    data = b"Plain prose.\n" * 6000 + b"\x00" + b"more prose\n"
    assert data.index(b"\x00") > 64 * 1024
    message = input_error(write(tmp_path / "late-nul.txt", data))
    assert "late-nul.txt" in message and "binary" in message and "line 6001" in message


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "a PNG image"),
        ("story.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        ("story.docx", b"PK\x03\x04\x14\x00\x06\x00", "a Word document"),
        ("story.zip", b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        ("anim.gif", b"GIF89a\x01\x00", "a GIF image"),
        ("pic.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        ("tool", b"\x7fELF\x02\x01\x01", "a program"),
        ("sources.db", b"SQLite format 3\x00" + bytes(84), "an SQLite database"),
        ("story.rtf", b"{\\rtf1\\ansi Reuters said", "an RTF document"),
    ],
)
def test_known_binary_formats_are_named(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    message = input_error(write(tmp_path / name, data))
    assert message.startswith(str(tmp_path / name))
    assert f"looks like {kind}" in message and "not a text draft" in message


def test_utf16_without_a_bom_is_named_not_called_binary(tmp_path: Path) -> None:
    message = input_error(write(tmp_path / "d.txt", DRAFT.encode("utf-16-le")))
    assert "UTF-16" in message and "byte-order mark" in message


def test_a_nul_inside_utf16_text_is_binary(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "text\x00more".encode("utf-16-le")
    assert "binary" in input_error(write(tmp_path / "d.txt", data))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t\r\n  ",
        "\u00a0\n\u2003\n".encode(),
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE + "  \n ".encode("utf-16-le"),
        "\u200b\ufeff".encode(),
    ],
)
def test_empty_or_blank_drafts_are_refused(tmp_path: Path, data: bytes) -> None:
    message = input_error(write(tmp_path / "blank.txt", data))
    decoded_empty = data in (b"", codecs.BOM_UTF8)
    what = "is empty" if decoded_empty else "holds only blank characters"
    assert message == f"{tmp_path / 'blank.txt'} {what}: nothing to check"


def test_markdown_with_nothing_but_markup_is_refused(tmp_path: Path) -> None:
    data = b"---\ntitle: A draft\n---\n\n```\ncode only\n```\n"
    message = input_error(write(tmp_path / "meta.md", data))
    assert "meta.md" in message and "nothing to check" in message


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "huge.txt", b"x" * 3000)
    message = input_error(path, max_bytes=2048)
    assert "huge.txt" in message and "2.9 KB" in message and "2 KB" in message
    assert read_draft(path, max_bytes=3000).text == "x" * 3000


# --- Paths that are not readable files ----------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    message = input_error(tmp_path / "nope.txt")
    assert message == f"{tmp_path / 'nope.txt'} does not exist: check the path"


def test_an_empty_path() -> None:
    assert input_error("").startswith("no draft given")


def test_a_path_through_a_file_is_missing(tmp_path: Path) -> None:
    file = write(tmp_path / "file.txt", b"text")
    assert "does not exist" in input_error(file / "child.txt")


def test_directory(tmp_path: Path) -> None:
    assert "is a folder, not a draft" in input_error(tmp_path)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            read_draft(fifo)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], InputError)
    assert "named pipe" in str(outcome[0])


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert "symbolic link loop" in input_error(tmp_path / "a.txt")


def test_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    assert "broken symbolic link" in input_error(tmp_path / "link.txt")


def test_a_symlink_to_a_draft_is_read(tmp_path: Path) -> None:
    target = write(tmp_path / "real.txt", b"Reuters said so.")
    (tmp_path / "link.txt").symlink_to(target)
    assert read_draft(tmp_path / "link.txt").text == "Reuters said so."


def test_permission_denied_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", b"secret")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("factcheck.read.os.open", refuse)
    message = input_error(path)
    assert "locked.txt" in message and "permission denied" in message


def test_permission_denied_for_real(tmp_path: Path) -> None:
    """An unreadable file and an untraversable folder, read by an unprivileged process.

    Root reads everything, so when the suite runs as root a forked child drops to "nobody" first.
    """
    base = Path(tempfile.mkdtemp(prefix="factcheck-perm-"))
    locked = write(base / "locked.txt", b"secret")
    inside = write(base / "closed" / "inside.txt", b"secret")
    try:
        base.chmod(0o755)
        locked.chmod(0o000)
        inside.parent.chmod(0o000)
        messages = _read_unprivileged([locked, inside])
    finally:
        inside.parent.chmod(0o700)
        shutil.rmtree(base)
    assert len(messages) == 2
    assert messages[0].startswith(f"{locked} cannot be read (permission denied): check the permissions")
    assert str(inside) in messages[1] and "permission denied" in messages[1]


def _read_unprivileged(paths: list[Path]) -> list[str]:
    """What `read_draft` says about each path, in a child process without root's privileges."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        status = 1
        try:
            os.close(reader)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            said = []
            for path in paths:
                try:
                    read_draft(path)
                    said.append("read without error")
                except InputError as exc:
                    said.append(str(exc))
            os.write(writer, "\n".join(said).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        output = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return output.split("\n")


def test_a_path_with_spaces_and_accents(tmp_path: Path) -> None:
    path = write(tmp_path / "Brouillons été" / "dépêche n° 2 — finale.md", b"# Titre\n\nLe *FT* a dit.")
    draft = read_draft(path)
    assert draft.path == str(path)
    assert draft.format == "markdown"
    assert draft.text == "  Titre\n\nLe  FT  a dit."
    assert draft.raw == "# Titre\n\nLe *FT* a dit."
    missing = input_error(path.with_name("autre dépêche.txt"))
    assert "autre dépêche.txt" in missing


def test_control_characters_in_a_file_name_do_not_reach_the_terminal(tmp_path: Path) -> None:
    message = input_error(tmp_path / "evil\x1b[2J\u202ename.txt")
    assert "\x1b" not in message and "\u202e" not in message
    assert "␛[2J<U+202E>name.txt" in message


# --- Standard input ----------------------------------------------------------------------------


def test_stdin_is_read_as_plain_text() -> None:
    data = b"# Not a heading here\n\nThe *FT* said."
    draft = read_draft("-", stdin=io.BytesIO(data))
    assert draft.path == "<stdin>"
    assert draft.format == "text"
    assert draft.text == data.decode()


def test_stdin_as_markdown_when_asked() -> None:
    draft = read_draft("-", stdin=io.BytesIO(b"# Title\n\nThe *FT* said."), markdown=True)
    assert draft.format == "markdown"
    assert draft.text == "  Title\n\nThe  FT  said."


def test_stdin_decodes_like_a_file() -> None:
    for data, _ in VARIANTS.values():
        assert read_draft("-", stdin=io.BytesIO(data)).text == DRAFT


def test_stdin_errors_name_standard_input() -> None:
    with pytest.raises(InputError, match=r"^standard input holds only blank characters"):
        read_draft("-", stdin=io.BytesIO(b"  \n"))
    with pytest.raises(InputError, match=r"^standard input looks like a PNG image"):
        read_draft("-", stdin=io.BytesIO(b"\x89PNG\r\n\x1a\n"))
    with pytest.raises(InputError, match=r"^standard input is more than the 10 bytes a draft may have"):
        read_draft("-", stdin=io.BytesIO(b"x" * 20), max_bytes=10)


def test_a_terminal_on_stdin_is_refused_rather_than_waited_on() -> None:
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    with pytest.raises(InputError, match="terminal"):
        read_draft("-", stdin=Terminal(b"never read"))


def test_short_reads_are_read_to_the_end() -> None:
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            piece, self.data = self.data[:7], self.data[7:]
            return piece

    assert read_draft("-", stdin=Trickle(DRAFT.encode())).text == DRAFT  # type: ignore[arg-type]


def test_markdown_is_decided_by_suffix(tmp_path: Path) -> None:
    for suffix in (".md", ".markdown", ".mdown", ".mkd", ".MD"):
        assert read_draft(write(tmp_path / f"d{suffix}", b"# T\n\nx")).format == "markdown"
    plain = write(tmp_path / "d.txt", b"# T\n\nx")
    assert read_draft(plain).format == "text"
    assert read_draft(plain, markdown=True).text == "  T\n\nx"
    assert read_draft(tmp_path / "d.md", markdown=False).text == "# T\n\nx"


def test_a_draft_keeps_its_identity_as_markdown_or_text(tmp_path: Path) -> None:
    data = b"## Heading\n\nThe **FT** reported it."
    as_md = read_draft(write(tmp_path / "d.md", data))
    as_txt = read_draft(write(tmp_path / "d.txt", data))
    assert as_md.sha256 == as_txt.sha256
    assert as_md.text != as_txt.text


# --- Markdown masking ---------------------------------------------------------------------------

ARTICLE_MD = """\
---
title: Chips abroad
author: desk
---

## Why are *AI companies* training abroad? ##

The **Financial Times** reported that [Alibaba](https://example.com/alibaba_news "Alibaba")
and ByteDance use data centres in `Singapore`, according to [Reuters][wire].

> “We follow the rules,” a spokesperson said.

- Operators told the FT that demand rose.
- The snake_case name and 3 * 4 stay as they are.
1. A first point.

```python
print("code is not prose")
```

| Source | Claim |
|--------|-------|
| Reuters | chips |

<!-- editor: check the figures -->
See <https://example.com/raw> and ![a chart](chart.png) [sic].

[wire]: https://example.com/reuters
"""


def test_masking_keeps_length_offsets_and_prose() -> None:
    masked = mask_markdown(ARTICLE_MD)
    assert len(masked) == len(ARTICLE_MD)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(ARTICLE_MD) if c == "\n"]
    # Every character either survives in place or becomes a space.
    assert all(m == o or m == " " for m, o in zip(masked, ARTICLE_MD, strict=True))
    for word in (
        "Why are",
        "AI companies",
        "training abroad?",
        "Financial Times",
        "Alibaba",
        "Singapore",
        "Reuters",
        "We follow the rules",
        "Operators told the FT",
        "snake_case",
        "3 * 4",
        "A first point.",
        "Source",
        "chips",
        "See",
        "[sic]",
    ):
        assert word in masked, word
        start = masked.index(word)
        assert ARTICLE_MD[start : start + len(word)] == word

    for gone in (
        "title:",
        "---",
        "##",
        "**",
        "https://",
        '"Alibaba"',
        "[wire]",
        "`",
        "print(",
        "|",
        "editor:",
        "a chart",
        "chart.png",
        "> ",
    ):
        assert gone not in masked, gone
    # List markers stay, so the items of a list are statements of their own.
    assert "- Operators told the FT" in masked and "1. A first point." in masked


def test_heading_lines_become_indented_text() -> None:
    masked = mask_markdown("# Title\n\nSetext title\n============\n\nBody text.\n")
    lines = masked.split("\n")
    assert lines[0] == "  Title"
    assert lines[2] == "Setext title" and lines[3].strip() == ""
    assert lines[5] == "Body text."


def test_emphasis_marks_go_but_lookalikes_stay() -> None:
    assert mask_markdown("a **bold** and __strong__ and *em* and _em_ and ~~struck~~") == (
        "a   bold   and   strong   and  em  and  em  and   struck  "
    )
    for prose in ("snake_case_name", "3 * 4 = 12", "a ~5% rise", "x_1 and y_2", "** alone", "C++ and C#"):
        assert mask_markdown(prose) == prose


def blank(markup: str) -> str:
    return " " * len(markup)


def test_links_keep_their_text_only() -> None:
    target = '](https://ft.com/a_(b) "FT title")'
    text = f"The [FT{target} and [AP][ap] and [Reuters][] said."
    assert mask_markdown(text) == (f"The  FT{blank(target)} and  AP{blank('][ap]')} and  Reuters{blank('][]')} said.")


def test_brackets_in_prose_stay_unless_defined() -> None:
    assert mask_markdown("He said [sic] it was [redacted].") == "He said [sic] it was [redacted]."
    assert mask_markdown("See [ap].\n\n[ap]: https://apnews.com\n") == "See  ap .\n\n                        \n"


def test_code_fences_are_blanked_whole_but_an_unclosed_fence_hides_nothing() -> None:
    assert mask_markdown("a\n```\nsecret()\n```\nb") == "a\n   \n        \n   \nb"
    assert mask_markdown("~~~~\nx\n~~~\n~~~~\nc") == "    \n \n   \n    \nc"
    assert mask_markdown("```\nThe rest of the draft.") == "   \nThe rest of the draft."


def test_front_matter_only_when_it_looks_like_metadata() -> None:
    assert mask_markdown("+++\ntitle = 'x'\n+++\nBody") == "   \n           \n   \nBody"
    prose = "---\nThe company said it would appeal.\n---\nMore."
    assert "The company said it would appeal." in mask_markdown(prose)


def test_a_year_at_the_start_of_a_wrapped_line_is_not_a_list() -> None:
    from factcheck.analysis.segment import segment

    text = "The plant opened in\n2019. The company said so.\n\n1. revenue of about £41m\n2. net debt of £18m"
    assert mask_markdown(text) == text  # list markers stay, as the items' own words
    assert [st.text for st in segment(mask_markdown(text))] == [
        "The plant opened in\n2019.", "The company said so.", "1. revenue of about £41m", "2. net debt of £18m"]


def test_list_items_without_full_stops_are_statements_of_their_own() -> None:
    from factcheck.analysis.segment import segment

    text = ("The update set out:\n- revenue of about £41m\n- a writedown of up to £2m\n\n"
            "* staff cuts at two mills\n* a new chair\n")
    assert [st.text for st in segment(mask_markdown(text))] == [
        "The update set out:", "- revenue of about £41m", "- a writedown of up to £2m", "* staff cuts at two mills",
        "* a new chair"]


def test_html_is_blanked_and_comments_across_lines() -> None:
    tail = " <https://x.org> <a@b.org> <script>x()</script>"
    text = "Keep <em>this</em>.\n<!-- hide\n\nthis -->Shown" + tail
    assert mask_markdown(text) == (
        f"Keep {blank('<em>')}this{blank('</em>')}.\n{blank('<!-- hide')}\n\n{blank('this -->')}Shown{blank(tail)}"
    )


def test_escapes_code_spans_and_crlf() -> None:
    assert mask_markdown("\\*not em\\* and ``a ` b``\r\nnext") == " *not em * and   a ` b  \r\nnext"


def test_tables_lose_pipes_and_delimiter_rows() -> None:
    assert mask_markdown("a | b\n--|--\nc | d\n\nx | y") == "a   b\n     \nc   d\n\nx | y"


def test_footnotes_keep_their_text() -> None:
    assert mask_markdown("Claim.[^1]\n\n[^1]: Reuters said.") == "Claim.    \n\n      Reuters said."


MARKUP = st.text(alphabet=st.sampled_from(list("ab  \n\r\t*_~`[]()<>!#-+=|:\\\"'^1.>x@/")), max_size=300)


@settings(max_examples=400, deadline=None)
@given(st.one_of(MARKUP, st.text(max_size=300)))
def test_masking_never_moves_anything(text: str) -> None:
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert all(m == o or (m == " " and o not in "\r\n") for m, o in zip(masked, text, strict=True))


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=400))
def test_decoding_never_raises_anything_but_input_error(data: bytes) -> None:
    try:
        text, encoding, warnings = decode_bytes(data, "fuzz.txt")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(text, str) and encoding
    text.encode("utf-8")  # no lone surrogates escape
    try:
        strict = data.decode("utf-8")
    except UnicodeDecodeError:
        assert warnings or encoding != "utf-8"
    else:
        if encoding == "utf-8":
            assert text == strict and not warnings


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), max_size=200))
def test_utf8_drafts_decode_to_themselves(text: str) -> None:
    data = text.encode("utf-8")
    try:
        decoded, encoding, warnings = decode_bytes(data, "d.txt")
    except InputError as exc:
        assert "looks like" in str(exc)  # a draft that happens to start with a magic number
        return
    assert (decoded, encoding, warnings) == (text, "utf-8", [])


# --- Linear time on hostile input ------------------------------------------------------------------

HOSTILE = {
    "open brackets": "[" * 200_000,
    "bracket then paren": "[a](" * 50_000,
    "nested images": "![" * 50_000 + "]" * 50_000,
    "unclosed titles": '[a](b "' * 30_000,
    "emphasis soup": "*_" * 100_000,
    "backtick runs": "".join("`" * (i % 40 + 1) + "x" for i in range(10_000)),
    "angle brackets": "<a " * 70_000,
    "escapes": "\\" * 200_000,
    "fences": "```\n" * 50_000,
    "quote marks": ">" * 200_000,
    "table rows": "a|b\n-|-\n" + "x|y\n" * 50_000,
    "long line without punctuation": "word " * 40_000,
    "comment openers": "<!--" * 50_000,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_masking_is_fast_on_hostile_input(name: str) -> None:
    text = HOSTILE[name]
    started = time.perf_counter()
    assert len(mask_markdown(text)) == len(text)
    assert time.perf_counter() - started < 2.0


def test_decoding_many_legacy_lines_is_fast(tmp_path: Path) -> None:
    data = "Ünal said “yes”.\n".encode() * 20_000 + "“No” – she said.\n".encode("cp1252") * 30_000
    started = time.perf_counter()
    draft = read_draft(write(tmp_path / "d.txt", data))
    assert time.perf_counter() - started < 2.0
    assert draft.encoding == "cp1252" and draft.warnings
