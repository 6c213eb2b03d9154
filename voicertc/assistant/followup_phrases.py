"""The follow-up phrases: what "a bit more", "too far", "take it off", "put it back" or
"undo that" ask of the last change, with the words that soften them ("just a hair more"),
and the effect a follow-up names ("now the delay"). ``FollowUps`` (followups.py) reads them
about the session's last command."""

from __future__ import annotations

import re

from voicertc.assistant import lexicon as lx
from voicertc.assistant.words import tokens

# Words that say how much, or nothing at all: "a bit more", "even more please".
SOFTENERS = frozenset("a bit little tad touch even way much lot just please now still slightly "
                      "some of that it thats the okay ok whoa hmm oh yeah right and then one "
                      "notch step on there its is was lots yes yep so hair tiny smidge "
                      "wee wow".split())  # fmt: skip
# Keep going the way the last change went: "more" after "turn it down" is quieter still.
CONTINUE = ("more", "again", "further", "keep going", "go on", "more more", "not enough",
            "once more", "same again", "do it again", "one more time", "bit more", "still more",
            "one further", "push it further", "push it one further", "take it further", "go further",
            "one more step")  # fmt: skip
# Still too much of the effect, whichever way the last change went ("less", then "still too
# much"): less of it (a filter eased).
LESSEN = ("still too much", "still a lot", "still overdone", "still way too much", "still much too much",
          "a bit much", "a little much", "still a bit much", "but still a bit much",
          "but still too much")  # fmt: skip
# The last change went too far: back the other way.
REVERSE = ("too much", "too far", "overkill", "back off", "ease off", "not so much", "overdone",
           "a lot", "thats a lot", "ease up", "back it off", "pull it back", "the other way",
           "other way", "wrong way", "one too many", "bring it back a notch", "take it back a notch",
           "back a notch", "back it down a notch", "knock it back a notch")  # fmt: skip
INCREASE = ("stronger", "bigger", "higher", "raise it", "up a bit", "bump it", "push it")
DECREASE = ("less", "weaker", "smaller", "tone it down", "too strong", "too loud", "lower it")
REMOVE = ("take it off", "take it out", "get rid of it", "remove it", "turn it off", "kill it",
          "lose it", "bin it", "drop it", "switch it off", "off", "remove that", "lose that",
          "remove that last one", "remove the last one", "lose the last one", "get rid of the last one",
          "take the last one off", "take that last one off")  # fmt: skip
# After a removal: the effect back as it came.
RESTORE = ("put it back on", "bring it back", "turn it back on", "redo it",
           "redo that", "back on", "switch it back on", "i want it back")  # fmt: skip
# The last change taken back, whatever it was.
UNDO = ("undo", "undo that", "undo it", "take it back", "back one", "go back", "revert",
        "revert that", "cancel that", "scratch that", "as it was", "put it back how it was",
        "back to how it was", "go back to how it was", "back to before", "go back to before",
        "the way it was", "like it was", "how it was before", "undo that last one",
        "undo the last one", "go back one", "back to what it was", "what it was", "it was right before",
        "put it back", "undo the last change", "undo my last change", "undo your last change",
        "undo the last thing", "back one step", "go back one step", "one step back")  # fmt: skip
PHRASES: dict[str, str] = {
    **dict.fromkeys(CONTINUE, "continue"),
    **dict.fromkeys(REVERSE, "reverse"),
    **dict.fromkeys(LESSEN, "lessen"),
    **dict.fromkeys(INCREASE, "increase"),
    **dict.fromkeys(DECREASE, "decrease"),
    **dict.fromkeys(REMOVE, "remove"),
    **dict.fromkeys(RESTORE, "restore"),
    **dict.fromkeys(UNDO, "undo"),
}


# Liking what the last change did: nothing more to do, and it is said so.
APPROVAL = ("keep that", "keep it", "keep it like that", "leave it like that", "leave it there",
            "thats great", "thats good", "thats better", "thats perfect", "thats it", "good", "great",
            "lovely", "perfect", "much better", "better", "nice", "spot on", "sounds great",
            "thats the one", "leave it right there", "keep it right there", "right there", "leave it as is",
            "keep it as is", "leave it alone", "just like that", "that is it", "that is good",
            "that is great", "that is perfect", "that is better", "sounds good", "sounds perfect",
            "sounds better", "love it", "i love it", "i like it", "i like that", "amazing", "awesome",
            "exactly", "excellent", "fantastic", "leave it", "leave that")  # fmt: skip
APPROVAL_SET = frozenset(APPROVAL)
APPROVED = "Good, I'll leave it like that."


def approval(words: list[str]) -> bool:
    """ "perfect, keep that": said of the last change, which stays as it is."""
    bare = [w for w in words if w not in SOFTENERS or w in ("it", "that")]
    # "yeah, that's the one": what opens it says nothing more
    said = [" ".join(words[i:]) for i in range(len(words)) if all(w in SOFTENERS for w in words[:i])]
    return " ".join(bare) in APPROVAL or bool(APPROVAL_SET.intersection(said))


def approves(text: str) -> bool:
    """Every clause of ``text`` is liking what is ("perfect, leave it there"), or stopping
    beside one that is ("stop, that's good": no more changes, not the effect off)."""
    clauses = [tokens(c) for c in re.split(r"[,.;!?]", text) if c.strip()]
    liked = [approval(c) for c in clauses]
    return any(liked) and all(ok or _stopping(c) for ok, c in zip(liked, clauses, strict=True))


def _stopping(words: list[str]) -> bool:
    return words[-1:] in (["stop"], ["there"]) and "stop" in words  # "stop", "ok stop", "stop there"


def kind_of(text: str) -> str | None:
    """The kind of follow-up phrase ``text`` is; with clauses ("too much, take it off"),
    the last that is one says it."""
    for clause in reversed([c for c in re.split(r"[,.;!?]", text) if c.strip()] or [text]):
        kind = phrase_kind(tokens(clause))
        if kind is not None:
            return kind
    return None


def phrase_kind(words: list[str]) -> str | None:
    """The kind of follow-up ``words`` are, with softeners around the phrase ("that's
    too much", "a bit more please"); None if anything else was said."""
    for i in range(len(words)):
        if i and words[i - 1] not in SOFTENERS:
            break
        for j in range(len(words), i, -1):
            kind = PHRASES.get(" ".join(words[i:j]))
            after = words[j:]
            if kind is not None and all(w in SOFTENERS for w in after) and measured(after, opening=False):
                return kind
    return None


# Words of an amount, said after the phrase only as "a ..." ("lower it a bit", "a tiny bit"):
# "more hair" is more of something else, not "a hair more".
AMOUNTS = frozenset("bit little tad touch hair tiny smidge wee lot lots notch step".split())


def measured(words: list[str], opening: bool = True) -> bool:
    """Every amount word said as one ("a hair", "a tiny bit"), or opening ``words`` ("bit
    more"), when ``opening``."""
    one = (["a"], ["little"], ["tiny"], ["wee"])
    return all(
        w not in AMOUNTS or (opening and not k) or words[k - 1 : k] in one for k, w in enumerate(words)
    )


# Words around an effect's name that ask for nothing more: "and the reverb too", "I meant the echo".
CONNECTORS = frozenset("now and the too also as well then same for with to what about how i did do "
                       "mean meant actually instead rather one please okay ok oh no sorry on "
                       "that this".split())  # fmt: skip


def effects_named(words: list[str]) -> list[tuple[str, int, int]]:
    """Each effect name in ``words``: (effect, first token, one past the last)."""
    found = []
    for effect, names in lx.EFFECT_NAMES.items():
        for name in names:
            parts = name.split()
            for i in range(len(words) - len(parts) + 1):
                if words[i : i + len(parts)] == parts:
                    found.append((effect, i, i + len(parts)))
    return found


def names_an_effect(words: list[str]) -> bool:
    """``words`` name an effect somewhere."""
    return bool(effects_named(words))


def only_an_effect(words: list[str]) -> str | None:
    """The effect a turn names with nothing else but connectors ("now the delay", "no, I
    meant the echo"); None otherwise."""
    named = effects_named(words)
    effects = {effect for effect, _, _ in named}
    if len(effects) != 1:
        return None
    covered = {i for _, start, end in named for i in range(start, end)}
    rest = [w for i, w in enumerate(words) if i not in covered]
    return effects.pop() if all(w in CONNECTORS for w in rest) else None
