"""Text that can always be written: every record leaves brinkwatch as valid UTF-8.

Python strings may hold lone surrogates (JSON escapes such as "\\ud800", file names that are not
UTF-8) that no UTF-8 writer accepts, and PostgreSQL refuses NUL in text. Readers clean what they
read and writers clean what they write; this module has no heavy imports so both can use it.
"""

from __future__ import annotations

import os
import re

_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` with each character that cannot be written or stored replaced by U+FFFD, one
    character for one, so offsets into it still hold."""
    return _UNWRITABLE.sub("\ufffd", text) if _UNWRITABLE.search(text) else text


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as writable text: bytes of a file name that are not UTF-8 show as `\\xNN`."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a str path holding surrogates that no file system produced
        return clean_text(os.fspath(path))
