"""Things named with the chain's words that are not the caller's sound ("compress this zip
file", "turn the telly down", "start the session timer"): said as the object of an effect word,
the turn asks for no change. Grouped by where they come from, since each writer's world (an app
the assistant lives in, a kitchen, a fitness class) brings its own; ``phrasing.not_a_command``
and the dialogue ask of them before any description is read.
"""

from __future__ import annotations

# Machines, files and levels of other things: "the battery level is low".
_THINGS = ("file", "files", "zip", "folder", "folders", "heating", "heater", "router",
           "air compressor", "hard drive", "thermostat", "temperature", "lights", "lamp", "tv",
           "television", "oven", "air conditioning", "aircon", "password", "computer", "laptop",
           "modem", "wifi", "car audio", "car stereo", "water level", "sea level",
           "battery level", "stress level", "energy level", "fuel level", "skill level",
           "oil level", "heat", "bass guitar", "mic stand", "microphone stand", "music stand",
           "boom arm", "brightness of", "screen brightness", "your phone", "your screen",
           "tripped", "the fuse", "the breaker",
           # (session 48, tune27) a machine's drive: "the drive belt in the washing machine snapped"
           "drive belt", "drive shaft", "drive train", "test drive")  # fmt: skip
# Things asked to be written, and a game's "comp".
_WRITINGS = ("a joke about", "jokes about", "knock knock", "a poem about", "a song about",
             "a story about", "a haiku about", "a rap about", "a limerick about",
             "into comp", "comp match", "comp game", "comp games", "ranked comp", "playing comp")  # fmt: skip
# What the app the assistant lives in does (corpus13): "start the session timer".
_HOST_APP = ("timer", "my status", "processing delay", "somewhere quieter", "somewhere quiet", "translate",
             "repeat the sentence", "repeat the word", "repeat the question", "repeat the phrase",
             "turn down the offer", "turn down an offer", "turn down the invitation",
             "waiting room", "spell the word", "upload", "video clip", "highlight clip",
             "group chat", "the notifications")  # fmt: skip
# The listener's own device: "turn up your own volume if you can't hear me, kids".
_LISTENERS = ("your own volume", "your own speaker", "your own speakers", "your own headphones",
              "your tablet", "your ipad", "your laptop")  # fmt: skip
# A class's bodies (corpus14): "compress your core", "bring the volume of your breath down".
_BODIES = ("your core", "your breath", "your breathing", "your belly", "your tummy", "your stomach",
           "your knees", "your shoulders", "your hips", "your spine", "your arms", "your legs")  # fmt: skip
# Other people's sound and the home's sets: "volume down on the telly please".
_AROUND = ("telly", "main speakers", "turn the hob", "the hob down", "the hob up", "turn up the monitor",
           "turn the monitor up", "turn up the monitors", "turn the monitors up")  # fmt: skip

# Room made for people (corpus15): "make room for your grandmother, let her sit".
_SEATS = ("room for your", "room for him", "room for her", "room for them", "room for everyone",
          "room for one more", "space for one more", "room for the baby", "room for grandma")  # fmt: skip

PHRASES = _THINGS + _WRITINGS + _HOST_APP + _LISTENERS + _BODIES + _AROUND + _SEATS
