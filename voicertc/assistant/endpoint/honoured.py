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


def _refuse(
    where: dict[str, Any],
    key: str,
    default: Any,
    ok: Any,
    refused: list[tuple[str, str]],
    param: str,
    why: str,
) -> None:
    value = where.get(key, default)
    if not ok(value):
        refused.append((param, f"The embedded assistant cannot honour '{param}' ({value!r}): {why}"))
        if default is None:
            where.pop(key, None)
        else:
            where[key] = default


def honour(merged: dict[str, Any], update: dict[str, Any]) -> list[tuple[str, str]]:
    """Makes `merged` (the session with `update` merged in) what the assistant will do:
    turn detection is replaced whole (a semantic_vad keeps no server_vad numbers), and
    refused settings go back to their defaults. Returns (param, message) per refusal."""
    new_td = ((update.get("audio") or {}).get("input") or {}).get("turn_detection", ...)
    audio_in, audio_out = merged["audio"]["input"], merged["audio"]["output"]
    if new_td is not ...:
        audio_in["turn_detection"] = copy.deepcopy(new_td)
    refused: list[tuple[str, str]] = []
    base = "session.audio.input"
    _refuse(
        audio_in,
        "noise_reduction",
        None,
        lambda v: v is None,
        refused,
        f"{base}.noise_reduction",
        "it has no input noise reduction; the audio is used as it arrives",
    )
    td = audio_in.get("turn_detection")
    if isinstance(td, dict):
        _refuse(
            td,
            "idle_timeout_ms",
            None,
            lambda v: v is None,
            refused,
            f"{base}.turn_detection.idle_timeout_ms",
            "it never speaks up on its own",
        )
    transcription = audio_in.get("transcription")
    if isinstance(transcription, dict):
        _refuse(
            transcription,
            "language",
            None,
            lambda v: v in (None, "en"),
            refused,
            f"{base}.transcription.language",
            "it recognises English only",
        )
        _refuse(
            transcription,
            "prompt",
            None,
            lambda v: not v,
            refused,
            f"{base}.transcription.prompt",
            "its recogniser takes no prompt",
        )
    _refuse(
        audio_out,
        "speed",
        1.0,
        lambda v: v == 1.0,
        refused,
        "session.audio.output.speed",
        "its speech has one speed",
    )
    _refuse(
        merged,
        "max_output_tokens",
        None,
        lambda v: v in (None, "inf"),
        refused,
        "session.max_output_tokens",
        "its answers are one or two sentences already",
    )
    _refuse(
        merged,
        "reasoning",
        None,
        lambda v: v is None,
        refused,
        "session.reasoning",
        "it is a rule-based dialogue, not a reasoning model",
    )
    _refuse(
        merged,
        "tool_choice",
        "auto",
        lambda v: v == "auto",
        refused,
        "session.tool_choice",
        "it calls the effect tools when a command asks for them",
    )
    return refused
