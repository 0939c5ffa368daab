"""Wikitext to :class:`~citecheck.model.Article`.

mwparserfromhell gives the tree; this module walks it once, keeping the source offset
of every node (``str(node)`` is exactly its source, so offsets are running sums), and
feeds two streams:

* prose: the visible text of paragraphs and list items, with the footnote markers,
  maintenance tags and notes that stand in it (``emit=True``);
* bookkeeping: references, anchors and tags found anywhere else (infoboxes, tables,
  captions, reference lists), which count but make no statements (``emit=False``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from citecheck.model import (
    EMPTY_REF,
    Article,
    CitationTemplate,
    ReferenceKind,
    ReferenceList,
    SourceFormat,
    SourceProblem,
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
from citecheck.parse.lengths import Lengths, StringLengths
from citecheck.parse.references import Content, Registry
from citecheck.parse.templates import Role

_REDIRECT = re.compile(
    r"\A\s*#\s*(?:redirect|weiterleitung|redirection|redirección|rinvio|redirecionamento)"
    r"\s*:?\s*\[\[([^\]|#]+)",
    re.IGNORECASE,
)
_TEXT_DEBRIS = re.compile(r"'{2,}|__[A-Z]+__")
_LANGUAGE_PREFIX = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]+)*")

FILE_NAMESPACES = frozenset(
    {"file", "image", "media", "datei", "bild", "fichier", "imagen", "archivo", "immagine",
     "arquivo", "ficheiro", "bestand", "afbeelding", "plik", "файл", "изображение", "文件",
     "ファイル", "画像", "파일", "soubor", "fil", "tiedosto", "kép", "dosya", "berkas"}
)  # fmt: skip
CATEGORY_NAMESPACES = frozenset(
    {"category", "kategorie", "catégorie", "categoría", "categoria", "categorie", "kategoria",
     "категория", "分类", "カテゴリ", "분류", "kategori", "kategorija", "luokka", "kategória"}
)  # fmt: skip
_INTERWIKI = frozenset(
    {"w", "wikipedia", "wp", "wikt", "wiktionary", "s", "wikisource", "q", "wikiquote", "b",
     "wikibooks", "n", "wikinews", "v", "wikiversity", "voy", "wikivoyage", "c", "commons",
     "species", "d", "wikidata", "m", "meta", "mw", "mediawikiwiki", "foundation", "wmf",
     "phab", "doi", "isbn", "arxiv", "google", "imdb", "oeis"}
)  # fmt: skip

_CONTAINER_TAGS = frozenset({"div", "center", "p", "section", "figure", "figcaption"})
_LIST_ITEM_TAGS = frozenset({"li", "dt", "dd"})
_NON_PROSE_TAGS = frozenset(
    {"table", "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "pre", "gallery",
     "timeline", "graph", "imagemap", "syntaxhighlight", "source", "score", "poem", "mapframe",
     "maplink", "inputbox", "categorytree", "hiero", "chart", "hr", "references",
     "templatedata"}
)  # fmt: skip
_DROPPED_TAGS = frozenset(
    {"includeonly", "templatestyles", "indicator", "charinsert", "math", "chem", "ce",
     "phonos", "nowiki-skip", "section", "langconvert", "img", "audio", "video"}
)  # fmt: skip


_BARE_URL = re.compile(
    r"\A\s*(?:\[\s*)?(?:https?:)?//[^\s\]]+(?:\s+[^\]]*)?(?:\s*\])?[\s.,;]*\Z", re.IGNORECASE
)
"""A footnote that is only a link: ``https://…`` or ``[https://… its title]``."""
_MARKUP_AROUND = re.compile(r"<!--.*?-->|'{2,}", re.DOTALL)


class _Line(Enum):
    EMPTY = 0
    PROSE = 1
    BLOCK = 2
    LIST = 3
    SKIP = 4
    """Preformatted text or table debris: ignored up to the end of the line."""


@dataclass(slots=True)
class _Collector:
    """What a footnote's content says, gathered while its nodes are walked."""

    citations: list[tuple[str, cs1.CitationFields]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    archive_url: str | None = None
    archive_date: str | None = None


def parse_wikitext(text: str, *, source: str = "-", title: str | None = None) -> Article:
    return assemble(_Reader(text, source=source, title=title).read())


class _Reader:
    def __init__(self, text: str, *, source: str, title: str | None) -> None:
        self.text = text
        self.draft = ArticleDraft(
            source=source, text=text, format=SourceFormat.WIKITEXT, title=title
        )
        self.registry = Registry(self.draft)
        self.paragraph: ParagraphDraft | None = None
        self.line = _Line.EMPTY
        self.line_comment = False
        self.quote_depth = 0
        self.suppress_text = 0
        self.note: str | None = None
        self.collector: _Collector | None = None
        self.list_defining = False
        self.last_event: Event | None = None
        self.last_citation: int | None = None
        self.named_notes: dict[tuple[str, str], int] = {}
        self.lengths = Lengths()

    def read(self) -> ArticleDraft:
        redirect = _REDIRECT.match(self.text)
        if redirect:
            self.draft.redirect = redirect.group(1).strip()
            return self.draft
        code = mwparserfromhell.parse(self.text)
        if self.lengths.code(code) != len(self.text):
            self.lengths = StringLengths()
        self._walk(code.nodes, 0, emit=True)
        self._end_paragraph()
        self.draft.references = self.registry.finish()
        return self.draft

    # -- walking ------------------------------------------------------------------------

    def _walk(self, nodes: list[Node], offset: int, *, emit: bool) -> int:
        text = self.text
        for node in nodes:
            if type(node) is Text:
                value = node.value
                if emit:
                    self._text(value, offset)
                offset += len(value)
                continue
            end = offset + self.lengths.node(node)
            if (
                emit
                or text.find("{{", offset, end) != -1
                or text.find("<", offset, end) != -1
                or (self.collector is not None and type(node) is ExternalLink)
            ):
                self._node(node, offset, end, emit=emit)
            offset = end
        return offset

    def _node(self, node: Node, start: int, end: int, *, emit: bool) -> None:
        if isinstance(node, Template):
            self._template(node, start, end, emit=emit)
        elif isinstance(node, Tag):
            self._tag(node, start, end, emit=emit)
        elif isinstance(node, Wikilink):
            self._wikilink(node, start, emit=emit)
        elif isinstance(node, ExternalLink):
            self._external_link(node, start, emit=emit)
        elif isinstance(node, HTMLEntity):
            if emit:
                self._rendered(node.normalize(), start, end)
        elif isinstance(node, Heading):
            self._heading(node, start, end, emit=emit)
        elif isinstance(node, Comment):
            if emit and self.line is _Line.EMPTY:
                self.line_comment = True
        elif isinstance(node, Argument) and node.default is not None:
            default_start = start + 3 + self.lengths.code(node.name) + 1
            self._walk(node.default.nodes, default_start, emit=False)

    # -- lines and paragraphs -----------------------------------------------------------

    def _text(self, value: str, start: int) -> None:
        if self.suppress_text:
            return
        if "\n" not in value:
            if value:
                self._line_text(value, start)
            return
        position = 0
        length = len(value)
        while True:
            newline = value.find("\n", position)
            line_end = length if newline < 0 else newline
            if line_end > position:
                self._line_text(value[position:line_end], start + position)
            if newline < 0:
                return
            self._newline(start + newline)
            position = newline + 1

    def _line_text(self, piece: str, at: int) -> None:
        if self.line is _Line.SKIP:
            return
        if self.line is _Line.EMPTY and not self.line_comment:
            if piece[0] == " " and not piece.isspace():
                # A line that starts with a space is preformatted text, not prose.
                self.line = _Line.SKIP
                return
            if piece.startswith(("{|", "|", "!")):
                self.line = _Line.SKIP
                return
        if piece.isspace():
            if self.paragraph is not None:
                self.paragraph.add_verbatim(piece, at)
            return
        paragraph = self._ensure_paragraph()
        if "''" in piece or "__" in piece:
            cursor = 0
            for match in _TEXT_DEBRIS.finditer(piece):
                paragraph.add_verbatim(piece[cursor : match.start()], at + cursor)
                cursor = match.end()
            paragraph.add_verbatim(piece[cursor:], at + cursor)
        else:
            paragraph.add_verbatim(piece, at)
        self._mark_prose()

    def _newline(self, at: int) -> None:
        line = self.line
        if line is _Line.PROSE:
            if self.paragraph is not None:
                self.paragraph.add_verbatim("\n", at)
        elif line is not _Line.EMPTY or not self.line_comment:
            self._end_paragraph()
        self.line = _Line.EMPTY
        self.line_comment = False

    def _mark_prose(self) -> None:
        if self.line is _Line.EMPTY or self.line is _Line.BLOCK:
            self.line = _Line.PROSE

    def _ensure_paragraph(self) -> ParagraphDraft:
        if self.paragraph is None:
            self.paragraph = ParagraphDraft(
                section=self.draft.section,
                quote=self.quote_depth > 0,
                list_item=self.line is _Line.LIST,
            )
            self.draft.paragraphs.append(self.paragraph)
        return self.paragraph

    def _end_paragraph(self) -> None:
        self.paragraph = None

    def _hard_block(self) -> None:
        """Something that always stands apart from paragraphs (a table, a heading)."""
        self._end_paragraph()
        self.line = _Line.BLOCK

    def _soft_block(self) -> None:
        """Something invisible in the line; a line of nothing else separates paragraphs."""
        if self.line is _Line.EMPTY:
            self.line = _Line.BLOCK

    def _rendered(self, text: str, start: int, end: int) -> None:
        if self.suppress_text or not text or self.line is _Line.SKIP:
            return
        self._ensure_paragraph().add_rendered(text, start, end)
        self._mark_prose()

    def _event(self, kind: EventKind, index: int, end: int) -> None:
        if self.line is _Line.SKIP:
            return
        paragraph = self._ensure_paragraph()
        paragraph.add_event(kind, index, end)
        self.last_event = paragraph.events[-1]
        self._mark_prose()

    # -- headings, links ------------------------------------------------------------------

    def _heading(self, heading: Heading, start: int, end: int, *, emit: bool) -> None:
        title_start = start + heading.level
        self._walk(heading.title.nodes, title_start, emit=False)
        if not emit:
            return
        self._hard_block()
        self.draft.sections.append(
            SectionDraft(
                title=cs1.plain_text(heading.title),
                level=heading.level,
                start=start,
                heading_end=end,
            )
        )

    def _wikilink(self, link: Wikilink, start: int, *, emit: bool) -> None:
        title = str(link.title)
        text_start = start + 2 + self.lengths.code(link.title) + 1
        namespace = ""
        if ":" in title:
            prefix, _colon, _rest = title.strip().partition(":")
            namespace = prefix.strip().casefold()
        if namespace and not title.lstrip().startswith(":"):
            if namespace in FILE_NAMESPACES:
                if link.text is not None:
                    self._walk(link.text.nodes, text_start, emit=False)
                if emit:
                    self._soft_block()
                return
            if namespace in CATEGORY_NAMESPACES or (
                namespace not in _INTERWIKI and _LANGUAGE_PREFIX.fullmatch(namespace)
            ):
                if emit:
                    self._soft_block()
                return
        if link.text is not None and link.text.nodes:
            self._walk(link.text.nodes, text_start, emit=emit)
        elif emit:
            shown = title.lstrip()
            skip = len(title) - len(shown) + (1 if shown.startswith(":") else 0)
            if link.title.nodes and all(type(n) is Text for n in link.title.nodes):
                self._text(title[skip:].rstrip(), start + 2 + skip)
            else:
                self._walk(link.title.nodes, start + 2, emit=True)

    def _external_link(self, link: ExternalLink, start: int, *, emit: bool) -> None:
        url = str(link.url)
        if self.collector is not None:
            self.collector.urls.append(cs1.raw_value(link.url))
        if link.brackets:
            if link.title is not None:
                gap = 0 if getattr(link, "suppress_space", False) else 1
                self._walk(link.title.nodes, start + 1 + len(url) + gap, emit=emit)
        elif emit:
            self._text(url, start)

    # -- tags ------------------------------------------------------------------------------

    def _tag(self, tag: Tag, start: int, end: int, *, emit: bool) -> None:
        if tag.invalid:
            return
        name = str(tag.tag).strip().casefold()
        if name == "ref" and not tag.wiki_markup:
            self._ref_tag(tag, start, end, emit=emit)
            return
        if tag.wiki_markup and name in _LIST_ITEM_TAGS:
            if emit and self.line is not _Line.LIST:
                self._end_paragraph()
                self.line = _Line.LIST
            return
        if tag.self_closing:
            if emit and name == "br":
                self._rendered(" ", start, end)
            elif name == "references":
                self.draft.reference_lists.append(ReferenceList(Span(start, end), _group(tag)))
                if emit:
                    self._hard_block()
            elif emit and name == "hr":
                self._hard_block()
            return
        contents_start = start + self.lengths.tag_opening(tag)
        if name == "references":
            self.draft.reference_lists.append(ReferenceList(Span(start, end), _group(tag)))
            self._list_definitions(tag.contents, contents_start)
            if emit:
                self._hard_block()
            return
        if name == "nowiki":
            if emit:
                self._text(str(tag.contents), contents_start)
            return
        if name in _DROPPED_TAGS:
            if emit:
                self._soft_block()
            return
        if not emit or name in _NON_PROSE_TAGS or (tag.wiki_markup and name != "b" and name != "i"):
            if emit:
                self._hard_block()
            self._walk(tag.contents.nodes, contents_start, emit=False)
            return
        if name == "blockquote":
            self._hard_block()
            self.quote_depth += 1
            self._walk(tag.contents.nodes, contents_start, emit=True)
            self.quote_depth -= 1
            self._hard_block()
        elif name in _CONTAINER_TAGS:
            self._hard_block()
            self._walk(tag.contents.nodes, contents_start, emit=True)
            self._hard_block()
        elif name in _LIST_ITEM_TAGS:
            self._end_paragraph()
            self.line = _Line.LIST
            self._walk(tag.contents.nodes, contents_start, emit=True)
            self._hard_block()
        else:
            self._walk(tag.contents.nodes, contents_start, emit=True)

    # -- footnotes -------------------------------------------------------------------------

    def _ref_tag(self, tag: Tag, start: int, end: int, *, emit: bool) -> None:
        attributes = {
            str(a.name).strip().casefold(): cs1.raw_value(a.value) if a.value is not None else ""
            for a in tag.attributes
        }
        if "follow" in attributes:
            return  # its text continues another footnote: no marker of its own
        body = None if tag.self_closing else tag.contents
        body_start = end if body is None else start + self.lengths.tag_opening(tag)
        self._footnote(
            name=attributes.get("name") or None,
            group=attributes.get("group") or None,
            body=body,
            body_start=body_start,
            span=Span(start, end),
            page=attributes.get("details") or None,
            emit=emit,
        )

    def _footnote(
        self,
        *,
        name: str | None,
        group: str | None,
        body: Wikicode | None,
        body_start: int,
        span: Span,
        page: str | None,
        emit: bool,
    ) -> None:
        if templates.is_note_group(group):
            self._note(
                name=name, group=group, body=body, body_start=body_start, span=span, emit=emit
            )
            return
        has_content = bool(self._source(body, body_start).strip())
        if self.list_defining:
            if has_content and name:
                self.registry.define(
                    kind=ReferenceKind.REF,
                    group=group,
                    name=name,
                    span=span,
                    content=self._content(body, body_start),
                    list_defined=True,
                )
            elif not has_content:
                self.draft.problems.append(SourceProblem(EMPTY_REF, span))
            return
        reference_id = None
        if has_content:
            reference_id = self.registry.define(
                kind=ReferenceKind.REF,
                group=group,
                name=name,
                span=span,
                content=self._content(body, body_start),
            )
        elif not name:
            self.draft.problems.append(SourceProblem(EMPTY_REF, span, "a <ref> with no content"))
            return
        index = self.registry.use(
            kind=ReferenceKind.REF,
            group=group,
            name=name,
            span=span,
            page=page,
            note=self.note,
            reference_id=reference_id,
        )
        self.last_citation = index
        if emit:
            self._event(EventKind.CITATION, index, span.end)

    def _content(self, body: Wikicode | None, body_start: int) -> Content:
        assert body is not None
        outer, self.collector = self.collector, _Collector()
        collector = self.collector
        try:
            self._walk(body.nodes, body_start, emit=False)
        finally:
            self.collector = outer
        raw = self._source(body, body_start)
        fields = collector.citations[0][1] if collector.citations else None
        url = (
            fields.url if fields and fields.url else (collector.urls[0] if collector.urls else None)
        )
        archive_url = (fields.archive_url if fields else None) or collector.archive_url
        archive_date = (fields.archive_date if fields else None) or collector.archive_date
        if fields is not None and len(collector.citations) == 1 and _only_template(body):
            text = fields.text
        else:
            text = cs1.plain_text(body)
        return Content(
            raw=raw,
            text=text,
            template=fields.template if fields else None,
            title=fields.title if fields else None,
            url=url,
            archive_url=archive_url,
            archive_date=archive_date,
            url_status=fields.url_status if fields else None,
            access_date=fields.access_date if fields else None,
            archived=archive_url is not None,
            anchors=tuple(f.anchor for _, f in collector.citations if f.anchor),
            targets=tuple(collector.targets),
            bare_url=fields is None and _BARE_URL.match(_MARKUP_AROUND.sub("", raw)) is not None,
        )

    def _note(
        self,
        *,
        name: str | None,
        group: str | None,
        body: Wikicode | None,
        body_start: int,
        span: Span,
        emit: bool,
    ) -> None:
        key = (group or "", name) if name else None
        index = self.named_notes.get(key) if key else None
        if index is None:
            index = len(self.draft.notes)
            self.draft.notes.append(
                NoteDraft(id=f"n{index + 1}", start=span.start, end=span.end, group=group, text="")
            )
            if key:
                self.named_notes[key] = index
        note = self.draft.notes[index]
        if body is not None and self._source(body, body_start).strip() and not note.text:
            note.start, note.end = span.start, span.end
            note.text = cs1.plain_text(body)
            outer, self.note = self.note, note.id
            outer_list, self.list_defining = self.list_defining, False
            self._walk(body.nodes, body_start, emit=False)
            self.note, self.list_defining = outer, outer_list
        if emit:
            self._event(EventKind.NOTE, index, span.end)

    def _list_definitions(self, code: Wikicode, start: int) -> None:
        outer, self.list_defining = self.list_defining, True
        self._walk(code.nodes, start, emit=False)
        self.list_defining = outer

    # -- templates -------------------------------------------------------------------------

    def _template(self, template: Template, start: int, end: int, *, emit: bool) -> None:
        name = templates.normalize_name(str(template.name))
        role = templates.role(name)
        if role is Role.CITATION and templates.quotation_not_citation(
            name, named_parameters=any(param.showkey for param in template.params)
        ):
            role = Role.INLINE
        handler = _TEMPLATE_HANDLERS.get(role) if role is not None else None
        if handler is None:
            if emit:
                self._soft_block()
            self._scan_params(template, start)
            return
        handler(self, name, template, start, end, emit)

    def _params(self, template: Template, start: int) -> dict[str, tuple[Wikicode, int]]:
        """Parameter values with the source offset where each value starts."""
        position = start + 2 + self.lengths.code(template.name)
        found: dict[str, tuple[Wikicode, int]] = {}
        for param in template.params:
            position += 1
            value_start = position + (self.lengths.code(param.name) + 1 if param.showkey else 0)
            found[str(param.name).strip()] = (param.value, value_start)
            position += self.lengths.parameter(param)
        return found

    def _citation_template(
        self, name: str, template: Template, start: int, end: int
    ) -> CitationTemplate:
        position = start + 2 + self.lengths.code(template.name)
        parameters = []
        for param in template.params:
            position += 1
            length = self.lengths.parameter(param)
            value_start = position + (self.lengths.code(param.name) + 1 if param.showkey else 0)
            value = cs1.without_comments(self.text[value_start : position + length])
            parameters.append(
                TemplateParameter(
                    name=str(param.name).strip(),
                    value=value.strip(),
                    span=Span(position, position + length),
                )
            )
            position += length
        return CitationTemplate(name=name, span=Span(start, end), parameters=tuple(parameters))

    def _source(self, code: Wikicode | None, start: int) -> str:
        """A fragment's source text, sliced from the article rather than rebuilt."""
        if code is None:
            return ""
        return self.text[start : start + self.lengths.code(code)]

    def _scan_params(self, template: Template, start: int, *, skip: str | None = None) -> None:
        """Walk every parameter value for footnotes and tags; nothing of it is prose."""
        end = start + self.lengths.node(template)
        inner = (
            self.text.find("{{", start + 2, end - 2) != -1 or self.text.find("<", start, end) != -1
        )
        if not inner and self.collector is None:
            return  # nothing nested: no footnote, tag or template to find
        position = start + 2 + self.lengths.code(template.name)
        for param in template.params:
            position += 1
            if param.showkey:
                position += self.lengths.code(param.name) + 1
                if skip is not None and str(param.name).strip() == skip:
                    position += self.lengths.code(param.value)
                    continue
            position = self._walk(param.value.nodes, position, emit=False)

    def _maintenance_tag(
        self, name: str, template: Template, start: int, end: int, emit: bool
    ) -> None:
        params = self._params(template, start)
        canonical, kind = templates.TAGS.get(name) or templates.TAG_SPANS[name]
        if name in templates.TAG_SPANS and "1" in params:
            value, value_start = params["1"]
            self._walk(value.nodes, value_start, emit=emit)
        date = params.get("date")
        index = len(self.draft.tags)
        self.draft.tags.append(
            TagDraft(
                name=canonical,
                kind=kind,
                start=start,
                end=end,
                date=cs1.plain_text(date[0]) or None if date else None,
                section=self.draft.section,
            )
        )
        if kind is TagKind.BANNER:
            if emit:
                self._soft_block()
        elif emit and self.collector is None and self.note is None:
            self._event(EventKind.TAG, index, end)

    def _short_footnote(
        self, name: str, template: Template, start: int, end: int, emit: bool
    ) -> None:
        targets = cs1.short_targets(name, template)
        if self.collector is not None:
            self.collector.targets.extend(targets)
            return
        params = cs1.Params(template)
        label = cs1.short_label(template)
        key = (
            "FOOTNOTE"
            + "".join(cs1.raw_value(p.value) for p in template.params if not p.showkey)
            + (cs1.short_page(params) or "")
        )
        kind = ReferenceKind.SHORT
        if templates.role(name) is Role.HARV:
            kind = ReferenceKind.PARENTHETICAL
            if emit:
                self._rendered(_harv_display(name, template), start, end)
        reference_id = self.registry.define(
            kind=kind,
            group=None,
            name=key,
            span=Span(start, end),
            content=Content(raw=str(template), text=label, targets=tuple(targets)),
            once=True,
        )
        index = self.registry.use(
            kind=kind,
            group=None,
            name=key,
            span=Span(start, end),
            page=cs1.short_page(params),
            note=self.note,
            reference_id=reference_id,
        )
        self.last_citation = index
        if emit:
            self._event(EventKind.CITATION, index, end)

    def _page_pin(self, name: str, template: Template, start: int, end: int, emit: bool) -> None:
        if self.last_citation is None:
            return
        citation = self.draft.citations[self.last_citation]
        if start - citation.end > 2:
            return  # not right after a footnote: nothing to pin
        params = self._params(template, start)
        if "1" in params:
            citation.page = cs1.plain_text(params["1"][0]) or None
        citation.end = end
        if (
            self.last_event is not None
            and self.last_event.kind is EventKind.CITATION
            and (self.last_event.index == self.last_citation)
        ):
            self.last_event.end = end

    def _named_refs(self, name: str, template: Template, start: int, end: int, emit: bool) -> None:
        params = cs1.Params(template)
        group = params.raw("group") or None
        page = cs1.short_page(params)
        for param in template.params:
            if param.showkey:
                continue
            ref_name = cs1.raw_value(param.value)
            if ref_name:
                self._footnote(
                    name=ref_name,
                    group=group,
                    body=None,
                    body_start=end,
                    span=Span(start, end),
                    page=page,
                    emit=emit,
                )

    def _tag_ref(self, name: str, template: Template, start: int, end: int, emit: bool) -> None:
        params = self._params(template, start)
        body, body_start = params.get("1", (None, end))
        self._footnote(
            name=_raw(params, "name"),
            group=_raw(params, "group"),
            body=body,
            body_start=body_start,
            span=Span(start, end),
            page=None,
            emit=emit,
        )

    def _note_template(
        self, name: str, template: Template, start: int, end: int, emit: bool
    ) -> None:
        params = self._params(template, start)
        group = _raw(params, "group")
        if templates.role(name) is Role.REFN and not templates.is_note_group(group):
            self._tag_ref(name, template, start, end, emit)
            return
        body, body_start = params.get("1", params.get("text", (None, end)))
        self._note(
            name=_raw(params, "name"),
            group=group or templates.NOTE_GROUPS.get(name, "lower-alpha"),
            body=body,
            body_start=body_start,
            span=Span(start, end),
            emit=emit,
        )

    def _reference_list(
        self, name: str, template: Template, start: int, end: int, emit: bool
    ) -> None:
        params = self._params(template, start)
        group = _raw(params, "group")
        self.draft.reference_lists.append(
            ReferenceList(Span(start, end), group or templates.NOTE_GROUPS.get(name))
        )
        if "refs" in params:
            value, value_start = params["refs"]
            self._list_definitions(value, value_start)
        self._scan_params(template, start, skip="refs")
        if emit:
            self._hard_block()

    def _citation(self, name: str, template: Template, start: int, end: int, emit: bool) -> None:
        self.draft.citation_templates.append(self._citation_template(name, template, start, end))
        fields = cs1.citation_fields(name, template)
        if fields.anchor:
            self.draft.anchors.add(fields.anchor)
        if self.collector is not None:
            self.collector.citations.append((name, fields))
        else:
            self.registry.define(
                kind=ReferenceKind.SOURCE,
                group=None,
                name=None,
                span=Span(start, end),
                content=Content(
                    raw=str(template),
                    text=fields.text,
                    template=name,
                    title=fields.title,
                    url=fields.url,
                    archive_url=fields.archive_url,
                    archive_date=fields.archive_date,
                    url_status=fields.url_status,
                    access_date=fields.access_date,
                    anchors=(fields.anchor,) if fields.anchor else (),
                ),
            )
            if emit:
                self._soft_block()
        outer, self.collector = self.collector, None
        self._scan_params(template, start)
        self.collector = outer

    def _archive(self, name: str, template: Template, start: int, end: int, emit: bool) -> None:
        if self.collector is None:
            return
        params = cs1.Params(template)
        url = params.raw("url") or params.raw("1")
        if url and self.collector.archive_url is None:
            self.collector.archive_url = url
            self.collector.archive_date = params.raw("date") or None

    def _quote(self, name: str, template: Template, start: int, end: int, emit: bool) -> None:
        params = self._params(template, start)
        key = next((k for k in ("text", "quote", "1", "quotetext") if k in params), None)
        if not emit or key is None:
            self._scan_params(template, start)
            return
        self._hard_block()
        self.quote_depth += 1
        value, value_start = params[key]
        self._walk(value.nodes, value_start, emit=True)
        self.suppress_text += 1
        for other, (value, value_start) in params.items():
            if other != key:
                self._walk(value.nodes, value_start, emit=True)
        self.suppress_text -= 1
        self.quote_depth -= 1
        self._hard_block()

    def _disambiguation(
        self, name: str, template: Template, start: int, end: int, emit: bool
    ) -> None:
        self.draft.disambiguation = True
        if emit:
            self._soft_block()

    def _anchors(self, name: str, template: Template, start: int, end: int, emit: bool) -> None:
        params = cs1.Params(template)
        if "ref" in params:
            explicit = cs1.explicit_anchor(params.values["ref"])
            if explicit:
                self.draft.anchors.add(explicit)
        for key in params.values:
            if key.isdigit() or key == "id":
                anchor = cs1.anchor_key(params.plain(key))
                if anchor:
                    self.draft.anchors.add(anchor)
        if name in ("visible anchor", "vanchor"):
            self._inline(name, template, start, end, emit)
        else:
            self._scan_params(template, start)

    def _inline(self, name: str, template: Template, start: int, end: int, emit: bool) -> None:
        if not emit:
            self._scan_params(template, start)
            return
        if name in templates.COMPUTED_INLINE:
            self._rendered(_computed(name, cs1.Params(template)), start, end)
            return
        if name.startswith("formatnum:"):
            raw = str(template.name)
            colon = raw.index(":")
            self._text(raw[colon + 1 :], start + 2 + colon + 1)
            return
        params = self._params(template, start)
        for step in templates.INLINE.get(name) or ("1",):
            if isinstance(step, tuple):
                self._rendered(step[1], start, end)
            elif step in params:
                value, value_start = params[step]
                self._walk(value.nodes, value_start, emit=True)


def _harv_display(name: str, template: Template) -> str:
    """Parenthetical references are read in the sentence: ``Smith (2001)``, ``(Smith 2001)``."""
    if name in ("harvtxt", "harvard citation text", "harvcoltxt"):
        return cs1.short_label(template, parenthesised_year=True)
    if name in ("harv", "harvp", "harvard citation", "harvcol"):
        return f"({cs1.short_label(template)})"
    return cs1.short_label(template)


_TEMPLATE_HANDLERS = {
    Role.TAG: _Reader._maintenance_tag,
    Role.TAG_SPAN: _Reader._maintenance_tag,
    Role.SHORT: _Reader._short_footnote,
    Role.SHORT_MULTI: _Reader._short_footnote,
    Role.HARV: _Reader._short_footnote,
    Role.PAGE_PIN: _Reader._page_pin,
    Role.NAMED_REFS: _Reader._named_refs,
    Role.TAG_REF: _Reader._tag_ref,
    Role.NOTE: _Reader._note_template,
    Role.REFN: _Reader._note_template,
    Role.REFERENCE_LIST: _Reader._reference_list,
    Role.CITATION: _Reader._citation,
    Role.ARCHIVE: _Reader._archive,
    Role.QUOTE: _Reader._quote,
    Role.DISAMBIGUATION: _Reader._disambiguation,
    Role.ANCHOR_ID: None,
    Role.WIKICITE: _Reader._anchors,
    Role.INLINE: _Reader._inline,
}


def _only_template(code: Wikicode) -> bool:
    """The fragment is one template with nothing around it but whitespace and comments."""
    templates_seen = 0
    for node in code.nodes:
        if isinstance(node, Template):
            templates_seen += 1
        elif isinstance(node, Text):
            if not node.value.isspace():
                return False
        elif not isinstance(node, Comment):
            return False
    return templates_seen == 1


def _raw(params: dict[str, tuple[Wikicode, int]], key: str) -> str | None:
    """A parameter's source text (a name, a group), or None when absent or empty."""
    found = params.get(key)
    return cs1.raw_value(found[0]) or None if found else None


def _group(tag: Tag) -> str | None:
    for attribute in tag.attributes:
        if str(attribute.name).strip().casefold() == "group" and attribute.value is not None:
            return cs1.raw_value(attribute.value) or None
    return None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_RANGE_WORDS = {"-": "–", "–": "–", "to": " to ", "and": " and ", "or": " or ", "x": " × ",
                "by": " × ", "+/-": " ± ", "±": " ± "}  # fmt: skip


def _computed(name: str, params: cs1.Params) -> str:
    """The text of the inline templates whose output is computed, approximately."""
    values = [params.plain(str(i)) for i in range(1, 8) if str(i) in params]
    if name in ("convert", "cvt"):
        if len(values) >= 4 and values[1] in _RANGE_WORDS:
            return f"{values[0]}{_RANGE_WORDS[values[1]]}{values[2]} {values[3]}"
        return " ".join(values[:2])
    if name in ("frac", "sfrac", "fraction"):
        if len(values) >= 3:
            return f"{values[0]} {values[1]}/{values[2]}"
        if len(values) == 2:
            return f"{values[0]}/{values[1]}"
        return f"1/{values[0]}" if values else ""
    if name == "zh":
        return params.first(("c", "t", "s", "p", "1")) or ""
    if name == "respell":
        return "-".join(values)
    return _date(values, day_first="df" in params)


def _date(values: list[str], *, day_first: bool) -> str:
    numbers = []
    for value in values[:3]:
        if not value.isdigit():
            break
        numbers.append(int(value))
    if not numbers:
        return values[0] if values else ""
    year = str(numbers[0])
    if len(numbers) == 1 or not 1 <= numbers[1] <= 12:
        return year
    month = _MONTHS[numbers[1] - 1]
    if len(numbers) == 2:
        return f"{month} {year}"
    return f"{numbers[2]} {month} {year}" if day_first else f"{month} {numbers[2]}, {year}"
