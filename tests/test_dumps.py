"""Reading MediaWiki XML dumps: real exports, compressed, broken and hostile ones."""

from __future__ import annotations

import bz2
import gzip
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from citecheck.dumps import DumpError, DumpPage, is_dump, iter_pages

EXPORT = "http://www.mediawiki.org/xml/export-0.10/"


def _page(
    title: str,
    text: str | None,
    *,
    page_id: int = 1,
    ns: int | None = 0,
    revision: int = 10,
    timestamp: str = "2020-01-01T00:00:00Z",
    redirect: str | None = None,
) -> str:
    ns_element = f"<ns>{ns}</ns>" if ns is not None else ""
    redirect_element = f'<redirect title="{redirect}" />' if redirect else ""
    return (
        f"<page><title>{title}</title>{ns_element}<id>{page_id}</id>{redirect_element}"
        + _revision(text, revision=revision, timestamp=timestamp)
        + "</page>\n"
    )


def _revision(text: str | None, *, revision: int, timestamp: str) -> str:
    if text is None:
        body = '<text deleted="deleted" />'
    else:
        body = f'<text xml:space="preserve">{_escape(text)}</text>'
    return (
        f"<revision><id>{revision}</id><timestamp>{timestamp}</timestamp>"
        f"<contributor><username>Someone</username><id>99</id></contributor>{body}</revision>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _dump(*pages: str, namespace: str = EXPORT) -> str:
    return (
        f'<mediawiki xmlns="{namespace}" version="0.10" xml:lang="en">\n'
        "<siteinfo><sitename>Test</sitename><namespaces>"
        '<namespace key="0" /><namespace key="1">Talk</namespace>'
        '<namespace key="10">Template</namespace></namespaces></siteinfo>\n'
        + "".join(pages)
        + "</mediawiki>\n"
    )


def _write(tmp_path: Path, name: str, xml: str) -> Path:
    path = tmp_path / name
    path.write_text(xml, encoding="utf-8")
    return path


@pytest.fixture
def pear(fixtures: Path) -> Path:
    return fixtures / "dumps" / "pywikibot_article-pear-0.10.xml"


@pytest.fixture
def pyrus(fixtures: Path) -> Path:
    return fixtures / "dumps" / "pywikibot_article-pyrus.xml"


def test_the_pear_export_is_one_article(pear: Path) -> None:
    (page,) = iter_pages(pear)
    assert (page.title, page.page_id, page.revision) == ("Pear", 24278, 638548877)
    assert page.timestamp == "2014-12-17T21:09:18Z"
    assert page.text.startswith("{{Redirect|Pyrus}}\n{{Other uses}}\n")
    # Byte for byte: the export gives the text's size in UTF-8.
    assert len(page.text.encode("utf-8")) == 25986
    # Entities are decoded: the dump has &lt;ref&gt;, the article <ref>.
    assert "<ref" in page.text and "&lt;" not in page.text
    assert page.text.rstrip().endswith("[[Category:Pyrus| ]]")


def test_the_pyrus_export_is_a_redirect(pyrus: Path) -> None:
    # Schema 0.3: no <ns>, and a bare <redirect /> on the page.
    assert is_dump(pyrus)
    assert list(iter_pages(pyrus)) == []


def test_the_latest_of_the_pyrus_revisions_is_taken(pyrus: Path, tmp_path: Path) -> None:
    xml = pyrus.read_text(encoding="utf-8").replace("<redirect />", "")
    revisions = re.findall(r"    <revision>.*?</revision>\n", xml, flags=re.DOTALL)
    assert len(revisions) == 6
    # The same revisions, the newest first: order must not matter.
    shuffled = xml.replace("".join(revisions), "".join(reversed(revisions)))
    for text in (xml, shuffled):
        (page,) = iter_pages(_write(tmp_path, "pyrus.xml", text))
        assert (page.revision, page.timestamp) == (238392911, "2008-09-14T17:08:56Z")
        assert page.text == "#REDIRECT [[Pear]]"


def test_the_newest_timestamp_wins_over_the_highest_id(tmp_path: Path) -> None:
    # An imported revision gets a new id but keeps its old date; MediaWiki keeps the newest
    # by date as the page's current revision.
    page = (
        "<page><title>Imported</title><ns>0</ns><id>5</id>"
        + _revision("current", revision=100, timestamp="2021-05-01T00:00:00Z")
        + _revision("imported", revision=200, timestamp="2003-01-01T00:00:00Z")
        + _revision("older", revision=90, timestamp="2020-01-01T00:00:00Z")
        + "</page>"
    )
    (found,) = iter_pages(_write(tmp_path, "d.xml", _dump(page)))
    assert (found.revision, found.text) == (100, "current")


def test_only_articles_of_the_main_namespace(tmp_path: Path) -> None:
    xml = _dump(
        _page("Apple", "An apple.", page_id=1),
        _page("Talk:Apple", "Talk.", page_id=2, ns=1),
        _page("Template:Fruit", "{{x}}", page_id=3, ns=10),
        _page("Apples", "#REDIRECT [[Apple]]", page_id=4, redirect="Apple"),
        _page("Quince", None, page_id=5),
        _page("Empty", "", page_id=6),
        _page("Medlar", "A medlar.", page_id=7, revision=70, timestamp="2024-02-02T10:00:00Z"),
    )
    pages = list(iter_pages(_write(tmp_path, "d.xml", xml)))
    assert pages == [
        DumpPage("Apple", 1, 10, "2020-01-01T00:00:00Z", "An apple."),
        DumpPage("Medlar", 7, 70, "2024-02-02T10:00:00Z", "A medlar."),
    ]


def test_without_ns_elements_the_namespace_is_told_by_the_title(tmp_path: Path) -> None:
    xml = _dump(
        _page("Talk:Apple", "Talk.", ns=None),
        _page("Star Wars: A New Hope", "A film.", ns=None),
        _page("Template:Fruit", "{{x}}", ns=None),
    )
    assert [p.title for p in iter_pages(_write(tmp_path, "d.xml", xml))] == [
        "Star Wars: A New Hope"
    ]


@pytest.mark.parametrize(
    "namespace", ["http://www.mediawiki.org/xml/export-0.11/", "https://example.org/other/", ""]
)
def test_any_export_namespace_is_read(tmp_path: Path, namespace: str) -> None:
    xml = _dump(_page("Apple", "An apple."), namespace=namespace)
    if not namespace:
        xml = xml.replace(' xmlns=""', "")
    assert [p.title for p in iter_pages(_write(tmp_path, "d.xml", xml))] == ["Apple"]


@pytest.mark.parametrize("suffix", [".xml.bz2", ".xml.gz", ".bin"])
def test_compressed_dumps_read_as_plain_ones(pear: Path, tmp_path: Path, suffix: str) -> None:
    data = pear.read_bytes()
    path = tmp_path / f"dump{suffix}"
    # Told by content, not by name: the .bin file is gzip.
    path.write_bytes(bz2.compress(data) if suffix == ".xml.bz2" else gzip.compress(data))
    assert is_dump(path)
    assert list(iter_pages(path)) == list(iter_pages(pear))


def _many_pages(pear: Path, count: int) -> str:
    (page,) = iter_pages(pear)
    return _dump(*(_page(f"Pear {n}", page.text, page_id=n) for n in range(count)))


def test_a_truncated_bz2_dump_fails_after_its_whole_pages(pear: Path, tmp_path: Path) -> None:
    # Small bz2 blocks, so that the pages of the first blocks can be read.
    data = bz2.compress(_many_pages(pear, 30).encode("utf-8"), compresslevel=1)
    path = tmp_path / "cut.xml.bz2"
    path.write_bytes(data[: len(data) * 6 // 10])
    assert is_dump(path)
    read: list[str] = []
    with pytest.raises(DumpError, match=r"truncated or corrupt after line \d+"):
        read.extend(page.title for page in iter_pages(path))
    assert 5 < len(read) < 30
    assert read == [f"Pear {n}" for n in range(len(read))]


def test_a_truncated_gzip_dump_fails(pear: Path, tmp_path: Path) -> None:
    data = gzip.compress(_many_pages(pear, 5).encode("utf-8"))
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(data[:-100])
    with pytest.raises(DumpError, match="truncated or corrupt"):
        list(iter_pages(path))


def test_a_truncated_xml_file_fails_after_its_whole_pages(tmp_path: Path) -> None:
    xml = _dump(_page("Apple", "An apple."), _page("Medlar", "A medlar."))
    path = _write(tmp_path, "cut.xml", xml[: xml.index("A medlar")])
    pages = iter_pages(path)
    assert next(pages).title == "Apple"
    with pytest.raises(DumpError, match=r"ends early, at line \d+, column \d+"):
        next(pages)


def test_malformed_xml_fails_with_its_position(tmp_path: Path) -> None:
    xml = _dump(
        _page("Apple", "An apple."),
        "<page><title>Broken</title><ns>0</ns></revision></page>\n",
        _page("Medlar", "A medlar."),
    )
    pages = iter_pages(_write(tmp_path, "bad.xml", xml))
    assert next(pages).title == "Apple"
    with pytest.raises(DumpError, match=r"malformed XML at line 4, column 40: mismatched tag"):
        next(pages)


def test_a_page_id_that_is_not_a_number_fails(tmp_path: Path) -> None:
    xml = _dump(_page("Apple", "An apple.").replace("<id>1</id>", "<id>one</id>", 1))
    with pytest.raises(DumpError, match=r"<id> is not a number: 'one'"):
        list(iter_pages(_write(tmp_path, "bad.xml", xml)))


LAUGHS = "\n".join(
    [
        '<?xml version="1.0"?>',
        "<!DOCTYPE mediawiki [",
        ' <!ENTITY lol0 "lol">',
        *(
            f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">'
            for n in range(1, 10)  # 10^9 "lol"s once expanded
        ),
        "]>",
        f'<mediawiki xmlns="{EXPORT}"><page><title>&lol9;</title><ns>0</ns><id>1</id>'
        "<revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
        "<text>&lol9;</text></revision></page></mediawiki>",
    ]
)


def test_billion_laughs_are_refused_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, "laughs.xml", LAUGHS)
    start = time.monotonic()
    with pytest.raises(DumpError, match="declares a DTD"):
        list(iter_pages(path))
    assert time.monotonic() - start < 0.5
    assert not is_dump(path)


def test_any_dtd_is_refused_even_compressed(tmp_path: Path) -> None:
    # Quadratic blowup: one large entity, referenced many times.
    xml = (
        f'<!DOCTYPE m [<!ENTITY a "{"x" * 50_000}">]>'
        f'<mediawiki xmlns="{EXPORT}"><page><title>A</title><ns>0</ns><id>1</id><revision>'
        f"<id>1</id><text>{'&a;' * 50_000}</text></revision></page></mediawiki>"
    )
    path = tmp_path / "blowup.xml.bz2"
    path.write_bytes(bz2.compress(xml.encode("utf-8")))
    with pytest.raises(DumpError, match="declares a DTD"):
        list(iter_pages(path))


def test_is_dump_is_false_for_other_files(tmp_path: Path, fixtures: Path) -> None:
    html = _write(tmp_path, "page.xml", "<?xml version='1.0'?><html><body/></html>")
    text_bz2 = tmp_path / "notes.xml.bz2"
    text_bz2.write_bytes(bz2.compress(b"just some text"))
    junk = tmp_path / "junk.xml.gz"
    junk.write_bytes(b"\x1f\x8b\x08 not really gzip")
    empty = _write(tmp_path, "empty.xml", "")
    article = fixtures / "drafts" / "river_mill.wiki"
    for path in (html, text_bz2, junk, empty, article, tmp_path, tmp_path / "missing.xml"):
        assert not is_dump(path), path


def test_a_file_that_is_not_a_dump_fails_clearly(tmp_path: Path) -> None:
    html = _write(tmp_path, "page.xml", "<html><body/></html>")
    with pytest.raises(DumpError, match="not a MediaWiki XML dump: the root element is <html>"):
        list(iter_pages(html))
    with pytest.raises(DumpError, match="cannot read the file"):
        list(iter_pages(tmp_path / "missing.xml"))


@pytest.mark.parametrize("compress", [bz2.compress, gzip.compress, bytes])
def test_how_much_of_the_file_is_read_is_told_as_it_goes(
    pear: Path, tmp_path: Path, compress: Callable[[bytes], bytes]
) -> None:
    path = tmp_path / "many.xml"
    # Random text does not compress: a file of several blocks whatever the compression.
    text = _many_pages(pear, 3).replace("</text>", random.randbytes(3_000_000).hex() + "</text>")
    path.write_bytes(compress(text.encode("utf-8")))
    positions: list[int] = []
    assert len(list(iter_pages(path, on_read=positions.append))) == 3
    assert positions == sorted(positions)
    assert positions[0] < path.stat().st_size // 2
    assert positions[-1] == path.stat().st_size
