"""Whether the sources cited are reliable, by the list of perennial sources.

Each cited URL is rated by its domain (an archived copy by the page it captured), and a
citation whose URL the list does not rate, by the name in its ``work=`` or ``publisher=``
(see :mod:`citecheck.reliability`). A footnote that bundles several citations has each of
them rated; one source named twice in a footnote is reported once. The ratings are worked
out once per article, before the rules run, and each rule reports one of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Article, Finding, RatedBy, Rating, RatingOrigin, Severity, SourceRating
from citecheck.reliability import Assessment, assess, default_list
from citecheck.rules.base import Rule, RuleContext

_HEADLINE = {
    Rating.BLACKLISTED: "is on the spam blacklist",
    Rating.DEPRECATED: "is deprecated",
    Rating.GENERALLY_UNRELIABLE: "is generally unreliable",
    Rating.SELF_PUBLISHED: "is a self-published platform",
    Rating.NO_CONSENSUS: "has no consensus on its reliability",
}
_ADVICE = {
    Rating.BLACKLISTED: "links to it must be whitelisted before they can even be saved, and "
    "it is generally unreliable; cite another source",
    Rating.DEPRECATED: "it may be cited only about itself; cite another source",
    Rating.GENERALLY_UNRELIABLE: "cite a reliable source instead",
    Rating.SELF_PUBLISHED: "anyone can publish there, so it supports only what its author says "
    "of themselves, or the work of an established expert in the field",
    Rating.NO_CONSENSUS: "it may do for some claims and not for others; check it for this one",
}
_PER = {
    RatingOrigin.PERENNIAL: " (per the perennial sources list)",
    RatingOrigin.WIKIPROJECT: " (per a WikiProject's source list)",
    RatingOrigin.PLATFORMS: "",
    RatingOrigin.CONFIGURATION: " (per the configuration)",
}


def _assessment(article: Article, context: RuleContext) -> Assessment:
    return context.reliability or assess(article, default_list())


def describe(rating: SourceRating) -> str:
    """What is rated, as a finding names it: ``opindia.com (OpIndia)``, or a work's name."""
    if rating.by is RatedBy.URL:
        if rating.source and rating.source.casefold() != rating.matched.casefold():
            return f"{rating.matched} ({rating.source})"
        return rating.matched
    return f"{rating.source or rating.matched} (named in {rating.by}=)"


def message(rating: SourceRating) -> str:
    return (
        f"{describe(rating)} {_HEADLINE[rating.rating]}{_PER[rating.origin]}: "
        f"{_ADVICE[rating.rating]}"
    )


def _report(
    rule: Rule, article: Article, context: RuleContext, rating: Rating
) -> Iterator[Finding]:
    for cited in _assessment(article, context).citations:
        if cited.rating.rating is rating:
            yield rule.finding(message(cited.rating), cited.span, reference=cited.reference)


def _blacklisted(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A citation of a source on the spam blacklist.

    **What it flags.** A cited URL whose site the perennial sources list marks as blacklisted
    (generally unreliable, and on the encyclopedia's spam blacklist), matched by its
    registrable domain or a subdomain of it; an archived copy counts as the page it
    captured. A citation with no rated URL is matched by its ``work=`` or ``publisher=``.

    **Why.** The wiki refuses to save an edit that adds a link to a blacklisted site, and the
    community has judged the source unfit to support anything.

    **Example.**

        Dong was said to have defected.<ref>{{cite web |url=https://www.opindia.com/2021/06/
        dong-jingwei-defection/ |title=Top Chinese officer defected |website=OpIndia}}</ref>

    **Fix.** Replace the citation with a reliable source for the same claim, or remove the
    claim if none can be found.
    """
    return _report(rule, article, context, Rating.BLACKLISTED)


def _deprecated(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A citation of a deprecated source.

    **What it flags.** A cited URL (or, failing one, a ``work=``/``publisher=`` name) of a
    source the perennial sources list deprecates, such as the *Daily Mail*.

    **Why.** A deprecated source was found, after a formal discussion, to publish
    fabrications or to be otherwise unfit; it may be cited only about itself, and an edit
    adding it draws a warning.

    **Example.**

        The actor was seen in London.<ref>{{cite news |url=https://www.dailymail.co.uk/tvshowbiz/
        article-1/actor.html |title=Actor seen |work=Daily Mail}}</ref>

    **Fix.** Cite a reliable source instead; if the claim is only in the deprecated source,
    it probably does not belong in the article.
    """
    return _report(rule, article, context, Rating.DEPRECATED)


def _unreliable(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A citation of a generally unreliable source.

    **What it flags.** A cited URL (or a ``work=``/``publisher=`` name) of a source that the
    perennial sources list rates generally unreliable, such as IMDb or YouTube, or that a
    WikiProject's source list rates unreliable where the perennial list says nothing.

    **Why.** Such a source lacks editorial oversight or a reputation for fact-checking;
    claims resting on it cannot be taken as verified.

    **Example.**

        The film cost $5 million.<ref>[https://www.imdb.com/title/tt0000001/ IMDb]</ref>

    **Fix.** Cite a reliable source for the claim (a newspaper review, a trade paper, a book).
    """
    return _report(rule, article, context, Rating.GENERALLY_UNRELIABLE)


def _self_published(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A citation of a blog, forum or social platform where anyone publishes.

    **What it flags.** A cited URL on a self-publishing platform (Substack, Tumblr, Patreon,
    Vimeo, GitHub Pages…) that no list rates more severely; blogs and social networks the
    perennial sources list itself rates (Blogger, WordPress.com, X, YouTube) are reported
    as unreliable instead.

    **Why.** A self-published source has no editor between its author and the reader: it is
    acceptable for what the author says of themselves, or when the author is an established
    expert on the subject, but not for claims about third parties, especially living people.

    **Example.**

        The company was founded in 2015.<ref>[https://someone.substack.com/p/history
        A history]</ref>

    **Fix.** Check who the author is; prefer a source with editorial oversight.
    """
    return _report(rule, article, context, Rating.SELF_PUBLISHED)


def _no_consensus(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A citation of a source of no consensus on its reliability.

    **What it flags.** A cited URL (or a ``work=``/``publisher=`` name) of a source that the
    perennial sources list rates "no consensus", or whose rating depends on the topic or the
    date (Fox News, CNET), and sources only a WikiProject's list rates so.

    **Why.** Editors disagree on such a source: it may be fine for some claims and not for
    others, so each use deserves a look, especially for contentious claims.

    **Example.**

        The show drew 3 million viewers.<ref>{{cite web |url=https://www.foxnews.com/
        entertainment/ratings |title=Ratings |publisher=Fox News}}</ref>

    **Fix.** Judge the citation for this claim; for anything contentious prefer a source the
    list rates generally reliable.
    """
    return _report(rule, article, context, Rating.NO_CONSENSUS)


RULES: tuple[Rule, ...] = (
    Rule(
        code="CC501",
        name="blacklisted-source",
        severity=Severity.ERROR,
        summary="A cited source is on the spam blacklist.",
        check=_blacklisted,
    ),
    Rule(
        code="CC502",
        name="deprecated-source",
        severity=Severity.ERROR,
        summary="A cited source is deprecated.",
        check=_deprecated,
    ),
    Rule(
        code="CC503",
        name="unreliable-source",
        severity=Severity.WARNING,
        summary="A cited source is generally unreliable.",
        check=_unreliable,
    ),
    Rule(
        code="CC504",
        name="self-published-source",
        severity=Severity.INFO,
        summary="A cited source is a blog, forum or social platform where anyone publishes.",
        check=_self_published,
    ),
    Rule(
        code="CC505",
        name="no-consensus-source",
        severity=Severity.INFO,
        summary="A cited source has no consensus on its reliability.",
        check=_no_consensus,
    ),
)
