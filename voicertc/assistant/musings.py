"""Talk about an effect that asks nothing of the assistant, in kinds ``remarks`` does not
open with: what an effect made someone do ("the reverb made my cat run out of the room"),
a musing ("it's funny how a little reverb changes the whole mood"), a sound compared with
what was expected ("warmer with the filter than I thought it would be"), and what someone
else says of an effect ("my teacher says I should use less reverb, but I disagree").

Each is a statement: a word that asks the assistant ("can you", "please", "let's") or a
second clause that asks keeps the sentence a request, read by the rules as before.
Tokens are ``dialogue.tokens`` output."""

from __future__ import annotations

from voicertc.assistant import lexicon as lx
from voicertc.assistant import own_gear, remarks, repeats, theirs

# What a listener or a pet did: "made my daughter giggle", "makes me laugh".
REACTIONS = frozenset("laugh laughing giggle giggling smile smiling jump jumped run ran cry crying scream "
                      "screaming dance dancing bark barking howl howling tilt cringe grin chuckle "
                      "jealous".split())  # fmt: skip
CAUSING = frozenset("made makes making make".split())
# What an effect did: "the compression makes a huge difference to how I come across".
DIFFERENCE = tuple(f"{verb} {size}difference" for verb in ("make a", "made a", "make such a", "made such a")
                   for size in ("", "huge ", "big ", "real ", "massive ", "world of "))  # fmt: skip
# What is on approved: "that compression is doing exactly what I wanted" ("wanted" is read "want").
SATISFIED = ("exactly what i want", "just what i want", "exactly what i need", "just what i need",
             "exactly what i was after", "just what i was after")  # fmt: skip
MUSING = frozenset("funny amazing crazy interesting wild weird strange incredible mad cool".split())
EXPECTED = ("than i thought", "than i expected", "than i imagined", "than expected", "than i was expecting")
# Someone else's word on an effect: "my teacher says", "my mate reckons", "she keeps telling me".
SAYING = frozenset("says said reckons reckoned thinks insists claims argues told tells".split())
SAYING_ON = ("keeps saying", "keeps telling", "kept saying", "kept telling", "always says", "always tells")
# Heard or read somewhere: "I read that ...", "a friend told me to try a low cut".
HEARD = ("i read that", "i read somewhere", "ive read", "i heard that", "i heard somewhere", "ive heard",
         "someone told me", "somebody told me", "a friend told me", "a friend said", "people say",
         "they say")  # fmt: skip
# Who says it: "she says ..." (``theirs.PEOPLE``), or someone of theirs: "my teacher says ...".
OWNERS = frozenset("my our his her their".split())
# Asking the assistant all the same: "my producer says less reverb, so can you do that?"
ASKS = frozenset("can could please lets id".split())
ASK_PHRASES = ("would you", "will you", "i would like", "i want", "i need")
# A request said beside the musing.
REQUESTING = (lx.IMPERATIVES - {"make"}) | {"more", "less", "get"}  # ("makes a difference" is read "make")
OPENERS = remarks.OPENERS | {"haha", "ha", "lol"}


def musing(tokens: list[str]) -> bool:
    """Any of the four kinds, of a sentence that names an effect and asks nothing; or a
    place's echo told ("the echo in our stairwell never stops"), or what callers do with
    their own gear ("I'm turning my headphones down a bit")."""
    if repeats.of_a_place(tokens) or own_gear.done_myself(tokens) or _aloud(tokens):
        return True
    said = _opened(tokens)
    if len(said) < 4 or lx.NAMING_WORDS.isdisjoint(said) or not ASKS.isdisjoint(said):
        return False
    text = lx.padded(said)
    if _relayed(said) and not lx.has_phrase(text, ASK_PHRASES):
        return True  # (what they say may ask: "my teacher says I should use less reverb")
    if not REQUESTING.isdisjoint(said):
        return False  # "the reverb makes a difference, add more"
    if lx.has_phrase(text, SATISFIED):
        return True  # ("I want" is no request in "exactly what I wanted")
    if lx.has_phrase(text, ASK_PHRASES):
        return False
    return _reaction(said, text) or _wondered(said) or _against_expectation(said, text)


def _opened(tokens: list[str]) -> list[str]:
    start = next((i for i, t in enumerate(tokens) if t not in OPENERS), len(tokens))
    return tokens[start:]


def _reaction(said: list[str], text: str) -> bool:
    if lx.has_phrase(text, DIFFERENCE):
        return True
    for i, t in enumerate(said):
        if t in CAUSING and not REACTIONS.isdisjoint(said[i + 1 : i + 5]):
            return "sound" not in said[i + 1 : i + 4]  # "makes me sound like I'm laughing" describes me
    return False


def _wondered(said: list[str]) -> bool:
    first = said[1:3] if said[0] == "its" else said[:2]
    return len(first) == 2 and first[0] in MUSING and first[1] == "how"


def _against_expectation(said: list[str], text: str) -> bool:
    return lx.has_phrase(text, EXPECTED) and "make" not in said


def _relayed(said: list[str]) -> bool:
    if lx.has_phrase(lx.padded(said[:4]), HEARD):
        return True  # "I read that compression makes podcasts easier to listen to"
    at = 1 if said[0] in theirs.PEOPLE else 2 if said[0] in OWNERS and len(said) > 2 else None
    if at is None:
        return False
    verb = said[at : at + 2]
    return bool(verb) and (verb[0] in SAYING or " ".join(verb) in SAYING_ON)


# Wondering aloud, being reminded, or saying it does not matter: "I wonder how loud I am compared
# to the music, not that it matters much", "the echo reminds me of a school hall" (but "I wonder
# if you could add reverb" and "it reminds me of a cathedral, more of that" ask).
ALOUD = ("not that it matters", "doesnt really matter", "it doesnt matter", "reminds me of",
         "remind me of")  # fmt: skip
WONDERING = frozenset("how what whether why".split())


def _aloud(tokens: list[str]) -> bool:
    text = lx.padded(tokens)
    if not (ASKS | REQUESTING).isdisjoint(tokens) or lx.has_phrase(text, ("would you", "will you")):
        return False
    return lx.has_phrase(text, ALOUD) or (
        tokens[:2] == ["i", "wonder"] and tokens[2:3] != [] and tokens[2] in WONDERING
    )
