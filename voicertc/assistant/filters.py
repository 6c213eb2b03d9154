"""The filter people mean when they name none: "lower the cutoff", "open the filter up".

A cutoff belongs to a filter, and people who have one on say "bring the cutoff down to
800" without saying which. The dialogue reads text only, so the session tells it which
filter it last put on or changed (``LastFilter``, kept by ``followups.FollowUps``); with
none known, the low pass is meant: it is the filter whose cutoff people move most (darker,
warmer, less hiss), and lowering an unnamed cutoff is what taming the top asks for.

Tokens are ``dialogue.normalize`` output; ``text`` is them joined with a space at each end.
"""

from __future__ import annotations

from voicertc.assistant import phrasing
from voicertc.assistant.degrees import more_of
from voicertc.assistant.lexicon import has_phrase

FILTERS = ("lowpass", "highpass")
DEFAULT = "lowpass"

# Words that name a filter's control without the filter: "the cutoff", "filter frequency".
CUTOFF_WORDS = ("cutoff", "cutoff frequency", "corner frequency", "filter frequency", "filter cutoff")
FILTER_NOUNS = ("the filter", "that filter", "this filter", "a filter", "the filters")
# A cutoff of something else: "the cutoff date", "the cutoff for applications".
OTHER_CUTOFFS = ("cutoff date", "cutoff time", "cutoff point", "cutoff for", "cutoff age", "cutoff switch",
                 "cutoff is friday", "cutoff score", "cutoff mark")  # fmt: skip
# Units only a filter has here: "drop the frequency to 500 hertz".
FREQUENCY_UNITS = frozenset({"hz", "hertz", "khz", "kilohertz", "k"})


def unnamed(tokens: list[str], text: str, last: str | None) -> str | None:
    """The filter a sentence that names none is about (``last``: the session's last filter,
    if it has one), or None if it speaks of no filter."""
    if has_phrase(text, OTHER_CUTOFFS):
        return None
    said = has_phrase(text, CUTOFF_WORDS) or _filter_named(text)
    if not said and "frequency" in tokens:
        said = bool(FREQUENCY_UNITS.intersection(tokens))  # "drop the frequency to 500 hertz"
    if not said:
        return None
    return last if last in FILTERS else DEFAULT


def _filter_named(text: str) -> bool:
    """ "the filter" as the sound's filter; not "the filter on the coffee machine"."""
    at = text.find(" filter ")
    if at < 0 or not has_phrase(text, FILTER_NOUNS):
        return False
    after = text[at + len(" filter ") :].split()[:2]
    if after[:1] == ["for"] and not phrasing.SOUND.intersection(after[1:]):
        return False  # "a filter for the coffee machine"
    return not phrasing.owned(text, at, "filter")


class LastFilter:
    """One session's memory of the filter its last command put on or changed."""

    def __init__(self) -> None:
        self.current: str | None = None

    def heard(self, arguments: dict[str, object]) -> None:
        """An effect call was taken: a filter set is the one meant next; a filter removed,
        or the chain reset, leaves none known."""
        effect, action = arguments.get("effect"), arguments.get("action")
        if effect is None and action == "reset":
            self.current = None
        elif effect in FILTERS:
            if action not in ("remove", "reset"):
                self.current = str(effect)
            elif effect == self.current and action == "remove":
                self.current = None


# Comparatives the dialogue reads as putting a filter on ("darker", "thinner"): said with that
# filter on already, the filter moved further ("add a low pass", "too dark", "a little darker").
FURTHER = {"lowpass": ("darker", "warmer", "duller", "murkier", "more muffled"), "highpass": ("thinner",)}


def further(arguments: dict[str, object], chain: list[dict] | None, words: list[str]) -> dict[str, object]:
    """``arguments`` (a call read alone) as a step where it adds a filter that is on the
    ``chain`` already for a comparative; otherwise as they are."""
    effect = str(arguments.get("effect"))
    on = [e.get("effect") for e in chain or []]
    if arguments.get("action") != "add" or "value" in arguments or effect not in on:
        return arguments
    if not has_phrase(" " + " ".join(words) + " ", FURTHER.get(effect, ())):
        return arguments
    return {**arguments, "action": more_of(effect)}
