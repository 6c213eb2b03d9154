"""Who a turn is said to, where it calls someone: the assistant by one of its names
("computer, louder please", "hang on Sara, and computer, echo off"), or a person in the
room about their own sound ("Omar, your bass is too loud, turn it down", "is the reverb too
much from back there, Priya?").

``transcript`` is the turn as said, its commas and capitals kept: a name called stands
apart between commas, and a person's name is written with a capital.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from voicertc.assistant import addressee
from voicertc.assistant import lexicon as lx
from voicertc.assistant.words import tokens

# What people call a voice assistant that has no name of its own.
ASSISTANT_NAMES = frozenset("computer assistant mixer voice bot robot ai console".split())
# Said before a name called: "hey mixer", "and computer", "ok voice".
CALLING = frozenset("hey ok okay and so then now oh right alright".split())
# A name called at the start with no comma after it, before the order: "ok voice more
# repeats", "guys hang on computer bring my voice up" (not "my computer fan").
_NOT_CALLED_AFTER = frozenset("my the a an your his her our their this that on to of in with new old".split())
# People called as a group, and common first names (a name at the start of a sentence
# carries a capital anyway, so only these are known there).
GROUPS = frozenset("guys everyone everybody folks team lads boys girls kids children class ladies gentlemen "
                   "people mum mom dad honey darling babe sweetheart".split())  # fmt: skip
FIRST_NAMES = frozenset("""
aaron adam aisha alan alex alice amy andy anna anne ben beth bill bob brian carl carlos chris claire dan
dave david emma eric fatima frank fred gary george grace greg hannah harry helen ian jack jake james jamie
jan jane jason jay jen jenny jess jim joe john jon jordan josh julia kate kev kevin kim laura leo lisa liz
lucy luke maria mark matt max maya meg mia mike nick nina noah olivia omar paul pete priya rachel ravi raj
rob ruth sam sara sarah sean sophie steve sue tim tom tommy tony will zoe ahmed ali amir bella chloe dev
ella fiona gina hugo isla jade kai lily marco mo nadia nate ola pat rosa ryan sasha tariq theo vic yusuf
abby abdul adrian aiden alfie amara amelia ana andrea andrew angela anita archie arjun ava becky ben
bianca caleb callum cara carmen charlie chen cody connor dana daniel dara diana diego dylan eddie eli
elena eliza ellie emily erin ethan eva evie ewan felix finn freddie freya gabe gabriel hamza harper hassan
hazel henry ibrahim imogen ines isaac ivan ivy jacob jasmine jenna jo joel jonah jose juan kara karen
katie kayla keith kenji kyle leah leila leon liam lola lorenzo louis luca lucas luis maddie malik mara
martin mateo maya megan mei michael miguel mila milo mina mohammed molly nadia naomi nathan neil niamh
nico noor oliver oscar owen pablo peter phoebe poppy rafael rebecca riley rory rosie ruby rui sadie
sami sanjay scarlett seb simon sofia stella suki tara tess thomas toby tyler valentina vera victor
violet wei willow xavier yara yuki zach zara zain
""".split())  # fmt: skip
# Words that ask of the listener without being about them: "can you", "thank you".
_ASKING_YOU = re.compile(r"\b(?:can|could|would|will|thank) you\b")
_YOU = frozenset("you your youre yours yourself youve youll".split())
_FIRST_PERSON = frozenset("i im me my mine myself we us our ours".split())
_QUESTION_OPENINGS = frozenset("is are does do did can could would should was were have has".split())
_SEGMENTS = re.compile(r"[,;.!?]+")
_SENTENCES = re.compile(r"[.!?]+")
# Words written with a capital that name no one: "Ugh, Mondays".
_NOT_NAMES = frozenset("monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday "
                       "fridays saturday saturdays sunday sundays christmas easter january february march "
                       "april may june july august september october november december "
                       "english".split())  # fmt: skip


@dataclass(frozen=True)
class Called:
    start: int  # where the name called starts in the transcript
    end: int  # ... and where the words after it start


def said_to_us(transcript: str) -> str | None:
    """The words of ``transcript`` said to the assistant when it calls it by a name: those
    after the last name called that has words after it, else those before it; None where
    it calls no assistant."""
    called = _assistant_called(transcript)
    for call in reversed(called):
        after = transcript[call.end :].strip(" ,;")
        before = transcript[: call.start].strip(" ,;")
        said = [w for w in tokens(after) if w not in ("please", "thanks")]
        if said and said[0] in _TELLING and _an_order(tokens(_SEGMENTS.split(before)[-1])):
            return before  # "put a low cut on us, assistant, we're next to the fridge"
        if said:
            return after
    # the name said last: "turn my delay down a bit, ok voice"
    return (transcript[: called[-1].start].strip(" ,;") or None) if called else None


# What a clause that tells how things are opens with ("we're recording the round table").
_TELLING = frozenset("we were weve i im the its it this that everyone everybody theres there she he they "
                     "theyre our".split())  # fmt: skip


# What an order opens with, beyond the verbs the rules know: "stick a compressor on us".
ORDERS = addressee.ORDERS | frozenset("stick throw slap switch pop chuck get more less".split())


def _an_order(words: list[str]) -> bool:
    return bool(words) and (words[0] in ORDERS or words[0] in lx.EFFECT_WORDS)


def said_to_someone(transcript: str) -> bool:
    """A person in the room called by name ("Nina, you're clipping, turn your gain down")
    and told of their own sound or asked a question, with no name of the assistant said."""
    if _assistant_called(transcript):
        return False
    # (each sentence's first word has a capital anyway: "Oh, it's the distortion")
    starts = [(s.strip(), j == 0) for sentence in _SENTENCES.split(transcript)
              for j, s in enumerate(re.split(r"[,;]+", sentence)) if s.strip()]  # fmt: skip
    segments = [s for s, _ in starts]
    # (a group called after an order is told it as an aside: "raise my high cut, folks, hold your places")
    # (... but one called after an order of no sound of the speaker's is given it: "come closer,
    # everybody", "louder, everyone, sing it like you mean it")
    named = [i for i, (s, first) in enumerate(starts)
             if _a_person(s, first) and (i == 0 or not _group(s) or not _ours(segments[i - 1]))]  # fmt: skip
    if not named:
        return False
    # an order of the speaker's own sound before the name: "add distortion to my voice, Leo,
    # you asked for it" (the person is told of it after)
    ours = tokens(" ".join(segments[: named[0]]))
    if _an_order(ours) and not _FIRST_PERSON.isdisjoint(ours) and _YOU.isdisjoint(ours):
        return False
    words = tokens(_ASKING_YOU.sub(" ", transcript.lower()))
    asked = transcript.rstrip().endswith("?") or bool(words and words[0] in _QUESTION_OPENINGS)
    if _YOU.intersection(words) or asked:
        return True
    # a person called by name and told to do something not to the speaker's sound
    called = any(segments[i].split()[-1][:1].isupper() or _group(segments[i]) for i in named)
    return called and not _FIRST_PERSON.intersection(words)


def ordered_after(transcript: str) -> str | None:
    """ "class, this is what an echo sounds like. turn on the echo": the room told something, then,
    in a sentence of its own, an effect ordered with no one else in it (the assistant's order, as it
    says); that sentence, or None."""
    sentences = [s.strip() for s in _SENTENCES.split(transcript) if s.strip()]
    if len(sentences) < 2:
        return None
    last = tokens(sentences[-1])
    named = not lx.EFFECT_WORDS.isdisjoint(last)
    return sentences[-1] if named and _an_order(last) and _YOU.isdisjoint(last) else None


def _ours(segment: str) -> bool:
    """Words of the speaker's own sound: theirs ("my", "we") or an effect's."""
    said = tokens(segment)
    return not (_FIRST_PERSON.isdisjoint(said) and lx.EFFECT_WORDS.isdisjoint(said))


def _group(segment: str) -> bool:
    return segment.split()[-1].lower() in GROUPS


def _a_person(segment: str, first: bool) -> bool:
    said = segment.split()
    if len(said) != 1 and not (
        len(said) == 2 and said[0].lower() in ("thanks", "sorry", "hey", "ok", "okay")
    ):
        return False
    name = said[-1]
    word = name.lower().strip("'")
    if word in GROUPS or word in FIRST_NAMES:
        return True
    capital = name[:1].isupper() and word.isalpha() and name != "I"
    return not first and capital and word not in lx.KNOWN and word not in _NOT_NAMES


def _assistant_called(transcript: str) -> list[Called]:
    """Where ``transcript`` calls the assistant by a name, in the order said."""
    found = (_called_at(transcript, match) for match in re.finditer(r"[A-Za-z']+", transcript))
    return [called for called in found if called is not None]


# The words of a clause before a name called: "and", "hey", "ok" ... (``CALLING``).
_OPENING = re.compile(r"(?:^|[,;.!?])\s*((?:[A-Za-z]+\s+){0,2})$")


def _called_at(transcript: str, match: re.Match[str]) -> Called | None:
    word = match.group().lower()
    if word not in ASSISTANT_NAMES and not _written_for_computer(word):
        return None
    before, after = transcript[: match.start()], transcript[match.end() :]
    past = match.end() + len(after) - len(after.lstrip(" ,;.!?"))  # where the words after it start
    apart = re.match(r"\s*(?:[,;.!?]|$)", after) is not None
    opening = _OPENING.search(before)
    if opening is not None and all(w in CALLING for w in opening.group(1).lower().split()):
        # ("okay voice my sister says ...": a name called first needs no comma after it)
        first = bool(opening.group(1).split()) and before.strip(" ,").lower() in ("ok", "okay", "hey")
        if apart or first:
            return Called(opening.start(1), past)
    prior = tokens(before)[-1:]
    if apart and prior and prior[0] in ("and", "so", "now") and word != "voice":
        # "let's start and computer, my voice is too loud": the comma before "and" dropped
        return Called(match.start() - len(prior[0]) - 1, past)
    # no comma after it: "ok voice more repeats", "... a second computer bring my voice up"
    ordered = not ORDERS.isdisjoint(tokens(after)[:1])
    if ordered and not (prior and prior[0] in _NOT_CALLED_AFTER):
        start = match.start() - (len(prior[0]) + 1 if prior and prior[0] in CALLING else 0)
        return Called(max(start, 0), match.end())
    return None


def _written_for_computer(word: str) -> bool:
    """How Whisper writes "computer" said by some voices: "comporter", "competer"."""
    like = difflib.SequenceMatcher(None, word, "computer").ratio() >= 0.8
    return word.startswith("comp") and 7 <= len(word) <= 10 and like and word not in _COMPUTING


_COMPUTING = frozenset("compute computed computes computing computers".split())


def restated(transcript: str) -> str | None:
    """An order said, an aside to someone in the room, and the order said again: "less reverb,
    no, Mia, sit down, sorry, less reverb" (the order, once)."""
    segments = [s.strip() for s in _SEGMENTS.split(transcript) if s.strip()]
    first, last = (tokens(segments[0]), tokens(segments[-1])) if len(segments) > 2 else ([], [])
    return segments[-1] if first and first == last and not lx.NAMING_WORDS.isdisjoint(first) else None


def before_an_aside(transcript: str) -> str | None:
    """The order of a turn that goes on to the room after calling a group or a person
    ("lower the threshold six dB, folks, one more run through"): the words before the call,
    where they open with an order; None where no one is called after an order."""
    starts = [m.start() for m in re.finditer(r"[,;]", transcript)]
    for at in starts:
        segment = _SEGMENTS.split(transcript[at + 1 :])[0].strip()
        before = transcript[:at]
        if segment and _a_person(segment, first=False) and _an_order(tokens(before)):
            return before
    return None
