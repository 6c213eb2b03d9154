"""A setting pushed to an end of its range: "max out the gain", "turn my volume up to the very
top of its range", "the low cut all the way down, as low as it goes" (session 43, tune21). The
rules read the way it goes; this is how far: the parameter's own limit, set."""

from __future__ import annotations

from voicertc.assistant import named_params
from voicertc.assistant.lexicon import find_phrase, padded
from voicertc.assistant.numbers import find_numbers
from voicertc.effects.specs import EFFECT_SPECS

TOP = ("max out", "max it out", "max it", "max that out", "to the max", "the very top", "top of its range",
       "top of the range", "as high as it goes", "as high as it will go", "as high as it can go",
       "as loud as it goes", "as loud as it will go", "its very highest", "the very highest",
       "all the way up",
       # (session 49, tune29) "crank the volume to the maximum", "put the gain right at the top"
       "to the maximum", "to maximum", "right at the top", "up to the top", "as far as it goes",
       "as far as it will go", "as far as it can go", "as loud as it can go", "as long as it can go",
       "as long as it goes")  # fmt: skip
BOTTOM = ("the very bottom", "bottom of its range", "bottom of the range", "as low as it goes",
          "as low as it will go", "as low as it can go", "its very lowest", "the very lowest",
          "all the way down",
          # (session 49, tune29) "reverb length, as short as it can go", "shortest decay possible"
          "to the minimum", "to minimum", "right at the bottom", "down to the bottom", "as short as it goes",
          "as short as it will go", "as short as it can go", "as quiet as it goes", "as quiet as it can go",
          "shortest possible", "shortest it can go")  # fmt: skip
# An end said as the most of a quality "possible": "the shortest reverb decay possible".
LEAST = frozenset("shortest lowest quietest smallest softest".split())
MOST = frozenset("longest highest loudest biggest".split())
# Short of the end: "nearly all the way down on the drive, just a trace of it" is a step.
SHORT_OF = frozenset("nearly almost most not".split())
# Changes an end can finish: a step, or a setting or a filter put on with no value said.
MOVES = frozenset("increase decrease set add".split())


def pushed(words: list[str], args: dict[str, object] | None) -> dict[str, object] | None:
    """``args`` (a change read in ``words``) made a setting of the limit said, if one is."""
    effect = None if args is None else args.get("effect")
    if (
        effect not in EFFECT_SPECS
        or args.get("action") not in MOVES
        or "value" in args
        or find_numbers(words)
    ):
        return args
    text = padded(words)
    top, bottom = _said(text, TOP), _said(text, BOTTOM)
    if top == bottom and "possible" in words:
        top, bottom = not MOST.isdisjoint(words), not LEAST.isdisjoint(words)
    if top == bottom:  # neither said (or both: which wins is not for this to guess)
        return args
    spec = EFFECT_SPECS[effect]
    param = str(args.get("param") or named_params.named(words, effect) or spec.primary)
    if param == spec.primary and spec.primary_falls:
        return args  # "max out the compressor": a threshold of -100 dB is no one's wish
    limit = spec.param(param)
    value = limit.max if top else limit.min
    return {"effect": effect, "action": "set", "value": value, "unit": limit.unit} | (
        {"param": param} if param != spec.primary else {}
    )


def _said(text: str, ends: tuple[str, ...]) -> bool:
    at = find_phrase(text, ends)
    return at >= 0 and SHORT_OF.isdisjoint(text[:at].split()[-2:])
