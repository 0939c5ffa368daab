"""Which sections are held to the citation policy, judged by their headings."""

from __future__ import annotations

import re

from citecheck.model import Exemption

_PLOT = frozenset(
    {
        "plot",
        "plot summary",
        "plot synopsis",
        "plot overview",
        "synopsis",
        "storyline",
        "story",
        "premise",
        "narrative",
        # de, fr, es, it, pt, nl
        "handlung",
        "inhalt",
        "résumé",
        "intrigue",
        "argumento",
        "sinopsis",
        "trama",
        "enredo",
        "sinopse",
        "verhaal",
    }
)

_NON_PROSE = frozenset(
    {
        "see also",
        "external links",
        "external link",
        "further reading",
        "references",
        "reference",
        "notes",
        "note",
        "footnotes",
        "citations",
        "sources",
        "bibliography",
        "select bibliography",
        "selected bibliography",
        "general bibliography",
        "works",
        "works cited",
        "selected works",
        "major works",
        "list of works",
        "publications",
        "selected publications",
        "discography",
        "selected discography",
        "filmography",
        "selected filmography",
        "videography",
        "ludography",
        "notes and references",
        "references and notes",
        "notes and sources",
        "sources and references",
        "explanatory notes",
        "general references",
        "specific references",
        "cited sources",
        "links",
        "gallery",
        "image gallery",
        "track listing",
        "track list",
        "personnel",
        "cast",
        "main cast",
        "cast and characters",
        # de
        "einzelnachweise",
        "anmerkungen",
        "weblinks",
        "siehe auch",
        "quellen",
        "werke",
        "schriften",
        "diskografie",
        "diskographie",
        "filmografie",
        "filmographie",
        "literatur",
        "belege",
        # fr
        "références",
        "notes et références",
        "liens externes",
        "voir aussi",
        "articles connexes",
        "bibliographie",
        "œuvres",
        "oeuvres",
        "discographie",
        "publications principales",
        # es, it, pt, nl
        "referencias",
        "enlaces externos",
        "véase también",
        "bibliografía",
        "notas",
        "obras",
        "voci correlate",
        "collegamenti esterni",
        "bibliografia",
        "referências",
        "ligações externas",
        "ver também",
        "externe links",
        "zie ook",
        "bronnen",
    }
)

_NOISE = re.compile(r"[\s_]+")


def heading_exemption(title: str) -> Exemption | None:
    """The exemption a section's own heading gives it, if any."""
    key = _NOISE.sub(" ", title).strip(" :.").casefold()
    if key in _PLOT or key.startswith(("plot ", "synopsis ")):
        return Exemption.PLOT
    if key in _NON_PROSE:
        return Exemption.NON_PROSE
    return None
