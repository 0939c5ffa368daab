"""Articles per second of an offline batch run over a whole dump, and its memory as dumps grow.

    python benchmarks/dumps.py [--rate-size N] [--sizes N ...] [--cycles K] [--workdir DIR]

It writes synthetic bzip2 dumps of the corpus articles (benchmarks/make_dump.py), then runs
``run_batch`` on them as ``citecheck`` would with ``--no-links`` and a JSON Lines output
(every line written and flushed to a file), each run in a fresh child process:

* on the dump of ``--rate-size`` articles (10,000 by default) with ``jobs=1`` and ``jobs=2``:
  articles per second, and the speed-up of two workers;
* on the dumps of ``--sizes`` articles (5,000 and 20,000 by default) with ``jobs=2``: the
  peak memory of the main process and of its largest worker (their high-water marks,
  ``VmHWM``), and of all of them together (the largest sum of their ``VmRSS``), read from
  /proc four times a second. Flat figures across sizes show that memory does not grow
  with the dump. (Not ``ru_maxrss``: Linux carries a parent's high-water mark over into
  a child it starts, so a child would report this script's peak rather than its own.)

The floors, measured in this process on the first K times the corpus (``--cycles``, 5 by
default) of the same dump: reading the dump (bzip2 and XML, ``iter_pages``) on the whole
dump; ``mwparserfromhell.parse`` of each article (the floor of the project's audit
benchmark: citecheck cannot read wikitext faster than its parser); and the audit itself
without the batch machinery (parse, review, JSON line, in one process, no dump). The
ratios say what the batch costs over them; two cores cannot make two workers twice as
fast while the main process reads the dump and writes the lines on the same two cores.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

import mwparserfromhell
from make_dump import corpus_articles, write_dump

from citecheck.batch import dump_inputs, run_batch
from citecheck.checker import check
from citecheck.config import Config
from citecheck.dumps import iter_pages
from citecheck.report import RenderOptions
from citecheck.report.jsonl import render_line

OFFLINE = Config(links=False)
_SAMPLE_EVERY = 0.25


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate-size", type=int, default=10_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 20_000])
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(args.measure, jobs=args.jobs)))
        return 0

    with tempfile.TemporaryDirectory(dir=args.workdir) as work:
        dumps = {}
        for size in sorted({args.rate_size, *args.sizes}):
            dumps[size] = Path(work) / f"synthetic-{size}.xml.bz2"
            start = time.perf_counter()
            shape = write_dump(dumps[size], size)
            print(
                f"dump of {size:,} articles: {shape.text_bytes / 2**20:,.0f} MiB of wikitext, "
                f"{dumps[size].stat().st_size / 2**20:,.0f} MiB compressed, "
                f"written in {time.perf_counter() - start:.0f} s",
                flush=True,
            )
        _report(dumps, rate_size=args.rate_size, sizes=args.sizes, cycles=args.cycles)
    return 0


def _report(dumps: dict[int, Path], *, rate_size: int, sizes: list[int], cycles: int) -> None:
    dump = dumps[rate_size]
    start = time.perf_counter()
    pages = sum(1 for _ in iter_pages(dump))
    read = (time.perf_counter() - start) / pages
    sample = [page.text for page in islice(iter_pages(dump), cycles * len(corpus_articles()))]
    parse = _per_article(lambda text: mwparserfromhell.parse(text), sample)
    audit = _per_article(
        lambda text: render_line(check(text, config=OFFLINE), RenderOptions()), sample
    )
    print(f"\nfloors (per article; the last two over the first {len(sample):,} articles):")
    print(f"  reading the dump (bzip2 + XML):         {read * 1000:7.2f} ms  {1 / read:8,.0f}/s")
    print(f"  mwparserfromhell.parse:                 {parse * 1000:7.2f} ms  {1 / parse:8,.1f}/s")
    print(f"  audit in one process (parse+rules+line): {audit * 1000:6.2f} ms  {1 / audit:8,.1f}/s")

    runs = {(rate_size, 1), (rate_size, 2), *((size, 2) for size in sizes)}
    results = {}
    for size, jobs in sorted(runs, key=lambda run: (run[1], run[0])):
        results[size, jobs] = _child(dumps[size], jobs)
        figures = results[size, jobs]
        print(
            f"\nbatch, {size:,} articles, jobs={jobs}: {figures['articles']:,} articles in "
            f"{figures['elapsed']:.0f} s = {figures['rate']:.1f} articles/s; output "
            f"{figures['output_bytes'] / 2**20:,.0f} MiB",
            flush=True,
        )
        print(f"  peak RSS: {_memory(figures)}")

    one, two = results[rate_size, 1], results[rate_size, 2]
    per_article = 1 / one["rate"]
    print(f"\nratios on {rate_size:,} articles:")
    print(f"  jobs=1 / mwparserfromhell.parse:         {per_article / parse:.2f}x")
    print(f"  jobs=1 / audit in one process:           {per_article / audit:.2f}x")
    print(f"  jobs=2 speed-up over jobs=1:             {two['rate'] / one['rate']:.2f}x")
    print(f"  jobs=2 / mwparserfromhell.parse on 2 cores: {2 / two['rate'] / parse:.2f}x")
    print("\npeak memory by dump size (jobs=2):")
    for size in sorted(sizes):
        print(f"  {size:>7,} articles: {_memory(results[size, 2])}")


def _memory(figures: dict[str, float]) -> str:
    main, worker, total = (figures[key] / 1024 for key in ("main_kib", "worker_kib", "total_kib"))
    return f"main {main:4.0f} MiB, largest worker {worker:4.0f} MiB, all {total:4.0f} MiB (sampled)"


def _per_article(run: Callable[[str], object], texts: list[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    for text in texts:
        run(text)
    return (time.perf_counter() - start) / len(texts)


def _child(dump: Path, jobs: int) -> dict[str, float]:
    """One batch run in a fresh process, so that its peak memory is its own."""
    command = [sys.executable, __file__, "--measure", str(dump), "--jobs", str(jobs)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(finished.stdout)


def _measure(dump: Path, *, jobs: int) -> dict[str, float]:
    output = dump.with_name(f"{dump.name}.{jobs}.jsonl")
    memory = _Memory()
    memory.start()
    try:
        with output.open("w", encoding="utf-8") as stream:

            def write(line: str) -> None:
                stream.write(line)
                stream.flush()

            start = time.perf_counter()
            stats = run_batch(
                dump_inputs(dump),
                config=OFFLINE,
                jobs=jobs,
                write_line=write,
                options=RenderOptions(),
            )
            elapsed = time.perf_counter() - start
    finally:
        memory.stop()
    size = output.stat().st_size
    output.unlink()
    own = str(os.getpid())
    return {
        "articles": stats.articles,
        "failed": stats.failed,
        "elapsed": elapsed,
        "rate": stats.articles / elapsed,
        "output_bytes": size,
        "main_kib": memory.high[own],
        "worker_kib": max((kib for pid, kib in memory.high.items() if pid != own), default=0),
        "total_kib": memory.total_kib,
    }


class _Memory(threading.Thread):
    """The peak memory of this process and its children, sampled from /proc: each one's
    high-water mark, and the largest sum of their resident sizes."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.high: dict[str, int] = {}
        self.total_kib = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(_SAMPLE_EVERY):
            self._sample()

    def stop(self) -> None:
        self._done.set()
        self.join()
        self._sample()

    def _sample(self) -> None:
        pids = [str(os.getpid())]
        for children in Path("/proc/self/task").glob("*/children"):
            pids += children.read_text().split()
        total = 0
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:  # gone meanwhile
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if "VmHWM" not in fields:  # exited, not yet reaped
                continue
            total += int(fields["VmRSS"].split()[0])
            self.high[pid] = int(fields["VmHWM"].split()[0])
        self.total_kib = max(self.total_kib, total)


if __name__ == "__main__":
    sys.exit(main())
