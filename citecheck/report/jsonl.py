"""The JSON Lines report: one JSON object per article, each line complete on its own.

A line is what one element of the JSON report's ``"articles"`` is, with the
``schema_version`` in front; an input that could not be checked is a line
``{"schema_version": 1, "source": ..., "error": ...}``. Lines can be written as each article
is done and appended to later, which is what batch runs over whole dumps need.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from citecheck.model import Report
from citecheck.report.base import Failure, RenderOptions
from citecheck.report.json import SCHEMA_VERSION, article_object

_PREFIX = f'{{"schema_version":{SCHEMA_VERSION},"source":'
"""How every line this module writes begins, so that its source is read without parsing
the rest (lines run to megabytes, and resuming a run reads them all)."""
_DECODER = json.JSONDecoder()


def render(reports: Sequence[Report], failures: Sequence[Failure], options: RenderOptions) -> str:
    return "".join(render_line(report, options) for report in reports) + "".join(
        failure_line(failure) for failure in failures
    )


def render_line(report: Report, options: RenderOptions) -> str:
    """One article's line, newline included, ready to be written in one call."""
    return _dumps({"schema_version": SCHEMA_VERSION, **article_object(report, options)})


def failure_line(failure: Failure) -> str:
    return _dumps(
        {"schema_version": SCHEMA_VERSION, "source": failure.source, "error": failure.message}
    )


def line_source(line: str) -> str:
    """The ``source`` of one line of a JSON Lines report; ValueError when it has none."""
    if line.startswith(_PREFIX) and line.rstrip().endswith("}"):
        source, _ = _DECODER.raw_decode(line, len(_PREFIX))
    else:
        # Not as this module writes lines (another tool rewrote the file, say): parse it.
        document = json.loads(line)
        source = document.get("source") if isinstance(document, dict) else None
    if not isinstance(source, str):
        raise ValueError("not a line of a citecheck JSON Lines report (no source)")
    return source


def _dumps(document: dict[str, object]) -> str:
    # Compact, so that the encoder runs in C; a line never contains a raw newline.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
