"""The last change undone the other way: "you raised the low cut, I wanted the opposite",
"you turned the echo up, go the other way". The clause that says what was done is read as
any order is, and its step turned round; with a value, or no step, nothing is."""

from __future__ import annotations

import re
from collections.abc import Callable

from voicertc.assistant.lexicon import padded

TURNED = {"increase": "decrease", "decrease": "increase", "add": "remove", "remove": "add"}
_WANTED = re.compile(
    r" (?:i (?:wanted|meant|want|asked for|said)|go|do|try|no)(?: it| that)?"
    r" (?:the )?(?:opposite|other way|reverse)(?: round| around)? "
)
# Said of what was done: "you raised it", "that made it", "it went up".
DONE_BY = frozenset("you that it this".split())


def undone(
    words: list[str], read: Callable[[list[str]], dict[str, object] | None]
) -> dict[str, object] | None:
    """The change said done, turned the other way (``read``: an order's call arguments)."""
    at = asked(words)
    if at is None:
        return None
    done = read(words[:at])
    action = TURNED.get(str(done.get("action"))) if done is not None and "value" not in done else None
    return None if action is None else {**done, "action": action}


def asked(words: list[str]) -> int | None:
    """Where the words asking for the other way start, after what was done, if they are said."""
    m = _WANTED.search(padded(words))
    if m is None or not words or words[0] not in DONE_BY:
        return None
    return len(m.string[: m.start()].split())
