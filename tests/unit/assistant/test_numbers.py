"""numbers.ranges_as_either: a range said with "to" sets nothing by its "to"."""

from __future__ import annotations

from voicertc.assistant.dialogue import APPLY, ToolCall, understand
from voicertc.assistant.numbers import ranges_as_either


def test_a_range_said_with_to_is_either_end() -> None:
    assert ranges_as_either("three to five more decibels".split()) == "three or five more decibels".split()
    for kept in ("a ratio of 8 to 1", "from 200 to 300 ms", "set the delay to 300"):
        assert ranges_as_either(kept.split()) == kept.split()
    assert understand("give me four to six dB more gain") == ToolCall(
        APPLY, {"effect": "gain", "action": "increase", "value": 6, "unit": "db"}
    )
