"""What every reporter receives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from citecheck.config import Policy
from citecheck.model import Report


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be checked, and why, in words for the user."""

    source: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderOptions:
    policy: Policy = Policy.PARAGRAPH
    color: bool = False


Reporter = Callable[[Sequence[Report], Sequence[Failure], RenderOptions], str]
