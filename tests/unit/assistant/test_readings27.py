"""Session 27's readings, from kinds of sentence written for this session (no corpus's): a
sound's noise said as what it has or does, a region said roughly, and remarks that ask
nothing. Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.declined import LIKED_TEXT, NOT_FOR_SOUND_TEXT, OTHER_SOUND_TEXT, TEACH_TEXT
from voicertc.assistant.dialogue import ToolCall, understand
from voicertc.assistant.followups import FollowUps
from voicertc.assistant.reader.head import Guess


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a noise the sound has, or makes
        ("my recording has a low hum", call("highpass", "add")),
        ("the audio has got some rumble", call("highpass", "add")),
        ("my mic has this hiss", call("lowpass", "add")),
        ("my mic hums", call("highpass", "add")),
        ("the signal hisses", call("lowpass", "add")),
        ("my mic keeps hissing", call("lowpass", "add")),
        # a region said roughly
        ("cut everything under about a hundred hertz", call("highpass", "set", 100, "hz")),
        ("get rid of everything above roughly 8k", call("lowpass", "set", 8, "khz")),
        # someone's word on this call's sound passes the complaint on
        ("my producer keeps saying I'm too quiet", call("gain", "increase")),
        # near misses: asked, wished, complained of
        ("more echo, I love it", call("delay", "increase", param="mix")),
        ("I need some reverb", call("reverb", "add")),
        ("my voice at the start is too loud", call("gain", "decrease")),
        ("the vocal in the chorus is too quiet", call("gain", "increase")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        # a thing somewhere else, or a thing's own noise
        ("the speakers at the gym are way too loud", OTHER_SOUND_TEXT),
        ("the echo in the hallway is too loud", OTHER_SOUND_TEXT),
        ("the hallway in my building echoes like crazy", OTHER_SOUND_TEXT),
        ("the fridge hums all night", OTHER_SOUND_TEXT),
        # a remark liked, or taken back
        ("oh wow, that's a lot of echo, I love it", LIKED_TEXT),
        ("the reverb sounds so dreamy, love it", LIKED_TEXT),
        # what would happen, asked before it is done
        ("what would happen if I turned the gain all the way up", TEACH_TEXT),
        # an effect named in a remark
        ("okay I can hear the reverb now", NOT_FOR_SOUND_TEXT),
        ("hmm interesting, so that's what a compressor does", NOT_FOR_SOUND_TEXT),
        ("that's exactly the amount of reverb I wanted", NOT_FOR_SOUND_TEXT),
        ("huh, I didn't expect the delay to sound like that", NOT_FOR_SOUND_TEXT),
        # someone's word on effects in general
        ("my producer keeps saying the vocal needs more compression", NOT_FOR_SOUND_TEXT),
        # an audience asked what it thinks
        ("chat, should I add more reverb, let me know", NOT_FOR_SOUND_TEXT),
        ("tell me in the chat if you like the delay, let me know", NOT_FOR_SOUND_TEXT),
    ],
)
def test_declined_with_a_reply_of_their_own(said: str, reply: str) -> None:
    assert understand(said).text == reply


def test_a_wish_taken_back() -> None:
    said = "earlier I wanted more echo but I changed my mind"
    assert not isinstance(understand(said), ToolCall)


SURE_REVERB = Guess(effect="reverb", likelihood=0.99, action="increase", none=0.0)


@pytest.mark.parametrize(
    "said",
    [
        "okay I can hear the reverb now",
        "the echo in the hallway is too loud",
        "oh wow, lots of reverb, I love it",
    ],
)
def test_a_sure_guess_does_not_fill_a_remark(said: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in FollowUps().understand_all(said, SURE_REVERB))


def test_a_complaint_is_no_remark() -> None:
    """ "still" complains: the rules read nothing here, and the reader's guess fills it."""
    guess = Guess(effect="highpass", likelihood=0.9, action="increase", none=0.0)
    said = "I can still hear the rumble"
    assert FollowUps().understand_all(said, guess) == [call("highpass", "increase")]


# -- kinds tune9 missed, on wordings of these tests' own ---------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a level in dB said of the caller, set (also said roughly)
        ("set me to minus 3 dB", call("gain", "set", -3, "db")),
        ("put my voice at roughly plus six decibels", call("gain", "set", 6, "db")),
        # only the last clause says how much
        ("I'm whispering on this bit, push my level up about four dB", call("gain", "increase", 4, "db")),
        # "one" as a thing or a request, a time from now: no value
        ("morning, quick one, can you put some reverb on me", call("reverb", "add")),
        ("throw a delay on me, we start in five", call("delay", "add")),
        # low noises, wished-back fullness, a squeeze eased, scratchiness, extra
        ("cut out those low thuds", call("highpass", "add")),
        ("there's a low drone behind me", call("highpass", "add")),
        ("make my voice fuller", call("highpass", "decrease")),
        ("a little less squeezing please", call("compressor", "decrease")),
        ("I sound scratchy", call("distortion", "decrease")),
        ("the reverb is so extra, tone it down", call("reverb", "decrease")),
        # an effect named earlier, put back to its defaults
        ("I messed with the reverb, restore its default settings", call("reverb", "reset")),
        # near misses
        ("restore the delay", call("delay", "add")),
        ("set the knee to one", call("compressor", "set", 1, param="knee_db")),
    ],
)
def test_readings_of_whole_turns(said: str, expected: object) -> None:
    assert FollowUps().understand_all(said, None) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        # wishes once meant, let go, or put off to a time that may come
        "I was going to ask for some delay, but the song is fine dry",
        "I almost asked for a high cut, but the buzzing stopped",
        "don't worry about the reverb I mentioned",
        "if my neighbour starts mowing, I might ask you to cut the lows",
        "I might want more echo later",
        # what someone said, then kept to oneself
        "my brother told me to add more bass cut, but I think it's fine",
        # a song's line, a thing's name, the family called by name
        "the opening line is turn it up, turn it up",
        "the track I'm recording next is called Louder",
        "kids, quieter please, I'm on a call",
        # another time
        "at my last gig the reverb was way too much",
        "why do vocals get so boomy on cheap mics in general",
    ],
)
def test_whole_turns_that_ask_nothing(said: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in FollowUps().understand_all(said, None))


def test_a_courtesy_if_still_asks() -> None:
    said = "I think I might need a bit more reverb, if that's alright"
    assert FollowUps().understand_all(said, None) == [call("reverb", "increase")]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # the level moved for a part of the song, with thanks after
        ("turn my mic up a little for the bridge, thanks", call("gain", "increase")),
        # the speaker as the object of lower / raise
        ("can you raise me a bit", call("gain", "increase")),
        ("please lower us a touch", call("gain", "decrease")),
        # a rough amount, then the number
        ("bring me down a couple of decibels, say three", call("gain", "decrease", 3, "db")),
        # a song's drop is no removal
        ("right before the drop, reverb on", call("reverb", "add")),
        # a "no" that ends a run of markers is the correction's own
        ("less delay, no actually, no delay at all", call("delay", "remove")),
        # the letters that pop, said as doing it; woolly
        ("my B's keep popping", call("highpass", "add")),
        ("I sound woolly", call("highpass", "add")),
    ],
)
def test_readings_of_rough_turns(said: str, expected: object) -> None:
    assert FollowUps().understand_all(said, None) == [expected]


@pytest.mark.parametrize(
    "said", ["drop it", "pop music is my favourite", "raise your hand if you can hear me"]
)
def test_near_misses_of_rough_turns(said: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in FollowUps().understand_all(said, None))


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("make me less boomy", call("highpass", "add")),
        ("is there any way to make me less harsh", call("lowpass", "add")),
        ("when I sing louder it distorts", call("gain", "decrease")),  # now, not told of the past
    ],
)
def test_made_so(said: str, expected: object) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "when we recorded the album we used tons of delay",
        "the echo is so cool, nice",
        "the hum is gone, great",
    ],
)
def test_past_and_approval_ask_nothing(said: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in FollowUps().understand_all(said, SURE_REVERB))


def test_a_poem_asked_for_is_no_effect() -> None:
    assert not isinstance(understand("can you write me a poem about echoes"), ToolCall)


def test_a_price_asked_is_no_question_about_the_chain() -> None:
    assert understand("how much does a good compressor pedal cost").text == TEACH_TEXT


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I keep jumping between whisper and shout", call("compressor", "add")),
        ("it sounds nasal and thin", call("highpass", "decrease")),
        ("it's all mushy down low", call("highpass", "add")),
        ("my S's are like knives", call("lowpass", "add")),
        ("is possible to remove the high sound", call("lowpass", "add")),
        ("could you make me clearer and louder", call("gain", "increase")),
        ("please clear the effects", call(None, "reset")),
        ("talk up for me, make me louder", call("gain", "increase")),
        # a purpose wished for is no complaint
        ("take out all my bass so I sound small and tinny", call("highpass", "add")),
    ],
)
def test_readings_of_plain_speech(said: str, expected: object) -> None:
    assert FollowUps().understand_all(said, None) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # as Whisper wrote them on tune9's speech
        ("The reverb's two subtle, turn it up.", call("reverb", "increase")),
        ("Echo on my voice for the count down, please.", call("delay", "add")),
    ],
)
def test_heard_forms(said: str, expected: object) -> None:
    assert FollowUps().understand_all(said, None) == [expected]


def test_a_band_playing_is_no_habit_with_an_effect() -> None:
    said = "put my level at minus six dB while the band plays"
    assert isinstance(understand(said), ToolCall)
    assert understand("my cousin's choir uses loads of reverb").text == OTHER_SOUND_TEXT


def test_a_song_s_tempo_is_no_speed_of_the_effect() -> None:
    assert understand("on the slow songs a bit more reverb") == call("reverb", "increase")
    assert understand("make the reverb slower") == call("reverb", "increase", param="decay_s")


def test_a_voice_described_is_still_the_voice() -> None:
    assert understand("more reverb on my giant voice") == call("reverb", "increase")
    assert understand("can the room ring on a bit longer after I stop") == call(
        "reverb", "increase", param="decay_s"
    )
    assert not isinstance(understand("the compressor on my fridge hums"), ToolCall)


def test_the_first_amount_said_is_the_complaint() -> None:
    said = "way too much of that echo, I can't hear what I'm saying"
    assert understand(said) == call("delay", "decrease", param="mix")
    more = call("delay", "increase")
    assert understand("I can't hear the echo, there's not enough of it") == more


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a request after a remark, thanks after it
        ("that's nicer than before, but ease the reverb a little, thanks", call("reverb", "decrease")),
        ("could you relax the compressor a touch", call("compressor", "decrease")),
        # a low noise is no low level
        ("there's a low electrical hum under my voice, get rid of it", call("highpass", "add")),
        # near misses
        ("make the compressor relax faster", call("compressor", "decrease", param="release_ms")),
        ("my volume is low", call("gain", "increase")),
    ],
)
def test_requests_beside_remarks(said: str, expected: object) -> None:
    assert FollowUps().understand_all(said, None) == [expected]


def test_nothing_to_be_done() -> None:
    said = "no need to fix the buzz, it's my fan and I don't mind it"
    assert not any(isinstance(i, ToolCall) for i in FollowUps().understand_all(said, SURE_REVERB))
