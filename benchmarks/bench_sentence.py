"""Benchmark of core.sentence.read_sentence; ``run()`` is imported by the bench runner.

    python -m benchmarks.bench_sentence

* ``read_sentence_median_ms``: the median warm call over a mixed set of whole Ny avtale sentences
  (bokmål, nynorsk, English; invitees, recurrence, templates, refused times), with the portal's
  templates, after ``core.when.warm_up()`` as the bot does at start-up (target: under 5 ms);
* ``read_sentence_p95_ms`` and ``read_sentence_max_ms``: the slow tail (on a shared machine mostly
  the scheduler: compare ``read_sentence_cpu_median_ms``, the thread's own CPU time);
* ``read_sentence_long_max_cpu_ms``: the slowest of a few long, odd texts (:data:`LONG`).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from zoneinfo import ZoneInfo

SENTENCES = [
    ("nb", "i morgen kl 10-11 Fagmøte"), ("nb", "Fagmøte ortopedi fredag 13-14"),
    ("nb", '"Fagmøte ortopedi" 15.12 kl 9-10:30'),
    ("nb", "møte med kari@siv.no og 923 45 678 i morgen 14-15 Oppfølging"),
    ("nb", "inviter ola@siv.no, +47 412 34 567 torsdag kl 9-10 Veiledning"),
    ("nb", "Teammøte hver uke til 1. mars mandag 9-10"), ("nb", "daglig til fredag kl 8-8:15 Morgenmøte"),
    ("nb", "annenhver uke tirsdag 14-15 Fagmøte"), ("nb", "hver dag (langvarig rom) til 31.12 Vaktrom"),
    ("nb", "sensitivt rom i morgen 10-11 Samtale"), ("nb", "Kurs 50 deltakere onsdag 12-14"),
    ("nb", "engelsk møte fredag 10-11 Project meeting"), ("nb", "i morgon kl 10-11 Fagmøte"),
    ("nb", "Fagmøte kvar veke til 1. mars tysdag 10-11"),
    ("en", "tomorrow 10-11am Team meeting every week until March 1"),
    ("en", "invite kari@siv.no tomorrow 2-3pm Planning"),
    ("nb", "Fagmøte 31.02 kl 14"), ("nb", "Fagmøte fredag 13-14 i Tønsberg"), ("nb", "Fagmøte ortopedi"),
    ("nb", "i morgen Fagmøte kl 10-11"), ("nb", "Fagmøte fredag 10-11 og mandag 12-13"),
]


# Long, odd texts (500 characters of time words, addresses, quotes): the budget of questions to
# core.when per sentence keeps each to a few milliseconds.
LONG = ["i " * 120 + "10-11 " + "i " * 100, "fredag 10-11 " * 40, "1. mars " * 60, "kari@siv.no " * 40,
        "923 45 678 " * 45, "til 1. mars hver uke " * 25, '"a" ' * 150, "til til til 1. mars 2027 " * 20]


def run() -> dict[str, float]:
    from core.portal.embedded import SEED_TEMPLATES
    from core.sentence import read_sentence
    from core.when import warm_up

    warm_up()
    templates = [dict(t) for t in SEED_TEMPLATES]
    now = dt.datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Europe/Oslo"))
    for locale, text in SENTENCES:       # warm every table and pattern
        read_sentence(text, now, locale, templates)
    samples, cpu = [], []
    for _ in range(30):
        for locale, text in SENTENCES:
            c0, t0 = time.thread_time(), time.perf_counter()
            read_sentence(text, now, locale, templates)
            samples.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
    samples.sort()
    long_cpu = []
    for text in LONG:
        c0 = time.thread_time()
        read_sentence(text, now, "nb", templates)
        long_cpu.append((time.thread_time() - c0) * 1000)
    return {
        "read_sentence_median_ms": round(statistics.median(samples), 3),
        "read_sentence_p95_ms": round(samples[int(len(samples) * 0.95)], 3),
        "read_sentence_max_ms": round(samples[-1], 3),
        "read_sentence_cpu_median_ms": round(statistics.median(cpu), 3),
        "read_sentence_long_max_cpu_ms": round(max(long_cpu), 3),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:32} {value}")
