"""From paragraphs and markers to statements: the part of parsing every format shares.

Citations follow the text they support, so a marker belongs to the sentence it ends or
interrupts; one that stands in the gap after a sentence's punctuation belongs to that
sentence, and the statement's span grows to take it in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from citecheck.claims import assess
from citecheck.model import (
    Article,
    Citation,
    CitationTemplate,
    Coverage,
    Exemption,
    Note,
    Section,
    Span,
    Statement,
    TagKind,
)
from citecheck.parse.draft import ArticleDraft, Event, EventKind, ParagraphDraft
from citecheck.parse.sections import heading_exemption
from citecheck.sentences import split_sentences

_SPACE_BEFORE_CLOSER = re.compile(r"\s+([,.;:!?)\]}»”])")
_SPACE_AFTER_OPENER = re.compile(r"([(\[{«“])\s+")
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;:]?\s*\)|\[\s*\]")
_BRACKET_LEADING_SEPARATOR = re.compile(r"\(\s*[,;:]\s*")
_HAS_WORD = re.compile(r"\w")

_NO_CLAIMS = frozenset({Exemption.PLOT, Exemption.NON_PROSE, Exemption.DISAMBIGUATION})


def clean_statement_text(raw: str) -> str:
    """Whitespace collapsed, and the stray spaces and brackets that removed markup leaves."""
    text = " ".join(raw.split())
    if "(" in text or "[" in text:
        text = _EMPTY_BRACKETS.sub("", text)
        text = _BRACKET_LEADING_SEPARATOR.sub("(", text)
        text = _SPACE_AFTER_OPENER.sub(r"\1", text)
    elif "“ " in text or "« " in text or "{ " in text:
        text = _SPACE_AFTER_OPENER.sub(r"\1", text)
    if _SPACE_BEFORE_CLOSER.search(text):
        text = " ".join(_SPACE_BEFORE_CLOSER.sub(r"\1", text).split())
    return text


@dataclass(slots=True)
class _StatementDraft:
    id: str
    section: int
    paragraph: int
    text: str
    start: int
    end: int
    quote: bool
    citations: list[str] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def assemble(draft: ArticleDraft) -> Article:
    statements: list[_StatementDraft] = []
    paragraph_index = 0
    for paragraph in draft.paragraphs:
        if paragraph.events or paragraph.has_text:
            paragraph_index += bool(_split_paragraph(draft, paragraph, paragraph_index, statements))

    sections = _freeze_sections(draft, statements)
    frozen = _freeze_statements(draft, statements, sections)
    return Article(
        source=draft.source,
        text=draft.text,
        format=draft.format,
        title=draft.title,
        sections=sections,
        statements=frozen,
        references=tuple(draft.references),
        citations=tuple(
            Citation(
                reference=c.reference,
                span=Span(c.start, c.end),
                page=c.page,
                statement=c.statement,
                note=c.note,
            )
            for c in draft.citations
        ),
        notes=tuple(
            Note(
                id=n.id,
                span=Span(n.start, n.end),
                group=n.group,
                text=n.text,
                statement=n.statement,
            )
            for n in draft.notes
        ),
        tags=tuple(tag.freeze() for tag in draft.tags),
        reference_lists=tuple(draft.reference_lists),
        anchors=frozenset(draft.anchors),
        problems=tuple(draft.problems),
        disambiguation=draft.disambiguation,
        redirect=draft.redirect,
        citation_templates=_owned_templates(draft),
        url=draft.url,
    )


def _owned_templates(draft: ArticleDraft) -> tuple[CitationTemplate, ...]:
    """Each citation template with the reference whose definition holds it (the innermost,
    for a footnote defined inside another's list)."""
    if not draft.citation_templates:
        return ()
    definitions = sorted((r.span.start, -r.span.end, r.id) for r in draft.references if r.defined)
    starts = [start for start, _, _ in definitions]
    owned = []
    for template in draft.citation_templates:
        owner = None
        for at in range(bisect.bisect_right(starts, template.span.start) - 1, -1, -1):
            _, negative_end, reference_id = definitions[at]
            if -negative_end >= template.span.end:
                owner = reference_id
                break
        owned.append(
            CitationTemplate(template.name, template.span, template.parameters, reference=owner)
        )
    return tuple(owned)


def _split_paragraph(
    draft: ArticleDraft,
    paragraph: ParagraphDraft,
    paragraph_index: int,
    statements: list[_StatementDraft],
) -> int:
    """Turn one paragraph into statements; return how many it made."""
    text = paragraph.text
    breaks = {e.position for e in paragraph.events if e.kind is EventKind.CITATION}
    made: list[_StatementDraft] = []
    starts: list[int] = []
    ends: list[int] = []
    open_quotes = 0
    for start, end in split_sentences(text, breaks=breaks) if paragraph.has_text else ():
        cleaned = clean_statement_text(text[start:end])
        # A sentence inside a quotation that runs over several sentences carries no
        # quotation marks of its own, but it is quoted all the same.
        inside_quotation = open_quotes > 0
        open_quotes = _quotes_open_after(cleaned, open_quotes)
        if not _HAS_WORD.search(cleaned):
            continue
        made.append(
            _StatementDraft(
                id=f"s{len(statements) + len(made) + 1}",
                section=paragraph.section,
                paragraph=paragraph_index,
                text=cleaned,
                start=paragraph.source_start(start),
                end=paragraph.source_end(end),
                quote=paragraph.quote or inside_quotation,
            )
        )
        starts.append(start)
        ends.append(end)

    if not made:
        # Markers with no text of their own (a footnote alone on its line after a blank
        # one) are meant for what came before.
        previous = statements[-1] if statements else None
        if previous is not None and previous.section == paragraph.section:
            for event in paragraph.events:
                _attach(draft, previous, event, extend=True)
        return 0

    for event in paragraph.events:
        # The sentence a marker belongs to: the last one that starts before it.
        which = max(bisect.bisect_left(starts, event.position) - 1, 0)
        statement = made[which]
        _attach(draft, statement, event, extend=event.position >= ends[which])
    statements.extend(made)
    return len(made)


def _quotes_open_after(text: str, open_before: int) -> int:
    """How many quotations are still open after ``text``: curly marks pair up, straight
    ones toggle. Apostrophes are too ambiguous to count."""
    if '"' not in text and "“" not in text and "”" not in text and "«" not in text:
        return open_before
    curly = open_before + text.count("“") - text.count("”") + text.count("«") - text.count("»")
    if text.count('"') % 2:
        curly = 0 if curly > 0 else 1
    return max(curly, 0)


def _attach(draft: ArticleDraft, statement: _StatementDraft, event: Event, *, extend: bool) -> None:
    if event.kind is EventKind.CITATION:
        citation = draft.citations[event.index]
        citation.statement = statement.id
        statement.citations.append(citation.reference)
    elif event.kind is EventKind.TAG:
        draft.tags[event.index].statement = statement.id
        statement.tags.append(event.index)
    else:
        note = draft.notes[event.index]
        if note.statement is None:
            note.statement = statement.id
        statement.notes.append(note.id)
    if extend and event.end > statement.end:
        statement.end = event.end


def _freeze_sections(draft: ArticleDraft, statements: list[_StatementDraft]) -> tuple[Section, ...]:
    exemptions: list[Exemption | None] = [None]
    stack: list[tuple[int, Exemption | None]] = []
    for section in draft.sections[1:]:
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        inherited = stack[-1][1] if stack else None
        own = heading_exemption(section.title) or inherited
        exemptions.append(own)
        stack.append((section.level, own))

    has_body = any(s.section > 0 and exemptions[s.section] is None for s in statements)
    if draft.lead_is_summary and has_body:
        exemptions[0] = Exemption.LEAD

    sections = []
    for index, section in enumerate(draft.sections):
        end = (
            draft.sections[index + 1].start if index + 1 < len(draft.sections) else len(draft.text)
        )
        sections.append(
            Section(
                index=index,
                title=section.title,
                level=section.level,
                span=Span(section.start, max(end, section.start)),
                heading=Span(section.start, section.heading_end),
                exempt=exemptions[index],
            )
        )
    return tuple(sections)


def _freeze_statements(
    draft: ArticleDraft, statements: list[_StatementDraft], sections: tuple[Section, ...]
) -> tuple[Statement, ...]:
    frozen_tags = [tag.freeze() for tag in draft.tags]
    coverage = _coverage(draft, statements)
    result = []
    for statement, covered in zip(statements, coverage, strict=True):
        exempt = Exemption.DISAMBIGUATION if draft.disambiguation else None
        exempt = exempt or sections[statement.section].exempt
        assessment = assess(statement.text, quoted=statement.quote)
        result.append(
            Statement(
                id=statement.id,
                section=statement.section,
                paragraph=statement.paragraph,
                text=statement.text,
                span=Span(statement.start, statement.end),
                citations=tuple(statement.citations),
                coverage=covered,
                needs_citation=assessment.needs_citation and exempt not in _NO_CLAIMS,
                reasons=assessment.reasons,
                exempt=exempt,
                tags=tuple(frozen_tags[i] for i in statement.tags),
                notes=tuple(statement.notes),
            )
        )
    return tuple(result)


def _coverage(draft: ArticleDraft, statements: list[_StatementDraft]) -> list[Coverage]:
    """Cited, covered by a later citation in the same paragraph, or not at all."""
    result = [Coverage.NONE] * len(statements)
    cited_later = False
    paragraph = -1
    for i in range(len(statements) - 1, -1, -1):
        statement = statements[i]
        if statement.paragraph != paragraph:
            paragraph = statement.paragraph
            cited_later = False
        if statement.citations:
            result[i] = Coverage.CITED
            cited_later = True
        elif cited_later and not any(
            draft.tags[t].kind is TagKind.NEEDS_SOURCE for t in statement.tags
        ):
            result[i] = Coverage.PARAGRAPH
    return result
