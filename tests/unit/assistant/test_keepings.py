"""What a turn keeps before what it changes (``keepings``): the leading parts that keep or praise
what is there are not read, what follows them is; a change that points at the one effect kept is
of that effect; a turn that only keeps, or keeps "all but" one thing, is left to the rules that
read those."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import read

from voicertc.assistant.contrasts import _parts
from voicertc.assistant.keepings import first_change, rest


def _rest(said: str) -> str | None:
    starts, parts = _parts(said)
    return rest(parts, starts, said)


@pytest.mark.parametrize(
    ("said", "left"),
    [
        ("keep the delay as it is, but shorten the reverb", "shorten the reverb"),
        ("the gain stays and the filters stay, I like them, so please mute the echo", "please mute the echo"),
        ("the compressor's fine, the reverb too, just drop the low cut", "just drop the low cut"),
        # the one effect kept, pointed at: "less of it" is the reverb
        ("the reverb sounds lovely, but maybe less of it", "the reverb, maybe less of it"),
        ("the low pass stays, but at three k", "the low pass, at three k"),
        # (session 47) talk that names and orders nothing before what is kept
        (
            "I'm an engineer so forgive me, but the compressor and the filters are all where I want them, "
            "the gain to plus two",
            "the gain to plus two",
        ),
        ("I don't want to lose the other effects, just restore the delay", "just restore the delay"),
        # what the kept setting brought is no request either
        ("the high cut is perfect, no more hiss, but the gain up a bit", "the gain up a bit"),
    ],
)
def test_what_is_read_past_what_is_kept(said: str, left: str) -> None:
    assert _rest(said) == left


@pytest.mark.parametrize(
    "said",
    [
        "keep the reverb on please",  # keeps only: the rules read it
        "keep it down, the baby's asleep",  # "keep it down" asks for less
        "keep the echo short, make it quieter",  # a kept thing said to be changed
        "keep the compressor as is except the attack, make it faster",  # contrasts.EXCEPT's
        "add some reverb, keep the delay",  # a change first
        "turn me up, the reverb stays",  # an order before what is kept
    ],
)
def test_nothing_kept_first(said: str) -> None:
    assert first_change(_parts(said)[1]) == 0


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "keep the reverb, it's lovely, and keep the compressor, but the delay is too busy for a lesson, "
            "so please take only the delay off",
            call("delay", "remove"),
        ),
        (
            "the compressor stays and the reverb stays, I like both of them, but the echo has to go, "
            "it is far too busy for a lesson",
            call("delay", "remove"),
        ),
        (
            "don't change the reverb or the delay, they're exactly how I want them, "
            "just make me a bit louder",
            call("gain", "increase"),
        ),
        (
            "keep the echo and the gain where they are, but the compressor has to come out",
            call("compressor", "remove"),
        ),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]
