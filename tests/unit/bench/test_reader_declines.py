"""Requests the chain cannot do, as "none" examples for the sentence reader's head (session
17, measured and not kept in the shipped head): the file parses to "none" cases, holds no
tune corpus sentence, and a fit that sees them pulls their neighbourhood towards none."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from voicertc.bench import reader_lowo
from voicertc.bench.heldout import Case, load


def test_the_file_gives_none_cases_without_comments_or_repeats(tmp_path: Path) -> None:
    path = tmp_path / "declines.txt"
    path.write_text("# why they are here\n\nput a flanger on me\n  # indented comment\nbook me a cab\n")
    assert reader_lowo.declines(path) == [
        Case("declines", "put a flanger on me", ()),
        Case("declines", "book me a cab", ()),
    ]
    shipped = [c.text for c in reader_lowo.declines()]
    assert len(shipped) > 150 and len(set(shipped)) == len(shipped)


def test_no_decline_is_a_tune_corpus_sentence() -> None:
    # they are nobody's held-out writing, which is why every fold may see them
    said = {c.text.lower() for w in reader_lowo.WRITERS for part in load(w) for c in part}
    assert not [c.text for c in reader_lowo.declines() if c.text.lower() in said]


def test_a_fit_with_declines_reads_their_neighbourhood_as_none() -> None:
    rng = np.random.default_rng(1)
    command, decline, chat = (rng.standard_normal(384) for _ in range(3))

    def around(centre: np.ndarray, n: int) -> np.ndarray:
        return centre + 0.3 * rng.standard_normal((n, 384))

    reverb = {"effect": "reverb", "action": "add"}
    cases = [Case("f.x.imp", "c", (reverb,))] * 20 + [Case("off", "o", ())] * 20
    # the request the chain cannot do sits between a command and small talk, nearer the command
    probe = (0.6 * command + 0.4 * decline)[None, :]
    vectors = np.vstack([around(command, 20), around(chat, 20)])
    before = reader_lowo.fit(vectors, cases).probabilities(probe)[0][0]
    extra = [Case("declines", "d", ())] * 20
    after = reader_lowo.fit(np.vstack([vectors, around(decline, 20)]), cases + extra).probabilities(probe)[0][
        0
    ]
    assert after[0] > before[0] + 0.3  # "none" is the first effect
