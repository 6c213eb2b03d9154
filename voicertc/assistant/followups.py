"""Follow-ups: turns that lean on the command before them.

People steer by ear: after "add some reverb" they say "a bit more", "too far", "take it
off", "make that 40", "now the delay", "no, the echo", "undo that". Read alone, such a turn
asks for nothing or for the wrong thing, so a session remembers its last effect command
and ``FollowUps.understand`` reads each turn first alone, then in its light:

- a follow-up phrase that names no effect steps, reverses, removes, restores or undoes
  the last change (``read``); an undo after "reset everything" puts back what it cleared;
- a turn naming only an effect ("and the reverb", "no, the delay") does to it what the
  last command did to the one before;
- a turn that names a parameter, a value or "it" but no effect ("make that 1200", "more
  resonance", "raise it a bit", "turn it up") is read as if it named the last effect.

Tokens are ``dialogue.tokens`` output: lower case, no apostrophes ("thats").
"""

from __future__ import annotations

import re

from voicertc.assistant import bands
from voicertc.assistant import lexicon as lx
from voicertc.assistant.clauses import understand_all
from voicertc.assistant.degrees import less_of
from voicertc.assistant.dialogue import APPLY, Say, ToolCall, tokens, understand
from voicertc.assistant.filters import DEFAULT as DEFAULT_FILTER
from voicertc.assistant.filters import LastFilter, further
from voicertc.assistant.followup_phrases import (
    APPROVED,
    SOFTENERS,
    approval,
    approves,
    kind_of,
    measured,
    names_an_effect,
    only_an_effect,
    phrase_kind,
)
from voicertc.assistant.followup_values import in_range, multiplied, names_a_param, set_on, without_param
from voicertc.assistant.numbers import find_numbers
from voicertc.assistant.reader.head import Guess, combined, rules_arguments
from voicertc.assistant.spaces import asks_space
from voicertc.assistant.undo import OPPOSITE, Chain, chain_of, putting_back, taking_back, undoing
from voicertc.assistant.unsupported import declines

# Turns of this many words or fewer ("warmer", "kill the fuzz") keep the rules' reading: the
# reader, a classifier of whole sentences, has too little to go on to decline one (session
# 22: on tune6 one command more, no tune side or conversation lost anything).
SHORT = 3
STEPS = ("increase", "decrease")
NOTHING_ON = "There's no {} on right now, so there's nothing to turn down."
# (A setting is undone when a tool's output showed the chain before it: ``undo.py``.)
NOT_UNDONE = "I can't undo a setting: I don't know what it was before. Say the value you want."

# A correction opens the turn: "No, the reverb." "Sorry, I meant the echo."
CORRECTION = re.compile(r"^\s*(?:no+|nope|sorry|no sorry|not that one|wait)\s*[,.!:;-]\s*", re.IGNORECASE)
# "it" in "turn it up" is the last effect, unless the turn is about loudness itself.
PRONOUNS = ("it", "that", "this")
# How much of an effect is heard, said of "it": "make it wetter" after a delay is the delay's.
# How fast echoes come: "slower repeats" is about the delay's time, not how many repeats.
RATE = frozenset("faster slower quicker".split())
WETNESS = frozenset("wet wetter dry drier dryer".split())
# Words a turn about the last effect may hold besides the dialogue's own: "make that double",
# "twice as long", "faster" (said of a delay, a shorter time).
MULTIPLES = frozenset("double twice triple half halve quarter as long short faster slower quicker".split())
# Around a value said alone: "try 300", "how about 2 k", "what about 150 hertz".
VALUE_ONLY = frozenset(
    "try what about how lets go with maybe make it that say instead then ok okay actually".split()
)
# "More" of an effect just added, where its main control is not how much of it is heard:
# more echo is a louder echo, not a longer gap.
AMOUNT = {"delay": "mix"}
# What a turn about the last effect may be made of (``_all_known``), built once.
VOCABULARY = lx.KNOWN | lx.PARAM_WORDS | set(lx.PARAM_SYNONYMS) | SOFTENERS | MULTIPLES | VALUE_ONLY


class FollowUps:
    """One session's memory of its last effect command, and of the filter it last touched."""

    def __init__(self) -> None:
        self._last: dict[str, object] | None = None  # its arguments; kept after a removal
        self._filter = LastFilter()  # "lower the cutoff" is about it (``filters.py``)
        self._chain: Chain | None = None  # as the last tool output showed it
        self._set_back: dict[str, object] | None = None  # what undoes the last setting, if known
        # What the chain held when the last command emptied it (an undo puts it back); None
        # if the last command emptied nothing.
        self._emptied: Chain | None = None

    def understand(self, text: str) -> ToolCall | Say:
        """What ``text`` asks for in this session: read alone, then in the light of the
        last command. A command taken is remembered."""
        return self._unnamed_filter(text) or self._understood(text)

    def _said(self, text: str) -> str:
        """``text`` less an opening correction ("No, the reverb."); alone, "No reverb." removes it."""
        return text if self._last is None else CORRECTION.sub("", text)

    def _understood(self, text: str, alone: ToolCall | Say | None = None) -> ToolCall | Say:
        """``understand`` less the unnamed filter; ``alone``: the turn's own reading, when
        the caller has it already."""
        said = self._said(text)
        intent = understand(said) if alone is None else alone
        if self._last is not None:
            intent = self._in_context(said, intent) or intent
        if isinstance(intent, ToolCall) and intent.name == APPLY:  # "a little darker" with the low pass on
            intent = ToolCall(APPLY, further(intent.arguments, self._chain, tokens(said)))
        if isinstance(intent, ToolCall) and self._nothing_to_lower(said, intent):
            effect = str(intent.arguments["effect"])
            return Say(NOTHING_ON.format(lx.SPOKEN_EFFECT.get(effect, effect)))
        if isinstance(intent, ToolCall):
            self.heard(intent)
        return intent

    def _nothing_to_lower(self, said: str, intent: ToolCall) -> bool:
        """ "drier" just after "reset everything": an effect a word implies, turned down when
        nothing is on (the gain is 0 dB when absent, and lowers from there)."""
        effect = intent.arguments.get("effect")
        if intent.arguments.get("action") != "decrease" or effect in (None, "gain"):
            return False
        return self._emptied is not None and not names_an_effect(tokens(said))

    def understand_all(self, text: str, guess: Guess | None = None) -> list[ToolCall | Say]:
        """Every request of ``text`` ("add reverb and delay": two calls, the last of them
        remembered); a turn of one request reads as ``understand`` reads it, follow-ups and all.
        ``guess``, the sentence reader's: it may decline a command read in the turn alone, and
        fill a turn read as nothing even in context (``reader.head.combined``)."""
        unnamed = self._unnamed_filter(text)
        if unnamed is not None:
            return [unnamed]
        if self._emptied and kind_of(text) in ("undo", "restore"):
            back, self._emptied = putting_back(self._emptied), None
            return [ToolCall(APPLY, arguments) for arguments in back]  # nothing later leans on
        said = self._said(text)
        intents = understand_all(said)
        arguments = rules_arguments(said)
        words = tokens(said)
        if guess is not None and len(words) > SHORT and not asks_space(words):
            intents = combined(intents, guess, arguments, fill=None, said=said)
        if len(intents) < 2:
            # One request, as clauses read it: "the reverb is fine, add delay" is the delay
            # alone, which the whole sentence read again is not.
            intents = [self._understood(text, intents[0])]
        else:
            for intent in intents:
                if isinstance(intent, ToolCall):
                    self.heard(intent)
        if guess is None or approves(said):
            return intents  # "perfect, leave it there" with no change to like: no command either
        filled = combined(intents, guess, arguments, veto=None)
        if filled != intents and isinstance(filled[0], ToolCall):
            self.heard(filled[0])
        return filled

    def saw(self, output: dict[str, object]) -> None:
        """A tool's output: the chain it reports is what a setting asked for next changes."""
        chain = chain_of(output)
        if chain is not None:
            self._chain = chain

    def heard(self, call: ToolCall) -> None:
        """A command was taken: later turns may lean on it (after a reset there is nothing to)."""
        if call.name != APPLY:
            return
        # "attack 1 ms" on a compressor already on comes as an add with a value: a setting too
        setting = call.arguments.get("action") == "set" or (
            call.arguments.get("action") == "add" and "value" in call.arguments
        )
        self._set_back = taking_back(self._chain, call.arguments) if setting else None
        self._filter.heard(call.arguments)
        cleared = call.arguments.get("action") == "reset" and "effect" not in call.arguments
        self._emptied = list(self._chain or []) if cleared else None
        effect = call.arguments.get("effect")
        if not isinstance(effect, str) or call.arguments.get("action") == "reset":
            self._last = None
            return
        self._last = dict(call.arguments)

    def read(self, text: str) -> ToolCall | None:
        """The follow-up phrase ``text`` is, about the last command; None if it is not one,
        or nothing was changed yet."""
        kind = kind_of(text)
        return None if kind is None else self._follow(kind)

    # -- the readings --------------------------------------------------------------------

    def _unnamed_filter(self, text: str) -> ToolCall | None:
        """ "lower the cutoff" when the session's last filter is not the one read by default
        (the low pass): that filter's call; None for any sentence that does not speak of an
        unnamed filter, or reads the same either way."""
        last = self._filter.current
        if last is None or last == DEFAULT_FILTER:
            return None
        intent = understand(text, last_filter=last)
        if not isinstance(intent, ToolCall) or intent == understand(text):
            return None
        self.heard(intent)
        return intent

    def _follow(self, kind: str) -> ToolCall | None:
        last = self._last
        if last is None:
            return None
        effect, action, param = last["effect"], last.get("action"), last.get("param")
        if action == "remove":
            return _call(effect, "add") if kind in ("restore", "undo") else None
        if kind == "remove":
            return _call(effect, "remove")
        if kind == "undo":
            back = self._set_back or undoing(last)
            return None if back is None else ToolCall(APPLY, back)
        if kind == "restore":
            return None
        went = "decrease" if action == "decrease" else "increase"
        step = {"continue": went, "reverse": OPPOSITE[went], "lessen": less_of(effect)}.get(kind, kind)
        if action not in STEPS:
            # "more" after an add is more of the effect heard; after a setting, of what was set
            param = AMOUNT.get(str(effect)) if action == "add" else param
        return _call(effect, step, param)

    def _in_context(self, text: str, intent: ToolCall | Say) -> ToolCall | None:
        words = tokens(text)
        # Never a follow-up: a listing, or a decline by name ("make my voice deeper" after the reverb)
        if intent.name != APPLY if isinstance(intent, ToolCall) else declines(intent.text):
            return None
        named = only_an_effect(words) or bands.named_alone(words)
        if named is not None:
            return self._same_again(named)
        times = multiplied(self._last, words)
        if times is not None:
            return ToolCall(APPLY, times)
        kind = kind_of(text)
        # "feedback" and "repeats" name the delay too, but as its parameters they say no more than "it"
        if isinstance(intent, ToolCall) and not names_an_effect([w for w in words if not names_a_param([w])]):
            ahead = self._before_alone(text, words, kind)
            if ahead is not None:
                return ahead
        if isinstance(intent, Say):
            if kind is None:
                if approval(words) or approves(text):
                    return Say(APPROVED)
                return self._about_last(words)  # "that's the one" is no value
            return (
                self._undo() if kind == "undo" else self._follow(kind)
            )  # None ("more" after a removal): declined
        if names_an_effect(words) or lx.LOUDNESS.intersection(words) or not set(PRONOUNS) & set(words):
            return None
        if intent.arguments.get("action") == "reset" and "effect" not in intent.arguments:
            # "reset that": the effect just changed, not the whole chain ("reset everything")
            everything = lx.has_phrase(lx.padded(words), lx.EVERYTHING)
            return None if everything else _call(self._last["effect"], "reset")
        if intent.arguments.get("effect") != "gain" and not WETNESS.intersection(words):
            return None  # "make it brighter" names a filter by its sound, whatever "it" is
        return self._about_last(words)  # "turn it up": the effect read from "it" is the last one

    def _before_alone(self, text: str, words: list[str], kind: str | None) -> ToolCall | Say | None:
        """A turn that names no effect but reads alone as a command, read about the last
        change first: a parameter of the last effect ("more feedback" after the echo), or
        follow-up phrases only ("that's too much, back it off", not read as the volume), or
        ending on an undo ("too many repeats, go back"), or undoing the parameter just changed
        ("undo the release")."""
        assert self._last is not None
        rest = without_param(self._last, words)
        if rest != words and phrase_kind(rest) == "undo":
            return self._undo()
        if names_a_param(words) and not RATE.intersection(words):
            effect = str(self._last["effect"])
            about = understand(f"{' '.join(words)} on the {lx.SPOKEN_EFFECT.get(effect, effect)}")
            if _all_known(words) and isinstance(about, ToolCall) and about.arguments.get("effect") == effect:
                if "param" in about.arguments:
                    return about
        if kind is None or lx.LOUDNESS.intersection(words):
            return None
        clauses = [c for c in re.split(r"[,.;!?]", text) if c.strip()]
        if kind == "undo" and phrase_kind(tokens(clauses[-1])) == "undo":
            return self._undo()
        return self._follow(kind) if all(phrase_kind(tokens(c)) for c in clauses) else None

    def _undo(self) -> ToolCall | Say | None:
        assert self._last is not None
        if self._last.get("action") not in OPPOSITE and self._set_back is None:
            return Say(NOT_UNDONE)
        return self._follow("undo")

    def _same_again(self, effect: str) -> ToolCall | None:
        """ "and the reverb": the last command's action on another effect; a setting of a
        value the other effect takes ("delay mix 20 percent", "and the same for the reverb")
        is that setting on it."""
        assert self._last is not None
        action = self._last.get("action")
        if action == "set":
            return set_on(self._last, effect)
        if action not in ("add", "remove", *STEPS):
            return None
        other = self._last["effect"]
        if action != "remove" and effect != other and {effect, other} == {"lowpass", "highpass"}:
            # "cut the lows", "more", "now the highs too": that band cut too (or eased too)
            action = bands.cut_too(str(other), str(action), effect)
        return _call(effect, str(action))

    def _about_last(self, words: list[str]) -> ToolCall | None:
        """The turn read as if it named the last effect: "make that 1200" as "make the low
        pass 1200", "more resonance" as "more resonance on the low pass"."""
        assert self._last is not None
        if not words or not _all_known(words):
            return None
        effect, action = str(self._last["effect"]), self._last.get("action")
        name = "the " + lx.SPOKEN_EFFECT.get(effect, effect)
        said = " ".join(words)
        tries = [f"{name} {said}", f"{said} on {name}", f"make {name} {said}"]
        besides = _not_numbers(words)
        if all(w in VALUE_ONLY for w in besides) and len(besides) < len(words):
            tries.insert(0, f"set {name} to " + " ".join(w for w in words if w not in VALUE_ONLY))
        for pronoun in PRONOUNS:
            if pronoun in words:
                i = words.index(pronoun)
                tries.insert(0, " ".join([*words[:i], name, *words[i + 1 :]]))
                break
        for attempt in tries:
            reading = understand(attempt)
            if not isinstance(reading, ToolCall) or reading.arguments.get("effect") != effect:
                continue
            step = reading.arguments.get("action")
            if (step == "add") != (action == "remove"):
                # "on the delay" made an order to add of a turn that gave none; after a
                # removal the one thing to do about the effect is bring it back.
                continue
            args = dict(reading.arguments)
            if (
                step == "set"
                and action in ("set", *STEPS)
                and not {"unit", "param"} & set(args)
                and not names_a_param(words)
            ):
                # "no, 3" after "decay to 5 seconds": the same parameter, in the same unit; "make
                # it 8" after "higher ratio": the parameter stepped (a step's unit is no value's)
                kept = ("unit", "param") if action == "set" else ("param",)
                carried = args | {k: self._last[k] for k in kept if k in self._last}
                args = carried if in_range(carried) else args  # "2 k", then "try 3000": not 3000 k
            if step in STEPS and "param" not in args and action in STEPS and "param" in self._last:
                args["param"] = self._last["param"]  # "a little lower" keeps to what was stepped
            return ToolCall(APPLY, args)
        return None


def _call(effect: object, action: str, param: object = None) -> ToolCall:
    args: dict[str, object] = {"effect": effect, "action": action}
    if param is not None and action in STEPS:
        args["param"] = param
    return ToolCall(APPLY, args)


def _numeric(words: list[str]) -> set[int]:
    """The positions of the numbers in ``words``."""
    return {i for span in find_numbers(words) for i in range(span.start, span.end)}


def _not_numbers(words: list[str]) -> list[str]:
    """``words`` less its numbers and their units: "try 300 hertz" -> ["try"]."""
    numeric = _numeric(words)
    return [w for i, w in enumerate(words) if i not in numeric and w not in lx.UNIT_HEADS]


def _all_known(words: list[str]) -> bool:
    """Every word is one the dialogue reads, a number or a softener: "turn off the lights"
    must not become "turn off the reverb"."""
    numeric = _numeric(words)
    return all(i in numeric or w in VOCABULARY for i, w in enumerate(words)) and measured(words)
