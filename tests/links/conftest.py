"""A simulated web on loopback for the link checker's tests: no test reaches beyond 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simweb import SimulatedWeb


@pytest.fixture(scope="module")
def web() -> Iterator[SimulatedWeb]:
    with SimulatedWeb(hosts=3, refused_hosts=1) as simulated:
        yield simulated
