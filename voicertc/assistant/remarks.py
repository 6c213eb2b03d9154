"""A remark about an effect that asks nothing: "okay, I can hear the reverb now", "so that's
what a compressor does", "I didn't expect the delay to sound like that"; and approval of how
it sounds: "the delay is perfect for this song", "great, the hum is gone".

An effect named with no verb is read as wanted ("reverb, please", "can I get a delay?"),
which a statement about the effect is not. A statement opens with its subject (I, we, that,
it) and has no word that asks or complains; the dialogue reads no change there, and its
reply says so, so the sentence reader does not fill one in.

Tokens are ``dialogue.tokens`` output.
"""

from __future__ import annotations

import re

from voicertc.assistant import addressee, asking, dynamics, hedges, opposites, other_times
from voicertc.assistant import lexicon as lx
from voicertc.assistant.words import blank

# Said before the subject without changing what the sentence is: "oh wow, I can hear it".
OPENERS = frozenset("okay ok oh wow huh hmm hm so well yeah yes right interesting cool nice ah aha alright "
                    "ooh whoa".split())  # fmt: skip
# Subjects a statement about the effect opens with.
SUBJECTS = frozenset("i im we thats that it its this".split())
# Words that ask, wish, weigh an amount or complain (``asking.ASKING``): any of them and the
# sentence may want a change.
ASKING = asking.ASKING


# What one can do is no request: "I can hear the reverb now" (but "can I get a delay").
ABLE = frozenset("i we you".split())


def _opened(tokens: list[str], openers: frozenset[str] = OPENERS) -> list[str]:
    """``tokens`` from the first word that is no opener ("oh wow, I can hear it"), keeping the last."""
    start = 0
    while start < len(tokens) - 1 and tokens[start] in openers:
        start += 1
    return tokens[start:]


def _able_dropped(words: list[str]) -> list[str]:
    """``words`` without the "can" of what one is able to do: "I can hear the reverb now"."""
    return [t for i, t in enumerate(words) if t not in ("can", "could") or not i or words[i - 1] not in ABLE]


# Approval of what is there: "that's exactly the amount of reverb I wanted".
APPROVING = frozenset("exactly perfect spot".split())


def remark(tokens: list[str]) -> bool:
    """A statement that names an effect and asks nothing of it."""
    said = _opened(tokens)
    if said[:2] in (["now", "i"], ["now", "we"]):  # "ah, now I understand what reverb means"
        said = said[1:]
    if _noticed(said) or _hearing_asked(said):
        return True
    if len(said) < 3 or said[0] not in SUBJECTS or lx.NAMING_WORDS.isdisjoint(said):
        return False
    words = set(_able_dropped(said))
    if said[0] == "thats" and not APPROVING.isdisjoint(said):
        words.discard("want")  # ("wanted" is read "want")
    return ASKING.isdisjoint(words) and not any(t.isdigit() for t in said)


# An effect noticed as it arrives: "oh, there's the echo", "okay, the delay kicked in".
ARRIVED = ("kicked in", "kicks in", "kicking in", "came on", "comes on", "came in", "just came in",
           "is on now", "is in now")  # fmt: skip


def _noticed(said: list[str]) -> bool:
    """ "there's the echo", "the delay kicked in": an effect heard arriving, nothing asked."""
    if lx.NAMING_WORDS.isdisjoint(said) or not ASKING.isdisjoint(said):
        return False
    return (said[:2] == ["theres", "the"] and len(said) <= 4) or lx.has_phrase(lx.padded(said), ARRIVED)


# Whether it is heard, asked: "can you hear the echo?", "hey Sam, do you hear the reverb?" (asked
# of the assistant or of someone in the room, it asks for no change).
HEARING_ASKED = ("can you hear", "do you hear", "can you still hear", "did you hear", "can anyone hear",
                 "can everyone hear", "can you guys hear", "could you hear")  # fmt: skip


def _hearing_asked(said: list[str]) -> bool:
    text = lx.padded(said)
    at = min((text.find(f" {p} ") for p in HEARING_ASKED if f" {p} " in text), default=-1)
    if at < 0 or len(text[:at].split()) > 3 or lx.NAMING_WORDS.isdisjoint(said):
        return False
    after = text[at:].split()[3:]  # (the words after the question's three)
    return ASKING.isdisjoint(after)


GOT_RID_OF = ("hum", "hiss", "rumble", "noise", "buzz", "buzzing", "lows", "boom", "crackle", "thud", "thuds",
              "fan", "mud", "echo")  # fmt: skip
# Approval of what is heard: a word of praise said of how it is, not of what is wished for.
PRAISE = frozenset("perfect great good amazing awesome cool nice lovely beautiful excellent fantastic "
                   "brilliant wonderful professional incredible gorgeous wicked sick dope fun finally superb "
                   "stunning fab fabulous magic magical nailed steady consistent balanced"
                   .split())  # fmt: skip
# Said last, an exclamation at what is heard: "whoa, the echo is wild" (not "crazy loud").
EXCLAIMED = frozenset("wild crazy insane unreal mental bonkers trippy".split())
PRAISED = ("just right", "spot on", "about right", "sounds right", "doing its job", "does the job",
           "does its job", "just enough", "fits the song", "fits really well", "fits well", "sits well",
           "sits nicely", "sitting nicely", "sitting well", "exactly the amount", "exactly what i wanted",
           "just what i wanted", "works well", "works really well", "cleaned things up", "cleaned it up",
           "cleaned up my", "did the trick", "does the trick", "done the trick", "doing the trick",
           "hear myself clear", "hear myself better", "hear myself properly", "hear myself fine",
           # (session 43) the sound now said better, as a clause of its own ("right, that's better")
           "this is better", "thats better", "much better now", "its better now",
           # ... and a fit (tune21): "less distortion? hmm, no, it suits the track"
           "suits the track", "suits the song", "suits the tune", "suits the mood", "suits me",
           "suits my voice",
           # a noise got rid of: "great, the hum is gone" (not "my sparkle is gone")
           *(f"{noise} {gone}" for noise in GOT_RID_OF
             for gone in ("is gone", "are gone", "has gone", "went away", "is gone now")))  # fmt: skip
# Words of a statement about how it is: "the echo is so cool", "my voice sounds amazing".
STATING = frozenset("is are was were sounds sound feels feel seems gone works working doing turned made did "
                    "got fits sits suits cleaned hear".split())  # fmt: skip
# Words that ask or complain beside the praise: "nice, now more reverb", "great but too loud".
# ("if": "it'd be cool if I sounded like I was in a church" wishes, "perfect, if a bit loud" weighs;
# not "never": "my voice is never steady"; amounts may praise: "a lot of reverb, so cool", "just enough")
UNPLEASED = (asking.ASKING - asking.AMOUNTS) | {"but", "if"} | hedges.NEGATIONS


def approval(tokens: list[str]) -> bool:
    """ "The delay is perfect for this song", "perfect, now the lows are gone", "my voice sounds
    amazing with the compressor": how it sounds approved, nothing asked."""
    if content(tokens):
        return True
    text = lx.padded(tokens)
    exclaimed = bool(tokens) and tokens[-1] in EXCLAIMED and {"was", "were"}.isdisjoint(tokens)  # (heard now)
    praised = not PRAISE.isdisjoint(tokens) or lx.has_phrase(text, PRAISED) or exclaimed
    praised = praised or AS_WANTED.search(text) is not None
    stated = not STATING.isdisjoint(tokens) or (tokens[:1] and tokens[0] in PRAISE)
    about = not (lx.NAMING_WORDS | SOUNDS).isdisjoint(tokens) or lx.has_phrase(text, PRAISED)
    # (less the effects' names: "the low cut really cleaned things up" asks no cut; and what one
    # is able to do: "I can hear myself clearly now")
    unnamed = blank(text, lx.ALL_NAMES).split()
    unnamed = RESULTS.sub(" ", lx.padded(_able_dropped(unnamed)))
    unnamed = AS_WANTED.sub(" ", unnamed).split()
    return bool(praised and stated and about) and UNPLEASED.isdisjoint(unnamed)


# (session 47, tune27) What the praised setting brought, said last: "the high cut at that frequency
# is perfect, no more hiss", "that release time is just lovely, no pumping at all", "the reverb mix is
# beautiful, not too wet, not too dry" (not "..., no _", "..., no effects": effects taken off).
RESULTS = re.compile(
    r" (?:no (?:more )?(?!(?:effects?|processing|plugins?|filters?) )[a-z]+(?: at all| anymore| now)?"
    r"|(?:not too [a-z]+ ?)+) $"
)


# (session 48, tune27) The wish the praised setting meets, which asks nothing more: "the drive on
# my vocal is exactly the amount of grit I wanted" ("wanted" is read "want"; not "make it exactly
# the length I want": "make" still asks).
AS_WANTED = re.compile(r" (?:exactly|just|precisely) (?:the|what) (?:\S+ ){0,4}(?:i|we) (?:want|need|like) ")


# Content with how it is: "the volume's fine where it is", "nah, the reverb is okay actually".
CONTENT = frozenset("fine okay ok alright good decent normal".split())
LINKS = frozenset("is are sounds seems feels looks its thats".split())
# All that may follow: where it is, and fillers.
AS_IT_IS = frozenset("where as the way it is now for actually really honestly thanks thank you i think "
                     "enough right there at".split())  # fmt: skip
# Said between the name and the word of content: "the gain's probably fine at where it is, no change".
HEDGING = frozenset(
    "probably really totally pretty just all actually still perfectly absolutely quite".split()
)


def content(tokens: list[str]) -> bool:
    """An effect (or the level) said to be fine as it is: left as it is, nothing asked."""
    said = _opened(tokens, OPENERS | {"no", "nope"})
    if not said or said[0] in lx.QUESTION_WORDS:
        return False  # ("is the reverb okay?" asks)
    for i, word in enumerate(said[1:], 1):
        if word not in CONTENT:
            continue
        before = [t for t in said[:i] if t not in HEDGING] or said[:1]
        after = said[i + 1 :]
        after = after[:-2] if after[-2:] in (["no", "change"], ["no", "changes"]) else after
        # (a name said with its "'s": "the reverb's alright")
        names = [t in lx.NAMING_WORDS or t.removesuffix("s") in lx.NAMING_WORDS for t in before]
        linked = before[-1] in LINKS or names[-1]
        asked = not ASKING.isdisjoint(before) or not hedges.NEGATIONS.isdisjoint(before)
        return any(names) and linked and not asked and set(after) <= AS_IT_IS
    return False


# What praise is said of to be the sound's ("the weather is nice today" is not).
SOUNDS = frozenset("voice sound sounds sounded mic microphone it its that thats this i im me my vocals vocal "
                   "audio levels level you".split())  # fmt: skip


def read_whole(tokens: list[str]) -> bool:
    """A turn whose clauses ask nothing alone, to be read whole: a wish taken back or put off
    ("I meant to ask for a low cut, but the rumble stopped") or liked after all, a line quoted ("'Echo, echo,
    are you there?' is how the rhyme starts"), what someone said and then kept, someone's
    wish turned down, a change undone ("you raised it, I wanted the opposite") or the voice's
    dynamics described ("it went up and down naturally, no compressor in the way")."""
    return bool(tokens) and (
        hedges.let_be(tokens)
        or hedges.but_liked(tokens)  # "I wanted the echo shorter earlier, but it's grown on me now"
        or addressee.quoted(tokens)
        or other_times.told_but_kept(tokens)
        or other_times.reported(tokens)  # "radio stations squash everything, a friend told me"
        or addressee.refused(tokens)  # "my co-host wants more echo, but I said no"
        or opposites.asked(tokens) is not None
        or dynamics.whole(tokens)
    )
