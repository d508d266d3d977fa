"""Decoding and clean-up: what a user reads never carries control codes or terminal escapes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from articles.archive import read_file
from articles.cleanup import (
    CP1252_WARNING,
    clean_line,
    clean_text,
    decode,
    looks_binary,
    web_link,
)
from articles.model import Article


def _read_one(path: Path, data: bytes) -> tuple[Article, list[str]]:
    path.write_bytes(data)
    contents = read_file(path)
    assert contents.skipped is None
    (article,) = contents.articles
    return article, [warning.message for warning in contents.warnings]


def test_utf8_with_bom_and_crlf_reads_like_plain_utf8(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf date 2024-06-20 Gra\xc4\x8danica\r\nFirst line.\r\nSecond line.\r\n"
    article, warnings = _read_one(tmp_path / "bom.txt", data)
    assert warnings == []
    assert article.title == "Gračanica"
    assert article.date is not None
    assert article.body == "First line.\nSecond line."
    assert "\r" not in article.body
    assert "\ufeff" not in article.title


def test_cp1252_bytes_are_read_with_a_warning(tmp_path: Path) -> None:
    data = " date 2024-01-05 Caf\xe9 prices\n\x93Quoted\x94 words \x96 and a \x80 sign.\n".encode(
        "latin-1"
    )
    article, warnings = _read_one(tmp_path / "windows.txt", data)
    assert article.title == "Café prices"
    assert article.body == "\u201cQuoted\u201d words \u2013 and a \u20ac sign."
    assert len(warnings) == 1
    assert "cp1252" in warnings[0] or "1252" in warnings[0]


def test_decode_reports_no_warning_for_utf8() -> None:
    assert decode("Łódź".encode()) == ("Łódź", None)


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    decomposed = "Caf" + "e\u0301"
    assert unicodedata.is_normalized("NFD", decomposed)
    text = f" date 2024-01-05 {decomposed}\nA {decomposed} by the river.\n"
    article, _ = _read_one(tmp_path / "nfd.txt", text.encode())
    assert article.title == "Caf\u00e9"
    assert article.body == "A Caf\u00e9 by the river."


def test_nul_and_control_characters_are_removed() -> None:
    assert clean_text("a\x00b\x07c\x08d\x7fe\x85f\u202eg") == "abcdefg"
    assert clean_text("tabs\tand\nnewlines stay") == "tabs\tand\nnewlines stay"


@pytest.mark.parametrize(
    "escape",
    [
        "\x1b[2J",  # CSI: clear the screen
        "\x1b[31;1m",  # CSI: colours
        "\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07",  # OSC 52: write the clipboard
        "\x1b]0;new window title\x07",  # OSC 0: window title
        "\x1b]8;;https://example.org\x1b\\",  # OSC 8 hyperlink, ST-terminated
        "\x1bP1$qm\x1b\\",  # DCS
        "\x9b2J",  # 8-bit CSI
        "\x1bc",  # RIS: reset the terminal
    ],
)
def test_terminal_escapes_are_removed_from_title_and_body(tmp_path: Path, escape: str) -> None:
    text = f" date 2024-01-05 Safe{escape} title\nA body{escape} with tricks.\n"
    article, _ = _read_one(tmp_path / "escape.txt", text.encode())
    assert article.title == "Safe title"
    assert article.body == "A body with tricks."
    for field in (article.title, article.body):
        assert "\x1b" not in field
        assert "\x07" not in field
        assert "\x9b" not in field


def test_escapes_are_removed_from_every_json_lines_field(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"title": "T\\u001b]0;x\\u0007itle", "author": "Ann\\u001b[2J Lee", '
        '"body": "Bo\\u001b]52;c;eA==\\u0007dy", "url": "https://e.org/\\u001b[1m"}\n',
        encoding="utf-8",
    )
    (article,) = read_file(path).articles
    assert (article.title, article.author, article.body) == ("Title", "Ann Lee", "Body")
    assert article.url == "https://e.org/"


def test_markup_is_kept_literally(tmp_path: Path) -> None:
    article, _ = _read_one(
        tmp_path / "markup.txt",
        b" date 2024-01-05 [bold]x[/] and [red]y\nBody with [link=http://e.org]z[/link].\n",
    )
    assert article.title == "[bold]x[/] and [red]y"
    assert article.body == "Body with [link=http://e.org]z[/link]."


def test_clean_line_collapses_whitespace() -> None:
    assert clean_line("  A\ttitle \n on two\r\nlines ") == "A title on two lines"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Mojibake of a closing quote carries U+009D, the 8-bit OSC introducer.
        (
            "He said \u00e2\u20ac\u009dyes.\nThe vote passed.",
            "He said \u00e2\u20acyes.\nThe vote passed.",
        ),
        (
            "An unterminated \x1b]0;title\nand the story goes on.",
            "An unterminated 0;title\nand the story goes on.",
        ),
        ("A stray \x90 byte, then the rest.", "A stray  byte, then the rest."),
    ],
)
def test_an_unterminated_escape_string_does_not_swallow_the_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_one_stray_byte_does_not_garble_a_utf8_article(tmp_path: Path) -> None:
    data = " date 2024-03-14 Gašić in Baku\nGašić said the caf".encode() + b"\xe9 was good.\n"
    article, warnings = _read_one(tmp_path / "mostly-utf8.txt", data)
    assert article.title == "Gašić in Baku"
    assert article.body == "Gašić said the café was good."
    assert len(warnings) == 1


def test_bytes_cp1252_leaves_undefined_are_read_as_latin1() -> None:
    # 0x81 0x8d 0x8f 0x90 0x9d have no cp1252 letter; Latin-1 gives them one (a control code
    # that clean_text then removes), so no byte is lost and decoding never fails.
    text, warning = decode(b"caf\xe9 \x81\x8d\x8f\x90\x9d \x93quoted\x94")
    assert text == "café \x81\x8d\x8f\x90\x9d “quoted”"
    assert warning == CP1252_WARNING


def _kilobyte_with(byte: bytes, count: int) -> bytes:
    """1,000 bytes of text holding `count` of `byte`."""
    return b"word " * ((1000 - count) // 5) + b"x" * ((1000 - count) % 5) + byte * count


def test_a_few_nul_bytes_are_text_and_more_are_binary() -> None:
    # Up to one NUL per hundred bytes (and one more) is a stray; 1,000 bytes may hold 11.
    assert not looks_binary(_kilobyte_with(b"\x00", 11))
    assert looks_binary(_kilobyte_with(b"\x00", 12))


def test_a_few_control_bytes_are_text_and_more_are_binary() -> None:
    # One in twenty, and two more: 1,000 bytes may hold 52.
    assert not looks_binary(_kilobyte_with(b"\x01", 52))
    assert looks_binary(_kilobyte_with(b"\x01", 53))


@pytest.mark.parametrize("byte", [b"\t", b"\n", b"\x0c", b"\r", b"\x1b"])
def test_tabs_line_breaks_form_feeds_and_escapes_are_text(byte: bytes) -> None:
    assert not looks_binary(_kilobyte_with(byte, 300))


def test_only_the_first_8_kib_are_looked_at() -> None:
    # 82 NULs are as many as 8,192 bytes may hold; an 83rd after them does not count.
    first = b"word " * 1622 + b"\x00" * 82
    assert len(first) == 8192
    assert not looks_binary(first + b"\x00" + b"more text" * 10)
    assert looks_binary(first[1:] + b"\x00")


@pytest.mark.parametrize(
    ("url", "link"),
    [
        (" https://example.org/a?b=1 ", "https://example.org/a?b=1"),
        ("HTTP://example.org", "HTTP://example.org"),
        (None, None),
        ("", None),
        ("javascript:alert(1)", None),
        ("https://example.org/\x1b]8;;evil", None),
    ],
)
def test_only_web_addresses_become_links(url: str | None, link: str | None) -> None:
    assert web_link(url) == link


def test_old_mac_line_endings_become_newlines() -> None:
    assert clean_text("one\rtwo\r\nthree") == "one\ntwo\nthree"
