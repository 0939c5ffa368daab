"""The HTML report: safe with hostile articles, complete, and right in a real browser.

Articles are untrusted: the hostile one below carries markup in its prose, its references,
its title, its section headings, its findings and its link results. The unit tests read the
page back with the standard library's HTML parser; the browser tests open it from disk in
Debian's headless Chromium and check that nothing ran, nothing was fetched and nothing broke.
"""

from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import browser
import pytest
from browser import BrowserUnavailable, chromium_context, ensure_chromium, require_chromium

from citecheck import Config, check
from citecheck.config import Policy
from citecheck.model import Finding, LinkReport, LinkResult, LinkStatus, Report, Severity, Span
from citecheck.report.base import Failure, RenderOptions
from citecheck.report.html import CONTENT_SECURITY_POLICY, render

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

HOSTILE = """'''Evil''' is a town.<ref name="a">{{cite web |url=https://example.org/a \
|title=Alpha &lt;img src=x onerror="window.__pwned=3"&gt; \
|archive-url=https://web.archive.org/web/20170601000000/https://example.org/a \
|archive-date=1 June 2017}}</ref> It lies near <nowiki><script>window.__pwned = 1</script>\
</nowiki> the river. The mayor said "<svg onload=window.__pwned=4>" loudly.

== History ==
It was founded in 1900 near &lt;img src=x onerror="window.__pwned=2"&gt; the coast. \
It had 5,000 people in 1901.<ref>{{cite web |url=javascript:window.__pwned=5 |title=Census}}\
</ref> It is the largest town in the region.

== Sources ==
Dead sources are cited too.<ref>{{cite news |url=https://example.com/dead |title=Dead news}}</ref>

== See also ==
* [[Other town]]

{{reflist}}
"""
ARCHIVE = "https://web.archive.org/web/20170601000000/https://example.org/a"
SUGGESTED = "https://web.archive.org/web/20190101000000/https://example.com/dead"
HOSTILE_URL = "javascript:window.__pwned=5"
HOSTILE_SUGGESTION = "javascript:window.__pwned=9"
SCRIPT_TEXT = "<script>window.__pwned = 1</script>"
IMG_TEXT = '<img src=x onerror="window.__pwned=2">'
QUOTING_MESSAGE = "Broken \"><img src=x onerror=window.__pwned=10> ' quote"
STRAY_MESSAGE = "Stray <script>window.__pwned=11</script>"
LINKS = LinkReport(
    results={
        "https://example.org/a": LinkResult("https://example.org/a", LinkStatus.ALIVE, 200),
        ARCHIVE: LinkResult(ARCHIVE, LinkStatus.ALIVE, 200),
        "https://example.com/dead": LinkResult(
            "https://example.com/dead",
            LinkStatus.DEAD,
            404,
            detail='HTTP 404 "><script>window.__pwned=8</script>',
        ),
        HOSTILE_URL: LinkResult(HOSTILE_URL, LinkStatus.SKIPPED, detail="not http"),
    },
    suggestions={"https://example.com/dead": SUGGESTED, HOSTILE_URL: HOSTILE_SUGGESTION},
)


def hostile_report(*, links: LinkReport | None = LINKS) -> Report:
    """The hostile article, audited, with markup put wherever the model holds text."""
    report = check(
        HOSTILE,
        source='evil"<script>window.__pwned=6</script>.wiki',
        config=Config(links=False),
        title='Evil "town" <script>window.__pwned=7</script>',
        links=links,  # the link rules run too, and find the dead link
    )
    article = report.article
    assert any(SCRIPT_TEXT in s.text for s in article.statements)  # the parser kept it
    assert any(IMG_TEXT in s.text for s in article.statements)
    history = dataclasses.replace(article.sections[1], title="History <b onclick=x>&amp;</b>")
    article = dataclasses.replace(
        article, sections=(article.sections[0], history, *article.sections[2:])
    )
    mayor = next(s for s in article.statements if "mayor" in s.text)
    quoting = Finding(
        "CC102", "citation-needed", Severity.WARNING, QUOTING_MESSAGE, mayor.span, mayor.id
    )
    stray = Finding("CC999", "made-up", Severity.ERROR, STRAY_MESSAGE, Span(0, 8))
    return dataclasses.replace(
        report,
        article=article,
        findings=(*report.findings, quoting, stray),
        known=(stray,),
        suppressed=(stray, stray),
    )


HOSTILE_FAILURE = Failure('<script>window.__pwned=12</script>"', "'><img src=x onerror=y>")


# --- Reading the page back --------------------------------------------------------------------

VOID = frozenset({"meta", "input", "br", "hr", "img", "link", "wbr", "source", "col", "area"})


@dataclass(eq=False)
class Node:
    tag: str
    attributes: list[tuple[str, str]]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def attrs(self) -> dict[str, str]:
        return dict(self.attributes)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> list[Node]:
        found = [self]
        for child in self.children:
            if isinstance(child, Node):
                found.extend(child.walk())
        return found

    def select(self, tag: str | None = None, css: str | None = None) -> list[Node]:
        return [
            node
            for node in self.walk()
            if (tag is None or node.tag == tag) and (css is None or css in node.classes)
        ]

    def ancestor(self, css: str) -> Node | None:
        node = self.parent
        while node is not None and css not in node.classes:
            node = node.parent
        return node


class TreeBuilder(HTMLParser):
    """A strict reader: every end tag must close the element opened last."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [])
        self.current = self.root
        self.mismatches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, [(k, v or "") for k, v in attrs], self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        if self.current.tag != tag or self.current.parent is None:
            self.mismatches.append(f"</{tag}> closes <{self.current.tag}>")
            return
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.mismatches == []
    assert builder.current is builder.root, f"<{builder.current.tag}> is never closed"
    return builder.root


def statement_with(root: Node, text: str) -> Node:
    (found,) = [node for node in root.select("span", "s") if text in node.text()]
    return found


def following(node: Node) -> Node:
    """The element right after ``node``: citations and finding marks follow their statement."""
    assert node.parent is not None
    siblings = node.parent.children
    after = siblings[siblings.index(node) + 1]
    assert isinstance(after, Node)
    return after


@pytest.fixture(scope="module")
def page() -> str:
    return render([hostile_report()], [HOSTILE_FAILURE], RenderOptions())


@pytest.fixture(scope="module")
def dom(page: str) -> Node:
    return parse(page)


# --- Safety -------------------------------------------------------------------------------------


def test_markup_from_the_article_is_text(page: str, dom: Node) -> None:
    assert "<script>window" not in page and "<img src=x" not in page and "<svg" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert SCRIPT_TEXT in statement_with(dom, "the river").text()
    assert IMG_TEXT in statement_with(dom, "the coast").text()
    assert {node.tag for node in dom.walk()}.isdisjoint({"script", "img", "svg", "iframe", "b"})


def test_no_attribute_comes_from_the_article(dom: Node) -> None:
    for node in dom.walk():
        names = [name for name, _ in node.attributes]
        assert not [name for name in names if name.startswith("on")], node.tag
        assert len(names) == len(set(names)), f"repeated attribute on <{node.tag}>"
        assert set(names) <= {
            "lang", "charset", "http-equiv", "content", "name", "class", "id", "title", "href",
            "rel", "style", "role", "aria-label", "type", "for",
        }  # fmt: skip


def test_quotes_in_attributes_stay_inside_them(dom: Node) -> None:
    (mark,) = [node for node in dom.select("a", "fm") if "CC102" in node.attrs["title"]]
    assert mark.attrs["title"] == f"warning CC102 citation-needed: {QUOTING_MESSAGE}"
    assert mark.attrs["href"].startswith("#a1-f")
    (dead,) = [n for n in dom.select("span", "ls") if n.ancestor("ref") and n.text() == "dead"]
    assert dead.attrs["title"] == 'HTTP 404 "><script>window.__pwned=8</script>'


def test_findings_about_neither_go_to_other_findings(dom: Node) -> None:
    (other,) = dom.select("section", "other")
    (finding,) = other.select("li", "finding")
    assert STRAY_MESSAGE in finding.text() and "CC999" in finding.text()
    assert "line 1, column 1" in finding.text() and "error" in finding.text()


def test_only_http_urls_become_links(dom: Node) -> None:
    hrefs = [node.attrs["href"] for node in dom.select("a")]
    assert hrefs and all(re.match(r"#a1-[a-z0-9-]+$|https?://", href) for href in hrefs)
    texts = dom.text()
    assert HOSTILE_URL in texts and HOSTILE_SUGGESTION in texts  # shown, not linked
    for node in dom.select("a"):
        if not node.attrs["href"].startswith("#"):
            assert node.attrs["rel"] == "noopener noreferrer nofollow"
    assert SUGGESTED in hrefs and ARCHIVE in hrefs and "https://example.com/dead" in hrefs


def test_nothing_is_loaded_from_anywhere(dom: Node) -> None:
    for node in dom.walk():
        for name, value in node.attributes:
            if re.search(r"https?:|//", value) and (node.tag, name) != ("a", "href"):
                assert (node.tag, name) == ("meta", "content") and "http" not in value, value
    (style,) = dom.select("style")
    assert "url(" not in style.text() and "@import" not in style.text()
    assert not dom.select("script") and not dom.select("link")


def test_content_security_policy(dom: Node) -> None:
    (meta,) = [m for m in dom.select("meta") if m.attrs.get("http-equiv")]
    assert meta.attrs["http-equiv"] == "Content-Security-Policy"
    assert meta.attrs["content"] == CONTENT_SECURITY_POLICY
    assert CONTENT_SECURITY_POLICY.startswith("default-src 'none'; style-src 'unsafe-inline'")
    assert "script-src" not in CONTENT_SECURITY_POLICY  # the page has no script at all
    head = dom.select("head")[0]
    assert head.children.index(meta) < head.children.index(head.select("title")[0])


# --- Content ------------------------------------------------------------------------------------


def test_statements_carry_their_coverage_class(dom: Node) -> None:
    expected = {
        "Evil is a town.": "cov-cited",
        "The mayor said": "cov-uncited",
        "It was founded in 1900": "cov-paragraph",
        "It had 5,000 people": "cov-cited",
        "the largest town": "cov-uncited",
        "Other town": "cov-exempt",
    }
    for text, css in expected.items():
        assert css in statement_with(dom, text).classes, text
    legend = dom.select("ul", "legend")[0]
    assert {f"cov-{c}" for c in ("cited", "paragraph", "uncited", "exempt")} <= {
        css for node in legend.select("span", "s") for css in node.classes
    }


def test_citations_link_to_their_reference_entries(dom: Node) -> None:
    statement = statement_with(dom, "It had 5,000 people")
    cite = following(statement)
    assert cite.tag == "sup" and cite.text() == "[2]"
    target = cite.select("a")[0].attrs["href"][1:]
    (entry,) = [node for node in dom.select("li", "ref") if node.attrs["id"] == target]
    assert "Census" in entry.text() and entry.select("span", "ref-number")[0].text() == "2"


def test_findings_sit_beside_their_statements(dom: Node) -> None:
    statement = statement_with(dom, "the largest town")
    paragraph = statement.ancestor("para")
    assert paragraph is not None
    (finding,) = paragraph.select("li", "finding")
    assert "uncited-claim" in finding.text() and "CC101" in finding.text()
    assert "warning" in finding.text() and "Superlative with no citation" in finding.text()
    assert finding.select("a")[0].attrs["href"] == "#" + statement.attrs["id"]
    assert following(statement).attrs["href"] == "#" + finding.attrs["id"]
    lead = statement_with(dom, "The mayor said").ancestor("para")
    assert lead is not None and lead is not paragraph  # each margin has its own findings only
    assert "Superlative" not in lead.text() and "CC102" in lead.text()


def reference_entries(dom: Node) -> dict[str, Node]:
    return {node.select("span", "ref-number")[0].text(): node for node in dom.select("li", "ref")}


def test_reference_findings_go_with_the_reference(dom: Node) -> None:
    entries = reference_entries(dom)
    (dead,) = [f.text() for f in entries["3"].select("li", "finding")]
    assert "error" in dead and "CC401" in dead and "dead-link" in dead
    assert 'Dead link https://example.com/dead (HTTP 404 "><script>' in dead
    (live,) = [f.text() for f in entries["1"].select("li", "finding")]
    assert "CC403" in live and "live-link-marked-dead" in live
    assert not entries["2"].select("li", "finding")


def test_reference_links_show_status_archive_and_suggestion(dom: Node) -> None:
    entries = reference_entries(dom)
    alpha = entries["1"].text()
    assert "alive" in alpha and "wayback" in alpha and "captured 2017-06-01" in alpha
    dead = entries["3"].text()
    assert "dead" in dead and "Suggested archive" in dead and SUGGESTED in dead
    assert "skipped" in entries["2"].text()


def test_summary_figures(dom: Node) -> None:
    (article,) = dom.select("article")
    figures = {
        node.select("dt")[0].text(): node.select("dd")[0].text()
        for node in article.select("div", "figure")
    }
    assert figures["Covered (paragraph policy)"].startswith("50%")
    assert "2 cited" in figures["Covered (paragraph policy)"]
    assert "1 covered by paragraph" in figures["Covered (paragraph policy)"]
    assert "3 uncited of 6 claims" in figures["Covered (paragraph policy)"]
    assert figures["References"] == "3"
    assert figures["Findings"].replace("\u202f", " ") == "7✖ 2 errors · ▲ 2 warnings · ● 3 info"
    assert figures["Known"].startswith("1") and figures["Suppressed"].startswith("2")
    assert figures["Links"].replace("\u202f", " ") == "4alive 2 dead 1 skipped 1"


def test_figures_left_out_when_there_is_nothing_to_say() -> None:
    report = hostile_report(links=None)
    report = dataclasses.replace(report, known=(), suppressed=())
    root = parse(render([report], [], RenderOptions()))
    labels = {node.text() for node in root.select("dt")}
    assert "Known" not in labels and "Suppressed" not in labels
    assert "not checked" in root.text()
    assert not root.select("span", "ls")


def test_section_bars_say_their_figures_in_words(dom: Node) -> None:
    (history,) = [n for n in dom.select("section", "section") if "History" in n.text()[:40]]
    (bar,) = history.select("span", "coverage")
    assert bar.attrs["title"].startswith("3 claims: 1 cited, 1 covered by paragraph, 1 uncited")
    widths = [node.attrs["style"] for node in bar.select("span", "seg")]
    assert widths == ["width:33.33%"] * 3
    assert "67% of 3 claims" in bar.text()
    assert history.select("h3")[0].text() == "History <b onclick=x>&amp;</b>"


def test_sections_keep_their_heading_levels() -> None:
    text = "Lead is here.<ref>A.</ref>\n\n== Two ==\nA claim.\n\n=== Three ===\nMore.\n"
    root = parse(render([check(text, config=Config(links=False))], [], RenderOptions()))
    (prose,) = root.select("div", "prose")
    headings = [(n.tag, n.text()) for n in prose.select() if n.tag in ("h3", "h4")]
    assert headings == [("h3", "Lead"), ("h3", "Two"), ("h4", "Three")]


def test_sentence_policy_counts_paragraph_coverage_as_uncovered() -> None:
    options = RenderOptions(policy=Policy.SENTENCE)
    root = parse(render([hostile_report()], [], options))
    figures = {n.select("dt")[0].text(): n.select("dd")[0].text() for n in root.select("div")
               if "figure" in n.classes}  # fmt: skip
    assert figures["Covered (sentence policy)"].startswith("33%")


def test_failures_come_first(page: str, dom: Node) -> None:
    (failures,) = dom.select("section", "failures")
    assert HOSTILE_FAILURE.source in failures.text() and HOSTILE_FAILURE.message in failures.text()
    assert page.index('class="failures"') < page.index("<article")


def test_several_articles_get_contents_and_distinct_anchors() -> None:
    plain = check("Foo is a town.<ref>A.</ref>\n\n{{reflist}}\n", source="foo.wiki",
                  config=Config(links=False))  # fmt: skip
    root = parse(render([hostile_report(), plain], [], RenderOptions()))
    (contents,) = root.select("nav", "contents")
    assert [a.attrs["href"] for a in contents.select("a")] == ["#a1", "#a2"]
    ids = [node.attrs["id"] for node in root.walk() if "id" in node.attrs]
    assert len(ids) == len(set(ids))
    assert {node.attrs["id"] for node in root.select("article")} == {"a1", "a2"}


def test_single_article_has_no_contents(dom: Node) -> None:
    assert not dom.select("nav", "contents")


def test_empty_run_is_still_a_page() -> None:
    root = parse(render([], [], RenderOptions()))
    assert "0 articles" in root.text() and not root.select("article")


def test_large_article_renders_every_statement() -> None:
    """Its speed is measured by benchmarks/audit.py (the html report line)."""
    paragraphs = "\n".join(
        f"Fact {i} is here. Fact {i} is the largest.<ref>Source {i}.</ref> Fact {i} follows.\n"
        for i in range(1500)
    )
    report = check(f"{paragraphs}\n{{{{reflist}}}}\n", config=Config(links=False))
    assert len(report.article.statements) == 4500
    page = render([report], [], RenderOptions())
    assert page.partition('class="prose"')[2].count('class="s cov-') == 4500


# --- Chromium -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Path:
    return require_chromium()


def observe(context: BrowserContext, report_file: Path) -> dict[str, Any]:
    """Open a report the way a person does, and note what the page did and shows."""
    seen: dict[str, Any] = {"requests": [], "problems": []}
    page = context.new_page()
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda m: m.type == "error" and seen["problems"].append(m.text))
    page.on("pageerror", lambda error: seen["problems"].append(f"page error: {error}"))
    page.goto(report_file.as_uri(), wait_until="load")
    seen["pwned"] = page.evaluate("typeof window.__pwned")
    seen["active"] = page.evaluate(
        "document.querySelectorAll('script, img, svg, iframe, object, embed, link').length"
    )
    seen["statements"] = page.eval_on_selector_all(
        ".prose .s", "nodes => nodes.map(n => [n.className, n.textContent])"
    )
    seen["underline"] = page.eval_on_selector(
        ".prose .s.cov-uncited", "n => getComputedStyle(n).textDecorationStyle"
    )
    quiet = page.locator(".prose .para:not(.issue)").first
    seen["shown"] = quiet.is_visible()
    page.locator("label.only-label").first.click()
    quiet.wait_for(state="hidden")  # the filter works without any script; bounded wait
    page.close()
    return seen


def test_hostile_report_in_chromium(chromium: Path, tmp_path: Path) -> None:
    page = render([hostile_report()], [HOSTILE_FAILURE], RenderOptions())
    guarded = tmp_path / "report.html"
    guarded.write_text(page)
    # Without its policy too: escaping alone must keep the article's scripts from running.
    content = escape(CONTENT_SECURITY_POLICY)
    policy = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    bare = tmp_path / "without-policy.html"
    bare.write_text(page.replace(policy, ""))
    assert policy in page and policy not in bare.read_text()
    with chromium_context(chromium) as context:
        results = [(path, observe(context, path)) for path in (guarded, bare)]
    for path, seen in results:
        assert seen["pwned"] == "undefined"
        assert seen["active"] == 0
        assert seen["problems"] == []
        assert seen["requests"] == [path.as_uri()]
        classes = {css for css, _ in seen["statements"]}
        assert {f"s cov-{c}" for c in ("cited", "paragraph", "uncited", "exempt")} <= classes
        assert any(SCRIPT_TEXT in text for _, text in seen["statements"])
        assert any(IMG_TEXT in text for _, text in seen["statements"])
        assert seen["underline"] == "wavy"  # coverage is not told by colour alone
        assert seen["shown"]


# --- When there is no Chromium ------------------------------------------------------------------


def test_skips_when_not_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setattr(browser.os, "geteuid", lambda: 1000)
    with pytest.raises(pytest.skip.Exception, match="chromium is missing and only root"):
        require_chromium()


def test_skips_without_apt_get(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setattr(browser.os, "geteuid", lambda: 0)
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    with pytest.raises(pytest.skip.Exception, match="apt-get is not available"):
        require_chromium()


def fake_apt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
    """An apt-get that only logs its arguments and does what ``script`` says."""
    log = tmp_path / "apt.log"
    apt_get = tmp_path / "apt-get"
    apt_get.write_text(f'#!/bin/sh\necho "$@" >> {log}\n{script}\n')
    apt_get.chmod(0o755)
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setattr(browser.os, "geteuid", lambda: 0)
    monkeypatch.setattr(browser.shutil, "which", lambda name: str(apt_get))
    return log


def test_skips_when_the_install_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse = "echo 'E: Unable to locate package chromium' >&2\nexit 100"
    log = fake_apt(tmp_path, monkeypatch, refuse)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get update failed \(100\): E: Unable"):
        require_chromium()
    assert log.read_text().splitlines() == ["update"]  # no apt-cache here: update first


def test_install_with_stale_lists_updates_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A package list that knows chromium: install, fail (say, 404), update, install again.
    (tmp_path / "apt-cache").write_text("#!/bin/sh\necho '  Candidate: 1.0'\n")
    (tmp_path / "apt-cache").chmod(0o755)
    script = f'[ "$1" = install ] && [ -e {tmp_path}/updated ] && touch {tmp_path}/chromium\n'
    script += f'[ "$1" = update ] && touch {tmp_path}/updated\n[ -e {tmp_path}/chromium ] || '
    script += '[ "$1" = update ]'
    log = fake_apt(tmp_path, monkeypatch, script)
    assert ensure_chromium() == tmp_path / "chromium"
    assert log.read_text().splitlines() == [
        "install -y --no-install-recommends chromium",
        "update",
        "install -y --no-install-recommends chromium",
    ]


def test_reports_a_binary_still_missing_after_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_apt(tmp_path, monkeypatch, "exit 0")
    with pytest.raises(BrowserUnavailable, match=r"installed chromium, but .* is still missing"):
        ensure_chromium()


def test_install_is_bounded_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_apt(tmp_path, monkeypatch, "sleep 5")
    started = time.monotonic()
    with pytest.raises(BrowserUnavailable, match="did not finish in time"):
        ensure_chromium(timeout=0.5)
    assert time.monotonic() - started < 4


def test_article_without_claims() -> None:
    report = check("#REDIRECT [[Toronto]]\n", source="redirect.wiki", config=Config(links=False))
    root = parse(render([report], [], RenderOptions()))
    (header,) = root.select("header")[1:]
    assert "redirect to Toronto" in header.text()
    (coverage,) = [n for n in header.select("div", "figure") if "wide" in n.classes]
    assert coverage.select("dd")[0].text() == "–no claims"
