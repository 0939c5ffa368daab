"""Plain text to :class:`~citecheck.model.Article`.

Two kinds of text arrive here:

* text copied from a rendered wiki page: footnote markers (``[1]``, ``[a]``,
  ``[citation needed]``) stand after the text they support, headings may end in
  ``[edit]``, an infobox flattens into short label lines, and a References list gives
  one entry per line (``1. ^ a b c Author …``) whose backlinks count the markers;
* any other prose (a web page, an essay, a draft) with no markers at all, where the
  job is to find the main content and leave the page furniture out.

Copied text keeps no markup, so every decision is made per line: a line is chrome,
a heading, a list entry, prose, a list item or other non-prose (infobox, caption,
navbox). Prose lines become paragraphs; markers are removed from their text and become
events, so :mod:`citecheck.parse.assemble` attaches them exactly as it does for wikitext.
Every offset is into the text as given (``\\r\\n`` included).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from citecheck.model import (
    Article,
    Reference,
    ReferenceKind,
    ReferenceList,
    SourceFormat,
    Span,
    TagKind,
)
from citecheck.parse.assemble import assemble
from citecheck.parse.draft import (
    ArticleDraft,
    EventKind,
    NoteDraft,
    ParagraphDraft,
    SectionDraft,
    TagDraft,
)
from citecheck.parse.references import Content, Registry
from citecheck.parse.sections import heading_exemption

# -- markers ----------------------------------------------------------------------------

_NOTE_GROUPS = frozenset(
    {"note", "notes", "nb", "n", "fn", "lower-alpha", "upper-alpha", "lower-roman",
     "upper-roman", "lower-greek", "upper-greek", "efn", "nota"}
)  # fmt: skip

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


def _tag_key(text: str) -> str:
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
_TAGS = {_tag_key(text): value for text, value in _TAG_TABLE.items()}
# Rendered annotations that are not maintenance tags: removed from the prose, nothing more.
_DROPPED_MARKERS = frozenset(
    _tag_key(text)
    for text in (
        "subscription required", "registration required", "free registration required",
        "paid subscription required", "subscription or uk public library membership required",
        "page will play audio when loaded", "password-protected", "excessive citations",
        "check issn", "edit", "edit source", "edit | edit source",
    )
)  # fmt: skip


class _MarkerKind(Enum):
    CITE = 1
    NOTE = 2
    TAG = 3
    DROP = 4


@dataclass(slots=True)
class _Marker:
    start: int
    end: int
    """Source offsets; ``end`` includes a page pin."""
    kind: _MarkerKind
    number: int = 0
    """Reference number for CITE, ordinal (a = 1) for NOTE."""
    group: str | None = None
    page: str | None = None
    name: str = ""
    tag_kind: TagKind | None = None


def _letter_ordinal(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + (ord(char) - 96)
    return value


def _letter_label(index: int) -> str:
    """a, b, …, z, aa, ab, …: the letters of the ``index``-th backlink (0-based)."""
    label = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        label = chr(97 + rest) + label
    return label


def _scan_markers(line: str, offset: int) -> list[_Marker]:
    """Footnote markers, note markers and maintenance tags in one line (``offset`` = its start)."""
    found: list[_Marker] = []
    if "[" not in line:
        return found
    for match in _MARKER.finditer(line):
        end = match.end()
        if match.group("num") is not None:
            marker = _Marker(0, 0, _MarkerKind.CITE, number=int(match.group("num")))
        elif match.group("group") is not None:
            marker = _Marker(
                0,
                0,
                _MarkerKind.NOTE,
                number=int(match.group("gnum")),
                group=match.group("group").casefold(),
            )
        elif match.group("letter") is not None:
            # "[t]he" is an editor's alteration of a quotation, not a note marker.
            if end < len(line) and line[end].isalnum():
                continue
            marker = _Marker(
                0,
                0,
                _MarkerKind.NOTE,
                number=_letter_ordinal(match.group("letter")),
                group="lower-alpha",
            )
        else:
            key = _tag_key(match.group("other"))
            tag = _TAGS.get(key) or _TAGS.get(key.rstrip("?").rstrip())
            if tag is not None:
                marker = _Marker(0, 0, _MarkerKind.TAG, name=tag[0], tag_kind=tag[1])
            elif key in _DROPPED_MARKERS:
                marker = _Marker(0, 0, _MarkerKind.DROP)
            else:
                continue
        if marker.kind is _MarkerKind.CITE or (
            marker.kind is _MarkerKind.NOTE and match.group("group") is not None
        ):
            pin = _PIN_NUMBER.match(line, end) or _PIN_ROMAN.match(line, end)
            if pin is not None:
                marker.page = pin.group(1)
                end = pin.end()
        marker.start = offset + match.start()
        marker.end = offset + end
        found.append(marker)
    return found


# -- lines ------------------------------------------------------------------------------


class _Kind(Enum):
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


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    """End of the line's content, before ``\\n``."""
    lstart: int
    rend: int
    """The stripped content is ``text[lstart:rend]``."""
    kind: _Kind = _Kind.BLANK
    body: int = 0
    """Where the content begins after a list bullet."""
    markers: list[_Marker] = field(default_factory=list)
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
    entry: _Entry | None = None
    banner: str | None = None
    banner_date: str | None = None


@dataclass(slots=True)
class _Entry:
    start: int
    end: int
    label: int | None
    """The entry's number (or a letter's ordinal); None when unnumbered."""
    lettered: bool
    backlinks: int | None
    text_start: int
    strong: bool
    """Shows a backlink mark (``^``, ``↑``) or Parsoid backlink numbers."""
    section: int = 0
    note: bool = False
    ordinal: int = 0
    lines: list[int] = field(default_factory=list)


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TABLE = re.compile(r"\S[ \t\u00a0]{3,}\S")
_BULLET = re.compile(r"(?:[•*·▪◦‣○●□■◆–-]|\d{1,3}[.)])[ \t\u00a0]+(?=\S)")
_IMAGE = re.compile(r"\[[^\[\]\s]{1,200}\]")
_LABEL = re.compile(r"[^\W\d][\w()/'’ .-]{0,28}:[ \t\u00a0]")
_CLOSERS = "\"'”’)]»」』 \t\u00a0"
_ENDINGS = frozenset(".!?…:。！？")
_ENTRY_HEAD = re.compile(
    r"(?:(?P<num>\d{1,4})\.|(?P<letter>[a-z]{1,2})\.)?[ \t\u00a0]*(?P<mark>[\^↑])?[ \t\u00a0]*"
    r"(?:(?i:jump up to:|jump up)[ \t\u00a0]*)?"
)
_SPACES = frozenset(" \t\u00a0")


def _ends_sentence(bare: str) -> bool:
    stripped = bare.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _ENDINGS


def _truncated(bare: str) -> bool:
    return bare.endswith(("...", "…"))


def _split_lines(text: str) -> list[_Line]:
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
        kind = _Kind.UNSET if lstart < rend else _Kind.BLANK
        lines.append(_Line(start, end, lstart, rend, kind=kind, body=lstart))
        if newline < 0:
            break
        start = newline + 1
    return lines


def _describe(text: str, line: _Line) -> None:
    """Fill in what every later decision looks at: markers, words, punctuation, shape."""
    content = text[line.lstart : line.rend]
    bullet = _BULLET.match(content)
    if bullet is not None:
        line.bullet = True
        line.body = line.lstart + bullet.end()
    line.markers = _scan_markers(content, line.lstart)
    if line.markers:
        pieces = []
        cursor = line.lstart
        for marker in line.markers:
            pieces.append(text[cursor : marker.start])
            cursor = marker.end
        pieces.append(text[cursor : line.rend])
        line.bare = "".join(pieces).strip()
        last = line.markers[-1]
        line.ends_marker = last.end == line.rend and last.kind is not _MarkerKind.DROP
    else:
        line.bare = content
    line.words = len(_WORD.findall(line.bare))
    line.terminal = _ends_sentence(line.bare)
    line.table = _TABLE.search(content) is not None
    line.image = (
        _IMAGE.fullmatch(content) is not None and not line.markers and "[" not in content[1:-1]
    )
    if content.endswith("]"):
        bracket = content.rfind("[")
        if bracket > 0 and _tag_key(content[bracket + 1 : -1]) in _EDIT_KEYS:
            title = content[:bracket].strip()
            if title:
                line.edit_title = title


_EDIT_KEYS = frozenset({"edit", "edit source", "edit edit source"})


def _heading_like(line: _Line) -> bool:
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


def _prose_like(line: _Line, *, strict: bool) -> bool:
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


def _wraps(text: str, previous: _Line, line: _Line) -> bool:
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


# -- chrome and banners ---------------------------------------------------------------

_CHROME = re.compile(
    r"(?i:from wikipedia, the free encyclopedia"
    r"|jump to (?:navigation|search|content)"
    r"|\(redirected from\b"
    r"|retrieved from\b"
    r"|(?:hidden )?categories?:"
    r"|this page was last (?:edited|modified)"
    r"|text is available under the creative commons"
    r"|privacy policy\b.*\babout wikipedia"
    r"|this article is about\b"
    r"|this (?:article|section|page) is about\b"
    r"|for other uses,? see\b"
    r"|for (?:the|other|a|an) [^.]{1,80}, see\b"
    r"|not to be confused with\b"
    r"|main articles?:"
    r"|see also:"
    r"|further information:"
    r"|further reading:"
    r"|more information:"
    r"|coordinates:"
    r"|listen to this article"
    r"|part of a series on\b"
    r"|this article has multiple issues"
    r"|please help improve (?:it|this)\b"
    r"|unsourced material may be challenged"
    r"|find sources:"
    r"|\(learn how and when to remove this"
    r"|this is a (?:good|featured) article\b"
    r"|(?:[●•] *)?wikimedia commons has media related to\b"
    r"|(?:[●•] *)?wikiquote has quotations\b"
    r"|(?:[●•] *)?wikisource has original\b"
    r"|(?:[●•] *)?look up \S.{0,60} in wiktionary"
    r"|find more about"
    r"|cite error:"
    r"|\(top\)$"
    r"|toggle (?:the )?table of contents"
    r")"
)
_FROM_WIKIPEDIA = "From Wikipedia, the free encyclopedia"
_CONTENTS = frozenset({"contents", "contents [hide]", "contents [show]", "contents hide"})
_REDIRECT_HATNOTE = re.compile(r"[^.]{1,200}\bredirects? here\b")
_CHROME_LINES = frozenset(
    {"main page", "contents", "current events", "random article", "about wikipedia",
     "contact us", "donate", "help", "learn to edit", "community portal", "recent changes",
     "upload file", "tools", "what links here", "related changes", "special pages",
     "permanent link", "page information", "cite this page", "get shortened url",
     "download qr code", "download as pdf", "printable version", "in other projects",
     "wikidata item", "languages", "edit links", "article", "talk", "read", "edit",
     "view history", "view source", "search", "create account", "log in", "personal tools",
     "appearance", "hide", "show", "[hide]", "[show]", "move to sidebar", "navigation",
     "contribute", "actions", "general", "print/export", "v t e", "v · t · e"}
)  # fmt: skip
_TOC_ENTRY = re.compile(r"(?:[•*]\s*)?\d{1,2}(?:\.\d{1,2})*\s+\S")

_BANNERS = (
    (re.compile(r"(?i:this biography of a living person needs additional citations)"),
     "blp sources"),
    (re.compile(r"(?i:this biography of a living person does not include any)"),
     "blp unsourced"),
    (re.compile(r"(?i:this section needs additional citations)"),
     "more citations needed section"),
    (re.compile(r"(?i:this (?:article|list) needs additional citations)"),
     "more citations needed"),
    (re.compile(r"(?i:this section does not cite any sources)"), "unreferenced section"),
    (re.compile(r"(?i:this (?:article|list) does not cite any sources)"), "unreferenced"),
    (re.compile(r"(?i:this (?:article|section|list) includes a list of (?:general )?references)"),
     "more footnotes needed"),
    (re.compile(r"(?i:this (?:article|section) (?:possibly )?contains original research)"),
     "original research"),
    (re.compile(r"(?i:this (?:article|section) relies (?:excessively|largely|too much) on "
                r"(?:references to )?primary sources)"), "primary sources"),
    (re.compile(r"(?i:this (?:article|section) relies largely or entirely (?:up)?on a single)"),
     "one source"),
    (re.compile(r"(?i:some of this article's listed sources may not be reliable)"),
     "unreliable sources"),
)  # fmt: skip
_BANNER_DATE = re.compile(
    r"\(((?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{4})\)"
)

# -- reference lists ----------------------------------------------------------------------

_LIST_TITLES = frozenset(
    {"references", "reference", "notes", "note", "citations", "footnotes", "sources",
     "notes and references", "references and notes", "notes and sources",
     "sources and references", "explanatory notes", "reference notes", "endnotes",
     "end notes", "inline citations", "notes and citations", "citations and notes",
     "specific references", "annotations", "notes and comments", "einzelnachweise",
     "anmerkungen", "références", "notes et références", "referencias", "notas",
     "note e riferimenti", "referências", "bronnen", "voetnoten"}
)  # fmt: skip
_NOTE_TITLES = frozenset(
    {"notes", "note", "explanatory notes", "annotations", "notes and comments", "anmerkungen",
     "explanatory footnotes", "informational notes", "nota", "notas"}
)  # fmt: skip
_SOURCE_TITLES = frozenset(
    {"bibliography", "sources", "works cited", "cited works", "general references",
     "general sources", "references", "literature", "cited sources", "select bibliography",
     "selected bibliography", "general bibliography", "cited literature", "literatur",
     "bibliographie", "bibliografía", "bibliografia", "citations", "notes and references",
     "references and notes"}
)  # fmt: skip
_TITLE_NOISE = re.compile(r"[\s_]+")

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
_ARCHIVE_HOST = re.compile(
    r"https?://(?:[\w-]+\.)*(?:archive\.org|archive\.(?:today|ph|is|li|md|vn|fo)"
    r"|webcitation\.org|ghostarchive\.org|perma\.cc|arquivo\.pt|webarchive\.)",
    re.IGNORECASE,
)

# -- web boilerplate ----------------------------------------------------------------------

_BOILERPLATE_LINES = frozenset(
    {"support us", "related articles", "related posts", "related stories", "related",
     "trending now", "trending", "read more", "read also", "also read", "advertisement",
     "latest news", "recently popular", "popular posts", "most popular", "most read",
     "connect with us", "follow us", "about us", "contact us", "share", "share this",
     "share this article", "tweet", "subscribe", "subscribe now", "sign up", "log in",
     "login", "sign in", "register", "menu", "search", "home", "comments", "leave a comment",
     "leave a reply", "privacy policy", "terms of use", "terms and conditions",
     "cookie policy", "newsletter", "skip to content", "updated", "published",
     "you may also like", "more stories", "recommended", "sponsored", "pay", "donate",
     "read all the latest news", "more from", "recent posts", "tags", "share on facebook",
     "share on twitter", "whatsapp", "print", "email", "next article", "previous article",
     "you might also like", "don't miss", "editor's picks", "top stories"}
)  # fmt: skip
_COUNTER = re.compile(
    r"\d[\d,.]*\s*[kKmM]?\s*(?i:fans|followers|subscribers|likes|shares|views|comments)"
)
_BOILERPLATE = re.compile(
    r"(?i:(?:contact|e-?mail|tel|phone)\s*:"
    r"|©|copyright\b|\(c\)\s"
    r"|(?:updated|published|posted|last updated)\b.{0,40}$"
    r"|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\s*$"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\s*$"
    r"|home\s*[›>»/|]"
    r"|by\s+[^\W\d_][\w’' -]{1,40}$"
    r")"
)
_BOILERPLATE_ANYWHERE = re.compile(
    r"(?i:all rights reserved|please (?:contribute|donate|support us)|donate now"
    r"|support (?:us|our journalism)\b|make a (?:contribution|donation)"
    r"|become a (?:member|patron|subscriber)|we use cookies|accept cookies"
    r"|click here|sign up for our|subscribe to our)"
)
_BYLINE = re.compile(r"[\w.’' ]{2,40}\s[-–—]$")
_LINK = re.compile(r"https?://|www\.|\S@[\w-]{1,63}\.\w")


def _boilerplate(line: _Line) -> bool:
    bare = line.bare
    key = _tag_key(bare)
    if key in _BOILERPLATE_LINES:
        return True
    if _BOILERPLATE.match(bare) or _BYLINE.fullmatch(bare):
        return True
    if line.words <= 4 and _COUNTER.match(bare):
        return True
    if line.words <= 60 and _BOILERPLATE_ANYWHERE.search(bare):
        return True
    if line.words <= 12 and _LINK.search(bare):
        return True
    # A breadcrumb: "Home News Reports Headline…".
    return bare.startswith("Home ") and _truncated(bare)


# -- the reader -----------------------------------------------------------------------


def parse_text(text: str, *, source: str = "-", title: str | None = None) -> Article:
    return assemble(_Reader(text, source=source, title=title).read())


class _Reader:
    def __init__(self, text: str, *, source: str, title: str | None) -> None:
        self.text = text
        self.draft = ArticleDraft(source=source, text=text, format=SourceFormat.TEXT, title=title)
        self.registry = Registry(self.draft)
        self.lines = _split_lines(text)
        self.line_sections = [0] * len(self.lines)
        self.section_titles: list[str] = [""]
        self.section_keys: list[str] = [""]
        self.entries: list[_Entry] = []
        self.notes_by_ordinal: dict[int, int] = {}
        self.entry_numbers: dict[str, int] = {}
        self.backlinks: dict[str, int | None] = {}

    def read(self) -> ArticleDraft:
        for line in self.lines:
            if line.kind is _Kind.UNSET:
                _describe(self.text, line)
        if self._looks_rendered():
            self._classify_rendered()
        else:
            self.draft.lead_is_summary = False
            self._classify_plain()
        self._emit()
        self.draft.references = self._finish_references()
        return self.draft

    def _unset(self) -> list[tuple[int, _Line]]:
        return [(i, line) for i, line in enumerate(self.lines) if line.kind is _Kind.UNSET]

    # -- text copied from a rendered page ---------------------------------------------------

    def _looks_rendered(self) -> bool:
        for line in self.lines:
            if line.kind is _Kind.BLANK:
                continue
            if line.edit_title is not None or line.bare.startswith(_FROM_WIKIPEDIA):
                return True
            if any(m.kind in (_MarkerKind.CITE, _MarkerKind.TAG) for m in line.markers):
                return True
            if self._entry_at(line, strong_only=True) is not None:
                return True
        return False

    def _classify_rendered(self) -> None:
        self._find_title()
        self._find_chrome()
        candidates = self._standalone_candidates()
        first_prose = self._first_prose()
        for index, line in self._unset():
            if line.edit_title is not None or (
                index in candidates and first_prose is not None and index > first_prose
            ):
                line.kind = _Kind.HEADING
        self._number_sections()
        zone = self._find_entries()
        self._classify_bullets(first_prose, zone)
        captions = self._caption_lines()
        for index in captions:
            if self.lines[index].kind is _Kind.UNSET:
                self.lines[index].kind = _Kind.OTHER
        for chain in self._chains():
            first = chain[0]
            paragraph = self._merged(chain)
            if first_prose is None or first < first_prose:
                kind = _Kind.OTHER
            elif zone is not None and first > zone:
                kind = _Kind.PROSE if self._prose_after_lists(first, paragraph) else _Kind.OTHER
            else:
                kind = _Kind.PROSE if _prose_like(paragraph, strict=False) else _Kind.OTHER
            # An indented paragraph is a block quotation.
            quote = kind is _Kind.PROSE and paragraph.lstart - paragraph.start >= 2
            self._mark_chain(chain, kind, quote=quote)
        self._join_items()
        self._decide_lists()

    def _chains(self, *, skip: Callable[[_Line], bool] | None = None) -> list[list[int]]:
        """Undecided lines grouped into paragraphs: a hard-wrapped one is one chain."""
        chains: list[list[int]] = []
        for index, line in enumerate(self.lines):
            if line.kind is not _Kind.UNSET or line.bullet or line.edit_title is not None:
                continue
            if skip is not None and skip(line):
                continue
            if (
                chains
                and chains[-1][-1] == index - 1
                and _wraps(self.text, self.lines[index - 1], line)
            ):
                chains[-1].append(index)
            else:
                chains.append([index])
        return chains

    def _mark_chain(self, chain: list[int], kind: _Kind, *, quote: bool = False) -> None:
        for position, index in enumerate(chain):
            line = self.lines[index]
            line.kind = kind
            line.join = position > 0 and kind in (_Kind.PROSE, _Kind.ITEM)
            line.quote = quote

    def _find_title(self) -> None:
        nonblank = [line for line in self.lines[:50] if line.kind is not _Kind.BLANK][:2]
        if not nonblank:
            return
        first = nonblank[0]
        if self.draft.title is not None:
            if first.bare.casefold() == self.draft.title.strip().casefold():
                first.kind = _Kind.SKIP
        elif len(nonblank) == 2 and nonblank[1].bare.startswith(_FROM_WIKIPEDIA):
            self.draft.title = first.bare
            first.kind = _Kind.SKIP

    def _find_chrome(self) -> None:
        in_contents = False
        banner: _Line | None = None
        for line in self.lines:
            if line.kind is not _Kind.UNSET:
                continue
            content = self.text[line.lstart : line.rend]
            if in_contents:
                if _TOC_ENTRY.match(content) and not line.terminal:
                    line.kind = _Kind.SKIP
                    continue
                in_contents = False
            key = content.casefold()
            if key in _CONTENTS:
                line.kind = _Kind.SKIP
                in_contents = True
                continue
            body = self.text[line.body : line.rend]
            name = None
            if body[:4].casefold() in ("this", "some"):
                name = next((name for pattern, name in _BANNERS if pattern.match(body)), None)
            if name is not None:
                line.kind = _Kind.BANNER
                line.banner = name
                line.banner_date = _banner_date(line.bare)
                banner = line
                continue
            if (
                key in _CHROME_LINES
                or _CHROME.match(body) is not None
                or (line.words <= 40 and _REDIRECT_HATNOTE.match(body) is not None)
            ):
                line.kind = _Kind.SKIP
                # A banner's date stands on one of the chrome lines that follow it.
                if banner is not None and banner.banner_date is None:
                    banner.banner_date = _banner_date(line.bare)
                continue
            banner = None

    def _standalone_candidates(self) -> set[int]:
        """Heading-shaped lines at the left margin, alone between blank lines.

        The usual closing sections ("References", "See also") are headings even when the
        copy kept no blank lines around them.
        """
        lines = self.lines
        found = set()
        for index, line in self._unset():
            if line.lstart != line.start or not _heading_like(line):
                continue
            before = index == 0 or lines[index - 1].kind is _Kind.BLANK
            after = index + 1 == len(lines) or lines[index + 1].kind is _Kind.BLANK
            key = _TITLE_NOISE.sub(" ", line.bare).strip(" :.").casefold()
            if (before and after) or key in _LIST_TITLES or heading_exemption(line.bare):
                found.add(index)
        return found

    def _first_prose(self) -> int | None:
        """The first paragraph: what comes before it is title, chrome and infobox."""
        captions = {id(self.lines[i]) for i in self._caption_lines()}

        def skip(line: _Line) -> bool:
            return id(line) in captions or self._entry_at(line, strong_only=True) is not None

        for chain in self._chains(skip=skip):
            if _prose_like(self._merged(chain), strict=True):
                return chain[0]
        return None

    def _caption_lines(self) -> set[int]:
        """Image placeholders and the lines right under them, up to the next blank line."""
        captions: set[int] = set()
        in_caption = False
        for index, line in enumerate(self.lines):
            if line.kind is _Kind.BLANK:
                in_caption = False
            elif line.image and line.kind is _Kind.UNSET:
                captions.add(index)
                in_caption = True
            elif in_caption and line.kind is _Kind.UNSET:
                captions.add(index)
        return captions

    def _number_sections(self) -> None:
        section = 0
        for index, line in enumerate(self.lines):
            if line.kind is _Kind.HEADING:
                section += 1
                title = line.edit_title if line.edit_title is not None else line.bare
                self.section_titles.append(title)
                self.section_keys.append(_TITLE_NOISE.sub(" ", title).strip(" :.").casefold())
            self.line_sections[index] = section

    def _title_key(self, section: int) -> str:
        return self.section_keys[section]

    def _find_entries(self) -> int | None:
        """Reference and note list entries; return the line where the lists begin."""
        zone = next(
            (
                index
                for index, line in enumerate(self.lines)
                if line.kind is _Kind.HEADING
                and self._title_key(self.line_sections[index]) in _LIST_TITLES
            ),
            None,
        )
        previous: _Entry | None = None
        # The last number seen in each list, lettered (notes) apart from the rest: an
        # unnumbered entry takes the next one.
        ordinals: dict[tuple[int, bool], int] = {}
        for index, line in enumerate(self.lines):
            if line.kind is not _Kind.UNSET:
                previous = None
                continue
            section = self.line_sections[index]
            in_list = self._title_key(section) in _LIST_TITLES
            entry = self._entry_at(line, strong_only=not in_list)
            if entry is not None:
                entry.section = section
                entry.lines.append(index)
                counter = (section, entry.lettered)
                ordinals[counter] = (
                    entry.label if entry.label is not None else ordinals.get(counter, 0) + 1
                )
                entry.ordinal = ordinals[counter]
                line.kind = _Kind.ENTRY
                line.entry = entry
                self.entries.append(entry)
                previous = entry
                zone = index if zone is None else min(zone, index)
            elif previous is not None and in_list and not line.bullet:
                # A long entry wrapped over more than one line.
                previous.lines.append(index)
                previous.end = line.rend
                line.kind = _Kind.ENTRY
        return zone

    def _entry_at(self, line: _Line, *, strong_only: bool) -> _Entry | None:
        """A list entry: ``1. ^ a b Text``, ``^ Text``, ``↑ Text``, ``1. 1 2 3 Text``, ``a. X``."""
        first = self.text[line.lstart]
        if not (first.isdigit() or first in "^↑" or "a" <= first <= "z"):
            return None
        content = self.text[line.lstart : line.rend]
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
            label = _letter_ordinal(letter)
        else:
            label = None
        return _Entry(
            start=line.lstart,
            end=line.rend,
            label=label,
            lettered=bool(letter),
            backlinks=backlinks,
            text_start=line.lstart + position,
            strong=strong,
        )

    def _classify_bullets(self, first_prose: int | None, zone: int | None) -> None:
        """List items: statements in the body, navigation and bibliography elsewhere."""
        run: list[int] = []
        for index, line in enumerate([*self.lines, None]):
            if line is not None and line.bullet and line.kind is _Kind.UNSET:
                run.append(index)
            elif run:
                self._settle_run(run, first_prose, zone)
                run = []

    def _settle_run(self, run: list[int], first_prose: int | None, zone: int | None) -> None:
        lines = self.lines
        short = sum(1 for i in run if _short_item(lines[i]))
        # Navboxes and "See also" lists are runs of bare names.
        navigation = short * 3 >= len(run) * 2
        for i in run:
            line = lines[i]
            if zone is not None and i > zone:
                sources = self._title_key(self.line_sections[i]) in _SOURCE_TITLES
                line.kind = _Kind.SOURCE if sources and line.words >= 3 else _Kind.OTHER
            elif navigation or line.table or first_prose is None or i < first_prose:
                line.kind = _Kind.OTHER
            else:
                line.kind = _Kind.ITEM

    def _prose_after_lists(self, index: int, line: _Line) -> bool:
        """After the reference lists only a real section (rare) still holds prose."""
        section = self.line_sections[index]
        return (
            section > 0
            and self._title_key(section) not in _LIST_TITLES
            and heading_exemption(self.section_titles[section]) is None
            and _prose_like(line, strict=False)
        )

    def _join_items(self) -> None:
        """A list item wrapped over lines: its continuation lines belong to it."""
        lines = self.lines
        for index in range(1, len(lines)):
            previous, line = lines[index - 1], lines[index]
            if (
                previous.kind is _Kind.ITEM
                and line.kind in (_Kind.PROSE, _Kind.OTHER)
                and not line.join
                and _wraps(self.text, previous, line)
            ):
                line.kind = _Kind.ITEM
                line.join = True

    def _decide_lists(self) -> None:
        """Which lists hold explanatory notes; the notes themselves."""
        groups: dict[int, str] = {}
        for line in self.lines:
            for marker in line.markers:
                if marker.kind is _MarkerKind.NOTE:
                    groups.setdefault(marker.number, marker.group or "lower-alpha")
        reference_sections = {
            e.section
            for e in self.entries
            if not e.lettered and self._title_key(e.section) not in _NOTE_TITLES
        }
        for entry in self.entries:
            # A numbered "Notes" list holds notes when the note markers need one and
            # the citations have a list of their own.
            entry.note = entry.lettered or (
                bool(groups)
                and self._title_key(entry.section) in _NOTE_TITLES
                and (len(reference_sections) > 1 or entry.section not in reference_sections)
                and bool(reference_sections)
            )
            if entry.note and entry.ordinal not in self.notes_by_ordinal:
                self.notes_by_ordinal[entry.ordinal] = len(self.draft.notes)
                self.draft.notes.append(
                    NoteDraft(
                        id=f"n{len(self.draft.notes) + 1}",
                        start=entry.start,
                        end=entry.end,
                        group=groups.get(entry.ordinal, "lower-alpha"),
                        text=_clean(self._entry_text(entry)),
                    )
                )
        spans: dict[tuple[int, bool], list[int]] = {}
        for entry in self.entries:
            span = spans.setdefault((entry.section, entry.note), [entry.start, entry.end])
            span[1] = max(span[1], entry.end)
        for (_section, note), (start, end) in spans.items():
            self.draft.reference_lists.append(
                ReferenceList(Span(start, end), "lower-alpha" if note else None)
            )

    # -- any other prose ----------------------------------------------------------------

    def _classify_plain(self) -> None:
        """A web page or an essay: find the main content when page furniture surrounds it."""
        blocks, bad = self._blocks()
        if sum(bad) >= 2:
            merged = [self._merged(block) for block in blocks]
            self._trim_boilerplate(blocks, merged, bad)
            return
        candidates = sorted(self._standalone_candidates())
        nonblank = [i for i, line in enumerate(self.lines) if line.kind is not _Kind.BLANK][:2]
        if nonblank:
            first = self.lines[nonblank[0]]
            if self.draft.title is not None:
                if first.bare.casefold() == self.draft.title.strip().casefold():
                    first.kind = _Kind.SKIP
            elif len(nonblank) > 1 and candidates and candidates[0] == nonblank[0]:
                # A heading-shaped first line is the essay's title.
                self.draft.title = first.bare
                first.kind = _Kind.SKIP
        for index in candidates:
            if self.lines[index].kind is _Kind.UNSET:
                self.lines[index].kind = _Kind.HEADING
        self._classify_bullets(0, None)
        for chain in self._chains():
            # An essay has no furniture: every paragraph with words in it is its prose.
            words = any(self.lines[i].words for i in chain)
            self._mark_chain(chain, _Kind.PROSE if words else _Kind.OTHER)
        self._join_items()

    def _blocks(self) -> tuple[list[list[int]], list[bool]]:
        """Non-blank lines as blocks (a hard-wrapped paragraph is one), and which are bad.

        A boilerplate line is a block of its own even right under a paragraph: a "Read
        more" link is not the end of the sentence above it.
        """
        blocks: list[list[int]] = []
        bad: list[bool] = []
        previous_bad = True
        for index, line in enumerate(self.lines):
            if line.kind is _Kind.BLANK:
                continue
            line_bad = _boilerplate(line)
            if (
                blocks
                and blocks[-1][-1] == index - 1
                and not line_bad
                and not previous_bad
                and _wraps(self.text, self.lines[index - 1], line)
            ):
                blocks[-1].append(index)
            else:
                blocks.append([index])
                bad.append(line_bad)
            previous_bad = line_bad
        return blocks, bad

    def _merged(self, block: list[int]) -> _Line:
        if len(block) == 1:
            return self.lines[block[0]]
        parts = [self.lines[i] for i in block]
        merged = dataclasses.replace(parts[0], rend=parts[-1].rend)
        merged.bare = " ".join(part.bare for part in parts)
        merged.words = sum(part.words for part in parts)
        merged.terminal = parts[-1].terminal
        merged.ends_marker = parts[-1].ends_marker
        merged.table = any(part.table for part in parts)
        merged.markers = [marker for part in parts for marker in part.markers]
        return merged

    def _trim_boilerplate(
        self, blocks: list[list[int]], merged: list[_Line], bad: list[bool]
    ) -> None:
        """jusText in miniature: the densest run of good blocks is the content.

        Good blocks are long and end a sentence; bad ones are boilerplate. Runs of good
        blocks are cut at bad blocks and at gaps of three or more short blocks (a headline,
        byline and caption stand between a standfirst and the story; one heading does not).
        """
        good = [
            not bad[i]
            and line.words >= 12
            and len(line.bare) >= 80
            and line.terminal
            and not _truncated(line.bare)
            for i, line in enumerate(merged)
        ]
        runs: list[list[int]] = []
        run_segments: list[int] = []
        segment = 0
        gap = 0
        for i in range(len(blocks)):
            if bad[i]:
                segment += 1
                continue
            if not good[i]:
                gap += 1
                continue
            if runs and run_segments[-1] == segment and gap < 3:
                runs[-1].append(i)
            else:
                runs.append([i])
                run_segments.append(segment)
            gap = 0
        for line in self.lines:
            if line.kind is not _Kind.BLANK:
                line.kind = _Kind.SKIP
        if not runs:
            return
        weights = [sum(len(merged[i].bare) for i in run) for run in runs]
        best = max(range(len(runs)), key=weights.__getitem__)
        first, last = best, best
        # Neighbouring runs of the same segment join when they are more than one teaser.
        while (
            first > 0 and run_segments[first - 1] == run_segments[best] and len(runs[first - 1]) > 1
        ):
            first -= 1
        while (
            last + 1 < len(runs)
            and run_segments[last + 1] == run_segments[best]
            and len(runs[last + 1]) > 1
        ):
            last += 1
        begin, finish = runs[first][0], runs[last][-1]
        if self.draft.title is None:
            self.draft.title = self._headline(merged, bad, begin)
        for i in range(begin, finish + 1):
            block = merged[i]
            if good[i] or (block.terminal and block.words >= 2):
                kind = _Kind.ITEM if block.bullet else _Kind.PROSE
                for position, index in enumerate(blocks[i]):
                    self.lines[index].kind = kind
                    self.lines[index].join = position > 0
            elif len(blocks[i]) == 1 and 1 <= block.words <= 15 and not block.markers:
                self.lines[blocks[i][0]].kind = _Kind.HEADING

    @staticmethod
    def _headline(merged: list[_Line], bad: list[bool], begin: int) -> str | None:
        """The first heading-shaped block between the last boilerplate and the content."""
        start = begin
        while start > 0 and not bad[start - 1]:
            start -= 1
        for line in merged[start:begin]:
            if 3 <= line.words <= 25 and not line.terminal:
                return line.bare
        return None

    # -- emitting the draft --------------------------------------------------------------

    def _emit(self) -> None:
        text = self.text
        draft = self.draft
        paragraph: ParagraphDraft | None = None
        previous: _Line | None = None
        for line in self.lines:
            kind = line.kind
            if kind is _Kind.PROSE or kind is _Kind.ITEM:
                if line.join and paragraph is not None and previous is not None:
                    if not _hyphenated(text, previous, line):
                        # The line break is a space of the paragraph.
                        paragraph.add_verbatim(text[previous.rend : line.lstart], previous.rend)
                else:
                    paragraph = ParagraphDraft(
                        section=draft.section, quote=line.quote, list_item=kind is _Kind.ITEM
                    )
                    draft.paragraphs.append(paragraph)
                self._prose(line, paragraph)
                previous = line
                continue
            paragraph = previous = None
            if kind is _Kind.HEADING:
                draft.sections.append(
                    SectionDraft(
                        title=line.edit_title if line.edit_title is not None else line.bare,
                        level=2,
                        start=line.lstart,
                        heading_end=line.rend,
                    )
                )
            elif kind is _Kind.ENTRY and line.entry is not None:
                self._entry(line.entry)
            elif kind is _Kind.SOURCE:
                self._source(line)
            elif kind is _Kind.OTHER:
                self._bookkeeping(line.markers, note=None)
            elif kind is _Kind.BANNER:
                draft.tags.append(
                    TagDraft(
                        name=line.banner or "",
                        kind=TagKind.BANNER,
                        start=line.lstart,
                        end=line.rend,
                        date=line.banner_date,
                        section=draft.section,
                    )
                )

    def _prose(self, line: _Line, paragraph: ParagraphDraft) -> None:
        text = self.text
        cursor = line.lstart if line.join else line.body
        for marker in line.markers:
            if marker.start < cursor:
                continue
            paragraph.add_verbatim(text[cursor : marker.start], cursor)
            cursor = marker.end
            if marker.kind is _MarkerKind.CITE:
                paragraph.add_event(EventKind.CITATION, self._use(marker, note=None), marker.end)
            elif marker.kind is _MarkerKind.TAG:
                paragraph.add_event(EventKind.TAG, self._tag(marker), marker.end)
            elif marker.kind is _MarkerKind.NOTE:
                paragraph.add_event(EventKind.NOTE, self._note(marker), marker.end)
        paragraph.add_verbatim(text[cursor : line.rend], cursor)

    def _use(self, marker: _Marker, *, note: str | None) -> int:
        index = self.registry.use(
            kind=ReferenceKind.ENTRY,
            group=None,
            name=str(marker.number),
            span=Span(marker.start, marker.end),
            page=marker.page,
            note=note,
        )
        self.entry_numbers.setdefault(self.draft.citations[index].reference, marker.number)
        return index

    def _tag(self, marker: _Marker) -> int:
        self.draft.tags.append(
            TagDraft(
                name=marker.name,
                kind=marker.tag_kind or TagKind.NEEDS_SOURCE,
                start=marker.start,
                end=marker.end,
                date=None,
                section=self.draft.section,
            )
        )
        return len(self.draft.tags) - 1

    def _note(self, marker: _Marker) -> int:
        index = self.notes_by_ordinal.get(marker.number)
        if index is None:
            # The note itself was not copied: the marker stands for it.
            index = len(self.draft.notes)
            self.draft.notes.append(
                NoteDraft(
                    id=f"n{index + 1}",
                    start=marker.start,
                    end=marker.end,
                    group=marker.group,
                    text="",
                )
            )
            self.notes_by_ordinal[marker.number] = index
        return index

    def _bookkeeping(self, markers: list[_Marker], *, note: str | None) -> None:
        """Markers outside the prose still count: the backlinks counted them too."""
        for marker in markers:
            if marker.kind is _MarkerKind.CITE:
                self._use(marker, note=note)
            elif marker.kind is _MarkerKind.TAG:
                self._tag(marker)

    def _entry_markers(self, entry: _Entry) -> list[_Marker]:
        return [
            marker
            for index in entry.lines
            for marker in self.lines[index].markers
            if marker.start >= entry.text_start
        ]

    def _entry_text(self, entry: _Entry) -> str:
        """The entry after its number and backlinks, without markers or tags."""
        pieces = []
        cursor = entry.text_start
        for marker in self._entry_markers(entry):
            pieces.append(self.text[cursor : marker.start])
            cursor = marker.end
        pieces.append(self.text[cursor : entry.end])
        return "".join(pieces)

    def _entry(self, entry: _Entry) -> None:
        markers = self._entry_markers(entry)
        if entry.note:
            index = self.notes_by_ordinal[entry.ordinal]
            note = self.draft.notes[index]
            # Citations inside a note count as uses, made from the note.
            self._bookkeeping(markers, note=note.id if note.start == entry.start else None)
            return
        for marker in markers:
            if marker.kind is _MarkerKind.TAG:
                self._tag(marker)
        raw = self.text[entry.start : entry.end]
        reference_id = self.registry.define(
            kind=ReferenceKind.ENTRY,
            group=None,
            name=str(entry.ordinal),
            span=Span(entry.start, entry.end),
            content=_content(raw, _clean(self._entry_text(entry)), markers),
            list_defined=True,
        )
        self.entry_numbers.setdefault(reference_id, entry.ordinal)
        self.backlinks.setdefault(reference_id, entry.backlinks)

    def _source(self, line: _Line) -> None:
        for marker in line.markers:
            if marker.kind is _MarkerKind.TAG:
                self._tag(marker)
        self.registry.define(
            kind=ReferenceKind.SOURCE,
            group=None,
            name=None,
            span=Span(line.lstart, line.rend),
            content=_content(
                self.text[line.lstart : line.rend],
                _clean(self.text[line.body : line.rend]),
                line.markers,
            ),
        )

    def _finish_references(self) -> list[Reference]:
        """The Registry knows nothing of entry numbers and backlinks: add them."""
        references = []
        for reference in self.registry.finish():
            if reference.kind is ReferenceKind.ENTRY:
                number = self.entry_numbers.get(reference.id)
                reference = dataclasses.replace(
                    reference,
                    name=str(number) if number is not None else None,
                    number=number,
                    backlinks=self.backlinks.get(reference.id),
                )
            references.append(reference)
        return references


def _short_item(line: _Line) -> bool:
    return line.words <= 5 and not line.terminal and not line.markers


def _hyphenated(text: str, previous: _Line, line: _Line) -> bool:
    """A word broken with a hyphen at the end of a line: "well-" + "known"."""
    return (
        previous.rend - previous.lstart >= 2
        and text[previous.rend - 1] == "-"
        and text[previous.rend - 2].isalpha()
        and text[line.lstart].islower()
    )


def _banner_date(text: str) -> str | None:
    match = _BANNER_DATE.search(text)
    return match.group(1) if match else None


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


def _clean(text: str) -> str:
    return " ".join(text.split())


def _content(raw: str, text: str, markers: list[_Marker]) -> Content:
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
        if _ARCHIVE_HOST.match(found):
            archive_url = archive_url or found
        else:
            url = url or found
    dead = any(m.kind is _MarkerKind.TAG and m.name == "dead link" for m in markers)
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
    )
