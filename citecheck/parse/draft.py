"""The mutable drafts a parser fills while it reads, before :mod:`assemble` freezes them.

A parser's job ends at "this paragraph reads so, and these citations stand at these
places in it"; splitting sentences, attaching citations and judging coverage are the
same for every input format and live in :mod:`citecheck.parse.assemble`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum

from citecheck.model import (
    CitationTemplate,
    MaintenanceTag,
    Reference,
    ReferenceList,
    SourceFormat,
    SourceProblem,
    Span,
    TagKind,
)


class EventKind(Enum):
    CITATION = 1
    TAG = 2
    NOTE = 3


@dataclass(slots=True)
class CitationDraft:
    reference: str
    start: int
    end: int
    page: str | None = None
    note: str | None = None
    statement: str | None = None


@dataclass(slots=True)
class TagDraft:
    name: str
    kind: TagKind
    start: int
    end: int
    date: str | None
    section: int
    statement: str | None = None

    def freeze(self) -> MaintenanceTag:
        return MaintenanceTag(
            name=self.name,
            kind=self.kind,
            span=Span(self.start, self.end),
            date=self.date,
            statement=self.statement,
            section=self.section,
        )


@dataclass(slots=True)
class NoteDraft:
    id: str
    start: int
    end: int
    group: str | None
    text: str
    statement: str | None = None


@dataclass(slots=True)
class Event:
    position: int
    """Offset in the paragraph's text where the marker stood."""
    kind: EventKind
    index: int
    """Index into the article draft's list for this kind."""
    end: int
    """Source offset where the marker ends."""


@dataclass(slots=True)
class ParagraphDraft:
    """One paragraph's visible text, with a map from its characters back to the source.

    Text arrives in pieces. A verbatim piece is a slice of the source, so each of its
    characters maps to one source offset; a rendered piece (an entity, a template's
    output) maps as a whole to the source span it came from.
    """

    section: int
    quote: bool = False
    list_item: bool = False
    parts: list[str] = field(default_factory=list)
    length: int = 0
    piece_starts: list[int] = field(default_factory=list)
    piece_sources: list[tuple[int, int, bool]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    has_text: bool = False

    def add_verbatim(self, text: str, source_start: int) -> None:
        if not text:
            return
        self._add(text, source_start, source_start + len(text), verbatim=True)

    def add_rendered(self, text: str, source_start: int, source_end: int) -> None:
        if not text:
            return
        self._add(text, source_start, source_end, verbatim=False)

    def _add(self, text: str, source_start: int, source_end: int, *, verbatim: bool) -> None:
        self.parts.append(text)
        self.piece_starts.append(self.length)
        self.piece_sources.append((source_start, source_end, verbatim))
        self.length += len(text)
        if not self.has_text and not text.isspace():
            self.has_text = True

    def add_event(self, kind: EventKind, index: int, end: int) -> None:
        self.events.append(Event(self.length, kind, index, end))

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def source_start(self, position: int) -> int:
        """The source offset of the character at ``position``."""
        piece = bisect.bisect_right(self.piece_starts, position) - 1
        start, _end, verbatim = self.piece_sources[piece]
        return start + (position - self.piece_starts[piece]) if verbatim else start

    def source_end(self, position: int) -> int:
        """The source offset just after the character before ``position`` (exclusive end)."""
        piece = bisect.bisect_right(self.piece_starts, position - 1) - 1
        start, end, verbatim = self.piece_sources[piece]
        return start + (position - self.piece_starts[piece]) if verbatim else end


@dataclass(slots=True)
class SectionDraft:
    title: str
    level: int
    start: int
    heading_end: int


@dataclass(slots=True)
class ArticleDraft:
    source: str
    text: str
    format: SourceFormat
    title: str | None = None
    sections: list[SectionDraft] = field(
        default_factory=lambda: [SectionDraft(title="", level=0, start=0, heading_end=0)]
    )
    paragraphs: list[ParagraphDraft] = field(default_factory=list)
    citations: list[CitationDraft] = field(default_factory=list)
    tags: list[TagDraft] = field(default_factory=list)
    notes: list[NoteDraft] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    reference_lists: list[ReferenceList] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    citation_templates: list[CitationTemplate] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    disambiguation: bool = False
    redirect: str | None = None
    url: str | None = None
    """Where the page itself was read from, when it says so (a saved web page)."""
    lead_is_summary: bool = True
    """False for a plain web page or essay: its opening paragraphs are not a wiki lead."""

    @property
    def section(self) -> int:
        return len(self.sections) - 1
