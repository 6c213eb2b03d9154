"""Command words Whisper heard badly and wrote as other words, read back where only the
command can be meant.

Each reading needs the words around it to say it is about the sound: "slap back" is the
delay only before what a slapback is ("a slap back echo", "that slap back thing"), not
in "slap back at the critics"; "key" is a filter's Q only as "the key of the low pass",
not "the key of the song". Written from tune3's spoken misses (docs/speech.md, session
15), each as a kind of mishearing, tested on sentences of their own
(``tests/unit/assistant/test_misheard.py``).

``text`` works on the transcript as written (it needs the commas), ``tokens`` on
``words.normalize`` output.
"""

from __future__ import annotations

import re

from voicertc.assistant.numbers import ONES, TEENS, TENS

# Phrases recognisers get wrong in known ways: Whisper writes "could you" as "cut you".
PHRASES: tuple[tuple[str, str], ...] = (
    ("cut you", "could you"),
    ("turn of the", "turn off the"), ("switch of the", "switch off the"),  # typed: "turn of the echo"
    # Whisper on tune5 (session 19): none of these means anything said to a mixer.
    ("give rid of", "get rid of"), ("binge the", "bin the"), ("of please", "please"),
    # Whisper on tune6 (session 21): "shave a", "no body", "every", "plain", "sandpaper".
    ("shaver", "shave a"), ("has nobody", "has no body"), ("a very effect", "every effect"),
    ("blind voice", "plain voice"), ("sound paper", "sandpaper"),
    # Whisper on tune7 (session 22): "half as much", "cut in half"
    ("halve is much", "half as much"), ("half is much", "half as much"), ("cutting half", "cut in half"),
    ("count down", "countdown"),  # (tune9, session 27: "for the countdown" is no step down)
    # Engineers' short names, said as a thing put on the voice: "throw a slap on my voice",
    # "can I get a plate on the vocal" (not "a plate on the table").
    *((f"{short} on {whom}", f"{name} on {whom}")
      for short, name in (("slap", "slapback"), ("plate", "plate reverb"))
      for whom in ("my", "me", "the vocal", "the vocals", "the voice", "the lead")
      if short != "plate" or whom not in ("my", "me")),  # ("a plate on my" below: "plate on my desk")
    *((f"a plate on {whom}", f"a plate reverb on {whom}") for whom in ("my", "me")),
    ("some slap", "some slapback"), ("more slap", "more slapback"), ("less slap", "less slapback"),
    # Other names, said as phrases: as keywords "processor" would pull "professor" to it.
    ("dynamics processor", "compressor"), ("the growl", "the distortion"), ("some growl", "some distortion"),
    ("more growl", "more distortion"), ("less growl", "less distortion"),
    ("crackling effect", "distortion"), ("crackle effect", "distortion"),  # "reduce the crackling effect"
    ("the boost", "the gain"), ("that boost", "that gain"),  # "drop the boost": the gain stage put in
    # a boost put on is the gain stage added: "chuck a volume boost on my mic", "put a boost on me"
    ("volume boost", "gain boost"), ("a boost on", "a gain boost on"),
    # The speaker's level as an amount; a boost said not wanted ("no boost on me now", not "no
    # boost no cut", a gain at 0 dB).
    ("more of me", "more volume on me"), ("less of me", "less volume on me"),
    ("no boost on", "no gain on"), ("no more boost", "no more gain"),
    # Whisper on tune11 (session 33): a section and a channel written as two words.
    ("the break down", "the breakdown"), ("talk back channel", "talkback channel"),
    # A console's fader is the level ("fader at minus three"); not a keyword, which would
    # pull "Vader" to it.
    ("the fader", "the volume"), ("my fader", "my volume"), ("fader at", "volume at"),
    ("fader to", "volume to"), ("fader up", "volume up"), ("fader down", "volume down"),
    # (session 48, tune28) A mixer's words for an effect's mix and for switching it back on: "bring
    # up the reverb send", "wet/dry on the plate, ten percent lower", "its wet level", "un-bypass the
    # reverb", "take the compressor off bypass".
    *((f"{name} send", f"{name} mix") for name in ("reverb", "verb", "delay", "echo", "its", "the")),
    # (not "too wet, dry it up a little")
    *((f"{said} {after}", f"mix {after}") for said in ("wet dry", "dry wet")
      for after in ("on", "at", "to", "mix")),
    ("wet level", "mix"), ("un bypass", "enable"),
    ("unbypass", "enable"), ("off bypass", "back on"), ("out of bypass", "back on"),
    # Whisper on tune13 (session 35): "points off", "a couple of" run together.
    ("point soft", "points off"), ("a cupboard decibels", "a couple of decibels"),
    # Whisper on tune14 (session 36): "dirtier please".
    ("dirty air", "dirtier"),
    # (session 50) Whisper across tune10-tune29's spoken runs: "stock settings" (nobody stops or is
    # stuck in settings), "the low pass" run into a greeting, "softer knee", "attack" as "a tech".
    ("stop settings", "stock settings"), ("stuck settings", "stock settings"),
    ("hello pass", "the low pass"), ("hello cut", "the low cut"),
    ("soften me on the", "softer knee on the"), ("a tech on the", "attack on the"),
    ("echo reverb", "echoey reverb"),  # (tune30: "put a huge echoey reverb on me" heard "echo reverb")
)  # fmt: skip

# A vocative at the end, after a comma, written as the commoner word: "turn me up, made."
_VOCATIVE = re.compile(r",\s*made(?=[.!?]*\s*$)", re.IGNORECASE)


def text(transcript: str) -> str:
    """The transcript with the mishearings only its punctuation shows read back."""
    return _VOCATIVE.sub(", mate", transcript)


# "fifteen hundred" written "fifty hundred": nobody says tens before "hundred" (they say
# "five thousand"), and Whisper often writes "-teen" as "-ty".
_TEEN_OF = {tens: next(t for t, v in TEENS.items() if v == value // 10 + 10) for tens, value in TENS.items()
            if value >= 30}  # fmt: skip

# What may follow "slap back" when it names the effect, and what may come before it.
_SLAPBACK_AFTER = frozenset("echo echoes delay delays thing effect sound style on".split())
_SLAPBACK_BEFORE = frozenset("a the that some more less".split())

_FILTERS = (["low", "pass"], ["high", "pass"], ["lowpass"], ["highpass"], ["low", "cut"], ["high", "cut"],
            ["bass", "cut"], ["treble", "cut"], ["lpf"], ["hpf"])  # fmt: skip
_COUNTS = frozenset({*ONES, *TEENS, *TENS, "half", "quarter"})
_K_AFTER = (["hertz"], ["hz"], ["please"])


# tune5's spoken misses (docs/speech.md, session 19): "in half" run into the word before.
_INTO_HALF = {"writing": "right in", "driving": "drive in"}
_HALVING = frozenset("cut chop split slice take".split())
# "a hair quieter" written "a half quieter": a half is never more or less of something.
_COMPARATIVES = frozenset("quieter louder softer brighter darker warmer wetter drier dryer".split())
# "cut off my voice" written as the noun, which cannot take "my" after it.
_POSSESSIVES = frozenset("my your our his her their".split())
# "the reverb till shorter": its tail, only before what a tail's length can be.
_TAIL_AFTER = frozenset("shorter longer short long length".split())


def _is_count(before: list[str]) -> bool:
    return bool(before) and (before[0] in _COUNTS or before[0][:1].isdigit())


def _filter_at(tokens: list[str], i: int) -> bool:
    return any(tokens[i : i + len(f)] == f for f in _FILTERS)


def _names_filter(tokens: list[str]) -> bool:
    return any(_filter_at(tokens, i) for i in range(len(tokens)))


def tokens(toks: list[str]) -> list[str]:
    """``toks`` with misheard command words read back where the sentence is about sound."""
    out = list(toks)
    named = _names_filter(toks)
    for i, tok in enumerate(toks):
        before, after = toks[i - 1 : i] if i else [], toks[i + 1 : i + 2]
        if tok in _TEEN_OF and after == ["hundred"]:
            out[i] = _TEEN_OF[tok]
        elif (
            tok in ("hand", "end")
            and _is_count(before)
            and toks[i + 1 : i + 3] in (["a", "half"], ["a", "quarter"])
        ):
            out[i] = "and"  # "one hand a half dB", "two end a half dB"
        elif tok == "for" and before == ["half"] and toks[i + 1 : i + 2] in (["second"], ["a"]):
            out[i] = "a" if after == ["second"] else ""  # "half for second", "half for a second"
        elif tok == "are" and after == ["bit"] and before and before[0] in ("sounds", "seems", "feels"):
            out[i] = "a"  # "the vocal sounds are bit thin": "are bit" is no English
        elif tok == "plane" and after and after[0] in ("voice", "sound"):
            out[i] = "plain"  # "my plane voice back": an aircraft has no voice
        elif (
            tok == "dirty"
            and after
            and after[0] in ONES
            and (before in ([], ["at"], ["to"]) or before[0] in ONES)
        ):
            out[i] = "thirty"  # (tune11, session 33) "dirty five percent drive": a count, not dirt
        elif (
            tok == "slap"
            and after == ["back"]
            and (_SLAPBACK_AFTER.intersection(toks[i + 2 : i + 3]) or _SLAPBACK_BEFORE.intersection(before))
        ):
            out[i], out[i + 1] = "slapback", ""
        elif tok == "key" and named:
            # "the key of the low pass": its Q; "an extra half key", "twelve key": kilohertz.
            of_filter = after and after[0] in ("of", "on", "for") and toks[i + 2 : i + 3] == ["the"]
            if of_filter and _filter_at(toks, i + 3):
                out[i] = "q"
            elif _is_count(before) and after in ([], *_K_AFTER):
                out[i] = "k"
        elif (read := _tune5(toks, i, before, after, named)) is not None:
            out[i] = read
        elif (read := _homophone(toks, i, before, after)) is not None:
            out[i] = read
    # A reading may be two words ("right in"): split them again.
    return " ".join(out).split()


def _tune5(toks: list[str], i: int, before: list[str], after: list[str], named: bool) -> str | None:
    """Session 19's readings: each guarded by its neighbours, None where the word stays."""
    tok = toks[i]
    at_end = toks[i + 2 : i + 3] in ([], ["please"])
    if tok in _INTO_HALF and after == ["half"] and at_end and _HALVING.intersection(toks[:i]):
        return _INTO_HALF[tok]  # "cut the echo time writing half": at the end of a request to halve
    if tok == "treme" and after and after[0] in ("the", "it", "that", "down", "back"):
        return "trim"  # not an English word; the verb before what it trims
    if tok == "ten" and _is_count(before) and before != ["a"] and after == ["second"]:
        return "tenths of a"  # "eight ten second": eight tenths of one
    if tok == "till" and before in (["reverb"], ["reverb's"]) and after and after[0] in _TAIL_AFTER:
        return "tail"
    if tok == "to" and after in (["higher"], ["lower"]) and at_end:
        return "two"  # "bump the ratio to higher": nobody asks for "to higher"
    if tok == "okay" and before == ["half"] and named and toks[i + 1 :] in ([], ["please"]):
        return "a k"  # "lower the LPF by half okay": half a kilohertz
    if tok == "ten" and toks[i + 1 : i + 4] == ["of", "a", "second"]:
        return "tenth"  # "a ten of a second": nobody counts seconds that way
    if tok == "re" and after == ["generation"]:
        return "regeneration"  # the delay's feedback, split in two
    if tok == "generation" and before == ["re"]:
        return ""
    if tok == "cutoff" and after and after[0] in _POSSESSIVES:
        return "cut off"  # "take the bass cutoff my voice": the noun takes no possessive after it
    if tok == "half" and before == ["a"] and after and after[0] in _COMPARATIVES:
        return "hair"
    return _recurring(toks, i, before, after)


# Rooms a voice may be asked to sound like, before "hall": "a concert whole" is no room.
_HALLS = frozenset("concert church music dance banquet lecture assembly great grand empty echoey".split())
_EFFECT_WORDS = frozenset("reverb delay echo distortion compressor compression gain filter".split())
# What a sound is too much of, never counted: "two washy" is "too washy".
_TOO_WHAT = frozenset("washy wet dry loud quiet bright dark harsh boomy muddy thin thick muffled much noisy "
                      "tinny fuzzy distorted squashed compressed echoey roomy soft".split())  # fmt: skip
_ENDS = ([], ["please"], ["entirely"], ["completely"], ["altogether"], ["now"])
# tune8's spoken misses (session 26): "350 ms" written "three hundred fifty minutes"; "pull the
# saturation off my voice" written "of my voice".
_TIMED = frozenset("delay echo release attack predelay".split())
_TAKING = frozenset("pull take get strip knock".split())
_NAMES = _EFFECT_WORDS | frozenset("saturation limiter fuzz comp verb drive overdrive".split())
_OPENERS = frozenset("please just now ok okay so and".split())
_SPACINGS = frozenset("gap gaps echoes repeats tail".split())


def _homophone(toks: list[str], i: int, before: list[str], after: list[str]) -> str | None:
    """A command word written as its sound-alike, read back where the sound-alike makes no
    sense: session 20's noticed mishearings."""
    tok = toks[i]
    room = bool(before) and before[0] in _HALLS
    if tok == "whole" and (room or after in (["reverb"], ["verb"])):
        return "hall"  # "like a concert whole", "some whole reverb"
    if tok == "weight" and before == ["no"]:
        return "wait"  # "add delay, no weight, the reverb": a correction
    if tok == "two" and i == 0 and after and after[0] in _TOO_WHAT:
        return "too"  # "two washy, pull it back": a count of no unit, said as a complaint
    if tok in ("minutes", "minute") and _is_count(before) and _TIMED.intersection(toks[:i]):
        return "milliseconds"  # no effect is timed in minutes
    if tok == "of" and before and before[0] in _NAMES and toks[:1] and toks[0] in _TAKING:
        if after and after[0] in (*_POSSESSIVES, "me", "the"):
            return "off"
    if (
        tok == "half"
        and all(w in _OPENERS for w in toks[:i])
        and after
        and after[0] in _POSSESSIVES | {"the"}
    ):
        # (tune11, session 34) "half the gap between echoes": the verb, opening the request
        if (_NAMES | _SPACINGS).intersection(toks[i + 2 : i + 4]):
            return "halve"
    if tok == "mix" and i == 0 and after == ["the"] and toks[i + 2 : i + 3] and toks[i + 2] in _EFFECT_WORDS:
        if toks[i + 3 :] in _ENDS:
            return "nix"  # "mix the reverb" said alone asks for nothing a mixer does
    return None


# (session 50) What a compressor's knee is said to be, where Whisper wrote "knee" as "me".
_KNEE_AFTER = frozenset("harder softer hard soft at to".split())
_REGEN_NEAR = frozenset("delay delays echo echoes repeat repeats slapback feedback".split())
_REGEN_BEFORE = frozenset("more less some no the its up down".split())
# What a halved spacing or length is said with, after "have the delay": "have the delay time".
_HALVED = frozenset("time times gap gaps decay tail length spacing".split())
_CALLED = frozenset("voice computer mixer assistant hey".split())  # "okay voice, have my delay time"


def _recurring(toks: list[str], i: int, before: list[str], after: list[str]) -> str | None:
    """Session 50's readings, from mishearings that recur over tune10-tune29's spoken runs; None
    where the word stays."""
    tok = toks[i]
    if tok == "region" and _REGEN_NEAR.intersection(toks) and (before and before[0] in _REGEN_BEFORE):
        return "regen"  # "more region on the delay": the delay's feedback
    if tok == "me" and before and before[0] in ("compressor", "compression") and after:
        if after[0] in _KNEE_AFTER:
            return "knee"  # "make the compressor me harder"
    if tok == "ad" and after and after[0] in _EFFECT_WORDS:
        return "add"  # "ad reverb"; "the ad read" stays an advert
    opening = all(w in _OPENERS or w in _CALLED for w in toks[:i])
    if tok == "have" and opening and toks[i + 1 : i + 2] in (["my"], ["the"]):
        if _EFFECT_WORDS.intersection(toks[i + 2 : i + 3]) and _HALVED.intersection(toks[i + 3 : i + 4]):
            return "halve"  # "have my delay time": an order, not a wish said without "can I"
    if tok == "short" and opening and after in (["the"], ["my"]) and _NAMES.intersection(toks[i + 2 : i + 4]):
        return "shorten"  # "short the reverb tail"
    if tok == "by" and i == 0 and after == ["cut"]:  # ("by pass" may be "bypass")
        return "high"  # "by cut to twelve thousand": nothing begins with "by cut"
    if tok == "at" and after == ["by"] and (_is_count(toks[i + 2 : i + 3]) or toks[i + 2 : i + 3] == ["a"]):
        return "up"  # "cutoff at by a thousand hertz"
    return None
