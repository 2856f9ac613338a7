"""Red-team set 5 (``redteam5.jsonl``, 337 phrases, now = Wednesday 2027-03-24 09:40 Oslo).

Written by an independent helper who never read the code, answers first. Measured untuned on
main (issue-20 round 2): 233/259 answerable exact (90.0 %), 77/78 refusals right, 1 silently
wrong ("den 5. kl 10-11" gave 5 April), 26 safe misses.  After issue 20b: 259/259, 78/78, 0.
No label is excepted.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from core.when import parse_period

NOW = dt.datetime(2027, 3, 24, 9, 40, tzinfo=ZoneInfo("Europe/Oslo"))
ROWS = [json.loads(line) for line in
        (Path(__file__).parent / "redteam5.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_redteam5_exact_and_never_silently_wrong() -> None:
    exact = answerable = 0
    wrong: list[str] = []
    for row in ROWS:
        p = parse_period(row["text"], NOW, row["locale"])
        exp = row["expected"]
        if exp is None:
            if p is not None:
                wrong.append(row["text"])
            continue
        answerable += 1
        if p is None:
            continue
        end = None if exp["end"] is None else dt.datetime.fromisoformat(exp["end"])
        if p.start == dt.datetime.fromisoformat(exp["start"]) and p.end == end:
            exact += 1
        else:
            wrong.append(row["text"])
    assert wrong == []
    assert exact / answerable >= 0.97, f"{exact}/{answerable}"
