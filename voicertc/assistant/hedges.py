"""Requests said around: a wish hedged ("perhaps a compressor would tame my shouty bits")
and a reason given after the request ("turn my mic down because I end up shouting").

Tokens are ``dialogue.tokens`` output.
"""

from __future__ import annotations

from voicertc.assistant import lexicon as lx

ARTICLES = frozenset("a an some".split())
MODALS = frozenset("would could might may will".split())
# What the effect would do badly, or would have done: no wish for it.
AGAINST = frozenset("not never overkill pointless useless worse ruin bad wrong too have".split())
# Words that open the reason for a request said before them.
REASONS = frozenset("because cause cuz coz".split())


def wished(tokens: list[str]) -> str | None:
    """The effect wished for in "I was thinking maybe a delay would work here", "an echo
    might be fun": an effect named with "a" or "some", then "would", "might" ..."""
    for i, tok in enumerate(tokens[:-2]):
        if tok not in ARTICLES:
            continue
        for effect, names in lx.EFFECT_NAMES.items():
            for name in names:
                words = name.split()
                end = i + 1 + len(words)
                if tokens[i + 1 : end] == words and tokens[end : end + 1] and tokens[end] in MODALS:
                    return None if AGAINST.intersection(tokens[end + 1 :]) else effect
    return None


def reason_at(tokens: list[str]) -> int | None:
    """Where a reason given after the request begins ("... because I always end up shouting")."""
    return next((i for i, tok in enumerate(tokens) if tok in REASONS and i > 0), None)
