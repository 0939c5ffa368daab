"""HTML to a light tree that knows where every tag and every run of text stands in the source.

The tokenizer is the standard library's :class:`html.parser.HTMLParser`. It reports the line
and column of every tag, text run and character reference, which is what statement spans need:
lxml gives only a line per element, html5lib and selectolax give no position at all, and
recovering offsets by searching for text is unreliable where text repeats. It is maintained
with CPython (its security fixes ship with Python), never refuses input, adds no dependency,
and is regex-driven: about 0.2 s for an 875 KB page. It builds no tree itself, so this module
does, with the few HTML rules a wiki's output needs: void elements, a ``<p>`` closed by the
next block, ``<li>``/``<dt>``/``<dd>`` closing their open siblings, and an end tag closing
everything opened inside its element. Nothing here recurses, so nesting depth is no danger.

Text is never taken from the tokenizer: a text node keeps its offsets and its text is sliced
from the source (character references are decoded from their own slice), so the tokenizer may
be fed a copy of the source where a few constructs that make it stumble are neutralised, with
every offset unchanged. Attribute values do come from the tokenizer (decoded by it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from itertools import accumulate

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "keygen"}
)  # fmt: skip
_CLOSES_P = frozenset(
    {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
     "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
     "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
     "table", "ul"}
)  # fmt: skip
_LIST_SIBLINGS = {"li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd")}
_LIST_SCOPE = frozenset({"ul", "ol", "dl", "table", "div", "section", "body", "html"})
_END_TAG_REACH = 256
"""How far down the open elements an end tag looks for its element: enough for any real page,
and it keeps a flood of stray end tags linear."""
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_CHARREF_NAME = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)")
_ENTITY_NAME = re.compile(r"&[a-zA-Z][-.a-zA-Z0-9]*")
_SPACES = re.compile(r"\s+")


class Text:
    """A run of text: ``value`` is what a reader sees of ``source[start:end]``."""

    __slots__ = ("end", "start", "value", "verbatim")

    def __init__(self, start: int, end: int, value: str, *, verbatim: bool) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.verbatim = verbatim
        """True when ``value`` is the source slice itself (not a decoded reference)."""


class Element:
    __slots__ = ("attrs", "children", "close", "end", "inner", "parent", "start", "tag")

    def __init__(
        self, tag: str, attrs: dict[str, str], start: int, inner: int, parent: Element | None
    ) -> None:
        self.tag = tag
        self.attrs = attrs
        self.start = start
        """Where the start tag begins."""
        self.inner = inner
        """Where the content begins, after the start tag."""
        self.close = inner
        """Where the content ends (the end tag's ``<``, or where the element was closed)."""
        self.end = inner
        """Where the element ends, after its end tag when it has one."""
        self.children: list[Element | Text] = []
        self.parent = parent

    def get(self, name: str) -> str:
        return self.attrs.get(name, "")

    @property
    def classes(self) -> list[str]:
        value = self.attrs.get("class")
        return value.split() if value else []

    def has_class(self, name: str) -> bool:
        value = self.attrs.get("class")
        return value is not None and name in value.split()

    def types(self) -> list[str]:
        """Parsoid's ``typeof`` tokens (``mw:Transclusion``, ``mw:Extension/ref``...)."""
        value = self.attrs.get("typeof")
        return value.split() if value else []

    def elements(self) -> Iterator[Element]:
        """Every element inside, in document order (this one excluded)."""
        stack: list[Iterator[Element | Text]] = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if isinstance(child, Element):
                    yield child
                    stack.append(iter(child.children))
                    break
            else:
                stack.pop()


def plain_text(element: Element, *, skip: Callable[[Element], bool] | None = None) -> str:
    """What a reader sees of an element, whitespace collapsed; ``skip`` leaves elements out."""
    out: list[str] = []
    stack: list[Iterator[Element | Text]] = [iter(element.children)]
    while stack:
        for child in stack[-1]:
            if isinstance(child, Text):
                out.append(child.value)
            elif child.tag == "br":
                out.append(" ")
            elif skip is None or not skip(child):
                stack.append(iter(child.children))
                break
        else:
            stack.pop()
    return _SPACES.sub(" ", "".join(out)).strip()


def parse_tree(text: str) -> Element:
    """The document as a tree under a ``#document`` element spanning the whole source."""
    builder = _Builder(text)
    try:
        builder.feed(_tokenizable(text))
        builder.close()
    except AssertionError:
        # The tokenizer asserts on a few malformed declarations that _tokenizable does not
        # foresee; what was read so far is still a tree.
        pass
    return builder.finish()


def _tokenizable(text: str) -> str:
    """The source with the constructs that derail the tokenizer made plain text, same length.

    An unterminated tag, comment or declaration makes the standard tokenizer rescan the rest
    of the input once per occurrence (quadratic on hostile input), and a ``&#`` that starts
    no valid reference makes it stop reading; none of them can be anything but text here.
    """
    last_gt = text.rfind(">")
    if "<" in text[last_gt + 1 :]:
        text = text[: last_gt + 1] + text[last_gt + 1 :].replace("<", "\0")
    last_comment_end = text.rfind("-->")
    tail = text[last_comment_end + 3 :] if last_comment_end >= 0 else text
    if "<!--" in tail:
        text = text[: len(text) - len(tail)] + tail.replace("<!--", "\0!--")
    if "&#" in text:
        pieces = []
        cursor = 0
        for position in _find_all(text, "&#"):
            if not _CHARREF.match(text, position):
                pieces.append(text[cursor : position + 1])
                pieces.append("\0")
                cursor = position + 2
        if pieces:
            text = "".join(pieces) + text[cursor:]
    return text


def _find_all(text: str, needle: str) -> Iterator[int]:
    position = text.find(needle)
    while position >= 0:
        yield position
        position = text.find(needle, position + len(needle))


class _Builder(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = (0, *accumulate(len(line) + 1 for line in text.split("\n")))
        self.root = Element("#document", {}, 0, 0, None)
        self.open: list[Element] = [self.root]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def finish(self) -> Element:
        end = len(self.text)
        while len(self.open) > 1:
            element = self.open.pop()
            element.close = element.end = max(end, element.inner)
        self.root.close = self.root.end = end
        return self.root

    # -- tags ------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=tag in VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        inner = min(start + len(raw), len(self.text))
        self._implied_ends(tag, start)
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")
        parent = self.open[-1]
        element = Element(tag, values, start, inner, parent)
        parent.children.append(element)
        if not closed:
            self.open.append(element)

    def _implied_ends(self, tag: str, at: int) -> None:
        """Close what HTML closes implicitly before ``tag`` opens."""
        top = self.open[-1].tag
        if top == "p" and tag in _CLOSES_P:
            self._pop_to(len(self.open) - 1, at)
            return
        siblings = _LIST_SIBLINGS.get(tag)
        if siblings is None:
            return
        for depth in range(len(self.open) - 1, max(len(self.open) - _END_TAG_REACH, 0), -1):
            name = self.open[depth].tag
            if name in siblings:
                self._pop_to(depth, at)
                return
            if name in _LIST_SCOPE:
                return

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        gt = self.text.find(">", start + 1)
        end = gt + 1 if gt >= 0 else len(self.text)
        for depth in range(len(self.open) - 1, max(len(self.open) - _END_TAG_REACH, 0), -1):
            if self.open[depth].tag == tag:
                self._pop_to(depth, start)
                element = self.open.pop()
                element.close, element.end = start, end
                return
        # A stray end tag (nothing open by that name) is ignored, as browsers do.

    def _pop_to(self, depth: int, at: int) -> None:
        """Close the elements above ``depth``: their content ends at ``at``."""
        while len(self.open) > depth + 1:
            element = self.open.pop()
            element.close = element.end = max(at, element.inner)

    # -- text --------------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        start = self._offset()
        end = min(start + len(data), len(self.text))
        if end > start:
            self.open[-1].children.append(Text(start, end, self.text[start:end], verbatim=True))

    def handle_entityref(self, name: str) -> None:
        self._reference(_ENTITY_NAME)

    def handle_charref(self, name: str) -> None:
        self._reference(_CHARREF_NAME)

    def _reference(self, pattern: re.Pattern[str]) -> None:
        start = self._offset()
        match = pattern.match(self.text, start)
        if match is None:
            return
        end = match.end()
        if self.text.startswith(";", end):
            end += 1
        self.open[-1].children.append(
            Text(start, end, html.unescape(self.text[start:end]), verbatim=False)
        )

    def parse_html_declaration(self, i: int) -> int:
        # "<![" outside foreign content is a bogus comment in HTML5; the base class would
        # parse it as an SGML marked section and assert on anything unexpected.
        if self.rawdata.startswith("<![", i):
            return self.parse_bogus_comment(i)
        return super().parse_html_declaration(i)
