"""Requests said around: a wish hedged ("perhaps a compressor would tame my shouty bits"),
a reason given after the request ("turn my mic down because I end up shouting") and an
effect's purpose ("I need a high pass to remove the rumble": the rumble goes, not the filter).

Tokens are ``dialogue.tokens`` output.
"""

from __future__ import annotations

import re

from voicertc.assistant import asking, later
from voicertc.assistant import lexicon as lx
from voicertc.assistant.addressee import after_opening

ARTICLES = frozenset("a an some".split())
MODALS = frozenset("would could might may will".split())
# What the effect would do badly, or would have done: no wish for it.
AGAINST = frozenset("not never overkill pointless useless worse ruin bad wrong too have".split())
# How much a limit put on a request keeps it from being: "add reverb, not too much".
LIMITED = frozenset("much loud heavy strong wet big long intense extreme obvious crazy".split())
# Words that open the reason for a request said before them.
REASONS = frozenset("because cause cuz coz".split())
# What an effect is for: "to remove the hiss", "for cut the noise".
PURPOSE = frozenset("to for".split())
CLEARING = frozenset(
    "remove cut kill reduce tame get clean take stop lose fix help block filter catch "
    "avoid prevent handle hide tidy".split()
)


def wished(tokens: list[str]) -> str | None:
    """The effect wished for in "I was thinking maybe a delay would work here", "an echo
    might be fun": an effect named with "a" or "some", then "would", "might" ..."""
    said = _would(tokens)
    return None if said is None or said[1] else said[0]


def against(tokens: list[str]) -> str | None:
    """The effect said against in "a compressor would be overkill", "an echo would make it
    worse", "compression would be overkill", "no need for a compressor": which asks for
    nothing (and not for less of it)."""
    said = _would(tokens, bare=True)
    return said[0] if said is not None and said[1] else _not_needed(tokens)


def _not_needed(tokens: list[str]) -> str | None:
    """ "no need for compression", "there's no need for an echo". Not with "the": "no need
    for the reverb" may be about the one that is on."""
    for i in range(len(tokens) - 3):
        if tokens[i : i + 3] == ["no", "need", "for"]:
            named = _named_at(tokens, i + 4 if tokens[i + 3] in ARTICLES else i + 3)
            return None if named is None else named[0]
    return None


def _named_at(tokens: list[str], start: int) -> tuple[str, int] | None:
    """The effect whose name begins at ``start``, and where the name ends."""
    for effect, names in lx.EFFECT_NAMES.items():
        for name in names:
            words = name.split()
            end = start + len(words)
            if tokens[start:end] == words:
                return effect, end
    return None


_SIZES = frozenset("little bit of touch light small tiny gentle subtle".split())


def _would(tokens: list[str], bare: bool = False) -> tuple[str, bool] | None:
    """The effect said with "a" or "some" (or, with ``bare``, first and with neither:
    "compression would be overkill") and a modal after it, and whether what follows is
    against it. A bare name is never a wish: "reverb would sound better shorter" is about
    the reverb that is on."""
    starts = [i + 1 for i, tok in enumerate(tokens[:-2]) if tok in ARTICLES]
    if bare:
        starts.insert(0, 0)
    for start in starts:
        while start < len(tokens) and tokens[start] in _SIZES:
            start += 1  # "a little compression might help", "a bit of delay would be nice"
        named = _named_at(tokens, start)
        if named is not None and tokens[named[1] : named[1] + 1] and tokens[named[1]] in MODALS:
            return named[0], bool(AGAINST.intersection(tokens[named[1] + 1 :]))
    return None


# "would help us finish the project": help given to someone at doing something else; "help
# me sound bigger", "help my voice cut through" stay about the sound.
HELPED = frozenset("us me him her them you everyone people".split())
SOUNDING = frozenset("sound sing hear heard stand cut come blend fill fit shine pop breathe carry".split())
HEARD = frozenset("sound voice vocals vocal mix track song audio mic singing music tone it this".split())


def helps_elsewhere(tokens: list[str]) -> bool:
    """ "I think a delay would help us finish the project": an effect said to help someone do
    something that is not sounding (the help is no wish for the effect: "a delay would help",
    "would help me sound fuller" are)."""
    for i, tok in enumerate(tokens[:-2]):
        if tok in ("help", "helps") and tokens[i - 1 : i] and tokens[i - 1] in MODALS | {"might", "could"}:
            after = tokens[i + 1 :]
            if after[0] in HELPED and after[1] not in SOUNDING and not HEARD.intersection(after):
                return _names_effect(tokens[:i])
    return False


def limit_dropped(tokens: list[str]) -> list[str]:
    """``tokens`` less a limit put on the amount asked for ("add reverb, not too much",
    "some echo, but nothing too loud", "not too much reverb"), which is no complaint that
    there is too much: a modest amount, as the effect's defaults are. A limit on something
    else ("if it's not too much trouble") stays."""
    for i in range(len(tokens) - 2):
        if tokens[i] not in ("not", "nothing") or tokens[i + 1] != "too" or tokens[i + 2] not in LIMITED:
            continue
        after = tokens[i + 3 :]
        if after and after[0] not in ("though", "please") and not _names_effect(after[:3]):
            continue
        return tokens[: i - (tokens[i - 1 : i] == ["but"])] + after
    return tokens


def reason_at(tokens: list[str]) -> int | None:
    """Where a reason given after the request begins ("... because I always end up shouting")."""
    return next((i for i, tok in enumerate(tokens) if tok in REASONS and i > 0), None)


def purpose_at(tokens: list[str]) -> int | None:
    """Where an effect's purpose begins ("I need the high pass | to remove the low noise"):
    "to" or "for" and a verb that clears something, after an effect named and before none."""
    for i, tok in enumerate(tokens[:-1]):
        if tok in PURPOSE and tokens[i + 1] in CLEARING and _names_effect(tokens[:i]):
            return None if _names_effect(tokens[i:]) else i
    return None


# (session 47, tune26) What a change is for, said after it with "so": "turn down the reverb so it's
# more natural", "ease off the volume a bit so I'm more comfortable to listen to" (its "more" asks
# nothing).
SO_WHO = frozenset("that it its i im we were they theyre people everyone everybody you youre the".split())


def so_purpose_at(tokens: list[str]) -> int | None:
    """Where a purpose said with "so" begins, after an order (not "the echo is a lot, but it's a dub
    track, so it should be")."""
    opened = after_opening(tokens)[:1]  # ("can you ease off the volume a bit so ...")
    if not opened or opened[0] not in lx.IMPERATIVES | _EASING:
        return None
    at = next((i for i, t in enumerate(tokens[:-1]) if t == "so" and i > 0 and tokens[i + 1] in SO_WHO), None)
    # (the change has its way said before: not "balance my volume so that it stays the same throughout")
    return at if at is not None and not _DIRECTED.isdisjoint(tokens[:at]) else None


_DIRECTED = frozenset(
    "up down off back less more lower raise reduce increase decrease cut drop boost".split()
)
_EASING = frozenset("ease tone back pull".split())


def _names_effect(tokens: list[str]) -> bool:
    """An effect named, or one of its settings ("attack time 5 ms, fast enough to catch ...")."""
    text = " " + " ".join(tokens) + " "
    named = lx.has_phrase(text, lx.ALL_NAMES)
    return named or not lx.PARAM_WORDS.isdisjoint(tokens)


# -- a lack said with "not ... enough": "I'm not loud enough" is "I'm too quiet" ------------

# What is lacking -> the complaint it makes, as the descriptions read complaints.
LACKING = {"loud": "quiet", "audible": "quiet", "quiet": "loud", "soft": "loud", "long": "short",
           "short": "long", "bright": "dark", "crisp": "dull", "clear": "muddy", "dark": "bright",
           "warm": "bright", "wet": "dry", "spacious": "dry", "roomy": "dry", "echoey": "dry", "dry": "wet",
           "big": "small", "thick": "thin", "full": "thin", "fat": "thin", "deep": "thin", "heavy": "thin",
           "fast": "slow", "quick": "slow", "slow": "fast", "strong": "weak", "present": "quiet"}  # fmt: skip
NEGATIONS = frozenset("not isnt arent wasnt werent doesnt dont aint never".split())
# ... or as more of the effect it names (its opposite, "too clean", would put a distortion on):
# "it's not gritty enough yet", "the fuzz isn't dirty enough".
LACKING_MORE = dict.fromkeys("gritty crunchy distorted dirty fuzzy raw grungy".split(), "distortion")


def not_enough(tokens: list[str]) -> list[str]:
    """ "I'm not loud enough" -> "I'm too quiet", "the echo doesn't go on long enough" -> "the
    echo is too short": the lack said as the complaint it is (read as it was, "not loud",
    the word asked the other way)."""
    for end, tok in enumerate(tokens):
        if tok != "enough" or end == 0 or tokens[end - 1] not in LACKING.keys() | LACKING_MORE.keys():
            continue
        neg = next((i for i in range(end - 2, max(end - 6, -1), -1) if tokens[i] in NEGATIONS), None)
        if neg is None:
            continue
        if tokens[end - 1] in LACKING_MORE:
            return [*tokens[:neg], "more", LACKING_MORE[tokens[end - 1]], *tokens[end + 1 :]]
        said = ["too", LACKING[tokens[end - 1]]]
        if tokens[neg] != "not":
            said = ["is", *said]  # "isn't", "doesn't go on": the copula went with the negation
        return [*tokens[:neg], *said, *tokens[end + 1 :]]
    return tokens


# A remark ended by liking it: "this mic picks up a little room sound, but I like it".
LIKED_AFTER_BUT = ("i like it", "i love it", "i like that", "i love that", "i kind of like it",
                   "i kinda like it", "i dont mind it", "i dont mind", "its fine", "thats fine",
                   "it works", "its ok", "its okay", "i actually like it", "i sort of like it",
                   "this is close", "thats close", "close enough", "i think its fine", "i think thats fine",
                   "its grown on me", "its grown on me now", "im happy now", "im happy with it",
                   "it sounds fine", "it sounds good", "it sounds ok", "it sounds okay", "im used to it",
                   "i got used to it", "ive got used to it", "ive gotten used to it",
                   "im fine with it")  # fmt: skip
# ... or by letting it be: "this room has terrible acoustics but whatever".
LET_BE = ("whatever", "oh well", "never mind", "nevermind", "no big deal", "what can you do",
          "it is what it is", "thats life",
          # a wish taken back: "earlier I wanted more echo but I changed my mind" ("changed" is
          # read "change")
          "i change my mind", "change my mind", "ive change my mind", "i decided against it",
          "not anymore", "i dont anymore", "im not doing that", "im not going to", "i wont",
          "not doing that", "we argue about it",
          # a request quoted, then not taken up: 'she said "turn the reverb up" but I'm ignoring her'
          "im ignoring her", "im ignoring him", "im ignoring them", "im ignoring it", "ignore her",
          "ignore him", "ignore them", "ignore that", "ignore it",
          # (session 47, tune27) a change wished and resisted: "I keep wanting to move the high cut to
          # five k, but I'll resist"; "the attack could be slower, but I don't want to touch it now"
          "ill resist", "i resist", "ill leave it", "ill leave it for now", "i dont want to touch it",
          "i dont want to touch it now", "i wont touch it", "im not touching it")  # fmt: skip


def but_liked(tokens: list[str]) -> bool:
    """A remark whose last word is liking it, or letting it be: nothing is asked of the sound."""
    after = _after_but(tokens)
    kept = bool(after) and lx.has_phrase(f" {after} ", KEPT_AFTER_BUT)
    # (all of it or its end: "..., but whatever it's doing, it's fine"; "but that's the sound I wanted")
    ends = any(f" {after}".endswith(f" {phrase}") for phrase in (*LIKED_AFTER_BUT, *WANTED_AFTER_BUT))
    liked = kept or ends
    return liked or _let_be(tokens, after) or _ends_liked(tokens) or _enough(tokens) or _accepted(tokens)


# A sound owned as meant, or as not the effects' doing, after a remark on it: "I sound slightly
# squashed, which is the radio vibe I was after", "it's dry as a bone and that's exactly how I
# like narration", "I'm a bit thin today, but that's my voice, not the effects".
ACCEPTED = ("thats my voice", "not the effects", "thats on me", "nothing to do with me",
            "nothing to do with you", "exactly how i like", "i was after")  # fmt: skip
# A wish taken back, with nothing asked after it: "less echo, maybe? no, forget I said anything".
RETRACTED = ("forget i said anything", "forget i said that", "scratch that", "forget that")


def _accepted(tokens: list[str]) -> bool:
    text = lx.padded(tokens)
    at = lx.find_phrase(text, ACCEPTED)
    if at > 0 and ORDERING.isdisjoint(text[:at].split()):
        return True
    back = next((text.split(f" {p} ", 1) for p in RETRACTED if f" {p} " in text[1:]), None)
    return (
        back is not None
        and ORDERING.isdisjoint(back[1].split())
        and lx.NAMING_WORDS.isdisjoint(back[1].split())
    )


# ... or by it being what was wanted, or someone being happy with it: "I sound a bit squashed,
# but that's the radio style I was going for", "..., but she said she's happy with that".
KEPT_AFTER_BUT = ("i was going for", "im going for", "what i wanted", "happy with that", "happy with it",
                  "happy with this",
                  # (session 41, tune19: "sounds a bit roomy, but, you know what, that's the vibe")
                  "thats the vibe", "in a good way", "dont worry about it", "so it should be",
                  "its meant to be", "its supposed to be", "thats the point")  # fmt: skip
# ... said last: "I sound a little squashed, but I think that's the radio thing I wanted" (not "but
# I wanted more reverb").
WANTED_AFTER_BUT = ("i want", "i wanted", "i was after", "we want", "we wanted", "we were after")
# ... or a wish not yet sure: "I kind of want more bass, but I'm not sure yet, let me listen back first".
NOT_YET = ("not sure yet", "let me listen back", "let me hear it back")


# A remark ended by loving it, with no "but": "oh wow, that's a lot of echo, I love it".
ENDS_LIKED = ("i love it", "i like it", "i love that", "i like that", "love it", "loving it", "i dig it",
              "im into it", "no notes", "im happy with it",
              # (session 49, tune29) amused by what it does: "I sound like I'm in a cave, that's hilarious"
              *(f"thats {so}{fun}" for so in ("", "so ", "really ", "pretty ")
                for fun in ("hilarious", "funny", "amazing", "awesome", "cool", "wild", "brilliant")),
              )  # fmt: skip
# (an order given beside it still asks: "more echo, I love it")
ORDERING = asking.REQUESTING  # (not an amount weighed: "that's a lot of echo, I love it")


# Enough of it said, asking nothing: "I'm in the greenhouse and it echoes enough", "enough
# reverb now, thanks" (not "not enough echo", nor "give me enough reverb to fill the hall").
LACKED = frozenset("not isnt arent doesnt dont never hardly barely".split())
ECHOING = frozenset("echo echoes echoing echoey".split())


def _enough(tokens: list[str]) -> bool:
    for i, tok in enumerate(tokens):
        if tok != "enough" or not LACKED.isdisjoint(tokens[max(0, i - 4) : i]):
            continue
        near = set(tokens[max(0, i - 1) : i + 3])
        if (near & lx.NAMING_WORDS or near & ECHOING) and lx.IMPERATIVES.isdisjoint(tokens):
            return ORDERING.isdisjoint(tokens)
    return False


def _ends_liked(tokens: list[str]) -> bool:
    text = " ".join(tokens)
    said = next((p for p in ENDS_LIKED if text.endswith(f" {p}")), None)
    return said is not None and ORDERING.isdisjoint(tokens[: len(tokens) - len(said.split())])


def let_be(tokens: list[str]) -> bool:
    """ "... but whatever", "... but oh well": a remark let be; a wish taken back ("I was
    going to ask for more echo, but ..."); one put off to a time that may come ("if the
    neighbours start drilling, I might ask you to cut the rumble")."""
    return _let_be(tokens, _after_but(tokens))


def _let_be(tokens: list[str], after: str) -> bool:
    """``let_be`` with what was said after the last "but" (``_after_but``), which
    ``but_liked`` has read already."""
    return (
        after in LET_BE
        or (bool(after) and lx.has_phrase(f" {after} ", NOT_YET))
        or _taken_back(tokens)
        or later.maybe_later(tokens)
        or later.put_off(tokens)
        or _second_thoughts(tokens)
        or DECIDED_AGAINST.search(lx.padded(tokens)) is not None
        or (TEMPTED.search(lx.padded(tokens)) is not None and _held_back(after))
    )


# (session 48, tune28) A change thought of and turned down at the end of the turn: "a walkie-talkie
# effect would be funny for the intro, but let's not, honestly", "we talked about making my voice
# sound underwater, then decided against it".
DECIDED_AGAINST = re.compile(
    r" (?:(?:then|and|but|so) )?(?:(?:we|i) )?decided against (?:it|that)(?: in the end| after all)? $"
    r"| but lets not(?: honestly| actually| today| for now| then)? $"
    r"|^ (?:i|we) (?:wont|will not|dont|shant) bother with "  # (session 50, tune30) "... the low cut today"
)

# (session 49, tune29) A change wanted and held back by a "but": "tempted to make it louder, but the
# neighbours", "part of me wants a huge reverb, but I'll be sensible".
TEMPTED = re.compile(
    r"^ (?:(?:im|i am|i was|were|we are) )?(?:\w+ )?tempted to | part of me (?:wants?|would love|would like) "
    r"|^ i thought (?:the |my |it )?(?:\w+ ){0,3}could use "  # (session 50) "..., but the players are scared"
)


def _held_back(after: str) -> bool:
    """What follows the "but" of a temptation holds it back ("..., but I'll be sensible"), not
    "..., but do it anyway" nor "..., but turn it up a bit"."""
    words = after.split()
    return bool(words) and (ORDERING - {"ill"}).isdisjoint(words) and "anyway" not in words


# A wish told as once meant, then dropped: "I meant to ask for a low cut, but the rumble stopped".
MEANT = ("i was going to", "i was gonna", "i meant to", "i nearly asked", "i almost asked", "i was about to",
         "i was thinking about", "i was thinking of", "i thought about", "i wanted to ask",
         "i wondered about", "i did wonder about", "we were going to", "we were gonna")  # fmt: skip
# What was said before, let go: "don't worry about the distortion I mentioned".
LET_GO = ("dont worry about the", "never mind about", "never mind the", "forget about the",
          "forget what i said", "ignore what i said")  # fmt: skip


def _taken_back(tokens: list[str]) -> bool:
    text = lx.padded(tokens)
    meant = any(f" {p} " in text[:40] for p in MEANT)  # (said at or near the start)
    return (meant and "but" in tokens) or any(text.startswith(f" {p} ") for p in LET_GO)


def _after_but(tokens: list[str]) -> str:
    if "but" not in tokens:
        return ""
    last = len(tokens) - 1 - tokens[::-1].index("but")
    rest = [t for t in tokens[last + 1 :] if t not in ("really", "actually", "still", "honestly")]
    return " ".join(rest).removesuffix(" though").removesuffix(" now")  # "but it's fine now"


# A question asked and answered no: "would more echo help? probably not, leave it".
SECOND_THOUGHTS = ("leave it", "forget it", "nah", "maybe not", "never mind", "probably not")
ASKED_SELF = frozenset("should would could do does is maybe what".split())


def _second_thoughts(tokens: list[str]) -> bool:
    text = " ".join(tokens)
    return any(text.endswith(f" {p}") for p in SECOND_THOUGHTS) and tokens[0] in ASKED_SELF
