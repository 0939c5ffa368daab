"""Rules about footnotes and reference lists in wikitext (the wiki's own "Cite errors")."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import (
    EMPTY_REF,
    Article,
    Finding,
    Reference,
    ReferenceKind,
    Severity,
    SourceFormat,
    Span,
)
from citecheck.rules.base import Rule, RuleContext


def _label(reference: Reference) -> str:
    return f'"{reference.name}"' if reference.name else reference.id


def _undefined_ref(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A named reference used but never defined.

    **What it flags.** ``<ref name="nyt" />`` (or ``{{r|nyt}}``) when no ``<ref name="nyt">``
    with content exists anywhere in the article, in the text or in the reference list.

    **Why.** The wiki renders a "Cite error" in place of the footnote: the reader gets no
    source at all. It usually happens when the defining use was removed in an edit.

    **Example.**

        The bridge opened in 1932.<ref name="times" />      (no <ref name="times">…</ref>)

    **Fix.** Restore the definition (the page history has it) or cite the source again.
    """
    for reference in article.references:
        if reference.kind is ReferenceKind.REF and not reference.defined:
            yield rule.finding(
                f"Reference {_label(reference)} is used but never defined",
                reference.span,
                reference=reference.id,
            )


def _unused_ref(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A list-defined reference that no text uses.

    **What it flags.** A ``<ref name="x">…</ref>`` defined inside ``{{reflist|refs=…}}`` or
    ``<references>…</references>`` that nothing in the article cites.

    **Why.** The wiki shows a "Cite error" in the reference list, and the source supports
    nothing the reader can see.

    **Example.**

        {{reflist|refs=<ref name="old">An orphaned source.</ref>}}

    **Fix.** Cite it where it supports the text, or delete the definition.
    """
    for reference in article.references:
        if reference.kind is ReferenceKind.REF and reference.list_defined and not reference.uses:
            yield rule.finding(
                f"Reference {_label(reference)} is defined in the reference list but never used",
                reference.span,
                reference=reference.id,
            )


def _duplicate_ref_name(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """One reference name defined twice with different content.

    **What it flags.** Two ``<ref name="x">…</ref>`` with the same name (in the same group)
    whose contents differ. Identical redefinitions are allowed and not flagged.

    **Why.** The wiki keeps one of them and shows a "Cite error": a statement ends up
    pointing at a source its editor did not choose.

    **Example.**

        A.<ref name="bbc">BBC, 2001.</ref> B.<ref name="bbc">BBC, 2005.</ref>

    **Fix.** Rename one of them, or reuse the first with ``<ref name="bbc" />``.
    """
    for reference in article.references:
        for span in reference.redefinitions:
            yield rule.finding(
                f"Reference name {_label(reference)} is defined again with different content",
                span,
                reference=reference.id,
            )


def _empty_ref(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A footnote with no content and no name.

    **What it flags.** ``<ref></ref>``, ``<ref />`` and footnotes holding only whitespace.

    **Why.** The reader sees a footnote number that leads nowhere ("Cite error").

    **Example.**

        The village has a church.<ref></ref>

    **Fix.** Put the citation inside the tags, or remove them.
    """
    for problem in article.problems:
        if problem.kind == EMPTY_REF:
            yield rule.finding("Footnote with no content and no name", problem.span)


def _bare_url_ref(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A footnote that is only a URL.

    **What it flags.** ``<ref>https://…</ref>`` and ``<ref>[https://… title]</ref>`` with no
    citation template and nothing but the link; in a rendered page (HTML or copied text),
    a footnote that shows one link and no words of its own.

    **Why.** When the link dies, nothing is left to find the source by: no title, author,
    publisher or date. Bare URLs are among the most common citation errors.

    **Example.**

        Founded in 1901.<ref>https://example.com/history</ref>

    **Fix.** Use a citation template (``{{cite web|url=…|title=…|website=…|date=…}}``)
    with an archived copy.
    """
    for reference in article.references:
        if reference.kind not in (ReferenceKind.REF, ReferenceKind.ENTRY):
            continue
        if reference.defined and reference.bare_url:
            yield rule.finding(
                f"Footnote {_label(reference)} is a bare URL",
                reference.span,
                reference=reference.id,
            )


def _missing_reference_list(
    rule: Rule, article: Article, context: RuleContext
) -> Iterator[Finding]:
    """Footnotes with no reference list to show them.

    **What it flags.** Footnotes (or explanatory notes) of a group — the default group or
    a named one such as ``group="note"`` — when the article has no ``{{reflist}}``,
    ``{{notelist}}`` or ``<references />`` for that group.

    **Why.** The wiki shows a "Cite error" and the citations are not listed where readers
    look for them.

    **Example.**

        Text.<ref>Source.</ref>                 (and no {{reflist}} anywhere)

    **Fix.** Add a References section with ``{{reflist}}`` (and ``{{notelist}}`` for notes).
    """
    if article.format is not SourceFormat.WIKITEXT:
        return
    listed = {_group_key(rl.group) for rl in article.reference_lists}
    first_use: dict[str, tuple[Span, str | None]] = {}
    for citation in article.citations:
        reference = article.reference(citation.reference)
        if reference.kind in (ReferenceKind.REF, ReferenceKind.SHORT):
            first_use.setdefault(_group_key(reference.group), (citation.span, reference.id))
    for note in article.notes:
        first_use.setdefault(_group_key(note.group), (note.span, None))
    for group, (span, reference_id) in first_use.items():
        if group in listed:
            continue
        what = "Footnotes are" if not group else f'Notes of group "{group}" are'
        template = "{{reflist}}" if not group else "{{notelist}}"
        yield rule.finding(
            f"{what} used but there is no reference list for them ({template} or <references />)",
            span,
            reference=reference_id,
        )


def _group_key(group: str | None) -> str:
    return (group or "").strip().casefold()


def _missing_sfn_target(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A shortened footnote that points at no full citation.

    **What it flags.** ``{{sfn|Smith|2001}}`` (also ``{{sfnp}}``, ``{{sfnm}}``, ``{{harv}}``,
    ``{{harvnb}}`` inside a footnote) when no full citation in the article carries the
    anchor ``CITEREFSmith2001``: built by a citation template from up to four author (or
    editor) surnames and the year, or given with ``ref={{harvid|Smith|2001}}``.

    **Why.** The shortened footnote is only a pointer; a reader who follows it finds
    nothing ("Harv error: this link doesn't point to any citation").

    **Example.**

        Text.{{sfn|Smith|2001|p=5}}     (no {{cite book|last=Smith|year=2001|…}} below)

    **Fix.** Add the full citation to the Bibliography/Sources section, or correct the
    surname or year so both sides agree.
    """
    for reference in article.references:
        for target in reference.targets:
            if target not in article.anchors:
                yield rule.finding(
                    f"Shortened footnote points at {target}, but no full citation has that anchor",
                    reference.span,
                    reference=reference.id,
                )


UNDEFINED_REF = Rule(
    code="CC201",
    name="undefined-ref",
    severity=Severity.ERROR,
    summary="A named reference is used but never defined.",
    check=_undefined_ref,
)
UNUSED_REF = Rule(
    code="CC202",
    name="unused-ref",
    severity=Severity.ERROR,
    summary="A list-defined reference is never used.",
    check=_unused_ref,
)
DUPLICATE_REF_NAME = Rule(
    code="CC203",
    name="duplicate-ref-name",
    severity=Severity.ERROR,
    summary="A reference name is defined twice with different content.",
    check=_duplicate_ref_name,
)
EMPTY_REF_RULE = Rule(
    code="CC204",
    name="empty-ref",
    severity=Severity.ERROR,
    summary="A footnote has no content and no name.",
    check=_empty_ref,
)
BARE_URL_REF = Rule(
    code="CC205",
    name="bare-url-ref",
    severity=Severity.WARNING,
    summary="A footnote is only a URL.",
    check=_bare_url_ref,
)
MISSING_REFERENCE_LIST = Rule(
    code="CC206",
    name="missing-reference-list",
    severity=Severity.ERROR,
    summary="Footnotes are used but no reference list shows them.",
    check=_missing_reference_list,
)
MISSING_SFN_TARGET = Rule(
    code="CC207",
    name="missing-sfn-target",
    severity=Severity.ERROR,
    summary="A shortened footnote points at no full citation.",
    check=_missing_sfn_target,
)

RULES = (
    UNDEFINED_REF,
    UNUSED_REF,
    DUPLICATE_REF_NAME,
    EMPTY_REF_RULE,
    BARE_URL_REF,
    MISSING_REFERENCE_LIST,
    MISSING_SFN_TARGET,
)
