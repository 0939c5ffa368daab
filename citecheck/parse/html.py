"""Rendered HTML to :class:`~citecheck.model.Article`, in both forms a wiki serves.

* Parsoid HTML (the REST API, Wikimedia Enterprise, dumps): a footnote is a
  ``<sup typeof="mw:Extension/ref">`` whose ``data-mw`` gives its name and group, and every
  template's output carries its name and parameters (see :mod:`citecheck.parse.html_refs`),
  so maintenance tags, page pins and citation fields are known exactly.
* The legacy parser's HTML (``action=parse``, a saved page): a footnote is a
  ``<sup class="reference"><a href="#cite_note-…">[1]</a></sup>``, a maintenance tag is a
  ``<sup class="Inline-Template">`` read by its text, a citation is only its rendering.

Both lead to an entry ``<li id="cite_note-…">`` of a reference list, which is where a
footnote's content is; so a reference here is defined by that entry (its span), numbered by
first use as the reader sees it. Entries are read when their first marker is met, so the
footnotes inside an explanatory note are numbered where the note stands, as the wiki does.

The page is walked once, like the wikitext reader walks its tree: paragraphs and list items
of the article's content are prose; infoboxes, navboxes, tables, figures, hatnotes, banners,
the table of contents and edit links are not, but the footnotes and tags in them still
count. Statement spans point into the HTML source: text runs map character by character,
a character reference maps as a whole to its ``&…;``.

The tokenizer is the standard library's ``html.parser`` (see :mod:`~citecheck.parse.html_tree`
for why): it reports where every tag and text run starts, is maintained with CPython, never
refuses input, and adds no dependency.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from citecheck.model import (
    Article,
    CitationTemplate,
    ReferenceKind,
    ReferenceList,
    SourceFormat,
    Span,
    TagKind,
    TemplateParameter,
)
from citecheck.parse import cs1, templates
from citecheck.parse.assemble import assemble
from citecheck.parse.draft import (
    ArticleDraft,
    Event,
    EventKind,
    NoteDraft,
    ParagraphDraft,
    SectionDraft,
    TagDraft,
)
from citecheck.parse.html_page import survey
from citecheck.parse.html_refs import (
    TemplateCall,
    banner_tag,
    entry_name,
    entry_text,
    fragment,
    label_group,
    read_data_mw,
    read_entry,
    rendered_tag,
)
from citecheck.parse.html_tree import Element, Text, parse_tree, plain_text
from citecheck.parse.references import Registry
from citecheck.parse.templates import Role

# Never read: their text is code, data or a fallback for something else.
_SKIPPED = frozenset(
    {"head", "script", "style", "noscript", "template", "title", "svg", "math", "iframe",
     "object", "canvas", "audio", "video", "button", "input", "select", "textarea", "img"}
)  # fmt: skip
# Not prose, but the footnotes and tags inside count (an infobox cites too).
_NON_PROSE_TAGS = frozenset(
    {"table", "figure", "figcaption", "pre", "nav", "aside", "header", "footer", "form",
     "menu", "dialog", "caption", "gallery"}
)  # fmt: skip
_NON_PROSE_CLASSES = frozenset(
    {"infobox", "navbox", "vertical-navbox", "navbox-styles", "sidebar", "metadata", "ambox",
     "tmbox", "ombox", "cmbox", "imbox", "fmbox", "dmbox", "mbox-small", "hatnote", "dablink",
     "rellink", "shortdescription", "toc", "mw-editsection", "noprint", "thumb", "gallery",
     "catlinks", "printfooter", "mw-jump-link", "portal", "portalbox", "portal-bar",
     "sistersitebox", "side-box", "mw-authority-control", "navigation-not-searchable",
     "mw-empty-elt", "mwe-math-element", "mw-ext-cite-error", "autonumber", "mw-indicators",
     "mw-kartographer-map", "mw-kartographer-maplink"}
)  # fmt: skip
_NON_PROSE_ROLES = frozenset({"navigation", "note", "presentation", "complementary"})
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "body", "html", "ul", "ol", "dl", "center",
     "address", "details", "summary", "fieldset", "hgroup", "#document"}
)  # fmt: skip
_LIST_ITEMS = frozenset({"li", "dt", "dd"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BREAKING = _BLOCKS | _NON_PROSE_TAGS | _LIST_ITEMS | {"blockquote", *_HEADINGS}
"""Elements that stand apart from the paragraphs around them."""
_QUOTE_CLASSES = frozenset({"quotebox", "templatequote", "pullquote", "cquote"})
_HEADING_NOISE = frozenset(
    {"mw-editsection", "mw-headline-number", "mw-ref", "reference", "Inline-Template", "noprint"}
)


@dataclass(slots=True)
class _Frame:
    children: Iterator[Element | Text]
    emit: bool
    on_exit: Callable[[], None] | None


@dataclass(slots=True)
class _TagGroup:
    """The maintenance tags of one Parsoid transclusion, whose later elements extend them."""

    tags: list[int]
    event: Event | None


def parse_html(text: str, *, source: str = "-", title: str | None = None) -> Article:
    return assemble(_Reader(text, source=source, title=title).read())


class _Reader:
    def __init__(self, text: str, *, source: str, title: str | None) -> None:
        self.text = text
        self.tree = parse_tree(text)
        self.draft = ArticleDraft(source=source, text=text, format=SourceFormat.HTML, title=title)
        self.registry = Registry(self.draft)
        self.paragraph: ParagraphDraft | None = None
        self.quote_depth = 0
        self.list_depth = 0
        self.entry_depth = 0
        self.note: str | None = None
        self.last_event: Event | None = None
        self.last_citation: int | None = None
        self.page = survey(self.tree)
        self.draft.anchors.update(self.page.anchors)
        # Filled while walking.
        self.reference_ids: dict[str, str] = {}
        self.note_ids: dict[str, int] = {}
        self.entry_groups: dict[str, str | None] = {}
        self.scanned: set[str] = set()
        self.pending: deque[Element] = deque()
        self.tag_groups: dict[str, _TagGroup] = {}
        self.classic_lists: list[tuple[int, Element]] = []

    def read(self) -> ArticleDraft:
        if self.draft.title is None:
            self.draft.title = self.page.title
        if self.page.redirect is not None:
            self.draft.redirect = self.page.redirect
            return self.draft
        self._walk(self.page.root, emit=True)
        self.paragraph = None
        self._unused_entries()
        self._classic_list_groups()
        self.draft.references = self.registry.finish()
        return self.draft

    # -- walking -------------------------------------------------------------------------------

    def _walk(self, top: Element, *, emit: bool) -> None:
        stack = [_Frame(iter(top.children), emit, None)]
        while stack:
            frame = stack[-1]
            for child in frame.children:
                if isinstance(child, Text):
                    if frame.emit:
                        self._text(child)
                    continue
                action = self._enter(child, frame.emit)
                if action is not None:
                    stack.append(_Frame(iter(child.children), *action))
                    break
            else:
                stack.pop()
                if frame.on_exit is not None:
                    frame.on_exit()

    def _enter(self, element: Element, emit: bool) -> tuple[bool, Callable[[], None] | None] | None:
        """Read one element; say whether to walk into it, emitting prose or not, and what to
        do on leaving it. None: it has been dealt with (or is not read at all)."""
        tag = element.tag
        attrs = element.attrs
        if tag in _SKIPPED or tag in ("link", "meta", "base"):
            if tag == "link" and "about" in attrs:
                self._transcluded(element, element.types(), emit)
            return None
        if tag == "br":
            if emit:
                self._rendered(" ", element.start, element.end)
            return None
        if tag == "hr":
            if emit:
                self._hard_block()
            return None
        if "about" in attrs or "typeof" in attrs:
            types = element.types()
            if "mw:Extension/ref" in types:
                self._parsoid_ref(element, emit)
                return None
            if "mw:Extension/references" in types:
                data = read_data_mw(element.get("data-mw"))
                self._reference_list(element, data.attrs.get("group"))
                if emit:
                    self._hard_block()
                return None
            if self._transcluded(element, types, emit):
                return None
        classes = element.classes
        if classes and self._special(element, classes, emit):
            return None
        heading = _HEADINGS.get(tag)
        if heading is not None:
            self._heading(element, heading, emit)
            return None
        if (
            tag in _NON_PROSE_TAGS
            or (classes and not _NON_PROSE_CLASSES.isdisjoint(classes))
            or attrs.get("role") in _NON_PROSE_ROLES
            or ("style" in attrs and "display:none" in attrs["style"].replace(" ", ""))
        ):
            if not emit:
                return False, None
            if tag not in _BREAKING:
                return False, None  # an inline aside ("[fr]" after a link): the line goes on
            self._hard_block()
            return False, self._hard_block
        if not emit:
            return False, None
        if tag in _LIST_ITEMS:
            self._hard_block()
            self.list_depth += 1
            return True, self._leave_list_item
        if tag == "blockquote" or (classes and not _QUOTE_CLASSES.isdisjoint(classes)):
            self._hard_block()
            self.quote_depth += 1
            return True, self._leave_quote
        if tag in _BLOCKS:
            self._hard_block()
            return True, self._hard_block
        return True, None

    def _leave_list_item(self) -> None:
        self.list_depth -= 1
        self._hard_block()

    def _leave_quote(self) -> None:
        self.quote_depth -= 1
        self._hard_block()

    def _special(self, element: Element, classes: list[str], emit: bool) -> bool:
        """Footnote markers, maintenance tags, reference lists and citations of the legacy
        parser, known by their classes. True when the element has been dealt with."""
        if "references" in classes and element.tag == "ol":
            self._reference_list(element, None)
            if emit:
                self._hard_block()
            return True
        if "reference" in classes and element.tag == "sup":
            return self._classic_marker(element, emit)
        if "Inline-Template" in classes or "Template-Fact" in classes:
            self._classic_tag(element, emit)
            return True
        if element.tag == "cite" and "citation" in classes and not self.entry_depth:
            self._full_citation(element)
            return True
        banner = banner_tag(classes) if not self.page.parsoid else None
        if banner is not None:
            canonical, kind = banner
            self._tag(canonical, kind, element.start, element.end, None, emit=False)
        return False

    # -- prose ---------------------------------------------------------------------------------

    def _text(self, node: Text) -> None:
        if self.paragraph is None:
            if node.value.isspace():
                return
            self.paragraph = ParagraphDraft(
                section=self.draft.section,
                quote=self.quote_depth > 0,
                list_item=self.list_depth > 0,
            )
            self.draft.paragraphs.append(self.paragraph)
        if node.verbatim:
            self.paragraph.add_verbatim(node.value, node.start)
        else:
            self.paragraph.add_rendered(node.value, node.start, node.end)

    def _rendered(self, value: str, start: int, end: int) -> None:
        if self.paragraph is not None:
            self.paragraph.add_rendered(value, start, end)

    def _hard_block(self) -> None:
        self.paragraph = None

    def _event(self, kind: EventKind, index: int, end: int) -> None:
        if self.paragraph is None:
            self.paragraph = ParagraphDraft(
                section=self.draft.section,
                quote=self.quote_depth > 0,
                list_item=self.list_depth > 0,
            )
            self.draft.paragraphs.append(self.paragraph)
        self.paragraph.add_event(kind, index, end)
        self.last_event = self.paragraph.events[-1]

    def _heading(self, element: Element, level: int, emit: bool) -> None:
        self._walk(element, emit=False)  # footnotes in a heading count, but make no prose
        if not emit:
            return
        self._hard_block()
        parent = element.parent
        outer = parent if parent is not None and parent.has_class("mw-heading") else element
        title = plain_text(element, skip=_heading_noise)
        self.draft.sections.append(
            SectionDraft(title=title, level=level, start=outer.start, heading_end=outer.end)
        )

    # -- templates (Parsoid) --------------------------------------------------------------------

    def _transcluded(self, element: Element, types: list[str], emit: bool) -> bool:
        """An element of a template's output, as Parsoid marks it. True when dealt with: it is
        part of a maintenance tag or a page pin, which the reader sees only as a marker."""
        about = element.get("about")
        group = self.tag_groups.get(about) if about else None
        if group is not None:
            for index in group.tags:
                tag = self.draft.tags[index]
                tag.end = max(tag.end, element.end)
            if group.event is not None:
                group.event.end = max(group.event.end, element.end)
            return True
        # The first element of a template's output carries its data-mw; the rest share its
        # about id, and only the first one acts.
        if "mw:Transclusion" not in types or "data-mw" not in element.attrs:
            return False
        data = self.page.transclusions.get(about) if about else None
        if data is None or not data.calls:
            return False
        roles = [call.role for call in data.calls]
        if Role.DISAMBIGUATION in roles:
            self.draft.disambiguation = True
        if all(role is Role.PAGE_PIN for role in roles):
            self._page_pin(element, cs1.plain_text(data.calls[0].params.get("1", "")))
            return True
        found = [self._tag_call(call, element, emit) for call in data.calls]
        tags = [index for index in found if index is not None]
        if not tags:
            return False
        if not data.only_templates or not all(templates.TAGS.get(c.name) for c in data.calls):
            # {{citation needed span}} and kin wrap prose that stays prose; so does the text
            # of other templates in the same output.
            return False
        event = self.last_event if emit and self._prose_event(tags) else None
        if about:
            self.tag_groups[about] = _TagGroup(tags, event)
        return True

    def _tag_call(self, call: TemplateCall, element: Element, emit: bool) -> int | None:
        known = templates.TAGS.get(call.name) or templates.TAG_SPANS.get(call.name)
        if known is None:
            return None
        date = cs1.plain_text(call.params.get("date", "")) or None
        return self._tag(known[0], known[1], element.start, element.end, date, emit=emit)

    def _prose_event(self, indices: list[int]) -> bool:
        """The tags made an event in the prose (the last one made is theirs)."""
        return (
            self.last_event is not None
            and self.last_event.kind is EventKind.TAG
            and self.last_event.index in indices
        )

    def _tag(
        self, name: str, kind: TagKind, start: int, end: int, date: str | None, *, emit: bool
    ) -> int:
        index = len(self.draft.tags)
        self.draft.tags.append(
            TagDraft(
                name=name, kind=kind, start=start, end=end, date=date, section=self.draft.section
            )
        )
        if emit and kind is not TagKind.BANNER and self.note is None and not self.entry_depth:
            self._event(EventKind.TAG, index, end)
        return index

    # -- the legacy parser's markers and tags ---------------------------------------------------

    def _classic_marker(self, element: Element, emit: bool) -> bool:
        link = next(
            (e for e in element.elements() if e.tag == "a" and "#cite_note" in e.get("href")),
            None,
        )
        if link is None:
            label = plain_text(element)
            if label.startswith(":"):
                self._page_pin(element, label[1:].strip() or None)
                return True
            return False
        target = fragment(link.get("href"))
        self._marker(
            element,
            target=target,
            name=entry_name(target),
            group=label_group(plain_text(link)),
            page=None,
            short=target.startswith("cite_note-FOOTNOTE"),
            emit=emit,
        )
        return True

    def _classic_tag(self, element: Element, emit: bool) -> None:
        found = rendered_tag(element)
        if found is not None:
            name, kind, date = found
            self._tag(name, kind, element.start, element.end, date, emit=emit)

    # -- footnotes ------------------------------------------------------------------------------

    def _parsoid_ref(self, element: Element, emit: bool) -> None:
        data = read_data_mw(element.get("data-mw"))
        if "follow" in data.attrs:
            return  # its text continues another footnote: no marker of its own
        link = next((e for e in element.elements() if e.tag == "a" and "#" in e.get("href")), None)
        target = fragment(link.get("href")) if link is not None else None
        if target is None and data.body_id:
            target = data.body_id.removeprefix("mw-reference-text-")
        short = any(call.role in (Role.SHORT, Role.SHORT_MULTI) for call in data.calls)
        group = data.attrs.get("group") or (link.get("data-mw-group") if link else None)
        if group is None:
            # Older Parsoid gives an {{efn}} only as the template, not as a ref's attributes.
            note = next((call for call in data.calls if call.role is Role.NOTE), None)
            group = templates.NOTE_GROUPS.get(note.name, "lower-alpha") if note else None
        self._marker(
            element,
            target=target,
            name=data.attrs.get("name"),
            group=group or None,
            page=data.attrs.get("details"),
            short=short or bool(target and target.startswith("cite_note-FOOTNOTE")),
            emit=emit,
        )

    def _marker(
        self,
        element: Element,
        *,
        target: str | None,
        name: str | None,
        group: str | None,
        page: str | None,
        short: bool,
        emit: bool,
    ) -> None:
        if target:
            self.entry_groups.setdefault(target, group)
        if templates.is_note_group(group):
            self._note(element, target, group, emit)
            return
        kind = ReferenceKind.SHORT if short else ReferenceKind.REF
        key = target if short else name
        reference_id = self.reference_ids.get(target) if target else None
        entry = None
        if reference_id is None and target:
            reference_id, entry = self._define(target, kind, group, key, list_defined=None)
        index = self.registry.use(
            kind=kind,
            group=group,
            name=key,
            span=Span(element.start, element.end),
            page=page,
            note=self.note,
            reference_id=reference_id,
        )
        if emit and not self.entry_depth:
            self._event(EventKind.CITATION, index, element.end)
        if entry is not None:
            self._scan(entry)
        self.last_citation = index

    def _define(
        self,
        target: str,
        kind: ReferenceKind,
        group: str | None,
        name: str | None,
        *,
        list_defined: bool | None,
    ) -> tuple[str | None, Element | None]:
        """Define a footnote by its entry, which is returned to be read for the footnotes and
        tags inside; no id when the list has no entry with content."""
        entry = self.page.entries.get(target)
        if entry is None:
            return None, None
        text_element = _entry_text_element(entry)
        if not entry_text(text_element):
            return None, None  # the entry only shows a "Cite error"
        if list_defined is None:
            list_defined = (
                self.page.parsoid
                and name is not None
                and (group or "", name) not in self.page.defined_names
            )
        reference_id = self.registry.define(
            kind=kind,
            group=group,
            name=name,
            span=Span(entry.start, entry.end),
            content=read_entry(
                text_element, self.text, self.page.calls_within(text_element), self.page.templated
            ),
            list_defined=list_defined and kind is ReferenceKind.REF,
        )
        self._citation_templates(text_element)
        self.reference_ids[target] = reference_id
        return reference_id, entry

    def _note(self, element: Element, target: str | None, group: str | None, emit: bool) -> None:
        key = target or f"\0{len(self.draft.notes)}"
        index = self.note_ids.get(key)
        if index is None:
            index = len(self.draft.notes)
            entry = self.page.entries.get(target) if target else None
            text = entry_text(_entry_text_element(entry)) if entry is not None else ""
            note = NoteDraft(
                id=f"n{index + 1}", start=element.start, end=element.end, group=group, text=text
            )
            self.draft.notes.append(note)
            self.note_ids[key] = index
        else:
            entry = None
        if emit and self.note is None and not self.entry_depth:
            self._event(EventKind.NOTE, index, element.end)
        if entry is not None:
            outer, self.note = self.note, self.draft.notes[index].id
            self._scan(entry)
            self.note = outer

    def _scan(self, entry: Element) -> None:
        """Read an entry's footnotes and tags (a note cites too) where its first marker stands.

        An entry met while another is read waits for that one to finish: entries refer to
        each other, and reading them in a queue keeps the depth bounded.
        """
        identifier = entry.get("id")
        if identifier in self.scanned:
            return
        self.scanned.add(identifier)
        self.pending.append(entry)
        if self.entry_depth:
            return
        last_citation = self.last_citation
        self.entry_depth += 1
        while self.pending:
            self._walk(_entry_text_element(self.pending.popleft()), emit=False)
        self.entry_depth -= 1
        self.last_citation = last_citation

    def _page_pin(self, element: Element, page: str | None) -> None:
        if self.last_citation is None:
            return
        citation = self.draft.citations[self.last_citation]
        if element.start - citation.end > 2:
            return  # not right after a footnote: nothing to pin
        citation.page = page or None
        citation.end = element.end
        event = self.last_event
        if (
            event is not None
            and event.kind is EventKind.CITATION
            and event.index == self.last_citation
        ):
            event.end = element.end

    def _full_citation(self, cite: Element) -> None:
        """A citation outside any footnote (a bibliography): a source, not prose."""
        self.registry.define(
            kind=ReferenceKind.SOURCE,
            group=None,
            name=None,
            span=Span(cite.start, cite.end),
            content=read_entry(cite, self.text, self.page.calls_within(cite), self.page.templated),
        )
        self._citation_templates(cite)
        self._walk(cite, emit=False)

    def _citation_templates(self, element: Element) -> None:
        """The citation templates Parsoid says an element came from. Their parameters have
        no place in the HTML of their own: each points at the element of its template."""
        for placed, call in self.page.placed_calls_within(element):
            if call.role is not Role.CITATION or templates.quotation_not_citation(
                call.name, named_parameters=any(not key.strip().isdigit() for key in call.params)
            ):
                continue
            span = Span(placed.start, placed.end)
            self.draft.citation_templates.append(
                CitationTemplate(
                    name=call.name,
                    span=span,
                    parameters=tuple(
                        TemplateParameter(
                            name=key.strip(), value=cs1.without_comments(value).strip(), span=span
                        )
                        for key, value in call.params.items()
                    ),
                )
            )

    # -- reference lists ------------------------------------------------------------------------

    def _reference_list(self, element: Element, group: str | None) -> None:
        index = len(self.draft.reference_lists)
        self.draft.reference_lists.append(ReferenceList(Span(element.start, element.end), group))
        if group is None and not self.page.parsoid:
            self.classic_lists.append((index, element))

    def _unused_entries(self) -> None:
        """Entries no marker points at: list-defined footnotes nothing cites."""
        for target, entry in self.page.entries.items():
            if target in self.reference_ids or entry.get("id") in self.scanned:
                continue
            group = _list_group(entry)
            if templates.is_note_group(group):
                continue
            _id, defined = self._define(
                target, ReferenceKind.REF, group, entry_name(target), list_defined=True
            )
            if defined is not None:
                self._scan(defined)

    def _classic_list_groups(self) -> None:
        """A legacy list says nothing of its group: its entries' markers do."""
        for index, element in self.classic_lists:
            for item in element.children:
                if isinstance(item, Element) and item.get("id") in self.entry_groups:
                    group = self.entry_groups[item.get("id")]
                    if group:
                        span = self.draft.reference_lists[index].span
                        self.draft.reference_lists[index] = ReferenceList(span, group)
                    break


def _heading_noise(element: Element) -> bool:
    """Edit links, footnote markers and tags: in a heading, but not its title."""
    return element.tag == "style" or not _HEADING_NOISE.isdisjoint(element.classes)


def _entry_text_element(entry: Element) -> Element:
    """The citation inside a list entry, without its backlinks."""
    for inner in entry.elements():
        if inner.tag == "span" and (
            inner.has_class("mw-reference-text") or inner.has_class("reference-text")
        ):
            return inner
    return entry


def _list_group(entry: Element) -> str | None:
    """The group of a Parsoid list entry (its list says), None otherwise."""
    parent = entry.parent
    return (parent.get("data-mw-group") or None) if parent is not None else None
