"""Reporters, by output format name."""

from __future__ import annotations

from citecheck.report import github, html, json, jsonl, junit, markdown, sarif, text
from citecheck.report.base import Failure, RenderOptions, Reporter

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "jsonl": jsonl.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "html": html.render,
}

__all__ = ["REPORTERS", "Failure", "RenderOptions", "Reporter"]
