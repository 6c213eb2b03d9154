"""Who a sentence is said to: another person told how loud to be ("shout louder"),
another assistant or a person called first ("Alexa, set a timer"), or someone asking why
("turn up for what"). None of them asks anything of this sound."""

from __future__ import annotations

import re

from voicertc.assistant.lexicon import IMPERATIVES, NAMING_WORDS, has_phrase, padded
from voicertc.assistant.theirs import LEVELS

# Someone else's voice, told how to use it: "shout louder", "please sing quieter", "speak up".
VOICE_VERBS = frozenset("shout yell scream speak talk sing whisper holler".split())
OPENING = frozenset("please just can could would you ok okay hey now".split())
OWN_OPENING = frozenset("i ill will im going to gonna just then instead".split())


def told_to_someone(tokens: list[str]) -> bool:
    """ "Shout louder", "could you sing a bit quieter": a person told how loud to be, which
    is no change to this sound ("when I sing louder it distorts" is left to the rules)."""
    rest = after_opening(tokens, OPENING)
    mine = after_opening(tokens, OWN_OPENING)  # "I'll just sing softer": the caller's own doing
    if mine and mine[0] in VOICE_VERBS and mine != tokens and IMPERATIVES.isdisjoint(mine[1:]):
        rest = mine
    if not rest or rest[0] not in VOICE_VERBS or rest[2:4] == ["for", "me"]:
        return False  # ("speak up for me, make me louder": asked of us)
    if NAMING_WORDS.intersection(rest):
        return False  # "whisper here for the quiet bit but add a little reverb": an effect asked for
    return bool((LEVELS | {"up"}).intersection(rest[1:]))


# Verbs an order opens with: the rules' own, and those that take an effect off or away ("lose
# the echo", "ditch the fuzz", "crank it"); ``vocatives`` and the reader's veto each add theirs.
ORDERS = IMPERATIVES | frozenset("lose mute clear wipe ditch crank".split())
# The effects' names an order said short opens with, the filters' two-word names among them:
# "low pass up an octave", "high pass at one twenty".
SHORT_NAMES = NAMING_WORDS | frozenset({"high pass", "low pass", "low cut", "high cut"})
# Courtesy an order may open with, past which its verb is looked for: "so bring me down",
# "..., just cut the lows please", "ok could you maybe add reverb".
COURTESY = frozenset(
    "and then also but please now just so ok okay oh could can would will you lets maybe".split()
)


def after_opening(tokens: list[str], opening: frozenset[str] = COURTESY) -> list[str]:
    """``tokens`` from the first that is not one of ``opening`` ("could you please ...")."""
    return tokens[next((i for i, t in enumerate(tokens) if t not in opening), len(tokens)) :]


def purpose_asked(tokens: list[str]) -> bool:
    """ "Turn up for what", "louder, what for": asking why, not asking for it."""
    return tokens[-2:] in (["for", "what"], ["what", "for"])


# Another assistant or a person called by name first: "Alexa, set a timer", "honey, turn the
# TV down".
OTHER_LISTENERS = frozenset("alexa siri cortana bixby google honey darling sweetie babe mom dad kids sis mum "
                            "mummy mommy daddy grandma grandpa sweetheart boys girls "
                            "lads".split())  # fmt: skip


def addressed_elsewhere(tokens: list[str]) -> bool:
    """ "Alexa, set a timer for ten minutes", "hey Google, turn it up": not said to us; "chat,
    should I add more reverb, let me know": an audience asked what it thinks."""
    start = 1 if tokens[:1] in (["hey"], ["ok"], ["okay"]) else 0
    if tokens[start : start + 1] != [] and tokens[start] in OTHER_LISTENERS:
        return True
    text = padded(tokens)
    polled = has_phrase(text, POLLS)
    asked_there = has_phrase(text, THERE)  # (not "let me know if it's too loud")
    return polled and (tokens[start] in AUDIENCES or "should i" in " ".join(tokens) or asked_there)


AUDIENCES = frozenset("chat guys everyone everybody folks yall viewers listeners".split())
# Asking an audience's opinion: the effect is theirs to vote on, not asked of us yet.
THERE = ("in the comments", "in the chat")
POLLS = ("let me know", *THERE, "what do you guys think", "what do you all think", "what do yall think",
         "vote", "drop a", "type one", "type 1")  # fmt: skip


def not_for_us(tokens: list[str]) -> bool:
    """Said to someone else, of the assistant's own voice, or asking why: nothing asked of
    this sound."""
    return (
        told_to_someone(tokens)
        or about_the_assistant(tokens)
        or about_the_call(tokens) is not None
        or purpose_asked(tokens)
        or addressed_elsewhere(tokens)
        or quoted(tokens)
        or another_callers(tokens)
        or of_itself(tokens)
        or relayed(tokens)
        or refused(tokens)
        or asked_of_a_group(tokens)
    )


# A group asked, the assistant being one: "can you all drop and give me twenty push-ups?".
_GROUP_YOU = (["you", "all"], ["yall"], ["you", "guys"], ["you", "lot"], ["all", "of", "you"])


def asked_of_a_group(tokens: list[str]) -> bool:
    """An order or a question to "you all" with no effect named in it."""
    rest = tokens[1:] if tokens[:1] in (["can"], ["could"], ["would"], ["will"]) else tokens
    return any(rest[: len(g)] == g for g in _GROUP_YOU) and NAMING_WORDS.isdisjoint(tokens)


# Someone else's wish, turned down: "my co-host wants more echo, but I said no", "the band
# thinks I need more reverb, I don't agree".
REFUSALS = ("i said no", "i dont agree", "i disagree", "i dont think so", "i refused", "i told them no",
            "i told him no", "i told her no")  # fmt: skip


def refused(tokens: list[str]) -> bool:
    text = padded(tokens)
    return any(text.endswith(f" {r} ") for r in REFUSALS)


# A message to pass on: "tell the sound guy the bass amp is humming", "ask the guitarist to ease
# off the delay pedal" (not "tell me what's on", "can you tell if the reverb is on").
RELAYING = frozenset({"tell", "ask"})
PASSED_TO = frozenset("the my our him her them his their everyone everybody".split())


def relayed(tokens: list[str]) -> bool:
    rest = after_opening(tokens, ASKING | {"you", "go", "and"})
    return len(rest) > 2 and rest[0] in RELAYING and rest[1] in PASSED_TO


# What only another person on the call has: the assistant has no mic and no end of the line.
THEIR_SIDE = ("your mic", "your microphone", "your headset", "on your end", "on your side", "your end",
              # ... or in the room with their instrument: "Tom, turn your cymbals down" ("symbols":
              # as Whisper writes it)
              "your amp", "your cymbals", "your symbols", "your drums", "your guitar", "your kit",
              "your pedal", "your pedals")  # fmt: skip


def another_callers(tokens: list[str]) -> bool:
    """ "Jordan, your mic is way too loud, can you turn it down on your end?": said to
    someone else on the call, of their sound."""
    return has_phrase(padded(tokens), THEIR_SIDE)


# The assistant's own voice: "you're too loud", "can you talk slower", "your voice sounds robotic".
ASKING = frozenset("please just ok okay hey now can could would will".split())
PACE = frozenset("fast faster slow slower slowly quickly quick".split())
DEGREE = frozenset("so too way really very a bit little kind sort of kinda pretty much far".split())


def about_the_assistant(tokens: list[str]) -> bool:
    """Said of how the assistant speaks, which no effect on the caller's voice changes (the
    caller's device volume sets how loud it is)."""
    rest = after_opening(tokens, ASKING)
    manner = LEVELS | PACE
    if rest[:1] == ["youre"] or rest[:2] == ["you", "are"]:
        said = [t for t in rest[1 if rest[0] == "youre" else 2 :] if t not in DEGREE]
        return said[:1] != [] and said[0] in manner
    if rest[:1] == ["you"] and rest[1:2] in (["talk"], ["speak"], ["sound"]):
        return True
    if rest[:2] in (["your", "voice"], ["your", "volume"]):
        return True  # ("your volume is too loud": its loudness is the caller's speaker)
    return rest[:1] in (["talk"], ["speak"]) and bool(PACE.intersection(rest[1:]))


# The assistant asked of its own habits: "do you ever get tired of adding reverb", "do you
# use reverb yourself" (not "could you add it yourself": asked of it).
HABITS = (("do", "you", "ever"), ("have", "you", "ever"), ("did", "you", "ever"), ("are", "you", "ever"))


def of_itself(tokens: list[str]) -> bool:
    asked_how = tuple(tokens[:3]) in HABITS
    return asked_how or (tokens[:2] in (["do", "you"], ["have", "you"]) and "yourself" in tokens)


# A song's words quoted: "the lyric goes hey, turn it up, turn it up".
QUOTING = re.compile(r" (?:lyric|lyrics|song|chorus|hook|verse) (?:goes|go|says|went) ")
# A line of a song or a rhyme said about: "the opening line is ...", "... I love that line" (not
# one to be recorded: "then I'll record the first line").
LINES = (*(f"the {first} line {what}" for first in ("opening", "first") for what in ("is", "goes", "of")),
         "the line is", "that line", "nursery rhyme", "the lyric is",
         "the lyrics are", "how the song starts", "how the rhyme starts")  # fmt: skip


# (session 50, tune30) A phone line, not a song's: "customers keep asking if the line is broken".
PHONE_LINE = re.compile(r" the line (?:is|was) (?:broken|dead|bad|down|busy|crackly|noisy|terrible|cutting) ")


def quoted(tokens: list[str]) -> bool:
    text = padded(tokens)
    return QUOTING.search(padded(tokens[:6])) is not None or (
        has_phrase(text, LINES) and not PHONE_LINE.search(text)
    )


# The call's own controls and the caller's speaker, which no effect on the voice is:
# "mute me" (removing the gain does not mute), "I can't hear you" (the speaker's volume).
MUTE = "mute unmute".split()
MYSELF = (["me"], ["myself"], ["my", "mic"], ["my", "microphone"], ["the", "mic"], ["the", "microphone"])
HEARING_NOTHING = ("i cant hear you", "i cant hear anything", "i cant hear a thing", "i cannot hear you",
                   "i cannot hear anything", "i dont hear anything", "i dont hear you",
                   *(f"i can {barely} hear {what}" for barely in ("barely", "hardly")
                     for what in ("you", "anything")))  # fmt: skip
MUTED, UNHEARD = "mute", "unheard"


def about_the_call(tokens: list[str]) -> str | None:
    """``MUTED`` for "mute me", "can you unmute my mic"; ``UNHEARD`` for "I can't hear you";
    None for anything else ("mute the reverb" removes it; "chat says they can't hear me" is
    the caller's level)."""
    rest = after_opening(tokens, ASKING | {"you"})
    if rest[:1] and rest[0] in MUTE and rest[1:] in MYSELF:
        return MUTED
    return UNHEARD if padded(tokens).strip() in HEARING_NOTHING else None
