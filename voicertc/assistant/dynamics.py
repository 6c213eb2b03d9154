"""The voice's rise and fall described: its dynamics, which a compressor evens out.

Wanting them back is less compression: "I'd like the natural ups and downs back in my voice",
"let the loud bits breathe again", "everything flattened to one level"; wanting none taken is
no compressor ("my voice went up and down naturally, no compressor in the way"). Wanting the
voice held level is one: "every word at the same level", "the volume lurching up and down",
"my voice is a rollercoaster"; held harder where it still gets away ("my loud bits still leap
out, hold them down more"). Only said of the voice, its words or its loud and quiet parts
("I want my life back" asks nothing)."""

from __future__ import annotations

from voicertc.assistant.lexicon import ACTION_WORDS, EFFECT_NAMES, has_phrase, padded

VOICE = ("voice", "loud bits", "loud parts", "quiet bits", "quiet parts", "dynamics", "peaks", "volume",
         "every word", "each word", "every syllable", "my words", "my levels", "everything",
         "i sound")  # fmt: skip
LIVELY = ("ups and downs", "ups and down", "up and down", "bounce", "breathe", "dynamics", "light and shade")
BACK = ("back", "again", "naturally", "untouched", "left alone")
UNTOUCHED = ("no compressor", "no compression", "nothing squeezing", "untouched", "left alone",
             "without compression", "without a compressor", "without the compressor")  # fmt: skip
FLATTENED = ("flattened", "pinned down", "pressed flat", "ironed out", "no life", "lifeless", "breathless",
             "steamrollered", "squeezed flat")  # fmt: skip
# (not "my voice sticks out of the section": too loud, not uneven)
HELD = ("same level", "one level", "rollercoaster", "roller coaster", "lurching", "lurches", "leap out",
        "leaps out")  # fmt: skip
HARDER = ("harder", "more", "further", "tighter", "still")


def described(tokens: list[str], effect: str | None = None) -> dict[str, object] | None:
    """The compressor change a description of the voice's dynamics asks for, if any. With the
    compressor named first (``effect``) only its removal: what else is said of it is read as
    orders are ("everything is squeezed to the same level, ditch the compression")."""
    text = padded(tokens)
    # ("the volume lurching up and down": the level's words name the voice's loudness)
    if effect not in (None, "gain", "compressor") or not has_phrase(text, VOICE):  # ("downs": "down")
        return None
    echoed = has_phrase(text, ("bounce back", "bounces back", "bouncing back"))  # an echo, a delay's
    if has_phrase(text, LIVELY) and has_phrase(text, BACK) and not echoed:
        return {"effect": "compressor", "action": "remove" if has_phrase(text, UNTOUCHED) else "decrease"}
    if effect == "compressor":
        return None
    if has_phrase(text, FLATTENED):
        return {"effect": "compressor", "action": "decrease"}
    if has_phrase(text, HELD):
        return {"effect": "compressor", "action": "increase" if has_phrase(text, HARDER) else "add"}
    return None


def whole(tokens: list[str]) -> bool:
    """Read as one: no clause of a description of the dynamics asks alone (unless another
    effect is named beside it: "my voice is a rollercoaster, and add some reverb", or the
    compressor is ordered out, which the description only explains: "ditch the compression, I
    want my dynamics back")."""
    text = padded(tokens)
    others = (names for effect, names in EFFECT_NAMES.items() if effect != "compressor")
    return (
        described(tokens) is not None
        and not any(has_phrase(text, names) for names in others)
        and not ordered_out(tokens)
    )


_REMOVING = frozenset(dict(ACTION_WORDS)["remove"]) - {"without"}  # ("without compression": untouched)
_COMPRESSOR = frozenset(("compressor", "compression", "comp", "limiter"))


def ordered_out(tokens: list[str]) -> bool:
    """The compressor named beside a word of taking out: "turn off the compression", "take the
    comp off", "ditch the compressor"."""
    return any(
        word in _COMPRESSOR and not _REMOVING.isdisjoint(tokens[max(0, i - 3) : i + 2])
        for i, word in enumerate(tokens)
    )
