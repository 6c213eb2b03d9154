"""A turn with several requests through the session's memory, the brain and the endpoint's
answer after the tools: every call made, the last remembered, every output spoken of."""

from __future__ import annotations

import json
from typing import Any

from support.tool_calls import call

from voicertc.assistant.brains import AssistantBrain, Calls
from voicertc.assistant.dialogue import FALLBACK_TEXT, Say
from voicertc.assistant.endpoint.items import ItemStore, ToolResult
from voicertc.assistant.endpoint.responses import reply_to
from voicertc.assistant.followups import FollowUps
from voicertc.assistant.speechpool import SpeechPool
from voicertc.protocol import realtime as rt


def test_follow_ups_read_every_request_and_lean_on_the_last() -> None:
    session = FollowUps()
    assert session.understand_all("put on some fuzz and a compressor") == [
        call("distortion", "add"),
        call("compressor", "add"),
    ]
    assert session.understand_all("a bit more") == [call("compressor", "increase")]


def test_one_request_reads_as_the_follow_ups_read_it() -> None:
    alone, together = FollowUps(), FollowUps()
    for said in ("bring in some echo", "a little more", "no, the reverb", "take it off"):
        assert together.understand_all(said) == [alone.understand(said)]


def test_a_turn_of_one_request_among_other_words_is_read_as_the_clauses_read_it() -> None:
    # Read whole, these add the first effect named; the server reads them as heldout does.
    assert FollowUps().understand_all("the reverb sounds fine, now add a delay") == [call("delay", "add")]
    [asked] = FollowUps().understand_all("reverb or delay, which one is better")
    assert isinstance(asked, Say)


def test_the_brain_answers_several_requests_with_several_calls() -> None:
    brain = AssistantBrain(SpeechPool())
    assert brain.understand("switch off the echo and the fuzz", b"") == Calls(
        (call("delay", "remove"), call("distortion", "remove"))
    )
    assert brain.understand("add some echo", b"") == call("delay", "add")  # one: a call, as before


class _Brain:
    def reply_after_tool(self, name: str, output: dict[str, Any]) -> Say:
        return Say(str(output["message"]))


def _result(message: str) -> ToolResult:
    return ToolResult("apply_audio_effect", json.dumps({"ok": True, "message": message}))


def test_the_answer_after_several_tools_speaks_of_each() -> None:
    brain: Any = _Brain()
    first, second = _result("Fuzz on."), _result("Compressor on.")
    assert reply_to(brain, second, [first, second]) == Say("Fuzz on. Compressor on.")
    assert reply_to(brain, second) == Say("Compressor on.")


def test_the_outputs_answered_are_those_after_the_last_calls() -> None:
    store = ItemStore()
    assert store.tool_outputs() == []
    store.add(rt.user_audio_item("u"), pcm=b"pcm")
    for n in (1, 2):
        store.record_call(f"call_{n}", "apply_audio_effect")
        store.add(rt.function_call_item(f"f{n}", f"call_{n}", "apply_audio_effect", "{}"))
    for n in (1, 2):
        store.add({"id": f"o{n}", "type": "function_call_output", "call_id": f"call_{n}", "output": str(n)})
    assert store.tool_outputs() == [
        ToolResult("apply_audio_effect", "1"),
        ToolResult("apply_audio_effect", "2"),
    ]
    store.add(rt.assistant_audio_item("a"))
    assert store.tool_outputs() == []


def test_a_reading_that_raises_costs_the_turn_not_the_call(monkeypatch: Any, caplog: Any) -> None:
    """A rule that raises on some sentence answers that turn as not understood, logged; the next
    turn is read as ever."""
    brain = AssistantBrain(SpeechPool())
    follow_ups = brain._follow_ups
    real = follow_ups.understand_all

    def reading(text: str, guess: object = None) -> list[object]:
        if text == "why":
            raise IndexError("list index out of range")
        return real(text, guess)

    monkeypatch.setattr(follow_ups, "understand_all", reading)
    assert brain.understand("why", b"") == Say(FALLBACK_TEXT)
    assert "reading 'why' failed" in caplog.text
    assert brain.understand("add some reverb", b"") == call("reverb", "add")
