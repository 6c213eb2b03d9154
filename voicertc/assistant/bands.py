"""Frequency bands named instead of a filter: "tame the highs", "more bass", "where did
the low end go". No effect here boosts or cuts a band by itself, so a band to lose adds the
filter that takes it away, and a band wanted or missed eases that filter.

Tokens are ``words.normalize`` output; ``text`` is them joined with a space at each end.
"""

from __future__ import annotations

from voicertc.assistant.degrees import less_of, more_of
from voicertc.assistant.lexicon import has_phrase

Change = dict[str, object]

# A band gone missing: "where did the bass go", "I can't hear the highs", "there's no low
# end": the filter that takes it away is eased.
MISSING = ("where did the", "where is the", "wheres the", "cant hear the", "cannot hear the", "no",
           "lost the", "lost my", "missing the", "lost all the", "wheres my", "where is my", "where did my",
           "where did all my", "where did all the", "give me back the", "give me back my", "bring back my",
           "lost all its", "lost its", "cant hear my", "cannot hear my")  # fmt: skip


# Low noises under the voice, a band to cut ("cut out the low thuds", "get rid of the drone")
# and a quality complained of ("there's a drone", ``descriptions.QUALITIES``).
LOW_NOISES = ("thud", "thuds", "thump", "thumping", "drone", "droning", "whirr", "grumble", "rumbling")
# Frequency bands named as things to get rid of: "tame the highs", "clean up the low end".
BANDS: dict[str, tuple[str, ...]] = {
    "lowpass": ("top end", "high end", "highs", "treble", "high frequencies", "edge", "hiss",
                "sizzle", "brightness", "harshness", "high sounds", "high sound", "esses", "ss", "s sounds",
                "ess sounds", "sparkle", "shimmer", "brilliance", "on top", "high stuff", "high bits"),
    "highpass": ("low end", "lows", "bass", "boom", "rumble", "mud", "hum", "low frequencies",
                 "bottom end", "muddiness", "boominess", "low sounds", "low sound", "woofiness", "chest",
                 "body", "bottom", *LOW_NOISES, "thumps",
                 # (session 50, tune29) "take the deep part out of my voice"
                 "deep part", "low part", "low stuff", "deep stuff", "low bits", "deep sound", "deep sounds"),
}  # fmt: skip
REDUCE = ("cut", "remove", "reduce", "tame", "soften", "take", "roll off", "kill", "lose",
          "clean up", "get rid of", "filter out", "lower", "less", "dial back", "pull back",
          "trim", "attenuate", "scoop", "drop", "ditch", "fewer", "out", "do something about", "fix the",
          "deal with", "sort out", "help with", "tidy up", "tidy", "clear up", "shave", "shave off",
          "too much", "softer", "tighten up", "smooth off", "smooth out", "clean out", "stop the",
          "stop those", "stop that", "stop all the", "strip", "strip off", "strip out")  # fmt: skip


def missing(text: str) -> Change | None:
    for effect, names in BANDS.items():
        said = [name for name in names if f" {name} " in text]  # the band first: ~0.1 ms less
        if any(has_phrase(text, (f"{lead} {name}",)) for name in said for lead in MISSING):
            return {"effect": effect, "action": less_of(effect)}
    return None


# Asking for more of a band: "more bass", "boost the highs", "bring back the low end". No
# effect here boosts a band; the filter that takes it away is eased (as for ``MISSING``),
# and with none on, the chain says there is none to ease.
MORE = ("more", "boost", "boost the", "bring back", "bring back the", "bring back some", "bring up the",
        "add some", "add", "open up the", "give me back some", "put back some", "put some",
        "increase the", "raise the", "turn up the", "pump up the", "a bit more", "extra")  # fmt: skip
BRINGING = ("bring the", "bring my", "get the", "get my")
# A band's word as a kind of thing: "more bass players", "boost the bass guitar".
BAND_THINGS = frozenset("player players guitar guitars drum drums line lines clef fishing".split())


def more_band(tokens: list[str]) -> Change | None:
    """ "more bass", "boost the treble": the filter that cuts that band eased."""
    text = " " + " ".join(tokens) + " "
    for effect, names in BANDS.items():
        for name in names:
            at = text.find(f" {name} ")
            brought = f" {name} back " in text and has_phrase(text, BRINGING)  # "bring the bass back"
            if at < 0 or not (brought or any(text[: at + 1].endswith(f" {m} ") for m in MORE)):
                continue  # the band right after the asking: "more bass", not "more of the bass"
            following = text[at + len(name) + 2 :].split()[:1]
            if following and following[0] in BAND_THINGS:
                continue
            return {"effect": effect, "action": less_of(effect)}
    return None


def band(tokens: list[str]) -> Change | None:
    text = " " + " ".join(tokens) + " "
    reduced = has_phrase(text, REDUCE)
    for effect, names in BANDS.items():
        # "pull the top end down a hair", "turn down the highs": the band itself lowered
        down = any(f" {name} down " in text or f" down the {name} " in text for name in names)
        if (reduced or down) and has_phrase(text, names):
            # "even less bottom", "tighten up the bottom a hair more": the filter is on already
            return {"effect": effect, "action": more_of(effect) if FURTHER.intersection(tokens) else "add"}
    return None


FURTHER = frozenset("more even still further".split())


# Said around a band named alone as a follow-up: "now the highs too", "and the low end".
ALONE = frozenset("and now ok okay too also the please as well then same for with my".split())
CUTTING = {"lowpass": ("add", "decrease"), "highpass": ("add", "increase")}


def named_alone(words: list[str]) -> str | None:
    """The filter of a band said alone ("and the highs too"), or None."""
    said = " ".join(w for w in words if w not in ALONE)
    return next((effect for effect, names in BANDS.items() if said in names), None)


def cut_too(last: str, action: str, other: str) -> str:
    """The action on filter ``other`` that does to its band what ``action`` did to ``last``'s:
    a cut is a cut ("add"), an easing an easing."""
    return "add" if action in CUTTING[last] else less_of(other)
