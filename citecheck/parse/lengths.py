"""Source lengths of mwparserfromhell nodes, each computed once.

``len(str(node))`` rebuilds the node's whole text, and a walk that needs the length of a
node and then of each of its children rebuilds nested text once per level. These
functions follow mwparserfromhell's ``__str__`` methods but only add up lengths, and
remember each node's, so a walk costs one pass however deep the tree. A caller checks
the top-level sum against the source's length and falls back to ``str`` if they differ.
"""

from __future__ import annotations

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.nodes.extras import Attribute, Parameter
from mwparserfromhell.wikicode import Wikicode


class Lengths:
    def __init__(self) -> None:
        self._known: dict[int, int] = {}

    def code(self, code: Wikicode) -> int:
        total = 0
        known = self._known
        for node in code.nodes:
            if type(node) is Text:
                total += len(node.value)
            else:
                size = known.get(id(node))
                if size is None:
                    size = known[id(node)] = self._measure(node)
                total += size
        return total

    def node(self, node: Node) -> int:
        if type(node) is Text:
            return len(node.value)
        size = self._known.get(id(node))
        if size is None:
            size = self._known[id(node)] = self._measure(node)
        return size

    def parameter(self, param: Parameter) -> int:
        value = self.code(param.value)
        return value + self.code(param.name) + 1 if param.showkey else value

    def _measure(self, node: Node) -> int:
        if isinstance(node, Template):
            return 4 + self.code(node.name) + sum(1 + self.parameter(p) for p in node.params)
        if isinstance(node, Tag):
            return self._tag(node)
        if isinstance(node, Wikilink):
            text = 1 + self.code(node.text) if node.text is not None else 0
            return 4 + self.code(node.title) + text
        if isinstance(node, ExternalLink):
            if not node.brackets:
                return self.code(node.url)
            if node.title is None:
                return 2 + self.code(node.url)
            space = 0 if getattr(node, "suppress_space", False) else 1
            return 2 + self.code(node.url) + space + self.code(node.title)
        if isinstance(node, Heading):
            return 2 * node.level + self.code(node.title)
        if isinstance(node, Comment):
            return 7 + len(node.contents)
        if isinstance(node, Argument):
            default = 1 + self.code(node.default) if node.default is not None else 0
            return 6 + self.code(node.name) + default
        return len(str(node))

    def tag_opening(self, tag: Tag) -> int:
        """The length of a tag's opening markup: where its contents begin."""
        size = sum(self._attribute(a) for a in tag.attributes) + len(tag.padding or "")
        if tag.wiki_markup:
            return size + len(tag.wiki_markup) + len(tag.wiki_style_separator or "")
        return size + self.code(tag.tag) + 2

    def _attribute(self, attribute: Attribute) -> int:
        size = len(attribute.pad_first) + self.code(attribute.name) + len(attribute.pad_before_eq)
        if attribute.value is not None:
            size += 1 + len(attribute.pad_after_eq) + self.code(attribute.value)
            if attribute.quotes:
                size += 2 * len(attribute.quotes)
        return size

    def _tag(self, tag: Tag) -> int:
        attributes = sum(self._attribute(a) for a in tag.attributes) if tag.attributes else 0
        padding = len(tag.padding or "")
        if tag.wiki_markup:
            size = len(tag.wiki_markup) + attributes + padding + len(tag.wiki_style_separator or "")
            if tag.self_closing:
                return size
            return size + self.code(tag.contents) + len(tag.closing_wiki_markup or "")
        size = (2 if tag.invalid else 1) + self.code(tag.tag) + attributes + padding
        if tag.self_closing:
            return size + (1 if tag.implicit else 2)
        return size + 1 + self.code(tag.contents) + 3 + self.code(tag.closing_tag)


class StringLengths(Lengths):
    """Lengths by ``str()``: slower, but right whatever the parser's node classes do."""

    def code(self, code: Wikicode) -> int:
        return len(str(code))

    def node(self, node: Node) -> int:
        return len(str(node))
