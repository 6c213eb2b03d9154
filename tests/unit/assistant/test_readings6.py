"""Session 21's readings from tune6's misses, on sentences written for these tests (several
wordings each, and near misses that must keep their reading)."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant import declined
from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import Say, ToolCall, understand


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # numbers: a dozen, "by a second", a learner's "one second and half", "this one"
        ("raise the volume a dozen decibels", call("gain", "increase", 12, "db")),
        ("make the reverb decay longer by a second", call("reverb", "increase", 1, "s")),
        ("take a second off the decay", call("reverb", "decrease", 1, "s")),
        ("echo time two second and half", call("delay", "set", 2.5, "s")),
        ("add delay to my voice on this one", call("delay", "add")),
        # words: hotter, pad, splash, steeper, quicken, has to go, darken, tuck under
        ("three dB hotter", call("gain", "increase", 3, "db")),
        ("pad the gain by six dB", call("gain", "decrease", 6, "db")),
        ("splash some reverb on me", call("reverb", "add")),
        ("a steeper ratio please", call("compressor", "increase", param="ratio")),
        ("quicken the compressor attack", call("compressor", "decrease", param="attack_ms")),
        ("the delay has to go", call("delay", "remove")),
        ("darken my voice", call("lowpass", "add")),
        ("tuck the echo under", call("delay", "decrease")),
        # an engineer's short name put on the voice
        ("throw a slap on the vocal", call("delay", "add")),
        ("a plate on my voice please", call("reverb", "add")),
        # regions said another way
        ("roll off the top a bit", call("lowpass", "add")),
        ("take away the chest in my voice", call("highpass", "add")),
        # a wish to be louder than someone
        ("I wanna be louder than the drummer", call("gain", "increase")),
        # a lack said with "not ... enough" is the complaint the other way
        ("I'm not loud enough", call("gain", "increase")),
        ("the reverb isn't big enough", call("reverb", "increase")),
        ("the echoes aren't fast enough", call("delay", "decrease")),
        # how long the echoes go on is their feedback
        ("let the delay ring on longer", call("delay", "increase", param="feedback")),
        ("make the echo repeat fewer times", call("delay", "decrease", param="feedback")),
        # darker still is the cutoff further down; yourself again is no effects at all
        ("a little more muffled", call("lowpass", "decrease")),
        ("I want to sound like myself again", call(None, "reset")),
        # rules alone (a transcript's reading leans less on the reader): a region said with
        # "than", boost as a level verb, the chain cleared whole, a level wished for
        ("cut whatever is higher than four kilohertz", call("lowpass", "set", 4, "khz")),
        ("boost me a little", call("gain", "increase")),
        ("take off every single effect", call(None, "reset")),
        ("just clear the whole thing", call(None, "reset")),
        ("make me really really loud", call("gain", "increase")),
        # the band said before the region decides the filter, whatever the preposition heard
        ("get rid of the lows over eighty hertz", call("highpass", "set", 80, "hz")),
        ("cut the hiss under ten k", call("lowpass", "set", 10, "khz")),
        # the lead or backing vocal is the voice, not a thing the effect belongs to
        ("add some delay on the lead vocal", call("delay", "add")),
        # a dreamy, heavenly voice is a reverberant one; a step said with it stays a step
        ("make it sound ethereal", call("reverb", "add")),
        ("I want to sound like I'm in a dream", call("reverb", "add")),
        ("reverb up please, I want it heavenly", call("reverb", "increase")),
        ("a little more wet", call("reverb", "increase")),
        ("less wet please", call("reverb", "decrease")),
    ],
)
def test_tune6_readings(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        ("my phone sounds like a robot on calls", declined.OTHER_SOUND_TEXT),
        ("the fridge keeps humming all night", declined.OTHER_SOUND_TEXT),
        ("the traffic makes the street sound so loud", declined.OTHER_SOUND_TEXT),
        ("I love the reverb on that record", declined.LIKED_TEXT),
        ("we really enjoy that echo", declined.LIKED_TEXT),
        ("not today, maybe some other time", declined.LEFT_AS_IS_TEXT),
        ("I considered more echo but no, it's fine", declined.LEFT_AS_IS_TEXT),
        ("weight gain happens to everyone", declined.NOT_FOR_SOUND_TEXT),
        ("the class has a low student to teacher ratio", declined.NOT_FOR_SOUND_TEXT),
    ],
)
def test_declined_with_their_own_reply(said: str, reply: str) -> None:
    assert understand_all(said) == [Say(reply)]


@pytest.mark.parametrize(
    "said",
    [
        "my voice sounds like a tin can",  # this sound, described
        "the reverb sounds too long",
        "I'd like the reverb longer",  # a wish, not praise
        "I like the echo, add some more",
        "my cat keeps walking across the desk, can you put a high pass on",
        "make me louder, the folks at the back can't hear a thing",  # a reason after the request
        "my friend says I sound weird, can you take every effect off",
    ],
)
def test_near_misses_stay_requests(said: str) -> None:
    assert all(isinstance(i, ToolCall) for i in understand_all(said)), understand_all(said)


def test_wait_a_second_counts_nothing() -> None:
    assert not isinstance(understand("wait a second"), ToolCall)
