"""The furniture of a copied wiki page: chrome, the table of contents, maintenance banners.

Select-all on a rendered page copies the site's navigation, the "From Wikipedia" line,
hatnotes, the table of contents and the footer along with the article. Such lines are
recognised by their wording, which belongs to the wiki's interface rather than to the
reader's layout decisions, so the word lists live here. Article-level maintenance
banners ("This article needs additional citations…") are the one kind of furniture
that is kept: they become banner tags.
"""

from __future__ import annotations

import re

from citecheck.parse.lines import Kind, Line

_CHROME = re.compile(
    r"(?i:from wikipedia, the free encyclopedia"
    r"|jump to (?:navigation|search|content)"
    r"|\(redirected from\b"
    r"|retrieved from\b"
    r"|(?:hidden )?categories?:"
    r"|this page was last (?:edited|modified)"
    r"|text is available under the creative commons"
    r"|privacy policy\b.*\babout wikipedia"
    r"|this article is about\b"
    r"|this (?:article|section|page) is about\b"
    r"|for other uses,? see\b"
    r"|for (?:the|other|a|an) [^.]{1,80}, see\b"
    r"|not to be confused with\b"
    r"|main articles?:"
    r"|see also:"
    r"|further information:"
    r"|further reading:"
    r"|more information:"
    r"|coordinates:"
    r"|listen to this article"
    r"|part of a series on\b"
    r"|this article has multiple issues"
    r"|please help improve (?:it|this)\b"
    r"|unsourced material may be challenged"
    r"|find sources:"
    r"|\(learn how and when to remove this"
    r"|this is a (?:good|featured) article\b"
    r"|(?:[●•] *)?wikimedia commons has media related to\b"
    r"|(?:[●•] *)?wikiquote has quotations\b"
    r"|(?:[●•] *)?wikisource has original\b"
    r"|(?:[●•] *)?look up \S.{0,60} in wiktionary"
    r"|find more about"
    r"|cite error:"
    r"|\(top\)$"
    r"|toggle (?:the )?table of contents"
    r")"
)
FROM_WIKIPEDIA = "From Wikipedia, the free encyclopedia"
_CONTENTS = frozenset({"contents", "contents [hide]", "contents [show]", "contents hide"})
_REDIRECT_HATNOTE = re.compile(r"[^.]{1,200}\bredirects? here\b")
_CHROME_LINES = frozenset(
    {"main page", "contents", "current events", "random article", "about wikipedia",
     "contact us", "donate", "help", "learn to edit", "community portal", "recent changes",
     "upload file", "tools", "what links here", "related changes", "special pages",
     "permanent link", "page information", "cite this page", "get shortened url",
     "download qr code", "download as pdf", "printable version", "in other projects",
     "wikidata item", "languages", "edit links", "article", "talk", "read", "edit",
     "view history", "view source", "search", "create account", "log in", "personal tools",
     "appearance", "hide", "show", "[hide]", "[show]", "move to sidebar", "navigation",
     "contribute", "actions", "general", "print/export", "v t e", "v · t · e"}
)  # fmt: skip
_TOC_ENTRY = re.compile(r"(?:[•*]\s*)?\d{1,2}(?:\.\d{1,2})*\s+\S")

_BANNERS = (
    (re.compile(r"(?i:this biography of a living person needs additional citations)"),
     "blp sources"),
    (re.compile(r"(?i:this biography of a living person does not include any)"),
     "blp unsourced"),
    (re.compile(r"(?i:this section needs additional citations)"),
     "more citations needed section"),
    (re.compile(r"(?i:this (?:article|list) needs additional citations)"),
     "more citations needed"),
    (re.compile(r"(?i:this section does not cite any sources)"), "unreferenced section"),
    (re.compile(r"(?i:this (?:article|list) does not cite any sources)"), "unreferenced"),
    (re.compile(r"(?i:this (?:article|section|list) includes a list of (?:general )?references)"),
     "more footnotes needed"),
    (re.compile(r"(?i:this (?:article|section) (?:possibly )?contains original research)"),
     "original research"),
    (re.compile(r"(?i:this (?:article|section) relies (?:excessively|largely|too much) on "
                r"(?:references to )?primary sources)"), "primary sources"),
    (re.compile(r"(?i:this (?:article|section) relies largely or entirely (?:up)?on a single)"),
     "one source"),
    (re.compile(r"(?i:some of this article's listed sources may not be reliable)"),
     "unreliable sources"),
)  # fmt: skip
_BANNER_DATE = re.compile(
    r"\(((?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{4})\)"
)


def find_chrome(text: str, lines: list[Line]) -> None:
    """Skip the chrome and the table of contents; mark the banners."""
    in_contents = False
    banner: Line | None = None
    for line in lines:
        if line.kind is not Kind.UNSET:
            continue
        content = text[line.lstart : line.rend]
        if in_contents:
            if _TOC_ENTRY.match(content) and not line.terminal:
                line.kind = Kind.SKIP
                continue
            in_contents = False
        key = content.casefold()
        if key in _CONTENTS:
            line.kind = Kind.SKIP
            in_contents = True
            continue
        body = text[line.body : line.rend]
        name = None
        if body[:4].casefold() in ("this", "some"):
            name = next((found for pattern, found in _BANNERS if pattern.match(body)), None)
        if name is not None:
            line.kind = Kind.BANNER
            line.banner = name
            line.banner_date = _banner_date(line.bare)
            banner = line
            continue
        if (
            key in _CHROME_LINES
            or _CHROME.match(body) is not None
            or (line.words <= 40 and _REDIRECT_HATNOTE.match(body) is not None)
        ):
            line.kind = Kind.SKIP
            # A banner's date stands on one of the chrome lines that follow it.
            if banner is not None and banner.banner_date is None:
                banner.banner_date = _banner_date(line.bare)
            continue
        banner = None


def _banner_date(text: str) -> str | None:
    match = _BANNER_DATE.search(text)
    return match.group(1) if match else None
