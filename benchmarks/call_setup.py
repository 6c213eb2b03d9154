"""Call setup time in Debian's Chromium: from the call starting (the Call button's click)
to the first `listening` state, over N calls each way: the offer sent once ICE gathering
is complete (what the page did before) and trickled (posted with its first candidates,
the rest by PATCH; what voicertc-client.js does now).

Runs the server in this process and Chromium on loopback inside a private network
namespace (it re-runs itself under `unshare --net` when it is not in one; root needed).

    python benchmarks/call_setup.py [--calls 20] [--json benchmarks/results/call-setup.json]

The last figure is the page itself (Call clicked until it shows `listening`); with
VOICERTC_WEB_DIR pointing at an older copy of voicertc/web it measures that page.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

CALL = """async (trickle) => {
  const { VoiceCall } = await import('/voicertc-client.js');
  const button = document.createElement('button');
  document.body.append(button);
  const result = new Promise((resolve, reject) => {
    button.onclick = () => {
      const t0 = performance.now();
      const call = new VoiceCall({ url: '/', trickle, element: document.querySelector('audio') });
      call.on('state', ({ state }) => {
        if (state !== 'listening') return;
        const t = call.timings;
        resolve({ ms: performance.now() - t0, offer_ms: t.offer - t0, answer_ms: t.answer - t0,
                  connected_ms: t.connected - t0, session: call.sessionId });
        window.lastCall = call;
      });
      call.on('ended', () => reject(new Error('the call ended')));
      call.start().catch(reject);
    };
  });
  button.click();
  return await result;
}"""


# The page itself: the Call button clicked, until the page shows `listening`.
PAGE_CALL = """async () => {
  const listening = new Promise((resolve) => {
    const seen = (e) => {
      if (e.detail.state !== 'listening') return;
      document.removeEventListener('voicertc:state', seen);
      resolve(performance.now());
    };
    document.addEventListener('voicertc:state', seen);
  });
  const t0 = performance.now();
  document.getElementById('call').click();
  return { ms: (await listening) - t0 };
}"""


def _cpu_busy() -> tuple[float, float]:
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return fields[3] + fields[4], sum(fields)


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 1), "p90": round(p90, 1), "min": round(ordered[0], 1),
            "max": round(ordered[-1], 1)}  # fmt: skip


async def measure(calls: int, page_only: bool) -> dict[str, object]:
    from conftest import start_server
    from support.browser import chromium, open_page, silent_wav

    running, runner = await start_server()
    results: dict[str, object] = {}
    idle0, total0 = _cpu_busy()
    try:
        await running.server.speech.warm_up()
        async with chromium(silent_wav(), fake_ui=False) as browser:
            for mode, trickle in () if page_only else (("gather_complete", False), ("trickle", True)):
                rows = []
                async with open_page(browser, running.url) as page:
                    await page.evaluate(CALL, trickle)  # warm-up call, not counted
                    for _ in range(calls + 1):
                        session = next(iter(running.server.sessions.values()))
                        await page.evaluate("window.lastCall.hangUp()")
                        await session.wait_closed()
                        if len(rows) == calls:
                            break
                        rows.append(await page.evaluate(CALL, trickle))
                results[mode] = {
                    "calls": rows,
                    "click_to_listening_ms": _summary([r["ms"] for r in rows]),
                    "click_to_offer_ms": _summary([r["offer_ms"] for r in rows]),
                    "click_to_connected_ms": _summary([r["connected_ms"] for r in rows]),
                }
            # The page as served (VOICERTC_WEB_DIR may point at another version of it).
            rows = []
            async with open_page(browser, running.url) as page:
                for i in range(calls + 1):
                    row = await page.evaluate(PAGE_CALL)
                    if i:
                        rows.append(row)  # the first is a warm-up
                    session = next(iter(running.server.sessions.values()))
                    await page.click("#hangup")
                    await session.wait_closed()
            results["page"] = {
                "web_dir": os.environ.get("VOICERTC_WEB_DIR", "voicertc/web"),
                "calls": rows,
                "click_to_listening_ms": _summary([r["ms"] for r in rows]),
            }
    finally:
        await runner.cleanup()
    idle1, total1 = _cpu_busy()
    results["machine"] = {
        "cpus": os.cpu_count(),
        "cpu_busy_percent_during": round(100 * (1 - (idle1 - idle0) / max(1.0, total1 - total0)), 1),
        "loadavg": os.getloadavg(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--page-only", action="store_true", help="only the page (an old one has no library)")
    args = parser.parse_args()
    from support.net import reexec_in_private_namespace

    reexec_in_private_namespace()
    results = asyncio.run(measure(args.calls, args.page_only))
    for mode in () if args.page_only else ("gather_complete", "trickle"):
        r = results[mode]
        print(
            f"{mode:16} click->listening p50 {r['click_to_listening_ms']['p50']:7.1f} ms  "
            f"p90 {r['click_to_listening_ms']['p90']:7.1f} ms   "
            f"(p50: offer sent {r['click_to_offer_ms']['p50']:.1f} ms, "
            f"connected {r['click_to_connected_ms']['p50']:.1f} ms)"
        )
    page = results["page"]
    print(f"page ({page['web_dir']}) click->listening p50 {page['click_to_listening_ms']['p50']:.1f} ms  "
          f"p90 {page['click_to_listening_ms']['p90']:.1f} ms")  # fmt: skip
    print(f"machine: {results['machine']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
