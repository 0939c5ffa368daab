"""Batch runs: worker processes, one JSON line per article, resuming, failures, statistics."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import citecheck.batch
from citecheck.batch import (
    BatchInput,
    BatchInputError,
    BatchStats,
    Resume,
    ResumeError,
    batch_summary,
    done_sources,
    drop_partial_line,
    dump_inputs,
    run_batch,
)
from citecheck.checker import check_links, parse, review
from citecheck.config import Config, LinkOptions, Policy
from citecheck.dumps import DumpError
from citecheck.model import Report, SourceFormat
from citecheck.progress import ProgressCounter
from citecheck.report import RenderOptions
from citecheck.report.base import Failure
from citecheck.report.json import SCHEMA_VERSION, article_object
from citecheck.report.jsonl import line_source, render, render_line
from citecheck.report.summary import summarize
from citecheck.workers import Interrupts, WorkerDied, run_all

OFFLINE = Config(links=False)
OPTIONS = RenderOptions()
ARTICLES = (
    "BBDO.txt",
    "Britt-Morgan.txt",
    "statoil.txt",
    "Jerry-Mumphrey.txt",
    "Goryeo-ware.txt",
    "Wendy-Mogel.txt",
    "K.-Nicole-Mitchell.txt",
    "Clint-Murchison-Sr..txt",
)


@pytest.fixture(scope="module")
def inputs() -> list[BatchInput]:
    root = Path(__file__).resolve().parent.parent / "fixtures"
    corpus = root / "corpus" / "wikitext" / "wtf_wikipedia_cache"
    articles = [
        BatchInput(source=name, text=(corpus / name).read_text(encoding="utf-8"))
        for name in ARTICLES
    ]
    return [*articles, *dump_inputs(root / "dumps" / "pywikibot_article-pear-0.10.xml")]


def _reports(inputs: list[BatchInput], config: Config = OFFLINE) -> list[Report]:
    return [
        review(
            parse(item.text, source=item.source, input_format=item.format, title=item.title),
            config=config,
        )
        for item in inputs
    ]


def _run(inputs: list[BatchInput], **options: object) -> tuple[list[str], BatchStats]:
    lines: list[str] = []
    settings: dict[str, object] = {"config": OFFLINE, "jobs": 1, "options": OPTIONS} | options
    stats = run_batch(inputs, write_line=lines.append, **settings)  # type: ignore[arg-type]
    return lines, stats


def test_a_dump_gives_its_articles_named_after_the_file(inputs: list[BatchInput]) -> None:
    pear = inputs[-1]
    assert (pear.source, pear.title) == ("pywikibot_article-pear-0.10.xml#Pear", "Pear")
    assert pear.format is SourceFormat.WIKITEXT


def test_each_line_is_an_article_of_the_json_report(inputs: list[BatchInput]) -> None:
    lines, stats = _run(inputs)
    assert stats.articles == len(lines) == len(inputs)
    expected = [render_line(report, OPTIONS) for report in _reports(inputs)]
    assert lines == expected
    for line, report in zip(lines, _reports(inputs), strict=True):
        assert line.endswith("}\n") and line.count("\n") == 1
        document = json.loads(line)
        assert document.pop("schema_version") == SCHEMA_VERSION
        assert document == json.loads(json.dumps(article_object(report, OPTIONS)))


def test_one_job_and_two_write_the_same_lines(inputs: list[BatchInput]) -> None:
    one, _ = _run(inputs, jobs=1)
    two, stats = _run(inputs, jobs=2)
    assert len(two) == len(one) and set(two) == set(one)
    assert stats.articles == len(inputs) and stats.failed == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_lines_are_written_as_articles_are_done(inputs: list[BatchInput], jobs: int) -> None:
    many = [
        BatchInput(f"{item.source} ({n})", item.text, item.title)
        for n in range(3)
        for item in inputs
    ]
    pulled = 0

    def feed() -> Iterator[BatchInput]:
        nonlocal pulled
        for item in many:
            pulled += 1
            yield item

    pulled_at_write: list[int] = []

    def write(line: str) -> None:
        assert line.count("\n") == 1
        pulled_at_write.append(pulled)

    run_batch(feed(), config=OFFLINE, jobs=jobs, write_line=write, options=OPTIONS)
    assert len(pulled_at_write) == len(many)
    # The first line is out long before the last article is read: nothing waits for the end.
    assert pulled_at_write[0] <= 1 + jobs * 4 < len(many)


def test_done_articles_are_skipped(inputs: list[BatchInput]) -> None:
    done = frozenset({inputs[0].source, inputs[3].source})
    seen: list[BatchStats] = []
    lines, stats = _run(inputs, done=done, progress=seen.append)
    assert {line_source(line) for line in lines} == {i.source for i in inputs} - done
    assert (stats.articles, stats.skipped) == (len(inputs) - 2, 2)
    assert len(seen) == len(inputs)
    assert seen[-1].articles + seen[-1].skipped == len(inputs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_articles_read_before_a_broken_dump_are_finished(
    inputs: list[BatchInput], jobs: int
) -> None:
    def truncated() -> Iterator[BatchInput]:
        yield from inputs[:5]
        raise DumpError("the XML ends early")

    lines: list[str] = []
    with pytest.raises(BatchInputError, match="the XML ends early") as raised:
        run_batch(truncated(), config=OFFLINE, jobs=jobs, write_line=lines.append, options=OPTIONS)
    assert isinstance(raised.value.__cause__, DumpError)
    assert {line_source(line) for line in lines} == {item.source for item in inputs[:5]}
    assert raised.value.stats.articles == 5


def _write_to(path: Path) -> io.TextIOWrapper:
    return path.open("a", encoding="utf-8", newline="")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_resumes_after_a_crash_mid_line(
    inputs: list[BatchInput], tmp_path: Path, jobs: int
) -> None:
    output = tmp_path / "audit.jsonl"
    complete, _ = _run(inputs)
    # The crash: three lines written, the fourth cut off half way.
    output.write_text("".join(complete[:3]) + complete[3][: len(complete[3]) // 2])

    resume = done_sources(output)
    assert resume.sources == {line_source(line) for line in complete[:3]}
    assert resume.end == len("".join(complete[:3]).encode("utf-8"))
    assert resume.partial == output.stat().st_size - resume.end > 0
    drop_partial_line(output, resume)

    with _write_to(output) as stream:
        stats = run_batch(
            inputs,
            config=OFFLINE,
            jobs=jobs,
            write_line=stream.write,
            done=resume.sources,
            options=OPTIONS,
        )
    assert (stats.articles, stats.skipped) == (len(inputs) - 3, 3)
    lines = output.read_text(encoding="utf-8").splitlines(keepends=True)
    assert sorted(lines) == sorted(complete)
    assert done_sources(output) == Resume(
        frozenset(i.source for i in inputs), end=output.stat().st_size, partial=0
    )


def test_resuming_refuses_a_file_of_another_kind(tmp_path: Path) -> None:
    report = tmp_path / "audit.json"
    report.write_text('{"schema_version": 1,\n "articles": []}\n')
    with pytest.raises(ResumeError, match="line 1 is not a line of citecheck's JSON Lines"):
        done_sources(report)


def test_resuming_reads_lines_another_tool_rewrote(tmp_path: Path) -> None:
    output = tmp_path / "audit.jsonl"
    output.write_text('{"source": "a", "error": "x"}\n\n{ "findings": [], "source": "b" }\n')
    assert done_sources(output).sources == {"a", "b"}


def test_a_partial_line_is_not_dropped_from_a_file_that_changed(tmp_path: Path) -> None:
    output = tmp_path / "audit.jsonl"
    output.write_text('{"source": "a"}\n{"sou')
    resume = done_sources(output)
    with output.open("a") as stream:
        stream.write('rce": "b"}\n')
    with pytest.raises(ResumeError, match="changed since it was read"):
        drop_partial_line(output, resume)


def test_a_failing_article_does_not_stop_the_run(
    inputs: list[BatchInput], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = inputs[2].source

    def review_or_fail(article: object, **options: object) -> Report:
        if getattr(article, "source", None) == broken:
            raise ValueError("no luck")
        return review(article, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(citecheck.batch, "review", review_or_fail)
    lines, stats = _run(inputs)
    assert len(lines) == len(inputs)
    documents = [json.loads(line) for line in lines]
    errors = [document for document in documents if "summary" not in document]
    message = "internal error, please report it: ValueError: no luck"
    assert errors == [{"schema_version": SCHEMA_VERSION, "source": broken, "error": message}]
    assert (stats.articles, stats.failed) == (len(inputs), 1)
    assert stats.failures == (Failure(broken, message),)
    assert "failures: 1" in batch_summary(stats, Policy.PARAGRAPH)


def _dies_on_poison(item: BatchInput) -> str:
    """A worker's task that kills its process, as running out of memory would."""
    if item.text == "poison":
        os._exit(1)
    return item.source


def _lost(item: BatchInput, error: BaseException) -> str:
    return f"lost {item.source}: {type(error).__name__}"


def test_a_worker_that_dies_fails_only_its_item() -> None:
    items = [BatchInput(str(n), "poison" if n == 3 else "fine") for n in range(8)]
    with Interrupts() as interrupts:
        results = list(
            run_all(
                _dies_on_poison,
                iter(items),
                jobs=2,
                in_flight=2,
                interrupts=interrupts,
                lost=_lost,
            )
        )
    assert sorted(results) == sorted(
        [*(str(n) for n in range(8) if n != 3), f"lost 3: {WorkerDied.__name__}"]
    )


def test_the_statistics_add_up(inputs: list[BatchInput]) -> None:
    _, stats = _run(inputs, jobs=2)
    reports = _reports(inputs)
    summaries = [summarize(report) for report in reports]
    assert stats.statements == sum(s.statements for s in summaries)
    assert stats.needs_citation == sum(s.needs_citation for s in summaries)
    assert stats.cited == sum(s.cited for s in summaries)
    assert stats.paragraph == sum(s.paragraph for s in summaries)
    findings = [finding for report in reports for finding in report.findings]
    assert stats.findings_by_rule == Counter(f.rule for f in findings)
    assert stats.findings_by_severity == Counter(f.severity for f in findings)
    assert stats.links == {} and stats.failures == ()
    share = stats.covered_share(Policy.SENTENCE)
    assert share == pytest.approx(stats.cited / stats.needs_citation)
    assert stats.rate > 0

    summary = batch_summary(stats, Policy.SENTENCE)
    assert f"{len(inputs)} articles checked in" in summary
    assert f"{share:.1%} of them cited (sentence policy)" in summary
    top_rule, top_count = Counter(f.rule for f in findings).most_common(1)[0]
    assert f"  {top_rule}" in summary and f"{top_count:,}" in summary


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("jobs", [1, 2])
def test_with_links_each_chunk_is_checked_then_reviewed(
    inputs: list[BatchInput], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    # Offline: links are answered from an empty cache (unverifiable), never from servers.
    links = LinkOptions(offline=True, cache=tmp_path / "cache.sqlite", suggest_archives=False)
    config = Config(links=True, link_options=links)
    monkeypatch.setattr(citecheck.batch, "CHUNK", 3)
    lines, stats = _run(inputs, config=config, jobs=jobs)

    articles = [
        parse(item.text, source=item.source, input_format=item.format, title=item.title)
        for item in inputs
    ]
    report = check_links(articles, options=links)
    expected = [render_line(review(a, config=config, links=report), OPTIONS) for a in articles]
    assert sorted(lines) == sorted(expected)
    assert sum(stats.links.values()) > 0
    assert "links: " in batch_summary(stats, Policy.PARAGRAPH)


INTERRUPTED = """
import signal, sys
from pathlib import Path
from citecheck.batch import BatchInput, run_batch
from citecheck.config import Config
from citecheck.report import RenderOptions

if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    text = Path(sys.argv[1]).read_text(encoding="utf-8")
    items = (BatchInput(str(n), text) for n in range(100_000))
    with open(sys.argv[2], "a", encoding="utf-8") as out:
        def write(line):
            out.write(line)
            out.flush()
        try:
            run_batch(items, config=Config(links=False), jobs=2, write_line=write,
                      options=RenderOptions())
        except KeyboardInterrupt:
            sys.exit(130)
"""


def test_ctrl_c_stops_the_workers_and_leaves_whole_lines(tmp_path: Path, fixtures: Path) -> None:
    script = tmp_path / "interrupted.py"
    script.write_text(textwrap.dedent(INTERRUPTED))
    output = tmp_path / "audit.jsonl"
    article = fixtures / "corpus" / "wikitext" / "wtf_wikipedia_cache" / "BBDO.txt"
    run = subprocess.Popen(
        [sys.executable, str(script), str(article), str(output)],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )
    try:
        deadline = time.monotonic() + 60
        while not output.exists() or output.read_bytes().count(b"\n") < 20:
            assert run.poll() is None, run.stderr.read() if run.stderr else ""
            assert time.monotonic() < deadline, "no lines written in a minute"
            time.sleep(0.05)
        os.killpg(run.pid, signal.SIGINT)
        _, errors = run.communicate(timeout=30)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 130
    assert "Traceback" not in errors
    resume = done_sources(output)
    assert resume.partial == 0 and len(resume.sources) >= 20


def test_the_jsonl_reporter_writes_reports_then_failures(inputs: list[BatchInput]) -> None:
    reports = _reports(inputs[:2])
    failure = Failure("missing.wiki", "cannot read")
    text = render(reports, [failure], OPTIONS)
    lines = text.splitlines(keepends=True)
    assert lines[:2] == [render_line(report, OPTIONS) for report in reports]
    assert json.loads(lines[2]) == {
        "schema_version": SCHEMA_VERSION,
        "source": "missing.wiki",
        "error": "cannot read",
    }
    assert [line_source(line) for line in lines] == [
        inputs[0].source,
        inputs[1].source,
        *["missing.wiki"],
    ]


def test_the_counter_shows_the_count_and_the_rate() -> None:
    stream = io.StringIO()
    counter = ProgressCounter(stream)
    for done in range(1, 1001):
        counter(done)  # redrawn at most ten times a second
    drawn = stream.getvalue()
    assert drawn.startswith("\rarticles 1  ") and drawn.count("\r") < 5
    assert drawn.rstrip().endswith("/s")
    counter.close()
    assert stream.getvalue().endswith("\r\033[K")
