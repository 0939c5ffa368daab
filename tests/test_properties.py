"""Whatever the input, no exception and every span slices the source."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck import Config, SourceFormat, check
from citecheck.model import Report
from citecheck.report import REPORTERS, RenderOptions

FRAGMENTS = st.sampled_from(
    [
        "The town was founded in 1850. ",
        'He said "we will win." ',
        "Dr. J. R. R. Smith et al. wrote it",
        "<ref>A.</ref>",
        '<ref name="a">Named.</ref>',
        "<ref name=a/>",
        "<ref name='b' />",
        "<ref group=note>Note.</ref>",
        "<ref>",
        "</ref>",
        "<ref></ref>",
        "<references/>",
        "<references>",
        "</references>",
        "{{reflist}}",
        "{{reflist|refs=",
        "{{cn|date=May 2020}}",
        "{{sfn|Smith|2001|p=5}}",
        "{{sfnm|1a1=A|1y=2001}}",
        "{{harvtxt|Smith|2001}}",
        "{{rp|12}}",
        "{{r|a|b}}",
        "{{efn|A note.<ref>In note.</ref>}}",
        "{{#tag:ref|Tagged.|name=t}}",
        "{{cite web|url=http://e.example|title=T|last=Smith|year=2001}}",
        "{{convert|5|km}}",
        "{{Infobox person|name=X<ref>I.</ref>}}",
        "{{quote|text=Quoted words here.}}",
        "{{",
        "}}",
        "{{{1|x}}}",
        "[[Link|label]]",
        "[[File:X.jpg|thumb|Caption.<ref>C.</ref>]]",
        "[[Category:X]]",
        "[[",
        "]]",
        "[http://e.example title]",
        "http://bare.example/x",
        "'''bold'''",
        "''",
        "<!-- comment -->",
        "<!--",
        "<nowiki><ref>x</ref></nowiki>",
        "<pre>pre</pre>",
        "<math>x^2</math>",
        "<blockquote>Quoted.</blockquote>",
        "<div>",
        "</div>",
        "&nbsp;",
        "&amp;",
        "\n",
        "\n\n",
        "\r\n",
        "\n== Heading ==\n",
        "\n=== Sub ===\n",
        "\n* item ",
        "\n# item ",
        "\n; term : def",
        "\n: indented",
        "\n{|\n| cell\n|}\n",
        "\n ",
        "\n----\n",
        "#REDIRECT [[X]]",
        "[1]",
        "[a]",
        "[citation needed]",
        "[edit]",
        "\n1. ^ a b Entry text.",
        "\n^ Entry.",
        "\n↑ 1 2 Entry.",
        "徐俊平。",
        "\u200b",
        "\x00",
    ]
)

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


def _check_invariants(text: str, input_format: SourceFormat | None) -> None:
    report = check(text, source="p", config=Config(input_format=input_format))
    article = report.article
    size = len(text)
    for span in (
        *[s.span for s in article.statements],
        *[r.span for r in article.references],
        *[c.span for c in article.citations],
        *[t.span for t in article.tags],
        *[n.span for n in article.notes],
        *[s.span for s in article.sections],
        *[f.span for f in report.findings],
    ):
        assert 0 <= span.start <= span.end <= size
    starts = [s.span.start for s in article.statements]
    assert starts == sorted(starts)
    ids = {r.id for r in article.references}
    assert all(c.reference in ids for c in article.citations)
    for statement in article.statements:
        assert statement.text.strip() == statement.text and statement.text
        assert set(statement.citations) <= ids
    reports = [Report(article, report.findings)]
    json.loads(REPORTERS["json"](reports, [], RenderOptions()))
    REPORTERS["text"](reports, [], RenderOptions())


@SETTINGS
@given(st.lists(FRAGMENTS | st.text(max_size=20), max_size=40).map("".join))
def test_arbitrary_wikitext(text: str) -> None:
    _check_invariants(text, SourceFormat.WIKITEXT)
    _check_invariants(text, None)


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_in_every_format(text: str) -> None:
    for input_format in (SourceFormat.WIKITEXT, SourceFormat.TEXT, None):
        _check_invariants(text, input_format)


@SETTINGS
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_arbitrary_rendered_text(text: str) -> None:
    _check_invariants(text, SourceFormat.TEXT)
