"""Which Realtime session settings the embedded assistant honours, and how.

Honoured: server_vad's numbers; semantic_vad, its eagerness mapped onto the detector's
end-of-turn silence (it has no model of whether a sentence is finished, so it waits as
long as the eagerness allows a pause to be); turn detection off (the client commits);
transcription on or off, in English; the voice. Anything else is refused with an
`error` naming the field (never ignored silently) and left at its default in the
session the client is told.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...protocol import realtime as rt

#: semantic_vad eagerness -> the silence that ends a turn. OpenAI's "low" waits up to
#: 8 s and "high" up to 2 s for a finished thought; a plain detector can only wait for
#: a pause, so these are pause lengths in the same order.
EAGERNESS_SILENCE_MS = {"high": 300, "medium": 800, "auto": 800, "low": 1500}
UNSUPPORTED = "unsupported_setting"


def detector_settings(td: dict[str, Any]) -> tuple[float, int, int]:
    """(threshold, silence_duration_ms, prefix_padding_ms) for the VAD of `td`."""
    if td.get("type") == "semantic_vad":
        silence = EAGERNESS_SILENCE_MS.get(str(td.get("eagerness", "auto")), EAGERNESS_SILENCE_MS["auto"])
        return rt.VAD_THRESHOLD, silence, rt.PREFIX_PADDING_MS
    return (
        float(td.get("threshold", rt.VAD_THRESHOLD)),
        int(td.get("silence_duration_ms", rt.SILENCE_DURATION_MS)),
        int(td.get("prefix_padding_ms", rt.PREFIX_PADDING_MS)),
    )


@dataclass(frozen=True)
class _Refusal:
    """A setting the assistant cannot honour: anything but what `ok` accepts is refused
    and set back to `default` (None: removed)."""

    path: tuple[str, ...]  # from the session to the object that holds the setting
    key: str
    ok: Callable[[Any], bool]
    why: str
    default: Any = None

    def apply(self, session: dict[str, Any], refused: list[tuple[str, str]]) -> None:
        where: Any = session
        for step in self.path:
            where = where.get(step)
            if not isinstance(where, dict):
                return  # turn detection or transcription off: nothing to refuse
        value = where.get(self.key, self.default)
        if self.ok(value):
            return
        param = ".".join(("session", *self.path, self.key))
        refused.append((param, f"The embedded assistant cannot honour '{param}' ({value!r}): {self.why}"))
        if self.default is None:
            where.pop(self.key, None)
        else:
            where[self.key] = self.default


_REFUSALS = (
    _Refusal(
        ("audio", "input"),
        "noise_reduction",
        lambda v: v is None,
        "it has no input noise reduction; the audio is used as it arrives",
    ),
    _Refusal(
        ("audio", "input", "turn_detection"),
        "idle_timeout_ms",
        lambda v: v is None,
        "it never speaks up on its own",
    ),
    _Refusal(
        ("audio", "input", "transcription"),
        "language",
        lambda v: v in (None, "en"),
        "it recognises English only",
    ),
    _Refusal(
        ("audio", "input", "transcription"), "prompt", lambda v: not v, "its recogniser takes no prompt"
    ),
    _Refusal(("audio", "output"), "speed", lambda v: v == 1.0, "its speech has one speed", 1.0),
    _Refusal(
        (), "max_output_tokens", lambda v: v in (None, "inf"), "its answers are one or two sentences already"
    ),
    _Refusal((), "reasoning", lambda v: v is None, "it is a rule-based dialogue, not a reasoning model"),
    _Refusal(
        (),
        "tool_choice",
        lambda v: v == "auto",
        "it calls the effect tools when a command asks for them",
        "auto",
    ),
)


def honour(merged: dict[str, Any], update: dict[str, Any]) -> list[tuple[str, str]]:
    """Makes `merged` (the session with `update` merged in) what the assistant will do:
    turn detection is replaced whole (a semantic_vad keeps no server_vad numbers), and
    refused settings go back to their defaults. Returns (param, message) per refusal."""
    new_td = ((update.get("audio") or {}).get("input") or {}).get("turn_detection", ...)
    if new_td is not ...:
        merged["audio"]["input"]["turn_detection"] = copy.deepcopy(new_td)
    refused: list[tuple[str, str]] = []
    for refusal in _REFUSALS:
        refusal.apply(merged, refused)
    return refused
