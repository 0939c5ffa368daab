"""Settings from files: ``[tool.citecheck]`` in pyproject.toml, or citecheck.toml.

Every key is a long option of ``citecheck check`` without its dashes (``per-host = 2``); an
on/off option takes its positive name (``links = false`` for ``--no-links``). The values are
checked here with the same functions the command line uses, so a file and an option can
never disagree about what is valid. Paths in a file are relative to the file's folder.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.config import Policy
from citecheck.model import Rating, Severity, SourceFormat
from citecheck.reliability import UNRATED, domain_key
from citecheck.rules import UnknownRuleError, find_rule

CONFIG_FILES = ("citecheck.toml", ".citecheck.toml", "pyproject.toml")
"""Looked for in this order in each folder, from the working directory upwards."""


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


class InvalidValue(ValueError):
    """A value a setting does not accept; the message says what it wants."""


def one_of(*allowed: str) -> Callable[[object], str]:
    def parse(value: object) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise InvalidValue(f"must be one of {', '.join(allowed)}, not {value!r}")
        return value

    return parse


def flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue(f"must be true or false, not {value!r}")
    return value


def _number(value: object, kind: type[int] | type[float]) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidValue(f"not a number: {value!r}")
    try:
        number = kind(value)
    except (ValueError, OverflowError):
        word = "whole number" if kind is int else "number"
        raise InvalidValue(f"not a {word}: {value!r}") from None
    if kind is int and isinstance(value, float) and number != value:
        raise InvalidValue(f"not a whole number: {value!r}")
    return number


def count(value: object) -> int:
    number = int(_number(value, int))
    if number < 0:
        raise InvalidValue(f"must not be negative: {value!r}")
    return number


def positive_int(value: object) -> int:
    number = count(value)
    if number < 1:
        raise InvalidValue(f"must be at least 1: {value!r}")
    return number


def positive_float(value: object) -> float:
    number = float(_number(value, float))
    if not number > 0 or number == float("inf"):
        raise InvalidValue(f"must be a positive number: {value!r}")
    return number


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def duration(value: object) -> float:
    """Seconds, or a number with s, m, h, d or w."""
    if isinstance(value, str):
        cleaned = value.strip().lower()
        unit = _UNITS.get(cleaned[-1:])
        number = cleaned[:-1] if unit else cleaned
        try:
            seconds = float(number) * (unit or 1)
        except ValueError:
            raise InvalidValue(
                f"not a duration: {value!r} (seconds, or a number with s, m, h, d or w)"
            ) from None
    else:
        seconds = float(_number(value, float))
    if not seconds >= 0 or seconds == float("inf"):
        raise InvalidValue(f"not a duration: {value!r}")
    return seconds


def percentage(value: object) -> float:
    """A share of 0 to 100 percent (``80`` or ``"80%"``), returned as 0 to 1."""
    text = value.strip().removesuffix("%") if isinstance(value, str) else value
    number = float(_number(text, float))
    if not 0 <= number <= 100:
        raise InvalidValue(f"must be a percentage from 0 to 100: {value!r}")
    return number / 100


def text(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidValue(f"must be a string, not {value!r}")
    return value


def http_url(value: object) -> str:
    url = text(value)
    if not re.fullmatch(r"https?://[^/\s?#]+(?:[/?#]\S*)?", url):
        raise InvalidValue(f"must be an http or https URL: {url!r}")
    return url


def _names(value: object) -> list[str]:
    """A list of strings, or one string of comma-separated items."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    raise InvalidValue(f"must be a list of strings, not {value!r}")


def rule_names(value: object) -> list[str]:
    names = _names(value)
    for name in names:
        try:
            find_rule(name)
        except UnknownRuleError as error:
            raise InvalidValue(str(error)) from None
    return names


def selected_rules(value: object) -> list[str]:
    """Rules to run: at least one, since a run of no rules can only pass."""
    names = rule_names(value)
    if not names:
        raise InvalidValue("names no rule (leave select out to run every rule)")
    return names


def patterns(value: object) -> list[str]:
    """Regular expressions (one, or a list)."""
    found = [value] if isinstance(value, str) else value
    if not isinstance(found, list) or not all(isinstance(item, str) for item in found):
        raise InvalidValue(f"must be a list of regular expressions, not {value!r}")
    for pattern in found:
        try:
            re.compile(pattern)
        except re.error as error:
            raise InvalidValue(f"{pattern!r} is not a regular expression: {error}") from None
    return list(found)


def severities(value: object) -> dict[str, Severity]:
    """A table of rule -> severity (``uncited-claim = "error"``)."""
    if not isinstance(value, Mapping):
        raise InvalidValue(f'must be a table of rule = "error"|"warning"|"info", not {value!r}')
    return dict(severity_pair(f"{rule}={level}") for rule, level in value.items())


def severity_pair(item: object) -> tuple[str, Severity]:
    """``RULE=LEVEL``: the severity one rule's findings are reported at."""
    name, sep, level = text(item).partition("=")
    if not sep:
        raise InvalidValue(f"must be RULE=LEVEL: {item!r}")
    try:
        rule = find_rule(name)
    except UnknownRuleError as error:
        raise InvalidValue(str(error)) from None
    levels = [str(severity) for severity in Severity]
    if level.strip() not in levels:
        raise InvalidValue(f"severity of {rule.name} must be one of {', '.join(levels)}")
    return rule.name, Severity(level.strip())


def reliability_ratings(value: object) -> dict[str, Rating | None]:
    """A table of domain -> rating (``"example.com" = "generally-unreliable"``), added to the
    default list of sources or replacing its entry; ``"unrated"`` takes a domain off it.

    A key left unquoted in TOML (``example.com = …``) arrives as nested tables and is joined
    back into its domain."""
    if not isinstance(value, Mapping):
        raise InvalidValue(f'must be a table of "domain" = "rating", not {value!r}')
    allowed = [*(str(rating) for rating in Rating), UNRATED]
    ratings: dict[str, Rating | None] = {}
    for domain, rating in _flatten(value):
        key = domain_key(domain)
        if key is None:
            raise InvalidValue(f"{domain!r} is not a domain (example.com, or example.com/path)")
        if not isinstance(rating, str) or rating not in allowed:
            near = difflib.get_close_matches(str(rating), allowed, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise InvalidValue(
                f"{domain}: must be one of {', '.join(allowed)}, not {rating!r}{hint}"
            )
        ratings[key] = None if rating == UNRATED else Rating(rating)
    return ratings


def _flatten(table: Mapping[Any, Any], prefix: str = "") -> Iterable[tuple[str, object]]:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _flatten(value, name + ".")
        else:
            yield name, value


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    """As written in a file: the long option without its dashes."""
    parse: Callable[[object], Any]
    is_path: bool = False
    """Relative to the file that sets it."""

    @property
    def dest(self) -> str:
        return self.key.replace("-", "_")


def _settings(output_formats: Iterable[str]) -> tuple[Setting, ...]:
    return (
        Setting("input-format", one_of(*(str(f) for f in SourceFormat))),
        Setting("output-format", one_of(*sorted(output_formats))),
        Setting("policy", one_of(*(str(p) for p in Policy))),
        Setting("strict-lead", flag),
        Setting("fail-on", one_of(*(str(s) for s in Severity), "never")),
        Setting("min-coverage", percentage),
        Setting("select", selected_rules),
        Setting("ignore", rule_names),
        Setting("severity", severities),
        Setting("reliability", reliability_ratings),
        Setting("baseline", text, is_path=True),
        Setting("color", one_of("auto", "always", "never")),
        Setting("links", flag),
        Setting("concurrency", positive_int),
        Setting("per-host", positive_int),
        Setting("timeout", positive_float),
        Setting("deadline", positive_float),
        Setting("retries", count),
        Setting("user-agent", text),
        Setting("exclude", patterns),
        Setting("allow-private-hosts", flag),
        Setting("cache", text, is_path=True),
        Setting("no-cache", flag),
        Setting("cache-ttl", duration),
        Setting("offline", flag),
        Setting("refresh", flag),
        Setting("suggest-archives", flag),
        Setting("wayback-api", http_url),
        Setting("quiet", flag),
    )


def find_config(start: Path) -> Path | None:
    """The nearest configuration file from ``start`` upwards; a pyproject.toml counts only
    when it has a ``[tool.citecheck]`` table."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _table(candidate) is not None:
                return candidate
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _table(path: Path) -> dict[str, Any] | None:
    """The citecheck settings of a file: all of it, or pyproject's ``[tool.citecheck]``."""
    document = _read(path)
    if path.name != "pyproject.toml":
        return document
    tool = document.get("tool")
    table = tool.get("citecheck") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.citecheck] must be a table")
    return table


def load_config(path: Path, *, output_formats: Iterable[str]) -> dict[str, Any]:
    """The file's settings by option name (``per_host``), each value checked."""
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: has no [tool.citecheck] table")
    where = f"{path}: [tool.citecheck]" if path.name == "pyproject.toml" else str(path)
    settings = {setting.key: setting for setting in _settings(output_formats)}
    values: dict[str, Any] = {}
    for key, raw in table.items():
        setting = settings.get(key)
        if setting is None:
            near = difflib.get_close_matches(key, settings, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise ConfigError(f"{where}: unknown key {key!r}{hint}")
        try:
            value = setting.parse(raw)
        except InvalidValue as error:
            raise ConfigError(f"{where}: {key}: {error}") from None
        if setting.is_path:
            value = str(path.parent / Path(value).expanduser())
        values[setting.dest] = value
    return values
