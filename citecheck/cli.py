"""The command line: argv in, exit code out. ``main`` never raises and never prints a traceback."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import BinaryIO

from citecheck import __version__
from citecheck.checker import LinkCheckError, check_links, parse, review, wants_links
from citecheck.config import Config, LinkOptions, Policy
from citecheck.model import Article, Report, Severity, SourceFormat
from citecheck.progress import ProgressBar
from citecheck.report import REPORTERS, Failure, RenderOptions
from citecheck.rules import RULES, UnknownRuleError, find_rule, select_rules
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


def _comma_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Audit encyclopedia articles for verifiability.",
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    check_command = commands.add_parser(
        "check",
        help="check articles and report uncited claims and citation problems",
        description="Check articles (wikitext, or text copied from a rendered page) and "
        "report statements without citations and broken citations.",
    )
    check_command.add_argument(
        "paths", nargs="+", metavar="PATH", help="files to check; - reads standard input"
    )
    check_command.add_argument(
        "--input-format",
        choices=[str(f) for f in SourceFormat],
        help="the inputs' format (default: detected from each input's content)",
    )
    check_command.add_argument(
        "--output-format", choices=sorted(REPORTERS), default="text", help="default: text"
    )
    check_command.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    check_command.add_argument(
        "--policy",
        choices=[str(p) for p in Policy],
        default=str(Policy.PARAGRAPH),
        help="paragraph (default): a citation at the end of a paragraph covers it; "
        "sentence: every claim needs its own citation",
    )
    check_command.add_argument(
        "--strict-lead",
        action="store_true",
        help="judge the lead like the body (by default its uncited claims are only info, "
        "since the lead summarises cited facts of the body)",
    )
    check_command.add_argument(
        "--fail-on",
        choices=[*(str(s) for s in Severity), "never"],
        default=str(Severity.ERROR),
        help="exit with 1 when a finding is at least this severe (default: error)",
    )
    check_command.add_argument(
        "--select",
        action="append",
        type=_comma_list,
        metavar="RULES",
        help="run only these rules (names or codes, comma-separated)",
    )
    check_command.add_argument(
        "--ignore",
        action="append",
        type=_comma_list,
        metavar="RULES",
        help="do not run these rules (names or codes, comma-separated)",
    )
    _link_arguments(check_command)
    check_command.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text report (default: auto, when writing to a terminal)",
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


def _link_arguments(check_command: argparse.ArgumentParser) -> None:
    defaults = LinkOptions()
    links = check_command.add_argument_group("links", "checking cited URLs and archived copies")
    links.add_argument(
        "--no-links", action="store_true", help="do not check cited URLs and archives"
    )
    links.add_argument(
        "--concurrency",
        type=_positive_int,
        default=defaults.concurrency,
        metavar="N",
        help=f"requests in flight at once (default: {defaults.concurrency})",
    )
    links.add_argument(
        "--per-host",
        type=_positive_int,
        default=defaults.per_host,
        metavar="N",
        help=f"requests in flight at once to one host (default: {defaults.per_host})",
    )
    links.add_argument(
        "--timeout",
        type=_positive_float,
        default=defaults.timeout,
        metavar="SECONDS",
        help=f"per request, to connect and between bytes (default: {defaults.timeout:g})",
    )
    links.add_argument(
        "--deadline",
        type=_positive_float,
        default=defaults.deadline,
        metavar="SECONDS",
        help=f"per URL in all: redirects, retries, waits (default: {defaults.deadline:g})",
    )
    links.add_argument(
        "--retries",
        type=_count,
        default=defaults.retries,
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
        default=[],
        metavar="REGEX",
        help="skip URLs matching this regular expression (repeatable)",
    )
    links.add_argument(
        "--allow-private-hosts",
        action="store_true",
        help="let URLs reach loopback, private and link-local addresses (refused by default)",
    )
    links.add_argument("--cache", metavar="PATH", help="the SQLite cache file")
    links.add_argument(
        "--no-cache", action="store_true", help="keep answers in memory for this run only"
    )
    links.add_argument(
        "--cache-ttl",
        type=_duration,
        default=defaults.ttl,
        metavar="DURATION",
        help="how long answers stay fresh: seconds or 30m, 12h, 7d, 2w (default: 7d)",
    )
    links.add_argument(
        "--offline", action="store_true", help="answer only from the cache, never the network"
    )
    links.add_argument(
        "--refresh", action="store_true", help="ask every server again and update the cache"
    )
    links.add_argument(
        "--no-suggest-archives",
        action="store_true",
        help="do not look up archived copies of dead links",
    )
    links.add_argument(
        "--wayback-api",
        default=defaults.wayback_api,
        metavar="URL",
        help=f"the availability API to ask (default: {defaults.wayback_api})",
    )
    links.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar on standard error"
    )


def _positive_int(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number: {text!r}")
    return value


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def _duration(text: str) -> float:
    cleaned = text.strip().lower()
    unit = _UNITS.get(cleaned[-1:])
    number = cleaned[:-1] if unit else cleaned
    try:
        value = float(number) * (unit or 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a duration: {text!r} (seconds, or a number with s, m, h, d or w)"
        ) from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a duration: {text!r}")
    return value


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
        return _check(args, stdin=stdin)
    except UsageError as error:
        _error(str(error))
        return ExitCode.ERROR
    except BrokenPipeError:
        # The reader went away (`citecheck ... | head`): not our failure.
        _silence_stdout()
        return ExitCode.OK


def _config(args: argparse.Namespace) -> Config:
    select = [key for group in args.select for key in group] if args.select else None
    ignore = [key for group in args.ignore for key in group] if args.ignore else []
    try:
        select_rules(select, ignore)
    except UnknownRuleError as error:
        raise UsageError(str(error)) from None
    for pattern in args.exclude:
        try:
            re.compile(pattern)
        except re.error as error:
            raise UsageError(
                f"--exclude {pattern!r} is not a regular expression: {error}"
            ) from None
    if not re.match(r"https?://[^/\s]+", args.wayback_api):
        raise UsageError(f"--wayback-api must be an http or https URL: {args.wayback_api!r}")
    if args.offline and args.refresh:
        raise UsageError("--offline and --refresh contradict each other")
    if args.offline and args.no_cache:
        raise UsageError("--offline needs the cache; it cannot go with --no-cache")
    link_options = LinkOptions(
        concurrency=args.concurrency,
        per_host=args.per_host,
        timeout=args.timeout,
        deadline=max(args.deadline, args.timeout),
        retries=args.retries,
        user_agent=args.user_agent,
        cache=Path(args.cache) if args.cache else None,
        use_cache=not args.no_cache,
        ttl=args.cache_ttl,
        offline=args.offline,
        refresh=args.refresh,
        allow_private_hosts=args.allow_private_hosts,
        exclude=tuple(args.exclude),
        suggest_archives=not args.no_suggest_archives,
        wayback_api=args.wayback_api,
    )
    return Config(
        policy=Policy(args.policy),
        strict_lead=args.strict_lead,
        select=frozenset(select) if select is not None else None,
        ignore=frozenset(ignore),
        fail_on=None if args.fail_on == "never" else Severity(args.fail_on),
        input_format=SourceFormat(args.input_format) if args.input_format else None,
        links=not args.no_links,
        link_options=link_options,
    )


def _check(args: argparse.Namespace, *, stdin: BinaryIO | None) -> int:
    config = _config(args)
    if list(args.paths).count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    articles: list[Article] = []
    failures: list[Failure] = []
    for path in args.paths:
        try:
            source = read_source(path, stdin=stdin)
        except InputError as error:
            failures.append(Failure(path, str(error)))
            continue
        try:
            articles.append(parse(source.text, source=path, input_format=config.input_format))
        except Exception as error:
            failures.append(_internal_error(path, error))
    for failure in failures:
        _error(f"{failure.source}: {failure.message}")

    links = None
    if articles and wants_links(config):
        progress = None
        if not args.quiet and sys.stderr.isatty():
            progress = ProgressBar(sys.stderr)
        try:
            links = check_links(articles, options=config.link_options, progress=progress)
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
    reports: list[Report] = []
    for article in articles:
        try:
            reports.append(review(article, config=config, links=links))
        except Exception as error:
            failure = _internal_error(article.source, error)
            _error(f"{failure.source}: {failure.message}")
            failures.append(failure)

    to_terminal = args.output is None and sys.stdout.isatty()
    color = args.color == "always" or (
        args.color == "auto" and to_terminal and "NO_COLOR" not in os.environ
    )
    options = RenderOptions(policy=config.policy, color=color)
    output = REPORTERS[args.output_format](reports, failures, options)
    _write(output, args.output)

    if failures:
        return ExitCode.ERROR
    if config.fail_on is not None and any(
        finding.severity.rank >= config.fail_on.rank
        for report in reports
        for finding in report.findings
    ):
        return ExitCode.FINDINGS
    return ExitCode.OK


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
