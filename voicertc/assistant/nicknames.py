"""What people call an effect they cannot name, by the picture it makes: "take away the church
sound", "switch off the growly thing", "the copycat voice is shouting over me", "put the rumble
remover back to how it came", "ease off the evening-out a little".

A picture names an effect only as a noun phrase's head word after a determiner and before a word
for a sound or a device: "the church was cold", "a growly dog", "the church bit of the wedding"
and "the church sound system" name nothing. The phrase is rewritten to the effect's own name, so
every reading after it reads "take away the reverb". Where the sentence names the effect too
("they want the monster voice, switch on the distortion") the picture only describes it and is
left as said.
"""

from __future__ import annotations

from voicertc.assistant.lexicon import EFFECT_NAMES
from voicertc.assistant.pictures import MADE_BY

# The pictures, by the effect they call up. Places ("church", "cave") only before a sound's
# noun ("the church sound", not "the church thing": a church's thing is an event).
_PLACES = dict.fromkeys("church churchy cathedral cave".split(), "reverb")
_QUALITIES = {
    **dict.fromkeys("repeating copycat parrot".split(), "delay"),
    **dict.fromkeys("growly gravelly crackly crackling scratchy monster raspy buzzy".split(), "distortion"),
}
_SOUND_NOUNS = frozenset("sound effect voice echo bit setting ring".split())  # ("that church ring")
_THING_NOUNS = _SOUND_NOUNS | frozenset("thing thingy one".split())
# A noise taken away by a device: "the rumble remover", "the grumble blocker thing".
_LOW_NOISES = frozenset("rumble grumble thump thud boom".split())
_DEVICES = frozenset("remover blocker killer stopper filter cutter eater".split())
# Names of more than a picture: what a compressor is said to do, as a noun ("ease off the
# evening-out"); the delay's repeat, as a child hears it ("make the copy of my voice louder").
_PHRASES = ((["evening", "out"], "compressor"), (["evener"], "compressor"), (["leveller"], "compressor"),
            (["leveler"], "compressor"), (["copy", "of", "my", "voice"], "delay"),
            (["copy", "of", "me"], "delay"))  # fmt: skip
# (and amounts: "no more monster voice", "less of that crackly sound", "too much church sound")
_DETERMINERS = frozenset("the that this a some any my your more less no much".split())
# After the noun, words that make the phrase another thing's: "the church sound system".
_NOT_AFTER = frozenset("of system systems engineer guy man woman desk".split())


# An effect named by what it does to the voice: "turn off the thing that makes me say everything
# twice", "switch off the thing that was hiding the rumble", "whatever's making my whispers as loud
# as my shouting".
_THINGS = (["the", "thing"], ["that", "thing"], ["the", "effect"], ["that", "effect"], ["whatever"],
           ["whatevers"])  # fmt: skip
_DOING = frozenset("makes making made hides hiding hid gives giving keeps keeping".split())
_DONE = {**MADE_BY, "rumble": "highpass", "hum": "highpass", "as loud as": "compressor"}


def _described(tokens: list[str]) -> list[str]:
    """``tokens`` with the first thing named by what it does replaced by its effect's name."""
    for i in range(len(tokens)):
        thing = next((t for t in _THINGS if tokens[i : i + len(t)] == t), None)
        if thing is None:
            continue
        j = i + len(thing)
        j += tokens[j : j + 1] in (["that"], ["which"])
        j += tokens[j : j + 1] in (["is"], ["was"])
        if tokens[j : j + 1] and tokens[j] in _DOING:
            rest = " " + " ".join(tokens[j + 1 : j + 8]) + " "
            done = [(rest.find(f" {q} "), q, e) for q, e in _DONE.items() if f" {q} " in rest]
            if done:
                at, said, effect = min(done)
                end = j + 1 + len(rest[: at + len(said) + 1].split())
                if said == "as loud as" and tokens[end : end + 1] in (["my"], ["the"]):
                    end += 2  # what the whispers are as loud as: "... my shouting"
                return [*tokens[:i], "the", effect, *tokens[end:]]
    return tokens


# (session 48, tune28) The gear an effect is named for, as a thing put on, taken out or set: "throw a
# plate on there", "yank the plate out", "an echo chamber on it", "take the clean boost out" (not
# "a plate of chips", "put the plate in the dishwasher": a plate of the table).
_GEAR = ((["plate"], "reverb"), (["echo", "chamber"], "reverb"), (["clean", "boost"], "gain"))
_GEAR_AFTER = frozenset("a an the that some".split())  # (not "take my plate away": a waiter's)
_TABLE = frozenset("of food dinner lunch breakfast eat eating ate dishwasher kitchen table dish dishes cake "
                   "serve served cutlery sink tectonics licence license number".split())  # fmt: skip


def _gear(tokens: list[str]) -> list[str]:
    if not _TABLE.isdisjoint(tokens):
        return tokens
    for words, effect in _GEAR:
        for i in range(1, len(tokens) - len(words) + 1):
            if tokens[i : i + len(words)] == words and tokens[i - 1] in _GEAR_AFTER:
                return _gear([*tokens[:i], effect, *tokens[i + len(words) :]])
    return tokens


def named(tokens: list[str]) -> list[str]:
    """``tokens`` with each nickname of an effect replaced by the effect's name."""
    tokens = _gear(_described(tokens))
    out: list[str] = []
    by_name = {effect for effect, names in EFFECT_NAMES.items() if set(names) & set(tokens)}
    i = 0
    while i < len(tokens):
        found = _nickname(tokens, i) if out and out[-1] in _DETERMINERS else None
        if found is None or found[0] in by_name:
            out.append(tokens[i])
            i += 1
            continue
        effect, length = found
        out.append(effect)
        i += length
    return out


def _nickname(tokens: list[str], i: int) -> tuple[str, int] | None:
    """The effect and the number of words of a nickname starting at ``tokens[i]``."""
    for words, phrased in _PHRASES:
        if tokens[i : i + len(words)] == words:
            return _followed(tokens, i + len(words), phrased, len(words))
    word, rest = tokens[i], tokens[i + 1 : i + 3]
    if word in _LOW_NOISES and rest[:1] and rest[0] in _DEVICES:
        extra = 1 if rest[1:] and rest[1] in _THING_NOUNS else 0  # "the grumble blocker thing"
        return _followed(tokens, i + 2 + extra, "highpass", 2 + extra)
    if word == "booster":  # a device on its own: "put a booster on your voice"
        return _followed(tokens, i + 1, "gain", 1)
    if word == "trim" and tokens[i - 1] != "a":  # the input's trim: "ease the trim down" (not "a trim")
        return _followed(tokens, i + 1, "gain", 1)
    nouns = _SOUND_NOUNS if word in _PLACES else _THING_NOUNS
    effect = _PLACES.get(word) or _QUALITIES.get(word)
    if effect is None or not rest or rest[0] not in nouns:
        return None
    return _followed(tokens, i + 2, effect, 2)


def _followed(tokens: list[str], end: int, effect: str, length: int) -> tuple[str, int] | None:
    """``(effect, length)`` unless the word after the name makes it another thing's."""
    return None if tokens[end : end + 1] and tokens[end] in _NOT_AFTER else (effect, length)
