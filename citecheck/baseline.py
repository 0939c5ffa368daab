"""Findings already known, so that a check reports only what a change introduced.

They come from a saved report (a baseline) or from reviewing the old version of a draft.
Findings are matched by rule and fingerprint (see :mod:`citecheck.fingerprint`), never by
position, and counted: if the old version had one uncited "He won." and the new one has
two, one is new.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck import __version__
from citecheck.fingerprint import fingerprint
from citecheck.model import Report

BASELINE_KIND = "citecheck-baseline"
ALWAYS_REPORTED = frozenset({"CC105"})
"""coverage-below-threshold: a floor holds whatever the old version did."""


class BaselineError(Exception):
    """A baseline that cannot be used; the message is meant for the user."""


@dataclass(frozen=True, slots=True)
class KnownFindings:
    counts: Mapping[tuple[str, str], int] = field(default_factory=dict)
    """(rule code, fingerprint) -> how many findings with them are known."""

    @classmethod
    def of(cls, report: Report) -> KnownFindings:
        return cls(Counter((f.code, fingerprint(report.article, f)) for f in report.findings))

    def split(self, report: Report) -> Report:
        """The report with its known findings moved from ``findings`` to ``known``."""
        if not self.counts:
            return report
        left = Counter(self.counts)
        new, known = [], []
        for finding in report.findings:
            if finding.code not in ALWAYS_REPORTED:
                key = (finding.code, fingerprint(report.article, finding))
                if left[key] > 0:
                    left[key] -= 1
                    known.append(finding)
                    continue
            new.append(finding)
        return dataclasses.replace(report, findings=tuple(new), known=report.known + tuple(known))


@dataclass(frozen=True, slots=True)
class Baseline:
    """Known findings by article, keyed by resolved path."""

    articles: Mapping[str, KnownFindings]

    def known(self, source: str) -> KnownFindings:
        return self.articles.get(_key(source, Path.cwd()), KnownFindings())


def _key(source: str, base: Path) -> str:
    if source == "-":
        return source
    return os.path.normcase((base / source).resolve())


def load_baseline(path: Path) -> Baseline:
    """Read a baseline written by ``citecheck baseline``, or any saved JSON report.

    A baseline's paths are relative to its own folder, so it works from anywhere; a JSON
    report's are as they were given, relative to the folder citecheck runs in.
    """
    try:
        document = json.loads(path.read_bytes())
    except OSError as error:
        raise BaselineError(f"{path}: cannot be read: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: not a JSON report: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("articles"), list):
        raise BaselineError(f"{path}: not a citecheck report (no list of articles)")
    base = path.resolve().parent if document.get("kind") == BASELINE_KIND else Path.cwd()
    articles: dict[str, Counter[tuple[str, str]]] = {}
    for number, article in enumerate(document["articles"], 1):
        source = article.get("source") if isinstance(article, dict) else None
        findings = article.get("findings") if isinstance(article, dict) else None
        if not isinstance(source, str) or not isinstance(findings, list):
            raise BaselineError(f"{path}: article {number} has no source or findings")
        counts = articles.setdefault(_key(source, base), Counter())
        for finding in findings:
            code = finding.get("code") if isinstance(finding, dict) else None
            mark = finding.get("fingerprint") if isinstance(finding, dict) else None
            if not isinstance(code, str) or not isinstance(mark, str):
                raise BaselineError(
                    f"{path}: a finding of {source} has no code or fingerprint; "
                    "write the baseline again with `citecheck baseline`"
                )
            counts[code, mark] += 1
    return Baseline({key: KnownFindings(counts) for key, counts in articles.items()})


def baseline_document(reports: Sequence[Report], *, path: Path) -> str:
    """The baseline file for these reports, its paths relative to the file's own folder."""
    folder = path.resolve().parent
    articles = []
    for report in sorted(reports, key=lambda r: r.article.source):
        article = report.article
        source = article.source
        if source != "-":
            source = Path(os.path.relpath(Path(source).resolve(), folder)).as_posix()
        findings: list[dict[str, Any]] = []
        for finding in report.findings:
            line, column = article.lines.position(finding.span.start)
            findings.append(
                {
                    "code": finding.code,
                    "rule": finding.rule,
                    "fingerprint": fingerprint(article, finding),
                    "line": line,
                    "column": column,
                    "message": finding.message,
                }
            )
        articles.append({"source": source, "findings": findings})
    document = {
        "kind": BASELINE_KIND,
        "schema_version": 1,
        "tool": {"name": "citecheck", "version": __version__},
        "articles": articles,
    }
    # Indented, one finding per line or so: a baseline is committed and its diffs reviewed.
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
