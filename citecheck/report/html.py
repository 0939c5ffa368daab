"""The report for people who would rather look than read: one self-contained HTML page.

Every article is shown as prose, each statement coloured by how it is covered, with the
findings in a margin beside the paragraph they concern and the references below. The page
loads nothing: no script, no font, no image. Its Content-Security-Policy forbids all of them,
so even a mistake in escaping could not run a script from an article, and opening a report
never tells anyone that it was opened. All text from articles is untrusted and goes through
:func:`_e`; the only URLs turned into links are http(s) ones, and only as ``<a href>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from citecheck import __version__
from citecheck.config import Policy
from citecheck.links.archives import parse_archive_url
from citecheck.links.urls import reference_urls
from citecheck.model import (
    Article,
    Coverage,
    Finding,
    LinkReport,
    LinkResult,
    LinkStatus,
    Reference,
    Report,
    Section,
    Severity,
    SourceRating,
    Statement,
)
from citecheck.report.base import Failure, RenderOptions, plural, shorten
from citecheck.report.summary import Summary, summarize
from citecheck.rules import RULES

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)
"""Styles inline, and nothing else: no script runs, nothing is fetched, no form is sent."""

_SAFE_URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)
_RULES = {rule.code: rule for rule in RULES}
_SEVERITY_MARK = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "●"}
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_COVERAGE_CLASS = {
    Coverage.CITED: "cited",
    Coverage.PARAGRAPH: "paragraph",
    Coverage.NONE: "uncited",
}
_COVERAGE_WORDS = {
    "cited": "Cited claim",
    "paragraph": "Claim covered by a later citation in its paragraph",
    "uncited": "Uncited claim",
    "exempt": "Not a claim, or exempt from the policy",
}
_LINK_CLASS = {
    LinkStatus.ALIVE: "ok",
    LinkStatus.REDIRECTED: "moved",
    LinkStatus.DEAD: "bad",
    LinkStatus.SOFT_404: "bad",
    LinkStatus.UNKNOWN: "unsure",
    LinkStatus.TIMEOUT: "unsure",
    LinkStatus.ERROR: "unsure",
    LinkStatus.UNSAFE: "unsure",
    LinkStatus.SKIPPED: "muted",
}


def _e(value: object) -> str:
    """Escape for text and for attribute values alike (quotes included)."""
    return html.escape(str(value), quote=True)


def render(reports: Sequence[Report], failures: Sequence[Failure], options: RenderOptions) -> str:
    """The whole page as one string, built from parts joined once: large articles stay fast."""
    summaries = [summarize(report) for report in reports]
    out: list[str] = [_head(reports), "<body>", _page_header(reports, failures, options)]
    out.append(_failures(failures))
    if len(reports) > 1:
        out.append(_contents(reports, summaries, options.policy))
    for number, (report, summary) in enumerate(zip(reports, summaries, strict=True), start=1):
        _article(_Scope.of(f"a{number}", report), summary, options.policy, out)
    out.append("</body>\n</html>\n")
    return "".join(out)


# --- Page frame -------------------------------------------------------------------------------


def _head(reports: Sequence[Report]) -> str:
    title = "citecheck report"
    if len(reports) == 1:
        title += " — " + _article_name(reports[0].article)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
    )


def _page_header(
    reports: Sequence[Report], failures: Sequence[Failure], options: RenderOptions
) -> str:
    counts = [plural(len(reports), "article")]
    if failures:
        counts.append(f"{plural(len(failures), 'input')} could not be checked")
    return (
        '<header class="page"><h1>citecheck report</h1>'
        f"<p>{_e(', '.join(counts))} · {_e(options.policy)} policy · "
        f"citecheck {_e(__version__)}</p>"
        "</header>"
    )


def _failures(failures: Sequence[Failure]) -> str:
    """Inputs that could not be read come first: a reader must not take silence for success."""
    if not failures:
        return ""
    items = "".join(f"<li><code>{_e(f.source)}</code>: {_e(f.message)}</li>" for f in failures)
    return (
        '<section class="failures" role="alert"><h2>Could not be checked</h2>'
        f"<ul>{items}</ul></section>"
    )


def _contents(reports: Sequence[Report], summaries: Sequence[Summary], policy: Policy) -> str:
    """One row per article, so the weakest can be found before scrolling through all of them."""
    rows = []
    for number, (report, summary) in enumerate(zip(reports, summaries, strict=True), start=1):
        findings = " ".join(
            _severity_count(severity, summary.findings[severity]) for severity in _SEVERITIES
        )
        rows.append(
            f'<tr><td><a href="#a{number}">{_e(_article_name(report.article))}</a></td>'
            f'<td class="num">{summary.needs_citation}</td>'
            f"<td>{_bar(summary.cited, summary.paragraph, summary.uncited, policy)}</td>"
            f"<td>{findings}</td></tr>"
        )
    return (
        '<nav class="contents" aria-label="Articles"><h2>Articles</h2><table>'
        "<thead><tr><th>Article</th><th>Claims</th><th>Coverage</th><th>Findings</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></nav>"
    )


# --- One article --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Scope:
    """What rendering one article looks up again and again, computed once.

    Anchors are made here (``a1-s12``, ``a1-r3``, ``a1-f7``) rather than taken from the
    model's ids, so that they are unique across articles and valid whatever a parser names.
    """

    prefix: str
    report: Report
    references: dict[str, Reference]
    reference_anchors: dict[str, str]
    by_statement: dict[str, list[tuple[int, Finding]]] = field(default_factory=dict)
    by_reference: dict[str, list[tuple[int, Finding]]] = field(default_factory=dict)
    other: list[tuple[int, Finding]] = field(default_factory=list)

    @classmethod
    def of(cls, prefix: str, report: Report) -> _Scope:
        article = report.article
        scope = cls(
            prefix=prefix,
            report=report,
            references={r.id: r for r in article.references},
            reference_anchors={
                r.id: f"{prefix}-r{i}" for i, r in enumerate(article.references, start=1)
            },
        )
        statements = {s.id for s in article.statements}
        for number, finding in enumerate(report.findings, start=1):
            if finding.statement is not None and finding.statement in statements:
                scope.by_statement.setdefault(finding.statement, []).append((number, finding))
            elif finding.reference is not None and finding.reference in scope.references:
                scope.by_reference.setdefault(finding.reference, []).append((number, finding))
            else:
                scope.other.append((number, finding))
        return scope


def _article(scope: _Scope, summary: Summary, policy: Policy, out: list[str]) -> None:
    article = scope.report.article
    out.append(f'<article class="article" id="{scope.prefix}">')
    out.append(_article_header(scope.report, summary, policy))
    out.append(_LEGEND)
    only = f"{scope.prefix}-only"
    # A checkbox and sibling selectors filter the prose: it works with no script at all.
    out.append(
        f'<input type="checkbox" class="only" id="{only}">'
        f'<label class="only-label" for="{only}">Show only paragraphs with uncited claims or '
        "findings</label>"
    )
    out.append('<div class="prose">')
    by_section: dict[int, list[Statement]] = {}
    for statement in article.statements:
        by_section.setdefault(statement.section, []).append(statement)
    for section in article.sections:
        statements = by_section.get(section.index, [])
        if statements or section.exempt is None:  # an empty References heading says nothing
            _section(scope, section, statements, policy, out)
    out.append("</div>")
    _references(scope, out)
    _other_findings(scope, out)
    out.append("</article>")


def _article_header(report: Report, summary: Summary, policy: Policy) -> str:
    article = report.article
    notes = [f"<code>{_e(article.source)}</code>", _e(article.format)]
    if article.redirect:
        notes.append(f"redirect to {_e(article.redirect)}")
    if article.disambiguation:
        notes.append("disambiguation page")
    if report.page_rating is not None:
        notes.append(_e(f"the page's site {_rated(report.page_rating)}"))
    return (
        f"<header><h2>{_e(_article_name(article))}</h2>"
        f'<p class="source">{" · ".join(notes)}</p>'
        f'<dl class="figures">{_figures(report, summary, policy)}</dl></header>'
    )


def _figures(report: Report, summary: Summary, policy: Policy) -> str:
    """The article's figures as cards, the coverage first and widest: it is what readers want."""
    share = summary.covered_share(policy)
    breakdown = (
        f'<span class="n-cited">{summary.cited} cited</span> · '
        f'<span class="n-paragraph">{summary.paragraph} covered by paragraph</span> · '
        f'<span class="n-uncited">{summary.uncited} uncited</span> '
        f"of {plural(summary.needs_citation, 'claim')}"
    )
    bar = _bar(summary.cited, summary.paragraph, summary.uncited, policy, label=False)
    findings = " · ".join(_severity_words(s, summary.findings[s]) for s in _SEVERITIES)
    cards = [
        _card(
            f"Covered ({_e(policy)} policy)",
            "–" if share is None else f"{share:.0%}",
            "no claims" if share is None else f'{bar}<span class="breakdown">{breakdown}</span>',
            "wide",
        ),
        _card("Statements", str(summary.statements)),
        _card("References", str(summary.references)),
        _card("Findings", str(sum(summary.findings.values())), findings),
        _card("Links", *_link_figures(summary)),
    ]
    if report.known:
        cards.append(_card("Known", str(len(report.known)), "in the baseline, not shown"))
    if report.suppressed:
        cards.append(_card("Suppressed", str(len(report.suppressed)), "by comments"))
    return "".join(cards)


def _card(label: str, value: str, detail: str = "", css: str = "") -> str:
    """One figure; every argument is HTML already (escaped by the caller)."""
    more = f'<span class="detail">{detail}</span>' if detail else ""
    return f'<div class="{f"figure {css}".strip()}"><dt>{label}</dt><dd>{value}{more}</dd></div>'


def _link_figures(summary: Summary) -> tuple[str, str]:
    """The links' figure and its breakdown by status."""
    if summary.links is None:
        return "–", "not checked"
    if not summary.links:
        return "0", "no URL cited"
    badges = " ".join(
        f"{_status_badge(status)}&#8239;{summary.links[status]}"
        for status in LinkStatus
        if summary.links.get(status)
    )
    cached = f" ({summary.links_from_cache} from cache)" if summary.links_from_cache else ""
    return str(sum(summary.links.values())), badges + cached


_LEGEND = (
    '<ul class="legend" aria-label="Legend">'
    + "".join(
        f'<li><span class="s cov-{css}">{_e(words)}</span></li>'
        for css, words in (
            ("cited", "cited"),
            ("paragraph", "covered by a later citation in the paragraph"),
            ("uncited", "uncited claim"),
            ("exempt", "not a claim, or exempt"),
        )
    )
    + '<li><span class="fm sev-error">✖</span> error <span class="fm sev-warning">▲</span> '
    'warning <span class="fm sev-info">●</span> info</li></ul>'
)


# --- Prose ----------------------------------------------------------------------------------


def _section(
    scope: _Scope, section: Section, statements: list[Statement], policy: Policy, out: list[str]
) -> None:
    counts = dict.fromkeys(Coverage, 0)
    for statement in statements:
        if statement.needs_citation:
            counts[statement.coverage] += 1
    paragraphs = _paragraphs(scope, statements)
    has_issue = any(issue for _, issue in paragraphs)
    level = min(section.level + 1, 6) if section.level else 3
    title = _e(section.title) if section.level else "Lead"
    shown = section.exempt and section.level  # the lead says it is the lead already
    exempt = f' <span class="tag-exempt">{_e(section.exempt)}</span>' if shown else ""
    bar = _bar(counts[Coverage.CITED], counts[Coverage.PARAGRAPH], counts[Coverage.NONE], policy)
    css = "section issue" if has_issue else "section"
    out.append(
        f'<section class="{css}" id="{scope.prefix}-h{section.index}">'
        f'<div class="section-head level-{section.level}"><h{level}>{title}{exempt}</h{level}>'
        f"{bar if any(counts.values()) else ''}</div>"
    )
    out.extend(html_text for html_text, _ in paragraphs)
    out.append("</section>")


def _paragraphs(scope: _Scope, statements: list[Statement]) -> list[tuple[str, bool]]:
    """Each paragraph's HTML, and whether it has an uncited claim or a finding."""
    groups: list[list[Statement]] = []
    for statement in statements:
        if groups and groups[-1][-1].paragraph == statement.paragraph:
            groups[-1].append(statement)
        else:
            groups.append([statement])
    return [_paragraph(scope, group) for group in groups]


def _paragraph(scope: _Scope, statements: list[Statement]) -> tuple[str, bool]:
    text: list[str] = []
    margin: list[str] = []
    issue = False
    for statement in statements:
        findings = scope.by_statement.get(statement.id, [])
        css = _statement_class(statement)
        issue = issue or bool(findings) or css == "uncited"
        # Named after its first finding: unique, and valid whatever the parser's ids are.
        anchor = f"{scope.prefix}-s{findings[0][0]}" if findings else None
        text.append(_statement(scope, statement, css, anchor, findings))
        margin.extend(_finding_item(scope, number, finding, anchor) for number, finding in findings)
    aside = f'<ol class="margin">{"".join(margin)}</ol>' if margin else ""
    css = "para issue" if issue else "para"
    return f'<div class="{css}"><p>{" ".join(text)}</p>{aside}</div>', issue


def _statement_class(statement: Statement) -> str:
    """The coverage class: claims the summary counts keep their colour even in the lead."""
    if not statement.needs_citation:
        return "exempt"
    return _COVERAGE_CLASS[statement.coverage]


def _statement(
    scope: _Scope,
    statement: Statement,
    css: str,
    anchor: str | None,
    findings: list[tuple[int, Finding]],
) -> str:
    title = _COVERAGE_WORDS[css]
    if statement.reasons:
        title += " (" + ", ".join(statement.reasons) + ")"
    if statement.exempt:
        title += f"; {statement.exempt}"
    ident = f' id="{anchor}"' if anchor else ""
    parts = [f'<span class="s cov-{css}"{ident} title="{_e(title)}">{_e(statement.text)}</span>']
    parts.extend(_citation(scope, reference_id) for reference_id in statement.citations)
    parts.extend(f'<sup class="tag">[{_e(tag.name)}]</sup>' for tag in statement.tags)
    parts.extend(_finding_mark(scope, number, finding) for number, finding in findings)
    return "".join(parts)


def _citation(scope: _Scope, reference_id: str) -> str:
    reference = scope.references.get(reference_id)
    label = _reference_label(reference) if reference else reference_id
    anchor = scope.reference_anchors.get(reference_id)
    if anchor is None:
        return f'<sup class="cite">[{_e(label)}]</sup>'
    return f'<sup class="cite"><a href="#{anchor}">[{_e(label)}]</a></sup>'


def _reference_label(reference: Reference) -> str:
    if reference.number is None:
        return reference.name or "?"
    return f"{reference.group} {reference.number}" if reference.group else str(reference.number)


# --- Findings -------------------------------------------------------------------------------


def _finding_mark(scope: _Scope, number: int, finding: Finding) -> str:
    """The marker after a statement, pointing to the finding in the margin."""
    title = f"{finding.severity} {finding.code} {finding.rule}: {finding.message}"
    return (
        f'<a class="fm sev-{finding.severity}" href="#{scope.prefix}-f{number}" '
        f'title="{_e(title)}">{_SEVERITY_MARK[finding.severity]}{number}</a>'
    )


def _finding_item(
    scope: _Scope, number: int, finding: Finding, anchor: str | None, extra: str = ""
) -> str:
    """A finding with its severity in words and in shape, its code, rule and message."""
    mark = f"{_SEVERITY_MARK[finding.severity]}{number}"
    if anchor is not None:
        mark = f'<a href="#{anchor}" title="Go to the statement">{mark}</a>'
    rule = _RULES.get(finding.code)
    summary = f' title="{_e(rule.summary)}"' if rule else ""
    return (
        f'<li class="finding sev-{finding.severity}" id="{scope.prefix}-f{number}">'
        f'<span class="fm sev-{finding.severity}">{mark}</span> '
        f'<span class="sev">{_e(finding.severity)}</span> '
        f"<code{summary}>{_e(finding.code)}</code> "
        f'<span class="rule">{_e(finding.rule)}</span>'
        f'<span class="msg">{_e(finding.message)}</span>{extra}</li>'
    )


def _other_findings(scope: _Scope, out: list[str]) -> None:
    """Findings about neither a statement nor a reference, with where in the source they are."""
    if not scope.other:
        return
    article = scope.report.article
    out.append(f'<section class="other" id="{scope.prefix}-other"><h3>Other findings</h3><ol>')
    for number, finding in scope.other:
        line, column = article.lines.position(finding.span.start)
        excerpt = shorten(article.text[finding.span.start : finding.span.end])
        quoted = f": <q>{_e(excerpt)}</q>" if excerpt else ""
        where = f'<span class="where">line {line}, column {column}{quoted}</span>'
        out.append(_finding_item(scope, number, finding, None, where))
    out.append("</ol></section>")


# --- References -----------------------------------------------------------------------------


def _references(scope: _Scope, out: list[str]) -> None:
    article = scope.report.article
    if not article.references:
        return
    ordered = sorted(
        article.references,
        key=lambda r: (r.group is not None, r.group or "", r.number is None, r.number or 0),
    )
    out.append('<section class="references"><h3>References</h3><ol class="refs">')
    for reference in ordered:
        out.append(_reference(scope, reference))
    out.append("</ol></section>")


def _reference(scope: _Scope, reference: Reference) -> str:
    links = scope.report.links
    url, archive_url = reference_urls(reference)
    text = reference.text or reference.raw or reference.name or ""
    parts = [f'<p class="ref-text">{_e(text)}</p>']
    if url or reference.url:
        parts.append(_url_line("", url or reference.url or "", url, links))
    if archive_url or reference.archive_url:
        parts.append(_archive_line(reference, archive_url, links))
    suggestion = links.suggestions.get(url) if links and url else None
    if suggestion:
        parts.append(f'<p class="link">Suggested archive: {_anchor(suggestion)}</p>')
    notes = _reference_notes(reference, scope.report.ratings.get(reference.id))
    if notes:
        parts.append(f'<p class="ref-notes">{_e(" · ".join(notes))}</p>')
    findings = scope.by_reference.get(reference.id, [])
    if findings:
        items = "".join(_finding_item(scope, n, f, None) for n, f in findings)
        parts.append(f'<ol class="ref-findings">{items}</ol>')
    anchor = scope.reference_anchors[reference.id]
    css = "ref issue" if findings else "ref"
    return (
        f'<li class="{css}" id="{anchor}">'
        f'<span class="ref-number">{_e(_reference_label(reference))}</span>'
        f'<div class="ref-body">{"".join(parts)}</div></li>'
    )


def _rated(rating: SourceRating) -> str:
    """``opindia.com: blacklisted (OpIndia)``"""
    source = f" ({rating.source})" if rating.source else ""
    return f"{rating.matched}: {rating.rating}{source}"


def _reference_notes(reference: Reference, rating: SourceRating | None) -> list[str]:
    notes = [f"source {_rated(rating)}"] if rating is not None else []
    if reference.uses > 1:
        notes.append(f"cited {reference.uses} times")
    if reference.number is None:
        notes.append("never cited")
    if not reference.defined:
        notes.append("content given nowhere")
    return notes


def _url_line(
    label: str, shown: str, url: str | None, links: LinkReport | None, extra: str = ""
) -> str:
    status = ""
    if links is not None and url is not None:
        status = " " + _result_badge(links.results.get(url))
    prefix = f"{_e(label)}: " if label else ""
    return f'<p class="link">{prefix}{_anchor(shown)}{status}{extra}</p>'


def _archive_line(reference: Reference, archive_url: str | None, links: LinkReport | None) -> str:
    shown = archive_url or reference.archive_url or ""
    capture = parse_archive_url(archive_url) if archive_url else None
    about = []
    if capture is not None:
        about.append(capture.service)
    date = _timestamp_date(capture.timestamp) if capture and capture.timestamp else None
    if date or reference.archive_date:
        about.append(f"captured {date or reference.archive_date}")
    extra = f' <span class="muted">{_e(" · ".join(about))}</span>' if about else ""
    return _url_line("Archive", shown, archive_url, links, extra)


def _timestamp_date(timestamp: str) -> str:
    """``20170601123000`` as ``2017-06-01``: as much of the date as the digits give."""
    pieces = [timestamp[0:4], timestamp[4:6], timestamp[6:8]]
    return "-".join(piece for piece in pieces if len(piece) in (2, 4))


def _result_badge(result: LinkResult | None) -> str:
    if result is None:
        return '<span class="ls muted">not checked</span>'
    detail = result.detail or (f"HTTP {result.http_status}" if result.http_status else "")
    if result.final_url and result.final_url != result.url:
        detail = f"{detail}; now at {result.final_url}".lstrip("; ")
    return _status_badge(result.status, detail)


def _status_badge(status: LinkStatus, detail: str = "") -> str:
    title = f' title="{_e(detail)}"' if detail else ""
    return f'<span class="ls {_LINK_CLASS[status]}"{title}>{_e(status)}</span>'


def _anchor(url: str) -> str:
    """A link only for http(s): ``javascript:``, ``data:`` and the like stay plain text."""
    if _SAFE_URL.fullmatch(url):
        return f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>'
    return f'<span class="url">{_e(url)}</span>'


# --- Small pieces ---------------------------------------------------------------------------


def _bar(cited: int, paragraph: int, uncited: int, policy: Policy, *, label: bool = True) -> str:
    """A stacked bar of claims, with the same figures in words beside it and in its title."""
    total = cited + paragraph + uncited
    if not total:
        return '<span class="bar-label muted">no claims</span>'
    covered = cited + (paragraph if policy is Policy.PARAGRAPH else 0)
    words = (
        f"{plural(total, 'claim')}: {cited} cited, {paragraph} covered by paragraph, "
        f"{uncited} uncited; {covered / total:.0%} covered under the {policy} policy"
    )
    segments = "".join(
        f'<span class="seg seg-{css}" style="width:{100 * count / total:.2f}%"></span>'
        for css, count in (("cited", cited), ("paragraph", paragraph), ("uncited", uncited))
        if count
    )
    shown = f"{covered / total:.0%} of {plural(total, 'claim')}" if label else ""
    return (
        f'<span class="coverage" title="{_e(words)}">'
        f'<span class="bar" role="img" aria-label="{_e(words)}">{segments}</span>'
        f'<span class="bar-label">{shown}</span></span>'
    )


def _severity_count(severity: Severity, count: int) -> str:
    css = f"fm sev-{severity}" if count else "fm muted"
    return f'<span class="{css}" title="{_e(severity)}">{_SEVERITY_MARK[severity]}{count}</span>'


def _severity_words(severity: Severity, count: int) -> str:
    """``▲ 3 warnings``: the shape says the severity to those who cannot tell the colours."""
    words = f"{count} info" if severity is Severity.INFO else plural(count, severity)
    css = f"sev-{severity}" if count else "muted"
    return f'<span class="{css}">{_SEVERITY_MARK[severity]}&#8239;{words}</span>'


def _article_name(article: Article) -> str:
    """The title, else the file's name: the full source is shown beneath it anyway."""
    return article.title or PurePath(article.source).name or article.source


_STYLE = """
:root{--bg:#f7f7f5;--card:#fff;--fg:#1f2328;--muted:#5d6570;--line:#d8dce0;--link:#0a58b0;
--cited:#00896a;--cited-bg:rgba(0,158,115,.13);--para:#0072b2;--para-bg:rgba(86,180,233,.17);
--uncited:#c85200;--uncited-bg:rgba(230,97,0,.16);--exempt:#6b7280;
--error:#b42318;--warning:#8a5a00;--info:#1d5fa8;--ok:#0f7b4f;--bad:#b42318;--unsure:#8a5a00;
--target:#ffd33d;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--card:#1d2024;--fg:#e4e6e9;
--muted:#a0a8b2;--line:#353a40;--link:#79b8ff;--cited:#3fc89f;--cited-bg:rgba(0,158,115,.22);
--para:#6cc0f0;--para-bg:rgba(86,180,233,.2);--uncited:#ff9a4d;--uncited-bg:rgba(230,97,0,.26);
--exempt:#8d96a0;--error:#ff7b72;--warning:#e3b341;--info:#79b8ff;--ok:#56d364;--bad:#ff7b72;
--unsure:#e3b341;--target:#9e6a03}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:78rem;padding:1.5rem;background:var(--bg);color:var(--fg);
font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
a{color:var(--link)}
code{font:.85em ui-monospace,"DejaVu Sans Mono",monospace}
h1{font-size:1.4rem;margin:0}
.page p{margin:.2rem 0 1rem;color:var(--muted)}
.muted{color:var(--muted)}
.failures{border:2px solid var(--error);border-radius:.5rem;padding:.5rem 1rem;margin-bottom:1rem}
.failures h2{font-size:1.1rem;margin:.3rem 0;color:var(--error)}
.contents table{border-collapse:collapse;width:100%;background:var(--card)}
.contents th,.contents td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid var(--line)}
.contents .num{text-align:right}
.contents h2{font-size:1.1rem}
.article{background:var(--card);border:1px solid var(--line);border-radius:.6rem;
padding:1.2rem 1.6rem;margin:1.5rem 0}
.article>header h2{font-size:1.6rem;margin:0;overflow-wrap:anywhere}
.source{margin:.1rem 0 .8rem;color:var(--muted);overflow-wrap:anywhere}
.figures{display:flex;flex-wrap:wrap;gap:.6rem;margin:0 0 .8rem}
.figure{border:1px solid var(--line);border-radius:.5rem;padding:.35rem .8rem .45rem;
background:var(--bg)}
.figure dt{font-size:.75rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.figure dd{margin:0;font-size:1.5rem;font-weight:650;line-height:1.3}
.figure .detail{display:block;font-size:.8rem;font-weight:400;color:var(--muted);line-height:1.5}
.figure.wide{flex:1 1 24rem}
.figure.wide .coverage{display:flex;margin:.15rem 0}
.figure.wide .bar{width:100%;height:.8rem}
.n-cited{color:var(--cited)}.n-paragraph{color:var(--para)}.n-uncited{color:var(--uncited)}
.coverage{display:inline-flex;align-items:center;gap:.5rem;white-space:nowrap}
.bar{display:inline-flex;width:10rem;height:.7rem;border-radius:.2rem;overflow:hidden;
background:var(--line);print-color-adjust:exact;-webkit-print-color-adjust:exact}
.seg{display:block;height:100%}
.seg-cited{background:var(--cited)}
.seg-paragraph{background:repeating-linear-gradient(90deg,var(--para) 0 5px,transparent 5px 7px)}
.seg-uncited{background:repeating-linear-gradient(135deg,var(--uncited) 0 3px,transparent 3px 6px)}
.bar-label{font-size:.85rem;color:var(--muted)}
.legend{list-style:none;padding:.5rem 0;margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;
font-size:.9rem;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
.only-label{font-size:.9rem;color:var(--muted);margin-left:.3rem}
.only:checked~.prose .para:not(.issue),.only:checked~.prose .section:not(.issue){display:none}
.section-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3rem 1rem;margin-top:1.4rem;
border-bottom:1px solid var(--line)}
.section-head h3,.section-head h4,.section-head h5,.section-head h6{margin:.2rem 0}
.section-head h3{font-size:1.25rem}.section-head h4{font-size:1.08rem}
.section-head h5,.section-head h6{font-size:1rem}
.level-0 h3{color:var(--muted);font-size:.95rem;text-transform:uppercase;letter-spacing:.06em}
.tag-exempt{font-size:.75rem;font-weight:400;color:var(--muted);border:1px solid var(--line);
border-radius:.3rem;padding:0 .3rem;vertical-align:middle}
.para{display:grid;grid-template-columns:minmax(0,1fr) 21rem;gap:1.4rem;align-items:start}
.para>p{grid-column:1;margin:.55rem 0;font-family:Georgia,"DejaVu Serif",serif;font-size:1.02rem;
line-height:1.75}
.s{padding:.05em .1em;border-radius:.2em;
box-decoration-break:clone;-webkit-box-decoration-break:clone;
text-decoration-thickness:2px;text-underline-offset:.22em;text-decoration-skip-ink:none;
print-color-adjust:exact;-webkit-print-color-adjust:exact}
.cov-cited{background:var(--cited-bg)}
.cov-paragraph{background:var(--para-bg);text-decoration-line:underline;
text-decoration-style:dashed;text-decoration-color:var(--para)}
.cov-uncited{background:var(--uncited-bg);text-decoration-line:underline;
text-decoration-style:wavy;text-decoration-color:var(--uncited)}
.cov-exempt{color:var(--exempt)}
.s:target,.finding:target,.ref:target{outline:3px solid var(--target);outline-offset:1px}
.cite{font-family:system-ui,"DejaVu Sans",sans-serif;font-size:.7em;line-height:0}
.cite a{text-decoration:none}
.tag{font-size:.7em;font-style:italic;color:var(--uncited);line-height:0}
.fm{font:600 .7rem/1 system-ui,"DejaVu Sans",sans-serif;padding:.1rem .25rem;border-radius:.6rem;
border:1px solid currentColor;text-decoration:none;vertical-align:.35em;margin-left:.15em;
white-space:nowrap}
a.fm:hover{background:var(--bg)}
.sev-error{color:var(--error)}.sev-warning{color:var(--warning)}.sev-info{color:var(--info)}
.margin{grid-column:2;list-style:none;margin:.55rem 0;padding:0;font-size:.85rem;line-height:1.4}
.finding{border-left:3px solid currentColor;padding:.2rem .5rem;margin-bottom:.4rem;
background:var(--bg);border-radius:0 .3rem .3rem 0}
.finding .fm{vertical-align:0;margin:0}
.finding .fm a{color:inherit;text-decoration:none}
.finding .sev{font-weight:600}
.finding code,.finding .rule{color:var(--muted)}
.finding .msg{display:block;color:var(--fg)}
.finding .where{display:block;color:var(--muted);font-size:.8rem}
.references h3,.other h3{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid var(--line)}
.refs,.other ol,.ref-findings{list-style:none;padding:0}
.ref{display:grid;grid-template-columns:3rem minmax(0,1fr);gap:.5rem;padding:.3rem 0;
border-bottom:1px solid var(--line);font-size:.92rem}
.ref-number{text-align:right;font-weight:600;color:var(--muted)}
.ref-body p{margin:.1rem 0}
.ref-body .link{overflow-wrap:anywhere;font-size:.85rem}
.ref-notes{color:var(--muted);font-size:.8rem}
.ref-findings{margin:.3rem 0 0;font-size:.85rem;line-height:1.4}
.url{overflow-wrap:anywhere;color:var(--muted)}
.ls{font-size:.75rem;font-weight:600;border-radius:.3rem;padding:0 .35rem;
border:1px solid currentColor;
white-space:nowrap}
.ls.ok{color:var(--ok)}.ls.moved{color:var(--info)}.ls.bad{color:var(--bad)}
.ls.unsure{color:var(--unsure)}.ls.muted{color:var(--muted)}
.ls.bad::before{content:"✖ "}.ls.ok::before{content:"✓ "}.ls.unsure::before{content:"? "}
@media (max-width:60rem){.para{grid-template-columns:minmax(0,1fr)}
.margin{grid-column:1;margin-top:0}
body{padding:.6rem}.article{padding:.8rem}}
@media print{:root{--bg:#fff;--card:#fff;--fg:#000;--link:#000}body{max-width:none;padding:0;
font-size:11pt}.article{border:0;padding:0;break-before:page}.article:first-of-type{break-before:auto}
.only,.only-label{display:none}.para{grid-template-columns:minmax(0,1fr)}
.margin{grid-column:1;margin-top:0;break-inside:avoid}.finding{break-inside:avoid}
.section-head{break-after:avoid}a{text-decoration:none}}
"""
