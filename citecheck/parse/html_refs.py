"""What rendered HTML says about templates and references: Parsoid's data-mw, reference entries.

Parsoid marks the output of every template with ``typeof="mw:Transclusion"`` and gives the
template's name and parameters (as wikitext) in the ``data-mw`` attribute of the first element
of that output; the other elements share its ``about`` id. A citation template's parameters are
therefore known exactly, and are read by the same code as in wikitext (:mod:`cs1`).

The legacy parser keeps nothing of the templates: a citation is only its rendering, a
``<cite class="citation web cs1">`` whose links and words say what the template said. The
title links to ``url`` (or to the archive when the original is dead) and "Archived from the
original on …" links to the other one, which :func:`citecheck.parse.entries.read_content`
reads as it does in copied text, given the links' addresses.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import mwparserfromhell
from mwparserfromhell.nodes import Template

from citecheck.model import TagKind
from citecheck.parse import cs1, templates
from citecheck.parse.entries import read_content
from citecheck.parse.html_tree import Element, Text, plain_text
from citecheck.parse.markers import MarkerKind, scan_markers
from citecheck.parse.references import Content
from citecheck.parse.templates import Role


@dataclass(frozen=True, slots=True)
class TemplateCall:
    """One template of a transclusion: normalised name and parameters as wikitext."""

    name: str
    params: dict[str, str]

    @property
    def role(self) -> Role | None:
        return templates.role(self.name)

    def template(self) -> Template:
        """The call as an mwparserfromhell template, for the readers of :mod:`cs1`."""
        pieces = [self.name]
        pieces.extend(f"{key}={value}" for key, value in self.params.items())
        code = mwparserfromhell.parse("{{" + "|".join(pieces) + "}}")
        found = code.filter_templates(recursive=False)
        return found[0] if found else Template(self.name)


@dataclass(frozen=True, slots=True)
class DataMw:
    """The parts of a ``data-mw`` attribute citecheck reads."""

    calls: tuple[TemplateCall, ...] = ()
    only_templates: bool = True
    """Every part is a template (no literal wikitext between them)."""
    attrs: dict[str, str] = dataclasses.field(default_factory=dict)
    body_id: str | None = None
    """A ref's content: the id of its text in the reference list."""
    has_body: bool = False
    """The ref gives its content at this use (a definition, not a reuse)."""


def read_data_mw(raw: str) -> DataMw:
    """Parsoid's ``data-mw`` JSON; anything malformed reads as nothing."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return DataMw()
    if not isinstance(data, dict):
        return DataMw()
    calls = []
    only_templates = True
    parts = data.get("parts")
    for part in parts if isinstance(parts, list) else ():
        template = part.get("template") if isinstance(part, dict) else None
        if not isinstance(template, dict):
            only_templates = False
            continue
        target = template.get("target")
        name = target.get("wt") if isinstance(target, dict) else None
        if not isinstance(name, str):
            continue
        params = template.get("params")
        calls.append(
            TemplateCall(
                templates.normalize_name(name),
                {
                    str(key).strip(): str(value.get("wt", "")) if isinstance(value, dict) else ""
                    for key, value in (params.items() if isinstance(params, dict) else ())
                },
            )
        )
    attrs = data.get("attrs")
    body = data.get("body")
    return DataMw(
        calls=tuple(calls),
        only_templates=only_templates,
        attrs={str(k): str(v) for k, v in (attrs.items() if isinstance(attrs, dict) else ()) if v},
        body_id=body.get("id")
        if isinstance(body, dict) and isinstance(body.get("id"), str)
        else None,
        has_body=isinstance(body, dict) and bool(body),
    )


def fragment(href: str) -> str:
    """The target of a link within the page: ``./Dog#cite_note-5`` -> ``cite_note-5``."""
    _before, _hash, target = href.partition("#")
    return unquote(target)


def is_external(link: Element) -> bool:
    rel = link.get("rel")
    if "mw:ExtLink" in rel:
        return True
    if "mw:WikiLink" in rel or link.has_class("extiw"):
        return False
    href = link.get("href")
    return link.has_class("external") or href.startswith(("http://", "https://"))


# Hosts of the identifier links a citation shows after its title (doi, PMID, JSTOR...): links,
# but not the cited URL.
_IDENTIFIER_HOSTS = frozenset(
    {"doi.org", "dx.doi.org", "pubmed.ncbi.nlm.nih.gov", "arxiv.org", "ui.adsabs.harvard.edu",
     "adsabs.harvard.edu", "hdl.handle.net", "www.worldcat.org", "worldcat.org",
     "search.worldcat.org", "api.semanticscholar.org", "www.semanticscholar.org",
     "openlibrary.org", "zbmath.org", "mathscinet.ams.org", "www.osti.gov", "papers.ssrn.com",
     "lccn.loc.gov", "id.loc.gov", "citeseerx.ist.psu.edu", "www.biodiversitylibrary.org",
     "www.wikidata.org", "d-nb.info", "catalogue.bnf.fr", "www.sudoc.fr", "isni.org", "viaf.org",
     "orcid.org", "www.mr.ams.org", "inspirehep.net", "eric.ed.gov", "www.zobodat.at",
     "medra.org", "www.medra.org", "portal.issn.org", "www.idref.fr"}
)  # fmt: skip
_CS1_KINDS = {
    "pressrelease": "press release",
    "audio-visual": "av media",
    "encyclopaedia": "encyclopedia",
    "av-media-notes": "av media notes",
    "mailinglist": "mailing list",
    "newsgroup": "newsgroup",
}
_NOT_KINDS = frozenset({"citation", "cs1", "cs2"})


# Hosts that serve identifiers under some paths only.
_IDENTIFIER_PATHS = {
    "www.ncbi.nlm.nih.gov": ("/pmc/", "/pubmed/"),
    "ncbi.nlm.nih.gov": ("/pmc/", "/pubmed/"),
    "www.jstor.org": ("/stable/",),
    "jstor.org": ("/stable/",),
}


def _identifier_link(href: str) -> bool:
    try:
        parts = urlsplit(href)
        host = parts.hostname or ""
    except ValueError:
        return False
    paths = _IDENTIFIER_PATHS.get(host)
    if paths is not None:
        return parts.path.startswith(paths)
    return host in _IDENTIFIER_HOSTS


def _hidden(element: Element) -> bool:
    """Left out of a citation's text: styles, metadata, backlinks, hidden maintenance notes."""
    if element.tag in ("style", "script", "link", "meta"):
        return True
    classes = element.classes
    return (
        "Z3988" in classes
        or "mw-cite-backlink" in classes
        or "cs1-maint" in classes
        or "cs1-hidden-error" in classes
        or "display:none" in element.get("style").replace(" ", "")
        or element.has_class("mw-ref")
        or (element.tag == "sup" and "reference" in classes)
    )


def entry_text(element: Element) -> str:
    return plain_text(element, skip=_hidden)


def cite_template(cite: Element) -> str | None:
    """The template a rendered citation came from, as far as its classes tell."""
    classes = cite.classes
    if "citation" not in classes:
        return None
    kinds = [c for c in classes if c not in _NOT_KINDS and not c.startswith(("cs1-", "cs2-"))]
    if not kinds:
        return "citation"
    kind = kinds[0].casefold()
    return "cite " + _CS1_KINDS.get(kind, kind)


def read_entry(
    text_element: Element,
    source: str,
    calls: list[TemplateCall],
    templated: Callable[[Element], bool],
) -> Content:
    """A reference's content from its entry in a reference list (or a citation outside one).

    ``calls`` are the templates Parsoid says the content came from (none for the legacy
    parser): the first citation template among them is read as wikitext reads it. Otherwise a
    rendered citation (``<cite class="citation …">``) is read from its links and words; and a
    hand-written reference cites its first link, as in wikitext. ``templated`` tells the
    elements a template made.
    """
    raw = source[text_element.inner : text_element.close]
    text = entry_text(text_element)
    targets = tuple(
        cs1.anchor_key(fragment(link.get("href")))
        for link in text_element.elements()
        if link.tag == "a" and "#CITEREF" in link.get("href")
    )
    citation = next((call for call in calls if call.role is Role.CITATION), None)
    archive = next((call for call in calls if call.role is Role.ARCHIVE), None)
    archive_url = _archive_param(archive, "url") if archive else ""
    archive_date = _archive_param(archive, "date") if archive else ""
    if citation is not None:
        fields = cs1.citation_fields(citation.name, citation.template())
        archive_url = fields.archive_url or archive_url
        return Content(
            raw=raw,
            text=text,
            template=fields.template,
            title=fields.title,
            url=fields.url or _written_link(text_element, templated),
            archive_url=archive_url or None,
            archive_date=fields.archive_date or archive_date or None,
            url_status=fields.url_status,
            access_date=fields.access_date,
            archived=bool(archive_url),
            targets=targets,
        )
    cite = next(
        (e for e in (text_element, *text_element.elements()) if _is_citation(e)),
        None,
    )
    if cite is not None:
        # The title links to the archive when the original is dead (or unfit), to the
        # original when it is live; "Archived from the original" links to the other one.
        cited = _cited_links(cite)
        found = read_content(" ".join(cited), text, [])
        url_status = None
        if found.archive_url:
            url_status = "dead" if cited[0] == found.archive_url else "live"
        return dataclasses.replace(
            found,
            raw=raw,
            template=cite_template(cite),
            title=found.title or _linked_title(cite, found.url),
            url_status=url_status,
            targets=targets,
        )
    found = read_content(" ".join(_cited_links(text_element)), text, [])
    url = _written_link(text_element, templated)
    if not archive_url and found.archive_url != url:
        archive_url, archive_date = found.archive_url or "", found.archive_date or ""
    return dataclasses.replace(
        found,
        raw=raw,
        url=url,
        archive_url=archive_url or None,
        archive_date=archive_date or None,
        archived=bool(archive_url) or found.archived,
        targets=targets,
        bare_url=_only_a_link(text_element, text),
    )


def _only_a_link(text_element: Element, text: str) -> bool:
    """The entry shows one external link and no words of its own: ``<ref>[https://… its
    title]</ref>`` (or the bare address) as rendered."""
    links = [link for link in text_element.elements() if link.tag == "a" and is_external(link)]
    if len(links) != 1:
        return False
    words = text.strip().rstrip(".,;").strip()
    return bool(words) and words == entry_text(links[0]).strip()


def _is_citation(element: Element) -> bool:
    return element.tag == "cite" and element.has_class("citation")


def _cited_links(element: Element) -> list[str]:
    """The external links of a citation that may be what it cites (not its identifiers)."""
    return [
        link.get("href")
        for link in element.elements()
        if link.tag == "a"
        and is_external(link)
        and link.get("href")
        and not _identifier_link(link.get("href"))
    ]


def _archive_param(call: TemplateCall, key: str) -> str:
    value = call.params.get(key) or (call.params.get("1") if key == "url" else None)
    return cs1.raw_value(mwparserfromhell.parse(value)) if value else ""


def _written_link(text_element: Element, templated: Callable[[Element], bool]) -> str | None:
    """The first external link no template made: what wikitext reads as the URL of a
    hand-written reference, or of one whose citation template gives no ``url``."""
    stack: list[Iterator[Element | Text]] = [iter(text_element.children)]
    while stack:
        for child in stack[-1]:
            if isinstance(child, Text) or templated(child):
                continue
            href = child.get("href")
            if child.tag == "a" and href and is_external(child) and not _identifier_link(href):
                return href
            stack.append(iter(child.children))
            break
        else:
            stack.pop()
    return None


_QUOTES = "\"'“”«» \u00a0"


def _linked_title(cite: Element, url: str | None) -> str | None:
    """A book's title is not quoted: it is the text of the link to the cited URL, if any."""
    if url is None:
        return None
    for link in cite.elements():
        if link.tag == "a" and link.get("href") == url:
            return plain_text(link).strip(_QUOTES) or None
    return None


_LABEL = re.compile(r"(\D+?)[ \u00a0]*(\d+)")


def label_group(label: str) -> str | None:
    """The group a rendered marker shows: ``[1]`` none, ``[note 1]`` note, ``[a]`` lower-alpha."""
    label = label.strip().strip("[]").strip()
    if not label or label.isdigit():
        return None
    numbered = _LABEL.fullmatch(label)
    if numbered is not None:
        return numbered.group(1).strip()
    if label.isalpha():
        if "α" <= label[0] <= "ω":
            return "lower-greek"
        return "lower-alpha" if label.islower() else "upper-alpha"
    return None


_NOTE_ID = re.compile(r"cite_note-(?:(.+)-)?(\d+)")


def entry_name(target: str) -> str | None:
    """The reference name a legacy entry's id carries: ``cite_note-nyt-3`` -> ``nyt``."""
    match = _NOTE_ID.fullmatch(target)
    if match is None or match.group(1) is None:
        return None
    return match.group(1).replace("_", " ")


_TAG_DATE = re.compile(r"\(([^()]*\d{4})\)\s*$")


def rendered_tag(element: Element) -> tuple[str, TagKind, str | None] | None:
    """A legacy parser's inline maintenance tag (``<sup class="Inline-Template">``), read by
    its text as in copied text; the date is in a tooltip: "… (October 2017)"."""
    label = plain_text(element)
    known = templates.TAGS.get(templates.normalize_name(label.strip("[] \u00a0")))
    if known is None:
        marker = next(iter(scan_markers(label, 0)), None)
        if marker is not None and marker.kind is MarkerKind.TAG and marker.tag_kind:
            known = (marker.name, marker.tag_kind)
        elif element.has_class("Template-Fact"):
            known = templates.TAGS["citation needed"]  # in any language: the class says so
        else:
            return None
    for inner in element.elements():
        found = _TAG_DATE.search(inner.get("title"))
        if found is not None:
            return known[0], known[1], found.group(1)
    return known[0], known[1], None


def banner_tag(classes: list[str]) -> tuple[str, TagKind] | None:
    """An article or section banner by its ``box-Template_name`` class."""
    for name in classes:
        if name.startswith("box-"):
            known = templates.TAGS.get(templates.normalize_name(name[4:]))
            if known is not None and known[1] is TagKind.BANNER:
                return known
    return None
