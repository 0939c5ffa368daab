"""How wikitext becomes statements, references and citation uses."""

from __future__ import annotations

from citecheck import Coverage, parse
from citecheck.model import Article, Exemption, ReferenceKind, SourceFormat, Statement, TagKind


def read(text: str) -> Article:
    return parse(text, input_format=SourceFormat.WIKITEXT)


def statement(article: Article, startswith: str) -> Statement:
    for candidate in article.statements:
        if candidate.text.startswith(startswith):
            return candidate
    raise AssertionError(f"no statement starts with {startswith!r}: {article.statements}")


def names(article: Article, statement: Statement) -> list[str | None]:
    return [article.reference(r).name for r in statement.citations]


def test_ref_after_punctuation_belongs_to_the_sentence_before() -> None:
    text = "First claim here.<ref name=a>A.</ref> Second claim here.<ref name=b>B.</ref>\n"
    article = read(text)
    first, second = article.statements
    assert first.text == "First claim here."
    assert names(article, first) == ["a"]
    assert names(article, second) == ["b"]
    assert text[first.span.start : first.span.end] == "First claim here.<ref name=a>A.</ref>"


def test_ref_with_no_space_after_it_still_ends_the_sentence() -> None:
    article = read("The war ended in 1945.<ref>A.</ref>The treaty followed in 1947.<ref>B.</ref>")
    assert [s.text for s in article.statements] == [
        "The war ended in 1945.",
        "The treaty followed in 1947.",
    ]
    assert all(s.coverage is Coverage.CITED for s in article.statements)


def test_mid_sentence_ref_supports_its_sentence() -> None:
    article = read("Paris,<ref>A.</ref> the capital, is large.<ref>B.</ref> Lyon is smaller.")
    first = article.statements[0]
    assert first.text == "Paris, the capital, is large."
    assert len(first.citations) == 2
    assert article.statements[1].coverage is Coverage.NONE


def test_group_of_refs_all_attach() -> None:
    article = read("Dogs bark.<ref>A.</ref><ref>B.</ref> <ref>C.</ref> Cats purr.")
    assert len(article.statements[0].citations) == 3
    assert article.statements[1].citations == ()


def test_named_refs_in_every_quoting_style_meet_one_reference() -> None:
    article = read(
        "A one.<ref name=x/> B two.<ref name = \"x\" /> C three.<ref name='x'>X.</ref> "
        'D four.<ref NAME="x"></ref>\n\n{{reflist}}'
    )
    references = [r for r in article.references if r.kind is ReferenceKind.REF]
    assert len(references) == 1
    assert references[0].uses == 4
    assert references[0].defined
    assert all(s.citations == (references[0].id,) for s in article.statements)


def test_reuse_before_definition_and_numbering_by_first_use() -> None:
    article = read(
        '{{Infobox person|name=X<ref name="i">Infobox.</ref>}}\n'
        'A one.<ref name="b"/> B two.<ref name="a">A.</ref> C three.<ref name="b">B.</ref>\n'
    )
    by_name = {r.name: r for r in article.references}
    assert by_name["i"].number == 1
    assert by_name["b"].number == 2
    assert by_name["a"].number == 3
    assert by_name["b"].uses == 2


def test_list_defined_refs_in_reflist_and_references_tag() -> None:
    article = read(
        'A one.<ref name="a"/> B two.<ref name="b"/>\n\n'
        '{{reflist|refs=\n<ref name="a">{{cite web|url=http://a.example|title=A}}</ref>\n}}\n'
        '<references>\n<ref name="b">B.</ref>\n</references>\n'
    )
    by_name = {r.name: r for r in article.references}
    assert by_name["a"].list_defined and by_name["a"].url == "http://a.example"
    assert by_name["b"].list_defined and by_name["b"].text == "B."
    assert [len(s.citations) for s in article.statements] == [1, 1]


def test_sfn_footnotes_merge_and_point_at_anchors() -> None:
    article = read(
        "A one.{{sfn|Smith|2001|p=5}} B two.{{sfn|Smith|2001|p=5}} C three.{{sfn|Smith|2001|p=7}}\n"
        "\n== Sources ==\n* {{cite book|last=Smith|first=J.|year=2001|title=T}}\n"
    )
    short = [r for r in article.references if r.kind is ReferenceKind.SHORT]
    assert [r.uses for r in short] == [2, 1]
    assert short[0].targets == ("CITEREFSmith2001",)
    assert "CITEREFSmith2001" in article.anchors
    assert short[0].text == "Smith 2001, p. 5"


def test_rp_pins_a_page_and_stays_in_the_statement_span() -> None:
    text = 'A claim.<ref name="a">A.</ref>{{rp|12}} Next one.'
    article = read(text)
    citation = article.citations[0]
    assert citation.page == "12"
    first = article.statements[0]
    assert text[first.span.start : first.span.end] == 'A claim.<ref name="a">A.</ref>{{rp|12}}'


def test_notes_are_not_citations_but_refs_inside_them_count() -> None:
    article = read(
        "A claim.{{efn|A note.<ref>Inner.</ref>}} Another.<ref group=note>Note two.</ref>\n"
        "\n{{notelist}}\n{{reflist}}\n"
    )
    first, second = article.statements
    assert first.citations == () and first.notes == ("n1",)
    assert second.citations == () and second.notes == ("n2",)
    inner = next(r for r in article.references if r.text == "Inner.")
    assert inner.uses == 1
    assert article.notes[0].text.startswith("A note.")


def test_refs_in_comments_nowiki_and_pre_are_not_refs() -> None:
    article = read(
        "A claim.<!-- <ref>Hidden.</ref> --> B claim.<nowiki><ref>Shown.</ref></nowiki>\n"
        "<pre>C claim.<ref>Pre.</ref></pre>\n"
    )
    assert article.references == ()
    assert all(not s.citations for s in article.statements)


def test_non_prose_constructs_make_no_statements() -> None:
    article = read(
        "{{Infobox person|name=John Smith was born in Paris.}}\n"
        "[[File:X.jpg|thumb|A caption that is a sentence.]]\n"
        '{| class="wikitable"\n| A table cell that is a sentence.\n|}\n'
        "<gallery>\nX.jpg|A gallery caption.\n</gallery>\n"
        "The only prose.\n"
        "[[Category:Things]]\n"
    )
    assert [s.text for s in article.statements] == ["The only prose."]


def test_list_items_are_paragraphs_of_their_own() -> None:
    article = read("Intro text.<ref>A.</ref>\n* First item.\n* Second item.<ref>B.</ref>\n")
    intro, first, second = article.statements
    assert len({intro.paragraph, first.paragraph, second.paragraph}) == 3
    assert first.coverage is Coverage.NONE
    assert second.coverage is Coverage.CITED


def test_paragraph_coverage_and_citation_needed() -> None:
    article = read(
        "One fact.{{cn|date=May 2020}} Two fact. Three fact.<ref>A.</ref>\n\nFour fact.\n"
    )
    one, two, three, four = article.statements
    assert one.coverage is Coverage.NONE
    assert one.tags[0].name == "citation needed" and one.tags[0].date == "May 2020"
    assert one.tags[0].kind is TagKind.NEEDS_SOURCE
    assert two.coverage is Coverage.PARAGRAPH
    assert three.coverage is Coverage.CITED
    assert four.coverage is Coverage.NONE


def test_sections_lead_and_exemptions() -> None:
    article = read(
        "Lead sentence.\n\n== History ==\nBody sentence.<ref>A.</ref>\n\n"
        "== Plot ==\nThe hero wins.\n\n=== Part two ===\nThe hero loses.\n\n"
        "== See also ==\n* Something else\n"
    )
    assert statement(article, "Lead").exempt is Exemption.LEAD
    assert statement(article, "Body").exempt is None
    assert statement(article, "The hero wins").exempt is Exemption.PLOT
    assert statement(article, "The hero loses").exempt is Exemption.PLOT
    assert not statement(article, "The hero loses").needs_citation
    assert statement(article, "Something").exempt is Exemption.NON_PROSE
    assert [s.title for s in article.sections] == ["", "History", "Plot", "Part two", "See also"]


def test_without_a_body_the_lead_is_the_article() -> None:
    article = read("A short stub about a village in the hills.\n")
    assert article.statements[0].exempt is None


def test_blockquote_statements_are_quotations() -> None:
    article = read("Intro.<ref>A.</ref>\n\n{{blockquote|text=We shall fight on the beaches.}}\n")
    quoted = statement(article, "We shall fight")
    assert "quotation" in [str(r) for r in quoted.reasons]


def test_inline_templates_render_their_text() -> None:
    article = read(
        "The road is {{convert|10|km}} long and was built {{circa|1900}} by "
        "{{lang|fr|Les Ponts}}.<ref>A.</ref>"
    )
    assert article.statements[0].text == (
        "The road is 10 km long and was built c. 1900 by Les Ponts."
    )


def test_links_render_their_label() -> None:
    article = read("[[Paris|The capital]] is on the [[Seine]]s and [[:Category:X|a list]].")
    assert article.statements[0].text == "The capital is on the Seines and a list."


def test_redirect_and_disambiguation() -> None:
    assert read("#REDIRECT [[Target page]]").redirect == "Target page"
    dab = read("'''Foo''' may refer to:\n* Foo, a town\n\n{{disambiguation}}\n")
    assert dab.disambiguation
    assert all(s.exempt is Exemption.DISAMBIGUATION for s in dab.statements)


def test_crlf_spans_slice_the_original() -> None:
    text = "First claim.<ref>A.</ref>\r\nStill the first paragraph.\r\n\r\nSecond one.\r\n"
    article = read(text)
    for s in article.statements:
        assert text[s.span.start : s.span.end].startswith(s.text.split()[0])
    assert article.statements[0].paragraph == article.statements[1].paragraph
    assert article.statements[2].paragraph != article.statements[0].paragraph


def test_citation_fields_are_read_with_aliases() -> None:
    article = read(
        "A claim.<ref>{{Cite_web |url=http://e.example/a |title=T "
        "|archiveurl=http://web.archive.org/web/2017/http://e.example/a "
        "|archivedate=1 June 2017 |deadurl=yes |accessdate=2 May 2016}}</ref>"
    )
    reference = article.references[0]
    assert reference.template == "cite web"
    assert reference.url == "http://e.example/a"
    assert reference.archive_url.startswith("http://web.archive.org/web/2017/")
    assert reference.archive_date == "1 June 2017"
    assert reference.url_status == "dead"
    assert reference.access_date == "2 May 2016"
    assert reference.archived


def test_harvard_parenthetical_references_cite_and_read() -> None:
    article = read("{{harvtxt|Smith|2001}} argues that dogs bark.\n")
    assert article.statements[0].text == "Smith (2001) argues that dogs bark."
    assert article.statements[0].coverage is Coverage.CITED


def test_unbalanced_italics_do_not_swallow_headings() -> None:
    article = read("Some ''text that never closes.\n== Heading ==\nBody text.<ref>A.</ref>\n")
    assert [s.title for s in article.sections] == ["", "Heading"]
    assert statement(article, "Body").section == 1


def test_sentences_inside_a_long_quotation_are_quotations() -> None:
    article = read(
        'Intro.<ref>A.</ref>\n\n== Views ==\nThe mayor said, "We will rebuild. We owe it to them. '
        'Nothing less will do." Later he resigned.\n'
    )
    quoted = [("quotation" in [str(r) for r in s.reasons]) for s in article.statements[1:]]
    assert quoted == [True, True, True, False]


def test_a_french_citation_template_is_a_quotation_in_the_line() -> None:
    article = read("Le maire déclare {{citation|la ville renaît}} en 1990.<ref>Journal.</ref>\n")
    (only,) = article.statements
    assert only.text == "Le maire déclare la ville renaît en 1990."
    assert [r.kind for r in article.references] == [ReferenceKind.REF]
    assert article.citation_templates == ()


def test_citation_templates_keep_their_parameters_and_reference() -> None:
    text = (
        "A claim.<ref name=a>{{cite web |url=https://example.com/a |title=<!-- x -->A\n"
        "|access-date=1 May 2020}}</ref>\n\n== Sources ==\n* {{citation |title=B |year=2001}}\n"
    )
    article = read(text)
    footnote, source = article.citation_templates
    assert footnote.name == "cite web"
    assert article.reference(footnote.reference or "").name == "a"
    assert [(p.name, p.value) for p in footnote.parameters] == [
        ("url", "https://example.com/a"),
        ("title", "A"),
        ("access-date", "1 May 2020"),
    ]
    for parameter in footnote.parameters:
        assert text[parameter.span.start : parameter.span.end].lstrip().startswith(parameter.name)
    assert text[footnote.span.start : footnote.span.end].startswith("{{cite web")
    assert source.get("year", "date").value == "2001"
    assert article.reference(source.reference or "").kind is ReferenceKind.SOURCE
