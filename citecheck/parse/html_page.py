"""A first look over a rendered page: what must be known before its content is walked.

The content is the largest ``mw-parser-output`` element (a saved page has the skin around
it), else the body. Footnote entries are found by id wherever their list stands, because a
marker is read before the list; Parsoid's templates are indexed by ``about`` id, because
only the first element of a template's output says which template it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from citecheck.parse import cs1
from citecheck.parse.html_refs import DataMw, TemplateCall, read_data_mw
from citecheck.parse.html_tree import Element, plain_text

_WIKI_SUFFIX = re.compile(r"\s+[-–—]\s+[^-–—]*wiki[^-–—]*$", re.IGNORECASE)
"""" - Wikipedia" and the like after the article's name in a saved page's title."""


@dataclass(slots=True)
class Page:
    root: Element
    """Where the article's content is."""
    title: str | None = None
    redirect: str | None = None
    parsoid: bool = False
    entries: dict[str, Element] = field(default_factory=dict)
    """Reference list entries (``<li id="cite_note-…">``) by id."""
    transclusions: dict[str, DataMw] = field(default_factory=dict)
    """Parsoid's templates by the ``about`` id their output shares."""
    defined_names: set[tuple[str, str]] = field(default_factory=set)
    """(group, name) of the named footnotes that carry their content at some use."""
    anchors: set[str] = field(default_factory=set)
    """Harvard anchors (``CITEREF…`` ids) a shortened footnote may point at."""

    def templated(self, element: Element) -> bool:
        """The element is part of a template's output (Parsoid only)."""
        about = element.attrs.get("about")
        return about is not None and about in self.transclusions

    def calls_within(self, element: Element) -> list[TemplateCall]:
        """The templates an element's content came from, in order (Parsoid only)."""
        return [call for _, call in self.placed_calls_within(element)]

    def placed_calls_within(self, element: Element) -> list[tuple[Element, TemplateCall]]:
        """:meth:`calls_within`, each with the element that carries its transclusion."""
        calls: list[tuple[Element, TemplateCall]] = []
        seen: set[str] = set()
        for inner in (element, *element.elements()):
            about = inner.attrs.get("about")
            if about and about not in seen:
                seen.add(about)
                data = self.transclusions.get(about)
                if data is not None:
                    calls.extend((inner, call) for call in data.calls)
        return calls


def survey(tree: Element) -> Page:
    page = Page(root=tree)
    best: Element | None = None
    body: Element | None = None
    for element in tree.elements():
        attrs = element.attrs
        identifier = attrs.get("id")
        if identifier is not None:
            if identifier.startswith("cite_note") and element.tag == "li":
                page.entries.setdefault(identifier, element)
            elif identifier.startswith("CITEREF"):
                page.anchors.add(cs1.anchor_key(identifier))
        if "data-mw" in attrs:
            page.parsoid = True
            _index_data_mw(page, element)
        tag = element.tag
        if tag == "title" and page.title is None:
            page.title = _WIKI_SUFFIX.sub("", plain_text(element)) or None
        elif tag == "body" and body is None:
            body = element
        elif tag == "link" and "mw:PageProp/redirect" in attrs.get("rel", ""):
            page.redirect = unquote(attrs.get("href", "").removeprefix("./")).replace("_", " ")
        classes = attrs.get("class")
        if classes is None:
            continue
        if element.has_class("mw-parser-output") and (
            best is None or element.end - element.start > best.end - best.start
        ):
            best = element
        if element.has_class("redirectMsg"):
            page.redirect = _classic_redirect(element)
    page.root = best or body or tree
    page.redirect = (page.redirect or "").strip() or None
    return page


def _index_data_mw(page: Page, element: Element) -> None:
    types = element.types()
    if "mw:Extension/ref" in types:
        data = read_data_mw(element.get("data-mw"))
        name = data.attrs.get("name")
        if name and data.has_body:
            page.defined_names.add((data.attrs.get("group", ""), name))
    about = element.get("about")
    if about and "mw:Transclusion" in types and about not in page.transclusions:
        page.transclusions[about] = read_data_mw(element.get("data-mw"))


def _classic_redirect(element: Element) -> str | None:
    """The target of a legacy "Redirect to:" page."""
    for inner in element.elements():
        if inner.tag == "a" and inner.get("title"):
            return inner.get("title")
    return None
