"""Session 40's readings from kinds of sentence the lead wrote (no corpus's) after reading
tune18's misses (moods and tempers, and the reasons people give): an effect dismissed like
staff ("you're fired", "send it on holiday", "can leave now", "disengaged"), a time extended
or shortened by an amount, praise or sarcasm before an order, an order said again for
emphasis, "down further", a clause of reason opening with "since" or "because", the level word
alone after a remark, an effect named and asked for after a comparison, loud and quiet side by
side, "can it be reset" after an effect named, "forget all my ... tweaks", what something
"might help", and thanks after an order. Each kind has near misses that must keep their
reading or ask for nothing."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

from voicertc.assistant import dialogue
from voicertc.assistant.other_times import another_time
from voicertc.assistant.reader.head import spared
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("sack the reverb, it's been hogging the mix", call("reverb", "remove")),
        ("compressor, you're fired", call("compressor", "remove")),
        ("send the echo on holiday for the next song", call("delay", "remove")),
        ("the distortion can leave now", call("distortion", "remove")),
        ("I'd like the low cut disengaged", call("highpass", "remove")),
        ("extend the delay time by a hundred milliseconds", call("delay", "increase", 100, "ms")),
        ("the reverb decay should be shortened by one second", call("reverb", "decrease", 1, "s")),
        ("give me a delay, the kind that says it all back to me", call("delay", "add")),
        ("brilliant, switch the echo off", call("delay", "remove")),
        ("wow, lovely, now clear every effect", call(None, "reset")),
        ("turn the reverb down further", call("reverb", "decrease")),
        ("since the room is quieter, please put the low pass back to its defaults", call("lowpass", "reset")),
        ("distortion to forty percent, go go go", call("distortion", "set", 40, "percent")),
        ("reverb off, reverb off, the speech is starting", call("reverb", "remove")),
        ("the traffic outside is roaring. Quieter, please.", call("gain", "decrease")),
        (
            "sorry, my shouting is much louder than my talking, could I have a compressor",
            call("compressor", "add"),
        ),
        ("I keep going loud and quiet", call("compressor", "add")),
        ("I messed up the reverb, can it be reset?", call("reverb", "reset")),
        ("forget all my delay tweaks", call("delay", "reset")),
        ("could I have some reverb? My teacher said it might help the chorus.", call("reverb", "add")),
        ("add a delay, thanks so much", call("delay", "add")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("fire up the reverb", call("reverb", "increase")),
        ("push the reverb further", call("reverb", "increase")),
        ("make my voice go hello hello hello", call("delay", "add")),
        ("the delay is weird, reset everything", call(None, "reset")),
        (
            "Dialogue's sitting two dB under spec, bring my gain up by that much.",
            call("gain", "increase", 2, "db"),
        ),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "we had to fire the drummer last week",
        "the band can leave now",
        "the meeting was extended by an hour",
        "I always forget my headphones",
        "my neighbours are loud and my street is quiet",
        "the speaker at the gym is cranked way too loud",
        "add some chorus",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    "said",
    [
        "the delay can leave now, thanks for your help",
        "the cat's on the desk again. Louder, please.",
        "yay, let's try the reverb at forty, my sister says that's best",
        "a low cut at ninety hertz sounds right to me, let's do it",
    ],
)
def test_the_veto_spares_these_orders(said: str) -> None:
    calls = [c for c in read(said) if isinstance(c, dialogue.ToolCall)]
    assert calls and spared(said, calls)


@pytest.mark.parametrize("said", ["the guests can stay the night", "my sister says the reverb is fine"])
def test_the_veto_spares_no_talk(said: str) -> None:
    assert not spared(said, [call("reverb", "decrease")])


def test_an_order_for_this_time_after_last_time_asks() -> None:
    assert not another_time(tokens("it was too quiet last time, crank my volume up this time"))
    assert another_time(tokens("last time I cranked it up too far"))
