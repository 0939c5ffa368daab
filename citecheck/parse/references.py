"""Bookkeeping of references while a parser reads: definitions, reuses, numbering."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citecheck.model import Reference, ReferenceKind, Span
from citecheck.parse.draft import ArticleDraft, CitationDraft

_SPACES = re.compile(r"\s+")
_NAMED_KINDS = frozenset({ReferenceKind.REF, ReferenceKind.ENTRY})
"""Kinds whose names a reader sees; sfn footnote keys are internal."""


@dataclass(frozen=True, slots=True)
class Content:
    """What a reference's definition says, as far as citecheck reads it."""

    raw: str
    text: str = ""
    template: str | None = None
    title: str | None = None
    url: str | None = None
    archive_url: str | None = None
    archive_date: str | None = None
    url_status: str | None = None
    access_date: str | None = None
    archived: bool = False
    anchors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    backlinks: int | None = None
    """Rendered text only: the backlinks (``^ a b c``) an entry shows."""
    bare_url: bool = False


@dataclass(slots=True)
class _Entry:
    id: str
    kind: ReferenceKind
    name: str | None
    group: str | None
    definitions: list[tuple[Span, Content]] = field(default_factory=list)
    first_use: Span | None = None
    first_use_order: int | None = None
    uses: int = 0
    list_defined: bool = False


class Registry:
    """Collects references in the order a reader meets them.

    Keys are (kind, group, name): named footnotes share a key, so a reuse before the
    definition and the definition meet on one entry; unnamed ones get a key of their own.
    """

    def __init__(self, draft: ArticleDraft) -> None:
        self._draft = draft
        self._entries: dict[tuple[str, str, str], _Entry] = {}
        self._order: list[_Entry] = []
        self._uses_seen = 0

    def _entry(self, kind: ReferenceKind, group: str | None, name: str | None) -> _Entry:
        key = (kind.value, group or "", name if name is not None else f"\0{len(self._order)}")
        entry = self._entries.get(key)
        if entry is None:
            entry = _Entry(id=f"r{len(self._order) + 1}", kind=kind, name=name, group=group)
            self._entries[key] = entry
            self._order.append(entry)
        return entry

    def define(
        self,
        *,
        kind: ReferenceKind,
        group: str | None,
        name: str | None,
        span: Span,
        content: Content,
        list_defined: bool = False,
        once: bool = False,
    ) -> str:
        """Record a definition; with ``once``, later ones of the same key are not kept."""
        entry = self._entry(kind, group, name)
        if once and entry.definitions:
            return entry.id
        if not entry.definitions and list_defined:
            entry.list_defined = True
        entry.definitions.append((span, content))
        return entry.id

    def use(
        self,
        *,
        kind: ReferenceKind,
        group: str | None,
        name: str | None,
        span: Span,
        page: str | None = None,
        note: str | None = None,
        reference_id: str | None = None,
    ) -> int:
        """Record one use; return the index of its :class:`CitationDraft`."""
        entry = (
            self._entry_by_id(reference_id)
            if reference_id is not None
            else self._entry(kind, group, name)
        )
        entry.uses += 1
        if entry.first_use is None:
            entry.first_use = span
            entry.first_use_order = self._uses_seen
            self._uses_seen += 1
        self._draft.citations.append(
            CitationDraft(reference=entry.id, start=span.start, end=span.end, page=page, note=note)
        )
        return len(self._draft.citations) - 1

    def _entry_by_id(self, reference_id: str) -> _Entry:
        return self._order[int(reference_id[1:]) - 1]

    def finish(self) -> list[Reference]:
        numbers = self._numbers()
        references = []
        for entry in self._order:
            if entry.definitions:
                span, content = entry.definitions[0]
                first_raw = _normalised(content.raw)
                redefinitions = tuple(
                    s for s, c in entry.definitions[1:] if _normalised(c.raw) != first_raw
                )
            else:
                span = entry.first_use or Span(0, 0)
                content = Content(raw="")
                redefinitions = ()
            references.append(
                Reference(
                    id=entry.id,
                    kind=entry.kind,
                    span=span,
                    name=entry.name if entry.kind in _NAMED_KINDS else None,
                    group=entry.group,
                    number=numbers.get(entry.id),
                    uses=entry.uses,
                    defined=bool(entry.definitions),
                    list_defined=entry.list_defined,
                    text=content.text,
                    raw=content.raw,
                    template=content.template,
                    title=content.title,
                    url=content.url,
                    archive_url=content.archive_url,
                    archive_date=content.archive_date,
                    url_status=content.url_status,
                    access_date=content.access_date,
                    archived=content.archived or content.archive_url is not None,
                    anchors=content.anchors,
                    targets=content.targets,
                    backlinks=content.backlinks,
                    bare_url=content.bare_url,
                    redefinitions=redefinitions,
                )
            )
        return references

    def _numbers(self) -> dict[str, int]:
        """Footnote numbers as a reader sees them: per group, in order of first use."""
        footnotes = [
            e
            for e in self._order
            if e.first_use_order is not None and e.kind in (ReferenceKind.REF, ReferenceKind.SHORT)
        ]
        footnotes.sort(key=lambda e: e.first_use_order or 0)
        counters: dict[str, int] = {}
        numbers = {}
        for entry in footnotes:
            group = entry.group or ""
            counters[group] = counters.get(group, 0) + 1
            numbers[entry.id] = counters[group]
        return numbers


def _normalised(raw: str) -> str:
    return _SPACES.sub(" ", raw).strip()
