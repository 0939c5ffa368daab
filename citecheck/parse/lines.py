"""One line of copied text, described: what every decision of the text reader looks at.

Copied text keeps no markup, so the reader judges each line by its shape: its markers,
its words, whether it ends a sentence, whether it looks like a bullet, a table row or an
image placeholder, whether it continues the line above. This module measures those
shapes; it decides nothing about what a line is, which is the reader's job
(:mod:`citecheck.parse.text`) and, for web pages, :mod:`citecheck.parse.webpage`'s.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from enum import Enum

from citecheck.parse.markers import Marker, MarkerKind, scan_markers, tag_key


class Kind(Enum):
    UNSET = -1
    """Not decided yet."""
    BLANK = 0
    SKIP = 1
    """Chrome, the title, a table of contents, web boilerplate: nothing at all."""
    HEADING = 2
    ENTRY = 3
    """A reference or note list entry (or a continuation line of one)."""
    SOURCE = 4
    """A bibliography item: a full citation that no marker points at."""
    PROSE = 5
    ITEM = 6
    OTHER = 7
    """Non-prose (infobox, caption, navbox): its markers count as uses, nothing more."""
    BANNER = 8


# Not frozen: the reader settles a line's kind over several passes, each one leaving
# the lines it cannot decide yet for the next.
@dataclass(slots=True)
class Line:
    start: int
    end: int
    """End of the line's content, before ``\\n``."""
    lstart: int
    rend: int
    """The stripped content is ``text[lstart:rend]``."""
    kind: Kind = Kind.BLANK
    body: int = 0
    """Where the content begins after a list bullet."""
    markers: list[Marker] = field(default_factory=list)
    bare: str = ""
    """The stripped content without markers."""
    words: int = 0
    terminal: bool = False
    ends_marker: bool = False
    bullet: bool = False
    table: bool = False
    image: bool = False
    join: bool = False
    quote: bool = False
    edit_title: str | None = None
    """The title of a heading that ends in ``[edit]``."""
    banner: str | None = None
    banner_date: str | None = None


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TABLE = re.compile(r"\S[ \t\u00a0]{3,}\S")
_BULLET = re.compile(r"(?:[•*·▪◦‣○●□■◆–-]|\d{1,3}[.)])[ \t\u00a0]+(?=\S)")
_IMAGE = re.compile(r"\[[^\[\]\s]{1,200}\]")
_LABEL = re.compile(r"[^\W\d][\w()/'’ .-]{0,28}:[ \t\u00a0]")
_CLOSERS = "\"'”’)]»」』 \t\u00a0"
_ENDINGS = frozenset(".!?…:。！？")
_EDIT_KEYS = frozenset({"edit", "edit source", "edit edit source"})


def ends_sentence(bare: str) -> bool:
    stripped = bare.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _ENDINGS


def truncated(bare: str) -> bool:
    return bare.endswith(("...", "…"))


def split_lines(text: str) -> list[Line]:
    lines = []
    start = 0
    length = len(text)
    while start <= length:
        newline = text.find("\n", start)
        end = length if newline < 0 else newline
        raw = text[start:end]
        stripped_left = raw.lstrip()
        if stripped_left:
            lstart = end - len(stripped_left)
            rend = start + len(raw.rstrip())
        else:
            lstart = rend = end
        kind = Kind.UNSET if lstart < rend else Kind.BLANK
        lines.append(Line(start, end, lstart, rend, kind=kind, body=lstart))
        if newline < 0:
            break
        start = newline + 1
    return lines


def describe(text: str, line: Line) -> None:
    """Fill in what every later decision looks at: markers, words, punctuation, shape."""
    content = text[line.lstart : line.rend]
    bullet = _BULLET.match(content)
    if bullet is not None:
        line.bullet = True
        line.body = line.lstart + bullet.end()
    line.markers = scan_markers(content, line.lstart)
    if line.markers:
        pieces = []
        cursor = line.lstart
        for marker in line.markers:
            pieces.append(text[cursor : marker.start])
            cursor = marker.end
        pieces.append(text[cursor : line.rend])
        line.bare = "".join(pieces).strip()
        last = line.markers[-1]
        line.ends_marker = last.end == line.rend and last.kind is not MarkerKind.DROP
    else:
        line.bare = content
    line.words = len(_WORD.findall(line.bare))
    line.terminal = ends_sentence(line.bare)
    line.table = _TABLE.search(content) is not None
    line.image = (
        _IMAGE.fullmatch(content) is not None and not line.markers and "[" not in content[1:-1]
    )
    if content.endswith("]"):
        bracket = content.rfind("[")
        if bracket > 0 and tag_key(content[bracket + 1 : -1]) in _EDIT_KEYS:
            title = content[:bracket].strip()
            if title:
                line.edit_title = title


def heading_like(line: Line) -> bool:
    """Short, no sentence punctuation, no markers: the shape of a heading."""
    bare = line.bare
    return (
        not line.bullet
        and not line.image
        and not line.table
        and not line.markers
        and 1 <= line.words <= 12
        and len(bare) <= 100
        and not line.terminal
        and bare[-1] not in ",;-–—"
        and (bare[0].isupper() or bare[0].isdigit())
    )


def prose_like(line: Line, *, strict: bool) -> bool:
    """Sentence-like text; ``strict`` before the first paragraph, where infoboxes are."""
    if line.table or line.image or line.words == 0:
        return False
    if strict:
        if line.terminal:
            # "Alma mater: Harvard U." is an infobox row, not a sentence.
            return (line.words >= 3 or line.ends_marker) and _LABEL.match(line.bare) is None
        return line.ends_marker and line.words >= 10
    return (
        (line.terminal and line.words >= 2)
        or (line.ends_marker and line.words >= 4)
        or line.words >= 12
    )


def wraps(text: str, previous: Line, line: Line) -> bool:
    """Does ``line`` continue ``previous``: one paragraph hard-wrapped over two lines?"""
    if previous.terminal or line.bullet or line.image or line.table:
        return False
    first = text[line.lstart]
    if first.islower():
        return True
    last = previous.bare[-1:] if previous.bare else ""
    # A footnote marker closes a claim; an editor does not wrap a line right after one.
    return (
        not previous.ends_marker
        and previous.rend - previous.lstart >= 60
        and (last.islower() or last in ",;")
        and (first.isalnum() or first in "\"“'(")
    )


def hyphenated(text: str, previous: Line, line: Line) -> bool:
    """A word broken with a hyphen at the end of a line: "well-" + "known"."""
    return (
        previous.rend - previous.lstart >= 2
        and text[previous.rend - 1] == "-"
        and text[previous.rend - 2].isalpha()
        and text[line.lstart].islower()
    )


def short_item(line: Line) -> bool:
    return line.words <= 5 and not line.terminal and not line.markers


def merge(lines: list[Line], block: list[int]) -> Line:
    """The lines of a hard-wrapped paragraph described as one line."""
    if len(block) == 1:
        return lines[block[0]]
    parts = [lines[i] for i in block]
    merged = dataclasses.replace(parts[0], rend=parts[-1].rend)
    merged.bare = " ".join(part.bare for part in parts)
    merged.words = sum(part.words for part in parts)
    merged.terminal = parts[-1].terminal
    merged.ends_marker = parts[-1].ends_marker
    merged.table = any(part.table for part in parts)
    merged.markers = [marker for part in parts for marker in part.markers]
    return merged
