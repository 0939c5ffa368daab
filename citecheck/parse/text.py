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

This module decides what each line is and fills the draft. What it looks at is read
elsewhere: markers in :mod:`~citecheck.parse.markers`, a line's shape in
:mod:`~citecheck.parse.lines`, a wiki page's chrome and banners in
:mod:`~citecheck.parse.chrome`, a reference list entry in :mod:`~citecheck.parse.entries`,
and a web page's boilerplate in :mod:`~citecheck.parse.webpage`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from citecheck.model import (
    Article,
    Reference,
    ReferenceKind,
    ReferenceList,
    SourceFormat,
    Span,
    TagKind,
)
from citecheck.parse import webpage
from citecheck.parse.assemble import assemble
from citecheck.parse.chrome import FROM_WIKIPEDIA, find_chrome
from citecheck.parse.draft import (
    ArticleDraft,
    EventKind,
    NoteDraft,
    ParagraphDraft,
    SectionDraft,
    TagDraft,
)
from citecheck.parse.entries import EntryHead, clean, read_content, read_entry_head
from citecheck.parse.lines import (
    Kind,
    Line,
    describe,
    heading_like,
    hyphenated,
    merge,
    prose_like,
    short_item,
    split_lines,
    wraps,
)
from citecheck.parse.markers import Marker, MarkerKind
from citecheck.parse.references import Registry
from citecheck.parse.sections import heading_exemption

# Titles are compared as keys: casefolded, runs of spaces and underscores as one space.
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


# Not frozen: continuation lines extend an entry, and the reader decides later, once it
# has seen every list, whether the entry is a note.
@dataclass(slots=True)
class _Entry:
    """A list entry as the reader gathers it: its first line, then the lines it wraps onto."""

    head: EntryHead
    start: int
    end: int
    text_start: int
    """Where the citation (or the note's text) begins, after the label and backlinks."""
    section: int
    ordinal: int
    lines: list[int]
    note: bool = False


def parse_text(text: str, *, source: str = "-", title: str | None = None) -> Article:
    return assemble(_Reader(text, source=source, title=title).read())


class _Reader:
    def __init__(self, text: str, *, source: str, title: str | None) -> None:
        self.text = text
        self.draft = ArticleDraft(source=source, text=text, format=SourceFormat.TEXT, title=title)
        self.registry = Registry(self.draft)
        self.lines = split_lines(text)
        self.line_sections = [0] * len(self.lines)
        self.section_titles: list[str] = [""]
        self.section_keys: list[str] = [""]
        self.entries: list[_Entry] = []
        self.entry_starts: dict[int, _Entry] = {}
        """Entries by the index of their first line."""
        self.notes_by_ordinal: dict[int, int] = {}

    def read(self) -> ArticleDraft:
        for line in self.lines:
            if line.kind is Kind.UNSET:
                describe(self.text, line)
        if self._looks_rendered():
            self._classify_rendered()
        else:
            self.draft.lead_is_summary = False
            self._classify_plain()
        self._emit()
        self.draft.references = self._finish_references()
        return self.draft

    def _unset(self) -> list[tuple[int, Line]]:
        return [(i, line) for i, line in enumerate(self.lines) if line.kind is Kind.UNSET]

    # -- text copied from a rendered page ---------------------------------------------------

    def _looks_rendered(self) -> bool:
        for line in self.lines:
            if line.kind is Kind.BLANK:
                continue
            if line.edit_title is not None or line.bare.startswith(FROM_WIKIPEDIA):
                return True
            if any(m.kind in (MarkerKind.CITE, MarkerKind.TAG) for m in line.markers):
                return True
            if self._entry_head(line, strong_only=True) is not None:
                return True
        return False

    def _classify_rendered(self) -> None:
        self._find_title()
        find_chrome(self.text, self.lines)
        candidates = self._standalone_candidates()
        first_prose = self._first_prose()
        for index, line in self._unset():
            if line.edit_title is not None or (
                index in candidates and first_prose is not None and index > first_prose
            ):
                line.kind = Kind.HEADING
        self._number_sections()
        zone = self._find_entries()
        self._classify_bullets(first_prose, zone)
        captions = self._caption_lines()
        for index in captions:
            if self.lines[index].kind is Kind.UNSET:
                self.lines[index].kind = Kind.OTHER
        for chain in self._chains():
            first = chain[0]
            paragraph = merge(self.lines, chain)
            if first_prose is None or first < first_prose:
                kind = Kind.OTHER
            elif zone is not None and first > zone:
                kind = Kind.PROSE if self._prose_after_lists(first, paragraph) else Kind.OTHER
            else:
                kind = Kind.PROSE if prose_like(paragraph, strict=False) else Kind.OTHER
            # An indented paragraph is a block quotation.
            quote = kind is Kind.PROSE and paragraph.lstart - paragraph.start >= 2
            self._mark_chain(chain, kind, quote=quote)
        self._join_items()
        self._decide_lists()

    def _chains(self, *, skip: Callable[[Line], bool] | None = None) -> list[list[int]]:
        """Undecided lines grouped into paragraphs: a hard-wrapped one is one chain."""
        chains: list[list[int]] = []
        for index, line in enumerate(self.lines):
            if line.kind is not Kind.UNSET or line.bullet or line.edit_title is not None:
                continue
            if skip is not None and skip(line):
                continue
            if (
                chains
                and chains[-1][-1] == index - 1
                and wraps(self.text, self.lines[index - 1], line)
            ):
                chains[-1].append(index)
            else:
                chains.append([index])
        return chains

    def _mark_chain(self, chain: list[int], kind: Kind, *, quote: bool = False) -> None:
        for position, index in enumerate(chain):
            line = self.lines[index]
            line.kind = kind
            line.join = position > 0 and kind in (Kind.PROSE, Kind.ITEM)
            line.quote = quote

    def _find_title(self) -> None:
        nonblank = [line for line in self.lines[:50] if line.kind is not Kind.BLANK][:2]
        if not nonblank:
            return
        first = nonblank[0]
        if self.draft.title is not None:
            if first.bare.casefold() == self.draft.title.strip().casefold():
                first.kind = Kind.SKIP
        elif len(nonblank) == 2 and nonblank[1].bare.startswith(FROM_WIKIPEDIA):
            self.draft.title = first.bare
            first.kind = Kind.SKIP

    def _standalone_candidates(self) -> set[int]:
        """Heading-shaped lines at the left margin, alone between blank lines.

        The usual closing sections ("References", "See also") are headings even when the
        copy kept no blank lines around them.
        """
        lines = self.lines
        found = set()
        for index, line in self._unset():
            if line.lstart != line.start or not heading_like(line):
                continue
            before = index == 0 or lines[index - 1].kind is Kind.BLANK
            after = index + 1 == len(lines) or lines[index + 1].kind is Kind.BLANK
            key = _TITLE_NOISE.sub(" ", line.bare).strip(" :.").casefold()
            if (before and after) or key in _LIST_TITLES or heading_exemption(line.bare):
                found.add(index)
        return found

    def _first_prose(self) -> int | None:
        """The first paragraph: what comes before it is title, chrome and infobox."""
        captions = {id(self.lines[i]) for i in self._caption_lines()}

        def skip(line: Line) -> bool:
            return id(line) in captions or self._entry_head(line, strong_only=True) is not None

        for chain in self._chains(skip=skip):
            if prose_like(merge(self.lines, chain), strict=True):
                return chain[0]
        return None

    def _caption_lines(self) -> set[int]:
        """Image placeholders and the lines right under them, up to the next blank line."""
        captions: set[int] = set()
        in_caption = False
        for index, line in enumerate(self.lines):
            if line.kind is Kind.BLANK:
                in_caption = False
            elif line.image and line.kind is Kind.UNSET:
                captions.add(index)
                in_caption = True
            elif in_caption and line.kind is Kind.UNSET:
                captions.add(index)
        return captions

    def _number_sections(self) -> None:
        section = 0
        for index, line in enumerate(self.lines):
            if line.kind is Kind.HEADING:
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
                if line.kind is Kind.HEADING
                and self._title_key(self.line_sections[index]) in _LIST_TITLES
            ),
            None,
        )
        previous: _Entry | None = None
        # The last number seen in each list, lettered (notes) apart from the rest: an
        # unnumbered entry takes the next one.
        ordinals: dict[tuple[int, bool], int] = {}
        for index, line in enumerate(self.lines):
            if line.kind is not Kind.UNSET:
                previous = None
                continue
            section = self.line_sections[index]
            in_list = self._title_key(section) in _LIST_TITLES
            head = self._entry_head(line, strong_only=not in_list)
            if head is not None:
                counter = (section, head.lettered)
                ordinals[counter] = (
                    head.label if head.label is not None else ordinals.get(counter, 0) + 1
                )
                entry = _Entry(
                    head=head,
                    start=line.lstart,
                    end=line.rend,
                    text_start=line.lstart + head.text_offset,
                    section=section,
                    ordinal=ordinals[counter],
                    lines=[index],
                )
                line.kind = Kind.ENTRY
                self.entries.append(entry)
                self.entry_starts[index] = entry
                previous = entry
                zone = index if zone is None else min(zone, index)
            elif previous is not None and in_list and not line.bullet:
                # A long entry wrapped over more than one line.
                previous.lines.append(index)
                previous.end = line.rend
                line.kind = Kind.ENTRY
        return zone

    def _entry_head(self, line: Line, *, strong_only: bool) -> EntryHead | None:
        return read_entry_head(self.text[line.lstart : line.rend], strong_only=strong_only)

    def _classify_bullets(self, first_prose: int | None, zone: int | None) -> None:
        """List items: statements in the body, navigation and bibliography elsewhere."""
        run: list[int] = []
        for index, line in enumerate([*self.lines, None]):
            if line is not None and line.bullet and line.kind is Kind.UNSET:
                run.append(index)
            elif run:
                self._settle_run(run, first_prose, zone)
                run = []

    def _settle_run(self, run: list[int], first_prose: int | None, zone: int | None) -> None:
        lines = self.lines
        short = sum(1 for i in run if short_item(lines[i]))
        # Navboxes and "See also" lists are runs of bare names.
        navigation = short * 3 >= len(run) * 2
        for i in run:
            line = lines[i]
            if zone is not None and i > zone:
                sources = self._title_key(self.line_sections[i]) in _SOURCE_TITLES
                line.kind = Kind.SOURCE if sources and line.words >= 3 else Kind.OTHER
            elif navigation or line.table or first_prose is None or i < first_prose:
                line.kind = Kind.OTHER
            else:
                line.kind = Kind.ITEM

    def _prose_after_lists(self, index: int, line: Line) -> bool:
        """After the reference lists only a real section (rare) still holds prose."""
        section = self.line_sections[index]
        return (
            section > 0
            and self._title_key(section) not in _LIST_TITLES
            and heading_exemption(self.section_titles[section]) is None
            and prose_like(line, strict=False)
        )

    def _join_items(self) -> None:
        """A list item wrapped over lines: its continuation lines belong to it."""
        lines = self.lines
        for index in range(1, len(lines)):
            previous, line = lines[index - 1], lines[index]
            if (
                previous.kind is Kind.ITEM
                and line.kind in (Kind.PROSE, Kind.OTHER)
                and not line.join
                and wraps(self.text, previous, line)
            ):
                line.kind = Kind.ITEM
                line.join = True

    def _decide_lists(self) -> None:
        """Which lists hold explanatory notes; the notes themselves."""
        groups: dict[int, str] = {}
        for line in self.lines:
            for marker in line.markers:
                if marker.kind is MarkerKind.NOTE:
                    groups.setdefault(marker.number, marker.group or "lower-alpha")
        reference_sections = {
            e.section
            for e in self.entries
            if not e.head.lettered and self._title_key(e.section) not in _NOTE_TITLES
        }
        for entry in self.entries:
            # A numbered "Notes" list holds notes when the note markers need one and
            # the citations have a list of their own.
            entry.note = entry.head.lettered or (
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
                        text=clean(self._entry_text(entry)),
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
        self.draft.url, address_line = webpage.page_address(self.lines)
        if address_line is not None:
            self.lines[address_line].kind = Kind.SKIP
        blocks, bad = webpage.page_blocks(self.text, self.lines)
        if sum(bad) >= 2:
            headline = webpage.keep_main_content(self.lines, blocks, bad)
            if self.draft.title is None:
                self.draft.title = headline
            return
        candidates = sorted(self._standalone_candidates())
        nonblank = [
            i for i, line in enumerate(self.lines) if line.kind not in (Kind.BLANK, Kind.SKIP)
        ][:2]
        if nonblank:
            first = self.lines[nonblank[0]]
            if self.draft.title is not None:
                if first.bare.casefold() == self.draft.title.strip().casefold():
                    first.kind = Kind.SKIP
            elif len(nonblank) > 1 and candidates and candidates[0] == nonblank[0]:
                # A heading-shaped first line is the essay's title.
                self.draft.title = first.bare
                first.kind = Kind.SKIP
        for index in candidates:
            if self.lines[index].kind is Kind.UNSET:
                self.lines[index].kind = Kind.HEADING
        self._classify_bullets(0, None)
        for chain in self._chains():
            # An essay has no furniture: every paragraph with words in it is its prose.
            words = any(self.lines[i].words for i in chain)
            self._mark_chain(chain, Kind.PROSE if words else Kind.OTHER)
        self._join_items()

    # -- emitting the draft --------------------------------------------------------------

    def _emit(self) -> None:
        text = self.text
        draft = self.draft
        paragraph: ParagraphDraft | None = None
        previous: Line | None = None
        for index, line in enumerate(self.lines):
            kind = line.kind
            if kind is Kind.PROSE or kind is Kind.ITEM:
                if line.join and paragraph is not None and previous is not None:
                    if not hyphenated(text, previous, line):
                        # The line break is a space of the paragraph.
                        paragraph.add_verbatim(text[previous.rend : line.lstart], previous.rend)
                else:
                    paragraph = ParagraphDraft(
                        section=draft.section, quote=line.quote, list_item=kind is Kind.ITEM
                    )
                    draft.paragraphs.append(paragraph)
                self._prose(line, paragraph)
                previous = line
                continue
            paragraph = previous = None
            if kind is Kind.HEADING:
                draft.sections.append(
                    SectionDraft(
                        title=line.edit_title if line.edit_title is not None else line.bare,
                        level=2,
                        start=line.lstart,
                        heading_end=line.rend,
                    )
                )
            elif kind is Kind.ENTRY and index in self.entry_starts:
                self._entry(self.entry_starts[index])
            elif kind is Kind.SOURCE:
                self._source(line)
            elif kind is Kind.OTHER:
                self._bookkeeping(line.markers, note=None)
            elif kind is Kind.BANNER:
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

    def _prose(self, line: Line, paragraph: ParagraphDraft) -> None:
        text = self.text
        cursor = line.lstart if line.join else line.body
        for marker in line.markers:
            if marker.start < cursor:
                continue
            paragraph.add_verbatim(text[cursor : marker.start], cursor)
            cursor = marker.end
            if marker.kind is MarkerKind.CITE:
                paragraph.add_event(EventKind.CITATION, self._use(marker, note=None), marker.end)
            elif marker.kind is MarkerKind.TAG:
                paragraph.add_event(EventKind.TAG, self._tag(marker), marker.end)
            elif marker.kind is MarkerKind.NOTE:
                paragraph.add_event(EventKind.NOTE, self._note(marker), marker.end)
        paragraph.add_verbatim(text[cursor : line.rend], cursor)

    def _use(self, marker: Marker, *, note: str | None) -> int:
        return self.registry.use(
            kind=ReferenceKind.ENTRY,
            group=None,
            name=str(marker.number),
            span=Span(marker.start, marker.end),
            page=marker.page,
            note=note,
        )

    def _tag(self, marker: Marker) -> int:
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

    def _note(self, marker: Marker) -> int:
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

    def _bookkeeping(self, markers: list[Marker], *, note: str | None) -> None:
        """Markers outside the prose still count: the backlinks counted them too."""
        for marker in markers:
            if marker.kind is MarkerKind.CITE:
                self._use(marker, note=note)
            elif marker.kind is MarkerKind.TAG:
                self._tag(marker)

    def _entry_markers(self, entry: _Entry) -> list[Marker]:
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
            if marker.kind is MarkerKind.TAG:
                self._tag(marker)
        raw = self.text[entry.start : entry.end]
        self.registry.define(
            kind=ReferenceKind.ENTRY,
            group=None,
            name=str(entry.ordinal),
            span=Span(entry.start, entry.end),
            content=read_content(
                raw, clean(self._entry_text(entry)), markers, backlinks=entry.head.backlinks
            ),
            list_defined=True,
        )

    def _source(self, line: Line) -> None:
        for marker in line.markers:
            if marker.kind is MarkerKind.TAG:
                self._tag(marker)
        self.registry.define(
            kind=ReferenceKind.SOURCE,
            group=None,
            name=None,
            span=Span(line.lstart, line.rend),
            content=read_content(
                self.text[line.lstart : line.rend],
                clean(self.text[line.body : line.rend]),
                line.markers,
            ),
        )

    def _finish_references(self) -> list[Reference]:
        # The Registry numbers footnotes in order of first use and cannot know a copied
        # entry's number: it is the name the entry was registered under (the number it
        # shows, or the ordinal an unnumbered one was given).
        return [
            dataclasses.replace(reference, number=int(reference.name))
            if reference.kind is ReferenceKind.ENTRY and reference.name is not None
            else reference
            for reference in self.registry.finish()
        ]
