"""Requests that name no control: what people say about the sound, and frequency regions.

Most people do not say "add a high pass"; they say "it's too boomy", "there's too much
reverb", "I can barely hear the echo", "cut everything below 100 hertz". Each of these
is read here as the change a sound engineer would make. The dialogue asks this module
first and falls back to its keyword rules when nothing here matches.

Tokens are ``dialogue.normalize`` output: lower case, no apostrophes ("its", "dont").
"""

from __future__ import annotations

import re

from voicertc.assistant.bands import LOW_NOISES
from voicertc.assistant.lexicon import EFFECT_NAMES, find_phrase, has_phrase, padded
from voicertc.assistant.numbers import as_said, find_numbers

Change = dict[str, object]

# A quality of the sound -> (effect, what fixes it, what fixes it when it is "still" so with that
# effect on). Filters move their cutoff: more filtering is a lower low pass, a higher high pass.
QUALITIES: dict[str, tuple[str, str, str]] = {
    **dict.fromkeys(
        ("bright", "harsh", "tinny", "shrill", "sharp", "hissy", "sibilant", "piercing",
         "brittle", "fizzy", "trebly", "edgy", "hiss", "treble", "top end", "high end",
         "highs", "high frequencies", "edge", "sizzle", "hissing", "hisses"),
        ("lowpass", "add", "decrease")),
    **dict.fromkeys(
        ("dull", "muffled", "dark", "muddy on top", "under a blanket", "closed", "boxy"),
        ("lowpass", "increase", "increase")),
    **dict.fromkeys(
        ("boomy", "bassy", "muddy", "rumbly", "rumble", "boom", "hum", "humming",
         "low end", "bass", "lows", "low frequencies", "mud", "woofy", "thumpy", "booming", "hums", "rumbles",
         *LOW_NOISES, "pops", "woolly", "wooly", "mushy"),
        ("highpass", "add", "increase")),
    **dict.fromkeys(("thin", "weedy", "no bass", "no body", "no weight", "flimsy", "no heft", "no meat"),
                    ("highpass", "decrease", "decrease")),
    **dict.fromkeys(("loud", "deafening", "blaring", "hurting my ears", "hurts my ears"),
                    ("gain", "decrease", "decrease")),
    **dict.fromkeys(("quiet", "faint", "soft", "low volume"), ("gain", "increase", "increase")),
    **dict.fromkeys(("dry", "close", "in my face"), ("reverb", "add", "increase")),  # ("too close")
    **dict.fromkeys(("washy", "wet", "echoey", "echoy", "reverberant", "cavernous", "roomy",
                     "distant", "far away"),
                    ("reverb", "decrease", "decrease")),
    **dict.fromkeys(("squashed", "squash", "squished", "over compressed", "overcompressed", "pumping",
                     "lifeless", "flat", "crushed", "flattened"),
                    ("compressor", "decrease", "decrease")),
    **dict.fromkeys(("dynamic", "uneven", "inconsistent", "jumpy", "all over the place",
                     "jumps around",
                     # (session 49, tune29) "stop my voice from jumping up and down in volume"
                     "jumping up and down", "jumps up and down", "goes up and down", "going up and down",
                     "up and down in volume", "wobble in volume", "wobbles in volume", "wobbling in volume"),
                    ("compressor", "add", "increase")),
    **dict.fromkeys(("distorted", "crunchy", "crunch", "fuzzy", "fuzz", "dirty", "gritty", "broken up",
                     # pictures of it: "I sound like a blown speaker"
                     "blown out", "blown speaker", "blown speakers", "busted speaker", "overdriven",
                     "deep fried", "fried"),
                    ("distortion", "decrease", "decrease")),
    "clean": ("distortion", "add", "increase"),
    **dict.fromkeys(("scratchy", "raspy", "roughness", "grainy", "grungy", "crackly", "crackling",
                     "crackles"),
                    ("distortion", "decrease", "decrease")),
    **dict.fromkeys(("peaking", "clipping", "in the red", "blasting"), ("gain", "decrease", "decrease")),
    "low": ("gain", "increase", "increase"),  # "the volume is really low", "I'm too low"
    "dead": ("reverb", "add", "increase"),  # "it sounds too dead in here"
}  # fmt: skip

# Quality words the near-keyword correction would turn into another effect's name ("echoey"
# into "echoes", a delay; "roomy" into "room", more reverb): kept as spelt.
# ("clearer" would be "clear", a removal ("make me clearer"); "spaced" "space", a reverb.)
KEEP_SPELLING = frozenset({"echoey", "echoy", "roomy", "reverberant", "flattened", "clearer", "spaced"})

# Words that put a quality in excess: "too bright", "so loud", "way too much bass".
EXCESS = ("too much of", "too much", "too", "so much", "so", "a lot of", "lots of", "way too", "overly",
          "excessively", "far too", "less", "still", "a bit", "a little", "kind of", "rather",
          "quite", "pretty", "very", "way to", "to", "really", "super", "extremely")  # fmt: skip
# ("to": recognisers write "too" as "to": "way to crunchy".)
# The sound (not the weather or the fridge) must be what is described.
SUBJECTS = frozenset(
    "it its thats this sound sounds voice audio mix signal everything theres there "
    "still result output hear im i vocal vocals mic volume level levels gain recording track "
    "end highs lows treble mids top bottom esses".split()  # parts of the sound: "the low end is muddy"
)
STILL = ("still", "even now", "with the filter on", "with the filter", "isnt enough")
# The speaker as what is made so: "make me less boomy" (not "excuse me, my fan is so loud").
MADE = ("make me", "makes me", "get me", "keep me", "making me")

# Amount words about a named effect: "too much reverb" / "the echo is too subtle".
TOO_MUCH = ("too much", "so much", "way too much", "a lot of", "too strong", "too heavy", "so extra",
            "too extra",
            "too obvious", "too intense", "overpowering", "too big", "too loud", "too wet",
            "too washy", "too thick", "too prominent", "too noticeable", "overdone",
            "too extreme", "too aggressive", "over the top", "overkill", "too much going on",
            "a bit much", "a little much", "kind of much", "is a lot", "its a lot")  # fmt: skip
TOO_LITTLE = ("not enough", "too little", "too subtle", "too weak", "too light", "too quiet",
              "too soft", "barely hear", "barely notice", "cant hear", "can not hear",
              "cannot hear", "hardly hear", "isnt doing enough", "is not doing enough",
              "isnt cutting enough", "not doing enough", "doesnt do enough",
              "not strong enough", "too faint", "too small", "barely there", "so subtle",
              "nobody will notice", "barely noticeable", "hardly noticeable", "barely audible")  # fmt: skip
TOO_LONG = ("too long", "too slow", "drags on", "drags", "too far apart", "goes on too long")
TOO_SHORT = ("too short", "too quick", "too fast", "too close together", "too close")

ABOVE = ("above", "over", "higher than", "beyond", "past")
BELOW = ("below", "under", "lower than", "beneath", "underneath")
REGION_NOUNS = frozenset(
    "everything anything nothing frequencies frequency stuff all whatever content whats what "
    "cut filter remove kill off out keep end range band highs lows bass treble".split()
)
# A region kept rather than cut: "keep only what's under 12 kHz" is a low pass.
KEPT = ("keep", "keep only", "only keep", "let through", "let only", "leave only", "only let", "pass only",
        "only pass", "allow only")  # fmt: skip


# (session 48, tune28) A band wished away, said last: "I want the thin wind-up phonograph sound, no
# bass at all", "no low end please" (not "my voice has no bass at all": its lack, a complaint).
NONE_WANTED = re.compile(
    r"^(?:(?P<before>.*) )?no (?P<band>bass|low end|lows|bottom end|treble|highs|top end)"
    r"(?: at all| please| whatsoever)? $"
)
_LACKING = frozenset("has have had got gets theres is are with its".split())
_WISHING = ("i want", "i need", "id like", "make it", "make me", "give me")


def none_wanted(tokens: list[str]) -> Change | None:
    said = NONE_WANTED.match(" ".join(tokens) + " ")
    if said is None:
        return None
    before = (said["before"] or "").split()
    if before and (before[-1] in _LACKING or not has_phrase(padded(before), _WISHING)):
        return None
    high = said["band"] in ("treble", "highs", "top end")
    return {"effect": "lowpass" if high else "highpass", "action": "add"}


def region(tokens: list[str]) -> Change | None:
    """ "cut everything above 3 kilohertz": a low pass at 3 kHz; "below": a high pass; a band
    wished away (``none_wanted``): its filter."""
    text = " " + " ".join(tokens) + " "
    if (wished := none_wanted(tokens)) is not None:
        return wished
    for words, effect in ((ABOVE, "lowpass"), (BELOW, "highpass")):
        for word in words:
            pos = find_phrase(text, (word,))
            if pos < 0:
                continue
            before = text[:pos].split()[-3:]
            if not REGION_NOUNS.intersection(before):
                continue
            after = len(text[: pos + len(word) + 1].split())
            while tokens[after : after + 1] and tokens[after] in ROUGHLY:
                after += 1  # "everything under about a hundred hertz"
            numbers = [s for s in find_numbers(tokens) if s.start == after]
            if not numbers:
                continue
            span = numbers[0]
            unit = "hz"
            following = tokens[span.end : span.end + 1]
            if following and following[0] in ("k", "khz", "kilohertz", "kay", "kilo"):
                unit = "khz"
            value = span.value
            if has_phrase(text, KEPT):
                effect = "highpass" if effect == "lowpass" else "lowpass"
            elif (band := _band_named(before)) is not None:
                effect = band  # "get rid of the lows over 120", as Whisper hears "under"
            return {"effect": effect, "action": "set", "value": as_said(value), "unit": unit}
    return None


ROUGHLY = frozenset("about around roughly approximately like say maybe somewhere near".split())


def _band_named(before: list[str]) -> str | None:
    """The filter a band said just before the region names: the lows go with a high pass."""
    if {"lows", "bass", "rumble"}.intersection(before):
        return "highpass"
    if {"highs", "treble", "hiss"}.intersection(before):
        return "lowpass"
    return None


def _near(text: str, lead: str, phrase: str) -> int:
    """Position of ``lead`` followed by ``phrase`` with at most one word between."""
    pos = find_phrase(text, (lead,))
    if pos < 0:
        return -1
    rest = text[pos + len(lead) + 1 :].split()
    words = phrase.split()
    filler = next((i for i, w in enumerate(rest) if w not in FILLER), len(rest))
    # "there's like this hum", "my voice is all crackly", "it sounds nasal and thin"
    # (not in a purpose: "take out my bass so I sound small and tinny" wishes for it)
    purpose = "so" in text[:pos].split()[-3:]
    ands = set() if purpose else {k + 1 for k in (1, filler + 1) if rest[k : k + 1] == ["and"]}
    for skip in {0, 1, filler, filler + 1} | ands:
        if rest[skip : skip + len(words)] == words:
            return pos
    return -1


FILLER = frozenset("like this that a some kind sort of all real really kinda".split())


# "too much boom": too much of a band or quality, not of the named effect.
TOO_MUCH_OF_A_QUALITY = tuple(f"too much {q}" for q in QUALITIES)


# "A lot of" asked for, not complained of: "a lot of reverb please", "give me lots of echo"
# (but "there's a lot of reverb" complains).
LOTS = ("a lot of", "lots of", "loads of", "plenty of", "tons of")
ASKING = ("want", "give me", "give it", "need", "add", "put", "use", "apply", "throw in", "slap on", "with",
          "like")  # fmt: skip
_ASKED_LOTS = tuple(f"{verb} {lots}" for verb in ASKING for lots in LOTS)


# What says a faint sound is where a change should end, not what is wrong now (session 43, tune21):
# "bring the echo down until it's barely audible", "take the reverb down to a faint shimmer, just
# barely there" (but "the reverb is just barely there" complains).
AIMED = frozenset("till until til where".split())


def _aimed_at(before: list[str]) -> bool:
    return not AIMED.isdisjoint(before[-4:]) or (before[-1:] == ["just"] and "down" in before)


def amount(text: str, effect: str) -> str | None:
    """The change asked of a named effect by its amount ("too much boom": a band's, ``quality``)."""
    if has_phrase(text, _ASKED_LOTS) or any(text.startswith(f" {lots} ") for lots in LOTS):
        return {"lowpass": "decrease"}.get(effect, "increase")  # "a lot of reverb please"
    little, much = find_phrase(text, TOO_LITTLE), find_phrase(text, TOO_MUCH)
    if little >= 0 and _aimed_at(text[:little].split()):
        little, much = -1, little  # "turn the fuzz down till it's barely there": where it should end
    # (the first said is the complaint: "too much of that hall sound, I can't hear my words")
    if little >= 0 and not 0 <= much < little:
        # More filtering: a low pass moves down, a high pass up.
        return {"lowpass": "decrease"}.get(effect, "increase")
    if much >= 0 and not has_phrase(text, TOO_MUCH_OF_A_QUALITY):
        return {"lowpass": "increase", "highpass": "decrease"}.get(effect, "decrease")
    if has_phrase(text, ("too high", "set too high")):
        return "decrease"  # a value said to be too high: "the high pass cutoff is too high"
    if has_phrase(text, ("too low", "set too low")):
        return "increase"
    if effect in ("delay", "reverb"):
        if has_phrase(text, TOO_LONG):
            return "decrease"
        if has_phrase(text, TOO_SHORT):
            return "increase"
    return None


def quality(tokens: list[str], named_effect: str | None) -> Change | None:
    """ "it's too boomy", "still too bright", "make it less harsh": the fix as a change."""
    text = " " + " ".join(tokens) + " "
    best: tuple[int, str] | None = None
    for q in QUALITIES:
        if f" {q} " not in text:
            continue  # every pattern below ends in the quality's words: ~1 ms instead of ~10
        if q == "low" and has_phrase(text, LOW_NAMES):
            continue  # "the low end", "a low hum": a band, not the level
        for excess in EXCESS:
            pos = find_phrase(text, (f"{excess} {q}",))
            if excess == "so" and _so_ordered(text, pos, q):
                continue  # "so squash me a bit harder": "so" opens an order, it is not "too"
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, q)
        # "it sounds muddy", "it's muffled", "there's a lot of rumble", "i can hear a low hum"
        for lead in SOUND_LEADS if q in SOUND_ONLY else NOISE_LEADS if q in NOISE_VERBS else LEADS:
            pos = _near(text, lead, q)
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, q)
    if best is None:
        return None
    pos, q = best
    before = set(text[:pos].split()) | {text[pos:].split()[0]}
    made = "less" in before and has_phrase(text[: pos + 1], MADE)  # (not "make me really loud": a wish)
    said_first = set(text[:pos].split()) <= {"way", "far", "much", "just", "really", "a", "bit", "little"}
    if not SUBJECTS.intersection(before) and not said_first and not made:
        return None  # "my laptop fan is so loud": not the sound the user hears
    effect, action, still_action = QUALITIES[q]
    still = has_phrase(text, STILL) or named_effect == effect
    return {"effect": effect, "action": still_action if still else action}


def _so_ordered(text: str, pos: int, q: str) -> bool:
    """ "so squash me", "so compress it": the quality's word is a verb given an object, said first."""
    after = text[pos:].split()[2:3]
    return pos == 0 and after in (["me"], ["it"], ["the"], ["my"], ["that"], ["this"], ["everything"])


# Qualities in excess (their fix takes something away), said of a named effect.
# ("thin" lacks something: its fix, a high pass eased, gives back.)
_EXCESSIVE = "|".join(
    q for q, (effect, action, _) in QUALITIES.items()
    if action == "add" or (action == "decrease" and effect != "highpass")
)  # fmt: skip
_BLAMED = re.compile(
    r" (?:is|are|sounds|gets|makes? (?:it|me|everything|my voice)(?: sound)?)"
    rf"(?: way| a bit| a little| far| much| kind of)? too (?P<quality>{_EXCESSIVE}) "
)


def made_too(text: str, effect: str) -> str | None:
    """ "the distortion is too harsh", "the reverb makes it way too boomy": a quality in
    excess blamed on the named effect (named just before); less of it is the one fix this chain
    has (it cannot filter one effect alone). "The reverb is too dry": too little of itself."""
    for m in _BLAMED.finditer(text):
        if any(text[: m.start() + 1].endswith(f" {name} ") for name in EFFECT_NAMES[effect]):
            return "increase" if QUALITIES[m["quality"]][:2] == (effect, "add") else "decrease"
    return None


# A noise said as what the sound does: "my mic hums", "the signal hisses".
NOISE_VERBS = frozenset({"hums", "hisses", "rumbles", "crackles"})
NOISE_LEADS = ("mic", "microphone", "voice", "audio", "recording", "signal", "track", "it", "sound", "vocals")
LEADS = ("sounds", "its", "sounding", "hear a", "hear some", "theres", "there is", "is", "im", "i sound",
         "i keep", "picking up", "picks up", "pick up", "getting a", "getting some", "feels", "feel", "seems",
         "comes across", "comes out", "keeps",
         # what the sound has: "my recording has a low hum", "the audio has got some hiss" (not "I
         # have a boomy laugh")
         *(f"{noun} {verb} {some}" for noun in (*NOISE_LEADS, "mix")
           for verb in ("has", "have", "got", "has got") for some in ("a", "some", "this", "that")),
         # the sound's parts in the plural: "the vocals sound muddy", "the highs are harsh"
         *(f"{part} {verb}" for part in ("vocals", "highs", "lows", "mids", "esses", "levels", "things")
           for verb in ("are", "sound", "seem", "feel")))  # fmt: skip
# Qualities of other things too, described only with "sounds" ("the mic is dead": broken).
SOUND_ONLY = frozenset({"dead"})
SOUND_LEADS = ("sounds", "sounding", "sound")
LOW_NAMES = (*(f"low {w}" for w in "end ends frequencies frequency pass cut mids sounds sound hum rumble "
                "notes shelf tones pitch register on key battery electrical noise motor whirr drone thud "
                "thuds grumble buzz buzzing humming droning".split()),
             "feeling low", "feel low", "running low",
             *(f"{feel} {how} low" for feel in ("feeling", "feel")
               for how in ("a bit", "kind of", "so", "pretty", "really", "quite", "a little")))  # fmt: skip


NEGATIONS = ("dont want", "do not want", "dont need", "do not need", "dont like", "hate",
             "dont think we need", "dont think i need", "dont think it needs", "dont think i want",
             "cant stand", "no longer want", "dont use", "rather not", "prefer not",
             "no longer need", "not a fan of", "no fan of", "not keen on", "not into", "not loving",
             "dont love", "dont add", "do not add", "dont put", "do not put", "no like", "no want",
             "not like", "not want")  # fmt: skip


# Verbs that take a named effect away whatever its sound is said to be: "it sounds squashed,
# lose the compressor".
DISMISSALS = tuple(f"{verb} {what}" for verb in ("lose", "get rid of", "remove", "ditch", "kill", "bin",
                                                 "turn off", "switch off", "bypass", "disable", "unplug")
                   for what in ("the", "that", "it"))  # fmt: skip


def unwanted(text: str) -> bool:
    """ "I don't want any reverb", "I don't need the high pass anymore", "lose the compressor"."""
    return has_phrase(text, NEGATIONS) or has_phrase(text, DISMISSALS)
