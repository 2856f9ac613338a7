"""``make bench`` still works: the whole benchmark in a tiny configuration (no timing asserted)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_every_part_and_writes_its_table_and_json(tmp_path):
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--seconds", "0.3", "--rounds", "1", "--warmup", "0.1",
         "--concurrency", "1", "--cold-starts", "1", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "x stock" in run.stdout and "Targets:" in run.stdout

    figures = json.loads(out.read_text())
    cells = {(r["server"], r["name"]): r for r in figures["results"]}
    assert set(cells) == {("stock-echo", "echo"), ("bot", "hurtig"), ("bot", "ny-avtale-step"),
                          ("bot", "whole-booking")}
    for cell in cells.values():
        assert cell["concurrency"] == 1
        assert cell["turns"] >= 1, cell
        assert cell["errors"] == 0, cell.get("first_error")
        for key in ("turns_per_s", "p50_ms", "p95_ms", "p99_ms", "cpu_ms_per_turn", "peak_rss_mb"):
            assert isinstance(cell[key], (int, float)), key
    assert cells[("bot", "whole-booking")]["units"] >= 1  # at least one booking got its link

    for name in ("hurtig", "ny-avtale-step", "whole-booking"):
        assert set(figures["ratios"][name]) >= {"per_concurrency", "peak_vs_stock_peak", "min_over_concurrency"}
    core = figures["core"]
    assert "scan_median_us" in core["sensitive"] and "scan_first_call_us" in core["sensitive"], core["sensitive"]
    assert "parse_period_median_ms" in core["when"] and "parse_period_first_call_ms" in core["when"], core["when"]
    assert core["recurrence"]["occurrences_count"] == 365
    assert figures["cold_start"]["runs_s"] and figures["state"]["bytes"] > 0
    assert set(figures["state"]["per_step"]) >= {"template", "subject"}
    assert figures["targets"]["no failed turns"]["ok"] is True
    for name in ("connector_clients_per_turn", "serialize_card_reply", "http_request_trust_env"):
        assert figures["workarounds"][name]["ours_us"] > 0, figures["workarounds"][name]
    assert figures["workarounds"]["dialog_state"]["dialog_state_read"]["stock_us"] > 0
    assert figures["machine"]["cores"] >= 1 and figures["machine"]["python"]
