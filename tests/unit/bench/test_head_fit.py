"""The hidden-layer head's fit: it learns what a linear head cannot, and the same each time."""

from __future__ import annotations

import numpy as np

from voicertc.assistant.reader.head import Head
from voicertc.bench.head_fit import fit_hidden


def _xor(n: int = 400) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Two inputs whose signs agree or not: no straight line splits the two effects."""
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, (n, 2))
    same = (x[:, 0] * x[:, 1] > 0).astype(int)
    effects = np.eye(2)[same]
    actions = np.eye(3)[2 * same]  # action 0 with one effect, 2 with the other
    asked = np.ones(n)
    asked[::2] = 0  # half the sentences ask no action: they must not teach it
    return x, effects, actions, asked


def test_a_hidden_layer_learns_what_a_line_cannot() -> None:
    x, effects, actions, asked = _xor()
    hidden_w, effect_w, action_w = fit_hidden(x, effects, actions, asked, hidden=16, steps=600)
    head = Head(np.zeros(2), 1.0, effect_w, action_w, hidden_w)
    effect_p, action_p = head.probabilities(x)
    assert (effect_p.argmax(axis=1) == effects.argmax(axis=1)).mean() > 0.9
    assert (action_p.argmax(axis=1) == actions.argmax(axis=1)).mean() > 0.9
    assert effect_w.shape == (17, 2) and action_w.shape == (17, 3) and hidden_w.shape == (3, 16)


def test_a_fit_is_the_same_each_time() -> None:
    x, effects, actions, asked = _xor(100)
    first = fit_hidden(x, effects, actions, asked, hidden=8, steps=50)
    again = fit_hidden(x, effects, actions, asked, hidden=8, steps=50)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
