"""The voicertc benchmark: N concurrent echo calls against a server in its own process.

`python -m voicertc.bench --calls N --seconds S --json FILE` reports server CPU and
memory per call, outbound frame pacing, missing frames, mouth-to-ear latency and turn
latency; `--sweep` finds the largest N that keeps pacing and frames intact. See
docs/benchmarks.md.
"""
