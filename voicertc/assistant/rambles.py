"""A long turn that ends in its request: "... I sound like I'm in an empty swimming pool,
bring the reverb down a bit", "we're recording an interview, could you compress my
voice". What comes before the last clause is the story or the reason, whose words
("empty", "were", "turned up earlier") would otherwise be read as the request; the last
clause, said as a request and naming an effect, is what is asked.

Asked of the transcript as said, where its commas and full stops still stand.
"""

from __future__ import annotations

import re

from voicertc.assistant import addressee
from voicertc.assistant import lexicon as lx
from voicertc.assistant.words import tokens

# A clause boundary: not a thousands separator ("1,200 hertz") nor a decimal point; or "just"
# before a removal, as said in one breath with no comma ("the reverb is way too much just
# take it off").
BOUNDARY = re.compile(r"[,;.!?](?!\d)|\s(?:just\s+)+(?=(?:take|kill|turn|remove|lose|drop|ditch|get rid)\b)")
# Verbs that open a request for less of something: "ease the compression slightly".
EASING = frozenset("ease relax loosen soften tame tighten dial".split())
OPENING_VERBS = lx.IMPERATIVES | EASING
# A clause of thanks after the request.
THANKS = frozenset("thanks thank you cheers ta so much very a lot please mate".split())
# Words a request may open with before its verb.
OPENERS = frozenset("so and but now just okay ok then please maybe".split())
# How a clause asks: a request to the listener, a need, or the imperative's verb.
ASKING = ("could you", "can you", "would you", "will you", "i need", "i want", "i think i need",
          "i think i want", "lets", "id like", "i would like")  # fmt: skip


def kept(whole: dict[str, object] | None, last: dict[str, object] | None) -> dict[str, object] | None:
    """The whole turn's reading where it asks what its last clause asks (its story may say more:
    "the echo is a bit much ..., so turn the delay down" is its mix), else the last clause's."""
    if last is None or (
        whole is not None and (whole.get("effect"), whole["action"]) == (last.get("effect"), last["action"])
    ):
        # (but where only the last clause says how much: "I'm singing soft, push my level up five dB")
        return last if last is not None and "value" in last and "value" not in (whole or {}) else whole
    return last


def last_request(transcript: str) -> list[str] | None:
    """The last clause of a turn of several, where it asks for a change to a named effect."""
    clauses = [words for part in BOUNDARY.split(transcript) if (words := tokens(part))]
    if len(clauses) < 2 or addressee.addressed_elsewhere(clauses[0]) or addressee.quoted(clauses[0]):
        return None  # (not "Alexa, ..., turn it up": said to another; nor a song's words)
    while len(clauses) > 2 and set(clauses[-1]) <= THANKS:
        clauses = clauses[:-1]  # "..., but ease the compression slightly, thanks"
    words = clauses[-1]
    while words and words[0] in OPENERS:
        words = words[1:]
    text = " " + " ".join(words) + " "
    asks = bool(words) and (words[0] in OPENING_VERBS or any(text.startswith(f" {a} ") for a in ASKING))
    named = any(lx.has_phrase(text, names) for names in lx.EFFECT_NAMES.values())
    if asks and not named and lx.has_phrase(text, REMOVING_IT):
        return _it_named(words, clauses[:-1])  # "that reverb is way too much, take it off"
    return words if asks and named else None


# A removal of "it", where "it" is the one effect the turn named before.
REMOVING_IT = ("take it off", "take it out", "take it away", "turn it off", "get rid of it", "kill it",
               "remove it", "lose it", "drop it", "ditch it", "switch it off", "bin it")  # fmt: skip


def _it_named(words: list[str], before: list[list[str]]) -> list[str] | None:
    said = lx.padded([w for clause in before for w in clause])
    effects = [e for e, names in lx.EFFECT_NAMES.items() if lx.has_phrase(said, names)]
    if len(effects) != 1:
        return None
    name = lx.SPOKEN_EFFECT.get(effects[0], effects[0]).split()
    return [t for w in words for t in (["the", *name] if w == "it" else [w])]
