"""A turn read as the rules read a first turn: addressed, then every request in it."""

from __future__ import annotations

from voicertc.assistant.addressed import addressed
from voicertc.assistant.clauses import understand_all
from voicertc.assistant.scenes import is_change


def read(said: str) -> list[object]:
    """Every request of ``said`` (nothing but the decline if it is said to someone else)."""
    return list(understand_all(addressed(said).text or ""))


def asks_nothing(said: str) -> bool:
    """``said`` is to someone else, or changes no effect."""
    text = addressed(said).text
    return text is None or not any(map(is_change, understand_all(text)))
