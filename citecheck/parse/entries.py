"""One entry of a reference list copied from a rendered page, read into a :class:`Content`.

A copied entry reads ``1. ^ a b c Author (2001). "Title". Retrieved 1 May 2020.``: a
number (or a note's letter), a backlink mark (``^``, or ``↑`` from Parsoid) followed by
one backlink per use (``a b c``, or ``1 2 3``), then the citation as text, where the
only things left to recognise are a quoted title, "Retrieved …", "Archived from the
original on …" and URLs. Reading that is the same for any list the entry stands in, so
it lives apart from the reader that decides which lines are list entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from citecheck.links.archives import parse_archive_url
from citecheck.parse.markers import Marker, MarkerKind, letter_ordinal
from citecheck.parse.references import Content

_ENTRY_HEAD = re.compile(
    r"(?:(?P<num>\d{1,4})\.|(?P<letter>[a-z]{1,2})\.)?[ \t\u00a0]*(?P<mark>[\^↑])?[ \t\u00a0]*"
    r"(?:(?i:jump up to:|jump up)[ \t\u00a0]*)?"
)
_SPACES = frozenset(" \t\u00a0")


@dataclass(frozen=True, slots=True)
class EntryHead:
    """What an entry shows before its citation: its label and its backlinks."""

    label: int | None
    """The entry's number (or a letter's ordinal); None when unnumbered."""
    lettered: bool
    backlinks: int | None
    text_offset: int
    """Where the citation begins, counted from the start of the line's content."""


def read_entry_head(content: str, *, strong_only: bool) -> EntryHead | None:
    """A list entry: ``1. ^ a b Text``, ``^ Text``, ``↑ Text``, ``1. 1 2 3 Text``, ``a. X``.

    ``content`` is a line without its surrounding whitespace. With ``strong_only``, only
    an entry that shows a backlink mark (``^``, ``↑``) or Parsoid's backlink numbers
    counts: a bare "1." or "a." outside a reference list is any numbered list.
    """
    first = content[0]
    if not (first.isdigit() or first in "^↑" or "a" <= first <= "z"):
        return None
    head = _ENTRY_HEAD.match(content)
    if head is None:
        return None
    number, letter, mark = head.group("num"), head.group("letter"), head.group("mark")
    if not (number or letter or mark):
        return None
    if (number or letter) and not mark:
        # "1." or "a." is a list label only when a space follows it.
        label_end = len(number or letter or "") + 1
        if label_end >= len(content) or content[label_end] not in _SPACES:
            return None
    position = head.end()
    backlinks: int | None = 1 if mark else None
    strong = bool(mark)
    count, after = _backlink_run(content, position, _letter_label)
    if count >= 2:
        backlinks, position = count, after
    elif mark or number:
        # Parsoid numbers its backlinks "1 2 3" (and shows "↑" for a single use).
        count, after = _backlink_run(content, position, _number_label)
        if count >= 2:
            backlinks, position, strong = count, after, True
    if strong_only and not strong:
        return None
    if number:
        label: int | None = int(number)
    elif letter:
        label = letter_ordinal(letter)
    else:
        label = None
    return EntryHead(label=label, lettered=bool(letter), backlinks=backlinks, text_offset=position)


def _letter_label(index: int) -> str:
    """a, b, …, z, aa, ab, …: the letters of the ``index``-th backlink (0-based)."""
    label = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        label = chr(97 + rest) + label
    return label


def _number_label(index: int) -> str:
    return str(index + 1)


def _backlink_run(content: str, position: int, label: Callable[[int], str]) -> tuple[int, int]:
    """How many backlinks labelled ``label(0)``, ``label(1)``… follow ``position``."""
    count = 0
    end = position
    length = len(content)
    while True:
        expected = label(count)
        after = end + len(expected)
        if (
            not content.startswith(expected, end)
            or after >= length
            or content[after] not in _SPACES
        ):
            return count, end
        count += 1
        end = after
        while end < length and content[end] in _SPACES:
            end += 1


_DATE = (
    r"(?:\d{1,2}[ \u00a0][A-Z][a-z]{2,8}\.?,?[ \u00a0]\d{4}"
    r"|[A-Z][a-z]{2,8}\.?[ \u00a0]\d{1,2},?[ \u00a0]\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|[A-Z][a-z]{2,8}[ \u00a0]\d{4}"
    r"|\d{4})"
)
_ACCESS = re.compile(r"\b(?i:retrieved|accessed)(?:[ \u00a0]on)?[ \u00a0](" + _DATE + ")")
_ARCHIVED_FROM = re.compile(
    r"\bArchived from the original(?:[ \u00a0]\([^()]{0,20}\))?(?:[ \u00a0]on[ \u00a0]("
    + _DATE
    + "))?"
)
_ARCHIVED_AT = re.compile(r"\bArchived[ \u00a0](" + _DATE + r")[ \u00a0]at[ \u00a0]\S")
_QUOTED = re.compile(r"\"([^\"]{2,300})\"|“([^”]{2,300})”")
_URL = re.compile(r"https?://[^\s<>\"\]\[|]+")
_ONLY_A_URL = re.compile(r"\A\s*https?://\S+[\s.,;]*\Z", re.IGNORECASE)
"""An entry that shows nothing but a link's address: a bare URL footnote."""


def clean(text: str) -> str:
    """Runs of whitespace as one space, none at either end."""
    return " ".join(text.split())


def read_content(
    raw: str, text: str, markers: list[Marker], *, backlinks: int | None = None
) -> Content:
    """A copied citation: ``raw`` as copied, ``text`` without markers, ``markers`` inside it."""
    title_match = _QUOTED.search(text)
    title = None
    if title_match is not None:
        title = (title_match.group(1) or title_match.group(2) or "").strip() or None
    access = _ACCESS.search(text)
    archived_from = _ARCHIVED_FROM.search(text)
    archived_at = _ARCHIVED_AT.search(text)
    archive_date = None
    if archived_from is not None and archived_from.group(1):
        archive_date = archived_from.group(1)
    elif archived_at is not None:
        archive_date = archived_at.group(1)
    url = archive_url = None
    for match in _URL.finditer(raw):
        found = match.group(0).rstrip(".,;:)'’\"")
        if parse_archive_url(found) is not None:
            archive_url = archive_url or found
        else:
            url = url or found
    dead = any(m.kind is MarkerKind.TAG and m.name == "dead link" for m in markers)
    return Content(
        raw=raw,
        text=text,
        title=title,
        url=url,
        archive_url=archive_url,
        archive_date=archive_date,
        url_status="dead" if dead else None,
        access_date=access.group(1) if access else None,
        archived=archived_from is not None or archived_at is not None,
        backlinks=backlinks,
        bare_url=url is not None and _ONLY_A_URL.match(text) is not None,
    )
