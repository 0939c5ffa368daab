"""Benchmark citecheck's sentence splitter against pysbd: accuracy on the gold set and speed.

Run from the repository root: ``python benchmarks/sentences.py [--errors]``.

Accuracy is boundary precision/recall/F1 on tests/data/sentences/gold.txt (a boundary is the end
offset of every sentence but a paragraph's last) and the share of paragraphs split exactly
right. Speed is the best of three runs over the gold paragraphs and over the plain-text fixtures
(fixtures/corpus/plaintext/*.txt and the seed fixtures fixtures/*.txt, split on blank lines).
For scale, the time mwparserfromhell takes to parse the wikitext corpus is shown against the time
citecheck takes to split the prose it strips out of it.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "sentences" / "gold.txt"
RUNS = 3

Splitter = Callable[[str], list[int]]


def load_splitter_module() -> ModuleType:
    """citecheck.sentences straight from the checkout, without importing the whole package."""
    spec = importlib.util.spec_from_file_location(
        "citecheck_sentences", ROOT / "citecheck" / "sentences.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold() -> list[list[str]]:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append(line)
    if current:
        paragraphs.append(current)
    return paragraphs


def corpus_paragraphs() -> tuple[list[str], int]:
    files = sorted((ROOT / "fixtures" / "corpus" / "plaintext").glob("*.txt"))
    files += sorted((ROOT / "fixtures").glob("*.txt"))
    paragraphs = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        paragraphs += [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    return paragraphs, len(files)


def citecheck_ends(module: ModuleType) -> Splitter:
    split = module.split_sentences

    def ends(text: str) -> list[int]:
        return [end for _, end in split(text)]

    return ends


def pysbd_ends(segmenter: object, unmapped: list[str]) -> Splitter:
    """Map pysbd's sentence strings back to end offsets by searching each one in order."""

    def ends(text: str) -> list[int]:
        result = []
        position = 0
        for sentence in segmenter.segment(text):  # type: ignore[attr-defined]
            stripped = sentence.strip()
            if not stripped:
                continue
            found = text.find(stripped, position)
            if found < 0:
                unmapped.append(stripped)
                continue
            position = found + len(stripped)
            result.append(position)
        return result

    return ends


def score(
    ends: Splitter, gold: list[list[str]]
) -> tuple[float, float, float, int, list[tuple[str, set[int], set[int]]]]:
    tp = fp = fn = exact = 0
    wrong = []
    for paragraph in gold:
        text = " ".join(paragraph)
        last = len(text.rstrip())
        truth = set()
        offset = 0
        for sentence in paragraph[:-1]:
            offset += len(sentence)
            truth.add(offset)
            offset += 1
        predicted = {end for end in ends(text) if end < last}
        tp += len(truth & predicted)
        fp += len(predicted - truth)
        fn += len(truth - predicted)
        if truth == predicted:
            exact += 1
        else:
            wrong.append((text, predicted - truth, truth - predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, exact, wrong


def best_time(function: Callable[[str], object], texts: Iterable[str]) -> float:
    texts = list(texts)
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - started)
    return best


def show_errors(name: str, wrong: list[tuple[str, set[int], set[int]]]) -> None:
    print(f"\n{name}: {len(wrong)} paragraphs with errors")
    for text, extra, missed in wrong:
        for label, offsets in (("spurious", extra), ("missed  ", missed)):
            for end in sorted(offsets):
                before = text[max(0, end - 45) : end].replace("\n", " ")
                after = text[end : end + 30].replace("\n", " ")
                print(f"  {label} ...{before} || {after}...")


def wikitext_budget(split: Callable[[str], object]) -> str | None:
    """One line comparing mwparserfromhell's parse time with splitting the stripped prose."""
    try:
        import mwparserfromhell
    except ImportError:
        return None
    sources = sorted((ROOT / "fixtures" / "corpus" / "wikitext").rglob("*"))
    texts = [p.read_text(encoding="utf-8") for p in sources if p.is_file()]
    paragraphs = []
    for text in texts:
        prose = mwparserfromhell.parse(text).strip_code()
        paragraphs += [p for p in re.split(r"\n\s*\n", prose) if p.strip()]
    parse = best_time(mwparserfromhell.parse, texts)
    splitting = best_time(split, paragraphs)
    size = sum(map(len, texts)) // 1024
    return (
        f"budget: mwparserfromhell.parse on {len(texts)} wikitext files ({size} KB) "
        f"{parse * 1e3:.0f} ms; citecheck splitting their stripped prose "
        f"({len(paragraphs)} paragraphs) {splitting * 1e3:.1f} ms"
        f" = {splitting / parse:.1%} of parse"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list each splitter's mistakes")
    args = parser.parse_args()

    module = load_splitter_module()
    gold = load_gold()
    gold_texts = [" ".join(p) for p in gold]
    corpus, n_files = corpus_paragraphs()

    splitters: dict[str, Splitter] = {"citecheck": citecheck_ends(module)}
    # Timing uses the bare calls, without the mapping back to offsets that scoring needs.
    raw: dict[str, Callable[[str], object]] = {"citecheck": module.split_sentences}
    unmapped: list[str] = []
    try:
        import pysbd
    except ImportError:
        print("pysbd is not installed (pip install pysbd): comparing against it is skipped\n")
    else:
        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
        splitters["pysbd"] = pysbd_ends(segmenter, unmapped)
        raw["pysbd"] = segmenter.segment

    n_sentences = sum(map(len, gold))
    print(
        f"gold set: {len(gold)} paragraphs, {n_sentences} sentences, "
        f"{n_sentences - len(gold)} boundaries"
    )
    print(f"{'splitter':<10} {'precision':>9} {'recall':>7} {'F1':>7} {'exact paragraphs':>18}")
    errors = {}
    for name, ends in splitters.items():
        precision, recall, f1, exact, wrong = score(ends, gold)
        errors[name] = wrong
        share = f"{exact}/{len(gold)} ({exact / len(gold):.1%})"
        print(f"{name:<10} {precision:>9.4f} {recall:>7.4f} {f1:>7.4f} {share:>18}")
    if unmapped:
        print(f"(pysbd: {len(unmapped)} sentences could not be mapped back to the text)")

    header = f"\n{f'time (best of {RUNS})':<40} {'citecheck':>10}"
    if "pysbd" in splitters:
        header += f" {'pysbd':>10} {'pysbd/citecheck':>16}"
    print(header)
    workloads = [
        (f"gold: {len(gold_texts)} paragraphs", gold_texts),
        (f"fixtures: {n_files} files, {len(corpus)} paragraphs", corpus),
    ]
    for label, texts in workloads:
        size = sum(map(len, texts)) // 1024
        times = {name: best_time(split, texts) for name, split in raw.items()}
        row = f"{f'{label}, {size} KB':<40} {times['citecheck'] * 1e3:>7.2f} ms"
        if "pysbd" in times:
            ratio = times["pysbd"] / times["citecheck"]
            row += f" {times['pysbd'] * 1e3:>7.0f} ms {ratio:>15.0f}x"
        print(row)

    budget = wikitext_budget(module.split_sentences)
    if budget:
        print(budget)

    if args.errors:
        for name, wrong in errors.items():
            show_errors(name, wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())
