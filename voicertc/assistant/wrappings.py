"""Requests asked as questions or wrapped in courtesy, unwrapped to the request.

"Is there a way to make my voice louder?" asks as "make my voice louder" does; so do
"mister computer, louder please" and "could you, if it's no trouble, add reverb". Some
wrappings say the request another way: "can we do something about the echo" is less echo,
"I don't want it this loud" says it is too loud.
"""

from __future__ import annotations

import re

from voicertc.assistant import comparatives, hedges, knowledge
from voicertc.assistant import lexicon as lx
from voicertc.assistant.lexicon import has_phrase

# "Is there a way to make my voice louder?" asks for it as "make my voice louder" does.
REQUEST_OPENINGS = ("how about", "is there a way to", "is there any way to", "is there some way to",
                    "is there a way you can", "is there a way you could", "is it possible to",
                    "is it possible for you to", "would it be possible to", "are you able to",
                    "is possible to", "possible to", "is there any chance of", "is there a chance of",
                    "would it hurt to", "would it hurt if we", "would it hurt if you",
                    # what would do it, asked for: "is there a setting that keeps my level steady?"
                    *(f"is there {thing} {that}" for that in ("that", "to", "which")
                      for thing in ("a setting", "something", "an effect", "anything")))  # fmt: skip
# Asked of the assistant that does it: "how do I get rid of the fuzz", "how can I make my voice
# louder" (not "how do I know if I need one", "how do I use this", "how does a compressor work").
_DOING = "get|make|add|put|turn|take|remove|give|boost|lower|raise|cut|bring|drop|push|pull|knock|kill|lose"
HOW_DO_I = re.compile(rf"^ how (?:do|can|could|would) (?:i|we) (?=(?:{_DOING}) )")
# Asides that say nothing of the sound ("if it's not too much trouble" is no complaint of
# too much of anything).
COURTESIES = ("if its not too much trouble", "if its no trouble", "if you dont mind",
              "when you get a chance", "if possible", "if you can", "if you could", "real quick",
              "right quick", "really quick")  # ("real quick": soon, not a faster echo)  # fmt: skip


# A comparison with how it is now, which every step makes: "a bit shorter than it is".
THAN_NOW = re.compile(
    r" than (?:(?:what )?(?:it is|its|it was|they are|theyre)(?: now| at the moment| right now)?"
    r"|now|right now|before|this|that|currently|at the moment|what its at|it is set"
    r"|(?:what )?you gave (?:me|it)|you had it) "
    r"(?=$|please |on |in |for |thanks |though )"
)
# Past how it is now is a step up: "push the echo a notch past where it is", "just past where
# it is now, my volume" (Whisper writes "pass where it is" too).
PAST_NOW = re.compile(
    r" (?:past|pass) (?:where|what) (?:it is|its|it was|they are|theyre)(?: now| at the moment| right now)? "
)
# A DJ drops an effect onto something, which puts it on: "drop some reverb on my mic for the
# breakdown" (not "drop the reverb", "drop some of the reverb").
DROPPED_ON = re.compile(
    r" drop (?=(?:some|a little|a bit of|a touch of|a) (?:\w+ ){1,2}on (?:my|me|the|it|this) )"
)


# "Get" opening a request for an amount puts it on: "(how would I) get a bit of crunch on my
# singing" (not "get rid of", "get the compressor out").
GET_SOME = re.compile(r"^ get (?=(?:some|a bit of|a little|a touch of|a little bit of|more|less) )")
# Half again is half as much more: "push the treble cut up by half again".
HALF_AGAIN = re.compile(r" by half (?:as much )?again ")
# One more of a time: "add another second to the reverb tail", "another 100 ms on the delay".
ANOTHER = re.compile(r" another (?=(second )|(?:\d+|half a) )")
# A time constant made quicker is made faster: "quicken the attack".
QUICKENED = re.compile(r" quicken the (attack|release) ")


# Something done about a sound is less of it: "can we do something about the echo", "what can
# you do about the hum" (a short thing named: not "... about how quiet I am").
DONE_ABOUT = re.compile(
    r"^ (?:(?:can|could) (?:we|you) |is there anything (?:we|you) can |what can (?:we|you|i) |please )?"
    r"do (?:something |anything )?about (?:the |my |that |this |all (?:the|this|that) )?(?=(?:\w+ ){1,2}$)"
)
# An amount not wanted is too much of it: "I don't want it this loud", "I don't want to be
# this quiet", "I don't want so much reverb".
NOT_WANTED = re.compile(
    r"^ (?:i|we) (?:dont|do not) want (?P<who>it |me |us |(?:the|my) \w+ |to (?:be|sound) )?(?:this|that|so) "
    r"(?P<rest>\w+(?: \w+)?) $"
)


# More of the high cut cuts more, so its cutoff goes down ("more low cut" raises the high
# pass's, as "increase" does already).
HIGH_CUT = re.compile(r"(?<! no) (more|less) (?:of the |of that )?(?=high cut )")  # ("no more high cut": off)


# A suggestion in the past tense asks now: "what if you turned me up a touch", "what if we
# cut the lows" (not "what would happen if you turned it all the way up": knowledge.py).
# (Whisper writes "what if you" as "what few", "what a few": tune10, session 33)
SUGGESTED = re.compile(r"^ what (?:if (?:you|we)|few|a few) (?:just )?(?:were to )?(?P<verb>\w+) ")
PAST = {"made": "make", "cut": "cut", "put": "put", "kept": "keep", "took": "take", "gave": "give",
        "brought": "bring", "set": "set", "got": "get", "let": "let", "threw": "throw", "stuck": "stick",
        "lost": "lose", "shut": "shut"}  # fmt: skip
SUGGESTIBLE = lx.IMPERATIVES | {"ease", "back", "trim", "roll", "crank", "mute", "switch", "slap", "keep",
                                 "double", "halve"}  # fmt: skip
# ... or said of how the effect would be: "what if the compressor's attack was quicker", "what if I
# was a touch louder" (made so); and "let's try doubling the low cut frequency" (done).
SUPPOSED = re.compile(r"^ what if (?P<who>(?:i|we) |(?:the|my) (?:\w+ ){1,3}?)(?:was|were|went) ")
_SETTING_WORDS = (lx.EFFECT_WORDS | lx.PARAM_WORDS | set(lx.PARAM_SYNONYMS)) - {"the", "it", "at", "down"}
TRIED = re.compile(r"^ (?:lets|let us) try (?P<verb>\w+)ing ")
# A loose step said with "or two" is still a step ("up a notch or two": not two of anything).
LOOSE_OR_TWO = re.compile(r" (a|an) (notch|touch|tad|hair|smidge|click|nudge|bit|little bit) or two ")
# "there" closing an order is said to the listener ("turn me down there"), not a place.
# What the change will make of it, said after the order: "now turn me up a smidge more and it'll be
# perfect" (session 43, tune18's leftovers: its praise is of what is asked, not of how it is).
PROMISED = re.compile(
    r" and (?:itll|thatll|it will|that will|well|were|we are|youre|you are) (?:be )?"
    r"(?:perfect|great|spot on|just right|done|good|golden|sorted|fine|all set|there)(?: .*)? $"
)
CLOSING_THERE = frozenset("up down bit touch little tad notch please".split())


def _present(match: re.Match[str]) -> str:
    verb = match["verb"]
    if verb in PAST:
        return f" {PAST[verb]} "
    # (tokens() has already made some regular verbs plain: "boosted" is "boost")
    for base in (verb, verb[:-2], verb[:-1], verb[:-3]) if verb.endswith("ed") else (verb,):
        if base in SUGGESTIBLE:  # turned, raised, dropped
            return f" {base} "
    return match[0]


def _supposed(match: re.Match[str]) -> str:
    who = match["who"].split()
    if who in (["i"], ["we"]):
        return " make me "
    # (an effect or its setting: not "what if the band was louder")
    return f" make {' '.join(who)} " if _SETTING_WORDS.intersection(who) else match[0]


def _tried(match: re.Match[str]) -> str:
    verb = match["verb"]  # doubling, halving, turning, adding
    for base in (verb, verb + "e", verb[:-1]):
        if base in SUGGESTIBLE:
            return f" {base} "
    return match[0]


def _too(match: re.Match[str]) -> str:
    who = (match["who"] or "").replace("to be ", "im ").replace("to sound ", "i sound ")
    return f" {who}too {match['rest']} "


CALLING_US = [n.split() for n in ("hey computer", "mister computer", "mr computer", "computer",
                                   "hey assistant", "assistant", "hey robot")]  # fmt: skip
# Cries that open a complaint and say nothing of what is wrong ("ouch, way too bright"), or
# hurry it ("quick, mute the delay": not a shorter echo).
INTERJECTIONS = frozenset("ouch ow oof ugh yikes jeez geez whoa woah wow gosh yuck eek ew quick".split())
HURRIED = [[verb] for verb in (*lx.IMPERATIVES, "mute", "kill", "stop")]


# A hedge said of how it is: "the reverb is kind of a lot", "I sort of want more echo" (not
# "what kind of reverb is that").
HEDGED = re.compile(
    r" (is|are|its|was|sounds|feels|seems|im|i|we|just|getting|bit) (?:kind of|sort of|kinda|sorta) "
)


# Said with understatement, an effect or the caller's voice "a bit" something is too much of it:
# "the fuzz is a little heavy for the quiet bit", "the echo's a bit strong", "I'm a bit quiet".
_UNDERSTATING = "a bit|a little|a little bit|a tad|a touch|slightly|rather|quite|somewhat|a wee bit"
_SAID_OF = "|".join(sorted(_SETTING_WORDS | {"im", "voice", "i"}))
UNDERSTATED = re.compile(
    rf" (?P<said>(?:{_SAID_OF})(?: (?:is|are|was|sounds|feels|seems|getting|am))?) (?:{_UNDERSTATING})"
    rf" (?=(?:{'|'.join(sorted(lx.TOO_WORDS - {'little'}))}) )"
)


# A step said with nothing but its direction and how much (a first turn names no effect to step).
BARE_STEP = frozenset("up down a bit little touch tad notch smidge please just now fast quick more".split())


def _names(tokens: list[str]) -> bool:
    return lx.has_phrase(lx.padded(tokens), lx.ALL_NAMES)


def as_request(tokens: list[str]) -> list[str]:
    """``tokens`` without a question's opening that only asks for what follows, without
    courtesies, and without cries that open it."""
    tokens = comparatives.plain(tokens)  # "make the voice more loud": louder
    # (a story of what was tried, then the order: "we tried nine and it was too much and six was too
    # little so set the level to seven and a half dB": what is said before "so" asks nothing)
    told = next(
        (i for i in range(len(tokens) - 2, 2, -1) if tokens[i] == "so" and tokens[i + 1] in lx.IMPERATIVES), 0
    )
    if told and tokens[0] not in lx.IMPERATIVES and "and" in tokens[:told] and _names(tokens[told + 1 :]):
        tokens = tokens[told + 1 :]
    # ("down, down a bit, just down a touch": the level, as "turn it down")
    if tokens[:1] in (["up"], ["down"]) and set(tokens) <= BARE_STEP:
        tokens = ["turn", "it", *tokens]
    if tokens[:2] == ["quick", "question"] and len(tokens) > 2:
        tokens = tokens[2:]  # (the question is what follows: "quick question, how long is the delay")
    while len(tokens) > 1 and tokens[0] in INTERJECTIONS:
        tokens = tokens[1:]
    # ... or hurry it later on: "my mum's calling, quick, mute the delay"
    tokens = [t for i, t in enumerate(tokens) if t != "quick" or tokens[i + 1 : i + 2] not in HURRIED]
    for name in CALLING_US:  # "mister computer, louder please": the assistant called by a name
        if tokens[: len(name)] == name and len(tokens) > len(name):
            tokens = tokens[len(name) :]
            break
    if (
        len(tokens) > 2
        and tokens[0] in lx.IMPERATIVES
        and tokens[-1] == "there"
        and tokens[-2] in CLOSING_THERE
    ):
        tokens = tokens[:-1]  # "turn me down there"
    text = " " + " ".join(tokens) + " "
    if has_phrase(text, knowledge.TRY_IT):  # "what would happen if you turned me up? let's hear it"
        text = text.replace(" what would happen if ", " what if ")
    text = SUGGESTED.sub(_present, text)
    text = SUPPOSED.sub(_supposed, text)
    text = TRIED.sub(_tried, text)
    text = LOOSE_OR_TWO.sub(r" \1 \2 ", text)
    text = HOW_DO_I.sub(" ", text)
    text = GET_SOME.sub(" add ", text)
    text = HALF_AGAIN.sub(" by fifty percent ", text)
    text = ANOTHER.sub(lambda m: " one " if m[1] else " ", text)
    text = QUICKENED.sub(r" make the \1 faster ", text)
    for opening in REQUEST_OPENINGS:
        if text.startswith(f" {opening} ") and len(text.split()) > len(opening.split()):
            text = " " + text[len(opening) + 2 :]
            break
    for aside in COURTESIES:
        text = text.replace(f" {aside} ", " ")
    text = HEDGED.sub(r" \1 ", text)  # "the reverb is kind of a lot": a lot
    text = UNDERSTATED.sub(r" \g<said> too ", text)
    text = THAN_NOW.sub(" ", text)  # "a little less reverb than now": less of what is there
    text = PROMISED.sub(" ", text)
    text = PAST_NOW.sub(" up ", text)
    text = DROPPED_ON.sub(" add ", text)
    text = DONE_ABOUT.sub(" less ", text)  # "can we do something about the echo": less echo
    text = NOT_WANTED.sub(_too, text)  # "I don't want it this loud": it is too loud
    text = HIGH_CUT.sub(lambda m: " lower the " if m[1] == "more" else " raise the ", text)
    return hedges.not_enough(text.split()) or tokens
