"""Turning untrusted bytes into clean text: decoding, Unicode NFC, line endings, no control codes.

Article text must never drive the terminal, so every escape sequence (CSI, OSC, DCS, ...) and every
other control character except newline and tab is removed from every field.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings (ESC ] P X ^ _ ...
# terminated by BEL or ST on the same line), and two-character escapes. The 8-bit C1 forms (U+009B
# CSI, U+009D OSC, U+0090 DCS ...) are matched too. A string without its terminator loses only its
# introducer: what follows is plain text once every control character is gone, and a stray U+009D
# (mojibake of a closing quote, `â€\x9d`) must not swallow the rest of the article.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?                                                 # CSI
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)  # strings
    | \x1b[ -/]*[0-~]?                                                                # others
    """,
    re.VERBOSE,
)
# Category Cc except \n and \t, plus the bidi overrides and isolates that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CP1252_WARNING = "not valid UTF-8; the bytes that are not were read as Windows-1252 (cp1252)"


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return bytes(error.object[error.start : error.end]).decode("latin-1"), error.end


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    invalid = bytes(error.object[error.start : error.end])
    return invalid.decode("cp1252", errors="newsreader-latin1"), error.end


# cp1252 leaves five bytes undefined; those are read as Latin-1 rather than lost.
codecs.register_error("newsreader-latin1", _latin1_fallback)
# Bytes that are not UTF-8 are read as cp1252 one by one: a Windows file reads as cp1252, and a
# UTF-8 file with one stray cp1252 byte (or cut mid-character) keeps the rest of its letters.
codecs.register_error("newsreader-cp1252", _cp1252_fallback)


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes: UTF-8 (BOM or not), else cp1252. Returns the text and a warning."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="newsreader-cp1252"), CP1252_WARNING


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes beyond a stray few, or many other control bytes."""
    sample = data[:8192]
    if sample.count(0) > len(sample) // 100 + 1:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (0, 9, 10, 12, 13, 27))
    return controls > len(sample) // 20 + 2


def clean_text(text: str) -> str:
    """NFC, `\\n` line endings, no escape sequences, no control characters but `\\n`, `\\t`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """`clean_text` for one-line fields (title, author): whitespace runs become one space."""
    return " ".join(clean_text(text).split())


def web_link(url: str | None) -> str | None:
    """`url` when it is a web address a terminal may open (http or https), else None."""
    if url and _WEB_ADDRESS.fullmatch(url.strip()):
        return url.strip()
    return None


_WEB_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)
