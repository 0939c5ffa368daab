"""Checking many articles (whole dumps) on every core, one JSON line per article.

The main process reads the inputs and writes each article's line the moment it has it, so
an interrupted run loses nothing it wrote and can be resumed (:func:`done_sources`). Memory
stays flat however many articles come: only a bounded number are in flight at once.

Offline (no link rules to feed), worker processes do all the work: each parses, reviews and
renders one article and sends back its line and a few figures.

With links, articles go in chunks: workers parse (the costly part), the main process checks
the chunk's URLs with :func:`citecheck.checker.check_links`, then reviews and writes. URLs are
checked in the main process because checking is network-bound (it has its own threads, its
per-host limits and one cache) and because many articles cite the same URLs: a chunk checks
each URL once, and the cache makes the repeats of later chunks cheap. Review is cheap next to
parsing, and keeping it with the link report spares sending that report to the workers.
While the main process checks one chunk's links the workers parse the next chunk.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from citecheck.checker import LinkCheckError, check_links, parse, review, wants_links
from citecheck.config import Config, LinkOptions, Policy
from citecheck.dumps import iter_pages
from citecheck.model import Article, LinkReport, LinkStatus, Report, Severity, SourceFormat
from citecheck.report.base import Failure, RenderOptions
from citecheck.report.jsonl import failure_line, line_source, render_line
from citecheck.report.summary import summarize
from citecheck.rules.coverage import covered_share
from citecheck.workers import Interrupts, WorkerDied, run_all

CHUNK = 200
"""Articles whose links are checked together: enough to share URLs and keep every
connection busy, few enough that parsed articles do not pile up in memory."""
_IN_FLIGHT_PER_JOB = 4
"""Offline, articles handed to the pool per worker: enough that no worker waits."""
_FAILURES_KEPT = 100
"""Failures the statistics keep in full; the output has every one."""
_TOP_RULES = 10


@dataclass(frozen=True, slots=True)
class BatchInput:
    source: str
    """The name the article is reported under; unique in a run, since resuming goes by it."""
    text: str
    title: str | None = None
    format: SourceFormat | None = None
    """None: the run's input format, or else detected from the text."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchStats:
    """What a batch run did, so far or in all."""

    articles: int = 0
    """Articles checked (each has its line in the output), failures included."""
    skipped: int = 0
    """Articles left out because the output had them already."""
    statements: int = 0
    needs_citation: int = 0
    cited: int = 0
    paragraph: int = 0
    findings_by_rule: Mapping[str, int] = field(default_factory=dict)
    findings_by_severity: Mapping[Severity, int] = field(default_factory=dict)
    links: Mapping[LinkStatus, int] = field(default_factory=dict)
    """URLs by status, each counted once per article that cites it."""
    failed: int = 0
    failures: tuple[Failure, ...] = ()
    """The first failures (the output has a line for every one)."""
    elapsed: float = 0.0
    """Seconds since the run started."""

    def covered_share(self, policy: Policy) -> float | None:
        return covered_share(
            cited=self.cited, paragraph=self.paragraph, claims=self.needs_citation, policy=policy
        )

    @property
    def rate(self) -> float:
        """Articles checked per second."""
        return self.articles / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True, slots=True)
class _Figures:
    """One article's share of the statistics: small, so that it crosses processes cheaply."""

    statements: int
    needs_citation: int
    cited: int
    paragraph: int
    rules: Counter[str]
    severities: Counter[Severity]
    links: dict[LinkStatus, int]

    @classmethod
    def of(cls, report: Report) -> _Figures:
        summary = summarize(report)
        return cls(
            statements=summary.statements,
            needs_citation=summary.needs_citation,
            cited=summary.cited,
            paragraph=summary.paragraph,
            rules=Counter(finding.rule for finding in report.findings),
            severities=Counter(finding.severity for finding in report.findings),
            links=summary.links or {},
        )


@dataclass(frozen=True, slots=True)
class _Outcome:
    """One article done: its line, and its figures or why it failed."""

    line: str
    figures: _Figures | None = None
    failure: Failure | None = None


class _Tally:
    """The running statistics of a batch (private to one run)."""

    def __init__(self) -> None:
        self._start = time.monotonic()
        self._counts: Counter[str] = Counter()
        self._rules: Counter[str] = Counter()
        self._severities: Counter[Severity] = Counter()
        self._links: Counter[LinkStatus] = Counter()
        self._failures: list[Failure] = []

    def skip(self) -> None:
        self._counts["skipped"] += 1

    def add(self, outcome: _Outcome) -> None:
        self._counts["articles"] += 1
        if outcome.failure is not None:
            self._counts["failed"] += 1
            if len(self._failures) < _FAILURES_KEPT:
                self._failures.append(outcome.failure)
        figures = outcome.figures
        if figures is not None:
            self._counts["statements"] += figures.statements
            self._counts["needs_citation"] += figures.needs_citation
            self._counts["cited"] += figures.cited
            self._counts["paragraph"] += figures.paragraph
            self._rules.update(figures.rules)
            self._severities.update(figures.severities)
            self._links.update(figures.links)

    def stats(self) -> BatchStats:
        counts = self._counts
        return BatchStats(
            articles=counts["articles"],
            skipped=counts["skipped"],
            statements=counts["statements"],
            needs_citation=counts["needs_citation"],
            cited=counts["cited"],
            paragraph=counts["paragraph"],
            findings_by_rule=dict(self._rules),
            findings_by_severity=dict(self._severities),
            links=dict(self._links),
            failed=counts["failed"],
            failures=tuple(self._failures),
            elapsed=time.monotonic() - self._start,
        )


class BatchInputError(Exception):
    """Reading the inputs failed part way (a truncated dump, say), after the articles read
    until then were checked and written; ``__cause__`` is the reader's error."""

    def __init__(self, error: Exception, stats: BatchStats) -> None:
        super().__init__(str(error))
        self.stats = stats


def run_batch(
    pages: Iterable[BatchInput],
    *,
    config: Config,
    jobs: int,
    write_line: Callable[[str], None],
    done: frozenset[str] = frozenset(),
    progress: Callable[[BatchStats], None] | None = None,
    options: RenderOptions,
) -> BatchStats:
    """Check every input whose source is not in ``done``, calling ``write_line`` with each
    article's line (newline included) as soon as it is ready, in no particular order.

    ``jobs`` worker processes do the work; with 1, everything runs in this process. An
    article that cannot be checked gets an ``error`` line and the run goes on. Ctrl-C stops
    the run at the next article, once the articles already in the workers' hands are done
    (a second or so; a second Ctrl-C does not wait), and KeyboardInterrupt propagates.

    Raises :class:`BatchInputError` when iterating ``pages`` fails (with the statistics of
    what was done), :class:`LinkCheckError` when links cannot be checked at all (the cache
    cannot be opened), and :class:`~citecheck.workers.WorkerError` when worker processes
    cannot run at all. Whatever happens, the lines written stay valid.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    tally = _Tally()
    broken: Exception | None = None

    def fresh() -> Iterator[BatchInput]:
        nonlocal broken
        try:
            for item in pages:
                if item.source in done:
                    tally.skip()
                    if progress is not None:
                        progress(tally.stats())
                else:
                    yield item
        except Exception as error:
            # The inputs broke off (a truncated dump): the articles read are finished first.
            broken = error

    pipeline = _with_links if wants_links(config) else _offline
    with Interrupts() as interrupts:
        outcomes = pipeline(
            fresh(), config=config, options=options, jobs=jobs, interrupts=interrupts
        )
        with closing(outcomes):
            for outcome in outcomes:
                write_line(outcome.line)
                tally.add(outcome)
                if progress is not None:
                    progress(tally.stats())
                interrupts.check()
    if broken is not None:
        raise BatchInputError(broken, tally.stats()) from broken
    return tally.stats()


def dump_inputs(
    path: Path, *, on_read: Callable[[int], None] | None = None
) -> Iterator[BatchInput]:
    """The articles of a dump (see :func:`citecheck.dumps.iter_pages`), each reported as
    ``FILENAME#Title``: unique, since titles cannot contain ``#``, and the same whatever
    directory the dump is read from, so that a run can be resumed from anywhere."""
    for page in iter_pages(path, on_read=on_read):
        yield BatchInput(
            source=f"{path.name}#{page.title}",
            text=page.text,
            title=page.title,
            format=SourceFormat.WIKITEXT,
        )


def _offline(
    items: Iterator[BatchInput],
    *,
    config: Config,
    options: RenderOptions,
    jobs: int,
    interrupts: Interrupts,
) -> Iterator[_Outcome]:
    check = partial(_check, config=config, options=options)
    in_flight = jobs * _IN_FLIGHT_PER_JOB
    results = run_all(
        check, items, jobs=jobs, in_flight=in_flight, interrupts=interrupts, lost=_lost
    )
    with closing(results):
        yield from results


def _with_links(
    items: Iterator[BatchInput],
    *,
    config: Config,
    options: RenderOptions,
    jobs: int,
    interrupts: Interrupts,
) -> Iterator[_Outcome]:
    # As many articles in flight as a chunk holds: the next chunk is being parsed while
    # this one's links are checked.
    parse_only = partial(_parse_only, config=config)
    parsed = run_all(
        parse_only, items, jobs=jobs, in_flight=CHUNK, interrupts=interrupts, lost=_lost
    )
    review_chunk = partial(_review_chunk, config=config, options=options, interrupts=interrupts)
    with closing(parsed):
        chunk: list[Article] = []
        for result in parsed:
            if isinstance(result, _Outcome):
                yield result
                continue
            chunk.append(result)
            if len(chunk) == CHUNK:
                yield from review_chunk(chunk)
                chunk = []
        yield from review_chunk(chunk)


def _review_chunk(
    articles: list[Article], *, config: Config, options: RenderOptions, interrupts: Interrupts
) -> Iterator[_Outcome]:
    if not articles:
        return
    # Checking links is long and safe to interrupt: Ctrl-C stops it at once.
    with interrupts.immediate():
        reports = _links_of(articles, config.link_options)
    for article, links in zip(articles, reports, strict=True):
        if isinstance(links, Exception):
            outcome = _failed(article.source, links)
        else:
            try:
                outcome = _reviewed(article, config=config, links=links, options=options)
            except Exception as error:
                outcome = _failed(article.source, error)
        yield outcome


def _links_of(articles: list[Article], options: LinkOptions) -> list[LinkReport | Exception]:
    """The link report of each article: one for the chunk; or, when checking the chunk
    fails, each article's own, so that only the article that makes it fail fails."""
    try:
        shared = check_links(articles, options=options)
    except LinkCheckError:
        raise
    except Exception:
        return [_own_links(article, options) for article in articles]
    return [shared] * len(articles)


def _own_links(article: Article, options: LinkOptions) -> LinkReport | Exception:
    try:
        return check_links([article], options=options)
    except LinkCheckError:
        raise
    except Exception as error:
        return error


def _lost(item: BatchInput, error: BaseException) -> _Outcome:
    """The outcome of an article whose work did not come back from its worker."""
    if isinstance(error, WorkerDied):
        failure = Failure(
            item.source,
            "the worker process checking it died (out of memory, or a crash in a C extension)",
        )
        return _Outcome(failure_line(failure), failure=failure)
    return _failed(item.source, error)


# What runs in the worker processes: module-level functions of picklable arguments (the
# configuration is a few hundred bytes, sent with each article rather than kept in a
# global), so that the pool can spawn fresh interpreters that inherit nothing.


def _check(item: BatchInput, *, config: Config, options: RenderOptions) -> _Outcome:
    try:
        return _reviewed(_parse(item, config), config=config, links=None, options=options)
    except Exception as error:
        return _failed(item.source, error)


def _parse_only(item: BatchInput, *, config: Config) -> Article | _Outcome:
    try:
        return _parse(item, config)
    except Exception as error:
        return _failed(item.source, error)


def _parse(item: BatchInput, config: Config) -> Article:
    return parse(
        item.text,
        source=item.source,
        input_format=item.format or config.input_format,
        title=item.title,
    )


def _reviewed(
    article: Article, *, config: Config, links: LinkReport | None, options: RenderOptions
) -> _Outcome:
    report = review(article, config=config, links=links)
    return _Outcome(render_line(report, options), figures=_Figures.of(report))


def _failed(source: str, error: BaseException) -> _Outcome:
    failure = Failure(source, f"internal error, please report it: {type(error).__name__}: {error}")
    return _Outcome(failure_line(failure), failure=failure)


class ResumeError(Exception):
    """The output file cannot be resumed: it is not a JSON Lines report of citecheck."""


@dataclass(frozen=True, slots=True)
class Resume:
    """What an interrupted run left in its JSON Lines output."""

    sources: frozenset[str]
    """The sources that have a line, failures included: an article that could not be
    checked is not tried again (delete its line to retry it)."""
    end: int
    """Bytes of whole lines: where appending must start."""
    partial: int
    """Bytes after ``end`` of a last line the run did not finish writing; 0 when none."""


def done_sources(path: Path) -> Resume:
    """Read an output file of :func:`run_batch`, tolerating an unfinished last line.

    The writer ends every line with its newline, in one write: a line without one is what
    a crash left mid-write, and is reported in :attr:`Resume.partial` (its article is not
    done). Any other line that is not citecheck's raises :class:`ResumeError`, since
    appending to a file that is not an earlier run's output would mix two files.
    """
    sources: set[str] = set()
    end = 0
    with path.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.endswith(b"\n"):
                return Resume(frozenset(sources), end=end, partial=len(line))
            if line.strip():
                try:
                    sources.add(line_source(line.decode("utf-8")))
                except ValueError as error:
                    raise ResumeError(
                        f"{path}: line {number} is not a line of citecheck's JSON Lines "
                        f"report ({error}); refusing to resume into it"
                    ) from None
            end += len(line)
    return Resume(frozenset(sources), end=end, partial=0)


def drop_partial_line(path: Path, resume: Resume) -> None:
    """Cut off the unfinished last line, so that the next line appended starts a line of
    its own instead of completing a broken one."""
    if not resume.partial:
        return
    if path.stat().st_size != resume.end + resume.partial:
        raise ResumeError(f"{path} changed since it was read; is another run writing to it?")
    os.truncate(path, resume.end)


def batch_summary(stats: BatchStats, policy: Policy) -> str:
    """The end of a batch run in a few lines, for standard error."""
    lines = [
        f"{_counted(stats.articles, 'article')} checked in {stats.elapsed:.1f} s "
        f"({stats.rate:.1f} articles/s)"
        + (f", {stats.skipped:,} skipped as already done" if stats.skipped else "")
    ]
    share = stats.covered_share(policy)
    lines.append(
        f"statements: {stats.statements:,}, {stats.needs_citation:,} needing a citation"
        + (f", {share:.1%} of them cited ({policy} policy)" if share is not None else "")
    )
    severities = ", ".join(
        f"{stats.findings_by_severity.get(severity, 0):,} {severity}" for severity in Severity
    )
    lines.append(f"findings: {severities}")
    top = sorted(stats.findings_by_rule.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(rule) for rule, _ in top[:_TOP_RULES]), default=0)
    lines += [f"  {rule:<{width}}  {count:>9,}" for rule, count in top[:_TOP_RULES]]
    if len(top) > _TOP_RULES:
        lines.append(f"  and {_counted(len(top) - _TOP_RULES, 'more rule')}")
    if stats.links:
        by_status = sorted(stats.links.items(), key=lambda item: -item[1])
        lines.append("links: " + ", ".join(f"{count:,} {status}" for status, count in by_status))
    if stats.failed:
        lines.append(f'failures: {stats.failed:,} (each has an "error" line in the output)')
        lines += [f"  {failure.source}: {failure.message}" for failure in stats.failures[:5]]
    return "\n".join(lines) + "\n"


def _counted(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"
