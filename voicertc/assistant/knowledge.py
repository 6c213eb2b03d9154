"""Questions about effects in general ("what does a compressor do", "what is reverb
exactly") and requests to be taught: neither a change nor a question about this chain."""

from __future__ import annotations

from voicertc.assistant import asking
from voicertc.assistant.lexicon import (
    IMPERATIVES,
    ONE_WORD_NAMES,
    PARAM_WORDS,
    find_phrase,
    has_phrase,
    padded,
)
from voicertc.assistant.words import tokens

QUESTION_STARTS = frozenset(
    "what whats which how hows is are why who whos should does do did when where".split()
)
# Questions about effects in general, not about this chain.
KNOWLEDGE = ("what was the first", "the first record", "the first song",
             "difference between", "the same as", "same thing as", "how does", "how do", "what does",
             "what do", "why do", "why does", "who invented", "history of", "made of", "stand for",
             "should i use", "a good", "what is a", "whats a", "what is an", "whats an",
             "do you know what", "mean", "should", "why did", "which is better", "is better",
             "which is best", "better for", "different from", "differ from", "in theory", "exactly",
             "what make", "just a", "just an", "how long does", "how long do", "called", "the point of",
             "the name", "come from", "comes from", "bad for", "good for", "a person", "louder or quieter",
             "quieter or louder", "do you need a", "in general", "generally", "typically",
             "usually", "what would happen", "what happens if", "what happens when",
             "what will happen", "cost", "costs", "price", "how much does a", "how much is a",
             # what others did, and when: "how did they get that slapback sound", "which came first"
             "did they", "did people", "did engineers", "did producers", "did studios", "did bands",
             "did singers", "did old", "did the old", "came first", "come first", "is older", "was older",
             "do you know how a", "do you know how an", "do you know how the", "do you know why",
             "do you know when", "do you know who", "do you know where", "the meaning of",
             "rule of thumb", "rules of thumb", "why would anyone", "why would someone",
             "why would anybody", "why would people",
             # (session 49, tune28) a real place, not this call: "how long is the reverb in a real cathedral"
             "in a real", "in an actual", "in real life")  # fmt: skip
# Asking to be taught, not asking for a change: "tell me about the history of the echo chamber".
TEACH = ("tell me about", "explain", "teach me", "tell me how", "tell me what", "tell me why")
# A question naming an effect with these asks about this chain: "what ratio is it at?".
CHAIN_WORDS = frozenset("it its now currently set at mine my on using".split())


def to_be_taught(tokens: list[str], text: str) -> bool:
    """A question about effects in general or a request to be taught ("explain what attack
    and release do")."""
    return knowledge(tokens, text) or has_phrase(text, TEACH)


def knowledge(tokens: list[str], text: str) -> bool:
    """ "what does a compressor do", "is reverb the same as echo": about effects in
    general, neither a change nor a question about the chain."""
    if tokens[0] not in QUESTION_STARTS:
        return False
    if tokens[:3] == ["is", "it", "true"]:
        return hearsay(tokens)
    # "what is reverb", "whats compression": the thing itself, not "what is the reverb at"
    named = tokens[2:3] if tokens[:2] in (["what", "is"], ["what", "are"]) else tokens[1:2]
    return find_phrase(text, KNOWLEDGE) >= 0 or (
        tokens[0] in ("what", "whats")
        and bool(named)
        and named[0] in ONE_WORD_NAMES
        and not CHAIN_WORDS.intersection(tokens)
    )


# Words that tie a question to this call's sound: "why do I sound so thin", "why does it
# sound so muddy" are complaints, not questions about effects in general.
OF_THIS_CALL = frozenset("i im ive me my mine we our us it its".split())


# A question that asks for something: "could you ...", "why not add ...".
ASKING = asking.POLITE


# The assistant's own catalogue asked for, not what is on: "what effects do you have?".
CATALOGUE = ("effects do you have", "effects you have", "effects have you got", "effects you got",
             "effects can you do", "effects you can do", "effects can you add", "effects are available",
             "effects do you offer", "effects do you support", "effects do you know", "kinds of effects",
             "types of effects", "effects you can add", "effects you offer")  # fmt: skip


# ... unless asked of this call: "what effects do you have on me right now".
ON_THE_CALL = ("on me", "on my", "on now", "on right now", "on at the moment", "running", "applied", "active")


def catalogue(text: str) -> bool:
    return has_phrase(text, CATALOGUE) and not has_phrase(text, ON_THE_CALL)


def in_general(tokens: list[str], text: str) -> bool:
    """A question about effects in general ("does compression make things louder or
    quieter", "why does a bathroom sound so echoey", "what effects do you have"), said of
    nothing on this call and asking for nothing: no change is read in it."""
    if catalogue(text) or has_phrase(text, WHICH_DOES) or _on_a_kind(tokens):
        return True
    if tokens[0] == "what" and has_phrase(text, CONSEQUENCES) and not has_phrase(text, TRY_IT):
        return True  # "what would happen if I turned the gain all the way up": asked, not done
    if tokens[0] in WORRIED and has_phrase(text, HARMS):
        return True  # "will the delay mess up my rap timing?": a worry asked, nothing done
    if (
        tokens[0] in QUESTION_STARTS
        and not ASKING & set(tokens)
        and (has_phrase(text, IN_GENERAL) or not TYPICAL.isdisjoint(tokens))
    ):
        return True  # "why do my S's sound so sharp on microphones in general", "a typical slapback"
    if tokens[:3] == ["is", "it", "true"]:
        return hearsay(tokens)
    if tokens[:3] in (["is", "it", "worth"], ["is", "it", "a"]):
        return True  # (session 44, tune23) "is it worth putting foam panels up?"
    if tokens[:3] == ["is", "it", "possible"] and (
        tokens[3:4] != ["to"] and (tokens[3:4] != ["for"] or tokens[4:5] not in ([w] for w in FOR_THIS_CALL))
    ):
        return True  # "is it possible the landlord will ...", "is it possible for two echoes to cancel out?"
    if tokens[:3] == ["would", "you", "say"]:
        return True  # "would you say delay or reverb suits a ballad better?": an opinion asked
    if _of_a_kind(tokens):
        return True
    if tokens[:2] in (["why", "not"], ["why", "dont"]) or set(tokens) & (OF_THIS_CALL | ASKING):
        return False
    # (session 44, tune23) "is a reverb just tiny echoes?", "why is a slapback echo so short?"
    if tokens[0] in GENERIC_ASKS and tokens[1:2] != ["there"] and _one_of_a_kind(tokens):
        return True
    return knowledge(tokens, text)


# (session 49, tune29) Which effect does a thing, asked of the catalogue: "which effect makes me sound
# like I'm in a big room", "which effect is the echo one, the delay?" (not "which effects are on").
WHICH_DOES = tuple(
    f"which {one} {does}"
    for one in ("effect", "one", "filter")
    for does in ("makes", "make", "gives", "give", "does", "is the", "would", "should", "is for")
)


def _on_a_kind(tokens: list[str]) -> bool:
    """A setting or an effect asked of on a kind of effect: "what's feedback on an echo", "what is
    the mix on a reverb" (not "what's the mix on the reverb": this call's)."""
    if tokens[:1] != ["whats"] and tokens[:2] != ["what", "is"]:
        return False
    named = PARAM_WORDS | ONE_WORD_NAMES
    return any(
        tokens[i] in ("on", "in", "of") and tokens[i + 1] in ("a", "an") and tokens[i + 2] in ONE_WORD_NAMES
        for i in range(1, len(tokens) - 2)
    ) and not named.isdisjoint(tokens[1:4])


# Said of effects in general: "why do S's sound sharp in general", "is reverb just echoes, basically?"
IN_GENERAL = ("in general", "generally", "basically", "in a nutshell", "in simple terms", "in theory")
# "is it possible for you to ...", "... for the reverb to be longer": asked of this call.
FOR_THIS_CALL = frozenset("you me us the my it this that our".split())


# Questions that may ask of an effect as a kind of thing, "a compressor" rather than this call's.
GENERIC_ASKS = frozenset("why does do is are how".split())


def _one_of_a_kind(tokens: list[str]) -> bool:
    """An effect named after "a": "a slapback echo", "a high cut filter" (not "a little grit")."""
    for i, tok in enumerate(tokens[:-1]):
        if tok in ("a", "an"):
            ahead = tokens[i + 1 : i + 3]
            if (
                ahead[0] in ONE_WORD_NAMES
                or ahead in (["high", "cut"], ["low", "cut"])
                or (len(ahead) == 2 and ahead[1] in ONE_WORD_NAMES and ahead[0] not in AMOUNT_WORDS)
            ):
                return True
    return False


# Questions that open on an effect or a setting with no article: "is overdrive just gain?",
# "why's feedback risky?", "can reverb be mono?", "are plate reverbs real plates?".
BARE_ASKS = frozenset("is are does do can whys".split())


def _of_a_kind(tokens: list[str]) -> bool:
    """An effect or setting asked of as a kind of thing, named bare right after the question
    word ("does reverb slow my voice down?"), or named last after "what's" ("what's tape
    delay?"); not "can reverb go on me" or "is reverb on now"."""
    if ASKING & set(tokens) or (CHAIN_WORDS - {"my", "mine"}) & set(tokens) or "me" in tokens:
        return False
    if tokens[0] == "whats":
        return 2 <= len(tokens) <= 3 and tokens[-1] in ONE_WORD_NAMES and tokens[1] not in ARTICLES
    if tokens[0] not in BARE_ASKS or len(tokens) < 3:
        return False
    named = tokens[1] in ONE_WORD_NAMES or tokens[1] in PARAM_WORDS - {"time"}
    kind = tokens[2].rstrip("s") in ONE_WORD_NAMES and tokens[1] not in ARTICLES | AMOUNT_WORDS
    return named or kind


ARTICLES = frozenset("the a an this that my your our its some any".split())
AMOUNT_WORDS = frozenset("little bit touch lot tad smidge few bunch load".split())


# What is usual, asked of no sound on this call: "how many milliseconds is a typical slapback".
TYPICAL = frozenset("typical typically normal normally usual usually standard average common commonly "
                    "people".split())  # fmt: skip


# What a change would do, asked before any is made ("what if we tried some reverb" suggests one).
CONSEQUENCES = (
    "what would happen",
    "what happens if",
    "what happens when",
    "what will happen",
    "what happens to",
)
# ... unless it is then tried: "what would happen if you turned me up a little? let's hear it".
TRY_IT = ("lets hear it", "lets hear that", "lets try it", "lets try that", "lets do it", "lets do that",
          "try it", "try that")  # fmt: skip


def hearsay(tokens: list[str]) -> bool:
    """ "is it true plate reverb used metal sheets", "is it true you can make reverb with a
    spring": something heard of effects, checked; not "is it true that the reverb is on" (nor
    "is it true cats hear up to sixty kilohertz", of no effect)."""
    rest = set(tokens[3:])
    return (
        tokens[:3] == ["is", "it", "true"]
        and bool(rest & ONE_WORD_NAMES)
        and not rest & (OF_THIS_CALL | CHAIN_WORDS)
    )


# Harm an effect might do, asked of it: "will the delay mess up my timing?", "could the
# compressor ruin the dynamics?" (a yes-or-no question; "would reverb help?" suggests one).
WORRIED = frozenset("will would could might can does do is".split())
HARMS = ("mess up", "mess with", "ruin", "interfere with", "throw off", "throw me off", "affect",
         "be a problem", "cause problems", "cause a problem")  # fmt: skip


def asked_only(parts: list[str]) -> bool:
    """ "what does gain mean, is it just volume?", "what is fuzz, is that a type of distortion":
    a question about effects in general, then more questions about it; nothing asked for (no
    part gives an order)."""
    said = [tokens(part) for part in parts]
    if len(said) < 2 or not all(said) or not knowledge(said[0], padded(said[0])):
        return False
    later = {w for words in said[1:] for w in words}  # (not "..., is it on?": of this call)
    return all(words[0] in QUESTION_STARTS for words in said[1:]) and (
        IMPERATIVES | (CHAIN_WORDS - {"it", "its", "my", "mine"})
    ).isdisjoint(later | set(said[0]))


def asked_first(parts: list[str], verbs: frozenset[str]) -> str | None:
    """ "reverb or delay, which is better": the turn's ``parts`` with the question put first, as
    the dialogue reads it ("which is better, reverb or delay" asks for nothing); None if no later
    part is one, or another part asks for something (says one of ``verbs``)."""
    said = [tokens(part) for part in parts]
    for i, words in enumerate(said):
        others = [w for j, other in enumerate(said) if j != i for w in other]
        if i and words and verbs.isdisjoint(others) and knowledge(words, padded(words)):
            return ", ".join([parts[i], *(p for j, p in enumerate(parts) if j != i)])
    return None
