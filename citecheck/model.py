"""The vocabulary every parser produces and every rule and reporter reads.

Everything here is immutable. Locations are character spans into the decoded source
text (Python string indices, end exclusive); lines and columns are derived only for
display, by :class:`LineIndex`.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from itertools import accumulate


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class SourceFormat(StrEnum):
    WIKITEXT = "wikitext"
    TEXT = "text"
    HTML = "html"


class Coverage(StrEnum):
    CITED = "cited"
    """A citation is attached to the statement itself."""
    PARAGRAPH = "paragraph"
    """No citation of its own, but a later statement of the same paragraph is cited."""
    NONE = "none"


class Reason(StrEnum):
    """Why a statement is likely to be challenged (ordered from most to least serious)."""

    QUOTATION = "quotation"
    STATISTIC = "statistic"
    CONTENTIOUS = "contentious"
    SUPERLATIVE = "superlative"
    WEASEL = "weasel"
    ATTRIBUTION = "attribution"
    OPINION = "opinion"


SERIOUS_REASONS = frozenset({Reason.QUOTATION, Reason.STATISTIC, Reason.CONTENTIOUS})


class Exemption(StrEnum):
    """Why a statement is not held to the citation policy in the usual way."""

    LEAD = "lead"
    """The lead summarises the body; uncited lead statements are only reported at info."""
    PLOT = "plot"
    """A plot summary is sourced to the work itself."""
    NON_PROSE = "non-prose"
    """See also, External links, References, Bibliography, Works and the like."""
    DISAMBIGUATION = "disambiguation"
    """A disambiguation page lists articles; it makes no claims."""


class TagKind(StrEnum):
    """Families of inline maintenance templates."""

    NEEDS_SOURCE = "needs-source"
    """{{citation needed}} and its aliases."""
    DOUBT = "doubt"
    """A source exists but is doubted: {{better source needed}}, {{failed verification}}..."""
    VAGUE = "vague"
    """Vague wording: {{who}}, {{when}}, {{weasel inline}}, {{clarify}}..."""
    BANNER = "banner"
    """Article or section banners: {{unreferenced}}, {{more citations needed}}..."""


class ReferenceKind(StrEnum):
    REF = "ref"
    """A footnote: ``<ref>``, ``{{r}}``, ``{{#tag:ref}}``."""
    SHORT = "sfn"
    """A shortened footnote: ``{{sfn}}``, ``{{sfnm}}``."""
    PARENTHETICAL = "harv"
    """A parenthetical reference in the running text: ``{{harv}}``, ``{{harvtxt}}``."""
    SOURCE = "source"
    """A full citation outside any footnote, usually in a bibliography."""
    ENTRY = "entry"
    """An entry of a rendered reference list (copied text)."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Section:
    index: int
    title: str
    """The heading's plain text; ``""`` for the lead."""
    level: int
    """Heading level (2 for ``== x ==``); 0 for the lead."""
    span: Span
    """From the heading to the next heading of any level."""
    heading: Span
    """The heading line itself; empty for the lead."""
    exempt: Exemption | None = None


@dataclass(frozen=True, slots=True)
class MaintenanceTag:
    name: str
    """Canonical name, e.g. ``citation needed`` (aliases such as ``cn`` are resolved)."""
    kind: TagKind
    span: Span
    date: str | None = None
    statement: str | None = None
    section: int | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """One use, in the text, of a reference."""

    reference: str
    span: Span
    page: str | None = None
    """A page pin: ``{{rp|12}}``, ``{{r|a|p=12}}``, an sfn's ``p=``, a rendered ``:12``."""
    statement: str | None = None
    note: str | None = None
    """Set when the use sits inside an explanatory note rather than in the prose."""


@dataclass(frozen=True, slots=True)
class Reference:
    id: str
    kind: ReferenceKind
    span: Span
    """The definition; for a name that is only ever reused, its first use."""
    name: str | None = None
    group: str | None = None
    number: int | None = None
    """The number a reader sees, in order of first use; None when never used."""
    uses: int = 0
    defined: bool = True
    """False when a named reference is used but its content is given nowhere."""
    list_defined: bool = False
    """Defined inside a reference list rather than in the text."""
    text: str = ""
    """Plain text of the citation."""
    raw: str = ""
    """The markup between the tags (wikitext) or the entry as copied (rendered text)."""
    template: str | None = None
    """The first citation template inside, normalised (``cite web``)."""
    title: str | None = None
    url: str | None = None
    archive_url: str | None = None
    archive_date: str | None = None
    url_status: str | None = None
    access_date: str | None = None
    archived: bool = False
    """The citation has an archived copy (an archive-url, or "Archived from the original")."""
    anchors: tuple[str, ...] = ()
    """Harvard anchors (``CITEREFSmith2001``) of the full citations inside."""
    targets: tuple[str, ...] = ()
    """Harvard anchors that shortened footnotes inside this reference point at."""
    backlinks: int | None = None
    """Rendered text only: how many backlinks (``^ a b c``) the entry shows."""
    bare_url: bool = False
    """Nothing but a link: no citation template, and no words but the link's own."""
    redefinitions: tuple[Span, ...] = ()
    """Other definitions of the same name whose content differs."""


@dataclass(frozen=True, slots=True)
class TemplateParameter:
    name: str
    """As written, stripped; a positional parameter's name is its number."""
    value: str
    """The value's source without comments, stripped."""
    span: Span
    """The whole parameter, from after its pipe to the next pipe or the closing braces."""


@dataclass(frozen=True)
class CitationTemplate:
    """A citation template ({{cite web}}, {{citation}}...) as written, with every parameter."""

    name: str
    """Normalised: ``cite web``."""
    span: Span
    parameters: tuple[TemplateParameter, ...] = ()
    reference: str | None = None
    """The reference it belongs to: its footnote, or itself when it stands alone."""

    @cached_property
    def given(self) -> Mapping[str, TemplateParameter]:
        """The parameters that have a value, by name (the last, when a name is repeated, as
        on the wiki). Several rules read every template: this is worked out once."""
        return {parameter.name: parameter for parameter in self.parameters if parameter.value}

    def get(self, *names: str) -> TemplateParameter | None:
        """The first of ``names`` that is given a value."""
        given = self.given
        for name in names:
            found = given.get(name)
            if found is not None:
                return found
        return None


@dataclass(frozen=True, slots=True)
class Note:
    """An explanatory note ({{efn}}, ``<ref group="note">``): not a citation."""

    id: str
    span: Span
    group: str | None
    text: str
    statement: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    section: int
    """Index into :attr:`Article.sections`."""
    paragraph: int
    """Index of the paragraph in the article; list items are paragraphs of their own."""
    text: str
    span: Span
    citations: tuple[str, ...] = ()
    """Reference ids, in the order their uses follow the statement; repeated if reused."""
    coverage: Coverage = Coverage.NONE
    needs_citation: bool = False
    reasons: tuple[Reason, ...] = ()
    exempt: Exemption | None = None
    tags: tuple[MaintenanceTag, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def tagged_needs_source(self) -> bool:
        return any(tag.kind is TagKind.NEEDS_SOURCE for tag in self.tags)


@dataclass(frozen=True, slots=True)
class ReferenceList:
    """Where a reference list is rendered: ``{{reflist}}``, ``<references />``..."""

    span: Span
    group: str | None = None


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """Something the parser saw that no statement or reference can carry."""

    kind: str
    span: Span
    detail: str = ""


EMPTY_REF = "empty-ref"
"""SourceProblem.kind for a ``<ref>`` with no content and no name."""


@dataclass(frozen=True)
class Article:
    source: str
    """A path, ``-`` for standard input, or another name the caller chose."""
    text: str
    format: SourceFormat
    title: str | None = None
    sections: tuple[Section, ...] = ()
    statements: tuple[Statement, ...] = ()
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    notes: tuple[Note, ...] = ()
    tags: tuple[MaintenanceTag, ...] = ()
    """Every maintenance tag, banners included, whether or not a statement carries it."""
    reference_lists: tuple[ReferenceList, ...] = ()
    anchors: frozenset[str] = frozenset()
    """Every Harvard anchor a shortened footnote may point at."""
    problems: tuple[SourceProblem, ...] = ()
    disambiguation: bool = False
    redirect: str | None = None
    """The target, when the page is only a redirect."""
    citation_templates: tuple[CitationTemplate, ...] = ()
    """Every citation template, in footnotes and bibliographies alike (wikitext only)."""
    url: str | None = None
    """Where the page itself was read from, when known (a saved web page, a wiki)."""

    def reference(self, reference_id: str) -> Reference:
        return self._references_by_id[reference_id]

    def statement(self, statement_id: str) -> Statement:
        return self._statements_by_id[statement_id]

    def section_of(self, statement: Statement) -> Section:
        return self.sections[statement.section]

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex.of(self.text)

    @cached_property
    def _references_by_id(self) -> dict[str, Reference]:
        return {reference.id: reference for reference in self.references}

    @cached_property
    def _statements_by_id(self) -> dict[str, Statement]:
        return {statement.id: statement for statement in self.statements}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    rule: str
    severity: Severity
    message: str
    span: Span
    statement: str | None = None
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class LineIndex:
    """Turns character offsets into 1-based lines and columns."""

    starts: tuple[int, ...] = field(default=(0,))

    @classmethod
    def of(cls, text: str) -> LineIndex:
        lines = text.split("\n")
        return cls((0, *accumulate(len(line) + 1 for line in lines[:-1])))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


class LinkStatus(StrEnum):
    """What checking a URL found: a small vocabulary, so callers never compare HTTP codes."""

    ALIVE = "alive"
    REDIRECTED = "redirected"
    """A permanent redirect to a page that is alive: the citation should use the new URL."""
    DEAD = "dead"
    """404 or 410, an unknown host, a redirect loop."""
    SOFT_404 = "soft-404"
    """Answers, but with a "not found" page or a redirect to the site's home page."""
    UNKNOWN = "unknown"
    """The server would not say: 401, 403, 429, a bot challenge, a paywall."""
    TIMEOUT = "timeout"
    ERROR = "error"
    """5xx after retries, TLS failures, resets, refused connections."""
    SKIPPED = "skipped"
    """Not checked: not http or https, excluded by a pattern, or not a usable URL."""
    UNSAFE = "unsafe"
    """Refused: the host resolves to a loopback, private or otherwise non-public address."""

    @property
    def is_dead(self) -> bool:
        return self in (LinkStatus.DEAD, LinkStatus.SOFT_404)

    @property
    def is_alive(self) -> bool:
        return self in (LinkStatus.ALIVE, LinkStatus.REDIRECTED)

    @property
    def is_unverifiable(self) -> bool:
        """Checked, but neither alive nor dead can be said: never treat it as dead."""
        return self in (LinkStatus.UNKNOWN, LinkStatus.TIMEOUT, LinkStatus.ERROR, LinkStatus.UNSAFE)


@dataclass(frozen=True, slots=True)
class LinkResult:
    url: str
    status: LinkStatus
    http_status: int | None = None
    """The last HTTP status received, None when no answer came."""
    final_url: str | None = None
    """Where the redirects ended."""
    from_cache: bool = False
    detail: str = ""
    """Why, in words: "HTTP 404", "redirect loop", "title says 'Page not found'"."""


@dataclass(frozen=True, slots=True)
class LinkReport:
    """The link checks of one run, shared by every article in it."""

    results: Mapping[str, LinkResult]
    """By URL as cited (see :func:`citecheck.links.urls.cited_url`)."""
    suggestions: Mapping[str, str]
    """Dead URL -> the closest archived capture found for it."""


class Rating(StrEnum):
    """How reliable a source is held to be, from the worst judgement to the best.

    The first five are the perennial-sources list's own words (a blacklisted source is one
    the list calls unreliable and the spam blacklist blocks); ``self-published`` is a blog,
    forum or social platform whose pages anyone may publish.
    """

    BLACKLISTED = "blacklisted"
    DEPRECATED = "deprecated"
    GENERALLY_UNRELIABLE = "generally-unreliable"
    SELF_PUBLISHED = "self-published"
    NO_CONSENSUS = "no-consensus"
    GENERALLY_RELIABLE = "generally-reliable"

    @property
    def rank(self) -> int:
        """How severe the judgement is: higher is worse (a generally reliable source is 1)."""
        return _RATING_RANK[self]


_RATING_RANK = {rating: len(Rating) - index for index, rating in enumerate(Rating)}


class RatedBy(StrEnum):
    """What part of a citation a rating was matched on."""

    URL = "url"
    """The cited URL's host (for an archived copy, the original's)."""
    WORK = "work"
    """The name in ``work=`` (``website=``, ``newspaper=``, ``magazine=``…)."""
    PUBLISHER = "publisher"
    """The name in ``publisher=``."""


class RatingOrigin(StrEnum):
    """Which list a rating comes from."""

    PERENNIAL = "perennial-sources"
    """The encyclopedia's list of perennial sources (the noticeboard's standing verdicts)."""
    WIKIPROJECT = "wikiproject-sources"
    """A WikiProject's source list, for a domain the perennial list does not rate."""
    PLATFORMS = "platforms"
    """citecheck's own list of blog, forum and social platforms (self-published)."""
    CONFIGURATION = "configuration"
    """The user's configuration file."""


@dataclass(frozen=True, slots=True)
class SourceRating:
    """What the list of sources says of one cited source."""

    rating: Rating
    source: str | None
    """The list's name for the source (``OpIndia``); None when the list gives none."""
    matched: str
    """The list's entry that matched: a domain (``opindia.com``, ``google.com/maps``) or a name."""
    by: RatedBy
    origin: RatingOrigin


@dataclass(frozen=True, slots=True)
class Report:
    """One article and what the audit found in it."""

    article: Article
    findings: tuple[Finding, ...]
    links: LinkReport | None = None
    """The run's link checks; None when links were not checked."""
    suppressed: tuple[Finding, ...] = ()
    """Findings silenced by ``<!-- citecheck: ignore ... -->`` comments in the article."""
    known: tuple[Finding, ...] = ()
    """Findings left out because the baseline or the old version already had them."""
    ratings: Mapping[str, SourceRating] = field(default_factory=dict)
    """Reference id -> the most severe rating of the sources it cites (rated ones only)."""
    page_rating: SourceRating | None = None
    """The rating of the article's own site, when it was read from a known address."""
