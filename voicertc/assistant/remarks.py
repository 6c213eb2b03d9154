"""A remark about an effect that asks nothing: "okay, I can hear the reverb now", "so that's
what a compressor does", "I didn't expect the delay to sound like that".

An effect named with no verb is read as wanted ("reverb, please", "can I get a delay?"),
which a statement about the effect is not. A statement opens with its subject (I, we, that,
it) and has no word that asks or complains; the dialogue reads no change there, and its
reply says so, so the sentence reader does not fill one in.

Tokens are ``dialogue.tokens`` output.
"""

from __future__ import annotations

from voicertc.assistant import lexicon as lx

# Said before the subject without changing what the sentence is: "oh wow, I can hear it".
OPENERS = frozenset("okay ok oh wow huh hmm hm so well yeah yes right interesting cool nice ah aha alright "
                    "ooh whoa".split())  # fmt: skip
# Subjects a statement about the effect opens with.
SUBJECTS = frozenset("i im we thats that it its this".split())
# Words that ask, wish, weigh an amount or complain: any of them and the sentence may want
# a change ("I need reverb", "I'd like a bit of echo", "I can't hear the delay").
ASKING = lx.IMPERATIVES | frozenset(
    "please can could would should will lets let want wanna need needs wish try get give "
    "gimme some bit little touch more less lacking lacks missing miss use too enough not no dont "
    "cant cannot isnt doesnt id wed ill any maybe still lot lots much plenty".split()
)


# What one can do is no request: "I can hear the reverb now" (but "can I get a delay").
ABLE = frozenset("i we you".split())
# Approval of what is there: "that's exactly the amount of reverb I wanted".
APPROVING = frozenset("exactly perfect spot".split())


def remark(tokens: list[str]) -> bool:
    """A statement that names an effect and asks nothing of it."""
    start = 0
    while start < len(tokens) - 1 and tokens[start] in OPENERS:
        start += 1
    said = tokens[start:]
    if len(said) < 3 or said[0] not in SUBJECTS or lx.EFFECT_WORDS.isdisjoint(said):
        return False
    asking = {t for i, t in enumerate(said) if not (t in ("can", "could") and i and said[i - 1] in ABLE)}
    if said[0] == "thats" and not APPROVING.isdisjoint(said):
        asking.discard("want")  # ("wanted" is read "want")
    return ASKING.isdisjoint(asking) and not any(t.isdigit() for t in said)
