"""Benchmark of core.when and core.recurrence; ``run()`` is imported by the bench runner.

    python -m benchmarks.bench_when

* ``parse_period_first_call_ms``: the first parse in a fresh interpreter
  (a subprocess), after ``warm_up()`` as the bot does at start-up — that
  is what the first user waits for after a restart minus start-up itself;
  ``warm_up_ms`` is the start-up cost (importing core.when and compiling its rules;
  dateparser is no longer loaded since issue 20).
* ``parse_period_median_ms``: the median warm call over a mixed set of
  Norwegian and English phrases, accepted and refused.
* ``occurrences_daily_year_ms``: a daily series over one year (366 occurrences).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from zoneinfo import ZoneInfo

PHRASES = [
    ("nb", "i morgen kl 13-14"), ("nb", "onsdag neste uke 10.30-11"), ("nb", "3. desember kl 10"),
    ("nb", "tirsdag 14-15"), ("nb", "3.10 kl 14:00"), ("nb", "i overmorgen"), ("nb", "neste mandag"),
    ("nb", "kl 14 i 1,5 time"), ("nb", "03.12.2026 14:00-15:00"), ("nb", "fra kl 14 til kl 15"),
    ("nb", "i morgen kl 22-02"), ("nb", "blå"), ("nb", "31.02"), ("nb", "kl 25"),
    ("en", "tomorrow 2-3pm"), ("en", "next tuesday at 10"), ("en", "Dec 3rd 2pm"),
    ("en", "tomorrow at 9 for 45 minutes"), ("en", "in a week at 10:00"), ("en", "12/3"),
    ("nb", "fem på halv ti i morgen"), ("nb", "den 3. kl 10"), ("nb", "fredag morgen kl 8"),
    ("nb", "I morgen, kl. 14.00–15.00."), ("nb", "mandag 8.12"), ("nb", "i morgn kl 14"),
    ("nb", "2026-12-03 14:00-15:00"), ("nb", "i morgen kl 14 i en halv time"),
    ("en", "a week from today"), ("en", "tonight 10pm to 1am"), ("en", "on the 3rd at 10am"),
    # round 2 (issue 20): holidays, sentences, typos, clock words, times from now, refusals
    ("nb", "julaften kl 10"), ("nb", "2. påskedag"), ("nb", "Hva med onsdag 14-15?"),
    ("nb", "tosdag kl 10"), ("nb", "om 45 minutter"), ("nb", "kvart over ni–kvart på elleve i morgen"),
    ("nb", "neste lørdag"), ("nb", "rom 3 i morgen kl 14"), ("nb", "i morgen 2-3"),
    ("en", "half past ten to eleven tomorrow"), ("en", "in 30 minutes"), ("en", "Christmas Eve at 10am"),
]

_FIRST_CALL = r"""
import time, json, datetime as dt
from zoneinfo import ZoneInfo
t0 = time.perf_counter()
from core.when import parse_period, warm_up
warm_up()
t1 = time.perf_counter()
parse_period("i morgen kl 13-14", dt.datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Europe/Oslo")))
t2 = time.perf_counter()
print(json.dumps({"warm_up_ms": (t1 - t0) * 1000, "first_ms": (t2 - t1) * 1000}))
"""


def _first_call() -> dict:
    out = subprocess.run([sys.executable, "-c", _FIRST_CALL], capture_output=True, text=True,
                         check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> dict:
    from core.recurrence import occurrences
    from core.when import parse_period, warm_up

    first = _first_call()
    warm_up()
    now = dt.datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Europe/Oslo"))
    for locale, text in PHRASES:          # warm every rule table
        parse_period(text, now, locale)
    samples = []
    for _ in range(50):
        for locale, text in PHRASES:
            t0 = time.perf_counter()
            parse_period(text, now, locale)
            samples.append((time.perf_counter() - t0) * 1000)

    oslo = ZoneInfo("Europe/Oslo")
    start = dt.datetime(2026, 11, 25, 0, tzinfo=oslo)
    end = dt.datetime(2026, 11, 25, 23, 30, tzinfo=oslo)
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        occurrences(start, end, "daily", dt.date(2027, 11, 25))
        times.append((time.perf_counter() - t0) * 1000)

    return {
        "parse_period_median_ms": round(statistics.median(samples), 4),
        "parse_period_p95_ms": round(sorted(samples)[int(len(samples) * 0.95)], 4),
        "parse_period_first_call_ms": round(first["first_ms"], 3),
        "warm_up_ms": round(first["warm_up_ms"], 1),
        "occurrences_daily_year_ms": round(statistics.median(times), 3),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:32} {value}")
