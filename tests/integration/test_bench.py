"""A smoke run of the benchmark tool: one echo call for five seconds, and sane JSON.

Five, not three: with an utterance every 2 s, a 3 s window can end up holding an echo but
not the turn metric sent just before the window opened."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from voicertc.bench.cli import largest_passing, median_result
from voicertc.bench.stats import histogram_delta, parse_metrics


def test_one_call_smoke(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    command = [sys.executable, "-m", "voicertc.bench", "--calls", "1", "--seconds", "5", "--warmup", "1"]
    command += ["--no-warm-call"]
    run = subprocess.run([*command, "--json", str(out)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["machine"]["nproc"] >= 1 and report["machine"]["cpu_model"]
    (point,) = report["points"]
    m = point["median"]
    assert m["live_calls"] == 1 and not m["connect_failures"]
    assert 0 < m["server"]["cpu_percent_per_call"] < 200
    assert m["server"]["rss_idle_mib"] > 10 and m["server"]["threads"] >= 2
    assert 0 <= m["client"]["cpu_percent"] < 200
    # The light load call decodes only an echo's first packets, to time its onset.
    assert m["client"]["kind"] == "light"
    assert 1 <= m["client"]["decoded_packets"] < m["frames"]["received"] / 4
    pacing = m["pacing_server_ms"]
    assert pacing["frames"] >= 200  # 5 s at 50 frames a second, less the edges
    assert 0 <= pacing["p50"] <= pacing["p99"]
    assert m["frames"]["received"] >= 100 and m["frames"]["missing"] >= 0
    # voicertc's own per-frame latencies, from its histograms: every inbound frame counted
    assert m["inbound_to_append_ms"]["n"] >= 100 and 0 <= m["inbound_to_append_ms"]["p50"] < 20
    # (an echo's first frame may leave just before a 3 s window opens: it can hold none)
    delta = m["delta_to_frame_ms"]
    assert delta["n"] >= 0 and (delta["n"] == 0 or 0 <= delta["p50"] <= 50)
    # A paced stream keeps real time: the fitted frame period is 20 ms to well under 1%.
    assert abs(m["frames"]["drift_ppm_worst"]) < 10000
    jitter = m["jitter_client_ms"]
    assert jitter["n"] >= 100 and 0 <= jitter["p50"] <= jitter["p99"] <= jitter["max"]
    # The echo comes back after the utterance (0.58 s) and the VAD's 0.5 s wait.
    m2e = m["mouth_to_ear_ms"]
    assert m2e["raw"]["n"] >= 1
    assert 800 < m2e["raw"]["p50"] < 5000
    assert abs(m2e["net"]["p50"] - (m2e["raw"]["p50"] - m2e["subtracted_ms"])) < 0.01
    # Every utterance said in the window is accounted for: echoed (timed) or unheard.
    said = m["utterances"]
    assert said["spoken"] >= 2 and said["spoken"] == m2e["raw"]["n"] + said["unheard"]
    assert m["turn_ms"]["n"] >= 1 and m["turn_ms"]["total"] >= m["turn_ms"]["upstream"] >= 0
    assert isinstance(m["pass"], bool)
    assert "unheard" in run.stdout and "largest N passing" in run.stdout
    assert report["largest_passing_calls_any"] in (None, 1)


def test_bridge_alone_with_the_echo_in_its_own_process(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    command = [sys.executable, "-m", "voicertc.bench", "--calls", "1", "--seconds", "5", "--warmup", "1"]
    command += ["--no-warm-call", "--upstream-process", "--json", str(out)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["upstream_process"] is True
    m = report["points"][0]["median"]
    assert m["live_calls"] == 1
    # The echo ran over there: its process worked, and the caller heard it.
    assert m["upstream_process"]["cpu_percent"] > 0
    assert m["mouth_to_ear_ms"]["raw"]["n"] >= 1 and m["turn_ms"]["n"] >= 1


def test_histogram_quantiles_interpolate_within_buckets() -> None:
    before = parse_metrics('h_bucket{le="0.001"} 0\nh_bucket{le="0.01"} 0\nh_bucket{le="+Inf"} 0\nh_sum 0\n')
    after = parse_metrics(
        'h_bucket{le="0.001"} 50\nh_bucket{le="0.01"} 150\nh_bucket{le="+Inf"} 200\nh_sum 3.2\n'
    )
    delta = histogram_delta(before, after, "h")
    assert delta.counts == (50, 100, 50)
    assert delta.quantile(0.125) == 0.0005  # halfway through the first bucket
    assert abs(delta.quantile(0.5) - 0.0055) < 1e-12  # halfway through the second
    assert delta.quantile(0.99) == 0.01  # in +Inf: reads as the last finite bound
    assert delta.fraction_above(0.01) == 0.25
    assert delta.max_bound() == float("inf")


def test_metrics_of_several_workers_sum_into_one_series() -> None:
    text = (
        'voicertc_sessions{worker="0"} 2\nvoicertc_sessions{worker="1"} 3\n'
        'h_bucket{le="0.01",worker="0"} 5\nh_bucket{le="0.01",worker="1"} 7\nplain 1\n'
    )
    assert parse_metrics(text) == {"voicertc_sessions": 5.0, 'h_bucket{le="0.01"}': 12.0, "plain": 1.0}


def test_medians_and_capacity() -> None:
    runs = [{"calls": 4, "x": {"v": v}, "pass": p} for v, p in ((1.0, True), (3.0, False), (2.0, True))]
    assert median_result(runs) == {"calls": 4, "x": {"v": 2.0}, "pass": True}
    points = [{"calls": n, "median": {"pass": ok}} for n, ok in ((1, True), (2, True), (4, False), (8, True))]
    assert largest_passing(points) == 2
