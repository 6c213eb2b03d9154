"""Words Whisper writes as a homophone that an audio request means otherwise.

Whisper hears "take some of the bass away" right and writes "base": the sound is the
same and "base" is the commoner word. Where the words around it can only be about sound
("less base", "the base down", "boost the base") it is read as "bass"; elsewhere ("back to
base", "the base of the lamp", "cut the base in half") it stays what it is.

Tokens are ``dialogue.normalize`` output.
"""

from __future__ import annotations

# Words that ask for an amount or a change of a band, up to three words before it ...
BASS_CUES = frozenset("less more much no extra enough some cut boost reduce lower raise remove tame "
                      "roll kill lose trim attenuate".split())  # fmt: skip
# ... and what may follow it: nothing, a particle, a degree, or the band's own nouns.
BASS_AFTER = frozenset("away down up out off please a by to frequencies frequency boost cut heavy "
                       "and is its".split())  # fmt: skip
# Said before these, it is the band whatever the verb: "the base frequencies".
BASS_NOUNS = frozenset("frequencies frequency boost cut heavy".split())
# Where the band is: "too much base in my voice" (not "the base in Germany").
BASS_IN = (["in", "my"], ["on", "my"], ["in", "this"], ["on", "this"], ["in", "the", "mix"])


def bass(tokens: list[str]) -> list[str]:
    """``tokens`` with "base" read as "bass" where only the sound can be meant."""
    if "base" not in tokens:
        return tokens  # the common case, at no cost
    out = list(tokens)
    for i, tok in enumerate(tokens):
        if tok != "base":
            continue
        after = tokens[i + 1 : i + 2]
        cued = bool(BASS_CUES.intersection(tokens[max(0, i - 3) : i]))
        placed = any(tokens[i + 1 : i + 1 + len(p)] == p for p in BASS_IN)
        if (after and after[0] in BASS_NOUNS) or (cued and (not after or after[0] in BASS_AFTER or placed)):
            out[i] = "bass"
    return out
