"""The main content of a plain web page: jusText-like trimming of the page furniture.

Text copied from a news site or a blog keeps its menus, bylines, share buttons, "Read
more" links and copyright lines. None of that is a statement, and none of it looks like
a rendered wiki page, so the reader hands such text here: blocks of lines are judged
good (long, sentence-ending) or bad (boilerplate), and the densest run of good blocks is
kept as the content.
"""

from __future__ import annotations

import re

from citecheck.parse.lines import Kind, Line, merge, truncated, wraps
from citecheck.parse.markers import tag_key

_BOILERPLATE_LINES = frozenset(
    {"support us", "related articles", "related posts", "related stories", "related",
     "trending now", "trending", "read more", "read also", "also read", "advertisement",
     "latest news", "recently popular", "popular posts", "most popular", "most read",
     "connect with us", "follow us", "about us", "contact us", "share", "share this",
     "share this article", "tweet", "subscribe", "subscribe now", "sign up", "log in",
     "login", "sign in", "register", "menu", "search", "home", "comments", "leave a comment",
     "leave a reply", "privacy policy", "terms of use", "terms and conditions",
     "cookie policy", "newsletter", "skip to content", "updated", "published",
     "you may also like", "more stories", "recommended", "sponsored", "pay", "donate",
     "read all the latest news", "more from", "recent posts", "tags", "share on facebook",
     "share on twitter", "whatsapp", "print", "email", "next article", "previous article",
     "you might also like", "don't miss", "editor's picks", "top stories"}
)  # fmt: skip
_COUNTER = re.compile(
    r"\d[\d,.]*\s*[kKmM]?\s*(?i:fans|followers|subscribers|likes|shares|views|comments)"
)
_BOILERPLATE = re.compile(
    r"(?i:(?:contact|e-?mail|tel|phone)\s*:"
    r"|©|copyright\b|\(c\)\s"
    r"|(?:updated|published|posted|last updated)\b.{0,40}$"
    r"|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\s*$"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\s*$"
    r"|home\s*[›>»/|]"
    r"|by\s+[^\W\d_][\w’' -]{1,40}$"
    r")"
)
_BOILERPLATE_ANYWHERE = re.compile(
    r"(?i:all rights reserved|please (?:contribute|donate|support us)|donate now"
    r"|support (?:us|our journalism)\b|make a (?:contribution|donation)"
    r"|become a (?:member|patron|subscriber)|we use cookies|accept cookies"
    r"|click here|sign up for our|subscribe to our)"
)
_BYLINE = re.compile(r"[\w.’' ]{2,40}\s[-–—]$")
_LINK = re.compile(r"https?://|www\.|\S@[\w-]{1,63}\.\w")


_ADDRESS = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)
_SITE_LINK = re.compile(r"https?://((?:[\w-]+\.)+[a-z]{2,})/?(?![\w/?#.-])", re.IGNORECASE)
_SITE_NAMED = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?((?:[\w-]+\.)+[a-z]{2,})\b"
    r"|[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,})\b",
    re.IGNORECASE,
)


def page_address(lines: list[Line]) -> tuple[str | None, int | None]:
    """The address a saved page gives for itself, and the line that is only that address.

    A page saved with its address on the first line says where it is from. Failing that, a
    page names its own site when a link to a site's home page in its furniture (an author
    box's "https://www.example.com") names the site of its copyright line or its contact
    address (``© Example.com``, ``info@example.com``): that home page is the address.
    """
    nonblank = [i for i, line in enumerate(lines) if line.kind is not Kind.BLANK]
    if nonblank and _ADDRESS.fullmatch(lines[nonblank[0]].bare):
        return lines[nonblank[0]].bare, nonblank[0]
    homes: dict[str, str] = {}
    named: set[str] = set()
    for index in nonblank:
        bare = lines[index].bare
        if "//" in bare:
            for match in _SITE_LINK.finditer(bare):
                homes.setdefault(_site(match[1]), match[0])
        if "@" in bare or "©" in bare or "opyright" in bare or "(c)" in bare.lower():
            named.update(_site(m[1] or m[2]) for m in _SITE_NAMED.finditer(bare))
    for site, address in homes.items():
        if site in named:
            return address, None
    return None, None


def _site(host: str) -> str:
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def _boilerplate(line: Line) -> bool:
    bare = line.bare
    key = tag_key(bare)
    if key in _BOILERPLATE_LINES:
        return True
    if _BOILERPLATE.match(bare) or _BYLINE.fullmatch(bare):
        return True
    if line.words <= 4 and _COUNTER.match(bare):
        return True
    if line.words <= 60 and _BOILERPLATE_ANYWHERE.search(bare):
        return True
    if line.words <= 12 and _LINK.search(bare):
        return True
    # A breadcrumb: "Home News Reports Headline…".
    return bare.startswith("Home ") and truncated(bare)


def page_blocks(text: str, lines: list[Line]) -> tuple[list[list[int]], list[bool]]:
    """Non-blank lines as blocks (a hard-wrapped paragraph is one), and which are bad.

    A boilerplate line is a block of its own even right under a paragraph: a "Read
    more" link is not the end of the sentence above it.
    """
    blocks: list[list[int]] = []
    bad: list[bool] = []
    previous_bad = True
    for index, line in enumerate(lines):
        if line.kind is Kind.BLANK:
            continue
        line_bad = _boilerplate(line)
        if (
            blocks
            and blocks[-1][-1] == index - 1
            and not line_bad
            and not previous_bad
            and wraps(text, lines[index - 1], line)
        ):
            blocks[-1].append(index)
        else:
            blocks.append([index])
            bad.append(line_bad)
        previous_bad = line_bad
    return blocks, bad


def keep_main_content(lines: list[Line], blocks: list[list[int]], bad: list[bool]) -> str | None:
    """jusText in miniature: the densest run of good blocks is the content.

    Good blocks are long and end a sentence; bad ones are boilerplate. Runs of good
    blocks are cut at bad blocks and at gaps of three or more short blocks (a headline,
    byline and caption stand between a standfirst and the story; one heading does not).
    Every line outside the content is skipped. Returns the headline above the content.
    """
    merged = [merge(lines, block) for block in blocks]
    good = [
        not bad[i]
        and line.words >= 12
        and len(line.bare) >= 80
        and line.terminal
        and not truncated(line.bare)
        for i, line in enumerate(merged)
    ]
    runs: list[list[int]] = []
    run_segments: list[int] = []
    segment = 0
    gap = 0
    for i in range(len(blocks)):
        if bad[i]:
            segment += 1
            continue
        if not good[i]:
            gap += 1
            continue
        if runs and run_segments[-1] == segment and gap < 3:
            runs[-1].append(i)
        else:
            runs.append([i])
            run_segments.append(segment)
        gap = 0
    for line in lines:
        if line.kind is not Kind.BLANK:
            line.kind = Kind.SKIP
    if not runs:
        return None
    weights = [sum(len(merged[i].bare) for i in run) for run in runs]
    best = max(range(len(runs)), key=weights.__getitem__)
    first, last = best, best
    # Neighbouring runs of the same segment join when they are more than one teaser.
    while first > 0 and run_segments[first - 1] == run_segments[best] and len(runs[first - 1]) > 1:
        first -= 1
    while (
        last + 1 < len(runs)
        and run_segments[last + 1] == run_segments[best]
        and len(runs[last + 1]) > 1
    ):
        last += 1
    begin, finish = runs[first][0], runs[last][-1]
    for i in range(begin, finish + 1):
        block = merged[i]
        if good[i] or (block.terminal and block.words >= 2):
            kind = Kind.ITEM if block.bullet else Kind.PROSE
            for position, index in enumerate(blocks[i]):
                lines[index].kind = kind
                lines[index].join = position > 0
        elif len(blocks[i]) == 1 and 1 <= block.words <= 15 and not block.markers:
            lines[blocks[i][0]].kind = Kind.HEADING
    return _headline(merged, bad, begin)


def _headline(merged: list[Line], bad: list[bool], begin: int) -> str | None:
    """The first heading-shaped block between the last boilerplate and the content."""
    start = begin
    while start > 0 and not bad[start - 1]:
        start -= 1
    for line in merged[start:begin]:
        if 3 <= line.words <= 25 and not line.terminal:
            return line.bare
    return None
