"""How many echoes there are, said without the word "feedback": the delay's feedback.

"The echo goes on forever", "too many repeats", "fewer bounces", "make the echo die out
quicker", "just one echo, not a whole bunch" ask for fewer repeats; "I want the echo to
keep bouncing", "more bounces", "the echoes die away too quickly" for more. Said as a
complaint ("the echoes go on and on") it is fewer; the same words wished for ("I want the
echo to go on and on", "let the echoes keep going") are more.

The delay's time is not touched: "the echo should be faster" is still its spacing
(``colloquial.spacing`` and the time words), and a sentence with a number is left to the
value readers ("cut the echo down to two repeats").
"""

from __future__ import annotations

from voicertc.assistant.asking import POLITE
from voicertc.assistant.lexicon import IMPERATIVES, has_phrase, padded
from voicertc.assistant.pictures import ECHO_PLACES
from voicertc.assistant.spaces import SPACES

# What the echoes are called when they are counted.
ECHOES = frozenset("echo echoes echos bounces delay slapback".split())
# "repeats" is the echoes only after a word that counts them ("my mum repeats herself" is not).
REPEATS = frozenset("repeats repeat".split())
COUNTING = frozenset("the more fewer less many few of one two three single couple extra those".split())
# Going on without end: a complaint, unless wished for.
ENDLESS = ("forever", "on and on", "never stops", "never stop", "wont stop", "doesnt stop",
           "dont stop", "keeps going", "keep going", "keeps repeating", "keep repeating",
           "keeps bouncing", "keep bouncing", "keeps ringing", "keep ringing", "go on for ages",
           "goes on for ages")  # fmt: skip
# Too many, or only a few: fewer.
TOO_MANY = ("too many", "a whole bunch", "so many", "fewer", "less bounces", "less repeats")
FEW = ("just one", "only one", "a single", "just a single", "only a single", "one or two", "just two",
       "only two", "a couple of", "just a couple", "only a couple", "just a few", "only a few")  # fmt: skip
MORE = ("more bounces", "more repeats", "extra bounces", "extra repeats")
# How soon they stop: "die out quicker" is fewer, "fade out slower" more.
DYING = ("die out", "dies out", "die away", "dies away", "die off", "dies off", "fade out", "fades out",
         "fade away", "fades away", "trail off", "trails off", "stop", "stops")  # fmt: skip
SOONER = frozenset("quicker quickly faster fast sooner earlier".split())
LATER = frozenset("slower slowly later longer".split())
# A wish: "I want the echo to go on and on", "let the echoes keep going", "can it keep bouncing".
# A story or a place's own echo: "the echo in the canyon went on forever", "in the cathedral
# the echo goes on forever" (wished for, a place is a picture: "... like in a canyon").
TOLD = frozenset("went was were had used hated loved".split())
PLACES = frozenset(w for place in (*SPACES, *ECHO_PLACES) for w in place.split()[-1:]) | {"halls"}
WISHES = ("i want", "i wanna", "id like", "i would like", "let", "make", "can", "could", "i need", "should",
          "please")  # fmt: skip


def lasting(tokens: list[str]) -> dict[str, object] | None:
    """The feedback step a sentence about how many echoes there are asks for, or None."""
    words = set(tokens)
    if not _echoes(tokens) or any(t.isdigit() for t in tokens):
        return None
    text = padded(tokens)
    wished = has_phrase(text, WISHES)
    if TOLD & words or (PLACES & words and not wished):
        return None
    if has_phrase(text, MORE):
        return _step("increase")
    if has_phrase(text, TOO_MANY) or (has_phrase(text, FEW) and not has_phrase(text, ("more than",))):
        return _step("decrease")
    if has_phrase(text, ENDLESS):
        return _step("increase" if wished else "decrease")
    if has_phrase(text, DYING):
        too = "too" in words  # "they die away too quickly": the complaint asks for the other way
        if SOONER & words:
            return _step("increase" if too else "decrease")
        if LATER & words:
            return _step("decrease" if too else "increase")
    return None


def of_a_place(tokens: list[str]) -> bool:
    """ "the echo in our stairwell never stops", "in the cathedral the echo goes on forever":
    a place's echo going on, told, with nothing asked ("... like in a canyon" is a picture)."""
    words = set(tokens)
    text = padded(tokens)
    return (
        bool(_echoes(tokens) and PLACES & words)
        and has_phrase(text, (*ENDLESS, *DYING))
        and not (IMPERATIVES | POLITE | ASKED) & words
        and not has_phrase(text, WISHES)
    )


# Besides the imperatives and polite words: what asks in "I want ...", "... like in a canyon".
ASKED = frozenset("want wanna need id like".split())


def _echoes(tokens: list[str]) -> bool:
    counted = (i and tokens[i - 1] in COUNTING for i in range(len(tokens)))
    return any(t in ECHOES or (t in REPEATS and c) for t, c in zip(tokens, counted, strict=True))


def _step(action: str) -> dict[str, object]:
    return {"effect": "delay", "action": action, "param": "feedback"}
