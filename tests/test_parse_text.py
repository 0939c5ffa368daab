"""The plain-text reader: text copied from a rendered wiki page, and any other prose."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.model import Article, Coverage, Exemption, ReferenceKind, SourceFormat, TagKind
from citecheck.parse.text import parse_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def _read(path: Path) -> str:
    # newline="" keeps the text byte for byte (no \r\n translation).
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="module")
def xu() -> tuple[str, Article]:
    text = _read(FIXTURES / "xu_junping.rendered.txt")
    return text, parse_text(text, source="xu_junping.rendered.txt")


@pytest.fixture(scope="module")
def dong() -> tuple[str, Article]:
    text = _read(FIXTURES / "dong_jingwei_defection.webpage.txt")
    return text, parse_text(text)


@pytest.fixture(scope="module")
def dog() -> tuple[str, Article]:
    text = _read(FIXTURES / "corpus" / "plaintext" / "Dog_enwiki_from_parsoid_html.txt")
    return text, parse_text(text)


def _assert_spans_valid(article: Article) -> None:
    length = len(article.text)
    spans = [s.span for s in article.statements]
    spans += [c.span for c in article.citations]
    spans += [r.span for r in article.references]
    spans += [n.span for n in article.notes]
    spans += [t.span for t in article.tags]
    spans += [s.span for s in article.sections] + [s.heading for s in article.sections]
    for span in spans:
        assert 0 <= span.start <= span.end <= length


def _spanned(text: str, article: Article) -> list[str]:
    return [text[s.span.start : s.span.end] for s in article.statements]


def _reference(article: Article, number: int):
    return next(
        r for r in article.references if r.kind is ReferenceKind.ENTRY and r.number == number
    )


# -- seed: Xu Junping (copied from a rendered page) ----------------------------------------

XU_STATEMENTS = [
    (
        0,
        "Xu Junping (徐俊平) is a former senior colonel in the People's Liberation Army who "
        "defected to the United States in December 2000.[1][2]",
    ),
    (
        0,
        "He is the highest-ranking defector from the PLA, and his defection was described as "
        "one of the worst intelligence losses in China's history.[2][3]",
    ),
    (1, "Xu was an American specialist within the PLA and an expert on disarmament.[1]"),
    (
        1,
        "Prior to his defection, Xu was responsible for day-to-day military contact between "
        "China and the Americas.[2]",
    ),
    (
        1,
        "Prior to his defection, Xu was the director of the American and Oceanic Office of the "
        "Foreign Affairs Bureau of the Ministry of National Defense.[4]",
    ),
    (
        1,
        "Xu had studied in America as a visiting scholar at Harvard's John F. Kennedy School of "
        "Government, and had also studied at the University of Bath in the United Kingdom.[3][5]",
    ),
    (2, "Xu reportedly contacted the Central Intelligence Agency (CIA) of his own initiative.[2]"),
    (
        2,
        "His defection was acknowledged by the Ministry of Foreign Affairs of the People's "
        "Republic of China.[2][1]",
    ),
]


def test_xu_title_format_and_sections(xu):
    text, article = xu
    assert article.format is SourceFormat.TEXT
    assert article.title == "Xu Junping"
    assert [s.title for s in article.sections] == ["", "Career", "Defection", "References"]
    assert text[article.sections[1].heading.start : article.sections[1].heading.end] == (
        "Career[edit]"
    )
    assert article.sections[0].exempt is Exemption.LEAD
    assert article.sections[3].exempt is Exemption.NON_PROSE


def test_xu_statements_are_the_cited_sentences(xu):
    text, article = xu
    assert [(s.section, text[s.span.start : s.span.end]) for s in article.statements] == (
        XU_STATEMENTS
    )
    assert all(s.coverage is Coverage.CITED for s in article.statements)
    first = article.statements[0]
    assert first.text == (
        "Xu Junping (徐俊平) is a former senior colonel in the People's Liberation Army who "
        "defected to the United States in December 2000."
    )
    assert first.citations == ("r1", "r2")
    assert article.statements[-1].citations == ("r2", "r1")
    for statement in article.statements:
        assert "[" not in statement.text


def test_xu_infobox_and_chrome_make_no_statements(xu):
    _text, article = xu
    joined = " ".join(s.text for s in article.statements)
    for furniture in ("Allegiance", "RankColonel", "Service/branch", "Commands held", "Wikipedia"):
        assert furniture not in joined


def test_xu_references(xu):
    _text, article = xu
    entries = [r for r in article.references if r.kind is ReferenceKind.ENTRY]
    assert [r.id for r in entries] == ["r1", "r2", "r3", "r4", "r5"]
    assert [(r.number, r.uses, r.backlinks) for r in entries] == [
        (1, 3, 3),
        (2, 5, 5),
        (3, 2, 2),
        (4, 1, 1),
        (5, 1, 1),
    ]
    assert all(r.defined and r.name == str(r.number) for r in entries)
    assert [r.title for r in entries] == [
        "Defection of Senior Chinese Officer Is Confirmed",
        "Chinese colonel defects",
        "China's spilled secrets",
        "Defector Described as 'Walk-In'",
        "Study Abroad For Chinese Is Tainted By a Defection",
    ]
    assert [r.archived for r in entries] == [False, False, True, True, True]
    for reference in entries[2:]:
        assert reference.archive_date == "June 1, 2017"
        assert reference.archive_url is None
        assert reference.url is None
    assert entries[1].access_date == "June 1, 2017"
    assert entries[0].access_date is None
    assert entries[0].raw.startswith("1. ^ a b c Risen, James")
    assert entries[0].text.startswith("Risen, James (March 24, 2001).")
    assert article.text[entries[0].span.start : entries[0].span.end] == entries[0].raw


def test_xu_citations_point_at_markers(xu):
    text, article = xu
    assert len(article.citations) == 12
    for citation in article.citations:
        marker = text[citation.span.start : citation.span.end]
        assert marker == f"[{article.reference(citation.reference).number}]"
        assert citation.statement is not None


# -- seed: a web page with boilerplate -------------------------------------------------------


def _report_paragraphs(text: str) -> str:
    """The report's body, from its first sentence to its last, without its two subheadings."""
    begin = text.index("Amidst the growing scrutiny")
    end = text.index("has put him under the spotlight.") + len("has put him under the spotlight.")
    body = text[begin:end]
    for heading in (
        "US govt keen on encouraging defections of Chinese officials",
        "Jingwei’s defection is a rumour, claims experts",
    ):
        body = body.replace(heading, "")
    return " ".join(body.split())


def test_web_page_statements_are_the_report(dong):
    text, article = dong
    assert article.statements
    assert " ".join(s.text for s in article.statements) == _report_paragraphs(text)
    assert article.statements[0].text.startswith("Amidst the growing scrutiny")
    assert article.statements[-1].text.endswith("has put him under the spotlight.")
    # Split into sentences, not paragraphs.
    assert len(article.statements) >= 25
    begin = text.index("Amidst")
    end = text.index("under the spotlight.") + len("under the spotlight.")
    for statement in article.statements:
        assert begin <= statement.span.start <= statement.span.end <= end


def test_web_page_boilerplate_makes_no_statements(dong):
    _text, article = dong
    joined = " ".join(s.text for s in article.statements)
    for boilerplate in (
        "Top Chinese counterintelligence officer",  # headline
        "the defection to USA has made him",  # standfirst
        "images via The Independent",  # caption
        "Support Us",
        "Please contribute",
        "Periyar",
        "Kerala madarsa",
        "OpIndia Staff",
        "FansLike",
        "News and opinion website",
        "Read more",
    ):
        assert boilerplate not in joined


def test_web_page_is_not_a_wiki_article(dong):
    _text, article = dong
    assert article.sections[0].exempt is None  # no wiki lead: every sentence counts
    assert [s.title for s in article.sections] == [
        "",
        "US govt keen on encouraging defections of Chinese officials",
        "Jingwei’s defection is a rumour, claims experts",
    ]
    assert article.title == (
        "Top Chinese counterintelligence officer defected to USA, may have given info on "
        "Wuhan Lab to Biden admin"
    )
    assert all(s.coverage is Coverage.NONE for s in article.statements)
    assert not article.references and not article.citations


def test_plain_essay_keeps_every_paragraph():
    text = (
        "Dogs are loyal animals. They have lived with people for a long time.\n"
        "\n"
        "Why dogs matter\n"
        "\n"
        "Hello.\n"
        "Dogs help people in many ways, from herding sheep to guiding the blind\n"
    )
    article = parse_text(text)
    assert [s.text for s in article.statements] == [
        "Dogs are loyal animals.",
        "They have lived with people for a long time.",
        "Hello.",
        "Dogs help people in many ways, from herding sheep to guiding the blind",
    ]
    assert [s.title for s in article.sections] == ["", "Why dogs matter"]
    assert article.sections[0].exempt is None


def test_plain_text_title_line():
    article = parse_text("On dogs\n\nDogs are loyal animals.\n")
    assert article.title == "On dogs"
    assert [s.text for s in article.statements] == ["Dogs are loyal animals."]


# -- markers ---------------------------------------------------------------------------------


def test_numeric_markers_and_page_pins():
    text = (
        "One is cited.[1] Two has a pin.[2]:12 Three has a range.[3]: 12–14 "
        "Four has a letter page.[4]:p158 Five has roman pages.[5]:xii Six is plain.[1]\n"
    )
    article = parse_text(text)
    assert [s.citations for s in article.statements] == [
        ("r1",),
        ("r2",),
        ("r3",),
        ("r4",),
        ("r5",),
        ("r1",),
    ]
    pins = {text[c.span.start : c.span.end]: c.page for c in article.citations}
    assert pins == {
        "[1]": None,
        "[2]:12": "12",
        "[3]: 12–14": "12–14",
        "[4]:p158": "p158",
        "[5]:xii": "xii",
    }
    assert _spanned(text, article)[1] == "Two has a pin.[2]:12"
    assert article.statements[1].text == "Two has a pin."


def test_markers_between_sentences_and_mid_sentence():
    text = "Dogs bark,[1] cats meow.[2][3] Birds sing.\n"
    article = parse_text(text)
    assert article.statements[0].citations == ("r1", "r2", "r3")
    assert article.statements[0].text == "Dogs bark, cats meow."
    assert article.statements[1].coverage is Coverage.NONE


@pytest.mark.parametrize(
    ("marker", "name", "kind"),
    [
        ("[citation needed]", "citation needed", TagKind.NEEDS_SOURCE),
        ("[medical citation needed]", "medical citation needed", TagKind.NEEDS_SOURCE),
        ("[this quote needs a citation]", "this quote needs a citation", TagKind.NEEDS_SOURCE),
        ("[additional citation needed]", "additional citation needed", TagKind.NEEDS_SOURCE),
        ("[better source needed]", "better source needed", TagKind.DOUBT),
        ("[better\u00a0source\u00a0needed]", "better source needed", TagKind.DOUBT),
        ("[failed verification]", "failed verification", TagKind.DOUBT),
        ("[not in citation given]", "failed verification", TagKind.DOUBT),
        ("[dubious – discuss]", "dubious", TagKind.DOUBT),
        ("[page needed]", "page needed", TagKind.DOUBT),
        ("[dead link]", "dead link", TagKind.DOUBT),
        ("[unreliable source?]", "unreliable source?", TagKind.DOUBT),
        ("[full citation needed]", "full citation needed", TagKind.DOUBT),
        ("[self-published source]", "self-published inline", TagKind.DOUBT),
        ("[verification needed]", "verify source", TagKind.DOUBT),
        ("[original research?]", "original research inline", TagKind.DOUBT),
        ("[who?]", "who", TagKind.VAGUE),
        ("[when?]", "when", TagKind.VAGUE),
        ("[which?]", "which", TagKind.VAGUE),
        ("[clarification needed]", "clarify", TagKind.VAGUE),
        ("[according to whom?]", "according to whom", TagKind.VAGUE),
        ("[update]", "update inline", TagKind.VAGUE),
        ("[weasel words]", "weasel inline", TagKind.VAGUE),
        ("[peacock term]", "peacock inline", TagKind.VAGUE),
    ],
)
def test_maintenance_markers(marker, name, kind):
    text = f"Cats rule the world.[1] Dogs are the best pets{marker} of all. Birds sing.[2]\n"
    article = parse_text(text)
    assert len(article.tags) == 1
    tag = article.tags[0]
    assert (tag.name, tag.kind) == (name, kind)
    assert text[tag.span.start : tag.span.end] == marker
    statement = article.statements[1]
    assert tag.statement == statement.id
    assert statement.tags == (tag,)
    assert statement.text == "Dogs are the best pets of all."
    assert statement.citations == ()


def test_citation_needed_makes_the_statement_uncited():
    article = parse_text("Dogs are the best pets.[citation needed] Cats meow.[1]\n")
    assert article.statements[0].tagged_needs_source
    assert article.statements[0].coverage is Coverage.NONE


def test_rendered_annotations_and_brackets_that_are_not_markers():
    text = (
        'He wrote that "[t]he best example is [sic] this one."[1] '
        "The [domestic dog] clade is large.[2] "
        "A paywalled source says so.[3][subscription required]\n"
    )
    article = parse_text(text)
    assert [s.text for s in article.statements] == [
        'He wrote that "[t]he best example is [sic] this one."',
        "The [domestic dog] clade is large.",
        "A paywalled source says so.",
    ]
    assert not article.tags
    assert not article.notes


@pytest.mark.parametrize(
    ("marker", "group"),
    [("[a]", "lower-alpha"), ("[note 1]", "note"), ("[nb 1]", "nb"), ("[n 1]", "n")],
)
def test_note_markers_are_notes_not_citations(marker, group):
    text = f"Dogs bark.{marker} Cats meow.[1]\n"
    article = parse_text(text)
    statement = article.statements[0]
    assert statement.citations == ()
    assert statement.coverage is not Coverage.CITED
    assert statement.notes == ("n1",)
    (note,) = article.notes
    assert note.group == group
    assert note.statement == statement.id
    assert text[note.span.start : note.span.end] == marker  # the note text was not copied
    assert statement.text == "Dogs bark."


def test_lettered_notes_list():
    text = (
        "Dogs bark.[a][1] Cats meow.[b]\n"
        "\n"
        "Notes\n"
        "\n"
        "  a. ^ Loudly, as a rule.[2]\n"
        "  b. ^ Softly.\n"
        "\n"
        "References\n"
        "\n"
        "  1. ^ Smith (2001).\n"
        "  2. ^ Jones (2002).\n"
    )
    article = parse_text(text)
    assert [(n.id, n.text, n.statement) for n in article.notes] == [
        ("n1", "Loudly, as a rule.", "s1"),
        ("n2", "Softly.", "s2"),
    ]
    assert article.statements[0].notes == ("n1",)
    assert article.statements[1].notes == ("n2",)
    two = _reference(article, 2)
    assert (two.uses, two.backlinks, two.defined) == (1, 1, True)
    (inside,) = [c for c in article.citations if c.note is not None]
    assert inside.note == "n1" and inside.reference == two.id
    assert [r.number for r in article.references] == [1, 2]


def test_numbered_notes_list_beside_references():
    text = (
        "Dingoes are dogs.[lower-alpha 1][1]\n"
        "\n"
        "Notes\n"
        "\n"
        " 1. ↑ An explanatory note.\n"
        "\n"
        "References\n"
        "\n"
        " 1. ↑ Smith (2001).\n"
    )
    article = parse_text(text)
    (note,) = article.notes
    assert note.text == "An explanatory note."
    assert note.statement == "s1"
    (reference,) = article.references
    assert (reference.number, reference.uses, reference.backlinks) == (1, 1, 1)
    assert reference.text == "Smith (2001)."


# -- reference list entries -------------------------------------------------------------------


def test_entry_forms_and_backlinks():
    text = (
        "A.[1] B.[1] C.[2] D.[2] E.[2] F.[3] G.[4] G.[4] G.[4] H.[5] I.[6] J.[6] K.[7]\n"
        "\n"
        "References\n"
        "\n"
        "  1. ^ a b Smith (2001).\n"
        "  ^ a b c Unnumbered, second in the list.\n"
        "  ↑ Arrow, third in the list.\n"
        "  4. 1 2 3 Parsoid numbers.\n"
        "  5. ^ a study found dogs.\n"
        "  6. ↑ 1 2 Parsoid numbers after an arrow.\n"
        "  7. ^ 1999 Annual Report.\n"
    )
    article = parse_text(text)
    found = {
        r.number: (r.backlinks, r.uses, r.text)
        for r in article.references
        if r.kind is ReferenceKind.ENTRY
    }
    assert found == {
        1: (2, 2, "Smith (2001)."),
        2: (3, 3, "Unnumbered, second in the list."),
        3: (1, 1, "Arrow, third in the list."),
        4: (3, 3, "Parsoid numbers."),
        5: (1, 1, "a study found dogs."),
        6: (2, 2, "Parsoid numbers after an arrow."),
        7: (1, 1, "1999 Annual Report."),
    }
    assert all(r.defined and r.list_defined for r in article.references)


def test_marker_without_entry():
    text = "The fort was built in 1620.[7]\n\nReferences\n\n  1. ^ Smith.\n"
    article = parse_text(text)
    seven = _reference(article, 7)
    assert not seven.defined
    assert seven.name == "7"
    assert seven.uses == 1
    assert text[seven.span.start : seven.span.end] == "[7]"
    one = _reference(article, 1)
    assert one.defined and one.uses == 0 and one.backlinks == 1


def test_backlink_mismatch_is_recorded():
    text = "Text.[1] More.[1]\n\nReferences\n\n  1. ^ Smith, J. (2001). Title.\n"
    article = parse_text(text)
    (reference,) = article.references
    assert (reference.backlinks, reference.uses) == (1, 2)


def test_entry_details():
    text = (
        "A.[1] B.[2] C.[3]\n"
        "\n"
        "References\n"
        "\n"
        '  1. ^ Doe (2010). "Old page". Archived 23 December 2016 at the Wayback Machine.\n'
        '  2. ^ Roe. "A site". https://example.com/page. Retrieved 11 February 2017. [dead link]\n'
        "  3. ^ Bloggs. Book. London. [page needed]\n"
    )
    article = parse_text(text)
    one, two, three = (_reference(article, n) for n in (1, 2, 3))
    assert (one.title, one.archived, one.archive_date) == ("Old page", True, "23 December 2016")
    assert (two.url, two.access_date, two.url_status) == (
        "https://example.com/page",
        "11 February 2017",
        "dead",
    )
    assert two.text.endswith("Retrieved 11 February 2017.")
    assert three.title is None and three.text == "Bloggs. Book. London."
    tags = [(t.name, t.statement) for t in article.tags]
    assert tags == [("dead link", None), ("page needed", None)]


def test_wrapped_entry_continues_on_the_next_line():
    text = "A.[1]\n\nReferences\n\n  1. ^ Smith (2001). A long\n  title. Retrieved 1 May 2010.\n"
    article = parse_text(text)
    (reference,) = article.references
    assert reference.access_date == "1 May 2010"
    assert reference.text == "Smith (2001). A long title. Retrieved 1 May 2010."


# -- layout -----------------------------------------------------------------------------------


def test_hard_wrapped_paragraph_is_joined():
    text = (
        "The town was founded by settlers from the north of the country who farmed\n"
        "the valley for a century before the railway came.[1] A well-\n"
        "known fort stands there.[2]\n"
        "A new paragraph starts here.\n"
    )
    article = parse_text(text)
    assert [s.text for s in article.statements] == [
        "The town was founded by settlers from the north of the country who farmed the valley "
        "for a century before the railway came.",
        "A well-known fort stands there.",
        "A new paragraph starts here.",
    ]
    assert article.statements[0].paragraph == article.statements[1].paragraph
    assert article.statements[2].paragraph != article.statements[1].paragraph
    assert _spanned(text, article)[1] == "A well-\nknown fort stands there.[2]"


def test_crlf_spans_slice_the_original(xu):
    lf_text, lf_article = xu
    text = lf_text.replace("\n", "\r\n")
    article = parse_text(text)
    assert [s.text for s in article.statements] == [s.text for s in lf_article.statements]
    assert [text[s.span.start : s.span.end] for s in article.statements] == [
        t for _section, t in XU_STATEMENTS
    ]
    assert [(r.uses, r.backlinks) for r in article.references] == [
        (r.uses, r.backlinks) for r in lf_article.references
    ]
    assert [text[s.heading.start : s.heading.end] for s in article.sections[1:]] == [
        "Career[edit]",
        "Defection[edit]",
        "References[edit]",
    ]
    for reference in article.references:
        assert "\r" not in reference.raw
    _assert_spans_valid(article)


def test_crlf_hard_wrap():
    text = "Settlers from the north of the country farmed\r\nthe valley.[1]\r\n"
    article = parse_text(text)
    (statement,) = article.statements
    assert statement.text == "Settlers from the north of the country farmed the valley."
    assert text[statement.span.start : statement.span.end] == (
        "Settlers from the north of the country farmed\r\nthe valley.[1]"
    )


def test_headings_list_items_and_navigation():
    text = (
        "Dogs are mammals.[1]\n"
        "\n"
        "Terminology\n"
        "\n"
        "  • An adult female is a bitch.\n"
        "  • An adult male capable of reproduction is a stud.[2]\n"
        "\n"
        "See also\n"
        "\n"
        "  • Dog odor\n"
        "  • Dognapping\n"
        "  • Wolfdog\n"
    )
    article = parse_text(text)
    assert [s.title for s in article.sections] == ["", "Terminology", "See also"]
    assert [(s.section, s.text) for s in article.statements] == [
        (0, "Dogs are mammals."),
        (1, "An adult female is a bitch."),
        (1, "An adult male capable of reproduction is a stud."),
    ]
    assert article.statements[1].paragraph != article.statements[2].paragraph


def test_wiki_chrome_hatnotes_and_banners():
    text = (
        "Example\n"
        "\n"
        "From Wikipedia, the free encyclopedia\n"
        "Jump to navigation Jump to search\n"
        "(Redirected from Exampel)\n"
        "This article is about the example. For other uses, see Example (disambiguation).\n"
        '"Exampel" redirects here.\n'
        "This article needs additional citations for verification. Please help improve this "
        "article by adding citations to reliable sources. Unsourced material may be challenged "
        "and removed.\n"
        'Find sources: "Example" – news · books (June 2017) (Learn how and when to remove this '
        "template message)\n"
        "Born\t12 June 1950\n"
        "Alma mater: Harvard U.\n"
        "\n"
        "An example is a thing that shows.[1]\n"
        "\n"
        "Contents\n"
        "\n"
        "  • 1 History\n"
        "  • 2 References\n"
        "\n"
        "History[edit]\n"
        "\n"
        "Main article: History of examples\n"
        "\n"
        "Examples were first used long ago.[1]\n"
        "\n"
        "References[edit]\n"
        "\n"
        "  1. ^ a b Ref one.\n"
        "\n"
        'Retrieved from "https://en.wikipedia.org/w/index.php?title=Example&oldid=1"\n'
        "Categories: Examples\n"
        "This page was last edited on 1 January 2020, at 12:00 (UTC).\n"
        "Text is available under the Creative Commons Attribution-ShareAlike License.\n"
    )
    article = parse_text(text)
    assert article.title == "Example"
    assert [s.text for s in article.statements] == [
        "An example is a thing that shows.",
        "Examples were first used long ago.",
    ]
    assert [s.title for s in article.sections] == ["", "History", "References"]
    (banner,) = article.tags
    assert (banner.name, banner.kind, banner.date) == (
        "more citations needed",
        TagKind.BANNER,
        "June 2017",
    )
    (reference,) = article.references
    assert (reference.uses, reference.backlinks) == (2, 2)


def test_copy_without_blank_lines_and_modern_backlinks():
    text = (
        "Foo Bar\n"
        "From Wikipedia, the free encyclopedia\n"
        "Foo Bar is a town in Baz.[1] It has a castle.[2]\n"
        "History[edit source]\n"
        "The castle was built in 1400.[2][a]\n"
        "Notes\n"
        "a. ^ Or 1401.\n"
        "References\n"
        '^ Jump up to: a b Smith (2001). "Foo". Retrieved 2 March 2020.\n'
        "^ Jones (2002).\n"
        "Hidden categories: Articles with short description\n"
    )
    article = parse_text(text)
    assert article.title == "Foo Bar"
    assert [s.title for s in article.sections] == ["", "History", "Notes", "References"]
    assert [s.text for s in article.statements] == [
        "Foo Bar is a town in Baz.",
        "It has a castle.",
        "The castle was built in 1400.",
    ]
    one, two = article.references
    assert (one.number, one.uses, one.backlinks, one.title) == (1, 1, 2, "Foo")
    assert one.access_date == "2 March 2020"
    assert (two.number, two.uses, two.backlinks, two.text) == (2, 2, 1, "Jones (2002).")
    (note,) = article.notes
    assert (note.text, note.statement) == ("Or 1401.", article.statements[2].id)


def test_explicit_title():
    text = "Xu Junping\n\nXu Junping is a former colonel.[1]\n"
    article = parse_text(text, title="Xu Junping")
    assert article.title == "Xu Junping"
    assert [s.text for s in article.statements] == ["Xu Junping is a former colonel."]


def test_block_quotation_is_marked_as_a_quote():
    text = (
        "Dogs are loyal.[1]\n"
        "\n"
        "    The dogs of Tibet are twice the size of those seen in India.[2]\n"
        "\n"
        "Cats are not.[3]\n"
    )
    article = parse_text(text)
    assert [s.text for s in article.statements] == [
        "Dogs are loyal.",
        "The dogs of Tibet are twice the size of those seen in India.",
        "Cats are not.",
    ]


def test_markers_in_non_prose_lines_still_count():
    text = (
        "Domestic dog\n"
        "Canis familiaris Linnaeus, 1758[1]\n"
        "\n"
        "[300px-Dog]\n"
        "A dog in a field.[1]\n"
        "\n"
        "The domestic dog is a member of the genus Canis.[1]\n"
        "\n"
        "References\n"
        "\n"
        " 1. 1 2 3 Wozencraft (2005).\n"
    )
    article = parse_text(text)
    assert [s.text for s in article.statements] == [
        "The domestic dog is a member of the genus Canis."
    ]
    (reference,) = article.references
    assert (reference.uses, reference.backlinks) == (3, 3)
    assert sum(c.statement is not None for c in article.citations) == 1


def test_empty_and_whitespace_input():
    for text in ("", "\n", "   \r\n\r\n", "[1]", "^", "1. ^"):
        article = parse_text(text)
        _assert_spans_valid(article)


# -- the Dog article (Parsoid HTML through w3m) ---------------------------------------------


def test_dog_spans_and_markers(dog):
    text, article = dog
    _assert_spans_valid(article)
    assert len(article.statements) > 250
    attached = sum(c.statement is not None for c in article.citations)
    assert attached / len(article.citations) > 0.95
    for statement in article.statements:
        spanned = text[statement.span.start : statement.span.end]
        assert spanned.split()[0] in statement.text


def test_dog_sections_and_non_prose(dog):
    _text, article = dog
    titles = [s.title for s in article.sections]
    for title in ("Etymology", "Taxonomy", "Senses", "See also", "Notes", "References"):
        assert title in titles
    joined = " ".join(s.text for s in article.statements)
    for furniture in ("Kingdom", "Animalia", "Collage_of", "Temporal range", "Extant Carnivora"):
        assert furniture not in joined
    assert not any(s.text.startswith("Wozencraft, W.C.") for s in article.statements)


def test_dog_reference_list(dog):
    _text, article = dog
    entries = [r for r in article.references if r.kind is ReferenceKind.ENTRY]
    assert len(entries) == 236
    assert all(r.defined for r in entries)
    for number in (1, 4, 6, 7, 11):
        assert _reference(article, number).backlinks == 3
    assert _reference(article, 16).backlinks == 12
    assert _reference(article, 14).backlinks == 1
    mismatched = [r.number for r in entries if r.backlinks != r.uses]
    assert mismatched == []
    assert _reference(article, 1).title == "Order Carnivora"


def test_dog_notes_tags_and_pins(dog):
    text, article = dog
    (note,) = article.notes
    assert note.text.startswith("The addition of [domestic dog] against dingo")
    assert note.statement is not None
    statement = article.statement(note.statement)
    assert statement.text.startswith("In the third edition of Mammal Species of the World")
    by_name = {t.name: t for t in article.tags}
    needed = by_name["citation needed"]
    assert article.statement(needed.statement).text.startswith("Since the word")
    assert by_name["better source needed"].kind is TagKind.DOUBT
    assert by_name["failed verification"].statement is not None
    pins = {text[c.span.start : c.span.end]: c.page for c in article.citations if c.page}
    assert pins["[67]:35"] == "35"
    assert pins["[4]:p158"] == "p158"
    assert pins["[122]:xii"] == "xii"


# -- robustness ------------------------------------------------------------------------------

_TOKENS = [
    "[1]", "[23]", "[a]", "[note 1]", "[citation needed]", "[edit]", "[who?]", ":12", ": 3–4",
    "^", "↑", " a b c ", "1. ", "  1. ^ ", "• ", "\n", "\r\n", "\n\n", "   ", "Dog", "the",
    "cat.", "Career", "References", "Notes", "From Wikipedia, the free encyclopedia",
    "Retrieved June 1, 2017.", "Archived from the original on", '"Title"', "[", "]", ":",
    "-", "\u00a0", "Support Us", "Read more", "© Site", "word-", "lowercase", "\t",
]  # fmt: skip


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.one_of(
        st.text(max_size=400),
        st.lists(st.sampled_from(_TOKENS), max_size=120).map("".join),
        st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=5)), max_size=80).map(
            "".join
        ),
    )
)
def test_arbitrary_text_never_raises(text):
    article = parse_text(text)
    _assert_spans_valid(article)
    for statement in article.statements:
        assert statement.text.strip()


def _random_text(size: int, seed: int) -> str:
    rng = random.Random(seed)
    words = [
        "the", "dog", "Cat", "was", "[1]", "[citation needed]", "[a]", "Some", "1.", "^", "a",
        "b", "↑", "•", "  ", "house.", "run,", "“quoted”", "[12]:34", "Retrieved",
        "June 1, 2017.", "Archived", "-", "[[", "]]", "word-", "References",
    ]  # fmt: skip
    separators = [" "] * 12 + ["\n", "\n\n", "\r\n"]
    parts: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        separator = rng.choice(separators)
        parts.append(word)
        parts.append(separator)
        length += len(word) + len(separator)
    return "".join(parts)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_random_text(2_000_000, 7), id="random-2MB"),
        pytest.param("word " * 400_000, id="one-long-line"),
        pytest.param("[" * 1_000_000 + "]", id="open-brackets"),
        pytest.param("^ " + "a b " * 250_000, id="backlink-run"),
        pytest.param("1. ^ " + "[1]:" * 250_000, id="pins"),
        pytest.param("x\n" * 200_000, id="short-lines"),
        pytest.param("X.\n" * 100_000, id="short-paragraphs"),
        pytest.param("@" * 1_000_000, id="at-signs"),
        pytest.param("Home" + " " * 1_000_000 + "x\nRead more\nSupport Us\n", id="spaces"),
        pytest.param(
            "Dogs bark.[a][1]\n\n" + "Notes\n\n 1. ^ x\n\nReferences\n\n 1. ^ y\n\n" * 10_000,
            id="many-lists",
        ),
    ],
)
def test_large_inputs_stay_fast(text):
    started = time.perf_counter()
    article = parse_text(text)
    elapsed = time.perf_counter() - started
    _assert_spans_valid(article)
    assert elapsed < 20, f"{elapsed:.1f}s"
