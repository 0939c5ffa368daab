"""Reading citation templates (CS1/CS2 and kin): fields, Harvard anchors, plain text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from citecheck.parse import templates
from citecheck.parse.templates import Role

_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "url": (
        "url",
        "URL",
        "chapter-url",
        "chapterurl",
        "contribution-url",
        "entry-url",
        "section-url",
        "conference-url",
        "transcript-url",
        "titre-url",
    ),
    "archive_url": ("archive-url", "archiveurl", "archiv-url", "archive url"),
    "archive_date": ("archive-date", "archivedate", "archiv-datum", "date archive"),
    "url_status": ("url-status", "urlstatus"),
    "dead_url": ("dead-url", "deadurl", "dead url"),
    "access_date": ("access-date", "accessdate", "abruf", "consulté le", "access date"),
    "title": ("title", "titre", "titel", "script-title", "trans-title", "chapter", "contribution"),
}

_NAME_KEYS = (
    "last{n}",
    "surname{n}",
    "author{n}-last",
    "author-last{n}",
    "author{n}",
    "subject{n}",
)
_FIRST_KEYS = ("first{n}", "given{n}", "author{n}-first", "author-first{n}")
_EDITOR_KEYS = ("editor{n}-last", "editor-last{n}", "editor-surname{n}", "editor{n}")
_WORK_KEYS = (
    "work",
    "website",
    "newspaper",
    "journal",
    "magazine",
    "periodical",
    "encyclopedia",
    "encyclopaedia",
    "dictionary",
    "site",
    "périodique",
    "site",
    "werk",
)
_YEAR = re.compile(r"\b(\d{4}[a-z]?)\b")
_ANCHOR_NOISE = re.compile(r"[\s_'\"]+")
_SPACES = re.compile(r"\s+")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class CitationFields:
    template: str
    title: str | None = None
    url: str | None = None
    archive_url: str | None = None
    archive_date: str | None = None
    url_status: str | None = None
    access_date: str | None = None
    anchor: str | None = None
    text: str = ""


class Params:
    """A template's parameters, read once: values by stripped name, plain text on demand.

    A repeated name keeps its last value, as on the wiki. Citation templates are read by
    several functions (fields, anchor, rendering) that ask for the same names, so plain
    text is computed once per name.
    """

    __slots__ = ("_plain", "values")

    def __init__(self, template: Template) -> None:
        self.values: dict[str, Wikicode] = {str(p.name).strip(): p.value for p in template.params}
        self._plain: dict[str, str] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.values

    def plain(self, key: str) -> str:
        """The value as a reader sees it; "" when absent."""
        known = self._plain.get(key)
        if known is None:
            value = self.values.get(key)
            known = self._plain[key] = plain_text(value) if value is not None else ""
        return known

    def raw(self, key: str) -> str:
        """The value's source without comments (for names, URLs and dates); "" when absent."""
        return raw_value(self.values.get(key))

    def first(self, keys: Iterable[str], *, plain: bool = True) -> str | None:
        """The first non-empty value among ``keys``."""
        values = self.values
        for key in keys:
            if key in values:
                text = self.plain(key) if plain else self.raw(key)
                if text:
                    return text
        return None


def raw_value(value: Wikicode | None) -> str:
    """A value's source text without comments, stripped (for URLs and dates)."""
    if value is None:
        return ""
    return without_comments(str(value)).strip()


def without_comments(text: str) -> str:
    return _COMMENT.sub("", text) if "<!--" in text else text


def anchor_key(anchor: str) -> str:
    """Harvard anchors compared without spaces, underscores or quotes (both sides alike)."""
    return _ANCHOR_NOISE.sub("", anchor)


def harvard_anchor(parts: Iterable[str]) -> str:
    return anchor_key("CITEREF" + "".join(parts))


def _numbered(keys: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The aliases of the 1st to 4th name (the 1st also unnumbered: ``last``, ``last1``)."""
    return tuple(
        tuple(key.format(n=n) for key in keys)
        + (tuple(key.format(n="") for key in keys) if n == 1 else ())
        for n in range(1, 5)
    )


_AUTHOR_NAMES = _numbered(_NAME_KEYS)
_AUTHOR_FIRSTS = _numbered(_FIRST_KEYS)
_EDITOR_NAMES = _numbered(_EDITOR_KEYS)


def _names(params: Params, numbered: tuple[tuple[str, ...], ...]) -> list[str]:
    names = []
    for keys in numbered:
        name = params.first(keys)
        if name is None:
            break
        names.append(name)
    return names


def citation_anchor(params: Params) -> str | None:
    """The CITEREF anchor a full citation carries, as CS1 builds it."""
    if "ref" in params:
        explicit = explicit_anchor(params.values["ref"])
        if explicit is not None:
            return explicit or None
    names = _names(params, _AUTHOR_NAMES) or _names(params, _EDITOR_NAMES)
    year = params.plain("year")
    if not year:
        date = params.first(("date", "publication-date"))
        found = _YEAR.search(date) if date else None
        year = found.group(1) if found else ""
    if not names and not year:
        return None
    return harvard_anchor([*names, year])


def explicit_anchor(ref: Wikicode) -> str | None:
    """The anchor a ``ref=`` value sets: None for the default, "" for none."""
    for template in ref.filter_templates(recursive=False):
        if templates.role(templates.normalize_name(str(template.name))) is Role.ANCHOR_ID:
            return harvard_anchor(
                plain_text(p.value).strip() for p in template.params if not p.showkey
            )
    value = plain_text(ref).strip()
    if not value or value.casefold() == "harv":
        return None
    if value.casefold() == "none":
        return ""
    return anchor_key(value)


def _positional(template: Template) -> list[str]:
    return [plain_text(p.value).strip() for p in template.params if not p.showkey]


def short_targets(name: str, template: Template) -> list[str]:
    """The CITEREF anchors an sfn/harv-family template points at."""
    if templates.role(name) is Role.SHORT_MULTI:
        params = Params(template)
        targets = []
        for n in range(1, 10):
            authors = [a for a in (params.plain(f"{n}a{i}") for i in range(1, 5)) if a]
            year = params.plain(f"{n}y")
            if not authors and not year:
                break
            targets.append(harvard_anchor([*authors, year]))
        return targets
    positional = _positional(template)
    return [harvard_anchor(positional[:5])] if positional else []


def short_label(template: Template, *, parenthesised_year: bool = False) -> str:
    """How a shortened footnote reads: ``Smith & Jones 2001, p. 5``."""
    positional = _positional(template)
    if len(positional) >= 2:
        authors, year = positional[:-1], positional[-1]
    else:
        authors, year = positional, ""
    names = " & ".join(a for a in authors if a)
    if year:
        names = f"{names} ({year})" if parenthesised_year else f"{names} {year}"
    page = short_page(Params(template))
    return f"{names.strip()}, {page}" if page else names.strip()


_PAGE_KEYS = (("p", "p. "), ("page", "p. "), ("pp", "pp. "), ("pages", "pp. "), ("loc", ""))


def short_page(params: Params) -> str | None:
    for key, prefix in _PAGE_KEYS:
        text = params.plain(key)
        if text:
            return prefix + text
    return None


_DEAD_URL = {"yes": "dead", "y": "dead", "true": "dead", "no": "live", "n": "live"}


def citation_fields(name: str, template: Template) -> CitationFields:
    params = Params(template)
    status = params.first(_FIELD_ALIASES["url_status"], plain=False)
    if status is None:
        dead = params.first(_FIELD_ALIASES["dead_url"], plain=False)
        if dead is not None:
            status = _DEAD_URL.get(dead.casefold(), dead)
    return CitationFields(
        template=name,
        title=params.first(_FIELD_ALIASES["title"]),
        url=params.first(_FIELD_ALIASES["url"], plain=False),
        archive_url=params.first(_FIELD_ALIASES["archive_url"], plain=False),
        archive_date=params.first(_FIELD_ALIASES["archive_date"], plain=False),
        url_status=status.casefold() if status else None,
        access_date=params.first(_FIELD_ALIASES["access_date"], plain=False),
        anchor=citation_anchor(params),
        text=render_citation(params),
    )


def render_citation(params: Params) -> str:
    """A compact reading of a citation: ``Risen, James (2001). "Title". Work.``"""
    authors = []
    for last_keys, first_keys in zip(_AUTHOR_NAMES, _AUTHOR_FIRSTS, strict=True):
        last = params.first(last_keys)
        if last is None:
            break
        first = params.first(first_keys)
        authors.append(f"{last}, {first}" if first else last)
    pieces = []
    if authors:
        pieces.append("; ".join(authors))
    date = params.first(("date", "year", "datum", "année"))
    if date:
        pieces.append(f"({date}).")
    elif pieces:
        pieces[-1] += "."
    title = params.first(("title", "titre", "titel", "script-title"))
    chapter = params.first(("chapter", "contribution", "entry"))
    if chapter:
        pieces.append(f'"{chapter}".')
    if title:
        pieces.append(f'"{title}".' if not chapter else f"{title}.")
    work = params.first(_WORK_KEYS)
    if work:
        pieces.append(f"{work}.")
    publisher = params.first(("publisher", "éditeur", "verlag"))
    if publisher:
        pieces.append(f"{publisher}.")
    return " ".join(pieces)


def plain_text(code: Wikicode | str) -> str:
    """What a reader sees of a fragment, roughly: for references, notes and headings."""
    if isinstance(code, str):
        code = mwparserfromhell.parse(code)
    nodes = code.nodes
    if len(nodes) == 1 and type(nodes[0]) is Text:
        value = nodes[0].value
        return _SPACES.sub(" ", value).strip() if "  " in value or "\n" in value else value.strip()
    out: list[str] = []
    _plain(code.nodes, out)
    return _SPACES.sub(" ", "".join(out)).strip()


def _plain(nodes: list, out: list[str]) -> None:  # type: ignore[type-arg]
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, Wikilink):
            if node.text is not None:
                _plain(node.text.nodes, out)
            else:
                title = str(node.title)
                if ":" not in title.lstrip(":"):
                    out.append(title.lstrip(":"))
        elif isinstance(node, ExternalLink):
            if node.title is not None:
                _plain(node.title.nodes, out)
            elif not node.brackets:
                out.append(str(node.url))
        elif isinstance(node, HTMLEntity):
            out.append(node.normalize())
        elif isinstance(node, Tag):
            name = str(node.tag).strip().casefold()
            if name in ("ref", "references") or node.self_closing:
                if name == "br":
                    out.append(" ")
                continue
            _plain(node.contents.nodes, out)
        elif isinstance(node, Template):
            _plain_template(node, out)
        elif isinstance(node, Comment):
            continue


def _plain_template(template: Template, out: list[str]) -> None:
    name = templates.normalize_name(str(template.name))
    role = templates.role(name)
    if role is Role.CITATION:
        out.append(render_citation(Params(template)))
    elif role in (Role.SHORT, Role.HARV):
        out.append(short_label(template))
    elif role is Role.INLINE:
        params = Params(template)
        for step in templates.INLINE.get(name) or ("1",):
            if isinstance(step, tuple):
                out.append(step[1])
            elif step in params:
                _plain(params.values[step].nodes, out)
