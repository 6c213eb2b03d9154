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
from voicertc.assistant.addressee import COURTESY, after_opening
from voicertc.assistant.dialogue import APPLY, Intent, ToolCall
from voicertc.assistant.referents import named_effect

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


# What the result must be, told after a request as its reason: "no reverb on my handover
# recording, it needs to be dead clear", "take the limiter off, they need to hear me whisper".
_MUST = frozenset("need needs has have should must ought".split())


def must_be(words: list[str]) -> bool:
    return words[:1] in (["it"], ["they"], ["this"], ["that"]) and words[1:2] != [] and words[1] in _MUST


# (session 49, tune29) What it does now, told after a request as its reason: "longer reverb tail
# please, it cuts off fast", "..., it stops too soon" (a verb of its own, not "is" or "has").
_NOT_DOING = frozenset("is was has does needs goes gets".split())


def behaves(words: list[str]) -> bool:
    return (
        words[:1] == ["it"]
        and words[1:2] != []
        and words[1].endswith("s")
        and words[1] not in _NOT_DOING | _MUST
    )


def ordered(words: list[str], reading: Intent, remark_before: bool = True) -> bool:
    """An order of a change that names no effect but reads as one alone ("give it a bit of air
    around it"): after a sound described, it says what to change. ``remark_before``: the part
    before is a remark of its own, not a name called ("kids, quieter please" is to the kids)."""
    words = words[next((i for i, w in enumerate(words) if w not in _LEADING), len(words)) :]
    # (not "... two dB under spec, bring my gain up by that much": the amount is in the part before)
    if not (words and isinstance(reading, ToolCall)) or {"that", "much"} <= set(words):
        return False
    # ("this is brilliant, now turn me up a smidge": the caller's own level after a remark)
    own = not {"me", "my"}.isdisjoint(words[1:3])
    # ("the glasses in the cabinet are rattling. Quieter, please.": the level word alone is an order)
    bare = remark_before and set(words) <= LEVELS | _LEADING and reading.arguments.get("effect") == "gain"
    said = named_effect(words)
    # ("I'm sorry, my laugh is much louder than my talking, could I have a compressor?": named)
    named = said if words[0] in _ASKING else None
    asked = named is not None and reading.arguments.get("effect") == named and reading.name == APPLY
    # ("good stuff, now reverb mix at 45%": a setting of an effect named, given its value)
    effect = reading.arguments.get("effect")
    valued = reading.arguments.get("action") == "set" and effect is not None and effect == said
    # ("I feel like I'm slightly too loud, so maybe drop the gain by two dB": the gain named)
    own = own or (effect == "gain" and said == "gain")
    return bare or asked or valued or (words[0] in ORDER_VERBS and (effect != "gain" or own))


_LEADING = frozenset("now so then just please okay ok maybe".split())
# Verbs an order after a described sound opens with: the rules' own and those of what an effect
# does ("the peaks still stick out like nails, squash them harder").
ORDER_VERBS = lx.IMPERATIVES | frozenset(
    "squash tame tighten shorten lengthen soften widen narrow trim calm smooth dry rein hold ease thicken "
    "brighten darken warm muffle lose mute ditch crank shave".split()
)
# The level words an order may be alone: "Quieter, please." (the veto spares it too: ``reader.head``)
LEVELS = frozenset("louder quieter softer".split())
_ASKING = frozenset("could can may would id please".split())


def of_a_setting(first: Intent, words: list[str], reading: Intent, same_effect: bool) -> bool:
    """A value set, or one parameter moved, then the sound it fixes described ("there's a fridge
    hum") or the sound it is for ("set the overdrive to 15 percent, just a bit of warmth", "widen
    the knee, I want the squeeze to come in gradually"): no order of its own."""
    # ("feedback on my echo to 15 percent": an add with a value sets it too)
    valued = isinstance(first, ToolCall) and (
        first.arguments.get("action") == "set"
        or "value" in first.arguments
        # (a parameter moved, then the effect only wished for: not "..., the echo comes back too quick")
        or (
            "param" in first.arguments
            and isinstance(reading, ToolCall)
            and reading.arguments["action"] == "add"
        )
    )
    if not (valued and isinstance(reading, ToolCall) and "value" not in reading.arguments):
        return False
    if words[0] == "just":  # ("feedback to fifteen percent, just a couple of repeats": its repeats)
        return words[1:2] != [] and words[1] not in lx.IMPERATIVES
    return same_effect and "param" not in reading.arguments and words[0] not in lx.IMPERATIVES | COURTESY


def removal_explained(first: Intent, words: list[str], reading: Intent) -> bool:
    """An effect taken out, then the sound it made described as too much of it ("take the
    compressor off, I sound squashed flat", "turn off the compression, I want my dynamics back"):
    the reason for the removal, which read with it would only lessen the effect."""
    if not (isinstance(first, ToolCall) and isinstance(reading, ToolCall)):
        return False
    return (
        first.arguments.get("action") == "remove"
        and reading.arguments.get("effect") == first.arguments.get("effect")
        and reading.arguments.get("action") in ("decrease", "remove")
        and words[0] in DESCRIBING  # (not an order of its own: "..., ease off the reverb")
    )


# How a description of the sound opens: "I sound squashed flat", "it's all pumping".
DESCRIBING = frozenset("i im it its my everything thats theres there we were".split())


def order_after_description(
    first_words: list[str], first: Intent, words: list[str], reading: Intent, same_effect: bool
) -> bool:
    """A sound described, then an order of what to change: the order alone, where it names a
    parameter of the effect described ("..., bring the echo level down") or asks another
    effect than the one the description reads ("dead and boxy, give it some air around it")."""
    if not (isinstance(reading, ToolCall) and isinstance(first, ToolCall)):
        return False
    ordered = after_opening(words)  # ("..., so maybe drop the gain by two dB")
    if not ordered or ordered[0] not in lx.IMPERATIVES or first_words[0] in lx.IMPERATIVES | COURTESY:
        return False
    if same_effect:  # ... or says by how much: "I'm slightly too loud, so maybe drop the gain by two dB"
        said, asked = first.arguments, reading.arguments
        return "param" in asked or (
            "value" in asked and "value" not in said and asked["action"] == said["action"]
        )
    effects = (first.arguments.get("effect"), reading.arguments.get("effect"))
    return "gain" not in effects and effects[0] != effects[1]
