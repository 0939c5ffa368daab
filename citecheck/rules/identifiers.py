"""Identifiers in citations (ISBN, ISSN, DOI, PMID, PMC) that cannot exist.

Each rule judges an identifier the way the wiki's citation module does, so a finding is a
citation the reader sees marked with a red error (or, for a ``PMC`` prefix, listed for
maintenance). Identifiers are read from two places:

- the identifier parameters of every citation template (``|isbn=``, ``|ISBN=``, ``|issn=``,
  ``|eissn=``, ``|doi=``, ``|pmid=``, ``|pmc=`` and their upper-case forms);
- the stand-alone identifier templates ``{{ISBN|…}}``, ``{{ISSN|…}}``, ``{{doi|…}}``,
  ``{{PMID|…}}`` and ``{{PMC|…}}`` written anywhere else (in footnotes, in bibliographies, in a
  citation's free-form ``|id=``), outside comments, ``<nowiki>`` and ``<pre>``.

The magic link ``ISBN 978-…`` in plain text is not read: MediaWiki has deprecated magic
links, and where they are switched off (as on the English Wikipedia) the text links nowhere
and shows no error.

The check digits of ISBNs and ISSNs are computed by python-stdnum, the maintained library of
standard-number formats. What the wiki's module requires beyond a valid number (the
characters it accepts, the 978/979 prefix, the groups reserved for printed music and for
Amazon's numbers, the shape of a DOI, the ranges of PubMed numbers) is written out here,
following the module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass

from stdnum import ean, isbn, issn
from stdnum.exceptions import InvalidChecksum, ValidationError

from citecheck.model import Article, Finding, Severity, Span
from citecheck.parse import cs1
from citecheck.rules.base import Rule, RuleContext

# The highest identifiers the registries had issued, rounded up, as of December 2026. The wiki's
# citation module keeps the same kind of limits (its configuration's ``id_limits``) and raises
# them a few times a year; raise these with it, or new articles will be reported.
PMID_LIMIT = 44_000_000
"""PubMed had issued PMIDs up to about 43 million by December 2026."""
PMC_LIMIT = 14_500_000
"""PubMed Central had issued PMCIDs up to about PMC14 million by December 2026."""

ISBN_PARAMETERS = frozenset({"isbn", "ISBN"})
ISSN_PARAMETERS = frozenset({"issn", "ISSN", "eissn", "EISSN"})
DOI_PARAMETERS = frozenset({"doi", "DOI"})
PMID_PARAMETERS = frozenset({"pmid", "PMID"})
PMC_PARAMETERS = frozenset({"pmc", "PMC"})
_ALL_PARAMETERS = (
    ISBN_PARAMETERS | ISSN_PARAMETERS | DOI_PARAMETERS | PMID_PARAMETERS | PMC_PARAMETERS
)

_SHOWN = 60
"""The longest value a message quotes in full."""


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one identifier; ``severity`` None keeps the rule's own."""

    message: str
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class _Identifier:
    label: str
    """``ISBN``, ``eISSN``…: what the message calls it."""
    value: str
    """As written, comments removed, stripped."""
    span: Span
    reference: str | None
    """The owning reference; for a stand-alone template, found only when there is a finding."""
    standalone: bool = False
    accepted: bool = False
    """Marked ``((…))``: "accept this as written"."""
    inside_template: str | None = None
    """The value is an identifier template itself (``|isbn={{ISBN|…}}``): its name."""


Validate = Callable[[str], Problem | None]


# --- Reading the identifiers ----------------------------------------------------------------

_ACCEPT = re.compile(r"\(\((.*)\)\)", re.DOTALL)
_PIPE_TEMPLATE = re.compile(r"\{\{\s*!\s*\}\}")
_ID_TEMPLATE_NAMES = {"isbn": "ISBN", "issn": "ISSN", "doi": "DOI", "pmid": "PMID", "pmc": "PMC"}
_ID_TEMPLATE_PATTERN = r"\{\{\s*(?:template\s*:\s*)?(%s)\s*(\|[^{}]*)?\}\}"
_ID_TEMPLATE = re.compile(_ID_TEMPLATE_PATTERN % "isbn|issn|doi|pmid|pmc", re.IGNORECASE)
_ONE_ID_TEMPLATE = {
    name: re.compile(_ID_TEMPLATE_PATTERN % name, re.IGNORECASE) for name in _ID_TEMPLATE_NAMES
}
_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(nowiki|pre|syntaxhighlight|source|math)(?:\s[^>]*)?(?<!/)>.*?(?:</\1\s*>|\Z)",
    re.DOTALL | re.IGNORECASE,
)


def _identifiers(article: Article, names: frozenset[str], template: str) -> Iterator[_Identifier]:
    """Every identifier of one kind: the citation templates' parameters named ``names``, then
    the stand-alone ``{{template|…}}`` calls (``template`` lower case)."""
    inside: list[Span] = []
    for citation in article.citation_templates:
        for parameter in citation.parameters:
            if parameter.name not in _ALL_PARAMETERS:
                continue
            value = parameter.value
            if "{{" in value:
                inside.append(parameter.span)
            if parameter.name not in names or not value:
                continue
            label = "eISSN" if parameter.name.lower() == "eissn" else template.upper()
            yield _read(label, value, parameter.span, citation.reference)
    yield from _standalone(article, template, inside)


def _read(
    label: str, value: str, span: Span, reference: str | None, standalone: bool = False
) -> _Identifier:
    value = _PIPE_TEMPLATE.sub("|", value)
    accepted = _ACCEPT.fullmatch(value)
    if accepted:
        value = accepted.group(1).strip()
    inner = None
    if "{{" in value or "}}" in value:
        found = _ID_TEMPLATE.fullmatch(value)
        inner = _ID_TEMPLATE_NAMES[found.group(1).lower()] if found else ""
    return _Identifier(label, value, span, reference, standalone, bool(accepted), inner)


def _standalone(article: Article, template: str, inside: list[Span]) -> Iterator[_Identifier]:
    text = article.text
    if "{{" not in text:
        return
    hidden: list[tuple[int, int]] | None = None
    for match in _ONE_ID_TEMPLATE[template].finditer(text):
        if not match.group(2):
            continue
        if hidden is None:
            hidden = [m.span() for m in _HIDDEN.finditer(text)] if "<" in text else []
        start = match.start()
        if any(a <= start < b for a, b in hidden) or any(s.start <= start < s.end for s in inside):
            continue
        position = match.start(2)
        for part in match.group(2)[1:].split("|"):
            position += 1
            span = Span(position, position + len(part))
            position += len(part)
            name, equals, value = part.partition("=")
            if equals and not name.strip().isdigit():
                continue  # a named option (|link=no), not an identifier
            value = (value if equals else part).strip()
            value = cs1.without_comments(value).strip()
            if value:
                yield _read(_ID_TEMPLATE_NAMES[template], value, span, None, standalone=True)


def _owner(article: Article, where: Span) -> str | None:
    """The innermost defined reference whose definition holds ``where``."""
    start, end = where.start, where.end
    owner = None
    size = None
    for reference in article.references:
        span = reference.span
        inside = reference.defined and span.start <= start and end <= span.end
        if inside and (size is None or len(span) < size):
            owner, size = reference.id, len(span)
    return owner


def _shown(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= _SHOWN else flat[: _SHOWN - 1] + "…"


def _run(
    rule: Rule, article: Article, names: frozenset[str], template: str, validate: Validate
) -> Iterator[Finding]:
    for identifier in _identifiers(article, names, template):
        if identifier.inside_template is not None:
            if identifier.inside_template == "":
                continue  # another template: what it expands to cannot be known here
            problem: Problem | None = Problem(
                f"give the bare identifier, not the {{{{{identifier.inside_template}}}}} "
                "template (the citation adds the label and the link itself)"
            )
        elif identifier.accepted and template not in ("pmid", "pmc"):
            continue  # ((…)): the editor has checked it and asks for it to be taken as written
        else:
            problem = validate(identifier.value)
        if problem is not None:
            reference = identifier.reference
            if identifier.standalone:
                reference = _owner(article, identifier.span)
            yield rule.finding(
                f"{identifier.label} {_shown(identifier.value)}: {problem.message}",
                identifier.span,
                severity=problem.severity,
                reference=reference,
            )


def _bad_character(value: str, allowed: Container[str]) -> str:
    """The first character not in ``allowed``, described for a message."""
    for index, char in enumerate(value):
        if char not in allowed:
            if char == "&":
                entity = re.match(r"&#?\w+;", value[index:])
                if entity:
                    return f"the HTML entity {entity.group(0)}"
            if char == " ":
                return "a space"
            if char.isspace() or not char.isprintable():
                return f"the invisible character U+{ord(char):04X}"
            if not char.isascii() and char.isdigit():
                return f"the non-ASCII digit {char!r} (U+{ord(char):04X})"
            return repr(char)
    return ""


# --- ISBN -----------------------------------------------------------------------------------

_ISBN_CHARACTERS = frozenset("0123456789X- \t\n\r")
_LIST_SEPARATOR = re.compile(r"\s*[,;/]\s*|\s+(?:and|or)\s+|\s+")


def isbn_problem(value: str) -> Problem | None:
    """What the citation module would say about ``|isbn=value``; None when it is valid."""
    if re.match(r"isbn\b", value, re.IGNORECASE):
        return Problem("remove the 'ISBN' label: the citation adds it")
    bad = _bad_character(value, _ISBN_CHARACTERS)
    several = Problem("holds more than one ISBN: give one (the one of the edition read)")
    if bad:
        if _several_isbns(value):
            return several
        if value[-1] == "x" and not _bad_character(value[:-1], _ISBN_CHARACTERS):
            return Problem("the check digit X must be a capital X")
        return Problem(f"contains {bad}, but an ISBN has only digits, X, hyphens and spaces")
    digits = re.sub(r"[\s-]", "", value)
    if len(digits) not in (10, 13):
        if _several_isbns(value):
            return several
        hint = " (an old 9-digit SBN goes in |sbn=)" if len(digits) == 9 else ""
        return Problem(f"{_length(digits)}; an ISBN has 10 or 13 digits{hint}")
    if "X" in digits[:-1]:
        return Problem("X can only be the last (check) digit")
    if len(digits) == 13:
        if "X" in digits:
            return Problem("an ISBN-13 has no X: its check digit is 0–9")
        if not digits.startswith(("978", "979")):
            return Problem(f"an ISBN-13 begins with 978 or 979, not {digits[:3]}")
        if digits.startswith("9790"):
            return Problem("979-0 numbers are ISMNs (printed music): cite it with |ismn=")
        if not isbn.is_valid(digits):
            return Problem(f"check digit should be {ean.calc_check_digit(digits[:-1])}")
        return None
    if not isbn.is_valid(digits):
        expected = next((c for c in "0123456789X" if isbn.is_valid(digits[:-1] + c)), "?")
        return Problem(f"check digit should be {expected}")
    if digits.startswith(("630", "631")):
        return Problem("630 and 631 begin Amazon's ASINs, not ISBNs: cite it with |asin=")
    return None


def _length(digits: str) -> str:
    return f"is {len(digits)} character{'' if len(digits) == 1 else 's'} long"


def _several_isbns(value: str) -> bool:
    parts = [part for part in _LIST_SEPARATOR.split(value) if part]
    return len(parts) > 1 and all(
        re.fullmatch(r"[0-9Xx-]+", part) and len(part.replace("-", "")) in (10, 13)
        for part in parts
    )


def _invalid_isbn(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """An ISBN that no book can have.

    **What it flags.** An ``|isbn=`` (or ``|ISBN=``) of a citation template, or an ISBN in
    ``{{ISBN|…}}``, that the wiki's citation module rejects: a character other than digits,
    hyphens, spaces and a capital ``X`` (an en dash, a non-breaking space, full-width digits,
    an ``ISBN`` label, two ISBNs in one parameter); a length other than 10 or 13 digits; an
    ``X`` anywhere but the last place of an ISBN-10; an ISBN-13 that does not begin 978 or 979,
    or begins 979-0 (reserved for music); an ISBN-10 beginning 630 or 631 (Amazon's numbers);
    and a wrong check digit, with the digit it should be. A value wrapped in ``((…))`` ("accept
    as written") is never flagged.

    **Why.** The wiki shows the citation with a red error, and the ISBN links readers to no
    book or to another one: a typo in an ISBN usually still looks plausible, and only the
    check digit tells. Readers and librarians use the ISBN to find the exact edition cited.

    **Example.**

        {{cite book |last=Sagan |first=Carl |title=Cosmos |publisher=Random House
        |year=1980 |isbn=978-0-394-50294-5}}

    (the check digit of 978-0-394-50294 is 6).

    **Fix.** Copy the ISBN again from the book's copyright page or the publisher's catalogue
    record. If the printed ISBN really is wrong (publishers do misprint them), keep it and
    write it as ``|isbn=((…))``.
    """
    return _run(rule, article, ISBN_PARAMETERS, "isbn", isbn_problem)


# --- ISSN -----------------------------------------------------------------------------------

_ISSN_CHARACTERS = frozenset("0123456789X- \t\n\r")


def issn_problem(value: str) -> Problem | None:
    """What the citation module would say about ``|issn=value``; None when it is valid."""
    if re.match(r"e?issn\b", value, re.IGNORECASE):
        return Problem("remove the 'ISSN' label: the citation adds it")
    bad = _bad_character(value, _ISSN_CHARACTERS)
    if bad:
        if value[-1] == "x" and not _bad_character(value[:-1], _ISSN_CHARACTERS):
            return Problem("the check digit X must be a capital X")
        return Problem(f"contains {bad}, but an ISSN has only digits, X and a hyphen")
    digits = re.sub(r"[\s-]", "", value)
    if len(digits) != 8:
        return Problem(f"{_length(digits)}; an ISSN has 8 digits (as 1234-5679)")
    if "X" in digits[:-1]:
        return Problem("X can only be the last (check) digit")
    try:
        issn.validate(digits)
    except InvalidChecksum:
        return Problem(f"check digit should be {issn.calc_check_digit(digits[:-1])}")
    except ValidationError as error:  # not reached after the checks above; kept for safety
        return Problem(str(error) or "not a valid ISSN")
    return None


def _invalid_issn(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """An ISSN that no periodical can have.

    **What it flags.** An ``|issn=`` or ``|eissn=`` (or their upper-case forms) of a
    citation template, or an ISSN in ``{{ISSN|…}}``, that is not eight digits (hyphens and
    spaces aside) with only a capital ``X`` as its last, or whose check digit is wrong (the
    message gives the right one). A value wrapped in ``((…))`` is never flagged.

    **Why.** The wiki shows the citation with a red error, and the ISSN's link to the
    periodical's catalogue record finds nothing or another journal.

    **Example.**

        {{cite journal |title=Hearing loss |journal=Hearing Research |issn=0378-5954}}

    (the check digit of 0378-595 is 5).

    **Fix.** Copy the ISSN from the journal's masthead or the ISSN portal; check that print
    and online ISSNs are not mixed up (the online one goes in ``|eissn=``).
    """
    return _run(rule, article, ISSN_PARAMETERS, "issn", issn_problem)


# --- DOI ------------------------------------------------------------------------------------

_DOI_PREFIX = re.compile(
    r"(?:doi\s*[:\s]\s*|(?:https?:)?//(?:dx\.|www\.)?doi\.org/|(?:dx\.|www\.)?doi\.org/)",
    re.IGNORECASE,
)
_DOI_INSIDE = re.compile(r"10\.[0-9]{4,5}(?:\.[0-9]+)*/\S+")
_REGISTRANT = re.compile(r"[1-9][0-9]{3,4}(?:\.[.0-9]*)?|[0-9]{3}\.[.0-9]*")
_TEST_REGISTRANT = "5555"


def doi_problem(value: str) -> Problem | None:
    """What the citation module would say about ``|doi=value``; None when it is valid.

    A DOI is ``10.`` then a registrant code (digits, with dotted sub-codes), ``/`` and a
    suffix of any characters but spaces; the module also rejects an en dash, a final ``.``
    or ``,`` (almost always the punctuation after it) and registrant codes no registration
    agency hands out.
    """
    glued = _DOI_PREFIX.match(value)
    if glued and value[glued.end() :].strip():
        rest = value[glued.end() :].strip()
        what = "doi.org URL" if "doi.org" in glued.group(0).lower() else "doi label"
        return Problem(f"remove the {what}: give only the DOI ({_shown(rest)})")
    if not value.startswith("10."):
        inside = _DOI_INSIDE.search(value)
        if inside and "/" in value[: inside.start()]:
            return Problem(f"a URL, not a DOI: give only the DOI ({_shown(inside.group(0))})")
        return Problem("a DOI begins with 10.")
    registrant, slash, suffix = value[3:].partition("/")
    if not slash:
        if "%2f" in value.lower():
            return Problem("the / is URL-encoded as %2F: write /")
        return Problem("no / after the registrant code (10.1234/suffix)")
    if not suffix:
        return Problem("nothing after the / : the suffix is missing")
    if any(c.isspace() for c in value):
        return Problem("contains a space; a DOI has none")
    if "–" in value:
        return Problem("contains an en dash (–); DOIs use the hyphen (-)")
    if value[-1] in ".,":
        return Problem(f"ends with {value[-1]!r}, which is punctuation, not part of the DOI")
    if not _REGISTRANT.fullmatch(registrant) or registrant == _TEST_REGISTRANT:
        return Problem(f"10.{_shown(registrant)} is not a registrant code a DOI can have")
    return None


def _invalid_doi(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A malformed DOI, most often one with a URL or punctuation glued on.

    **What it flags.** A ``|doi=`` (or ``|DOI=``) of a citation template, or a DOI in
    ``{{doi|…}}``, that is not ``10.`` + registrant code + ``/`` + suffix: a
    ``https://doi.org/`` (or publisher) URL or a ``doi:`` prefix in front of it, no ``/`` or
    nothing after it, a space or an en dash in it, a final ``.`` or ``,``, and a registrant
    code that is not four or five digits (sub-codes aside) or is the test registrant 5555.
    Every five-digit registrant code is accepted: the module's own ranges are narrower, and
    it widens them as registration agencies hand out new prefixes. A value wrapped in
    ``((…))`` is never flagged.

    **Why.** The wiki shows the citation with a red error, and the DOI link, the reader's most
    durable way to the source, leads to a "DOI not found" page.

    **Example.**

        {{cite journal |title=… |journal=Nature |doi=https://doi.org/10.1038/nature12373}}

        {{cite journal |title=… |journal=Nature |doi=10.1038/nature12373.}}

    **Fix.** Keep only the DOI itself: ``|doi=10.1038/nature12373``. Check it at
    doi.org; if it is right but does not resolve, keep it and add ``|doi-broken-date=``.
    """
    return _run(rule, article, DOI_PARAMETERS, "doi", doi_problem)


# --- PMID and PMC ---------------------------------------------------------------------------

_ASCII_NUMBER = re.compile(r"[0-9]+")
_PMC_PREFIXED = re.compile(r"[Pp][Mm][Cc]([0-9]+)")


def _number_problem(value: str, label: str, noun: str, limit: int) -> Problem | None:
    """A serial number: ASCII digits, from 1 up to ``limit``."""
    if not _ASCII_NUMBER.fullmatch(value):
        if re.match(rf"{label}\b", value, re.IGNORECASE):
            return Problem(f"remove the '{label}' label: the citation adds it")
        bad = _bad_character(value, "0123456789")
        return Problem(f"contains {bad}, but a {noun} is a number and nothing else")
    number = int(value)
    if number < 1:
        return Problem(f"{noun}s start at 1")
    if number > limit:
        return Problem(
            f"larger than any {noun} issued (they were below {limit:,} in December 2026)"
        )
    return None


def pmid_problem(value: str) -> Problem | None:
    """What the citation module would say about ``|pmid=value``; None when it is valid."""
    if _PMC_PREFIXED.fullmatch(value):
        return Problem("a PubMed Central ID, not a PMID: it goes in |pmc=")
    return _number_problem(value, "PMID", "PMID", PMID_LIMIT)


def pmc_problem(value: str) -> Problem | None:
    """What the citation module would say about ``|pmc=value``; None when it is valid."""
    prefixed = _PMC_PREFIXED.fullmatch(value)
    if prefixed:
        number = prefixed.group(1)
        wrong = _number_problem(number, "PMC", "PMCID", PMC_LIMIT)
        if wrong is not None:
            return wrong
        return Problem(
            f"give the number without the PMC prefix ({number.lstrip('0')})", Severity.WARNING
        )
    return _number_problem(value, "PMC", "PMCID", PMC_LIMIT)


def _invalid_pmid(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A PubMed identifier that is not a PMID.

    **What it flags.** A ``|pmid=`` (or ``|PMID=``) of a citation template, or a PMID in
    ``{{PMID|…}}``, that is not a plain number (ASCII digits only: no ``PMID`` label, no
    spaces or punctuation, no full-width digits), is 0, or is higher than any PMID PubMed has
    issued (``PMID_LIMIT``, 44,000,000 as of December 2026).

    **Why.** The wiki shows the citation with a red error, and the link to PubMed finds no
    article or, for a mistyped number, another one.

    **Example.**

        {{cite journal |title=… |journal=The Lancet |pmid=PMID 12345678}}

        {{cite journal |title=… |journal=The Lancet |pmid=123456789}}

    **Fix.** Copy the PMID from the article's PubMed page, digits only. A PMCID (``PMC…``)
    goes in ``|pmc=``, not here.
    """
    return _run(rule, article, PMID_PARAMETERS, "pmid", pmid_problem)


def _invalid_pmc(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A PubMed Central identifier that is not a PMCID number.

    **What it flags.** A ``|pmc=`` (or ``|PMC=``) of a citation template, or a PMCID in
    ``{{PMC|…}}``, that is not a plain number (ASCII digits only), is 0, or is higher than any
    PMCID issued (``PMC_LIMIT``, 14,500,000 as of December 2026); and, as a warning, one
    written with its ``PMC`` prefix (``|pmc=PMC1234567``).

    **Severity.** `error` for a value that is not a PMCID, which the wiki marks with a red
    error; `warning` for a valid number written with the ``PMC`` prefix, which the citation
    module accepts but lists for maintenance.

    **Why.** The free full text in PubMed Central is often the only copy of the source a
    reader can open; a broken PMCID takes that link away.

    **Example.**

        {{cite journal |title=… |journal=PLOS ONE |pmc=PMC 3159765}}

        {{cite journal |title=… |journal=PLOS ONE |pmc=PMC3159765}}

    **Fix.** Give the number alone: ``|pmc=3159765``. A PubMed PMID goes in ``|pmid=``.
    """
    return _run(rule, article, PMC_PARAMETERS, "pmc", pmc_problem)


RULES: tuple[Rule, ...] = (
    Rule(
        code="CC701",
        name="invalid-isbn",
        severity=Severity.ERROR,
        summary="An ISBN has a wrong length, character, prefix or check digit.",
        check=_invalid_isbn,
    ),
    Rule(
        code="CC702",
        name="invalid-issn",
        severity=Severity.ERROR,
        summary="An ISSN has a wrong length, character or check digit.",
        check=_invalid_issn,
    ),
    Rule(
        code="CC703",
        name="invalid-doi",
        severity=Severity.ERROR,
        summary="A DOI is malformed: no 10. prefix, URL or punctuation glued on.",
        check=_invalid_doi,
    ),
    Rule(
        code="CC704",
        name="invalid-pmid",
        severity=Severity.ERROR,
        summary="A PMID is not a number or is out of PubMed's range.",
        check=_invalid_pmid,
    ),
    Rule(
        code="CC705",
        name="invalid-pmc",
        severity=Severity.ERROR,
        summary="A PMC identifier is not a number or is out of PubMed Central's range.",
        check=_invalid_pmc,
    ),
)
