"""Sentences declined on purpose, each with its own reply.

The sentence reader fills only the generic fallback (``reader.head.combined``): a decline
that says what it is keeps it from putting reverb on for "more reverb later, but not now".
"""

from __future__ import annotations

from voicertc.assistant import (
    addressee,
    hedges,
    knowledge,
    musings,
    other_times,
    phrasing,
    remarks,
    repeats,
    senses,
    statements,
    theirs,
)

LEFT_AS_IS_TEXT = "Okay, I'll leave the effects as they are."
LIKED_TEXT = "Glad you like it."
NOT_FOR_SOUND_TEXT = "That doesn't sound like a change to your voice, so I'll leave the effects as they are."
MY_VOICE_TEXT = (
    "I can't change my own voice, only the effects on yours. How loud I sound is your device's volume."
)
MUTE_TEXT = "Your call's Mute button mutes and unmutes you: I only change the effects on your voice."
UNHEARD_TEXT = (
    "If you can't hear me, check your speaker or headphone volume: the effects are only on your voice."
)
OTHER_SOUND_TEXT = "I can only change the sound of your voice on this call, not of other things."
TEACH_TEXT = (
    "I can't explain effects, but I can put them on your voice. Try saying: add some reverb, "
    "or what effects are on."
)


def reply(tokens: list[str], text: str) -> str | None:
    """A wish put off or an effect left alone ("don't touch the delay"), a request to be
    taught ("explain what attack and release do"), another thing's sound described ("my
    phone sounds like a tin can"), praise ("I love the reverb"), talk of another time or of
    someone else; None for any other sentence."""
    if statements.hands_off(text) or remarks.content(tokens):
        return LEFT_AS_IS_TEXT  # ("the volume's fine where it is")
    if addressee.about_the_assistant(tokens):
        return MY_VOICE_TEXT
    call = addressee.about_the_call(tokens)
    if call is not None:
        return MUTE_TEXT if call == addressee.MUTED else UNHEARD_TEXT
    if knowledge.to_be_taught(tokens, text) or knowledge.in_general(tokens, text):
        return TEACH_TEXT  # ("how many milliseconds is a typical slapback": the reader may not fill it)
    if (
        theirs.thing_sounds(tokens)
        or theirs.instrument(tokens)
        or (not other_times.asks(tokens) and theirs.someone_elses(tokens))
        or repeats.of_a_place(tokens)  # "the echo in our stairwell never stops"
    ):
        return OTHER_SOUND_TEXT  # (or someone's habit with an effect, where nothing is asked)
    if hedges.let_be(tokens):
        return LEFT_AS_IS_TEXT  # "this room has terrible acoustics but whatever"
    if praise(tokens) or hedges.but_liked(tokens) or remarks.approval(tokens):
        return LIKED_TEXT
    # the rules' veto said: the reader's guess may not fill it ("back in the day we bounced
    # tracks", "today we're talking about EQ")
    if (
        phrasing.not_this_sound(text)
        or senses.borrowed(tokens)
        or addressee.not_for_us(tokens)
        or other_times.another_time(tokens)
        or statements.general(text)
        or remarks.remark(tokens)  # "okay, I can hear the reverb now"
        or musings.musing(tokens)  # "my teacher says I should use less reverb"
    ):
        return NOT_FOR_SOUND_TEXT
    return None


# Praise of what is there: "I love the reverb", "we really like that echo on the chorus".
FONDNESS = frozenset("love loving like liking adore enjoy enjoying dig".split())
# ... not a wish ("I'd like the reverb longer", "I would love more delay").
WANTING = frozenset("would id wed more less some to longer shorter louder quieter bigger smaller".split())


def praise(tokens: list[str]) -> bool:
    """ "I love the reverb", "we really dig that echo": what is on is liked, nothing asked."""
    if len(tokens) < 3 or tokens[0] not in ("i", "we") or WANTING.intersection(tokens):
        return False
    verb = 2 if tokens[1] in ("really", "just", "totally", "absolutely") else 1
    return tokens[verb] in FONDNESS and tokens[verb + 1 : verb + 2] in (["the"], ["that"], ["this"], ["how"])
