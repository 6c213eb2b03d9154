"""What "it", "its" and "them" point back to in a turn that spoke of an effect before asking.

"the echo is stepping on my words, I'd like it quieter" and "the repeats are too loud,
make them quieter" ask for less echo: "it" is the effect the turn described, not the
overall volume that "make it quieter" alone changes (``followups`` reads it so after a
change). A request before the pronoun keeps the volume reading: "add reverb and make it
louder" asks for the reverb and for a louder voice."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from voicertc.assistant import lexicon as lx
from voicertc.assistant import resets
from voicertc.assistant.dialogue import APPLY, Intent, ToolCall, tokens

POINTERS = frozenset({"it", "them", "that"})
# Loudness said of the thing pointed at ("make it quieter", "turn it down"); "volume" and
# "level" name the overall volume.
STEPS = frozenset("quieter softer louder down up".split())
# The thing pointed at taken away: "I don't like that scratchy effect, switch it off".
AWAY = frozenset("off away rid lose remove kill".split())
# A clause that opens with these asks for something itself ("add reverb and make it
# louder", "please turn the echo up, make it louder"): its "it" may be the voice.
ASKING = frozenset("add put give turn switch bring set apply boost raise".split())
OPENERS = frozenset("please could can would will you just now so ok okay oh and then maybe".split())
# How the part that points back asks: "make it quieter", "I'd like it quieter", "can you turn
# them down"; not "they should make it quieter" or "so I turned it down".
ASKED = frozenset("make turn bring take knock get keep pull drop dial tone switch lose kill remove id want"
                  .split())  # fmt: skip
# ... or, after an opener that asks, what it should be: "can it be louder"
WANTING = ("i want", "i would like", "i need", "i would prefer", "i prefer", "id prefer", "it be ",
           "they be ")  # fmt: skip
# What an effect's sound is called where it is not named: "the crackle is too loud, turn it
# down", "the bounces are too loud, make them quieter".
SOUNDS = {
    **dict.fromkeys("crackle crackling crackles crunch grit rasp fuzziness".split(), "distortion"),
    **dict.fromkeys("repeat repeating repetitions bounces bouncing".split(), "delay"),
    # (not "buzz" nor "growl": "the buzz from the fridge", "the growl of the traffic")
    **dict.fromkeys("roughness scratchiness fuzz".split(), "distortion"),
}
# Words that describe the distortion's sound where a sound follows: "that rough sound", "the
# scratchy effect", "a buzzy edge" ("my voice is rough today" says nothing of an effect).
DISTORTED = frozenset("rough scratchy buzzy gritty crunchy fuzzy growly dirty raspy gravelly".split())
SOUND_NOUNS = frozenset("sound effect thing edge tone noise texture".split())


def pointed(parts: Sequence[str], calls: list[Intent], understand: Callable[[str], Intent]) -> list[Intent]:
    """``calls``, the turn read as parts, or the step on the effect "it" points back to: where
    they change the volume or nothing; or where they turn an effect down that a later "it" then
    takes away ("the echo is too loud, switch it off")."""
    effects = {c.arguments.get("effect") for c in calls if isinstance(c, ToolCall) and c.name == APPLY}
    step = pointed_step(parts, understand)
    if effects and "gain" not in effects:
        # (a filter put on for a noise is what "it" is taken away by: "a hum, get rid of it")
        adds = any(isinstance(c, ToolCall) and c.arguments.get("action") == "add" for c in calls)
        removed = step is not None and step.arguments["action"] == "remove" and not adds
        return [step] if removed and {step.arguments["effect"]} == effects else calls
    return calls if step is None else [step]


def asked_then_ordered(
    parts: Sequence[str], calls: list[Intent], understand: Callable[[str], Intent]
) -> list[Intent]:
    """``calls``, or where they change nothing, a question about an effect then an order of "it"
    or "them" that reads as nothing alone, read of the effect the question named (session 44,
    corpus22 and corpus23's questions): "why does the reverb ring on so long? cut it shorter"."""
    if any(isinstance(c, ToolCall) and c.name == APPLY for c in calls):
        return calls
    for n, part in enumerate(parts[1:], start=1):
        words = tokens(part)
        earlier = tokens(parts[n - 1])
        if not (earlier and earlier[0] in QUESTIONS and words and words[0] in lx.IMPERATIVES):
            continue
        effect = named_effect(earlier)
        if effect is None or not POINTERS & set(words) or named_effect(words) is not None:
            continue
        if isinstance(understand(part), ToolCall):
            return calls
        # read as "the reverb, cut it shorter"
        own = understand(f"the {lx.SPOKEN_EFFECT.get(effect, effect)}, {part}")
        if isinstance(own, ToolCall) and own.name == APPLY and own.arguments.get("effect") == effect:
            return [own]
    return calls


# What a question opens with: "why does the reverb ring on so long?", "is the echo on?"
QUESTIONS = frozenset("why what how is are does do can could".split())


def pointed_reset(parts: Sequence[str], calls: list[Intent]) -> list[Intent]:
    """``calls``, or the reset of the effect an earlier part named where a later part asks to
    reset "it" ("I messed up the delay, can it be reset?"), read alone as the whole chain's."""
    chain = ToolCall(APPLY, {"action": "reset"})
    if chain not in calls:
        return calls
    for n, part in enumerate(parts[1:], start=1):
        words = set(tokens(part))
        if not POINTERS & words or "reset" not in words or not {"all", "everything"}.isdisjoint(words):
            continue
        effect = named_effect([w for p in parts[:n] for w in tokens(p)])
        if effect is not None:
            return [ToolCall(APPLY, {"effect": effect, "action": "reset"})]
    return calls


def pointed_step(parts: Sequence[str], understand: Callable[[str], Intent]) -> ToolCall | None:
    """The step on the effect an earlier part described, which a later part asks for of
    "it" or "them" in loudness words; None where no part does."""
    for n, part in enumerate(parts[1:], start=1):
        words = _its_level(tokens(part))
        away = bool(AWAY & set(words))
        if not (POINTERS & set(words) and (STEPS & set(words) or away)) or named_effect(words) is not None:
            continue
        alone = understand(part)
        if not _asks(words) or not (_volume_step(alone) or (away and not _other_effect(alone))):
            return None  # "..., I wish they'd make it quieter": nothing asked of the assistant
        earlier = [w for p in parts[:n] for w in tokens(p)]
        effect = _described(earlier, understand(" ".join(parts[:n])))
        if effect is None:
            return None
        spoken = "the " + lx.SPOKEN_EFFECT.get(effect, effect)
        said = " ".join(spoken if w in POINTERS else w for w in words)
        own = understand(said)
        if not isinstance(own, ToolCall) or own.name != APPLY:
            return None
        args = own.arguments
        if args.get("effect") != effect or args.get("action") not in ("increase", "decrease", "remove"):
            return None
        later = (understand(p) for p in parts[n + 1 :])
        return None if any(isinstance(r, ToolCall) for r in later) else own
    return None


# An effect's own level pointed back to: "the delay's too loud, bring its level down" (its mix,
# not the voice's volume that "level" alone names).
_ITS = frozenset({"its", "their"})
_LEVELS = frozenset({"level", "volume"})


def _its_level(words: list[str]) -> list[str]:
    at = next((i for i in range(len(words) - 1) if words[i] in _ITS and words[i + 1] in _LEVELS), None)
    return words if at is None else [*words[:at], "it", "mix", *words[at + 2 :]]


def _asks(words: list[str]) -> bool:
    rest = words[next((i for i, w in enumerate(words) if w not in OPENERS), len(words)) :]
    return bool(rest) and (rest[0] in ASKED or " ".join(rest).startswith(WANTING))


def _volume_step(reading: Intent) -> bool:
    if not isinstance(reading, ToolCall) or reading.name != APPLY:
        return False
    args = reading.arguments
    return args.get("effect") == "gain" and args.get("action") in ("increase", "decrease")


def _other_effect(reading: Intent) -> bool:
    """A change of an effect other than the volume: "switch it off" read alone as one."""
    return isinstance(reading, ToolCall) and reading.arguments.get("effect") not in (None, "gain")


def named_effect(words: list[str]) -> str | None:
    """The effect a part names by name, if any (the first named)."""
    found = _named(words)
    return min(found)[1] if found else None


def said_before(effect: str, part: str) -> str:
    """``part`` with ``effect`` named before it, so that its "it" (or its unnamed setting) is that
    effect's: "the reverb, maybe less of it". How a part is read of an effect named elsewhere in
    its turn (``keepings``, ``contrasts``, ``addressed``)."""
    return f"the {lx.EFFECT_NAMES[effect][0]}, {part}"


def named_effects(words: list[str]) -> set[str]:
    """Every effect a part names by name."""
    return {effect for _, effect in _named(words)}


def _named(words: list[str]) -> list[tuple[int, str]]:
    """Each place an effect's name is said (where in the words joined), and the effect."""
    text = lx.padded(words)
    return [(at, e) for e, names in lx.EFFECT_NAMES.items() for n in names for at in lx.positions(text, n)]


def its_reset(words: list[str]) -> ToolCall | None:
    """ "the delay's gone weird, restore its factory settings": "its" is the effect named."""
    if not resets.its_defaults(lx.padded(words)):
        return None
    # the nearest named before "its" ("since the new room is quieter, restore the high-pass to
    # its factory settings": the high-pass)
    its = max((i for i, w in enumerate(words) if w == "its"), default=len(words))
    # (of names said at the same place, the one named_effect would take)
    before = [(-at, e) for at, e in _named(words[:its])]
    named = min(before)[1] if before else named_effect(words)
    return None if named is None else ToolCall(APPLY, {"effect": named, "action": "reset"})


def _described(earlier: list[str], reading: Intent) -> str | None:
    """The one effect other than the volume the earlier words speak of without asking for
    it: by name, by its sound ("the repeating is a bit much"), or as their reading's effect."""
    opening = next((w for w in earlier if w not in OPENERS), None)
    if opening is None or opening in ASKING:
        return None
    described = (SOUNDS.get(w) or _distorted(earlier, i) for i, w in enumerate(earlier))
    named = {e for _, e in _named(earlier)} | {e for e in described if e}
    if len(named) > 1:
        return None
    if named:
        effect = named.pop()
    elif isinstance(reading, ToolCall) and reading.name == APPLY:
        effect = str(reading.arguments.get("effect"))
    else:
        return None
    return effect if effect in lx.EFFECT_NAMES and effect != "gain" else None


def _distorted(words: list[str], i: int) -> str | None:
    """ "distortion" where ``words[i]`` describes its sound before a sound word ("that rough
    sound", "a buzzy edge", "that rough scratchy effect")."""
    if words[i] not in DISTORTED:
        return None
    after = words[i + 1 : i + 4]
    sound = next((w for w in after if w not in DISTORTED), None)
    return "distortion" if sound in SOUND_NOUNS else None
