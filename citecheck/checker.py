"""The pure core: text in, article and findings out. No I/O here."""

from __future__ import annotations

from citecheck.config import Config
from citecheck.detect import detect_format
from citecheck.model import Article, Report, SourceFormat
from citecheck.parse.text import parse_text
from citecheck.parse.wikitext import parse_wikitext
from citecheck.rules import RuleContext, audit, select_rules


def parse(
    text: str,
    *,
    source: str = "-",
    input_format: SourceFormat | None = None,
    title: str | None = None,
) -> Article:
    """Read an article; the format is detected from the content unless given."""
    chosen = input_format or detect_format(text)
    if chosen is SourceFormat.WIKITEXT:
        return parse_wikitext(text, source=source, title=title)
    return parse_text(text, source=source, title=title)


def check(
    text: str,
    *,
    source: str = "-",
    config: Config | None = None,
    title: str | None = None,
) -> Report:
    """Parse an article and run the selected rules on it."""
    config = config or Config()
    article = parse(text, source=source, input_format=config.input_format, title=title)
    rules = select_rules(config.select, config.ignore)
    context = RuleContext(policy=config.policy, strict_lead=config.strict_lead)
    return Report(article=article, findings=tuple(audit(article, rules=rules, context=context)))
