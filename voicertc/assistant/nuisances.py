"""An effect complained of with no degree word: less of it.

"The reverb is drowning my voice", "the echo is distracting me", "the echo is stepping on my
words", "the reverb is muddying everything up": the effect is in the way, so less of it,
unless a verb says what to do ("that delay is distracting, take it away").
"""

from __future__ import annotations

from voicertc.assistant.lexicon import has_phrase, padded

NUISANCE = ("distracting", "annoying", "drowning", "drowns", "overwhelming", "burying", "buries",
            "swamping", "in the way", "getting in the way", "eating", "eats", "swallowing", "swallows",
            "smothering", "smothers",
            # an effect getting on top of the words: "the echo is stepping on my words"
            "stepping on", "steps on", "muddying", "muddies", "cluttering", "clutters", "clashes with",
            "clashing with", "washing out", "washes out", "squash the life", "suck the life",
            "masking", "masks", "covering up", "smearing", "smears", "fighting with", "competing with",
            "trampling",
            # the words lost in the effect: "my punchlines are getting lost in the reverb"
            "lost in the", "buried in the", "drowned in the", "drowning in the")  # fmt: skip


def nuisance(text: str) -> bool:
    return has_phrase(text, NUISANCE)


def without_nuisance(text: str) -> str:
    """``text`` less its nuisance words and the particles right after them ("cluttering up
    my words", "muddying everything up"): what is left may ask what to do."""
    words = text.split()
    keep = [True] * len(words)
    for phrase in SPLIT:
        size = len(phrase)
        for i in range(len(words) - size + 1):
            if words[i : i + size] == phrase:
                keep[i : i + size] = [False] * size
                for j in range(i + size, min(i + size + 2, len(words))):
                    keep[j] = keep[j] and words[j] not in PARTICLES
    return padded([w for w, k in zip(words, keep, strict=True) if k])


SPLIT = [phrase.split() for phrase in NUISANCE]
PARTICLES = frozenset("up on out".split())
