"""Benchmark of ``core.sensitive.scan`` on realistic subjects of up to 100 characters.

``run()`` returns ``{"scan_median_us": ..., "scan_first_call_us": ..., ...}``: the median time of
one call over a mix of clean and sensitive subjects, and the time of the very first call in a fresh
interpreter (which includes importing the package and loading the name lists).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

SUBJECTS = [
    "Tverrfaglig møte",
    "Ledermøte Klinikk psykisk helse og rus - budsjett og bemanning for neste år, sak 12",
    "Fagdag 12.12.2026 kl 09:00-15:00 i auditoriet, Sykehuset i Vestfold, Tønsberg",
    "Samarbeidsmøte med NAV og Tønsberg kommune om oppfølging av unge voksne i arbeid",
    "Oppfølging Kari Nordmann f. 12.03.1954 etter brystkreft, ring 922 33 444 ved forfall",
    "Time for 010190 12345 - kontroll etter operasjon, pasient rom 12, kona ønsker å delta",
    "Morgenmøte medisinsk avdeling",
    "Videokonsultasjon",
    "Weekly team meeting with the research group on quality improvement in the ward",
    "Kontakt ola.hansen@example.no om rusproblematikk hos far, 88 år gammel mann med demens",
]
_FIRST_CALL = (
    "import time; t=time.perf_counter(); from core.sensitive import scan; "
    "scan('Oppfølging Kari Nordmann 010190 12345'); print((time.perf_counter()-t)*1e6)"
)


def _first_call_us() -> float:
    out = subprocess.run([sys.executable, "-c", _FIRST_CALL], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip())


def run(rounds: int = 300) -> dict:
    from core.sensitive import scan

    for s in SUBJECTS:  # warm up
        scan(s)
    samples: list[float] = []
    for _ in range(rounds):
        for s in SUBJECTS:
            t = time.perf_counter_ns()
            scan(s)
            samples.append((time.perf_counter_ns() - t) / 1000)
    samples.sort()
    return {
        "scan_median_us": round(statistics.median(samples), 1),
        "scan_p95_us": round(samples[int(len(samples) * 0.95)], 1),
        "scan_max_len": max(len(s) for s in SUBJECTS),
        "scan_first_call_us": round(_first_call_us(), 1),
    }


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k}: {v}")
