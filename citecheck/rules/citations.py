"""Errors in the citation templates themselves, in the spirit of the wiki's citation module.

Each rule reads the parameters of every citation template of the article once
(:attr:`Article.citation_templates`) and judges them the way Module:Citation/CS1 does for the
CS1/CS2 templates (``{{cite web}}``, ``{{cite book}}``, ``{{citation}}`` … and their common
redirects). The French and German templates the reader knows (``{{lien web}}``,
``{{article}}``, ``{{ouvrage}}``, ``{{Internetquelle}}``, ``{{Literatur}}``) are held only to what
is sure of them under their own parameter names: a title, a URL where it is required, real
and not future dates. Other ``{{cite …}}`` templates are often wrappers that build their own
title and URL (``{{cite gnis}}``, ``{{cite EB1911}}``), so only their URL status, archive URL,
dates and the wording of their title are judged.

Severities follow the module: what it shows readers as a red error is an ``error``; what it
only puts in a maintenance category (an "Archived copy" title) is a ``warning``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from citecheck.model import Article, CitationTemplate, Finding, Severity
from citecheck.parse import cs1
from citecheck.parse.cs1_dates import NOT_FULL, DateKind, judge_date, normalise
from citecheck.rules.base import Rule, RuleContext

# ---------------------------------------------------------------- which template is which


@dataclass(frozen=True, slots=True)
class Profile:
    """What is known of one kind of citation template: its parameter names and duties."""

    titles: tuple[str, ...] = ()
    """Any one of these given is a title; empty when a missing title is not judged."""
    title_name: str = "title"
    """The parameter a missing-title message names."""
    required_urls: tuple[str, ...] = ()
    """The template needs one of these (``{{cite web}}``: ``|url=``, not ``|chapter-url=``)."""
    urls: tuple[str, ...] = ()
    """Every parameter holding a URL of the source or of a part of it (``|chapter-url=``);
    empty when whether one is given is not judged."""
    archive_urls: tuple[str, ...] = ()
    access_dates: tuple[str, ...] = ()
    """Judged for needing a URL (empty where that is not known)."""
    url_statuses: tuple[str, ...] = ()
    dates: dict[str, DateKind] = field(default_factory=dict)
    """The date parameters, by name, with what each holds."""
    strict_dates: bool = False
    """Dates are held to the citation module's forms (else only to being real and past)."""
    module: bool = False
    """Rendered by the citation module, whose retired parameter names are then reported."""


_CS1 = Profile(
    titles=("title", "script-title"),
    urls=(
        *("url", "URL", "chapter-url", "chapterurl", "contribution-url", "entry-url"),
        *("article-url", "section-url"),
    ),
    archive_urls=("archive-url", "archiveurl"),
    access_dates=("access-date", "accessdate"),
    url_statuses=("url-status",),
    dates={
        **dict.fromkeys(("date", "publication-date", "air-date"), DateKind.PUBLICATION),
        "year": DateKind.YEAR,
        **dict.fromkeys(("access-date", "accessdate"), DateKind.ACCESS),
        **dict.fromkeys(("archive-date", "archivedate"), DateKind.ARCHIVE),
    },
    strict_dates=True,
    module=True,
)
# An encyclopedia (or dictionary) named by |encyclopedia= stands as the title of the work.
_ENCYCLOPEDIA_TITLES = (*_CS1.titles, "encyclopedia", "encyclopaedia", "dictionary")
# The preprint templates take no |url=: the module links the identifier.
_PREPRINT = dataclasses.replace(_CS1, access_dates=())

_CS1_PROFILES: dict[str, Profile] = {
    # {{cite web}} and {{cite podcast}} need a URL ("Missing or empty |url="), with redirects.
    **dict.fromkeys(
        ("cite web", "citeweb", "cite website", "cite webpage", "cite url", "cite podcast"),
        dataclasses.replace(_CS1, required_urls=("url", "URL")),
    ),
    # {{cite episode}} takes the series as its title and the episode as its chapter.
    "cite episode": dataclasses.replace(_CS1, titles=("series",), title_name="series"),
    **dict.fromkeys(
        ("cite encyclopedia", "cite encyclopaedia", "cite dictionary", "citation"),
        dataclasses.replace(_CS1, titles=_ENCYCLOPEDIA_TITLES),
    ),
    **dict.fromkeys(
        ("cite arxiv", "cite biorxiv", "cite medrxiv", "cite citeseerx", "cite ssrn"), _PREPRINT
    ),
    **dict.fromkeys(
        (
            *("cite av media", "cite av media notes", "cite book", "cite conference"),
            *("cite document", "cite interview", "cite journal", "cite magazine"),
            *("cite mailing list", "cite map", "cite news", "cite newsgroup"),
            *("cite press release", "cite report", "cite serial", "cite sign", "cite speech"),
            *("cite tech report", "cite thesis"),
            # common redirects to the templates above
            *("citenews", "cite newspaper", "cite paper", "cite pressrelease", "cite video"),
            *("cite dvd notes", "cite album notes", "cite techreport", "cite mailinglist"),
        ),
        _CS1,
    ),
}

# frwiki's templates take French parameter names and most English ones.
_FR_DATES = {
    "date": DateKind.PUBLICATION,
    **dict.fromkeys(("consulté le", "access-date", "accessdate"), DateKind.ACCESS),
    **dict.fromkeys(("archive-date", "date archive"), DateKind.ARCHIVE),
}
_FR_TITLES = ("titre", "title")
_DE_DATES = {
    "datum": DateKind.PUBLICATION,
    **dict.fromkeys(("abruf", "zugriff"), DateKind.ACCESS),
    "archiv-datum": DateKind.ARCHIVE,
}
_OTHER_PROFILES: dict[str, Profile] = {
    "lien web": Profile(
        titles=_FR_TITLES,
        title_name="titre",
        required_urls=("url",),
        urls=("url",),
        archive_urls=("archive-url", "archiveurl"),
        dates=_FR_DATES,
    ),
    "article": Profile(titles=_FR_TITLES, title_name="titre", dates=_FR_DATES),
    "ouvrage": Profile(titles=_FR_TITLES, title_name="titre", dates=_FR_DATES),
    "chapitre": Profile(dates=_FR_DATES),
    "lien conférence": Profile(dates=_FR_DATES),
    "internetquelle": Profile(
        titles=("titel",),
        title_name="titel",
        required_urls=("url",),
        urls=("url",),
        archive_urls=("archiv-url",),
        dates=_DE_DATES,
    ),
    "literatur": Profile(titles=("titel", "Titel"), title_name="titel", dates=_DE_DATES),
}
# Any other {{cite …}}: a wrapper or a template of its own whose duties are not known here.
_OTHER_CITE = Profile(
    archive_urls=("archive-url", "archiveurl"),
    url_statuses=("url-status",),
    dates={name: kind for name, kind in _CS1.dates.items() if kind is not DateKind.YEAR},
)
_TITLE_PARAMETERS = ("title", "titre", "titel", "Titel")
"""Where a generic title is looked for."""


def profile(name: str) -> Profile | None:
    """What is known of a citation template by its normalised name; None: nothing judged."""
    found = _CS1_PROFILES.get(name) or _OTHER_PROFILES.get(name)
    if found is None and name.startswith("cite"):
        return _OTHER_CITE
    return found


def _templates(article: Article) -> Iterator[tuple[CitationTemplate, Profile]]:
    """The citation templates judged, with their profile.

    A template with no named parameter at all is not a CS1 citation (frwiki's ``{{citation}}``
    is a quotation: ``{{citation|texte cité}}``) and is not judged.
    """
    for template in article.citation_templates:
        found = profile(template.name)
        if found is not None and any(not p.name.isdigit() for p in template.parameters):
            yield template, found


def _shown(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


# ---------------------------------------------------------------- title and URL


_NO_TITLE = frozenset({"none"})
"""The keyword the module takes as "untitled on purpose" (a journal cited as a whole)."""


def _missing_title(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A citation template with no title.

    **What it flags.** A CS1/CS2 citation template with no (or an empty) ``|title=`` and
    ``|script-title=`` (a ``|trans-title=`` alone translates a title that is not given: the
    module shows "|trans-title= requires |title= or |script-title="); for
    ``{{cite episode}}`` no ``|series=``; for
    ``{{cite encyclopedia}}`` and ``{{citation}}`` an ``|encyclopedia=`` counts as the title.
    Also ``{{lien web}}``, ``{{article}}`` and ``{{ouvrage}}`` with no ``|titre=``, and
    ``{{Internetquelle}}`` and ``{{Literatur}}`` with no ``|titel=``. ``|title=none`` (a
    journal cited as a whole) is a title given on purpose.

    **Why.** The citation module shows "Missing or empty |title=" in red (so: an error): a
    reader cannot tell what the source is, nor find it if the link dies. A ``|chapter=``
    alone does not do: the module still wants the work's title.

    **Example.**

        {{cite web |url=https://example.com/report |website=Example |date=5 May 2019}}

    **Fix.** Add the source's title as it appears on the source.
    """
    for template, found in _templates(article):
        if not found.titles or template.get(*found.titles):
            continue
        translated = template.given.get("trans-title") if found.title_name == "title" else None
        yield rule.finding(
            f"{{{{{template.name}}}}} has no title: |trans-title= requires |title= or "
            "|script-title= (the original title)"
            if translated
            else f"{{{{{template.name}}}}} has no title: missing or empty |{found.title_name}=",
            template.span,
            reference=template.reference,
        )


def _cite_web_missing_url(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A ``{{cite web}}`` with no URL.

    **What it flags.** A ``{{cite web}}`` (or ``{{cite podcast}}``, or a redirect such as
    ``{{cite website}}``) with no (or an empty) ``|url=`` (a ``|chapter-url=`` does not do, as
    for the module); likewise ``{{lien web}}`` and ``{{Internetquelle}}``, whose URL is
    required too. One with an ``|archive-url=`` but no ``|url=`` is left to
    ``archive-url-without-url``: one problem, one finding.

    **Why.** A web page cited without its address cannot be checked at all. The citation
    module shows "Missing or empty |url=" in red (so: an error).

    **Example.**

        {{cite web |title=Annual report 2019 |website=Example |date=5 May 2019}}

    **Fix.** Add ``|url=``; for a printed source use the template for its kind (``{{cite
    book}}``, ``{{cite journal}}``, ``{{cite news}}``…), which needs no URL.
    """
    for template, found in _templates(article):
        if not found.required_urls or template.get(*found.required_urls):
            continue
        if template.get(*found.archive_urls):
            continue
        yield rule.finding(
            f"{{{{{template.name}}}}} has no URL: missing or empty |url=",
            template.span,
            reference=template.reference,
        )


def _archive_url_without_url(
    rule: Rule, article: Article, context: RuleContext
) -> Iterator[Finding]:
    """An ``archive-url`` in a citation template that gives no ``url``.

    **What it flags.** A citation template (CS1/CS2, ``{{lien web}}``, ``{{Internetquelle}}``)
    whose ``|archive-url=`` is given but whose ``|url=`` (or ``|chapter-url=`` and the other
    URLs of a part of the work) is missing or empty. The finding points at the
    ``archive-url`` parameter.

    **Why.** The module shows "|archive-url= requires |url=" in red (so: an error) and then
    links nothing. Readers (and bots that repair dead links) cannot tell what page the
    capture is of, nor whether the original still exists.

    **Example.**

        {{cite web |title=The Foo Bridge |archive-url=https://web.archive.org/web/
        20170601000000/https://example.com/foo |archive-date=1 June 2017}}

    **Fix.** Add the original address as ``|url=`` (a Wayback URL carries it after the
    timestamp), with ``|url-status=dead`` if it no longer works.
    """
    for template, found in _templates(article):
        if not found.urls or not found.archive_urls:
            continue
        archive = template.get(*found.archive_urls)
        if archive is None or template.get(*found.urls):
            continue
        yield rule.finding(
            f"|{archive.name}= requires |url=: the citation gives no original URL",
            archive.span,
            reference=template.reference,
        )


def _access_date_without_url(
    rule: Rule, article: Article, context: RuleContext
) -> Iterator[Finding]:
    """An ``access-date`` in a citation template that gives no ``url``.

    **What it flags.** A CS1/CS2 citation template with ``|access-date=`` (or
    ``|accessdate=``) but no ``|url=`` (nor ``|chapter-url=`` and the like). The preprint
    templates (``{{cite arXiv}}`` …), which take no URL, are left alone.

    **Why.** An access date says when an online source was read; without a URL it dates
    nothing and the module hides it, showing "|access-date= requires |url=" in red (so: an
    error). It often means the URL was lost in an edit, or that a printed source was given
    a web date.

    **Example.**

        {{cite book |title=A History of the Foo Bridge |year=1935 |access-date=5 May 2019}}

    **Fix.** Restore the ``|url=`` that was read; for a printed source, remove the access
    date.
    """
    for template, found in _templates(article):
        if not found.access_dates:
            continue
        accessed = template.get(*found.access_dates)
        if accessed is None or template.get(*found.urls):
            continue
        yield rule.finding(
            f"|{accessed.name}= requires |url=: an access date with nothing accessed",
            accessed.span,
            reference=template.reference,
        )


# ---------------------------------------------------------------- url-status


_URL_STATUSES = frozenset({"live", "dead", "unfit", "usurped", "deviated", "bot: unknown"})
"""The module's keywords for ``|url-status=``; ``bot: unknown`` is set by archiving bots."""
_STATUS_HINTS = {"yes": "dead", "y": "dead", "true": "dead", "no": "live", "n": "live"}


def _invalid_url_status(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A ``url-status`` that is not one of the module's keywords.

    **What it flags.** A ``|url-status=`` whose value is not ``live``, ``dead``, ``unfit``,
    ``usurped`` or ``deviated`` (or ``bot: unknown``, which archiving bots set and the module
    accepts, listing the citation for a human to check). Case is not judged.

    **Why.** The module shows "Invalid |url-status=…" in red (so: an error) and ignores the
    value, so the citation links the original even when it is dead. The usual cause is the
    old ``|dead-url=yes``/``no`` renamed without translating its value.

    **Example.**

        {{cite web |url=https://example.com/a |title=A |archive-url=https://web.archive.org/
        web/20170601000000/https://example.com/a |archive-date=1 June 2017 |url-status=yes}}

    **Fix.** ``dead`` when the original is gone (``yes`` in the old parameter), ``live`` when it
    works (``no``), ``unfit`` or ``usurped`` when it now shows something unsuitable.
    """
    for template, found in _templates(article):
        status = template.get(*found.url_statuses)
        if status is None:
            continue
        value = " ".join(status.value.split()).casefold()
        if value in _URL_STATUSES or "{{" in value:
            continue
        hint = _STATUS_HINTS.get(value)
        advice = f" (|{status.name}={hint} was probably meant)" if hint else ""
        yield rule.finding(
            f"Invalid |{status.name}={_shown(status.value, 30)}: use live, dead, unfit, "
            f"usurped or deviated{advice}",
            status.span,
            reference=template.reference,
        )


# ---------------------------------------------------------------- archive-url


_URL_START = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_WAYBACK = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//(web|liveweb)\.archive\.org(?::\d+)?(/.*)?", re.I)
# After the host: a path (``web/`` or none), the timestamp's digits, a flag, then "/" (the
# module's ``//web%.archive%.org/([^%d]*)(%d+)([^/]*)/``).
_WAYBACK_PARTS = re.compile(r"/([^0-9]*)([0-9]+)([^/]*)/")
_WAYBACK_SAVE = re.compile(r"/save/", re.IGNORECASE)
_FLAG = re.compile(r"[a-zA-Z]{2}_")


def wayback_problem(url: str) -> str | None:
    """Why the module would call a Wayback Machine archive URL malformed; None if it would not.

    As the module checks it: a save link or a ``liveweb`` URL is not a capture; the
    timestamp must have all 14 digits (no ``*`` calendar or wildcard, no truncated stamp); the
    path before it is ``web/`` or nothing; a flag after it is two letters and ``_`` (``id_``)
    and only with ``web/``.
    """
    match = _WAYBACK.fullmatch(url)
    if match is None:
        return None
    host, rest = match[1].casefold(), match[2] or "/"
    if _WAYBACK_SAVE.match(rest):
        return "a Wayback Machine save link, not a capture: it asks for a new capture"
    if host == "liveweb":
        return "a liveweb.archive.org link, which serves no capture"
    parts = _WAYBACK_PARTS.match(rest)
    if parts is None or len(parts[2]) != 14:
        if "*" in rest:
            return "a Wayback calendar or search page (with *), not a capture"
        if parts is None:
            return "no timestamp: a capture's URL has one of 14 digits (YYYYMMDDhhmmss)"
        digits = len(parts[2])
        return (
            f"the timestamp has {digits} digit{'' if digits == 1 else 's'}; a capture's has 14 "
            "(YYYYMMDDhhmmss)"
        )
    path, flag = parts[1], parts[3]
    if path and path.casefold() != "web/":
        return f"the path before the timestamp is {path!r}, not 'web/'"
    if flag and "*" in flag:
        return "a Wayback calendar or search page (with *), not a capture"
    if flag and (not path or not _FLAG.fullmatch(flag)):
        return f"the flag {flag!r} after the timestamp is not two letters and '_' (as 'id_')"
    return None


def _malformed_archive_url(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """An ``archive-url`` that is not a usable capture URL.

    **What it flags.** An ``|archive-url=`` that is not a URL at all (no ``https://``), and
    Wayback Machine URLs the module calls malformed: a save link (``/save/``), a
    ``liveweb.archive.org`` link, a timestamp that is not the full 14 digits (a calendar or
    wildcard page with ``*``, a truncated ``/web/2019/``), a path other than ``web/`` before
    it, or a flag after it other than two letters and ``_`` (``id_`` and ``im_`` are fine).

    **Why.** The module shows "|archive-url= is malformed" (or "Check |archive-url= value")
    in red (so: an error). Such a link is not a fixed capture: it shows a calendar, whatever
    capture is newest, or (a save link) asks the archive to capture the page again, so it
    does not show the page as it was when cited.

    **Example.**

        |archive-url=https://web.archive.org/web/2017*/https://example.com/a

    **Fix.** Open the link, choose the capture that supports the text, and use its full URL
    (``https://web.archive.org/web/20170601123456/https://example.com/a``).
    """
    for template, found in _templates(article):
        archive = template.get(*found.archive_urls)
        if archive is None:
            continue
        url = normalise(archive.value)
        if "{{" in url or "[" in url:
            continue
        if not _URL_START.match(url):
            problem: str | None = "not a URL (it should begin with https://)"
        else:
            problem = wayback_problem(url)
        if problem is not None:
            yield rule.finding(
                f"|{archive.name}= is malformed: {problem}",
                archive.span,
                reference=template.reference,
            )


# ---------------------------------------------------------------- dates


def _invalid_date(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A date the citation module rejects, or one in the future.

    **What it flags.** In ``|date=``, ``|publication-date=``, ``|year=``, ``|access-date=``
    and ``|archive-date=`` (and ``|accessdate=``, ``|archivedate=``) of the CS1/CS2
    templates: a value in none of the module's forms (``5 May 2019``, ``May 5, 2019``,
    ``2019-05-05``, ``May 2019``, ``2019``, ``Spring 2019``, ``Winter 2018–19``, ``5–7 May
    2019``, ``May–June 2019``, ``c. 2019``, ``n.d.``, ``2019a``, ``Sep 2019``, ``2019-05-XX``…);
    a day that does
    not exist (``31 April 2019``, ``29 February 2019``); a publication year after next year;
    an access or archive date after tomorrow (a day of slack for time zones), an access date
    before the wiki existed (15 January 2001), an access date that is not one full date
    (``May 2019``, a range). ``|year=`` holds a year only. An archive date that is not a full
    date is a ``warning``: the documentation asks for the day, but the module shows no error
    for it.

    Forms the English module rejects that are reported: ``May 5 2019`` (no comma),
    ``05 May 2019`` (leading zero), ``5 may 2019`` (lower case), ``Jan. 2019`` (a dot),
    ``12.03.2020``, ``2019-05`` (year and month), ``June–May 2019`` (backwards), ``Feb–March
    2019`` (mixed abbreviation). Dates written with the month names of other
    languages (French, German, Spanish, Portuguese, Italian, Dutch: ``12 mars 2020``,
    ``3. März 2019``) are not reported for their form, because citecheck cannot tell the
    English wiki from the one that accepts them, but they must still be real days and not in
    the future. The dates of the French and German templates (``|date=``, ``|consulté le=``,
    ``|datum=``, ``|abruf=`` …) and of other ``{{cite …}}`` templates are judged only for
    that. Values holding a template (``{{date|…}}``) are not judged.

    **Why.** The module shows "Check date values in: |date=" in red (so: an error). A wrong
    date misleads readers about the source's age, and the citation's anchor for shortened
    footnotes (``CITEREFSmith2019``) is made from its year. A source dated in the future, or
    read in the future, was not read as cited. The dates are read by a small grammar written
    after the module's own patterns rather than a general date parser, which would read too
    much (``5/6/19``, ``yesterday``) to be of use here.

    **Example.**

        {{cite web |url=https://example.com/a |title=A |date=31 April 2019
        |access-date=May 5 2019}}

    **Fix.** Write the date in one of the module's forms, the one the article uses
    (``{{use dmy dates}}``), and correct impossible or future days from the source.
    """
    today = context.today or date.today()
    for template, found in _templates(article):
        if not found.dates:
            continue
        for parameter in template.given.values():
            kind = found.dates.get(parameter.name)
            if kind is None:
                continue
            problem = judge_date(parameter.value, kind, today=today, strict=found.strict_dates)
            if problem is not None:
                yield rule.finding(
                    f"Check |{parameter.name}={_shown(parameter.value, 40)}: {problem}",
                    parameter.span,
                    severity=Severity.WARNING
                    if problem == NOT_FULL and kind is DateKind.ARCHIVE
                    else None,
                    reference=template.reference,
                )


# ---------------------------------------------------------------- deprecated parameters

# The parameters Module:Citation/CS1 no longer takes, with what replaces each. Some are still
# "deprecated" (a red "Cite uses deprecated parameter"), most already removed ("Unknown
# parameter … ignored"): either way the wiki shows an error and drops the value. ``#`` stands
# for a number (``authorlink2``, ``author2link``).
_RETIRED: dict[str, str] = {
    # 2019: the state of the original URL moved to |url-status=
    "deadurl": "|url-status= (yes → dead, no → live)",
    "dead-url": "|url-status= (yes → dead, no → live)",
    # 2019: access restrictions moved to |url-access=
    "registration": "|url-access=registration",
    "subscription": "|url-access=subscription",
    # 2021-2023: lay summaries are no longer part of the citation
    **dict.fromkeys(
        (
            *("lay-url", "layurl", "lay-date", "laydate", "lay-source", "laysource"),
            *("lay-summary", "laysummary", "lay-format"),
        ),
        "a citation of its own for the lay summary",
    ),
    # 2020: the names without hyphens (but |authorlink=, |accessdate=, |archiveurl=,
    # |archivedate= and |origyear=, too common to retire, are still taken)
    "authormask": "|author-mask=",
    "authormask#": "|author#-mask=",
    "author#mask": "|author#-mask=",
    "editorlink": "|editor-link=",
    "editorlink#": "|editor#-link=",
    "editor#link": "|editor#-link=",
    "editormask": "|editor-mask=",
    "editormask#": "|editor#-mask=",
    "editor#mask": "|editor#-mask=",
    "booktitle": "|book-title=",
    "chapterurl": "|chapter-url=",
    "conferenceurl": "|conference-url=",
    "contributionurl": "|contribution-url=",
    "displayauthors": "|display-authors=",
    "displayeditors": "|display-editors=",
    "episodelink": "|episode-link=",
    "interviewerlink": "|interviewer-link=",
    "interviewermask": "|interviewer-mask=",
    "mailinglist": "|mailing-list=",
    "nopp": "|no-pp=",
    "publicationdate": "|publication-date=",
    "publicationplace": "|publication-place=",
    "serieslink": "|series-link=",
    "seriesno": "|series-no=",
    "subjectlink": "|subject-link=",
    "timecaption": "|time-caption=",
    "titlelink": "|title-link=",
    "transcripturl": "|transcript-url=",
    # the old names with underscores
    "trans_title": "|trans-title=",
    "trans_chapter": "|trans-chapter=",
    # 2020: how the list of names is shown
    "lastauthoramp": "|name-list-style=amp",
    "last-author-amp": "|name-list-style=amp",
    "name-list-format": "|name-list-style=",
    **dict.fromkeys(
        ("authorformat", "author-format", "author-separator", "author-name-separator"),
        "|name-list-style=",
    ),
    # several authors in one parameter
    "coauthor": "|author2=, |author3= … (one author each)",
    "coauthors": "|author2=, |author3= … (one author each)",
    # parts of a date
    "month": "|date=",
    "day": "|date=",
    **dict.fromkeys(
        ("accessdaymonth", "accessmonthday", "accessmonth", "accessyear"), "|access-date="
    ),
    # identifiers
    "ignoreisbnerror": "|isbn=((…)) (the ISBN in double parentheses)",
    "ignore-isbn-error": "|isbn=((…)) (the ISBN in double parentheses)",
    "doi-broken": "|doi-broken-date=",
    "doi-inactive-date": "|doi-broken-date=",
    "embargo": "|pmc-embargo-date=",
    # linking the chapter is done in |chapter= itself
    "chapter-link": "a wikilink in |chapter=",
    "chapterlink": "a wikilink in |chapter=",
    # tracking
    "nocat": "|no-tracking=",
    "no-cat": "|no-tracking=",
}
_NUMBER = re.compile(r"[0-9]+")
_DEAD_VALUES = {"yes": "dead", "y": "dead", "true": "dead", "no": "live", "n": "live"}


@functools.lru_cache(maxsize=2048)  # a few hundred names recur in every article
def retired_parameter(name: str) -> str | None:
    """What replaces a retired CS1 parameter name; None when the name is not retired."""
    found = _RETIRED.get(name)
    if found is None and (number := _NUMBER.search(name)) is not None:
        found = _RETIRED.get(_NUMBER.sub("#", name, count=1))
        if found is not None:
            found = found.replace("#", number[0])
    return found


def _deprecated_parameter(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A parameter the citation module no longer takes.

    **What it flags.** A parameter of a CS1/CS2 template whose name the module has retired,
    from one table with what replaces each: ``|deadurl=`` and ``|dead-url=`` (now
    ``|url-status=``), ``|registration=`` and ``|subscription=`` (now ``|url-access=``), the lay
    summary (``|lay-url=``, ``|lay-date=``, ``|lay-source=`` …), most names without hyphens
    (``|chapterurl=``, ``|editorlink=``, ``|transcripturl=``, ``|displayauthors=`` …),
    ``|trans_title=``, ``|lastauthoramp=``, ``|coauthors=``, ``|month=``,
    ``|ignore-isbn-error=``, ``|embargo=`` and a few more. The finding points at the
    parameter. ``|authorlink=``, ``|accessdate=``, ``|archiveurl=``, ``|archivedate=`` and
    ``|origyear=`` are still accepted and not reported.

    **Why.** The module shows "Cite uses deprecated parameter" or "Unknown parameter …
    ignored" in red (so: an error) and drops the value: a ``|deadurl=yes`` no longer sends
    readers to the archived copy, a ``|subscription=yes`` no longer warns them of the
    paywall, an ``|editorlink=`` no longer links the editor.

    **Example.**

        {{cite web |url=https://example.com/a |title=A |archive-url=https://web.archive.org/
        web/20170601000000/https://example.com/a |archive-date=1 June 2017 |deadurl=yes}}

    **Fix.** Use the replacement the message names (here ``|url-status=dead``); bots make
    these changes too.
    """
    for template, found in _templates(article):
        if not found.module:
            continue
        for parameter in template.parameters:
            replacement = retired_parameter(parameter.name)
            if replacement is None:
                continue
            if parameter.name in ("deadurl", "dead-url"):
                value = parameter.value.casefold()
                status = _DEAD_VALUES.get(value, value if value in _URL_STATUSES else None)
                if status is not None:
                    replacement = f"|url-status={status}"
            yield rule.finding(
                f"|{parameter.name}= is no longer supported: use {replacement}",
                parameter.span,
                reference=template.reference,
            )


# ---------------------------------------------------------------- generic titles

# What the module rejects as a generic title ("Cite uses generic title"), lower case, after its
# configuration's ``generic_titles``: plain text found anywhere in the title, or a pattern
# matched against the whole of it.
_GENERIC_ANYWHERE = (
    "are you a robot",
    "hugedomains",
    "page not found",
    "subscribe to read",
    "website is for sale",
    "internet archive wayback machine",
    "log into facebook",
    "login • instagram",
    "redirecting...",
    "usurped title",
    "webcite query result",
    "wikiwix's cache",
)
_GENERIC_PATTERNS = (
    r"wayback\s+machine",
    r"[(\[{<]?no +title[>}\])]?",
    r"[(\[{<]?unknown[>}\])]?",
    r"404.*",
    r".*error[ -]404.*",
)
_GENERIC_SOMEWHERE = re.compile("|".join(re.escape(words) for words in _GENERIC_ANYWHERE))
_GENERIC_WHOLE = re.compile("|".join(_GENERIC_PATTERNS))
# What a bot or a reference-filling tool writes when it finds no title: the module lists it
# for maintenance only ("CS1 maint: archived copy as title").
_ARCHIVED_COPY = re.compile(r"archived?\s+copy")
# Placeholders the module does not list but that name no source, matched on the whole title:
# the titles of error, login, challenge and home pages that a tool copied.
_PLACEHOLDERS = frozenset(
    {
        *("untitled", "untitled document", "title", "home page", "homepage", "index"),
        *("index of /", "website", "web page", "webpage", "facebook", "instagram"),
        *("twitter", "youtube", "linkedin", "google books", "google", "login", "log in"),
        *("sign in", "just a moment...", "just a moment", "attention required! | cloudflare"),
        *("access denied", "403 forbidden", "not found", "redirecting"),
    }
)
_MARKUP = re.compile(r"\[\[|\{\{|<|''|&[#a-z0-9]+;", re.IGNORECASE)
"""What makes a title read otherwise than it is written: it is then read as plain text."""
_TRAILING = re.compile(r"[\s.:|–-]+$")


def generic_title(title: str) -> tuple[str, Severity | None] | None:
    """Why a title names no source, with a severity other than the rule's; None if it is fine."""
    key = " ".join(title.split()).casefold()
    if not key:
        return None
    if _ARCHIVED_COPY.fullmatch(key):
        return "a placeholder a bot wrote for a title it could not find", Severity.WARNING
    if _GENERIC_SOMEWHERE.search(key) or _GENERIC_WHOLE.fullmatch(key):
        return "the citation module rejects it as a generic title", None
    if key in _PLACEHOLDERS or _TRAILING.sub("", key) in _PLACEHOLDERS:
        return "the title of a web site's home, login or error page, not of a source", (
            Severity.WARNING
        )
    return None


def _generic_title(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A title that names no source: "Archived copy", "Page not found", "Home page".

    **What it flags.** A citation's title (``|title=``, ``|titre=``, ``|titel=``), as a reader
    sees it, that is

    - one the citation module rejects as a generic title (an ``error``, as the module shows it
      in red): titles containing "page not found", "are you a robot", "subscribe to read",
      "website is for sale", "Internet Archive Wayback Machine", "log into Facebook",
      "Redirecting...", "usurped title", "WebCite query result", "Wikiwix's cache" or
      "HugeDomains", and the whole titles "Wayback Machine", "No title", "Unknown" and those
      starting "404" or containing "Error 404";
    - "Archived copy" (or "Archive copy"), which bots write when they find no title (a
      ``warning``: the module only lists it for maintenance);
    - the whole title of a home, login or error page, or a site's name alone, that tools
      copy: "Untitled", "Home page", "Index", "Website", "Facebook", "YouTube", "Google
      Books", "Login", "Just a moment...", "Access denied", "Not found" … (a ``warning``;
      the module does not list them). "Home" alone is not reported: it is also the title of
      many songs and albums. Matching is case-insensitive.

    **Why.** Such a title tells the reader nothing of the source, and a generic title
    copied from a page often means the page was already dead, blocked or usurped when cited.

    **Example.**

        {{cite web |url=https://example.com/report-2019 |title=Archived copy
        |archive-url=https://web.archive.org/web/20190601000000/https://example.com/report-2019
        |archive-date=1 June 2019}}

    **Fix.** Open the source (or its archived copy) and copy its real title; if the page was
    an error page when cited, find what it was meant to support.
    """
    for template, _ in _templates(article):
        for name in _TITLE_PARAMETERS:
            title = template.given.get(name)
            if title is None:
                continue
            text = title.value
            if _MARKUP.search(text):
                text = cs1.plain_text(text)
            verdict = generic_title(text)
            if verdict is not None:
                why, severity = verdict
                yield rule.finding(
                    f"|{title.name}={_shown(text, 40)} is a generic title: {why}",
                    title.span,
                    severity=severity,
                    reference=template.reference,
                )
            break


RULES: tuple[Rule, ...] = (
    Rule(
        code="CC601",
        name="citation-missing-title",
        severity=Severity.ERROR,
        summary="A citation template has no title.",
        check=_missing_title,
    ),
    Rule(
        code="CC602",
        name="cite-web-missing-url",
        severity=Severity.ERROR,
        summary="A {{cite web}} has no URL.",
        check=_cite_web_missing_url,
    ),
    Rule(
        code="CC603",
        name="archive-url-without-url",
        severity=Severity.ERROR,
        summary="A citation template has an archive-url but no url.",
        check=_archive_url_without_url,
    ),
    Rule(
        code="CC604",
        name="access-date-without-url",
        severity=Severity.ERROR,
        summary="A citation template has an access-date but no url.",
        check=_access_date_without_url,
    ),
    Rule(
        code="CC605",
        name="invalid-url-status",
        severity=Severity.ERROR,
        summary="A url-status is not live, dead, unfit, usurped or deviated.",
        check=_invalid_url_status,
    ),
    Rule(
        code="CC606",
        name="malformed-archive-url",
        severity=Severity.ERROR,
        summary="An archive-url is not a usable capture URL.",
        check=_malformed_archive_url,
    ),
    Rule(
        code="CC607",
        name="invalid-date",
        severity=Severity.ERROR,
        summary="A citation date is not valid, or is in the future.",
        check=_invalid_date,
    ),
    Rule(
        code="CC608",
        name="deprecated-parameter",
        severity=Severity.ERROR,
        summary="A citation template uses a parameter the citation module no longer takes.",
        check=_deprecated_parameter,
    ),
    Rule(
        code="CC609",
        name="generic-title",
        severity=Severity.ERROR,
        summary="A citation's title names no source (Archived copy, Page not found…).",
        check=_generic_title,
    ),
)
