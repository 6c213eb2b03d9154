"""How far a change goes, said beside the words that say which way: "lower the gain a bit
more" goes further down (not up), "cut the reverb a bit" lowers it (not off)."""

from __future__ import annotations

import re

from voicertc.assistant.lexicon import ACTION_WORDS, PARAM_NOUNS, find_phrase, has_phrase

# "More" as how far to go, not which way: "lower the gain a bit more", "turn it down some
# more" go further down. Only read so beside a word that lowers.
FURTHER = tuple(f"{amount} more" for amount in ("a bit", "a little", "a little bit", "a touch", "a tad",
                                                 "a hair", "a smidge", "some", "a lot", "much", "even",
                                                 "a few", "a couple"))  # fmt: skip
# A removal done partly is a step down: "cut the reverb a bit", "drop the gain slightly".
PARTLY = ("a bit", "a little", "a little bit", "slightly", "a touch", "a tad", "a hair", "a smidge",
          "a notch", "somewhat", "a fraction", "a wee bit", "one notch", "a step", "one step",
          # some of it, not all: "take some reverb off me"
          "take some", "cut some", "pull some", "knock some", "shave some", "trim some")  # fmt: skip


def more_of(effect: object) -> str:
    """The step that does more of ``effect``: a low pass does more as its cutoff falls, every
    other effect as its setting rises (the chain turns a compressor's threshold itself)."""
    return "decrease" if effect == "lowpass" else "increase"


def less_of(effect: object) -> str:
    """The step that does less of ``effect`` (a filter eased)."""
    return "increase" if effect == "lowpass" else "decrease"


_LAST_MORE = re.compile(r"(?<= down) more(?= (?:please |now |again |still |then )?$)")


def further_down(text: str) -> str:
    """``text`` without the "a bit more" of "lower the gain a bit more"."""
    lowering = dict(ACTION_WORDS)["decrease"]
    if find_phrase(text, lowering) < 0 and " down " not in text:
        return text
    text = _LAST_MORE.sub(" ", text)  # "pull the low-pass down more"
    text = text.replace(" further ", " ")  # "bring the low-pass down further": still down
    if not has_phrase(text, FURTHER):
        return text
    for phrase in FURTHER:
        text = text.replace(f" {phrase} ", " ")
    return text


# (session 50, tune30) The reverb's length, which "decay" alone also names the reverb by: "cut the
# decay" shortens it, as "cut the decay time" does.
_TAILS = ("the decay", "its decay", "reverb decay", "the tail", "its tail", "reverb tail")


def only_lowered(text: str) -> bool:
    """A removal's verb said of a setting ("drop the high pass frequency") or done partly
    ("cut the reverb a bit"; not "for a bit": for a while): a step down."""
    partly = has_phrase(text, PARTLY) and not has_phrase(text, tuple(f"for {p}" for p in PARTLY))
    return partly or has_phrase(text, PARAM_NOUNS) or has_phrase(text, _TAILS)
