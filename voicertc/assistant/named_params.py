"""The parameter a sentence names: "the delay feedback", "compressor ratio eight", "more
repeats on the echo" (its feedback), "a longer reverb" (its decay)."""

from __future__ import annotations

from voicertc.assistant import colloquial, relative
from voicertc.assistant.lexicon import PARAM_SYNONYMS, PARAM_WORDS, padded
from voicertc.effects.specs import EFFECT_SPECS, param_key

# Parameter words of one effect only ("the release" is the compressor's; "the mix" anyone's).
OWNERS = {
    "threshold": "compressor", "ratio": "compressor", "attack": "compressor", "release": "compressor",
    "feedback": "delay", "repeats": "delay", "regeneration": "delay", "decay": "reverb",
    "drive": "distortion",
}  # fmt: skip


def owner(tokens: list[str]) -> str | None:
    """The effect whose parameter is named by a word that names no other's."""
    return next((OWNERS[w] for w in (PARAM_SYNONYMS.get(t, t) for t in tokens) if w in OWNERS), None)


def of_word(word: str, effect: str | None) -> tuple[str, str] | None:
    """(effect, parameter) one word names, ``effect`` the one the sentence names: a word of one
    effect's names it alone ("the release"), one that any has ("the mix") needs the effect."""
    word = PARAM_SYNONYMS.get(word, word)
    owned = effect or OWNERS.get(word)
    if owned is None or OWNERS.get(word, owned) != owned:
        return None
    param = param_key(EFFECT_SPECS[owned], word)
    return None if param is None else (owned, param)


def named(tokens: list[str], effect: str) -> str | None:
    """The parameter of ``effect`` a word names ("between 2 and 4 seconds" names none)."""
    spec = EFFECT_SPECS[effect]
    for i, tok in enumerate(tokens):
        # (session 47, tune27) a compressor letting go is its release: "let go after two hundred ms"
        word = "release" if tok in ("let", "lets", "letting") and tokens[i + 1 : i + 2] == ["go"] else tok
        word = PARAM_SYNONYMS.get(word, word)
        if word == "repeats" and _loudness_beside(tokens, i):
            word = "mix"  # (session 49, tune28 and tune17) "louder repeats please": how loud, not how many
        if word in PARAM_WORDS and not relative.between(tokens, i):
            key = param_key(spec, word)
            if key is not None:
                return key
    return None


_LOUDNESS = frozenset("louder quieter softer loud quiet soft".split())


def _loudness_beside(tokens: list[str], at: int) -> bool:
    """ "louder repeats", "the repeats are louder than my vocal", "make the repeats quieter"."""
    return not _LOUDNESS.isdisjoint(tokens[max(0, at - 1) : at] + tokens[at + 1 : at + 4])


def stepped(tokens: list[str], effect: str, first: str | None = None) -> dict[str, object]:
    """The parameter a step moves, as call arguments: ``first`` if given, else the one named or
    described ("more repeats"); none where the effect's own step moves it already. "Raise the
    threshold" stays named: the compressor's own step moves its threshold the other way."""
    spec = EFFECT_SPECS[effect]
    param = first or named(tokens, effect) or colloquial.step_param(padded(tokens), effect)
    return {"param": param} if param is not None and (param != spec.primary or spec.primary_falls) else {}
