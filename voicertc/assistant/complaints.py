"""Complaints that name no control but are clear all the same: "the volume jumps around" (a
compressor), "it's like I'm under a blanket" (a low pass opened), "my P's are popping" (a
high pass), "the words are smearing into each other" (less reverb); and a few sounds wished
for ("smooth and even", "something mellow"). Kept apart from ``descriptions`` (qualities said
of the sound) for size."""

from __future__ import annotations

from voicertc.assistant.bands import missing
from voicertc.assistant.degrees import more_of
from voicertc.assistant.lexicon import has_phrase

Change = dict[str, object]


# The letters that pop, said as doing it: "my P's are thumping", "every B pops like a balloon".
PLOSIVES = tuple(f"{letter} {verb}" for letter in ("p", "ps", "b", "bs")
                 for verb in ("pop", "pops", "popping", "thump", "thumps", "thumping", "are popping",
                              "are thumping", "keep popping", "keep thumping"))  # fmt: skip


# Complaints that name no quality word but are clear all the same.
STANDALONE: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("jumps around", "jumping around", "all over the place", "all over the shop",
                     "all over the shops", "even out", "even it out", "level out", "smooth out",
                     "loud and others are quiet", "going up and down",
                     "loud and some are quiet", "some parts are loud", "goes up and down",
                     "go up and down", "one level", "everything level", "everything the same level",
                     "smash it", "inconsistent", "others disappear", "others get lost", "others vanish",
                     "loud and others", "more even", "radio host", "stayed steady", "stay steady",
                     "more consistent", "more steady", "steadier", "smooth it out", "smooth things out",
                     "even things out", "even me out", "even my voice out", "level me out", "level it out",
                     "level my voice out", "glue it", "some glue", "more glue"), ("compressor", "add")),
    **dict.fromkeys(("hurting my ears", "hurts my ears", "hurt my ears", "my ears hurt",
                     "deafening", "running hot", "running a bit hot", "running a little hot", "coming in hot",
                     "coming in too hot", "running too hot", "level is too hot", "levels are too hot",
                     "signal is too hot", "mic is too hot", "input is too hot", "im too hot on"),
                    ("gain", "decrease")),
    **dict.fromkeys(("cant hear it", "cant hear anything", "barely hear it",
                     "barely hear anything", "hardly hear it", "cannot hear it"),
                    ("gain", "increase")),
    **dict.fromkeys(("under a blanket", "through a wall", "behind a curtain", "blanket over", "underwater",
                     "under water", "behind a wall", "through a pillow", "into a pillow", "under a pillow",
                     "through a towel", "from the next room", "in the next room", "from another room",
                     "in another room", "from the other room", "next door", "fish tank", "under the sea",
                     "aquarium", "behind a door", "behind the door", "behind a thick door", "cotton wool",
                     "behind a closed door", "through a door", "through the wall", "thick curtain"),
                    ("lowpass", "increase")),
    **dict.fromkeys(("barely hear myself", "hardly hear myself", "cant hear myself", "barely hear me",
                     "hardly hear me", "cant hear me"), ("gain", "increase")),
    **dict.fromkeys(("piercing my ears", "pierce my ears", "piercing", "stabbing", "like knives",
                     "like a knife", "like daggers", "like needles"), ("lowpass", "add")),
    # a small speaker's sound named as the effect wished for: "old school telephone effect please"
    **dict.fromkeys(("telephone effect", "phone effect", "radio effect", "that radio sound", "am radio",
                     "that telephone sound", "walkie talkie effect", "megaphone effect"),
                    ("highpass", "add")),
    **dict.fromkeys(("getting lost in the", "lost in the mix", "buried in the mix", "drowned out"),
                    ("gain", "increase")),
    **dict.fromkeys(("tin can", "a telephone", "a phone", "like an old telephone", "like im on the phone",
                     "like an old radio", "like a radio", "like a walkie talkie", "through a megaphone",
                     "like im on the radio", "like i am on the radio", "talking over the radio",
                     "like im on a walkie talkie", "like im on a phone call", "on an old phone",
                     "on an old telephone"),
                    ("highpass", "decrease")),
    **dict.fromkeys(("sound bigger", "sound huge", "sound massive", "sound larger"), ("reverb", "increase")),
    **dict.fromkeys(("sound smaller", "sound closer", "sound more intimate", "more intimate",
                     "by the listeners ear",
                     # (session 42, tune20) words run together by the room: "it's all soup"
                     "smearing into each other", "smear into each other", "blurs into the next",
                     "blur into each other", "its all soup"), ("reverb", "decrease")),
    **dict.fromkeys(("loud parts", "quiet parts", "loud bits", "quiet bits"), ("compressor", "add")),
    **dict.fromkeys(("plosives", "plosive", "wind noise", "p pops", "breath pops", "popping ps",
                     "popping my ps", "it pops", *PLOSIVES),
                    ("highpass", "add")),
    **dict.fromkeys(("bounce back", "bounces back", "bouncing back", "across a canyon", "in a canyon",
                     "across the canyon", "across a valley"), ("delay", "add")),
}  # fmt: skip
# A sound wished for, read only as a wish of the voice ("I want something mellow and cosy", not "a cosy flat")
WISHED = {**dict.fromkeys(("smooth and even", "even and smooth", "nice and even", "all smooth", "polished",
                           "steady and smooth"), ("compressor", "add")),
          **dict.fromkeys(("mellow", "mellower", "cosy", "cozy"), ("lowpass", "add"))}  # fmt: skip
WISHING = ("make me", "make my voice", "i want", "id like", "i would like", "give me", "can i sound",
           "could i sound", "want to sound", "i wanna", "make it sound", "i need")  # fmt: skip
SOUND_WORDS = frozenset("sound sounding voice me tone vocal vocals".split())
# Asked for rather than complained of: "make me sound like I'm behind a wall" wants the
# muffling that "it sounds like I'm behind a wall" complains of.
WANTED = ("make me sound", "make it sound", "i want to sound", "i want it to sound", "give me that",
          "make my voice sound", "even more", "more muffled", "further", "farther", "deeper")  # fmt: skip


def standalone(text: str, named: str | None = None) -> Change | None:
    """A complaint that names no control; not one about another effect than the one
    ``named`` ("the reverb is barely there, I can hardly hear it"; the level's own words,
    "the volume jumps around", describe what the compressor evens out)."""
    for phrase, (effect, action) in STANDALONE.items():
        if has_phrase(text, (phrase,)) and named in (None, effect, "gain"):
            if has_phrase(text.split(f" {phrase} ")[0] + " ", ("hopefully", "i hope")):
                continue  # "there's construction outside, hopefully you can't hear it": a hope
            filtering = (effect, action) in (("lowpass", "increase"), ("highpass", "decrease"))
            if filtering and has_phrase(text, WANTED):
                action = "add"  # "make it sound like an old radio": the filtering complained of
            after = text.split(f" {phrase} ", 1)[-1].split()
            if action == "add" and {"more", "still", "further"}.intersection(after):
                action = more_of(effect)  # "even me out a little more"
            return {"effect": effect, "action": action}
    if has_phrase(text, WISHING) and SOUND_WORDS.intersection(text.split()):
        for phrase, (effect, action) in WISHED.items():
            if has_phrase(text, (phrase,)) and named in (None, effect):
                return {"effect": effect, "action": action}
    return missing(text)
