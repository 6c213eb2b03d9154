"""Speeds: a time said as how fast something happens. "Speed up the echo" is a shorter delay,
"slow the echo down" a longer one, "make the reverb decay faster" a shorter tail, "the
compressor grabs too late" a quicker attack."""

from __future__ import annotations

import re

from voicertc.assistant.lexicon import has_phrase

# Verbs of something that comes or lets go in time: "the repeats come later", "let go sooner".
_ARRIVING = ("come", "comes", "come back", "comes back", "come in", "comes in", "arrive", "arrives",
             "let go", "lets go", "kick in", "kicks in", "grab", "grabs", "recover", "recovers",
             "react", "reacts")  # fmt: skip
FASTER = ("faster", "quicker", "speed up", "speed it up", "tighten", "tighten up", "snappier", "fast",
          "quick", "more quickly",
          *(f"{v} {w}" for v in _ARRIVING for w in ("sooner", "earlier")))  # fmt: skip
SLOWER = ("slower", "slow down", "slow it down", "slow", "more slowly", *(f"{v} later" for v in _ARRIVING))
# The time a speed is about, where the effect has one: the delay's time (whatever else is
# named: "slow the echo down so the repeats come later"), the reverb's tail.
TIMED = {"delay": "time_ms", "compressor": None, "reverb": "decay_s"}
# A compressor's two times in everyday words: how soon it grabs, how soon it lets go.
ATTACKING = ("attack", "grab", "grabs", "clamp", "clamps", "clamp down", "react", "reacts", "kick in",
             "kicks in", "catch", "catches", "bite", "bites", "jump on", "jumps on", "respond",
             "responds", "grip", "grips", "come in", "comes in")  # fmt: skip
RELEASING = ("release", "recover", "recovers", "recovery", "let go", "lets go", "letting go",
             "bounce back", "bounces back", "come back", "comes back", "back off", "backs off",
             "relax", "relaxes", "let up", "lets up")  # fmt: skip


SONG_TEMPO = re.compile(
    r" (?:slow|slower|fast|faster|quick|quicker|slowest|fastest)"
    r"(?= (?:song|songs|part|parts|bit|bits|one|ones|number|section|tune|tunes|ballad|track) )"
)


# (session 50, tune30) An echo moved in time by an amount: "the canyon scene wants the echo a hundred
# milliseconds later" (not "I'll add the echo later").
_TIMED_AFTER = re.compile(r" (?:ms|milliseconds?|seconds?) (later|earlier|sooner) ")


def speed(text: str, effect: str) -> tuple[str, str | None] | None:
    """ "speed up the echo": a shorter delay; "slow the echo down": a longer one; "make
    the reverb decay faster": a shorter tail. (action, parameter or None)."""
    if effect not in TIMED:
        return None
    text = SONG_TEMPO.sub(" ", text)  # "for the slow song, more reverb": the song's, not the tail's
    param = _compressor_time(text) if effect == "compressor" else TIMED[effect]
    if effect == "compressor" and param is None and has_phrase(text, ("tighten", "tighten up")):
        return "increase", None  # "tighten up the compression": more of it, no time named
    if has_phrase(text, ("too slow", "too slowly", "too sluggish")):
        return "decrease", param  # a complaint, not the order: "the compressor's too slow" acts sooner
    if has_phrase(text, ("too fast", "too quick", "too quickly")):
        return "increase", param
    if effect == "delay" and (timed := _TIMED_AFTER.search(text)) is not None:
        return ("increase" if timed[1] == "later" else "decrease"), param  # "the echo 100 ms later"
    if has_phrase(text, FASTER) or ("speed" in text.split() and "up" in text.split()):
        return "decrease", param
    if has_phrase(text, SLOWER):
        return "increase", param
    return None


# A speed after an amount of time: "one millisecond faster" is that much less time.
BY_AMOUNT = frozenset({"faster", "quicker", "snappier", "sooner", "earlier", "slower", "later"})


def by_amount(tokens: list[str], end: int) -> bool:
    """ "make the attack two milliseconds slower": the number (ending at ``end``, its unit
    included) is the step, not the setting."""
    return end < len(tokens) and tokens[end] in BY_AMOUNT


def _compressor_time(text: str) -> str | None:
    """ "grab quicker": the attack; "recover faster", "let go sooner": the release."""
    if has_phrase(text, RELEASING):
        return "release_ms"
    return "attack_ms" if has_phrase(text, ATTACKING) else None
