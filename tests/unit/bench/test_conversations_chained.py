"""``--chain``: the bench runs each call on a chain of the session's own and feeds its
output back as the server does, so an undo of a setting knows the value before it."""

from __future__ import annotations

from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.bench import conversations


def test_a_chained_session_can_undo_a_setting_the_plain_one_cannot() -> None:
    plain, chained = conversations.fresh_session(), conversations.chained_session()
    for understand in (plain, chained):
        understand("set the echo to 300 ms")
        understand("make the echo 500 ms")
    assert isinstance(plain("undo that"), Say)
    undone = chained("undo that")
    assert isinstance(undone, ToolCall)
    assert undone.arguments == {"effect": "delay", "action": "set", "value": 300}


def test_a_chained_session_reads_a_turn_as_the_plain_one_does() -> None:
    plain, chained = conversations.fresh_session(), conversations.chained_session()
    for turn in ("add some reverb", "a bit more", "what's the weather like"):
        assert repr(plain(turn)) == repr(chained(turn))
