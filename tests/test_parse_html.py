"""How rendered HTML (Parsoid's and the legacy parser's) becomes statements, references and
citation uses, and how it agrees with the wikitext of the same revision."""

from __future__ import annotations

import difflib
import html
import re
import time
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from citecheck import Config, Coverage, check, parse
from citecheck.detect import detect_format
from citecheck.links.urls import cited_url
from citecheck.model import Article, Exemption, ReferenceKind, SourceFormat, Statement, TagKind
from citecheck.parse.html import parse_html
from citecheck.parse.html_tree import parse_tree, plain_text

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
HTML = CORPUS / "html"
PAIRS = ("enwiki__Angela_Merkel", "enwiki__Josephine_Baker", "frwiki__Calvi")
HTML_PATHS = sorted(HTML.rglob("*.html"))


def read(text: str) -> Article:
    return parse(text, input_format=SourceFormat.HTML)


def statement(article: Article, startswith: str) -> Statement:
    for candidate in article.statements:
        if candidate.text.startswith(startswith):
            return candidate
    raise AssertionError(f"no statement starts with {startswith!r}: {article.statements}")


@cache
def corpus_article(path: Path) -> Article:
    return parse_html(path.read_text(encoding="utf-8"), source=str(path))


# -- Parsoid -------------------------------------------------------------------------------------


def _ref(cite_id: str, *, name: str | None = None, body: bool = True, group: str = "") -> str:
    attrs = []
    if name:
        attrs.append(f'"name":"{name}"')
    if group:
        attrs.append(f'"group":"{group}"')
    body_json = f',"body":{{"id":"mw-reference-text-{cite_id}"}}' if body else ""
    return (
        f'<sup typeof="mw:Extension/ref" class="mw-ref reference" about="#{cite_id}" '
        f'data-mw=\'{{"name":"ref","attrs":{{{",".join(attrs)}}}{body_json}}}\'>'
        f'<a href="./Page#{cite_id}"><span class="mw-reflink-text">[x]</span></a></sup>'
    )


def _entry(cite_id: str, content: str) -> str:
    return (
        f'<li id="{cite_id}"><span class="mw-cite-backlink"><a href="./Page#r">↑</a></span> '
        f'<span id="mw-reference-text-{cite_id}" class="mw-reference-text">{content}</span></li>'
    )


CITE_WEB = (
    '<link rel="mw-deduplicated-inline-style" about="#mwt9" '
    'typeof="mw:Extension/templatestyles mw:Transclusion" data-mw=\'{"name":"templatestyles",'
    '"parts":[{"template":{"target":{"wt":"cite web ","href":"./Template:Cite_web"},"params":{'
    '"url":{"wt":"https://example.com/a"},"title":{"wt":"The A"},'
    '"archive-url":{"wt":"https://web.archive.org/web/20200102030405/https://example.com/a"},'
    '"archive-date":{"wt":"2 January 2020"},"url-status":{"wt":"live"}},"i":0}}]}\'/>'
    '<cite class="citation web cs1" about="#mwt9" id="CITEREFDoe2019">Doe (2019). '
    '<a rel="mw:ExtLink nofollow" class="external text" href="https://example.com/a">"The A"</a>.'
    "</cite>"
)

PARSOID = (
    "<!DOCTYPE html><html><head><title>Page</title></head>"
    '<body class="mw-parser-output parsoid-body">'
    '<section data-mw-section-id="0">'
    '<div role="note" class="hatnote">For other uses, see Elsewhere.</div>'
    '<table class="infobox"><tr><th>Born</th><td>Somewhere uncited 1900'
    + _ref("cite_note-4", body=True)
    + "</td></tr></table>"
    "<p>The town has &amp; keeps a mill."
    + _ref("cite_note-1")
    + " It was built in 1820."
    + _ref("cite_note-mill-2", name="mill")
    + '<sup class="reference" about="#mwt5" typeof="mw:Transclusion" '
    'data-mw=\'{"parts":[{"template":{"target":{"wt":"rp"},"params":{"1":{"wt":"12"}},"i":0}}]}\'>'
    ":<span>12</span></sup>"
    " Its wheel is the largest in the county."
    '<link rel="mw:PageProp/Category" about="#mwt7" typeof="mw:Transclusion" '
    'data-mw=\'{"parts":[{"template":{"target":{"wt":"citation needed"},'
    '"params":{"date":{"wt":"May 2020"}},"i":0}}]}\'/>'
    '<sup class="noprint Inline-Template Template-Fact" about="#mwt7">'
    "[<i>citation needed</i>]</sup>"
    "</p>"
    "<p>The miller was famous."
    + _ref("cite_note-mill-2", name="mill", body=False)
    + ' A note follows.<sup typeof="mw:Transclusion mw:Extension/ref" about="#mwt8" '
    'data-mw=\'{"name":"ref","attrs":{"group":"lower-alpha"},"parts":[{"template":'
    '{"target":{"wt":"efn"},"params":{"1":{"wt":"Note."}},"i":0}}]}\'>'
    '<a href="./Page#cite_note-3"><span class="mw-reflink-text">[a]</span></a></sup></p>'
    "</section>"
    '<section data-mw-section-id="1"><h2 id="History">History</h2>'
    '<figure typeof="mw:File/Thumb"><img src="x.png"/><figcaption>The mill in 1900.</figcaption>'
    "</figure>"
    "<ul><li>First item of the list is here.</li><li>Second item says more.</li></ul>"
    "</section>"
    '<section data-mw-section-id="2"><h2 id="References">References</h2>'
    '<div class="mw-references-wrap" typeof="mw:Extension/references" '
    'data-mw=\'{"name":"references","attrs":{"group":"lower-alpha"}}\'>'
    '<ol class="mw-references references" data-mw-group="lower-alpha">'
    + _entry(
        "cite_note-3",
        'A note citing <sup typeof="mw:Extension/ref" class="mw-ref" '
        'data-mw=\'{"name":"ref","attrs":{}}\'><a href="./Page#cite_note-5">[5]</a></sup>.',
    )
    + "</ol></div>"
    '<div class="mw-references-wrap" typeof="mw:Extension/references" '
    'data-mw=\'{"name":"references","attrs":{}}\'><ol class="mw-references references">'
    + _entry("cite_note-1", CITE_WEB)
    + _entry("cite_note-mill-2", "Smith, <i>Mills</i>, 1990.")
    + _entry("cite_note-4", "Infobox source.")
    + _entry("cite_note-5", "Source of the note.")
    + "</ol></div></section>"
    '<div role="navigation" class="navbox">Navbox text is not prose.</div>'
    "</body></html>"
)


def test_parsoid_statements_and_sections() -> None:
    article = read(PARSOID)
    assert article.format is SourceFormat.HTML
    assert article.title == "Page"
    assert [s.text for s in article.statements] == [
        "The town has & keeps a mill.",
        "It was built in 1820.",
        "Its wheel is the largest in the county.",
        "The miller was famous.",
        "A note follows.",
        "First item of the list is here.",
        "Second item says more.",
    ]
    assert [(s.title, s.level) for s in article.sections] == [
        ("", 0),
        ("History", 2),
        ("References", 2),
    ]
    assert article.sections[0].exempt is Exemption.LEAD
    assert article.sections[2].exempt is Exemption.NON_PROSE


def test_parsoid_footnotes_are_numbered_by_first_use() -> None:
    article = read(PARSOID)
    refs = {r.name or r.text: r for r in article.references}
    infobox, first, mill = refs["Infobox source."], refs['Doe (2019). "The A".'], refs["mill"]
    assert (infobox.number, first.number, mill.number) == (1, 2, 3)
    assert mill.uses == 2 and mill.kind is ReferenceKind.REF and not mill.list_defined
    assert first.url == "https://example.com/a"
    assert first.archive_url == "https://web.archive.org/web/20200102030405/https://example.com/a"
    assert first.archive_date == "2 January 2020"
    assert first.url_status == "live"
    assert first.template == "cite web"
    assert first.title == "The A"
    assert article.text[first.span.start : first.span.end].startswith('<li id="cite_note-1">')
    assert "CITEREFDoe2019" in article.anchors


def test_parsoid_citations_pins_tags_and_notes() -> None:
    article = read(PARSOID)
    built = statement(article, "It was built")
    assert [article.reference(r).name for r in built.citations] == ["mill"]
    pinned = next(c for c in article.citations if c.statement == built.id)
    assert pinned.page == "12"
    assert article.text[pinned.span.start : pinned.span.end].endswith(":<span>12</span></sup>")
    wheel = statement(article, "Its wheel")
    assert wheel.tagged_needs_source and wheel.coverage is Coverage.NONE
    (tag,) = article.tags
    assert (tag.name, tag.kind, tag.date) == ("citation needed", TagKind.NEEDS_SOURCE, "May 2020")
    assert article.text[tag.span.start : tag.span.end].endswith("</sup>")
    note_statement = statement(article, "A note follows")
    (note,) = article.notes
    assert note_statement.citations == () and note_statement.notes == (note.id,)
    assert (note.group, note.text) == ("lower-alpha", "A note citing .")
    # The footnote inside the note is a use, numbered where the note stands.
    inside = next(c for c in article.citations if c.note == note.id)
    assert article.reference(inside.reference).number == 4
    # The infobox's footnote counts, but the infobox makes no statement.
    assert any(c.statement is None and c.note is None for c in article.citations)
    assert [rl.group for rl in article.reference_lists] == ["lower-alpha", None]


def test_parsoid_short_and_list_defined_footnotes() -> None:
    text = (
        '<body class="mw-parser-output"><p>Short cited.'
        '<sup typeof="mw:Transclusion mw:Extension/ref" about="#a" data-mw=\'{"name":"ref",'
        '"attrs":{"name":"FOOTNOTESmith2001"},"body":{"extsrc":"x"},"parts":[{"template":'
        '{"target":{"wt":"sfn"},"params":{"1":{"wt":"Smith"},"2":{"wt":"2001"}},"i":0}}]}\'>'
        '<a href="./P#cite_note-FOOTNOTESmith2001-1">[1]</a></sup>'
        " Listed."
        + _ref("cite_note-lst-2", name="lst", body=False)
        + '</p><ol class="mw-references references">'
        + _entry("cite_note-FOOTNOTESmith2001-1", '<a href="./P#CITEREFSmith2001">Smith 2001</a>')
        + _entry("cite_note-lst-2", "A list-defined source.")
        + _entry("cite_note-unused-3", "Never used.")
        + "</ol></body>"
    )
    article = read(text)
    short, listed, unused = article.references
    assert short.kind is ReferenceKind.SHORT and short.targets == ("CITEREFSmith2001",)
    assert listed.name == "lst" and listed.list_defined and listed.uses == 1
    assert unused.name == "unused" and unused.list_defined and unused.uses == 0
    codes = {f.code for f in check(text, config=Config(links=False)).findings}
    assert "CC202" in codes  # defined in the list, never used
    assert "CC207" in codes  # the sfn points at no full citation


def test_parsoid_banner_disambiguation_and_redirect() -> None:
    banner = (
        '<body class="mw-parser-output"><table class="box-More_citations_needed ambox" '
        'about="#b" typeof="mw:Transclusion" data-mw=\'{"parts":[{"template":{"target":'
        '{"wt":"More citations needed"},"params":{"date":{"wt":"May 2020"}},"i":0}}]}\'>'
        "<tr><td>This article needs additional citations.</td></tr></table>"
        "<p>Plain text here.</p>"
        '<div about="#d" typeof="mw:Transclusion" data-mw=\'{"parts":[{"template":{"target":'
        '{"wt":"disambiguation"},"params":{},"i":0}}]}\'>A list of pages.</div></body>'
    )
    article = read(banner)
    (tag,) = article.tags
    assert (tag.name, tag.kind, tag.statement) == ("more citations needed", TagKind.BANNER, None)
    assert article.disambiguation
    assert [s.text for s in article.statements] == ["Plain text here.", "A list of pages."]
    redirect = read('<body class="mw-parser-output"><link rel="mw:PageProp/redirect" '
                    'href="./Target_page"/></body>')  # fmt: skip
    assert redirect.redirect == "Target page" and redirect.statements == ()


# -- the legacy parser ---------------------------------------------------------------------------

CLASSIC = (
    '<div class="mw-content-ltr mw-parser-output" lang="en">'
    '<div class="shortdescription nomobile" style="display:none">Mill in England</div>'
    '<div id="toc" class="toc" role="navigation"><h2 id="mw-toc-heading">Contents</h2>'
    "<ul><li>1 History</li></ul></div>"
    "<p>The mill opened in 1820."
    '<sup id="cite_ref-a_1-0" class="reference"><a href="#cite_note-a-1">[1]</a></sup>'
    '<sup class="reference nowrap"><span title="Page: 7">: 7</span></sup>'
    " It grinds 40&#160;tons a day."
    '<sup class="noprint Inline-Template Template-Fact" style="white-space:nowrap;">[<i>'
    '<a href="/wiki/Wikipedia:Citation_needed"><span title="This claim needs references to '
    'reliable sources. (March 2018)">citation needed</span></a></i>]</sup>'
    ' The owner is known.<sup class="reference"><a href="#cite_note-3">[a]</a></sup>'
    " Reused here."
    '<sup id="cite_ref-a_1-1" class="reference"><a href="#cite_note-a-1">[1]</a></sup></p>'
    '<h2><span class="mw-headline" id="History">History</span><span class="mw-editsection">'
    '<span class="mw-editsection-bracket">[</span><a href="/w/index.php?action=edit">edit'
    '</a><span class="mw-editsection-bracket">]</span></span></h2>'
    "<p>It burned down in 1901."
    '<sup class="reference"><a href="#cite_note-2">[2]</a></sup></p>'
    '<div class="mw-heading mw-heading2"><h2 id="Notes">Notes</h2><span class="mw-editsection">'
    "[edit]</span></div>"
    '<div class="reflist reflist-lower-alpha"><ol class="references">'
    '<li id="cite_note-3"><span class="mw-cite-backlink"><b><a href="#cite_ref-3">^</a></b>'
    '</span> <span class="reference-text">The owner was a baron.</span></li></ol></div>'
    '<div class="mw-heading mw-heading2"><h2 id="References">References</h2></div>'
    '<div class="reflist"><ol class="references">'
    '<li id="cite_note-a-1"><span class="mw-cite-backlink">^ <a href="#cite_ref-a_1-0">a</a> '
    '<a href="#cite_ref-a_1-1">b</a></span> <span class="reference-text">'
    '<cite class="citation web cs1"><a rel="nofollow" class="external text" '
    'href="https://web.archive.org/web/20170601000000/https://example.com/mill">"Mill"</a>. '
    "Archived from "
    '<a rel="nofollow" class="external text" href="https://example.com/mill">the original</a>'
    " on 1 June 2017. Retrieved 2 May 2016.</cite>"
    '<span class="Z3988" title="ctx_ver=Z39.88"></span></span></li>'
    '<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b>'
    '</span> <span class="reference-text"><cite class="citation book cs1">Doe, J. (1999). '
    "<i>Mills</i>. "
    '<a href="/wiki/Doi_(identifier)">doi</a>:<a rel="nofollow" class="external text" '
    'href="https://doi.org/10.1000/1">10.1000/1</a>.</cite></span></li></ol></div>'
    '<div role="navigation" class="navbox"><div class="navbox-title">Mills of England</div>'
    "<ul><li>Some mill is listed here.</li></ul></div>"
    "</div>"
)


def test_classic_statements_sections_and_chrome() -> None:
    article = read(CLASSIC)
    assert [s.text for s in article.statements] == [
        "The mill opened in 1820.",
        "It grinds 40 tons a day.",  # a no-break space reads as a space
        "The owner is known.",
        "Reused here.",
        "It burned down in 1901.",
    ]
    assert [(s.title, s.level, s.exempt) for s in article.sections] == [
        ("", 0, Exemption.LEAD),
        ("History", 2, None),
        ("Notes", 2, Exemption.NON_PROSE),
        ("References", 2, Exemption.NON_PROSE),
    ]
    heading = article.sections[2].heading
    assert article.text[heading.start : heading.end].startswith('<div class="mw-heading')


def test_classic_footnotes_citations_and_pins() -> None:
    article = read(CLASSIC)
    opened = statement(article, "The mill opened")
    (reference_id,) = opened.citations
    mill = article.reference(reference_id)
    assert (mill.name, mill.number, mill.uses) == ("a", 1, 2)
    assert mill.url == "https://example.com/mill"
    assert mill.archive_url == "https://web.archive.org/web/20170601000000/https://example.com/mill"
    assert (mill.archive_date, mill.url_status, mill.access_date) == (
        "1 June 2017",
        "dead",
        "2 May 2016",
    )
    assert mill.template == "cite web" and mill.title == "Mill" and mill.archived
    assert article.citations[0].page == "7"
    assert statement(article, "Reused").citations == (reference_id,)
    book = article.reference(statement(article, "It burned").citations[0])
    assert book.template == "cite book" and book.url is None  # a doi link is not the URL
    assert book.title is None and book.number == 2


def test_classic_tags_and_notes() -> None:
    article = read(CLASSIC)
    grinds = statement(article, "It grinds")
    (tag,) = grinds.tags
    assert (tag.name, tag.kind, tag.date) == ("citation needed", TagKind.NEEDS_SOURCE, "March 2018")
    assert grinds.coverage is Coverage.NONE
    owner = statement(article, "The owner")
    (note,) = article.notes
    assert owner.notes == (note.id,) and owner.citations == ()
    assert (note.group, note.text) == ("lower-alpha", "The owner was a baron.")
    assert [rl.group for rl in article.reference_lists] == ["lower-alpha", None]


@pytest.mark.parametrize(
    ("label", "group", "is_note"),
    [("[note 1]", "note", True), ("[a]", "lower-alpha", True), ("[A]", "upper-alpha", True),
     ("[Q 2]", "Q", False), ("[3]", None, False)],
)  # fmt: skip
def test_classic_marker_groups(label: str, group: str | None, is_note: bool) -> None:
    text = (
        '<div class="mw-parser-output"><p>A claim is made here.<sup class="reference">'
        f'<a href="#cite_note-9">{label}</a></sup></p><ol class="references">'
        '<li id="cite_note-9"><span class="reference-text">Said so.</span></li></ol></div>'
    )
    article = read(text)
    if is_note:
        assert [n.group for n in article.notes] == [group] and article.citations == ()
    else:
        assert [r.group for r in article.references] == [group] and len(article.citations) == 1


# -- spans, entities, hostile input --------------------------------------------------------------

_TAG = re.compile(r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")


def _visible(source: str) -> str:
    """The text of an HTML slice, found without citecheck's tree: tags out, entities decoded."""
    return "".join(html.unescape(_TAG.sub("", source)).split())


def _assert_spans(article: Article, *, words: bool = True) -> None:
    """Spans are in bounds and in order; with ``words``, each statement's text can be read, in
    order, in the text of its slice (which has markers such as ``[4]`` besides)."""
    size = len(article.text)
    starts = [s.span.start for s in article.statements]
    assert starts == sorted(starts)
    ends = [s.span.end for s in article.statements]
    assert all(end <= start for end, start in zip(ends, starts[1:], strict=False))
    for item in (*article.references, *article.citations, *article.tags, *article.sections):
        assert 0 <= item.span.start <= item.span.end <= size
    for s in article.statements if words else ():
        source = article.text[s.span.start : s.span.end]
        assert not source[:1].isspace(), (s.text, source[:80])
        assert source[:1] != "<" or s.text.startswith("<"), (s.text, source[:80])
        remaining = iter(_visible(source))
        assert all(char in remaining for char in "".join(s.text.split())), (s.text, source[:200])


def test_spans_slice_the_source_and_entities_decode() -> None:
    text = "<p>Caf&eacute; &amp; bar&#8217;s &#x263A; rule<br/>and <b>line</b> here&#46;</p>"
    article = read(text)
    (first,) = article.statements
    assert first.text == "Café & bar’s ☺ rule and line here."
    assert text[first.span.start : first.span.end] == text[3:-4]
    _assert_spans(read(PARSOID))
    _assert_spans(read(CLASSIC))


@pytest.mark.parametrize("path", HTML_PATHS, ids=lambda p: p.name)
def test_corpus_spans(path: Path) -> None:
    _assert_spans(corpus_article(path))


@pytest.mark.parametrize(
    "text",
    [
        "", "<", ">", "&", "&#", "&#;", "&#x", "&#99999999999;", "<!", "<![", "<![foo", "<!--",
        "<?", "</", "</>", "<a", "<a href='", "<![CDATA[x]]><p>Text after.</p>", "<!DOCTYPE",
        "\x00\x01\x7f<p>\ufffd bin\x00ary</p>", "<p>a &#; b &#x; c &# d</p><p>Second one.</p>",
        "<p>" * 20_000, "<div>" * 20_000 + "Deep text." + "</span>" * 20_000, "<!--" * 5_000 + "x>",
        "<a<a<a" * 5_000, "&#" * 5_000, "<sup class=reference><a href='#cite_note-1'>[1]</a>" * 500,
        "<ol class=references><li id=cite_note-1>" * 500, '<p typeof="mw:Extension/ref" '
        "data-mw='{bad json'>x</p>", '<sup typeof="mw:Extension/ref" data-mw=\'{"attrs":[1]}\'>',
        '<link about="#1" typeof="mw:Transclusion" data-mw=\'{"parts":[{"template":7}, 3]}\'>',
    ],
)  # fmt: skip
def test_hostile_input_never_raises(text: str) -> None:
    started = time.perf_counter()
    article = read(text)
    _assert_spans(article, words=False)  # garbage text is not worth reading back
    check(text, config=Config(links=False, input_format=SourceFormat.HTML))
    assert time.perf_counter() - started < 5


def test_truncated_and_scrambled_corpus_pages_never_raise() -> None:
    source = (HTML / "wme_enterprise_2025" / "enwiki__Josephine_Baker.html").read_text()
    for cut in range(0, len(source), len(source) // 16):
        _assert_spans(read(source[:cut]))
        _assert_spans(read(source[cut : cut + 9_000]))
    shuffled = list(source[200_000:230_000])
    for i in range(0, len(shuffled) - 7, 7):
        shuffled[i], shuffled[i + 5] = shuffled[i + 5], shuffled[i]
    _assert_spans(read("".join(shuffled)), words=False)


def test_unclosed_and_misnested_elements() -> None:
    article = read("<p>First one here.<p>Second one here.<ul><li>Item one.<li>Item two.</ul>")
    assert [s.text for s in article.statements] == [
        "First one here.",
        "Second one here.",
        "Item one.",
        "Item two.",
    ]
    article = read("<p>Bold <b>and <i>crossed</b> words</i> end here.</p>")
    assert [s.text for s in article.statements] == ["Bold and crossed words end here."]
    tree = parse_tree("<div><span>x</div>y")
    (div, text) = tree.children
    assert div.end == len("<div><span>x</div>") and text.value == "y"


# -- detection -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", HTML_PATHS, ids=lambda p: p.name)
def test_corpus_pages_are_detected_as_html(path: Path) -> None:
    assert detect_format(path.read_text(encoding="utf-8")) is SourceFormat.HTML


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><p>x</p>", SourceFormat.HTML),
        ("  <html lang=en><body>x</body></html>", SourceFormat.HTML),
        ('<div class="mw-content-ltr mw-parser-output">x</div>', SourceFormat.HTML),
        ('<p>Para.</p><sup typeof="mw:Extension/ref">', SourceFormat.HTML),
        ("<p>One.</p><p>Two.</p><p>Three.</p>", SourceFormat.HTML),
        ("<div>[[Link]] {{cite web|url=x}}<ref>A</ref></div>\n== H ==", SourceFormat.WIKITEXT),
        ("Plain prose with a <b>bold</b> word.", SourceFormat.TEXT),
    ],
)  # fmt: skip
def test_detection(text: str, expected: SourceFormat) -> None:
    assert detect_format(text) is expected


def test_other_fixtures_are_not_detected_as_html() -> None:
    others = [p for p in (CORPUS.parent).rglob("*") if p.is_file() and HTML not in p.parents]
    for path in others:
        if path.suffix in (".wiki", ".txt", ".wikitext", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert detect_format(text) is not SourceFormat.HTML, path


# -- the corpus ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", HTML_PATHS, ids=lambda p: p.name)
def test_footnote_numbers_are_the_ones_the_wiki_shows(path: Path) -> None:
    article = corpus_article(path)
    compared = 0
    for citation in article.citations:
        marker = plain_text(parse_tree(article.text[citation.span.start : citation.span.end]))
        shown = re.fullmatch(r"\[[^\]\d]*?(\d+)\]", marker)
        if shown is None or citation.page:
            continue
        assert article.reference(citation.reference).number == int(shown.group(1)), marker
        compared += 1
    assert compared == len([c for c in article.citations if not c.page]) or not article.citations


def test_dog_parsoid_page() -> None:
    article = corpus_article(HTML / "mobileapps_Dog.parsoid.html")
    assert article.title == "Dog"
    assert len(article.statements) > 300
    assert len(article.citations) == 344 and len(article.notes) == 1
    assert sum(r.list_defined for r in article.references) > 20
    assert sorted(c.page for c in article.citations if c.page) == sorted(
        ["35", "p158", "xii", "pages95-136", "104"]
    )
    tags = {(t.name, t.date) for t in article.tags}
    assert ("citation needed", "October 2017") in tags and ("page needed", "September 2010") in tags
    first = article.statements[0]
    assert first.text.startswith("The domestic dog (Canis lupus familiaris")
    assert first.coverage is Coverage.CITED
    archived = [r for r in article.references if r.archive_url]
    assert len(archived) >= 10 and all(r.url != r.archive_url for r in archived)


def test_zh_legacy_page() -> None:
    article = corpus_article(HTML / "mobileapps_parse_contents_zh.legacy.html")
    assert len(article.statements) > 400 and len(article.references) > 90
    assert article.statements[0].text.startswith("貓（英語：Cat）通常指家貓")
    assert len(article.statements[0].citations) == 4
    assert [t.kind for t in article.tags].count(TagKind.NEEDS_SOURCE) == 5
    assert [t.kind for t in article.tags].count(TagKind.BANNER) == 2
    first = article.reference(article.statements[0].citations[0])
    assert first.template == "cite web" and first.url and first.url.startswith("https://www.itis")
    assert "編輯" not in " ".join(s.title for s in article.sections)


def test_infobox_fragment_makes_no_statements() -> None:
    article = corpus_article(HTML / "mobileapps_Mobile_Michael_Lewis_Infobox.html")
    assert article.statements == ()


_NON_PROSE = frozenset({"infobox", "navbox", "sidebar", "hatnote", "ambox", "thumb", "toc"})


@pytest.mark.parametrize("path", HTML_PATHS, ids=lambda p: p.name)
def test_rules_run_and_no_statement_comes_from_page_furniture(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = check(text, source=str(path), config=Config(links=False))
    article = report.article
    furniture = [
        (e.start, e.end)
        for e in parse_tree(text).elements()
        if e.tag in ("table", "figure") or not _NON_PROSE.isdisjoint(e.classes)
    ]
    for s in article.statements:
        assert not any(start <= s.span.start < end for start, end in furniture), s.text
    uncited = [f for f in report.findings if f.code == "CC101"]
    assert len(uncited) <= max(0.7 * len(article.statements), 1)


# -- agreement with the wikitext of the same revision ----------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def _identity(article: Article, reference_id: str) -> tuple[object, ...]:
    reference = article.reference(reference_id)
    return (reference.kind, reference.group, reference.name)


def _agreement(name: str) -> dict[str, float]:
    html_article = corpus_article(HTML / "wme_enterprise_2025" / f"{name}.html")
    wiki_path = CORPUS / "wikitext" / "wme_enterprise_2025" / f"{name}.wiki"
    wiki_article = parse(wiki_path.read_text(encoding="utf-8"), input_format=SourceFormat.WIKITEXT)
    ours = [_norm(s.text) for s in html_article.statements]
    theirs = [_norm(s.text) for s in wiki_article.statements]
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    pairs = [(b.a + k, b.b + k) for b in matcher.get_matching_blocks() for k in range(b.size)]
    same_count = same_identity = url_known = same_url = 0
    for i, j in pairs:
        mine, wiki = html_article.statements[i], wiki_article.statements[j]
        same_count += len(mine.citations) == len(wiki.citations)
        same_identity += [_identity(html_article, r) for r in mine.citations] == [
            _identity(wiki_article, r) for r in wiki.citations
        ]
        for a, b in zip(mine.citations, wiki.citations, strict=False):
            wiki_url = cited_url(wiki_article.reference(b).url)
            if wiki_url:
                url_known += 1
                same_url += cited_url(html_article.reference(a).url) == wiki_url
    precision, recall = len(pairs) / len(ours), len(pairs) / len(theirs)
    return {
        "html": len(ours),
        "wikitext": len(theirs),
        "matched": len(pairs),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "same_citation_count": same_count / len(pairs),
        "same_references": same_identity / len(pairs),
        "same_url": same_url / url_known,
        "urls_compared": url_known,
    }


def test_agreement_with_wikitext_of_the_same_revision() -> None:
    totals = {"html": 0, "wikitext": 0, "matched": 0}
    print()
    for name in PAIRS:
        figures = _agreement(name)
        for key in totals:
            totals[key] += int(figures[key])
        print(
            f"{name}: {figures['matched']}/{figures['html']} html, {figures['wikitext']} wikitext"
            f" statements; P {figures['precision']:.3f} R {figures['recall']:.3f}"
            f" F1 {figures['f1']:.3f}; of matched: same citation count"
            f" {figures['same_citation_count']:.3f}, same references"
            f" {figures['same_references']:.3f}, same URL {figures['same_url']:.3f}"
            f" ({figures['urls_compared']} URLs)"
        )
        assert figures["f1"] >= 0.75
        assert figures["same_citation_count"] >= 0.98
        assert figures["same_references"] >= 0.98
        assert figures["same_url"] >= 0.98
    precision = totals["matched"] / totals["html"]
    recall = totals["matched"] / totals["wikitext"]
    f1 = 2 * precision * recall / (precision + recall)
    print(f"all: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    assert f1 >= 0.85


@pytest.mark.parametrize("name", PAIRS)
def test_citation_templates_agree_with_wikitext_of_the_same_revision(name: str) -> None:
    wiki_path = CORPUS / "wikitext" / "wme_enterprise_2025" / f"{name}.wiki"
    wikitext = parse(wiki_path.read_text(encoding="utf-8"), input_format=SourceFormat.WIKITEXT)
    html = corpus_article(HTML / "wme_enterprise_2025" / f"{name}.html")

    def identities(article: Article) -> Counter[tuple[str, str | None]]:
        return Counter(
            (template.name, getattr(template.get("title", "titre"), "value", None))
            for template in article.citation_templates
        )

    in_html, in_wikitext = identities(html), identities(wikitext)
    assert sum((in_html & in_wikitext).values()) >= 0.6 * sum(in_wikitext.values())
    assert not in_html - in_wikitext  # nothing the wikitext does not have
    for template in html.citation_templates:
        assert template.reference is not None
        reference = html.reference(template.reference)
        assert reference.span.contains(template.span)
        assert all(parameter.span == template.span for parameter in template.parameters)


@pytest.mark.parametrize("name", ["enwiki__Angela_Merkel", "enwiki__Josephine_Baker"])
def test_the_citation_rules_agree_with_wikitext_of_the_same_revision(name: str) -> None:
    offline = Config(links=False)
    wiki_path = CORPUS / "wikitext" / "wme_enterprise_2025" / f"{name}.wiki"
    html_path = HTML / "wme_enterprise_2025" / f"{name}.html"
    by_rule = [
        Counter(f.rule for f in check(path.read_text(encoding="utf-8"), config=offline).findings)
        for path in (wiki_path, html_path)
    ]
    wikitext, html_found = by_rule
    del wikitext["uncited-claim"], html_found["uncited-claim"]  # statements differ a little
    assert set(wikitext) == set(html_found)
    for rule, count in wikitext.items():
        assert abs(html_found[rule] - count) <= 1, rule
