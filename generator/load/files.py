"""Reading the project's files: what the file system can refuse is a problem, never an exception.

Only regular files are opened (a FIFO would wait for a writer for ever), no more than the
file size limit is read, and the text is made uniform: UTF-8, `\\n` line endings, NFC.
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from pathlib import Path

from generator.errors import Problem
from generator.model.limits import MAX_FILE_BYTES
from generator.model.values import UNPRINTABLE


def file_kind(path: Path) -> str | OSError:
    """What `path` is, its links followed: "file", "folder", "missing" or "other"; or why that cannot be told."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except OSError as error:  # denied, a loop of links, a file where a folder should be
        return error
    return "file" if stat.S_ISREG(mode) else "folder" if stat.S_ISDIR(mode) else "other"


def read_text(path: Path, display: str) -> str | Problem:
    """A file's text: UTF-8 with or without a BOM, line endings as `\\n`, Unicode as NFC."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return Problem(display, None, None, "not a regular file; expected a text file")
        if status.st_size > MAX_FILE_BYTES:
            return Problem(display, None, None, f"the file is {status.st_size:,} bytes; expected at most {MAX_FILE_BYTES:,}")
        with open(path, "rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)  # a file that grew since: no more is read than the limit
    except OSError as error:
        return Problem(display, None, None, f"cannot be read ({error.strerror}); expected a readable file")
    if len(data) > MAX_FILE_BYTES:
        return Problem(display, None, None, f"the file is over {MAX_FILE_BYTES:,} bytes; expected at most {MAX_FILE_BYTES:,}")
    nul = data.find(b"\0")
    if nul >= 0:
        return Problem(display, None, None, f"NUL byte at byte offset {nul}; expected text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Problem(
            display, None, None, f"not UTF-8: byte 0x{data[error.start]:02x} at byte offset {error.start}; expected UTF-8 text"
        )
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    bad = UNPRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return Problem(display, line, column, f"control character U+{ord(bad.group()):04X}; expected text")
    return text


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as `sha256sum` prints it; empty if it cannot be read
    (a file read a moment before: one that went since is reported at its next read)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            digest.update(file.read(MAX_FILE_BYTES + 1))
    except OSError:
        return ""
    return digest.hexdigest()
