"""What a clause said beside a request tells of it (issue 20, session 35: corpus13's
assistant embedded in other apps): the reason for a setting ("low cut at 75 Hz, there's a
fridge hum"), a story of what was done to the effect ("reset the distortion, I overdid it"),
or, after a described sound, the order that says what to change ("the repeats drown my
words, bring the echo level down": the echo's level, not its repeats).

``clauses`` asks these of its parts; ``first`` is the part before, ``words`` the part's tokens
and ``reading`` the part read alone.
"""

from __future__ import annotations

from voicertc.assistant import lexicon as lx
from voicertc.assistant.addressee import COURTESY
from voicertc.assistant.dialogue import Intent, ToolCall

# What someone did to it, told after a request as its reason: "reset the distortion, I overdid it".
DONE_TO_IT = frozenset(
    "broke overdid messed wrecked ruined borked nuked maxed botched fiddled tweaked".split()
)


# ... or, after a parameter's change, what it should do: "make the knee harder, I want it to grab
# sooner" (but "more regen on the delay, I want it to trail off longer" names the parameter).
# ("knee down nine dB, I want it grabbing more abruptly": or what it should be doing)
_WANTED_OF_IT = (["i", "want", "it"], ["i", "need", "it"], ["i", "want", "them"])


def done_to_it(words: list[str], first: Intent) -> bool:
    doing = words[3:4] == ["to"] or (words[3:4] != [] and words[3].endswith("ing"))
    wanted = (
        words[:3] in _WANTED_OF_IT and doing and isinstance(first, ToolCall) and "param" in first.arguments
    )
    return not DONE_TO_IT.isdisjoint(words) or wanted


def ordered(words: list[str], reading: Intent) -> bool:
    """An order of a change that names no effect but reads as one alone ("give it a bit of air
    around it"): after a sound described, it says what to change."""
    return (
        words[0] in lx.IMPERATIVES
        and isinstance(reading, ToolCall)
        and reading.arguments.get("effect") != "gain"
    )


def of_a_setting(first: Intent, words: list[str], reading: Intent, same_effect: bool) -> bool:
    """A value set, then the sound it fixes described ("there's a fridge hum") or the sound it
    is for ("set the overdrive to 15 percent, just a bit of warmth"): no order of its own."""
    # ("feedback on my echo to 15 percent": an add with a value sets it too)
    valued = isinstance(first, ToolCall) and (
        first.arguments.get("action") == "set" or "value" in first.arguments
    )
    if not (valued and isinstance(reading, ToolCall) and "value" not in reading.arguments):
        return False
    if words[0] == "just":  # ("feedback to fifteen percent, just a couple of repeats": its repeats)
        return words[1:2] != [] and words[1] not in lx.IMPERATIVES
    return same_effect and "param" not in reading.arguments and words[0] not in lx.IMPERATIVES | COURTESY


def order_after_description(
    first_words: list[str], first: Intent, words: list[str], reading: Intent, same_effect: bool
) -> bool:
    """A sound described, then an order of what to change: the order alone, where it names a
    parameter of the effect described ("..., bring the echo level down") or asks another
    effect than the one the description reads ("dead and boxy, give it some air around it")."""
    if not (isinstance(reading, ToolCall) and isinstance(first, ToolCall)):
        return False
    if words[0] not in lx.IMPERATIVES or first_words[0] in lx.IMPERATIVES | COURTESY:
        return False
    if same_effect:
        return "param" in reading.arguments
    effects = (first.arguments.get("effect"), reading.arguments.get("effect"))
    return "gain" not in effects and effects[0] != effects[1]
