"""Writes a synthetic MediaWiki XML dump built from the corpus wikitext.

    python benchmarks/make_dump.py OUT.xml.bz2 --articles N

The articles are the corpus articles (fixtures/corpus/wikitext) in a fixed shuffled order,
over and over, each time under a new title ("France (3)"), so that any N·88 first articles
have the corpus's mix. Around them, as in a real dump: a redirect after every 10th article,
a talk page after every 7th, and every 13th article with an older revision before its
current one. ``.bz2`` and ``.gz`` names are compressed (Wikimedia's dumps are bzip2).
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus" / "wikitext"
_SUFFIXES = (".txt", ".wiki", ".wikitext")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_START = datetime(2024, 1, 1, tzinfo=UTC)
_EXPORT = "http://www.mediawiki.org/xml/export-0.10/"
_HEAD = f"""<mediawiki xmlns="{_EXPORT}" version="0.10" xml:lang="en">
  <siteinfo>
    <sitename>Synthetic</sitename>
    <dbname>syntheticwiki</dbname>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
    </namespaces>
  </siteinfo>
"""


@dataclass(frozen=True, slots=True)
class DumpShape:
    articles: int
    redirects: int
    talk_pages: int
    text_bytes: int
    """UTF-8 bytes of the articles' current text."""


def corpus_articles(seed: int = 0) -> list[tuple[str, str]]:
    """(title, wikitext) of every corpus article but redirects, in a fixed shuffled order."""
    found = []
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix not in _SUFFIXES:
            continue
        text = _NOT_XML.sub("", path.read_text(encoding="utf-8"))
        if not text.lstrip().lower().startswith("#redirect"):
            found.append((path.stem.replace("_", " ").replace("-", " "), text))
    random.Random(seed).shuffle(found)
    return found


def write_dump(path: Path, articles: int, *, seed: int = 0) -> DumpShape:
    """Write a dump of ``articles`` main-namespace articles (and the pages around them)."""
    with _open(path) as out:
        out.write(_HEAD)
        shape = _write_pages(out, articles, corpus_articles(seed))
        out.write("</mediawiki>\n")
    return shape


def _write_pages(out: TextIO, articles: int, corpus: list[tuple[str, str]]) -> DumpShape:
    ids = iter(range(1, 10**9))
    redirects = talk_pages = text_bytes = 0
    for number in range(articles):
        base, text = corpus[number % len(corpus)]
        title = f"{base} ({number // len(corpus) + 1})"
        when = _START + timedelta(minutes=number)
        revisions = []
        if number % 13 == 0:
            revisions.append((next(ids), when - timedelta(days=30), text[: len(text) // 2]))
        revisions.append((next(ids), when, text))
        out.write(_page(title, 0, next(ids), revisions))
        text_bytes += len(text.encode("utf-8"))
        if number % 10 == 0:
            redirect = f"#REDIRECT [[{title}]]"
            out.write(_page(f"{title} (alias)", 0, next(ids), [(next(ids), when, redirect)], title))
            redirects += 1
        if number % 7 == 0:
            talk = f"== Sources ==\nIs the lead of [[{title}]] sourced? ~~~~"
            out.write(_page(f"Talk:{title}", 1, next(ids), [(next(ids), when, talk)]))
            talk_pages += 1
    return DumpShape(articles, redirects, talk_pages, text_bytes)


def _page(
    title: str,
    namespace: int,
    page_id: int,
    revisions: list[tuple[int, datetime, str]],
    redirect: str | None = None,
) -> str:
    parts = [f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{namespace}</ns>\n"]
    parts.append(f"    <id>{page_id}</id>\n")
    if redirect is not None:
        parts.append(f"    <redirect title={quoteattr(redirect)} />\n")
    parts += list(_revisions(revisions))
    parts.append("  </page>\n")
    return "".join(parts)


def _revisions(revisions: list[tuple[int, datetime, str]]) -> Iterator[str]:
    for revision, when, text in revisions:
        size = len(text.encode("utf-8"))
        yield (
            f"    <revision>\n      <id>{revision}</id>\n"
            f"      <timestamp>{when:%Y-%m-%dT%H:%M:%SZ}</timestamp>\n"
            "      <contributor><username>Bench</username><id>1</id></contributor>\n"
            "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
            f'      <text bytes="{size}" xml:space="preserve">{escape(text)}</text>\n'
            "    </revision>\n"
        )


def _open(path: Path) -> TextIO:
    if path.name.endswith(".bz2"):
        return bz2.open(path, "wt", encoding="utf-8")
    if path.name.endswith(".gz"):
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=6)
    return path.open("w", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    shape = write_dump(args.output, args.articles, seed=args.seed)
    print(
        f"{args.output}: {shape.articles:,} articles ({shape.text_bytes / 2**20:.0f} MiB of "
        f"wikitext), {shape.redirects:,} redirects, {shape.talk_pages:,} talk pages"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
