"""The command line: argv in, exit code out. ``main`` never raises and never prints a traceback."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any, BinaryIO

from citecheck import __version__
from citecheck.baseline import BaselineError, KnownFindings, baseline_document, load_baseline
from citecheck.checker import LinkCheckError, check_links, parse, review, wants_links
from citecheck.config import Config, LinkOptions, Policy
from citecheck.model import Article, LinkReport, Report, Severity, SourceFormat
from citecheck.progress import ProgressBar
from citecheck.report import REPORTERS, Failure, RenderOptions
from citecheck.report.base import plural
from citecheck.revisions import GIT_PREFIX, RevisionError, read_old_version
from citecheck.rules import RULES, UnknownRuleError, find_rule
from citecheck.settings import (
    ConfigError,
    InvalidValue,
    count,
    duration,
    find_config,
    http_url,
    load_config,
    one_of,
    patterns,
    percentage,
    positive_float,
    positive_int,
    rule_names,
    selected_rules,
    severity_pair,
)
from citecheck.source import InputError, read_source


class ExitCode(IntEnum):
    OK = 0
    """Nothing at or above the --fail-on severity."""
    FINDINGS = 1
    """Findings at or above the --fail-on severity."""
    ERROR = 2
    """A usage error, or an input that could not be read."""


class UsageError(Exception):
    pass


def _arg(parse: Callable[[object], Any]) -> Callable[[str], Any]:
    """An argparse type from a settings parser, so the option and the file key agree."""

    def convert(value: str) -> Any:
        try:
            return parse(value)
        except InvalidValue as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    convert.__name__ = parse.__name__
    return convert


def _report_target(value: object) -> tuple[str, str]:
    """``FORMAT=PATH`` for --write."""
    kind, sep, path = str(value).partition("=")
    if not sep or not path:
        raise InvalidValue(f"must be FORMAT=PATH, e.g. sarif=citecheck.sarif: {value!r}")
    if kind not in REPORTERS:
        raise InvalidValue(f"unknown format {kind!r} (one of {', '.join(sorted(REPORTERS))})")
    return kind, path


DEFAULT_BASELINE = "citecheck-baseline.json"
_LINKS = LinkOptions()
DEFAULTS: dict[str, Any] = {
    "input_format": None,
    "output_format": "text",
    "policy": str(Policy.PARAGRAPH),
    "strict_lead": False,
    "fail_on": str(Severity.ERROR),
    "min_coverage": None,
    "select": None,
    "ignore": [],
    "severity": {},
    "reliability": {},
    "baseline": None,
    "color": "auto",
    "links": True,
    "concurrency": _LINKS.concurrency,
    "per_host": _LINKS.per_host,
    "timeout": _LINKS.timeout,
    "deadline": _LINKS.deadline,
    "retries": _LINKS.retries,
    "user_agent": None,
    "exclude": [],
    "allow_private_hosts": False,
    "cache": None,
    "no_cache": False,
    "cache_ttl": _LINKS.ttl,
    "offline": False,
    "refresh": False,
    "suggest_archives": True,
    "wayback_api": _LINKS.wayback_api,
    "quiet": False,
    "jobs": 1,
}
"""What a run uses when neither a file nor an option says otherwise."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Audit encyclopedia articles for verifiability.",
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    # Options a user did not give stay out of the namespace, so a file's value can show.
    audit = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    _audit_arguments(audit)
    _link_arguments(audit)

    check_command = commands.add_parser(
        "check",
        parents=[audit],
        argument_default=argparse.SUPPRESS,
        help="check articles and report uncited claims and citation problems",
        description="Check articles (wikitext, or text copied from a rendered page) and "
        "report statements without citations and broken citations. Settings are read "
        "from citecheck.toml, .citecheck.toml or [tool.citecheck] in pyproject.toml, "
        "the nearest from the working directory upwards; options override them.",
    )
    check_command.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files to check (wikitext, HTML, copied text, or a database dump); - reads "
        "standard input; with --wiki, page titles",
    )
    _output_arguments(check_command)

    baseline_command = commands.add_parser(
        "baseline",
        parents=[audit],
        argument_default=argparse.SUPPRESS,
        help="record the current findings, so that later checks report only new ones",
        description="Check articles and write their findings to a baseline file for "
        "`citecheck check --baseline FILE`. Paths in it are relative to the file's folder.",
    )
    baseline_command.add_argument("paths", nargs="+", metavar="PATH", help="files to check")
    baseline_command.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the baseline file to write (default: the configuration's baseline, else "
        f"{DEFAULT_BASELINE})",
    )

    rules_command = commands.add_parser(
        "rules",
        help="list the rules, or explain one",
        description="List the rules, or explain one.",
    )
    rules_command.add_argument("rule", nargs="?", metavar="NAME", help="a rule name or code")
    rules_command.add_argument(
        "--markdown", action="store_true", help="print every rule's documentation as Markdown"
    )
    return parser


def _audit_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--config",
        metavar="FILE",
        help="read settings from FILE instead of the nearest configuration file",
    )
    command.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    command.add_argument(
        "--wiki",
        metavar="WIKI",
        help="read the PATHs as page titles of this wiki (a host such as en.wikipedia.org, "
        "or the URL of its api.php), fetched through the MediaWiki Action API",
    )
    command.add_argument(
        "--revision",
        type=_arg(positive_int),
        metavar="ID",
        help="with --wiki and one title: check this revision instead of the current one",
    )
    command.add_argument(
        "--input-format",
        type=_arg(one_of(*(str(f) for f in SourceFormat))),
        metavar="{" + ",".join(str(f) for f in SourceFormat) + "}",
        help="the inputs' format (default: detected from each input's content)",
    )
    command.add_argument(
        "--policy",
        choices=[str(p) for p in Policy],
        help="paragraph (default): a citation at the end of a paragraph covers it; "
        "sentence: every claim needs its own citation",
    )
    command.add_argument(
        "--strict-lead",
        action=argparse.BooleanOptionalAction,
        help="judge the lead like the body (by default its uncited claims are only info, "
        "since the lead summarises cited facts of the body)",
    )
    command.add_argument(
        "--select",
        action="append",
        type=_arg(selected_rules),
        metavar="RULES",
        help="run only these rules (names or codes, comma-separated)",
    )
    command.add_argument(
        "--ignore",
        action="append",
        type=_arg(rule_names),
        metavar="RULES",
        help="do not run these rules (names or codes, comma-separated)",
    )
    command.add_argument(
        "--severity",
        action="append",
        type=_arg(severity_pair),
        metavar="RULE=LEVEL",
        help="report a rule's findings at this severity (error, warning or info; repeatable)",
    )


def _output_arguments(check_command: argparse.ArgumentParser) -> None:
    output = check_command.add_argument_group("output and exit code")
    output.add_argument("--output-format", choices=sorted(REPORTERS), help="default: text")
    output.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    output.add_argument(
        "--write",
        action="append",
        type=_arg(_report_target),
        metavar="FORMAT=PATH",
        help="also write a report in FORMAT to PATH (repeatable), e.g. sarif=citecheck.sarif",
    )
    output.add_argument(
        "--fail-on",
        choices=[*(str(s) for s in Severity), "never"],
        help="exit with 1 when a finding is at least this severe (default: error)",
    )
    output.add_argument(
        "--min-coverage",
        type=_arg(percentage),
        metavar="PERCENT",
        help="report an error when less than PERCENT of an article's claims are cited "
        "under the policy",
    )
    output.add_argument(
        "--jobs",
        type=_arg(count),
        metavar="N",
        help="check the articles of database dumps in N processes (default: 1; 0: one per "
        "core of this machine)",
    )
    output.add_argument(
        "--resume",
        action="store_true",
        help="with a database dump and -o FILE (jsonl): skip the articles FILE already has, "
        "and append the others",
    )
    output.add_argument(
        "--diff-against",
        metavar="OLD",
        help="report only what is new since OLD: an old copy of the file, or git:REV for "
        "each file as a git revision had it (a file absent there is new)",
    )
    output.add_argument(
        "--baseline",
        metavar="FILE",
        help="leave out the findings recorded in FILE (see `citecheck baseline`)",
    )
    output.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        help="colour the text report (default: auto, when writing to a terminal)",
    )


def _link_arguments(command: argparse.ArgumentParser) -> None:
    defaults = LinkOptions()
    links = command.add_argument_group("links", "checking cited URLs and archived copies")
    links.add_argument(
        "--links",
        action=argparse.BooleanOptionalAction,
        help="check cited URLs and archives (default: on; --no-links works offline)",
    )
    links.add_argument(
        "--concurrency",
        type=_arg(positive_int),
        metavar="N",
        help=f"requests in flight at once (default: {defaults.concurrency})",
    )
    links.add_argument(
        "--per-host",
        type=_arg(positive_int),
        metavar="N",
        help=f"requests in flight at once to one host (default: {defaults.per_host})",
    )
    links.add_argument(
        "--timeout",
        type=_arg(positive_float),
        metavar="SECONDS",
        help=f"per request, to connect and between bytes (default: {defaults.timeout:g})",
    )
    links.add_argument(
        "--deadline",
        type=_arg(positive_float),
        metavar="SECONDS",
        help=f"per URL in all: redirects, retries, waits (default: {defaults.deadline:g})",
    )
    links.add_argument(
        "--retries",
        type=_arg(count),
        metavar="N",
        help="further attempts after a timeout, reset or 5xx, with backoff "
        f"(default: {defaults.retries})",
    )
    links.add_argument(
        "--user-agent", metavar="TEXT", help="the User-Agent header (default: citecheck's own)"
    )
    links.add_argument(
        "--exclude",
        action="append",
        type=_arg(patterns),
        metavar="REGEX",
        help="skip URLs matching this regular expression (repeatable)",
    )
    links.add_argument(
        "--allow-private-hosts",
        action=argparse.BooleanOptionalAction,
        help="let URLs reach loopback, private and link-local addresses (refused by default)",
    )
    links.add_argument("--cache", metavar="PATH", help="the SQLite cache file")
    links.add_argument(
        "--no-cache", action="store_true", help="keep answers in memory for this run only"
    )
    links.add_argument(
        "--cache-ttl",
        type=_arg(duration),
        metavar="DURATION",
        help="how long answers stay fresh: seconds or 30m, 12h, 7d, 2w (default: 7d)",
    )
    links.add_argument(
        "--offline",
        action=argparse.BooleanOptionalAction,
        help="answer only from the cache, never the network",
    )
    links.add_argument(
        "--refresh",
        action=argparse.BooleanOptionalAction,
        help="ask every server again and update the cache",
    )
    links.add_argument(
        "--suggest-archives",
        action=argparse.BooleanOptionalAction,
        help="look up archived copies of dead links (default: on)",
    )
    links.add_argument(
        "--wayback-api",
        type=_arg(http_url),
        metavar="URL",
        help=f"the availability API to ask (default: {defaults.wayback_api})",
    )
    links.add_argument(
        "-q",
        "--quiet",
        action=argparse.BooleanOptionalAction,
        help="no progress bar on standard error",
    )


def main(argv: Sequence[str] | None = None, *, stdin: BinaryIO | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) if isinstance(exit_.code, int) else ExitCode.ERROR
    try:
        if args.command == "rules":
            if args.markdown:
                _write(rules_markdown(), None)
                return ExitCode.OK
            return _rules(args.rule)
        return _run(args, stdin=stdin)
    except UsageError as error:
        _error(str(error))
        return ExitCode.ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`citecheck ... | head`): not our failure.
        _silence_stdout()
        return ExitCode.OK


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    """Defaults, then the configuration file, then the options given."""
    given = vars(args)
    if given.get("config") and given.get("isolated"):
        raise UsageError("--config and --isolated contradict each other")
    from_file: dict[str, Any] = {}
    if not given.get("isolated"):
        try:
            path = Path(given["config"]) if given.get("config") else find_config(Path.cwd())
            if given.get("config") and not path.is_file():
                raise UsageError(f"--config {path}: no such file")
            if path is not None:
                from_file = load_config(path, output_formats=REPORTERS)
        except ConfigError as error:
            raise UsageError(str(error)) from None
    settings = DEFAULTS | from_file | given
    # Lists given as options arrive one list per use of the option.
    for key in ("select", "ignore"):
        if key in given:
            settings[key] = [name for group in given[key] for name in group]
    if "exclude" in given:
        settings["exclude"] = [pattern for group in given["exclude"] for pattern in group]
    settings["severity"] = from_file.get("severity", {}) | dict(given.get("severity", []))
    return settings


def _config(settings: dict[str, Any]) -> Config:
    if settings["offline"] and settings["refresh"]:
        raise UsageError("--offline and --refresh contradict each other")
    if settings["offline"] and settings["no_cache"]:
        raise UsageError("--offline needs the cache; it cannot go with --no-cache")
    select = settings["select"]
    link_options = LinkOptions(
        concurrency=settings["concurrency"],
        per_host=settings["per_host"],
        timeout=settings["timeout"],
        deadline=max(settings["deadline"], settings["timeout"]),
        retries=settings["retries"],
        user_agent=settings["user_agent"],
        cache=Path(settings["cache"]) if settings["cache"] else None,
        use_cache=not settings["no_cache"],
        ttl=settings["cache_ttl"],
        offline=settings["offline"],
        refresh=settings["refresh"],
        allow_private_hosts=settings["allow_private_hosts"],
        exclude=tuple(settings["exclude"]),
        suggest_archives=settings["suggest_archives"],
        wayback_api=settings["wayback_api"],
    )
    fail_on = settings["fail_on"]
    return Config(
        policy=Policy(settings["policy"]),
        strict_lead=settings["strict_lead"],
        select=frozenset(select) if select is not None else None,
        ignore=frozenset(settings["ignore"]),
        severity=settings["severity"],
        fail_on=None if fail_on == "never" else Severity(fail_on),
        min_coverage=settings["min_coverage"],
        input_format=SourceFormat(settings["input_format"]) if settings["input_format"] else None,
        links=settings["links"],
        link_options=link_options,
        reliability=settings["reliability"],
    )


@dataclass(frozen=True, slots=True)
class _Input:
    article: Article
    old: Article | None = None
    """The old version, with --diff-against; None for a new file or without the option."""


def _run(args: argparse.Namespace, *, stdin: BinaryIO | None) -> int:
    settings = _settings(args)
    config = _config(settings)
    baseline = None
    target = Path(settings.get("output") or settings["baseline"] or DEFAULT_BASELINE)
    if args.command == "baseline":
        # A baseline records everything found (the configured baseline is what it replaces),
        # whatever the floor on coverage says.
        config = dataclasses.replace(config, min_coverage=None)
    elif settings["baseline"]:
        try:
            baseline = load_baseline(Path(settings["baseline"]))
        except BaselineError as error:
            raise UsageError(str(error)) from None
    if list(args.paths).count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    against = settings.get("diff_against")
    if against and not against.startswith(GIT_PREFIX) and len(args.paths) > 1:
        raise UsageError("--diff-against OLDFILE takes one PATH; use git:REV for several")

    if settings.get("revision") and not settings.get("wiki"):
        raise UsageError("--revision needs --wiki")
    checking = args.command == "check"
    dumps = frozenset(path for path in args.paths if checking and _is_dump(path))
    if dumps:
        return _run_batch(args.paths, dumps=dumps, settings=settings, config=config)
    if settings.get("resume"):
        raise UsageError("--resume is for database dumps")
    if settings.get("wiki"):
        if settings.get("revision") and len(args.paths) != 1:
            raise UsageError("--revision takes exactly one title")
        if against:
            raise UsageError("--diff-against compares files; it cannot go with --wiki")
        inputs, failures = _fetch_inputs(
            settings["wiki"], args.paths, config=config, revision=settings.get("revision")
        )
    else:
        inputs, failures = _read_inputs(args.paths, config=config, against=against, stdin=stdin)
    links = _check_links(inputs, config=config, quiet=settings["quiet"], failures=failures)
    reports: list[Report] = []
    for item in inputs:
        try:
            report = review(item.article, config=config, links=links)
            if against:
                old = item.old and review(item.old, config=config, links=links)
                report = (KnownFindings.of(old) if old else KnownFindings()).split(report)
            if baseline is not None:
                report = baseline.known(report.article.source).split(report)
            reports.append(report)
        except Exception as error:
            failure = _internal_error(item.article.source, error)
            _error(f"{failure.source}: {failure.message}")
            failures.append(failure)

    if args.command == "baseline":
        return _write_baseline(reports, failures, target)
    to_terminal = settings.get("output") is None and sys.stdout.isatty()
    color = settings["color"] == "always" or (
        settings["color"] == "auto" and to_terminal and "NO_COLOR" not in os.environ
    )
    options = RenderOptions(policy=config.policy, color=color)
    _write(REPORTERS[settings["output_format"]](reports, failures, options), settings.get("output"))
    plain = RenderOptions(policy=config.policy)
    for kind, path in settings.get("write", []):
        _write(REPORTERS[kind](reports, failures, plain), path)

    if failures:
        return ExitCode.ERROR
    if config.fail_on is not None and any(
        finding.severity.rank >= config.fail_on.rank
        for report in reports
        for finding in report.findings
    ):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _read_inputs(
    paths: Sequence[str], *, config: Config, against: str | None, stdin: BinaryIO | None
) -> tuple[list[_Input], list[Failure]]:
    inputs: list[_Input] = []
    failures: list[Failure] = []
    for path in paths:
        try:
            source = read_source(path, stdin=stdin)
            old_text = read_old_version(path, against) if against else None
        except (InputError, RevisionError) as error:
            failures.append(Failure(path, str(error)))
            continue
        try:
            article = parse(source.text, source=path, input_format=config.input_format)
            old = None
            if old_text is not None:
                old = parse(old_text, source=path, input_format=config.input_format)
            inputs.append(_Input(article, old))
        except Exception as error:
            failures.append(_internal_error(path, error))
    for failure in failures:
        _error(f"{failure.source}: {failure.message}")
    return inputs, failures


def _is_dump(path: str) -> bool:
    if path == "-" or not path.endswith((".xml", ".xml.bz2", ".xml.gz", ".bz2", ".gz")):
        return False
    from citecheck.dumps import is_dump

    return is_dump(Path(path))


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0  # reading it will say what is wrong


def _run_batch(
    paths: Sequence[str], *, dumps: frozenset[str], settings: dict[str, Any], config: Config
) -> int:
    """Database dumps (and any files beside them): every article checked as it streams by,
    one JSON line each, written at once, so that a crash loses nothing already done."""
    from citecheck.batch import (
        BatchInput,
        BatchInputError,
        ResumeError,
        batch_summary,
        done_sources,
        drop_partial_line,
        dump_inputs,
        run_batch,
    )
    from citecheck.dumps import DumpError
    from citecheck.progress import ProgressCounter

    if settings["output_format"] not in ("text", "jsonl"):
        raise UsageError("a database dump is reported one article per line: --output-format jsonl")
    for unsupported in ("diff_against", "baseline", "write", "wiki"):
        if settings.get(unsupported):
            option = "--" + unsupported.replace("_", "-")
            raise UsageError(f"{option} cannot be used with a database dump")
    output = settings.get("output")
    if settings.get("resume") and not output:
        raise UsageError("--resume needs -o FILE: the output of the interrupted run")
    done: frozenset[str] = frozenset()
    target = Path(output) if output else None
    if settings.get("resume") and target is not None and target.exists():
        try:
            resume = done_sources(target)
            drop_partial_line(target, resume)
        except (ResumeError, OSError) as error:
            raise UsageError(str(error)) from None
        done = resume.sources

    sizes = {path: _size(path) for path in dumps}
    read = 0  # bytes of the dumps read so far (compressed, if they are): the progress bar's

    def inputs() -> Iterator[BatchInput]:
        nonlocal read
        finished = 0
        for path in paths:
            try:
                if path in dumps:

                    def on_read(position: int, before: int = finished) -> None:
                        nonlocal read
                        read = before + position

                    yield from dump_inputs(Path(path), on_read=on_read)
                    finished += sizes[path]
                    continue
                source = read_source(path)
            except (DumpError, InputError) as error:
                raise InputError(f"{path}: {error}") from error
            yield BatchInput(source=path, text=source.text, format=config.input_format)

    jobs = settings["jobs"] or os.cpu_count() or 1
    counter = None
    if not settings["quiet"] and sys.stderr.isatty():
        progress_line = ProgressCounter(sys.stderr)
        size = sum(sizes.values())

        def counter(stats: Any) -> None:
            progress_line(stats.articles, read, size)

    mode = "a" if settings.get("resume") else "w"
    try:
        stream = target.open(mode, encoding="utf-8") if target else sys.stdout
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror or error}") from None

    def write_line(line: str) -> None:
        stream.write(line)
        stream.flush()

    failed_input = None
    try:
        stats = run_batch(
            inputs(),
            config=config,
            jobs=jobs,
            write_line=write_line,
            done=done,
            progress=counter,
            options=RenderOptions(policy=config.policy),
        )
    except BatchInputError as error:
        stats, failed_input = error.stats, error
    except LinkCheckError as error:
        raise UsageError(f"links were not checked: {error}") from None
    finally:
        if counter is not None:
            progress_line.close()
        if target is not None:
            stream.close()
    sys.stderr.write(batch_summary(stats, config.policy))
    if failed_input is not None:
        _error(f"reading the input failed: {failed_input}")
        return ExitCode.ERROR
    if stats.failed:
        return ExitCode.ERROR
    if config.fail_on is not None and any(
        count and severity.rank >= config.fail_on.rank
        for severity, count in stats.findings_by_severity.items()
    ):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _fetch_inputs(
    wiki: str, titles: Sequence[str], *, config: Config, revision: int | None
) -> tuple[list[_Input], list[Failure]]:
    """Pages of a live wiki by title; a title that cannot be had fails alone."""
    # Imported here so that a run on files never pays for importing requests.
    from citecheck.links.wiki import WikiError, WikiPage, fetch_pages

    try:
        pages = fetch_pages(wiki, titles, revision=revision, options=config.link_options)
    except WikiError as error:
        failures = [Failure(title, str(error)) for title in titles]
        _error(f"{wiki}: {error}")
        return [], failures
    inputs: list[_Input] = []
    failures: list[Failure] = []
    for page in pages:
        if not isinstance(page, WikiPage):
            failures.append(Failure(page.requested, page.message))
            _error(f"{page.requested}: {page.message}")
            continue
        redirect = f" (redirected from {page.redirected_from})" if page.redirected_from else ""
        cached = ", from the cache" if page.from_cache else ""
        print(
            f"citecheck: {page.wiki}: {page.title}{redirect}: revision {page.revision} "
            f"of {page.timestamp}{cached}",
            file=sys.stderr,
        )
        try:
            article = parse(
                page.text, source=page.url, input_format=config.input_format, title=page.title
            )
        except Exception as error:
            failures.append(_internal_error(page.url, error))
            continue
        inputs.append(_Input(article))
    return inputs, failures


def _check_links(
    inputs: Sequence[_Input], *, config: Config, quiet: bool, failures: list[Failure]
) -> LinkReport | None:
    """Every URL of every article, old versions included, checked once; None when off."""
    if not inputs or not wants_links(config):
        return None
    articles = [item.article for item in inputs]
    articles += [item.old for item in inputs if item.old is not None]
    progress = None
    if not quiet and sys.stderr.isatty():
        progress = ProgressBar(sys.stderr)
    try:
        return check_links(articles, options=config.link_options, progress=progress)
    except LinkCheckError as error:
        _error(f"links were not checked: {error}")
        failures.append(Failure("links", str(error)))
    except Exception as error:
        # The offline findings are still worth reporting: say what failed, go on.
        failure = _internal_error("links", error)
        _error(f"checking links failed: {failure.message}")
        failures.append(failure)
    finally:
        if progress is not None:
            progress.close()
    return None


def _write_baseline(reports: Sequence[Report], failures: Sequence[Failure], path: Path) -> int:
    _write(baseline_document(reports, path=path), str(path))
    total = sum(len(report.findings) for report in reports)
    print(
        f"citecheck: wrote {plural(total, 'finding')} of {plural(len(reports), 'article')} "
        f"to {path}",
        file=sys.stderr,
    )
    return ExitCode.ERROR if failures else ExitCode.OK


def _internal_error(source: str, error: Exception) -> Failure:
    return Failure(source, f"internal error, please report it: {type(error).__name__}: {error}")


def _write(output: str, path: str | None) -> None:
    data = output.encode("utf-8")
    if path is None:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(output)
        else:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
        return
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def _rules(name: str | None) -> int:
    if name is None:
        width = max(len(rule.name) for rule in RULES)
        for rule in RULES:
            print(f"{rule.code}  {rule.name:<{width}}  {rule.severity!s:<7}  {rule.summary}")
        return ExitCode.OK
    try:
        rule = find_rule(name)
    except UnknownRuleError as error:
        raise UsageError(str(error)) from None
    print(f"{rule.code} {rule.name} (default severity: {rule.severity})\n")
    print(rule.documentation)
    return ExitCode.OK


def rules_markdown() -> str:
    """The reference page of every rule (docs/rules.md is this text)."""
    lines = [
        "# Rules",
        "",
        "Generated by `citecheck rules --markdown`; each rule's text lives with its code.",
        "",
        "| code | name | default severity | summary |",
        "|---|---|---|---|",
    ]
    lines += [f"| {r.code} | `{r.name}` | {r.severity} | {r.summary} |" for r in RULES]
    for rule in RULES:
        lines += [
            "",
            f"## {rule.code} `{rule.name}`",
            "",
            f"Default severity: {rule.severity}.",
            "",
        ]
        lines.append(rule.documentation)
    return "\n".join(lines) + "\n"


def _error(message: str) -> None:
    print(f"citecheck: {message}", file=sys.stderr)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
