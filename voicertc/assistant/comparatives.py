"""Comparatives said the way many learners of English say them: "make the voice more loud"
(louder), "the echo is too much long" (too long), "more of bass" (more bass). Each is put the
way the rules read it; nothing else in the sentence changes.

Tokens are ``words.tokens`` output.
"""

from __future__ import annotations

# The adjectives whose "-er" form the rules know ("more loud": "louder").
ER_FORMS = {
    "loud": "louder", "quiet": "quieter", "soft": "softer", "long": "longer", "short": "shorter",
    "big": "bigger", "small": "smaller", "fast": "faster", "slow": "slower", "high": "higher",
    "low": "lower", "strong": "stronger", "bright": "brighter", "dark": "darker", "warm": "warmer",
    "full": "fuller", "thin": "thinner", "wet": "wetter", "dry": "drier", "deep": "deeper",
}  # fmt: skip
# Nouns an adjective names a thing with: "more low cut" is more of the low cut, not lower.
NAMED = frozenset("cut pass end ends frequencies frequency shelf notes tones mids range register".split())
# What "more of" may stand before as English does ("more of the reverb", "more of it").
OF_WHAT = frozenset("the a an that this it my your his her their them those these".split())


def plain(tokens: list[str]) -> list[str]:
    """``tokens`` with "more <adjective>" as its "-er" form, "too much <adjective>" as "too
    <adjective>" and "more of <noun>" as "more <noun>"."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word, after = tokens[i], tokens[i + 1 : i + 2]
        named = tokens[i + 2 : i + 3] and tokens[i + 2] in NAMED  # ("a touch more low cut")
        if word == "more" and after and after[0] in ER_FORMS and not named:
            out.append(ER_FORMS[after[0]])  # "more loud"
            i += 2
            continue
        if word == "much" and out[-1:] == ["too"] and after and after[0] in ER_FORMS:
            i += 1  # "too much long": too long
            continue
        if word == "of" and out[-1:] == ["more"] and after and after[0] not in OF_WHAT:
            i += 1  # "more of bass": more bass
            continue
        out.append(word)
        i += 1
    return out
