"""Every rule's pass and fail cases, as data files: tests/rules/cases/<rule-name>.toml.

A case file holds ``[[case]]`` tables: ``name``, ``expect`` ("pass" or "fail"), ``input``
(the article), optional ``format``, ``policy``, ``strict_lead`` and ``min_coverage`` (a
percentage), and for failing cases a list of ``[[case.findings]]`` with ``line``, ``severity``
and a ``message`` fragment. The case runs with only its rule selected, so other rules never
interfere, unless it lists more in ``also_select`` (the rules about suppression comments
judge what the comments did to other rules' findings).

Rules that judge what cited URLs answered take the answers from the case itself, so these
cases stay offline: ``[case.links."URL"]`` with ``status`` and optional ``http_status``,
``final_url`` and ``detail``, and ``[case.suggestions]`` mapping a dead URL to a capture.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from citecheck import RULES, Config, Policy, SourceFormat, check
from citecheck.model import LinkReport, LinkResult, LinkStatus

CASES = Path(__file__).parent / "cases"


def _load() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted(CASES.glob("*.toml")):
        with path.open("rb") as handle:
            for case in tomllib.load(handle)["case"]:
                cases.append((path.stem, case))
    return cases


ALL_CASES = _load()


@pytest.mark.parametrize(
    ("rule_name", "case"), ALL_CASES, ids=[f"{r}:{c['name']}" for r, c in ALL_CASES]
)
def test_rule_case(rule_name: str, case: dict) -> None:
    min_coverage = case.get("min_coverage")
    config = Config(
        select=frozenset({rule_name, *case.get("also_select", [])}),
        policy=Policy(case.get("policy", "paragraph")),
        strict_lead=case.get("strict_lead", False),
        min_coverage=None if min_coverage is None else min_coverage / 100,
        input_format=SourceFormat(case.get("format", "wikitext")),
    )
    report = check(case["input"], source="case", config=config, links=_links(case))
    found = [
        (report.article.lines.position(f.span.start)[0], str(f.severity), f.message)
        for f in report.findings
        if f.rule == rule_name
    ]
    if case["expect"] == "pass":
        assert found == [], f"{case['name']}: expected no findings"
        return
    expected = case.get("findings", [])
    assert expected, f"{case['name']}: a failing case must list its findings"
    assert len(found) == len(expected), f"{case['name']}: {found}"
    for (line, severity, message), want in zip(found, expected, strict=True):
        assert line == want["line"], f"{case['name']}: {message}"
        assert severity == want["severity"], f"{case['name']}: {message}"
        assert want["message"] in message, f"{case['name']}: {message!r}"


def _links(case: dict) -> LinkReport | None:
    if "links" not in case and "suggestions" not in case:
        return None
    results = {
        url: LinkResult(
            url=url,
            status=LinkStatus(answer["status"]),
            http_status=answer.get("http_status"),
            final_url=answer.get("final_url"),
            detail=answer.get("detail", ""),
        )
        for url, answer in case.get("links", {}).items()
    }
    return LinkReport(results=results, suggestions=case.get("suggestions", {}))


def test_every_rule_has_pass_and_fail_cases() -> None:
    kinds: dict[str, set[str]] = {}
    for rule_name, case in ALL_CASES:
        kinds.setdefault(rule_name, set()).add(case["expect"])
    for rule in RULES:
        assert kinds.get(rule.name) == {"pass", "fail"}, f"{rule.name} needs pass and fail cases"


def test_case_files_name_real_rules() -> None:
    names = {rule.name for rule in RULES}
    assert {path.stem for path in CASES.glob("*.toml")} <= names
