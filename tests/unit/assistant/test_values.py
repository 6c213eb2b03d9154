"""values: which number of a sentence is the command's value, and its unit."""

from voicertc.assistant import values
from voicertc.assistant.numbers import find_numbers
from voicertc.assistant.words import tokens


def _value(text: str) -> tuple[float, str | None] | None:
    words = tokens(text)
    found = values.value(words, find_numbers(words))
    return None if found is None else (found[0].value, found[1])


def test_the_number_with_a_unit_wins_over_an_earlier_bare_one():
    assert _value("on take 2 set the delay to 300 ms") == (300, "ms")


def test_a_unit_after_more_is_the_numbers():
    assert _value("give me two more db") == (2, "db")


def test_numbers_of_other_things_a_slope_and_a_lone_one_are_not_values():
    assert _value("i sit 2 meters from the mic") is None
    assert _value("a twelve db per octave high pass") is None
    assert _value("could you put one on for me") is None
    assert _value("set the ratio to one") == (1, None)


def test_by_marks_a_step():
    words = tokens("drop the ratio by two")
    span = find_numbers(words)[0]
    assert values.by(words, span)
    words = tokens("set the ratio to two")
    assert not values.by(words, find_numbers(words)[0])


def test_on_after_a_value_is_at_in_a_level_wished() -> None:
    assert values.on_as_at(tokens("minus three dB on my volume would be good"))[3] == "at"
    assert values.on_as_at(tokens("the volume on minus six dB"))[2] == "at"
    assert "on" in values.on_as_at(tokens("minus 6 dB on the gain"))  # takes 6 dB away
    assert "on" in values.on_as_at(tokens("put minus 6 dB on the gain, that would be good"))


def test_a_value_wished_sets_it() -> None:
    from voicertc.assistant.dialogue import APPLY, ToolCall, understand

    assert understand("somewhere near minus six dB on the volume would be good") == ToolCall(
        APPLY, {"effect": "gain", "action": "set", "value": -6, "unit": "db"}
    )
    assert understand("300 ms on the delay would be great") == ToolCall(
        APPLY, {"effect": "delay", "action": "set", "value": 300, "unit": "ms"}
    )


def test_a_decade_is_no_time() -> None:
    assert _value("make me sound like a 1950s radio") is None
    assert _value("I want that 80s reverb") is None
    assert _value("reverb decay 10s") == (10, "s")
