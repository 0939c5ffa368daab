"""How much reading a rendered page costs over the HTML tokenizer it is built on.

    python benchmarks/rendered_html.py [--repeat N] [PATH ...]

With no paths it uses every page under fixtures/corpus/html. For each page it prints the
best-of-N wall time of the standard library's ``html.parser.HTMLParser`` fed the page with
no handlers (the floor: citecheck's reader is built on it, and cannot tokenize faster), of
``citecheck.parse`` on it (tree, footnotes, statements), and of the full offline audit with
the JSON report; and their ratios against the floor, measured in the same run.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from citecheck import Config, SourceFormat, check, parse
from citecheck.report import REPORTERS, RenderOptions

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus" / "html"
OFFLINE = Config(links=False, input_format=SourceFormat.HTML)


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _tokenize(text: str) -> None:
    tokenizer = HTMLParser(convert_charrefs=True)
    tokenizer.feed(text)
    tokenizer.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.paths or sorted(CORPUS.rglob("*.html"))
    render = REPORTERS["json"]
    options = RenderOptions()
    totals = [0.0, 0.0, 0.0]
    print(f"{'page':<48} {'KB':>6} {'tokenize':>9} {'parse':>8} {'audit':>8}  ratios")
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        floor = _best(lambda text=text: _tokenize(text), args.repeat)
        parsed = _best(
            lambda text=text: parse(text, source="-", input_format=SourceFormat.HTML),
            args.repeat,
        )
        audited = _best(
            lambda text=text: render([check(text, config=OFFLINE)], [], options),
            args.repeat,
        )
        for index, value in enumerate((floor, parsed, audited)):
            totals[index] += value
        print(
            f"{path.name[:48]:<48} {len(text) // 1024:>6} {floor:>8.3f}s {parsed:>7.3f}s"
            f" {audited:>7.3f}s  parse {parsed / floor:.2f}x, audit {audited / floor:.2f}x"
        )
    floor, parsed, audited = totals
    print(
        f"{'all':<48} {'':>6} {floor:>8.3f}s {parsed:>7.3f}s {audited:>7.3f}s"
        f"  parse {parsed / floor:.2f}x, audit {audited / floor:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
