"""The transcript rule judged on writers nothing was tuned on: each record's turns read by
old rules, with a guess, under one ``Doubt``."""

from __future__ import annotations

from voicertc.assistant import dialogue
from voicertc.assistant.reader.head import Doubt, Guess
from voicertc.bench.corpus import Case
from voicertc.bench.doubt_lowo import Record, right, table
from voicertc.bench.reader_lowo import Reading

ADD = {"effect": "reverb", "action": "add"}
NOTHING = Reading((dialogue.Say(dialogue.FALLBACK_TEXT),), {"reverb add": ADD})
REVERB = Case("f", "add reverb", ({"effect": "reverb", "action": "add"},))
SMALL_TALK = Case("f", "nice weather", ())


def test_a_sure_transcript_is_filled_and_a_doubted_one_is_not_under_the_doubt() -> None:
    sure = Guess("reverb", 0.8, "add", 0.1, heard=-0.1)
    doubted = Guess("reverb", 0.8, "add", 0.1, heard=-0.9)
    recs = [
        Record("clean", REVERB, ((NOTHING, sure),)),
        Record("clean", REVERB, ((NOTHING, doubted),)),
        Record("white10", SMALL_TALK, ((NOTHING, sure),)),
    ]
    as_text = table(recs, Doubt(below=-0.6, fill=0.95, veto=0.9))
    assert as_text == {"clean": [1, 2, 0, 0], "white10": [0, 0, 0, 1]}  # the small talk filled too
    strict = table(recs, Doubt(below=-0.6, fill=0.95, veto=0.9, heard_fill=0.85))
    assert strict == {"clean": [0, 2, 0, 0], "white10": [0, 0, 1, 1]}
    assert right(as_text) == (1, 0) and right(strict) == (0, 1)
