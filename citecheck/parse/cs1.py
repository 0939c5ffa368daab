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


def parameters(template: Template) -> dict[str, Wikicode]:
    """Parameter values by stripped name; a repeated name keeps its last value, as on the wiki."""
    return {str(p.name).strip(): p.value for p in template.params}


def raw_value(value: Wikicode | None) -> str:
    """A parameter's source text without comments, stripped (for URLs and dates)."""
    if value is None:
        return ""
    text = str(value)
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    return text.strip()


def _first(params: dict[str, Wikicode], keys: Iterable[str], *, plain: bool = True) -> str | None:
    for key in keys:
        value = params.get(key)
        if value is not None:
            text = plain_text(value) if plain else raw_value(value)
            if text:
                return text
    return None


def anchor_key(anchor: str) -> str:
    """Harvard anchors compared without spaces, underscores or quotes (both sides alike)."""
    return _ANCHOR_NOISE.sub("", anchor)


def harvard_anchor(parts: Iterable[str]) -> str:
    return anchor_key("CITEREF" + "".join(parts))


def _numbered(keys: tuple[str, ...], n: int) -> list[str]:
    numbered = [key.format(n=n) for key in keys]
    if n == 1:
        numbered += [key.format(n="") for key in keys]
    return numbered


def _names(params: dict[str, Wikicode], keys: tuple[str, ...]) -> list[str]:
    names = []
    for n in range(1, 5):
        name = _first(params, _numbered(keys, n))
        if name is None:
            break
        names.append(name)
    return names


def citation_anchor(params: dict[str, Wikicode]) -> str | None:
    """The CITEREF anchor a full citation carries, as CS1 builds it."""
    ref = params.get("ref")
    if ref is not None:
        explicit = _explicit_anchor(ref)
        if explicit is not None:
            return explicit or None
    names = _names(params, _NAME_KEYS) or _names(params, _EDITOR_KEYS)
    year = _first(params, ("year",)) or ""
    if not year:
        date = _first(params, ("date", "publication-date"))
        found = _YEAR.search(date) if date else None
        year = found.group(1) if found else ""
    if not names and not year:
        return None
    return harvard_anchor([*names, year])


def _explicit_anchor(ref: Wikicode) -> str | None:
    """The anchor ``ref=`` sets: None for the default, "" for none."""
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


def short_targets(name: str, template: Template) -> list[str]:
    """The CITEREF anchors an sfn/harv-family template points at."""
    params = parameters(template)
    if templates.role(name) is Role.SHORT_MULTI:
        targets = []
        for n in range(1, 10):
            authors = [
                plain_text(params[k]) for k in (f"{n}a{i}" for i in range(1, 5)) if k in params
            ]
            year = plain_text(params[f"{n}y"]) if f"{n}y" in params else ""
            if not authors and not year:
                break
            targets.append(harvard_anchor([*authors, year]))
        return targets
    positional = [plain_text(p.value).strip() for p in template.params if not p.showkey]
    return [harvard_anchor(positional[:5])] if positional else []


def short_parts(template: Template) -> tuple[list[str], str]:
    """The authors and year a shortened footnote names: ``{{sfn|Smith|Jones|2001}}``."""
    positional = [plain_text(p.value).strip() for p in template.params if not p.showkey]
    if len(positional) >= 2:
        return [a for a in positional[:-1] if a], positional[-1]
    return [a for a in positional if a], ""


def short_label(template: Template, *, parenthesised_year: bool = False) -> str:
    """How a shortened footnote reads: ``Smith & Jones 2001, p. 5``."""
    authors, year = short_parts(template)
    names = " & ".join(authors)
    if year:
        names = f"{names} ({year})" if parenthesised_year else f"{names} {year}"
    page = short_page(parameters(template))
    return f"{names.strip()}, {page}" if page else names.strip()


def short_page(params: dict[str, Wikicode]) -> str | None:
    for key, prefix in (
        ("p", "p. "),
        ("page", "p. "),
        ("pp", "pp. "),
        ("pages", "pp. "),
        ("loc", ""),
    ):
        value = params.get(key)
        if value is not None:
            text = plain_text(value).strip()
            if text:
                return prefix + text
    return None


def citation_fields(name: str, template: Template) -> CitationFields:
    params = parameters(template)
    values = {
        field: _first(params, keys, plain=field != "title")
        for field, keys in _FIELD_ALIASES.items()
    }
    status = values["url_status"]
    if status is None and values["dead_url"] is not None:
        dead = values["dead_url"].casefold()
        status = {"yes": "dead", "y": "dead", "true": "dead", "no": "live", "n": "live"}.get(
            dead, dead
        )
    return CitationFields(
        template=name,
        title=values["title"],
        url=values["url"],
        archive_url=values["archive_url"],
        archive_date=values["archive_date"],
        url_status=status.casefold() if status else None,
        access_date=values["access_date"],
        anchor=citation_anchor(params),
        text=render_citation(params),
    )


def render_citation(params: dict[str, Wikicode]) -> str:
    """A compact reading of a citation: ``Risen, James (2001). "Title". Work.``"""
    authors = []
    for n in range(1, 5):
        last = _first(params, _numbered(_NAME_KEYS, n))
        if last is None:
            break
        first = _first(params, _numbered(_FIRST_KEYS, n))
        authors.append(f"{last}, {first}" if first else last)
    pieces = []
    if authors:
        pieces.append("; ".join(authors))
    date = _first(params, ("date", "year", "datum", "année"))
    if date:
        pieces.append(f"({date}).")
    elif pieces:
        pieces[-1] += "."
    title = _first(params, ("title", "titre", "titel", "script-title"))
    chapter = _first(params, ("chapter", "contribution", "entry"))
    if chapter:
        pieces.append(f'"{chapter}".')
    if title:
        pieces.append(f'"{title}".' if not chapter else f"{title}.")
    work = _first(params, _WORK_KEYS)
    if work:
        pieces.append(f"{work}.")
    publisher = _first(params, ("publisher", "éditeur", "verlag"))
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
        out.append(render_citation(parameters(template)))
    elif role in (Role.SHORT, Role.HARV):
        out.append(short_label(template))
    elif role is Role.INLINE:
        params = parameters(template)
        for step in templates.INLINE.get(name) or ("1",):
            if isinstance(step, tuple):
                out.append(step[1])
            elif step in params:
                _plain(params[step].nodes, out)
