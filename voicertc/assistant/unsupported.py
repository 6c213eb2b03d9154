"""Requests for an effect or a voice change the chain cannot make: "add some chorus", "can
you autotune my voice", "make me sound like a chipmunk", "noise gate on", "make my voice
deeper". They get a decline that names what was asked and what the chain does, not the
generic fallback (which also let the sentence reader fill them with the nearest effect it
knew).

Read only where the rules read nothing else, and only as a request: a request word ("add",
"can you", "make me sound like"), or the name said alone ("ok then a flanger", "now the
same with tremolo"). The words with an everyday sense ("pitch", "gate", "robot", "loop")
count only where what follows them is about a sound ("pitch my voice down", "gate it"),
not another thing ("my pitch for the investors", "the gate code", "a robot vacuum").

Tokens are ``dialogue.tokens`` output; ``text`` is them joined with a space at each end.
"""

from __future__ import annotations

from voicertc.assistant.lexicon import find_phrase, section_at, word_index

CAN_DO = "I can add reverb, delay, filters, gain, compression or distortion."
# What the decline says it cannot do with each: "I can't change pitch here", else "do".
VERB = {"pitch": "change"}

# What is asked for, as the decline says it -> the phrases that ask for it.
NAMES: dict[str, tuple[str, ...]] = {
    "chorus": ("chorus", "choruses"),
    "a flanger": ("flanger", "flangers", "flange", "flanging"),
    "a phaser": ("phaser", "phasers", "phasing", "phase shifter"),
    "tremolo": ("tremolo",),
    "vibrato": ("vibrato",),
    "auto tune": ("autotune", "auto tune", "autotuned", "auto tuned", "pitch correction"),
    "pitch": ("pitch", "pitch shift", "pitch shifter", "pitch shifting", "pitched", "octave", "octaves"),
    "a harmonizer": ("harmonizer", "harmoniser", "harmonies", "harmony"),
    "a vocoder": ("vocoder",),
    "de essing": ("de ess", "deess", "de esser", "deesser", "de essing", "sibilance"),
    "a noise gate": ("noise gate", "gate", "gating"),
    "noise reduction": (
        "noise reduction",
        "noise removal",
        "noise suppression",
        "denoise",
        "denoiser",
        "background noise",
        "noise cancelling",
        "noise canceling",
    ),
    "reversing": ("reverse", "reversed", "backwards"),
    "a bitcrusher": ("bitcrusher", "bit crusher", "bitcrush", "bit crush"),
    "voice changing": (
        "chipmunk",
        "robot",
        "robotic",
        "helium",
        "darth vader",
        "vader",
        "monster",
        "alien",
        "demon",
        "cartoon",
        "voice changer",
        "gender",
    ),
    "vocal removal": ("karaoke", "vocal remover", "background music"),
    "stereo widening": ("stereo", "widener", "wider", "widen"),
    "panning": ("pan", "panning", "panned"),
    "looping": ("loop", "looper", "looping"),
    "a ring modulator": ("ring modulator", "ring modulation", "ring mod"),
}
# Words with an everyday sense: only what follows them says they are about a sound.
EVERYDAY = frozenset(
    """pitch pitched gate harmony harmonies reverse reversed backwards robot robotic
    monster alien demon cartoon gender stereo wider widen pan panned loop""".split()
)
# What may follow those where they are about a sound: "pitch my voice down", "gate it",
# "sound like a robot", "pan me to the left", "a robot voice", "the pitch of my voice".
SOUND_AFTER = frozenset(
    """voice voices vocals vocal sound sounds it me my this that up down effect
    shift shifter shifting correction mode filter thing please then too of""".split()
)
# Words that ask: a request or its politeness ("can you", "i want", "make me sound like").
ASKING = frozenset(
    """add put apply give use make turn switch throw stick try want need like can could
    would please lets enable activate change raise lower pitch autotune gate reverse pan loop widen
    remove get cut reduce kill clean do shift deepen""".split()
)
# A voice asked higher or deeper is a change of pitch ("make my voice deeper", "a deeper
# voice", "make me sound higher"); said of anything else ("the bass deeper", "the treble
# higher", "make it sound deeper") it is not read here.
PITCH_WAYS = frozenset("deeper deepen higher squeaky squeakier".split())
VOICE = frozenset("voice voices vocals vocal".split())
# Asking whether it is there: "is there a ring modulator on this thing", "do you have a vocoder".
ASKING_PHRASES = ("is there", "do you have", "have you got", "do you do")
# Words that make a name a part of a song or a piece of music: "sing the chorus", "the
# chorus of this song", "it might help the chorus".
OTHER_ASKS = frozenset(
    "sing sang play skip write learn hear listen song songs lyrics verse choir help".split()
)
# Idioms of those words that ask nothing of a sound: "can you loop me in on the email".
IDIOMS = ("loop me in", "loop us in", "loop them in", "loop him in", "loop her in", "pitch in")
# What may stand beside a name said alone: "ok then a flanger", "noise gate on", "de ess it".
ALONE = frozenset(
    """ok okay then and a an the some now same with what how about also just maybe
    please on effect mode too instead fine so well yeah little bit of one it more again but""".split()
)


def _found(tokens: list[str]) -> tuple[int, str, list[str]] | None:
    """Where the first name of something the chain cannot do is, what it asks for, and the
    words of the phrase."""
    best: tuple[int, str, list[str]] | None = None
    for said, phrases in NAMES.items():
        for phrase in phrases:
            at = word_index(tokens, phrase.split())
            if at < 0 or (best is not None and at >= best[0]):
                continue
            words = phrase.split()
            after = tokens[at + len(words) : at + len(words) + 1]
            if len(words) == 1 and words[0] in EVERYDAY and after and after[0] not in SOUND_AFTER:
                continue  # "a robot vacuum", "the gate code", "my pitch for the investors"
            if said == "chorus" and section_at(tokens[: at + 1]) is not None:
                continue  # the song's part, not the effect: "reverb on the last chorus"
            best = (at, said, words)
    at = _pitch_way(tokens)
    if at >= 0 and (best is None or at < best[0]):
        best = (at, "pitch", tokens[at : at + 1])
    return best


def _pitch_way(tokens: list[str]) -> int:
    """Where a voice is asked higher or deeper ("make my voice a bit deeper", "a deeper
    voice", "I want to sound higher", "deepen my voice"), or -1; not "make it sound deeper"."""
    for at, word in enumerate(tokens):
        if word not in PITCH_WAYS:
            continue
        before = tokens[max(0, at - 4) : at]
        me_sound = "sound" in before and bool({"me", "i"}.intersection(before)) and "it" not in before
        if VOICE.intersection(before) or me_sound or VOICE.intersection(tokens[at + 1 : at + 3]):
            return at
    return -1


def asked(tokens: list[str]) -> str | None:
    """What a request for something the chain cannot do asks for, as said in the decline;
    None where ``tokens`` ask for no such thing."""
    text = " " + " ".join(tokens) + " "
    found = _found(tokens)
    if found is None or OTHER_ASKS.intersection(tokens) or find_phrase(text, IDIOMS) >= 0:
        return None
    at, said, words = found
    rest = tokens[:at] + tokens[at + len(words) :]
    if ASKING.intersection(rest) or (at == 0 and words[0] in ASKING):  # "pitch my voice down"
        return said
    if find_phrase(text, ASKING_PHRASES) >= 0:
        return said
    return said if all(t in ALONE for t in rest) else None


def declining(*said: str) -> str:
    """The decline of what ``asked`` found, a sentence for each: "I can't do chorus here.
    I can't change pitch here. I can add ..."."""
    return " ".join(f"I can't {VERB.get(s, 'do')} {s} here." for s in said) + " " + CAN_DO


def decline(tokens: list[str]) -> str | None:
    """The decline for a request the chain cannot do; None where there is none."""
    said = asked(tokens)
    return None if said is None else declining(said)


def declines(text: str) -> bool:
    """``text`` is one of these declines (a follow-up phrase is not read after one)."""
    return text.startswith("I can't ") and text.endswith(CAN_DO)
