"""The markers rendered into copied wiki text, and the scanner that finds them in a line.

A rendered page shows a footnote as ``[1]``, an explanatory note as ``[a]`` or
``[note 1]``, a page pin ({{rp}}) as ``:12`` right after the marker, and an inline
maintenance template as its bracketed text (``[citation needed]``). This module knows
those shapes and the table that maps a tag's rendered text to its canonical name and
kind. It knows nothing of lines or lists, so the reader and the list-entry reader can
both ask it what a bracket stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from citecheck.model import TagKind

_MARKER = re.compile(
    r"\[(?:"
    r"(?P<num>\d{1,4})"
    r"|(?P<group>(?i:notes?|nb|n|fn|efn|nota|lower-alpha|upper-alpha|lower-roman|upper-roman"
    r"|lower-greek|upper-greek))[ \u00a0]?(?P<gnum>\d{1,3})"
    r"|(?P<letter>[a-z]{1,2})"
    r"|(?P<other>[^\[\]\r\n]{2,60})"
    r")\]"
)
# A rendered {{rp}}: ":12", ": 12–14", ":p158", ":xii" right after the marker.
_PIN_NUMBER = re.compile(
    r":[ \u00a0]?((?:pp?\.?[ \u00a0]?)?\d{1,5}[a-z]?(?:[ \u00a0]?[–—-][ \u00a0]?\d{1,5})?"
    r"(?:,[ \u00a0]?\d{1,5}(?:[–—-]\d{1,5})?)*)(?!\w)"
)
_PIN_ROMAN = re.compile(r":([ivxlcdm]{1,7}(?:[–-][ivxlcdm]{1,7})?)(?![\w])")
_TAG_NOISE = re.compile(r"[^\w?&]+")


def tag_key(text: str) -> str:
    """``text`` as a lookup key: casefolded, punctuation other than ``?`` and ``&`` dropped."""
    return _TAG_NOISE.sub(" ", text.casefold()).strip()


_NEEDS, _DOUBT, _VAGUE = TagKind.NEEDS_SOURCE, TagKind.DOUBT, TagKind.VAGUE
# Rendered text of inline maintenance templates -> (canonical name, family). Canonical
# names follow citecheck.parse.templates.TAGS where the template is known there.
_TAG_TABLE: dict[str, tuple[str, TagKind]] = {
    "citation needed": ("citation needed", _NEEDS),
    "source needed": ("citation needed", _NEEDS),
    "reference needed": ("citation needed", _NEEDS),
    "citation required": ("citation needed", _NEEDS),
    "medical citation needed": ("medical citation needed", _NEEDS),
    "this quote needs a citation": ("this quote needs a citation", _NEEDS),
    "additional citation needed": ("additional citation needed", _NEEDS),
    "scientific citation needed": ("scientific citation needed", _NEEDS),
    "chronology citation needed": ("chronology citation needed", _NEEDS),
    "image reference needed": ("image reference needed", _NEEDS),
    "better source needed": ("better source needed", _DOUBT),
    "better source": ("better source needed", _DOUBT),
    "failed verification": ("failed verification", _DOUBT),
    "not in citation given": ("failed verification", _DOUBT),
    "not in source given": ("failed verification", _DOUBT),
    "not in source": ("failed verification", _DOUBT),
    "dubious – discuss": ("dubious", _DOUBT),
    "dubious": ("dubious", _DOUBT),
    "disputed – discuss": ("dubious", _DOUBT),
    "unreliable source?": ("unreliable source?", _DOUBT),
    "unreliable medical source?": ("unreliable medical source", _DOUBT),
    "unreliable fringe source?": ("unreliable fringe source?", _DOUBT),
    "unreliable scientific source?": ("unreliable scientific source?", _DOUBT),
    "self-published source?": ("self-published inline", _DOUBT),
    "self-published source": ("self-published inline", _DOUBT),
    "user-generated source?": ("user-generated source", _DOUBT),
    "generally unreliable": ("generally unreliable", _DOUBT),
    "predatory publisher": ("predatory publisher", _DOUBT),
    "marketing material?": ("marketing material?", _DOUBT),
    "conflicted source?": ("conflicted source?", _DOUBT),
    "page needed": ("page needed", _DOUBT),
    "pages needed": ("page needed", _DOUBT),
    "page range too broad": ("page range too broad", _DOUBT),
    "dead link": ("dead link", _DOUBT),
    "permanent dead link": ("dead link", _DOUBT),
    "full citation needed": ("full citation needed", _DOUBT),
    "verification needed": ("verify source", _DOUBT),
    "verify": ("verify source", _DOUBT),
    "original research?": ("original research inline", _DOUBT),
    "original research": ("original research inline", _DOUBT),
    "improper synthesis?": ("synthesis inline", _DOUBT),
    "need quotation to verify": ("verify quote", _DOUBT),
    "need quotation on talk to verify": ("verify quote", _DOUBT),
    "irrelevant citation": ("irrelevant citation", _DOUBT),
    "citation not found": ("citation not found", _DOUBT),
    "incomplete short citation": ("incomplete short citation", _DOUBT),
    "not specific enough to verify": ("not specific enough to verify", _DOUBT),
    "text–source integrity?": ("text-source integrity", _DOUBT),
    "third-party source needed": ("third-party inline", _DOUBT),
    "non-primary source needed": ("primary source inline", _DOUBT),
    "non-tertiary source needed": ("non-tertiary source needed", _DOUBT),
    "circular reference": ("circular reference", _DOUBT),
    "date mismatch": ("date mismatch", _DOUBT),
    "bare url": ("bare url", _DOUBT),
    "broken citation": ("broken citation", _DOUBT),
    "year missing": ("year missing", _DOUBT),
    "author missing": ("author missing", _DOUBT),
    "episode needed": ("episode needed", _DOUBT),
    "volume & issue needed": ("volume & issue needed", _DOUBT),
    "obsolete source": ("obsolete source", _DOUBT),
    "who?": ("who", _VAGUE),
    "whom?": ("who", _VAGUE),
    "whose?": ("who", _VAGUE),
    "when?": ("when", _VAGUE),
    "which?": ("which", _VAGUE),
    "where?": ("where", _VAGUE),
    "why?": ("why", _VAGUE),
    "how?": ("how", _VAGUE),
    "by whom?": ("by whom", _VAGUE),
    "according to whom?": ("according to whom", _VAGUE),
    "attribution needed": ("attribution needed", _VAGUE),
    "clarification needed": ("clarify", _VAGUE),
    "clarify": ("clarify", _VAGUE),
    "further explanation needed": ("clarify", _VAGUE),
    "definition needed": ("specify", _VAGUE),
    "specify": ("specify", _VAGUE),
    "quantify": ("specify", _VAGUE),
    "example needed": ("specify", _VAGUE),
    "examples needed": ("specify", _VAGUE),
    "vague": ("vague", _VAGUE),
    "weasel words": ("weasel inline", _VAGUE),
    "peacock term": ("peacock inline", _VAGUE),
    "peacock prose": ("peacock inline", _VAGUE),
    "neutrality is disputed": ("pov statement", _VAGUE),
    "update": ("update inline", _VAGUE),
    "needs update": ("update inline", _VAGUE),
    "update needed": ("update inline", _VAGUE),
    "outdated": ("update inline", _VAGUE),
    "as of?": ("when", _VAGUE),
    "timeframe?": ("when", _VAGUE),
    "year needed": ("when", _VAGUE),
    "date missing": ("when", _VAGUE),
    "qualify evidence": ("qualify evidence", _VAGUE),
}
_TAGS = {tag_key(text): value for text, value in _TAG_TABLE.items()}
# Rendered annotations that are not maintenance tags: removed from the prose, nothing more.
_DROPPED_MARKERS = frozenset(
    tag_key(text)
    for text in (
        "subscription required", "registration required", "free registration required",
        "paid subscription required", "subscription or uk public library membership required",
        "page will play audio when loaded", "password-protected", "excessive citations",
        "check issn", "edit", "edit source", "edit | edit source",
    )
)  # fmt: skip


class MarkerKind(Enum):
    CITE = 1
    NOTE = 2
    TAG = 3
    DROP = 4


@dataclass(frozen=True, slots=True)
class Marker:
    start: int
    end: int
    """Source offsets; ``end`` includes a page pin."""
    kind: MarkerKind
    number: int = 0
    """Reference number for CITE, ordinal (a = 1) for NOTE."""
    group: str | None = None
    page: str | None = None
    name: str = ""
    tag_kind: TagKind | None = None


def letter_ordinal(letters: str) -> int:
    """a = 1, …, z = 26, aa = 27: the number a lettered note or list label stands for."""
    value = 0
    for char in letters:
        value = value * 26 + (ord(char) - 96)
    return value


def scan_markers(line: str, offset: int) -> list[Marker]:
    """Footnote markers, note markers and maintenance tags in one line (``offset`` = its start)."""
    found: list[Marker] = []
    if "[" not in line:
        return found
    for match in _MARKER.finditer(line):
        end = match.end()
        number = 0
        group: str | None = None
        name = ""
        tag_kind: TagKind | None = None
        if match.group("num") is not None:
            kind, number = MarkerKind.CITE, int(match.group("num"))
        elif match.group("group") is not None:
            kind, number = MarkerKind.NOTE, int(match.group("gnum"))
            group = match.group("group").casefold()
        elif match.group("letter") is not None:
            # "[t]he" is an editor's alteration of a quotation, not a note marker.
            if end < len(line) and line[end].isalnum():
                continue
            kind, number = MarkerKind.NOTE, letter_ordinal(match.group("letter"))
            group = "lower-alpha"
        else:
            key = tag_key(match.group("other"))
            tag = _TAGS.get(key) or _TAGS.get(key.rstrip("?").rstrip())
            if tag is not None:
                kind = MarkerKind.TAG
                name, tag_kind = tag
            elif key in _DROPPED_MARKERS:
                kind = MarkerKind.DROP
            else:
                continue
        page = None
        if match.group("num") is not None or match.group("group") is not None:
            pin = _PIN_NUMBER.match(line, end) or _PIN_ROMAN.match(line, end)
            if pin is not None:
                page = pin.group(1)
                end = pin.end()
        found.append(
            Marker(
                offset + match.start(),
                offset + end,
                kind,
                number=number,
                group=group,
                page=page,
                name=name,
                tag_kind=tag_kind,
            )
        )
    return found
