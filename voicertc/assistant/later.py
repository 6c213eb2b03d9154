"""A wish for later, not now: one that may come ("if the neighbours start drilling, I might ask you
to cut the rumble"; not "I might regret this, but ... set the echo feedback to sixty percent, and
we'll see if it gets out of hand") or put off to a time said ("don't add the echo until I start
singing", "let's talk about the delay after this song", "I'll probably want more reverb later").
``hedges.let_be`` reads a turn that says one as asking nothing now.

Tokens are ``dialogue.tokens`` output.
"""

from __future__ import annotations

import re

from voicertc.assistant import lexicon as lx

# What may be wanted if or when something happens: asked of no sound now.
MAYBE = ("i might", "i may", "might want", "might need", "might ask", "we might", "well see", "we will see")
WHEN = frozenset("later then tomorrow tonight when ever someday".split())
# "if" of a courtesy asks now: "I might need to be a bit louder, if that's alright".
COURTESY_IF = frozenset("thats that its you possible".split())


# (session 47, tune26) A trial ordered, not a wish for later: "I might regret this, but ... maybe set
# the echo feedback to sixty percent, and we'll see if it gets out of hand".
TRIED = re.compile(
    r" (?:(?:i|we) might regret (?:this|it|that)|and (?:well|we will) see (?:if|how|whether) .*)"
)


def maybe_later(tokens: list[str]) -> bool:
    """A change that may be wanted if or when something happens."""
    tokens = TRIED.sub(" ", lx.padded(tokens)).split()
    if not lx.has_phrase(lx.padded(tokens), MAYBE):
        return False
    after_if = [tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t == "if"]
    return any(w not in COURTESY_IF for w in after_if) or not WHEN.isdisjoint(tokens)


# A change put off to a time said: "don't add the echo until I start singing", "the reverb
# question can wait until after the break", "let's talk about the delay after this song".
PUT_OFF = ("can wait", "wait until", "wait till", "after the break", "after this song", "after this track",
           "decide later", "ill decide")  # fmt: skip
# (session 48, tune27) A change to remember, not make: "remind me to think about the low cut" (not
# "remind me to call the dentist": no sound in it, which the assistant declines as not its job).
REMINDED = ("remind me to", "remind me about", "remind me later")
_TALKED_OF = lx.ONE_WORD_NAMES | {"filter", "filters", "effect", "effects", "sound", "voice", "mix"}
# ... talked of later when what is talked about is the sound: "let's talk about it later" (not
# "..., and then let's talk about the plans for next weekend").
TALK_LATER = re.compile(
    r" (?:lets|well|we can) talk about "
    rf"(?:(?:\S+ ){{0,3}}(?:{'|'.join(sorted(_TALKED_OF))})|it|that|this|them) "
)
HOLDING = ("dont", "do not", "not yet", "hold off", "no need to")
# (session 49, tune29) Asked for later by the one who will ask: "I'll ask for the echo when my friend
# gets here" (not "when I say go, add the echo": asked now, to be done then).
ASK_WHEN = re.compile(r"^ (?:ill|i will|well|we will) ask (?:you )?for .* (?:when|once|after|whenever) ")
# What may be needed when something happens: "when the drummer comes in, we'll probably need
# more gain" (not "if you can, add reverb", nor "if it's no trouble I'll have some reverb").
CONDITIONS = frozenset("if when once whenever".split())
LATER_NEEDS = ("probably", "might", "may need", "ill ask", "ill need", "well need", "we will need",
               "i will need", "ill let you know", "ill tell you")  # fmt: skip


# A wish told for later, by the one who will have it: "I'll probably want more reverb later",
# "we might need a compressor later on" (not "add reverb later": asked now).
LATER = ("later", "later on", "tomorrow")
FUTURE_ME = ("ill", "well", "i will", "we will", "i might", "we might", "i may", "we may")


# Back from a break, not putting off till after it: "ok we're back after the break, um, give me a bit
# more reverb now".
RETURNED = re.compile(r" (?:were|we are|im|i am|and) back after the break ")


def put_off(tokens: list[str]) -> bool:
    """A change put off to a time said, or needed when something happens."""
    text = RETURNED.sub(" ", lx.padded(tokens))
    if lx.has_phrase(text, PUT_OFF) or TALK_LATER.search(text):
        return True
    if lx.has_phrase(text, REMINDED) and lx.has_phrase(text, lx.ALL_NAMES):
        return True
    if lx.has_phrase(text, HOLDING) and not {"until", "till"}.isdisjoint(tokens):
        return True
    if lx.has_phrase(text, LATER) and lx.has_phrase(text, FUTURE_ME):
        return True  # "I'll probably want more reverb later"
    if ASK_WHEN.search(text):
        return True
    return bool(tokens) and tokens[0] in CONDITIONS and lx.has_phrase(text, LATER_NEEDS)
