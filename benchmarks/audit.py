"""How much a full offline audit costs over mwparserfromhell's own parse of the same files.

    python benchmarks/audit.py [PATH ...]

With no paths it uses every wikitext article under fixtures/corpus/wikitext. It prints the
best-of-N wall time of ``mwparserfromhell.parse`` alone (the floor: citecheck cannot read
wikitext faster than its parser), of the full audit (parse, statements, citations, rules and
the JSON report, as ``citecheck check --no-links --output-format json`` does after reading the
files), and their ratio, measured in the same run. The project's goal is 1.5x or less.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

import mwparserfromhell

from citecheck import Config, check
from citecheck.report import REPORTERS, RenderOptions

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus" / "wikitext"


def _best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = args.paths or sorted(p for p in CORPUS.rglob("*") if p.is_file())
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    config = Config(links=False)

    def parse_only() -> None:
        for _, text in texts:
            mwparserfromhell.parse(text)

    def audit(output_format: str) -> Callable[[], None]:
        render = REPORTERS[output_format]

        def run() -> None:
            for name, text in texts:
                render([check(text, source=name, config=config)], [], RenderOptions())

        return run

    # Interleaved, so that a noisy neighbour slows every side alike; best of each.
    formats = ("text", "json", "sarif", "html")
    times: dict[str, list[float]] = {"parse": [], **{kind: [] for kind in formats}}
    for _ in range(args.repeat):
        times["parse"].append(_best(parse_only, 1))
        for kind in formats:
            times[kind].append(_best(audit(kind), 1))
    floor = min(times["parse"])
    statements = sum(len(check(t, source=n, config=config).article.statements) for n, t in texts)
    print(f"files: {len(texts)}, {size / 1024:.0f} KiB of wikitext, {statements} statements")
    print(f"mwparserfromhell.parse alone:      {floor * 1000:7.0f} ms (best of {args.repeat})")
    for output_format in formats:
        full = min(times[output_format])
        print(
            f"full audit, {output_format:>5} report:        {full * 1000:7.0f} ms"
            f"   ratio {full / floor:.2f}x (goal: 1.5x or less)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
