"""`voicertc` on a chosen event loop: `python -m voicertc.bench.serve --loop uvloop serve ...`.

aiohttp's `run_app` makes its loop through the event loop policy, so installing uvloop's
policy first is all it takes with a server that has no loop flag; for one that has
(`--loop`, `VOICERTC_LOOP`), the choice is passed on too.
"""

from __future__ import annotations

import asyncio
import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    loop = "asyncio"
    if args[:1] == ["--loop"] and len(args) >= 2:
        loop, args = args[1], args[2:]
    if loop not in ("asyncio", "uvloop"):
        print(f"unknown loop {loop!r}: asyncio or uvloop", file=sys.stderr)
        return 2
    # A CLI with its own --loop (default "auto": uvloop when installed) would otherwise
    # override the choice; one without it ignores the variable.
    os.environ["VOICERTC_LOOP"] = loop
    if loop == "uvloop":
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    from ..cli import main as voicertc_main

    return voicertc_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
