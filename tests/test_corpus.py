"""Every wikitext article of the corpus is checked in one run, with sound spans."""

from __future__ import annotations

from pathlib import Path

import mwparserfromhell
import pytest
from mwparserfromhell.nodes import Tag

from citecheck import Config, check
from citecheck.model import Article
from citecheck.parse import templates
from citecheck.report import REPORTERS, RenderOptions

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus" / "wikitext"
PATHS = sorted(p for p in CORPUS.rglob("*") if p.is_file())
_FORMATTING = frozenset({"b", "i", "u", "s", "span", "small", "big", "sup", "sub", "abbr"})


def test_the_corpus_is_there() -> None:
    assert len(PATHS) >= 80


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    config = Config(links=False)
    reports = [check(p.read_text(encoding="utf-8"), source=str(p), config=config) for p in PATHS]
    REPORTERS["json"](reports, [], RenderOptions())
    REPORTERS["text"](reports, [], RenderOptions())
    return [report.article for report in reports]


def test_every_span_slices_the_source(articles: list[Article]) -> None:
    for article in articles:
        size = len(article.text)
        spans = [s.span for s in article.statements]
        spans += [r.span for r in article.references]
        spans += [c.span for c in article.citations]
        spans += [t.span for t in article.tags]
        spans += [s.span for s in article.sections]
        assert all(0 <= span.start <= span.end <= size for span in spans), article.source
        ends = [s.span.end for s in article.statements]
        starts = [s.span.start for s in article.statements]
        assert starts == sorted(starts), article.source
        assert all(e <= s for e, s in zip(ends, starts[1:], strict=False)), article.source
        for statement in article.statements:
            source = article.text[statement.span.start : statement.span.end]
            first_letter = next(c for c in statement.text if c.isalnum())
            assert first_letter in source, (article.source, statement)


def _prose_refs(text: str) -> list[tuple[int, Tag]]:
    """<ref> tags standing in the running text of paragraphs and list items.

    Found independently of citecheck's walker: top-level nodes (and inline formatting),
    outside headings, tables, templates, comments and lines of preformatted text, and
    not explanatory notes.
    """
    found: list[tuple[int, Tag]] = []

    def visit(nodes: list, offset: int) -> None:  # type: ignore[type-arg]
        for node in nodes:
            source = str(node)
            if isinstance(node, Tag):
                name = str(node.tag).strip().lower()
                group = next(
                    (
                        str(a.value).strip()
                        for a in node.attributes
                        if str(a.name).strip() == "group"
                    ),
                    None,
                )
                if name == "ref" and not templates.is_note_group(group):
                    line_start = text.rfind("\n", 0, offset) + 1
                    if not text[line_start:offset].startswith((" ", "|", "!", "{|")):
                        found.append((offset, node))
                elif name in _FORMATTING and not node.self_closing:
                    inner = offset + source.index(str(node.contents)) if node.contents else offset
                    visit(node.contents.nodes, inner)
            offset += len(source)

    visit(mwparserfromhell.parse(text).nodes, 0)
    return found


def test_refs_in_prose_are_attached_to_statements(articles: list[Article]) -> None:
    total = attached = 0
    missed = []
    for article in articles:
        by_start = {c.span.start: c for c in article.citations}
        for offset, _tag in _prose_refs(article.text):
            total += 1
            citation = by_start.get(offset)
            if citation is not None and citation.statement is not None:
                attached += 1
            else:
                missed.append(f"{article.source}:{offset}")
    share = attached / total
    print(f"\nprose <ref> tags attached to a statement: {attached}/{total} = {share:.2%}")
    assert total > 1500
    assert share >= 0.995, missed[:20]
