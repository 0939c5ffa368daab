"""Reading MediaWiki XML dumps (``pages-articles``, ``pages-meta-history``, Special:Export).

Dumps are large (tens of gigabytes once decompressed), so they are streamed: expat is fed
one block at a time and keeps no tree, only the fields of the page being read. What is
yielded is each main-namespace article as it stands: the latest revision of each page,
redirects and pages without text left out.

A dump never has a document type declaration, and a DTD is the only place an XML entity
can be declared, so any ``<!DOCTYPE`` is refused the moment expat meets it: entity
expansion attacks ("billion laughs", quadratic blowup) and external entities cannot start.
"""

from __future__ import annotations

import bz2
import gzip
import io
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

_BLOCK = 1 << 20
"""Bytes fed to expat at a time: large enough that the calls cost nothing, small enough
that memory does not depend on the dump's size."""
_HEAD = 1 << 14
_BZ2_MAGIC = b"BZh"
_GZIP_MAGIC = b"\x1f\x8b"
_NS_SEPARATOR = " "
"""Expat joins a namespace URI and a local name with this; URIs cannot contain a space."""
_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:[\w.-]+:)?mediawiki[\s/>]",
    re.DOTALL,
)
"""A dump's head: optional byte order mark, XML declaration and comments, then the root."""
_FIELDS = frozenset(
    {
        ("page", "title"),
        ("page", "ns"),
        ("page", "id"),
        ("revision", "id"),
        ("revision", "timestamp"),
    }
)
"""(parent, element) of the elements whose text is kept, besides <text> and <namespace>."""


class DumpError(Exception):
    """The dump cannot be read on: not a dump, malformed XML, a truncated or corrupt stream."""


@dataclass(frozen=True, slots=True)
class DumpPage:
    title: str
    page_id: int
    revision: int
    timestamp: str
    """As the dump gives it: ISO 8601 in UTC, ``2014-12-17T08:01:27Z``."""
    text: str


def is_dump(path: Path) -> bool:
    """Whether the file is a MediaWiki XML dump, plain, bzip2 or gzip (told by content:
    Wikimedia's own file names end in ``.xml-p1p41242.bz2`` and the like)."""
    try:
        raw, stream = _open(path)
        with raw, stream:
            head = stream.read(_HEAD)
    except (OSError, EOFError, zlib.error):
        return False
    return _ROOT.match(head) is not None


def iter_pages(path: Path, *, on_read: Callable[[int], None] | None = None) -> Iterator[DumpPage]:
    """The main-namespace articles of a dump, in the dump's order, as they are read.

    ``on_read`` is told, after each block, how many bytes of the file (compressed, if it
    is) have been read: against the file's size, how far the run has got.

    Raises :class:`DumpError` where the dump cannot be read on; the pages before that
    point have been yielded already.
    """
    reader = _Reader()
    parser = reader.parser
    try:
        raw, stream = _open(path)
    except OSError as error:
        raise DumpError(f"cannot read the file: {error.strerror or error}") from None
    with raw, stream:
        while True:
            if on_read is not None:
                on_read(raw.tell())
            try:
                block = stream.read1(_BLOCK)
            except (OSError, EOFError, zlib.error) as error:
                where = f"after line {parser.CurrentLineNumber}"
                raise DumpError(
                    f"the compressed stream is truncated or corrupt {where} ({error})"
                ) from None
            failure = _feed(parser, block)
            # What was read before the failure is yielded: those pages are whole.
            yield from reader.take()
            if failure is not None:
                raise failure
            if not block:
                return


def _feed(parser: expat.XMLParserType, block: bytes) -> DumpError | None:
    """Expat's verdict on the next block (the empty block ends the document)."""
    try:
        parser.Parse(block, not block)
    except expat.ExpatError as error:
        message = expat.errors.messages[error.code]
        where = f"line {error.lineno}, column {error.offset + 1}"
        if not block:
            return DumpError(f"the XML ends early, at {where} (a truncated file?): {message}")
        return DumpError(f"malformed XML at {where}: {message}")
    except DumpError as error:
        return error
    return None


def _open(path: Path) -> tuple[io.BufferedReader, io.BufferedIOBase]:
    """The file, and the stream of its decompressed content (the file itself when plain)."""
    raw = path.open("rb")
    try:
        magic = raw.peek(3)[:3]
        if magic.startswith(_BZ2_MAGIC):
            return raw, bz2.BZ2File(raw, "rb")
        if magic.startswith(_GZIP_MAGIC):
            return raw, gzip.GzipFile(fileobj=raw, mode="rb")
    except BaseException:
        raw.close()
        raise
    return raw, raw


@dataclass(slots=True)
class _Revision:
    """Filled in as its elements are read (hence not frozen)."""

    id: int = 0
    timestamp: str = ""
    text: str | None = None
    """None when the dump leaves the text out: deleted, or a stub dump."""

    @property
    def key(self) -> tuple[str, int]:
        # MediaWiki makes the revision with the newest timestamp the page's current one
        # (imported revisions get new ids but keep their old timestamps); ids break ties.
        return self.timestamp, self.id


@dataclass(slots=True)
class _Page:
    """Filled in as its elements are read (hence not frozen)."""

    title: str = ""
    id: int = 0
    namespace: int | None = None
    """None in old schemas, which have no <ns>: told from the title then."""
    redirect: bool = False
    latest: _Revision | None = None


class _Reader:
    """Expat's handlers: they follow the elements of one page and keep the finished ones."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=_NS_SEPARATOR)
        self.parser.buffer_text = True
        self.parser.buffer_size = 1 << 16
        self.parser.StartDoctypeDeclHandler = self._refuse_dtd
        self.parser.EntityDeclHandler = self._refuse_dtd
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._data
        self._path: list[str] = []
        self._chars: list[str] | None = None
        self._page: _Page | None = None
        self._revision: _Revision | None = None
        self._namespace_key: int | None = None
        self._prefixes: dict[str, int] = {}
        """Namespace name -> key, from <siteinfo>, for the old schemas without <ns>."""
        self._done: list[DumpPage] = []

    def take(self) -> list[DumpPage]:
        done, self._done = self._done, []
        return done

    def _refuse_dtd(self, *_: object) -> None:
        raise DumpError(
            f"line {self.parser.CurrentLineNumber}: the XML declares a DTD, which no "
            "MediaWiki dump has; refused (entity declarations can be an expansion attack)"
        )

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(_NS_SEPARATOR)[2]
        parent = self._path[-1] if self._path else None
        self._path.append(local)
        if parent is None:
            if local != "mediawiki":
                raise DumpError(f"not a MediaWiki XML dump: the root element is <{local}>")
        elif local == "page" and parent == "mediawiki":
            self._page = _Page()
        elif local == "revision" and parent == "page":
            self._revision = _Revision()
        elif local == "redirect" and parent == "page" and self._page is not None:
            self._page.redirect = True
        elif local == "text" and parent == "revision":
            if "deleted" not in attributes:
                self._chars = []
        elif (parent, local) in _FIELDS:
            self._chars = []
        elif local == "namespace" and parent == "namespaces":
            self._namespace_key = int(attributes.get("key", "0"))
            self._chars = []

    def _data(self, data: str) -> None:
        if self._chars is not None:
            self._chars.append(data)

    def _end(self, name: str) -> None:
        local = self._path.pop()
        parent = self._path[-1] if self._path else None
        value = "".join(self._chars) if self._chars is not None else None
        self._chars = None
        page, revision = self._page, self._revision
        if parent == "page" and page is not None:
            if local == "title":
                page.title = value or ""
            elif local == "ns":
                page.namespace = _integer(value, "ns", self.parser)
            elif local == "id":
                page.id = _integer(value, "id", self.parser)
            elif local == "revision" and revision is not None:
                if page.latest is None or revision.key > page.latest.key:
                    page.latest = revision
                self._revision = None
        elif parent == "revision" and revision is not None:
            if local == "id":
                revision.id = _integer(value, "id", self.parser)
            elif local == "timestamp":
                revision.timestamp = value or ""
            elif local == "text":
                # No characters at all: deleted, a stub dump's pointer, or an empty page;
                # none has anything to audit.
                revision.text = value or None
        elif local == "page" and page is not None:
            self._finish(page)
            self._page = None
        elif local == "namespace" and self._namespace_key is not None:
            if value:
                self._prefixes[value] = self._namespace_key
            self._namespace_key = None

    def _finish(self, page: _Page) -> None:
        latest = page.latest
        if page.redirect or latest is None or latest.text is None:
            return
        namespace = page.namespace
        if namespace is None:
            prefix, colon, _ = page.title.partition(":")
            namespace = self._prefixes.get(prefix, 0) if colon else 0
        if namespace != 0:
            return
        self._done.append(
            DumpPage(
                title=page.title,
                page_id=page.id,
                revision=latest.id,
                timestamp=latest.timestamp,
                text=latest.text,
            )
        )


def _integer(value: str | None, element: str, parser: expat.XMLParserType) -> int:
    try:
        return int(value or "")
    except ValueError:
        line = parser.CurrentLineNumber
        raise DumpError(f"line {line}: <{element}> is not a number: {value!r}") from None
