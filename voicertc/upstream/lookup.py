"""At start, with an OpenAI key: does OpenAI plan to shut the configured models down?

`GET /v1/models/{id}` (the SDK's `models.retrieve`) carries a `shutdown_date` once one
is announced. A model that has one is logged as a warning and shown in /healthz; a
lookup that fails (no network, a key without the models scope) is logged at info and
never holds up the server.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from openai import AsyncOpenAI

logger = logging.getLogger(__name__)

_TIMEOUT_S = 10.0


async def look_up_models(
    api_key: str, models: list[str], timeout: float = _TIMEOUT_S
) -> dict[str, dict[str, Any]]:
    """model id -> {"shutdown_date": date or None} or {"lookup_error": why}."""
    found: dict[str, dict[str, Any]] = {}
    async with AsyncOpenAI(api_key=api_key, max_retries=0, timeout=timeout) as client:
        for model in dict.fromkeys(models):
            try:
                info = await asyncio.wait_for(client.models.retrieve(model), timeout)
            except Exception as exc:  # whatever went wrong, the server serves on
                logger.info("could not look up model %s at OpenAI: %s", model, exc)
                found[model] = {"lookup_error": str(exc) or type(exc).__name__}
                continue
            found[model] = {"shutdown_date": info.shutdown_date}
            if info.shutdown_date:
                logger.warning(
                    "OpenAI shuts model %s down on %s: choose a current one (--model, "
                    "--transcription-model) before then; docs/upstreams.md lists them",
                    model,
                    info.shutdown_date,
                )
    return found
