"""The benchmarks read a sentence as the server reads a session's first turn."""

from __future__ import annotations

from typing import Any, cast

from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.assistant.reader import Reader
from voicertc.assistant.reader.head import Guess
from voicertc.bench.reading import first_turn


class SureOfReverb:
    """A reader sure of "add reverb" whatever it is shown."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def guess(self, text: str) -> Guess:
        self.shown.append(text)
        return Guess("reverb", 0.99, "add", 0.0)


def test_without_a_reader_the_rules_read_every_request() -> None:
    calls = first_turn()("add reverb and some delay")
    assert [c.arguments["effect"] for c in calls if isinstance(c, ToolCall)] == ["reverb", "delay"]


def test_a_guess_fills_a_turn_the_rules_read_nothing_in() -> None:
    reader = SureOfReverb()
    (call,) = first_turn(cast(Reader, reader))("make it sound like a cathedral please")
    assert isinstance(call, ToolCall) and call.arguments["effect"] == "reverb"
    assert reader.shown == ["make it sound like a cathedral please"]


def test_an_approval_is_never_filled_as_on_the_server() -> None:
    """The server's path skips the fill for "leave it there"; the head's ``combined`` alone
    (what the benchmarks used before session 17) would have added reverb."""
    (reply,) = first_turn(cast(Any, SureOfReverb()))("perfect, leave it there")
    assert isinstance(reply, Say)
