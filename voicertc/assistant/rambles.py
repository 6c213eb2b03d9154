"""A long turn that ends in its request: "... I sound like I'm in an empty swimming pool,
bring the reverb down a bit", "we're recording an interview, could you compress my
voice". What comes before the last clause is the story or the reason, whose words
("empty", "were", "turned up earlier") would otherwise be read as the request; the last
clause, said as a request and naming an effect, is what is asked.

Asked of the transcript as said, where its commas and full stops still stand.
"""

from __future__ import annotations

import itertools
import re

from voicertc.assistant import addressee, named_params
from voicertc.assistant import lexicon as lx
from voicertc.assistant.words import tokens

# A clause boundary: not a thousands separator ("1,200 hertz") nor a decimal point; or "just"
# before a removal, as said in one breath with no comma ("the reverb is way too much just
# take it off").
BOUNDARY = re.compile(r"[,;.!?](?!\d)|\s(?:just\s+)+(?=(?:take|kill|turn|remove|lose|drop|ditch|get rid)\b)")
# Verbs that open a request for less of something: "ease the compression slightly".
EASING = frozenset("ease relax loosen soften tame tighten dial".split())
# ... and verbs of a setting's way (session 43, tune21: "the compressor's been clamping down all
# night, back it off", "release is still dragging, make it faster").
OPENING_VERBS = (
    lx.IMPERATIVES | EASING | frozenset("back shorten lengthen quicken open speed slow halve double".split())
)
# An amount wished, said alone after the story: "the extra squash you just added sucks the life
# out of me, less compression"; "the extra drive you just added is ugly, less of it".
AMOUNTS = frozenset("less more fewer".split())
# A clause of thanks after the request.
THANKS = frozenset("thanks thank you cheers ta so much very a lot please mate".split())
# Words a request may open with before its verb.
OPENERS = frozenset("so and but now just okay ok then please maybe".split())
# How a clause asks: a request to the listener, a need, or the imperative's verb.
ASKING = ("could you", "can you", "would you", "will you", "i need", "i want", "i think i need",
          "i think i want", "lets", "id like", "i would like",
          # a need ahead (session 43, tune21: "next up is the loud number, I'll need more volume on me")
          "ill need", "ill want", "well need", "well want")  # fmt: skip


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
    asks = bool(words) and (
        words[0] in OPENING_VERBS or words[0] in AMOUNTS or any(text.startswith(f" {a} ") for a in ASKING)
    )
    # (or a parameter only one effect has: "the grit's been creeping up all night, less drive")
    named = any(lx.has_phrase(text, names) for names in lx.EFFECT_NAMES.values()) or named_params.owner(words)
    if asks and not named and (lx.has_phrase(text, REMOVING_IT) or _directed(words)):
        return _it_named(words, clauses[:-1])  # "that reverb is way too much, take it off"
    return words if asks and named else None


# A removal of "it", where "it" is the one effect the turn named before.
REMOVING_IT = ("take it off", "take it out", "take it away", "turn it off", "get rid of it", "kill it",
               "remove it", "lose it", "drop it", "ditch it", "switch it off", "bin it")  # fmt: skip
# Verbs that say which way "it" goes on their own (not "set it there", "make it go crazy", "give it
# a wee push", whose "it" other readings already take as the effect named).
DIRECTED = frozenset("lower raise back shorten lengthen quicken halve double less more fewer reduce".split())
SPEEDS = frozenset("faster slower quicker shorter longer".split())


def _directed(words: list[str]) -> bool:
    """The request says which way, or names a parameter of "its" ("..., bring its cutoff down")."""
    its_param = any(a == "its" and b in lx.PARAM_WORDS for a, b in itertools.pairwise(words))
    return (
        its_param
        or words[0] in DIRECTED
        or (words[:2] == ["make", "it"] and len(words) > 2 and words[2] in SPEEDS)
    )


def _it_named(words: list[str], before: list[list[str]]) -> list[str] | None:
    """The request with "it" said as what the turn named before: its one effect, or one
    effect's parameter ("the feedback you just raised is too much, lower it": the feedback);
    or with the effect said before a parameter it names alone ("the reverb's too wet, halve
    the mix"; "..., bring its cutoff down")."""
    if "it" not in words:
        at = next((k for k, w in enumerate(words) if w in lx.PARAM_WORDS), None)
        if at is None or at == 0 or words[at - 1] not in ("the", "its"):
            return None
        words = [*words[: at - 1], "it", *words[at:]]
        before = [[w for w in clause if w not in lx.PARAM_WORDS] for clause in before]
    earlier = [w for clause in before for w in clause]
    said = lx.padded(earlier)
    effects = [e for e, names in lx.EFFECT_NAMES.items() if lx.has_phrase(said, names)]
    if len(effects) > 1:
        return None
    effect = effects[0] if effects else named_params.owner(earlier)
    if effect is None:
        return None
    param = next((w for w in earlier if w in lx.PARAM_WORDS and named_params.of_word(w, effect)), None)
    name = [*lx.SPOKEN_EFFECT.get(effect, effect).split(), *([param] if param else [])]
    return [t for w in words for t in (["the", *name] if w == "it" else [w])]
