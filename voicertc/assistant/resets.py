"""Which reset a sentence asks for: one effect's defaults ("put the low cut back to
default", "the delay's gone all weird, restore its factory settings") or the whole chain
off said without "everything" ("no effects", "back to the dry signal")."""

from __future__ import annotations

import re

from voicertc.assistant import named_params
from voicertc.assistant.lexicon import has_phrase
from voicertc.effects.specs import EFFECT_SPECS

TO_DEFAULT = ("back to default", "back to its default", "back to the default", "to default",
              "default settings", "factory settings", "defaults", "factory", "stock settings",
              "stock setting", "stock values", "default values", "factory values", "its stock",
              "original setting", "original settings", "back to stock", "to stock", "originally",
              "how it was", "the way it was", "the settings it had", "settings it started with",
              "as it was", "how it started", "the way it started", "how they started", "where it started",
              "where they started",
              # (session 47, tune27: "put the overdrive amount back where it was from the start")
              *(f"where {it} {was} {start}" for it, was in (("it", "was"), ("they", "were"))
                for start in ("at the start", "from the start", "at first", "to begin with",
                              "to start with")),
              "how it came", "how it comes", "out of the box", "how they came", "the way it came",
              "how they were", "the way they were",
              # (session 43, tune21: "put the low-pass filter back how it shipped")
              "how it shipped", "the way it shipped", "as it shipped", "how it was shipped",
              "as they were", "settings back to normal", "settings to normal",
              # the level as it normally is: "normal volume please" (the effect's name blanked)
              "normal _ please", "usual _ please", "normal _ again", "usual _ again", "_ at normal",
              "_ to normal", "_ at its normal", "_ to its normal",
              # (session 49, tune29) "bass cut back to its normal setting" ("the reverb back to normal"
              # is read as its removal: ``dialogue``)
              "_ back to its normal",
              # the effect named inside: "stock reverb settings please", "delay on default please"
              "stock _ settings", "default _ settings", "factory _ settings", "_ on default",
              "_ on defaults", "_ at default", "_ at defaults", "_ on stock", "_ on factory",
              # (session 48, tune28) a plugin's own first settings: "load the default preset on the
              # reverb", "put the verb back to its init patch", "recall the stock patch on the echo"
              *(f"{first} {kept}" for first in ("default", "factory", "stock", "init", "initial", "original")
                for kept in ("preset", "patch", "program")))  # fmt: skip
# "restore the default delay settings": a default brought back, its words apart.
RESTORING = frozenset("restore return back put set bring go".split())
DEFAULTS = frozenset("default defaults factory original standard".split())
# An effect named earlier in the turn, put back: "the delay's gone all weird, restore its
# factory settings".
ITS_DEFAULTS = ("its default", "its defaults", "its factory", "its original", "its standard", "its stock",
                "it back to default", "it back to its default", "it back to how it came",
                "it back the way it came", "it back how it came",
                # (session 50, tune30) "the new co-host messed with my comp, factory settings please"
                "factory settings please", "default settings please", "stock settings please")  # fmt: skip


# A reset told of, not asked for: "our system had a reset overnight", "the toll reset at midnight".
_TOLD = re.compile(
    r"\b(?:had|was|got|did|there's|theres) an? (?:\w+ )?reset\b"
    # ... or a reset that is a thing of its own: "the reset between sets is ninety seconds"
    r"|\bthe (?:\w+ )?reset (?:at|between|is|was|after|before|on|in|takes)\b"
    # ... or a thing's button, not pressed by the speaker's order: "I pressed the reset button on my tablet"
    r"|(?<!hit )(?<!press )(?<!push )\bthe (?:\w+ )?reset (?:button|switch)\b"
    # ... or one a thing of the world needs: "the server needs a reset before the raid"
    r"|\bthe (?:\w+ )?(?:server|router|modem|computer|laptop|console|game|app|phone|printer|clock|password|"
    r"scoreboard|timer|till|machine|system|network|wifi|breaker)s? (?:needs|needed|wants|could use)"
    r" an? reset\b"
)


def told(text: str) -> bool:
    """A reset told of (``text`` lower case, as said or as tokens)."""
    return _TOLD.search(text) is not None


# A default said to do as it is, no reset: "drop a gain utility on me, its default is fine".
_DEFAULT_WILL_DO = re.compile(r" (?:its|the) defaults? (?:is|are|will do|would do) (?:fine|ok|okay|good) ")


# Where an effect started, asked and then gone back to: "what did the high-pass start at? put it
# back there, the default", "what was the echo like at first? put it back to that".
_STARTED = ("start at", "start on", "started at", "started on", "at first", "default", "defaults",
            "originally", "to begin with", "to start with")  # fmt: skip
_BACK_THERE = ("back to that", "back there", "reset it to that", "put it back to that")


def its_defaults(text: str) -> bool:
    text = _DEFAULT_WILL_DO.sub(" ", text)
    # ("put its settings back to factory"; session 50, tune30: "the station's default comp settings
    # suited everybody, put the compressor back to them")
    settings = has_phrase(text, ("its settings", "its values", "back to them", "back to those"))
    settings = settings and not DEFAULTS.isdisjoint(text.split())
    return (
        settings
        or has_phrase(text, ITS_DEFAULTS)
        or (has_phrase(text, _STARTED) and has_phrase(text, _BACK_THERE))
    )


# What is left as it is: "..., leave the mix", "keep the amount as is".
_LEFT = frozenset("leave leaving keep keeping but except not".split())
_SENT_BACK = frozenset("back reset revert to default defaults normal stock factory".split())
_WHOLE = frozenset("whole all everything entire".split())


def of_a_setting(tokens: list[str], effect: str) -> dict[str, object] | None:
    """ "decay on the verb back to the stock setting, leave the mix", "reverb length back to
    normal": one setting back to its default (session 49, tune27 and tune29), or None where no
    setting is named before what is left as it is."""
    # (named before it is sent back: after it, a list of what the effect's reset covers)
    cut = next((i for i, tok in enumerate(tokens) if tok in _LEFT or tok in _SENT_BACK), len(tokens))
    spec = EFFECT_SPECS[effect]
    named = {named_params.named([tok], effect) for tok in tokens[:cut]} - {None}
    # (not the effect's own amount, "the drive's been fiddled with, back to its default", nor
    # several, "reset the compressor to default, attack, release, the lot": the effect's reset)
    if len(named) != 1 or spec.primary in named or not _WHOLE.isdisjoint(tokens):
        return None  # (nor "set the ratio to, never mind, reset the whole compressor to factory")
    param = str(named.pop())
    limit = spec.param(param)
    unit = {"unit": limit.unit} if limit.unit else {}  # (a Q or a ratio has none)
    return {"effect": effect, "action": "set", "value": limit.default, "param": param} | unit


def one_reset(text: str) -> bool:
    """ "reset the reverb", "put the low cut back to default", "undo all my compressor
    tweaks", "forget all my reverb tweaks", "default the delay": that effect's defaults."""
    text = _DEFAULT_WILL_DO.sub(" ", text)
    words = set(text.split())
    said = has_phrase(
        text,
        ("reset", "revert", "undo all", "default it", "default the", "init the", "init my", "forget all my"),
    )
    return said or has_phrase(text, TO_DEFAULT) or bool(words & RESTORING and words & DEFAULTS)


# The whole chain off, said without "everything": "no effects", "back to the dry signal".
WHOLE_RESET = ("no effects", "without effects", "without any effects", "no processing",
               "without processing", "the dry signal", "my normal voice", "my ordinary voice",
               "my usual voice", "my regular voice", "whole effects chain",
               "all the processing", "all processing", "the effects chain", "no effects at all",
               "zero effects", "my plain voice", "my voice back", "my natural voice", "my own voice back",
               "my clean voice", "the plain voice", "my raw voice", "no more effects", "my dry voice",
               "just my voice", "only my voice", "like the beginning", "like in the beginning",
               "like at the beginning", "like at the start", "like me again", "like myself again",
               "my own voice again", "my voice again", "want no effect", "want no effects",
               "no effect at all", "all clean", "clear the whole thing", "clean the whole thing",
               "dry signal please", "raw signal", "raw mic", "unprocessed", "mute the effects",
               "mute all effects", "bypass the effects", "bypass all effects",
               # said short: "clean voice, nothing on it", "no effects for the prayers, clear the lot"
               "nothing on it", "nothing on me", "nothing on my voice", "clear the lot",
               "before any effects",
               # (session 42, tune20) the voice as it was, untouched: "give me my untouched voice back"
               "untouched voice", "voice untouched", "back to how i sounded", "how i sounded at the start",
               "before we touched anything", "strip it back bare", "strip it bare",
               "strip it all back")  # fmt: skip


def whole_reset(text: str) -> bool:
    return has_phrase(text, WHOLE_RESET)


# "all" said as "very" after a state ("I'm all breathy", "it's gone all muddy"): how the
# sound is, not every effect.
_STATE = frozenset("im its is are was were sounds sound gone went getting goes go feel feels".split())
# What "all" takes as an object when it does mean every effect ("it's all off", "is all of it").
_OBJECTS = frozenset("the my of effects effect these those them that this it off out gone done back on over "
                     "a an in to".split())  # fmt: skip


# ... and "all" said of a time ("the monitors beep all night"): how long, not every effect.
_TIMES = frozenset("night day week morning evening afternoon year month weekend shift long".split())


def all_as_very(tokens: list[str]) -> bool:
    """Whether every "all" of ``tokens`` says how much or how long, not which effects."""
    at = [i for i, w in enumerate(tokens) if w == "all"]
    return bool(at) and all(
        0 < i < len(tokens) - 1
        and ((tokens[i - 1] in _STATE and tokens[i + 1] not in _OBJECTS) or tokens[i + 1] in _TIMES)
        for i in at
    )
