"""Reporters, by output format name."""

from __future__ import annotations

from citecheck.report import json, text
from citecheck.report.base import Failure, RenderOptions, Reporter

REPORTERS: dict[str, Reporter] = {"text": text.render, "json": json.render}

__all__ = ["REPORTERS", "Failure", "RenderOptions", "Reporter"]
