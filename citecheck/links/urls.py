"""What URL a citation points at, cleaned once at the edge so everything after compares strings."""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import urlsplit, urlunsplit

from citecheck.model import Article, Reference

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_TEMPLATE = re.compile(r"\{\{|\}\}|\{\{\{")
_ARCHIVE_URL_PARAMETER = re.compile(r"\|\s*archive-?url\s*=\s*[^\s|}]", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)  # every rule and reporter asks again for the same URLs
def cited_url(raw: str | None) -> str | None:
    """The URL to check for a parameter's raw value; None when there is none to check.

    Comments and surrounding space go, entities are decoded (``&amp;`` in wikitext is a
    plain ``&`` to the reader), a protocol-relative ``//host/path`` takes https, and the
    fragment is dropped because it never reaches the server: two citations that differ
    only there are one check. A URL assembled by a template cannot be known here.
    """
    if raw is None:
        return None
    text = html.unescape(_COMMENT.sub("", raw)).strip()
    if not text or _TEMPLATE.search(text):
        return None
    if text.startswith("//"):
        text = "https:" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    if not parts.fragment and "#" not in text:
        return text
    return urlunsplit(parts._replace(fragment=""))


def reference_urls(reference: Reference) -> tuple[str | None, str | None]:
    """The cited URL and archive URL of a reference, cleaned."""
    return cited_url(reference.url), cited_url(reference.archive_url)


def with_archive_parameter(article: Article) -> frozenset[str]:
    """The references whose citation template itself has an ``archive-url``.

    An archive given by a separate ``{{webarchive}}`` changes nothing in how the template
    shows its own URL, and needs no date (that template reads it from the timestamp). The
    templates tell, in wikitext and Parsoid HTML alike; the markup tells where no template
    was read (an unusual template name, say).
    """
    found = {
        template.reference
        for template in article.citation_templates
        if template.reference and template.get("archive-url", "archiveurl")
    }
    found.update(r.id for r in article.references if _ARCHIVE_URL_PARAMETER.search(r.raw))
    return frozenset(found)
