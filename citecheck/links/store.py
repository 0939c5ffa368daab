"""The cache's SQLite tables, written once at the end of a run instead of once per answer.

requests-cache commits every response in a transaction of its own, behind a lock all the
checking threads share, and looks each new URL up in two tables before asking the server.
With thousands of URLs that is a good share of a run. Here the keys already stored are read
once when the table is opened (so a URL never seen costs no query), new answers wait in
memory, and :meth:`WriteBehindDict.flush` stores them all in one transaction. An answer is
readable by the other threads as soon as it is put.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from requests_cache.backends.sqlite import SQLiteDict

_BATCH = 500
"""Keys per query: well under SQLite's limit on bound parameters."""


class WriteBehindDict(SQLiteDict):
    def __init__(
        self, db_path: Path | str, *, table_name: str, serializer: Any, lock: Any = None
    ) -> None:
        # Set before the base class opens the table: opening closes, and closing flushes.
        self._pending: dict[str, tuple[Any, int | None]] = {}
        self._pending_lock = threading.Lock()
        options: dict[str, Any] = {"table_name": table_name, "serializer": serializer, "wal": True}
        if lock is not None:
            options["lock"] = lock
        super().__init__(db_path, **options)
        with self.connection() as connection:
            self._stored = {row[0] for row in connection.execute(f"SELECT key FROM {table_name}")}

    def __getitem__(self, key: str) -> Any:
        with self._pending_lock:
            pending = self._pending.get(key)
        if pending is not None:
            return self.deserialize(key, pending[0])
        if key not in self._stored:
            raise KeyError(key)
        return super().__getitem__(key)

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The values of those keys that are stored, in a few queries rather than one each."""
        found: dict[str, Any] = {}
        wanted: list[str] = []
        with self._pending_lock:
            for key in keys:
                pending = self._pending.get(key)
                if pending is not None:
                    found[key] = pending[0]
                elif key in self._stored:
                    wanted.append(key)
        with self.connection() as connection:
            for start in range(0, len(wanted), _BATCH):
                batch = wanted[start : start + _BATCH]
                marks = ",".join("?" * len(batch))
                query = f"SELECT key, value FROM {self.table_name} WHERE key IN ({marks})"
                found.update(connection.execute(query, batch).fetchall())
        return {key: self.deserialize(key, value) for key, value in found.items()}

    def __contains__(self, key: object) -> bool:
        with self._pending_lock:
            if key in self._pending:
                return True
        return key in self._stored

    def __setitem__(self, key: str, value: Any) -> None:
        expires = getattr(value, "expires_unix", None)
        data = self.serialize(value)
        if isinstance(data, memoryview):
            data = bytes(data)
        with self._pending_lock:
            self._pending[key] = (data, expires)

    def __delitem__(self, key: str) -> None:
        with self._pending_lock:
            found = self._pending.pop(key, None) is not None
        if key in self._stored:
            self._stored.discard(key)
            super().__delitem__(key)
        elif not found:
            raise KeyError(key)

    def flush(self) -> None:
        with self._pending_lock:
            pending, self._pending = self._pending, {}
        if not pending:
            return
        rows = [(key, data, expires) for key, (data, expires) in pending.items()]
        with self.connection(commit=True) as connection:
            connection.executemany(
                f"INSERT OR REPLACE INTO {self.table_name} (key,value,expires) VALUES (?,?,?)",
                rows,
            )
        self._stored.update(pending)

    def close(self) -> None:
        self.flush()
        super().close()
