"""Talk of another time, of not knowing, or of what one read or heard said: "back in the day
we bounced tracks to tape", "last stream my audio was so quiet", "he had no idea what a high
pass was", "I read that compression is overused in pop". Nothing is asked of the sound now
unless a verb asks."""

from __future__ import annotations

import re

from voicertc.assistant.lexicon import IMPERATIVES, has_phrase, padded

OTHER_TIMES = ("back in the day", "last stream", "last time", "last week", "last night", "yesterday",
               "years ago", "used to", "in the old days", "when i was young", "when i was a kid",
               "had no idea", "have no idea", "no idea what", "earlier today", "this morning",
               "the other day", "last month", "last year", "a while ago", "days ago",
               "weeks ago", "back in college", "back in school", "back in high school", "in college",
               "in high school", "back when", "my old", "our old", "my last album",
               "our last album", "my last record", "our last record", "i once", "we once", "i had", "we had",
               # times to come, and what is not so
               "someday", "some day", "one day", "one of these days", "next week", "next time", "next month",
               "next year", "i might ask you", "i may ask you", "ill ask you",
               # (session 43, tune21) a change left for later: "I might want a bigger room for the last
               # song, we'll see", "in a bit I may ask you to turn me down, I'll let you know"
               "well see", "ill let you know", "ill tell you when",
               # a hope is of what comes: "there's construction outside, hopefully you can't hear it"
               "hopefully", "i hope",
               "yesterdays", "an hour ago", "minutes ago", "my last gig", "my last show", "my last concert",
               "my last job", "my last band", "at my last",
               # what may never come: "if I ever do a rock song I'll want loads of distortion"
               "if i ever", "if we ever", "if i ever get", "in the future",
               # an old setup: "on the old app my voice had no echo at all"
               "on the old", "in the old", "with the old", "on the demo",
               "on my demo", "on our demo")  # fmt: skip
# Being someone else: "if I were a radio DJ, I'd compress the heck out of my voice" (but "I'd
# love it if I were a bit louder" wishes).
BEING_ANOTHER = re.compile(r" if (?:i|we) (?:were|was) an? (?!bit |little |touch |tad |lot |smidge )")
# A time told in the past: "when I recorded the demo I used no reverb" (not "when I sing louder
# it distorts").
WHEN_PAST = re.compile(r" when (?:i|we|he|she|they) (?:\w+ed|was|were|had|did|used|made|sang|went|got|took) ")
# An occasion told in the past: "at my cousin's wedding the DJ had his mic way too loud".
AT_AN_OCCASION = re.compile(
    r"^ at (?:my|our|the|a|an|his|her|their|this|that) (?:\w+ ){0,2}(?:wedding|gig|conference|party|show"
    r"|concert|meeting|funeral|festival|event|reunion|recital|service|match|game|rehearsal|open mic)s? "
    r"(?:\w+ )*?(?:was|were|had|did|used) "
)
# What one asked before, asked about: "did I ask you for more echo earlier or was that someone else?"
# (session 43, tune21; "did you add the reverb?" asks of this call's chain).
PAST_ASKED = re.compile(r"^ (?:did|didnt) (?:i|we) ")
# A first one long gone ("my first microphone picked up every rumble"), not this call's take.
FIRST = re.compile(r" (?:my|our) first (?!take )")
ASKING_VERBS = IMPERATIVES | {"can", "could", "please"}
# What the speaker does as a habit: "I always roll off below a hundred on voiceover" (a way of
# working told, not asked; "I always sound too quiet" complains, its verb is no doing).
HABIT = re.compile(
    r" (?:i|we) (?:always|usually|normally|typically|generally) (?:"
    + "|".join(sorted(IMPERATIVES | {"roll", "use", "run", "mix", "keep", "start", "record"}))
    + ") "
)
# ... or will do it by their own hand: "I'll ride the fader myself".
MYSELF = re.compile(r" (?:ill|i will|ill just) (?:\w+ ){1,5}myself ")
# What one would do in another case: "if the song was slower I'd use a longer delay", "in a
# bigger room I'd probably need less reverb", "on a rock track I'd crank the distortion" (but
# "if it's no trouble I'd like more reverb" and "if I were louder I'd be happier" wish now).
OTHER_CASE = re.compile(
    r"^ if (?:\w+ ){1,4}?(?:were|was|had|did) "
    r"|^ (?:in|on|for) an? (?:\w+ ){0,2}(?:room|track|song|ballad|hall|church|stage|record|tune|gig|show"
    r"|album|podcast|venue|cathedral|club|genre)s? (?!like this |like that |like mine |such as this )"
)
WOULD = re.compile(
    r" (?:id|wed|would|wouldnt) (?:probably |definitely |just |totally |really )?(?!like |love |be )\w+ "
)


def another_time(tokens: list[str]) -> bool:
    """Said of another time (or of not knowing, or heard said), with no verb asking for
    anything."""
    text = padded(tokens)
    told_all = reported(tokens)  # (its verbs are the report's, not asked)
    told = (
        has_phrase(text, OTHER_TIMES)
        or hearsay(tokens)
        or told_all
        or any(
            p.search(text)
            for p in (BEING_ANOTHER, FIRST, WHEN_PAST, AT_AN_OCCASION, HABIT, MYSELF, PAST_ASKED)
        )
    )
    # ("it was too quiet last time, crank my volume up this time": last time is the reason)
    contrasted = has_phrase(text, ("last time",)) and has_phrase(text, ("this time",))
    return (
        (told and (told_all or not asks(tokens)) and not contrasted)
        or told_but_kept(tokens)
        or other_case(tokens)
    )


def other_case(tokens: list[str]) -> bool:
    """What one would do in a case other than this one: its verbs are the supposing's, not asked."""
    text = padded(tokens)
    if OTHER_CASE.search(text) is None or not {"please", "you"}.isdisjoint(tokens):
        return False
    return WOULD.search(text) is not None


def told_but_kept(tokens: list[str]) -> bool:
    """ "My friend told me to add more echo, but I think it's fine": what was said, then
    nothing asked after the "but" (its verbs were the teller's)."""
    if "but" not in tokens:
        return False
    last = len(tokens) - 1 - tokens[::-1].index("but")
    return hearsay(tokens[:last]) and not asks(tokens[last + 1 :])


# What one read or was told of effects in general: "I read that ...", "people say ...", "my
# singing teacher told me to always use a high pass on vocals".
HEARSAY = ("i read that", "i read somewhere", "ive read that", "i heard that", "ive heard that",
           "people say", "they say", "everyone says", "everybody says", "some people say",
           "people always say", "they always say")  # fmt: skip
TOLD = ("told me to", "told me that", "told us to", "told us that", "said that", "says that",
        "keeps saying", "keep saying", "kept saying", "always says", "always said", "keeps telling me",
        "kept telling me", "told me", "told us")  # fmt: skip
# ... but "people say I sound muffled" passes on a complaint about this call's sound.
FIRST_PERSON = frozenset("i im ive me my mine we our us you your".split())


def hearsay(tokens: list[str]) -> bool:
    """Starts with what was read or said, or tells what someone said, of effects in general,
    of no one on this call."""
    text = padded(tokens)
    for phrase in HEARSAY:
        if text.startswith(f" {phrase} "):
            return not FIRST_PERSON.intersection(tokens[len(phrase.split()) :])
    for phrase in TOLD:
        at = text.find(f" {phrase} ")
        if at >= 0:
            said = text[at + len(phrase) + 2 :].split(" but ", 1)[0]  # "..., but I think it's fine"
            return not FIRST_PERSON.intersection(said.split())
    return False


# Who a verb is told of: "I set the compressor in OBS this morning" asks nothing.
TELLERS = frozenset("i we he she they".split())
# ... or a person by their part: "at my last gig the sound guy put so much delay on me".
PERSONS = frozenset("guy engineer producer dj teacher mate friend man woman tech technician bloke host "
                    "cohost brother sister dad mum mom".split())  # fmt: skip
PERSONS_SAYING = sorted(PERSONS | {"designer", "singer", "coach", "uncle", "aunt", "neighbour", "colleague"})
# How often someone does it: "podcasters usually cut the low end" tells (but "always add
# reverb" at the start asks).
HABITUAL = frozenset("always usually often typically generally normally".split())


# (session 50, tune30) A report that ends on its teller ("radio stations squash everything with
# compressors, a friend told me") or opens on one ("a sound designer friend says less is more with
# reverb"), of no one on this call.
_TOLD_LAST = re.compile(r" (?:told me|told us|says|said|reckons) (?:once |so )?$")
_SAYS_FIRST = re.compile(rf"^ (?:my |a |an |our |the )(?:\w+ ){{0,3}}(?:{'|'.join(PERSONS_SAYING)})"
                         r" (?:says|said|reckons|thinks|swears) ")  # fmt: skip


def reported(tokens: list[str]) -> bool:
    """The whole sentence is what someone else said, and none of it is about the speaker."""
    text = padded(tokens)
    said = _SAYS_FIRST.sub(" ", text) if _SAYS_FIRST.search(text) else None
    if said is None and _TOLD_LAST.search(text):
        said = _TOLD_LAST.sub(" ", text)
    words = [] if said is None else said.split()
    # (a wish beside it asks: "my co-host says the repeats are confusing, fewer of them please")
    return said is not None and not FIRST_PERSON.intersection(words) and "please" not in words


def asks(tokens: list[str]) -> bool:
    """A verb (or "can you", "please") that asks for something, not one told of someone; or, with
    no verb at all, an effect sent back to its default or more of it wished on the voice."""
    text = padded(tokens)
    if SENT_BACK.search(text) or MORE_ON_ME.search(text):
        return True  # (session 50, tune30) "should sound like yesterday's, compressor back to default"
    return any(t in ASKING_VERBS and not _told(tokens[:i]) for i, t in enumerate(tokens))


# ... or an amount of it wished on the voice at the end: "..., the way our old chapel did, more room on me".
MORE_ON_ME = re.compile(r" (?:a bit |a little |a touch )?(?:more|less) \w+(?: \w+)? on (?:me|my \w+) $")
# An effect named with no determiner (so with no verb of its own) and sent back to its default.
SENT_BACK = re.compile(
    r" (?<!the |.my |its |our |hat )(?:reverb|verb|delay|echo|compressor|comp|gain|volume|distortion"
    r"|drive|fuzz|pass|cut|everything) back to (?:its |the )?(?:default|defaults|normal|stock) (?!\w)"
)


# Said between a teller and the verb told of: "I once set my guitar's distortion all the way up".
TOLD_WHEN = frozenset("once ever never already".split())
# A verb of what was asked, or would be: "did I ask for more echo", "I may ask you to turn me down".
ASKED_OF = (["did", "i"], ["did", "we"], ["ask", "you", "to"], ["asked", "you", "to"])


def _told(before: list[str]) -> bool:
    """The words before a verb tell of someone: "he", "they", "podcasters usually"."""
    if any(before[-len(said) :] == said for said in ASKED_OF):
        return True
    if len(before) > 1 and before[-1] in TOLD_WHEN:
        return before[-2] in TELLERS
    if len(before) > 1 and before[-1] in HABITUAL:
        return before[-2] not in ("please", "just", "lets")
    return bool(before) and (before[-1] in TELLERS or (before[-1] in PERSONS and len(before) > 1))
