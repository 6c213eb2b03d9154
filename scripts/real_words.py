"""Writes voicertc/assistant/real_words.txt: English words the dialogue must not "correct".

The dialogue maps misspelt or misheard words to the nearest command keyword (difflib,
cutoff 0.8: "reverbb" -> "reverb"). Whisper writes real words, and some real words are
that close to a keyword without meaning it: "leave" is not "level", "place" not "space",
"apple" not "apply". This lists every word of the CMU dictionary that pocketsphinx ships
within fuzzy reach of a keyword, except inflections of it ("adjusted" -> "adjust" stays;
"weak" is not "weaker").

    python scripts/real_words.py    # ~20 s; rerun when lexicon.KEYWORDS changes

(``tests/unit/assistant/test_real_words.py`` fails when the file and the keywords have drifted apart.)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pocketsphinx import get_model_path  # noqa: E402

from voicertc.assistant import lexicon as lx  # noqa: E402
from voicertc.assistant.words import near_keyword  # noqa: E402

# Endings that make a keyword's verb one who does it.
AGENTS = ("r", "rs", "er", "ers")


def kept_words() -> list[str]:
    """The words of the dictionary the dialogue must leave as they are, sorted."""
    words: set[str] = set()
    with open(get_model_path("en-us/cmudict-en-us.dict"), encoding="utf-8") as f:
        for line in f:
            word = line.split(" ", 1)[0].split("(", 1)[0]
            if re.fullmatch(r"[a-z']+", word):
                words.add(word.replace("'", ""))  # as dialogue.normalize spells it
    kept = []
    for word in sorted(words):
        if word in lx.MISHEARD:
            continue  # mapped explicitly, never fuzzy-matched
        close = near_keyword(word)
        # An inflection of a keyword ("adjusted") is corrected to it; a stem of a longer
        # keyword ("weak" of "weaker", "short" of "shorter") is a word of its own, and so is
        # one who does it ("drivers" of "drive": "the drivers can't make out the addresses").
        if close and (not word.startswith(close) or word[len(close) :] in AGENTS):
            kept.append(word)
    return kept


DEST = ROOT / "voicertc" / "assistant" / "real_words.txt"


def main() -> None:
    kept = kept_words()
    DEST.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"wrote {len(kept)} words to {DEST}")


if __name__ == "__main__":
    main()
