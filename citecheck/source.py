"""Reading an input: bytes from a file or standard input, decoded to text, or a clear error."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 64 * 1024 * 1024
"""Far above any real article (the largest wiki caps pages at 2 MiB); guards memory."""

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ", "an xz-compressed file"),
    (b"\x7fELF", "an executable"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(Exception):
    """An input that cannot be read as text; the message is meant for the user."""


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    """The path as given, or ``-`` for standard input."""
    text: str
    """The decoded text: a byte-order mark is removed, line endings are kept."""


def read_source(name: str, *, stdin: BinaryIO | None = None) -> Source:
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
    else:
        path = Path(name)
        try:
            if path.is_dir():
                raise InputError("is a directory")
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise InputError("no such file") from None
        except PermissionError:
            raise InputError("permission denied") from None
        except OSError as error:
            raise InputError(error.strerror or str(error)) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"too large (more than {MAX_BYTES // (1024 * 1024)} MiB)")
    return Source(name=name, text=decode(data))


def decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(f"not valid {encoding.upper()}: {error.reason}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {what}, not text")
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"binary data, not text (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} "
            f"(line {line}); save the file as UTF-8"
        ) from None
