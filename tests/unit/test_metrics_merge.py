"""Several workers' metrics as one Prometheus exposition."""

from __future__ import annotations

from voicertc.metrics import merge_workers

_WORKER = """# HELP x_total Things.
# TYPE x_total counter
x_total{kind="a"} 1
# HELP h Times.
# TYPE h histogram
h_bucket{le="0.1"} 2
h_bucket{le="+Inf"} 3
h_sum 0.5
h_count 3
"""


def test_samples_are_labelled_and_grouped_under_one_header() -> None:
    merged = merge_workers({1: _WORKER.replace(" 1\n", " 4\n"), 0: _WORKER})
    lines = merged.splitlines()
    assert lines.count("# TYPE x_total counter") == 1 and lines.count("# TYPE h histogram") == 1
    assert lines[:4] == [
        "# HELP x_total Things.",
        "# TYPE x_total counter",
        'x_total{kind="a",worker="0"} 1',
        'x_total{kind="a",worker="1"} 4',
    ]
    assert 'h_sum{worker="1"} 0.5' in lines and 'h_bucket{le="+Inf",worker="0"} 3' in lines
    # every sample of a family stays together, after its header
    h = lines.index("# TYPE h histogram")
    assert all(line.startswith("h_") for line in lines[h + 1 :]) and len(lines[h + 1 :]) == 8
