"""Red-team batch for ``core.when.parse_period``: phrases written independently of the parser.

Every expected value below was worked out by hand from a calendar before this table was ever run
against the parser. The phrases are what a clinician or leader at the hospital would type in Teams
when booking a video meeting: short, lower case, "kl", dots, dashes, spacing typos.

Fixed "now" values (Europe/Oslo):

- ``W``  Wednesday 2026-11-25 10:15 (+01:00). Thu 26, Fri 27, Sat 28, Sun 29, Mon 30 Nov, Tue 1 Dec,
         Wed 2 Dec, Thu 3 Dec, Fri 4 Dec.
- ``S``  Sunday 2026-11-29 20:30 (+01:00). Mon 30 Nov, Tue 1 Dec ... Fri 4 Dec, Sat 5, Sun 6.
- ``D``  Wednesday 2026-12-30 14:00 (+01:00). Thu 31 Dec, Fri 1 Jan 2027, Sat 2, Sun 3, Mon 4, Tue 5,
         Wed 6 Jan; ISO week 2 of 2027 starts Mon 11 Jan.
- ``M``  Friday 2027-03-26 09:00 (+01:00). Summer time starts Sun 28 Mar 2027 at 02:00 -> 03:00.
- ``O``  Friday 2027-10-29 12:00 (+02:00). Summer time ends Sun 31 Oct 2027 at 03:00 -> 02:00.

An expected time is "YYYY-MM-DD HH:MM" wall clock in Europe/Oslo, optionally with an explicit UTC
offset ("+02:00") where daylight saving matters; ``None`` for start means the phrase must be refused.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.when import parse_period

OSLO = ZoneInfo("Europe/Oslo")

NOWS = {
    "W": datetime(2026, 11, 25, 10, 15, tzinfo=OSLO),
    "S": datetime(2026, 11, 29, 20, 30, tzinfo=OSLO),
    "D": datetime(2026, 12, 30, 14, 0, tzinfo=OSLO),
    "M": datetime(2027, 3, 26, 9, 0, tzinfo=OSLO),
    "O": datetime(2027, 10, 29, 12, 0, tzinfo=OSLO),
}

REFUSE = None

# (now, text, start, end)  -- end None: the text gives no end.
NB: list[tuple[str, str, str | None, str | None]] = [
    # --- W: Wednesday 2026-11-25 10:15 -------------------------------------------------------
    ("W", "i morgen kl 13-14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "imorgen kl 13-14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen 13-14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen kl 13 - 14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen kl. 13.00-14.00", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen kl 13:00\u201314:00", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen fra 13 til 14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen fra kl 13 til kl 14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen kl 13 til 14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "13-14 i morgen", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "kl 13-14 i morgen", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "I morgen kl 13-14.", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen kl 13", "2026-11-26 13:00", None),
    ("W", "i morgen kl 8", "2026-11-26 08:00", None),
    ("W", "i morgen klokka 8", "2026-11-26 08:00", None),
    ("W", "i morgen klokken 8", "2026-11-26 08:00", None),
    ("W", "i morgen kl 0800", "2026-11-26 08:00", None),
    ("W", "i morgen 08:00", "2026-11-26 08:00", None),
    ("W", "i morgen kl8", "2026-11-26 08:00", None),
    ("W", "i morgen kl.8", "2026-11-26 08:00", None),
    ("W", "i morra kl 9", "2026-11-26 09:00", None),
    ("W", "imorra 9-10", "2026-11-26 09:00", "2026-11-26 10:00"),
    ("W", "onsdag neste uke 10.30-11", "2026-12-02 10:30", "2026-12-02 11:00"),
    ("W", "onsdag neste uke kl 10:30-11:00", "2026-12-02 10:30", "2026-12-02 11:00"),
    ("W", "neste uke onsdag 10.30-11", "2026-12-02 10:30", "2026-12-02 11:00"),
    ("W", "onsdag i neste uke 10.30-11", "2026-12-02 10:30", "2026-12-02 11:00"),
    ("W", "neste onsdag 10.30-11", "2026-12-02 10:30", "2026-12-02 11:00"),
    ("W", "fredag 9-930", "2026-11-27 09:00", "2026-11-27 09:30"),
    ("W", "fredag 9-9.30", "2026-11-27 09:00", "2026-11-27 09:30"),
    ("W", "fredag 09.00-09.30", "2026-11-27 09:00", "2026-11-27 09:30"),
    ("W", "fredag kl 9 i 30 min", "2026-11-27 09:00", "2026-11-27 09:30"),
    ("W", "på fredag kl 9-10", "2026-11-27 09:00", "2026-11-27 10:00"),
    ("W", "fre 9-10", "2026-11-27 09:00", "2026-11-27 10:00"),
    ("W", "3. des 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3. des kl 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3.des 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3 des 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3. desember kl 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3. desember kl 14.00-15.00", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3.12 kl 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3.12. kl 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "03.12 14:00-15:00", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "03.12.2026 kl 14:00-15:00", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3.12.26 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3/12 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "2026-12-03 14:00-15:00", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "torsdag 3. des kl 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "tors 3.12 kl 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "den 3. desember kl 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "fra 8 til 9.15 torsdag", "2026-11-26 08:00", "2026-11-26 09:15"),
    ("W", "torsdag fra 8 til 9.15", "2026-11-26 08:00", "2026-11-26 09:15"),
    ("W", "torsdag kl 8-9:15", "2026-11-26 08:00", "2026-11-26 09:15"),
    ("W", "torsdag 0800-0915", "2026-11-26 08:00", "2026-11-26 09:15"),
    ("W", "mandag kl 12 i 30 min", "2026-11-30 12:00", "2026-11-30 12:30"),
    ("W", "mandag kl 12 i 30 minutter", "2026-11-30 12:00", "2026-11-30 12:30"),
    ("W", "mandag kl 12 i en halvtime", "2026-11-30 12:00", "2026-11-30 12:30"),
    ("W", "mandag kl 12 i 45 minutter", "2026-11-30 12:00", "2026-11-30 12:45"),
    ("W", "mandag kl 12 i 1 time", "2026-11-30 12:00", "2026-11-30 13:00"),
    ("W", "mandag kl 12 i en time", "2026-11-30 12:00", "2026-11-30 13:00"),
    ("W", "mandag kl 12 i 1,5 time", "2026-11-30 12:00", "2026-11-30 13:30"),
    ("W", "mandag kl 12 i 1.5 timer", "2026-11-30 12:00", "2026-11-30 13:30"),
    ("W", "mandag kl 12 i 2 timer", "2026-11-30 12:00", "2026-11-30 14:00"),
    ("W", "mandag kl 12 i 90 min", "2026-11-30 12:00", "2026-11-30 13:30"),
    ("W", "mandag 12-12.30", "2026-11-30 12:00", "2026-11-30 12:30"),
    ("W", "man 30.11 kl 12-13", "2026-11-30 12:00", "2026-11-30 13:00"),
    ("W", "i dag kl 14", "2026-11-25 14:00", None),
    ("W", "idag kl 14-15", "2026-11-25 14:00", "2026-11-25 15:00"),
    ("W", "i dag 14:30-15", "2026-11-25 14:30", "2026-11-25 15:00"),
    ("W", "kl 14", "2026-11-25 14:00", None),
    ("W", "14-15", "2026-11-25 14:00", "2026-11-25 15:00"),
    ("W", "kl 14-15", "2026-11-25 14:00", "2026-11-25 15:00"),
    ("W", "14:00-15:00", "2026-11-25 14:00", "2026-11-25 15:00"),
    ("W", "i overmorgen kl 8", "2026-11-27 08:00", None),
    ("W", "i overmorgen 8-9", "2026-11-27 08:00", "2026-11-27 09:00"),
    ("W", "om to dager kl 10", "2026-11-27 10:00", None),
    ("W", "om 2 dager kl 10", "2026-11-27 10:00", None),
    ("W", "om en uke kl 10", "2026-12-02 10:00", None),
    ("W", "om en uke 10-11", "2026-12-02 10:00", "2026-12-02 11:00"),
    ("W", "tirsdag 1.12 kl 9-10", "2026-12-01 09:00", "2026-12-01 10:00"),
    ("W", "neste tirsdag 9-10", "2026-12-01 09:00", "2026-12-01 10:00"),
    ("W", "tirsdag 9-10", "2026-12-01 09:00", "2026-12-01 10:00"),
    ("W", "tirsdag neste uke 9-10", "2026-12-01 09:00", "2026-12-01 10:00"),
    ("W", "lørdag 10-11", "2026-11-28 10:00", "2026-11-28 11:00"),
    ("W", "søndag kl 18", "2026-11-29 18:00", None),
    ("W", "fredag 23-01", "2026-11-27 23:00", "2026-11-28 01:00"),
    ("W", "fredag kl 22-02", "2026-11-27 22:00", "2026-11-28 02:00"),
    ("W", "i morgen kl 23.30-00.30", "2026-11-26 23:30", "2026-11-27 00:30"),
    ("W", "i morgen 00:00-23:30", "2026-11-26 00:00", "2026-11-26 23:30"),
    ("W", "fredag 27.11 kl 10", "2026-11-27 10:00", None),
    ("W", "27/11 10-11", "2026-11-27 10:00", "2026-11-27 11:00"),
    ("W", "27.11.26 kl 10-11", "2026-11-27 10:00", "2026-11-27 11:00"),
    ("W", "1. desember kl 8", "2026-12-01 08:00", None),
    ("W", "1. des. kl 8-9", "2026-12-01 08:00", "2026-12-01 09:00"),
    ("W", "24.12 kl 10", "2026-12-24 10:00", None),
    ("W", "3. januar kl 9", "2027-01-03 09:00", None),
    ("W", "17. mai kl 12", "2027-05-17 12:00", None),
    ("W", "14.01.27 kl 10-11", "2027-01-14 10:00", "2027-01-14 11:00"),
    ("W", "3.10 kl 14:00", REFUSE, None),   # past within three months (issue 20)
    ("W", "kl 14 på fredag", "2026-11-27 14:00", None),
    ("W", "14:00 fredag", "2026-11-27 14:00", None),
    ("W", "fredag kl 14:00", "2026-11-27 14:00", None),
    ("W", "torsdag kl 9 til kl 10", "2026-11-26 09:00", "2026-11-26 10:00"),
    ("W", "torsdag 9 til 10", "2026-11-26 09:00", "2026-11-26 10:00"),
    ("W", "torsdag kl 7.45-8.15", "2026-11-26 07:45", "2026-11-26 08:15"),
    ("W", "torsdag kl 15.30 - 16", "2026-11-26 15:30", "2026-11-26 16:00"),
    ("W", "torsdag 15:30 til 16:15", "2026-11-26 15:30", "2026-11-26 16:15"),
    ("W", "fredag kl 10 i en og en halv time", "2026-11-27 10:00", "2026-11-27 11:30"),
    ("W", "2.12 kl 14", "2026-12-02 14:00", None),
    ("W", "onsdag 2.12 kl 14-15", "2026-12-02 14:00", "2026-12-02 15:00"),
    ("W", "ons 2. des 14-15", "2026-12-02 14:00", "2026-12-02 15:00"),
    ("W", "fredag kl 12.15-13", "2026-11-27 12:15", "2026-11-27 13:00"),
    ("W", "i morgen fra 9 til 11.30", "2026-11-26 09:00", "2026-11-26 11:30"),
    ("W", "fra 9 til 11.30 i morgen", "2026-11-26 09:00", "2026-11-26 11:30"),
    ("W", "fra kl 9 til kl 11.30 i morgen", "2026-11-26 09:00", "2026-11-26 11:30"),
    ("W", "mandag 30. november kl 8.30-9", "2026-11-30 08:30", "2026-11-30 09:00"),
    ("W", "30.11.2026 08:30-09:00", "2026-11-30 08:30", "2026-11-30 09:00"),
    ("W", "mandag 30/11 8.30-9", "2026-11-30 08:30", "2026-11-30 09:00"),
    ("W", "i morgen  kl  13-14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen kl 13 -14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen kl 13- 14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "i morgen, kl 13-14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "torsdag 26.11 13-14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "fredag kl 8 i 1 time", "2026-11-27 08:00", "2026-11-27 09:00"),
    # refusals on W
    ("W", "blå", REFUSE, None),
    ("W", "snart", REFUSE, None),
    ("W", "neste uke", REFUSE, None),
    ("W", "desember", REFUSE, None),
    ("W", "31.02", REFUSE, None),
    ("W", "31.02 kl 10", REFUSE, None),
    ("W", "kl 25", REFUSE, None),
    ("W", "i morgen kl 25", REFUSE, None),
    ("W", "i morgen kl 14:75", REFUSE, None),
    ("W", "i morgen 15-14", REFUSE, None),
    ("W", "fredag 3. des kl 10", REFUSE, None),
    ("W", "tirsdag 2.12 kl 10", REFUSE, None),
    ("W", "32.12 kl 10", REFUSE, None),
    ("W", "3.13 kl 10", REFUSE, None),
    ("W", "0.12 kl 10", REFUSE, None),
    ("W", "31.11 kl 10", REFUSE, None),
    ("W", "31. juni kl 10", REFUSE, None),
    ("W", "29.02.2027 kl 10", REFUSE, None),
    ("W", "i går kl 14", REFUSE, None),
    ("W", "forrige fredag kl 10", REFUSE, None),
    ("W", "03.12.2025 kl 10", REFUSE, None),
    ("W", "13.11.2026 kl 10", REFUSE, None),
    ("W", "mandag eller tirsdag kl 10", REFUSE, None),
    ("W", "", REFUSE, None),
    ("W", "   ", REFUSE, None),
    ("W", "i morgen tidlig", REFUSE, None),
    ("W", "i morgen formiddag", REFUSE, None),
    ("W", "i morgen ettermiddag", REFUSE, None),
    ("W", "i morgen 13.60", REFUSE, None),
    ("W", "i morgen kl 13-13", REFUSE, None),
    ("W", "hei", REFUSE, None),
    ("W", "møte med Ola", REFUSE, None),
    ("W", "i morgen kl 10 i 0 minutter", REFUSE, None),
    ("W", "når som helst", REFUSE, None),
    ("W", "i morgen kl", REFUSE, None),
    ("W", "i morgen 9-10-11", REFUSE, None),
    ("W", "fredag eller mandag", REFUSE, None),
    # --- S: Sunday 2026-11-29 20:30 ----------------------------------------------------------
    ("S", "i morgen 8-9", "2026-11-30 08:00", "2026-11-30 09:00"),
    ("S", "mandag 8-9", "2026-11-30 08:00", "2026-11-30 09:00"),
    ("S", "fredag neste uke kl 10", "2026-12-04 10:00", None),
    ("S", "neste fredag kl 10", "2026-12-04 10:00", None),
    ("S", "i kveld kl 21", "2026-11-29 21:00", None),
    ("S", "i kveld 21-22", "2026-11-29 21:00", "2026-11-29 22:00"),
    ("S", "i dag 21-22", "2026-11-29 21:00", "2026-11-29 22:00"),
    ("S", "kl 21-22", "2026-11-29 21:00", "2026-11-29 22:00"),
    ("S", "i kveld kl 23-01", "2026-11-29 23:00", "2026-11-30 01:00"),
    ("S", "lørdag kl 10", "2026-12-05 10:00", None),
    ("S", "om en uke kl 9", "2026-12-06 09:00", None),
    ("S", "i overmorgen kl 9", "2026-12-01 09:00", None),
    ("S", "tirsdag kl 9 i 45 min", "2026-12-01 09:00", "2026-12-01 09:45"),
    ("S", "3. des kl 14", "2026-12-03 14:00", None),
    ("S", "tor 3.12 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("S", "imorgen kl 7.30-8", "2026-11-30 07:30", "2026-11-30 08:00"),
    ("S", "mandag 30.11 kl 10", "2026-11-30 10:00", None),
    ("S", "i morgen tidlig kl 7", "2026-11-30 07:00", None),
    ("S", "i morgen kl 14 i 1,5 time", "2026-11-30 14:00", "2026-11-30 15:30"),
    ("S", "neste uke tirsdag kl 13", "2026-12-01 13:00", None),
    ("S", "tirsdag i neste uke kl 13", "2026-12-01 13:00", None),
    ("S", "i går kl 10", REFUSE, None),
    # --- D: Wednesday 2026-12-30 14:00 -------------------------------------------------------
    ("D", "i morgen kl 10-11", "2026-12-31 10:00", "2026-12-31 11:00"),
    ("D", "3.1 kl 9", "2027-01-03 09:00", None),
    ("D", "3. januar 9-10", "2027-01-03 09:00", "2027-01-03 10:00"),
    ("D", "4.1.2027 kl 9", "2027-01-04 09:00", None),
    ("D", "04.01.27 08:00-08:30", "2027-01-04 08:00", "2027-01-04 08:30"),
    ("D", "fredag kl 10", "2027-01-01 10:00", None),
    ("D", "mandag 9-10", "2027-01-04 09:00", "2027-01-04 10:00"),
    ("D", "tirsdag neste uke kl 9", "2027-01-05 09:00", None),
    ("D", "neste uke tirsdag 9-10", "2027-01-05 09:00", "2027-01-05 10:00"),
    ("D", "i overmorgen kl 12", "2027-01-01 12:00", None),
    ("D", "i dag kl 15", "2026-12-30 15:00", None),
    ("D", "30.12 kl 15", "2026-12-30 15:00", None),
    ("D", "31.12 23-01", "2026-12-31 23:00", "2027-01-01 01:00"),
    ("D", "om en uke kl 9", "2027-01-06 09:00", None),
    ("D", "2.1 kl 8-9", "2027-01-02 08:00", "2027-01-02 09:00"),
    ("D", "2/1 8-9", "2027-01-02 08:00", "2027-01-02 09:00"),
    ("D", "5. jan kl 13-14", "2027-01-05 13:00", "2027-01-05 14:00"),
    ("D", "tirsdag 5. januar kl 13", "2027-01-05 13:00", None),
    ("D", "1.1.2027 kl 12", "2027-01-01 12:00", None),
    ("D", "2027-01-04 09:00", "2027-01-04 09:00", None),
    ("D", "neste onsdag kl 10", "2027-01-06 10:00", None),
    ("D", "om to dager kl 8", "2027-01-01 08:00", None),
    ("D", "31.12.2026 kl 13", "2026-12-31 13:00", None),
    ("D", "29.12.2026 kl 10", REFUSE, None),
    ("D", "32.1 kl 10", REFUSE, None),
    ("D", "torsdag 1.1 kl 10", REFUSE, None),
    # --- M: Friday 2027-03-26 09:00, summer time starts Sun 28 Mar ----------------------------
    ("M", "i morgen kl 14", "2027-03-27 14:00+01:00", None),
    ("M", "søndag kl 10", "2027-03-28 10:00+02:00", None),
    ("M", "søndag 10-11", "2027-03-28 10:00+02:00", "2027-03-28 11:00+02:00"),
    ("M", "mandag 9-10", "2027-03-29 09:00+02:00", "2027-03-29 10:00+02:00"),
    ("M", "lørdag 23-01", "2027-03-27 23:00+01:00", "2027-03-28 01:00+01:00"),
    ("M", "lørdag kl 22-03:30", "2027-03-27 22:00+01:00", "2027-03-28 03:30+02:00"),
    ("M", "28.03 kl 12", "2027-03-28 12:00+02:00", None),
    ("M", "i overmorgen kl 9-10", "2027-03-28 09:00+02:00", "2027-03-28 10:00+02:00"),
    ("M", "om en uke kl 9", "2027-04-02 09:00+02:00", None),
    ("M", "mandag 29.3 kl 8", "2027-03-29 08:00+02:00", None),
    # first run had "søndag kl 1-4": refused, rightly (a start at 1-6 without a leading zero is
    # as often meant 13-16); the leading zero makes it clear.
    ("M", "søndag kl 01-04", "2027-03-28 01:00+01:00", "2027-03-28 04:00+02:00"),
    ("M", "søndag kl 1-4", REFUSE, None),
    ("M", "i dag kl 12-13", "2027-03-26 12:00+01:00", "2027-03-26 13:00+01:00"),
    ("M", "fredag neste uke 12-13", "2027-04-02 12:00+02:00", "2027-04-02 13:00+02:00"),
    ("M", "søndag kl 2.30", REFUSE, None),
    ("M", "søndag kl 02:30-03:30", REFUSE, None),
    # --- O: Friday 2027-10-29 12:00, summer time ends Sun 31 Oct ------------------------------
    ("O", "søndag 10-11", "2027-10-31 10:00+01:00", "2027-10-31 11:00+01:00"),
    ("O", "lørdag 22-23", "2027-10-30 22:00+02:00", "2027-10-30 23:00+02:00"),
    ("O", "mandag 1.11 kl 9", "2027-11-01 09:00+01:00", None),
    ("O", "i morgen kl 14", "2027-10-30 14:00+02:00", None),
    ("O", "lørdag 23-01", "2027-10-30 23:00+02:00", "2027-10-31 01:00+02:00"),
    ("O", "i overmorgen 8-9", "2027-10-31 08:00+01:00", "2027-10-31 09:00+01:00"),
    ("O", "31.10 kl 12 i 1 time", "2027-10-31 12:00+01:00", "2027-10-31 13:00+01:00"),
    ("O", "søndag 01:00-04:00", "2027-10-31 01:00+02:00", "2027-10-31 04:00+01:00"),
    ("O", "søndag kl 1-4", REFUSE, None),
]

EN: list[tuple[str, str, str | None, str | None]] = [
    # --- W: Wednesday 2026-11-25 10:15 -------------------------------------------------------
    ("W", "tomorrow 1-2pm", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "tomorrow 1pm-2pm", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "tomorrow 1 pm - 2 pm", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "tomorrow 13-14", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "tomorrow 13:00-14:00", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "tomorrow at 1pm", "2026-11-26 13:00", None),
    ("W", "tomorrow at 13:00", "2026-11-26 13:00", None),
    ("W", "tomorrow from 1pm to 2pm", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "1-2pm tomorrow", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("W", "wednesday next week 10:30-11", "2026-12-02 10:30", "2026-12-02 11:00"),
    ("W", "next wednesday 10:30-11", "2026-12-02 10:30", "2026-12-02 11:00"),
    ("W", "next week wednesday 10.30-11", "2026-12-02 10:30", "2026-12-02 11:00"),
    ("W", "friday 9-9:30", "2026-11-27 09:00", "2026-11-27 09:30"),
    ("W", "friday 9am-9:30am", "2026-11-27 09:00", "2026-11-27 09:30"),
    ("W", "fri 9-10", "2026-11-27 09:00", "2026-11-27 10:00"),
    ("W", "on friday at 9 for 30 minutes", "2026-11-27 09:00", "2026-11-27 09:30"),
    ("W", "dec 3 2-3pm", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3 dec 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "3 december 2pm-3pm", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "december 3rd at 2pm", "2026-12-03 14:00", None),
    ("W", "3rd of december 14:00-15:00", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "thursday 3 december 14-15", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "thu dec 3 2-3pm", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "from 8 to 9:15 on thursday", "2026-11-26 08:00", "2026-11-26 09:15"),
    ("W", "thursday 8-9:15", "2026-11-26 08:00", "2026-11-26 09:15"),
    ("W", "thursday 8am to 9:15am", "2026-11-26 08:00", "2026-11-26 09:15"),
    ("W", "monday at 12 for 30 min", "2026-11-30 12:00", "2026-11-30 12:30"),
    ("W", "monday 12pm for 30 minutes", "2026-11-30 12:00", "2026-11-30 12:30"),
    ("W", "monday at noon for half an hour", "2026-11-30 12:00", "2026-11-30 12:30"),
    ("W", "monday at 12 for an hour", "2026-11-30 12:00", "2026-11-30 13:00"),
    ("W", "monday at 12 for 1.5 hours", "2026-11-30 12:00", "2026-11-30 13:30"),
    ("W", "monday at 12 for 45 minutes", "2026-11-30 12:00", "2026-11-30 12:45"),
    ("W", "monday 12:00 for 90 min", "2026-11-30 12:00", "2026-11-30 13:30"),
    ("W", "today at 2pm", "2026-11-25 14:00", None),
    ("W", "today 14:00-15:00", "2026-11-25 14:00", "2026-11-25 15:00"),
    ("W", "2-3pm", "2026-11-25 14:00", "2026-11-25 15:00"),
    ("W", "at 3pm", "2026-11-25 15:00", None),
    ("W", "in two days at 8", "2026-11-27 08:00", None),
    ("W", "the day after tomorrow at 8am", "2026-11-27 08:00", None),
    ("W", "day after tomorrow 8-9", "2026-11-27 08:00", "2026-11-27 09:00"),
    ("W", "in a week at 10", "2026-12-02 10:00", None),
    ("W", "tuesday 1 dec 9-10", "2026-12-01 09:00", "2026-12-01 10:00"),
    ("W", "tue 1 dec 9am-10am", "2026-12-01 09:00", "2026-12-01 10:00"),
    ("W", "tuesday next week 9-10", "2026-12-01 09:00", "2026-12-01 10:00"),
    ("W", "next tuesday 9-10", "2026-12-01 09:00", "2026-12-01 10:00"),
    ("W", "saturday 10-11", "2026-11-28 10:00", "2026-11-28 11:00"),
    ("W", "sunday at 6pm", "2026-11-29 18:00", None),
    ("W", "friday 11pm-1am", "2026-11-27 23:00", "2026-11-28 01:00"),
    ("W", "2026-12-03 14:00-15:00", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("W", "03.12.2026 14:00", "2026-12-03 14:00", None),
    ("W", "25/12 10-11", "2026-12-25 10:00", "2026-12-25 11:00"),
    ("W", "this friday 10-11", "2026-11-27 10:00", "2026-11-27 11:00"),
    ("W", "on friday 10 to 11", "2026-11-27 10:00", "2026-11-27 11:00"),
    ("W", "tomorrow at noon", "2026-11-26 12:00", None),
    ("W", "tomorrow 10am for an hour", "2026-11-26 10:00", "2026-11-26 11:00"),
    ("W", "tomorrow 10 for 45 min", "2026-11-26 10:00", "2026-11-26 10:45"),
    ("W", "tomorrow 10:00 for 1.5 hours", "2026-11-26 10:00", "2026-11-26 11:30"),
    ("W", "10:00 tomorrow", "2026-11-26 10:00", None),
    ("W", "3pm thursday", "2026-11-26 15:00", None),
    ("W", "at 3pm on thursday", "2026-11-26 15:00", None),
    ("W", "january 3 at 9", "2027-01-03 09:00", None),
    ("W", "3 jan 9-10", "2027-01-03 09:00", "2027-01-03 10:00"),
    ("W", "friday 27 november 10am", "2026-11-27 10:00", None),
    ("W", "nov 30 8:30-9", "2026-11-30 08:30", "2026-11-30 09:00"),
    ("W", "tomorrow 11:30pm-12:30am", "2026-11-26 23:30", "2026-11-27 00:30"),
    ("W", "tomorrow 8.30-9", "2026-11-26 08:30", "2026-11-26 09:00"),
    ("W", "tomorrow from 9 to 11:30", "2026-11-26 09:00", "2026-11-26 11:30"),
    ("W", "Tomorrow 1-2 PM", "2026-11-26 13:00", "2026-11-26 14:00"),
    # refusals on W
    ("W", "blue", REFUSE, None),
    ("W", "asap", REFUSE, None),
    ("W", "next week", REFUSE, None),
    ("W", "sometime next week", REFUSE, None),
    ("W", "tomorrow morning", REFUSE, None),
    ("W", "december", REFUSE, None),
    ("W", "feb 30 10am", REFUSE, None),
    ("W", "31 november 10am", REFUSE, None),
    ("W", "25:00", REFUSE, None),
    ("W", "tomorrow at 25", REFUSE, None),
    ("W", "friday 3 december 10am", REFUSE, None),
    ("W", "yesterday at 2pm", REFUSE, None),
    ("W", "tomorrow 3-2pm", REFUSE, None),
    ("W", "monday or tuesday at 10", REFUSE, None),
    ("W", "last friday at 10", REFUSE, None),
    # --- S: Sunday 2026-11-29 20:30 ----------------------------------------------------------
    ("S", "tomorrow 8-9", "2026-11-30 08:00", "2026-11-30 09:00"),
    ("S", "monday 8-9", "2026-11-30 08:00", "2026-11-30 09:00"),
    ("S", "tonight at 9pm", "2026-11-29 21:00", None),
    ("S", "tonight 21-22", "2026-11-29 21:00", "2026-11-29 22:00"),
    ("S", "next friday at 10", "2026-12-04 10:00", None),
    ("S", "in a week at 9", "2026-12-06 09:00", None),
    # --- D: Wednesday 2026-12-30 14:00 -------------------------------------------------------
    ("D", "tomorrow 10-11", "2026-12-31 10:00", "2026-12-31 11:00"),
    ("D", "jan 3 at 9", "2027-01-03 09:00", None),
    ("D", "friday at 10", "2027-01-01 10:00", None),
    ("D", "monday 9-10", "2027-01-04 09:00", "2027-01-04 10:00"),
    ("D", "dec 31 11pm-1am", "2026-12-31 23:00", "2027-01-01 01:00"),
    ("D", "4 january 2027 9am", "2027-01-04 09:00", None),
    # --- M / O: daylight saving ---------------------------------------------------------------
    ("M", "sunday 10-11", "2027-03-28 10:00+02:00", "2027-03-28 11:00+02:00"),
    ("M", "monday 9am", "2027-03-29 09:00+02:00", None),
    ("M", "sunday at 2:30am", REFUSE, None),
    ("O", "sunday 10-11", "2027-10-31 10:00+01:00", "2027-10-31 11:00+01:00"),
    ("O", "monday nov 1 9am", "2027-11-01 09:00+01:00", None),
]

# Judgment calls: my reading of what most users mean, where a reasonable parser could decide
# otherwise. Kept apart so the report can discuss them one by one.
JUDGMENT: list[tuple[str, str, str, str | None, str | None]] = [
    # (locale, now, text, start, end)
    # "neste <weekday>": I expected refusals where the coming day and next week's differ; since
    # issue 20 that is the rule (core.when.resolution.neste_days), with both days offered.
    ("nb", "W", "neste fredag kl 10", REFUSE, None),   # ambiguous since issue 20, as expected here
    ("nb", "W", "i morgen kl 2", REFUSE, None),  # 02:00 or 14:00?
    ("nb", "W", "hver mandag kl 10", REFUSE, None),  # a series, not one period
    ("nb", "W", "i morgen halv ni", "2026-11-26 08:30", None),
    ("nb", "W", "i morgen kl 22-24", "2026-11-26 22:00", "2026-11-27 00:00"),
    ("nb", "W", "15.11 kl 10", REFUSE, None),  # ten days ago: past (issue 20)
    ("nb", "W", "i morgen", "2026-11-26 00:00", None),
    ("nb", "W", "3.12", "2026-12-03 00:00", None),
    ("nb", "S", "mandag neste uke 8-9", "2026-11-30 08:00", "2026-11-30 09:00"),
    ("nb", "S", "neste mandag 8-9", REFUSE, None),  # tomorrow or the 7th: ambiguous (issue 20)
    ("nb", "S", "kl 9", REFUSE, None),     # gone today: past (issue 20)
    ("nb", "S", "i morgen ettermiddag kl 2", "2026-11-30 14:00", None),
    ("nb", "S", "i kveld kl 9", "2026-11-29 21:00", None),
    ("nb", "D", "mandag uke 2 kl 10", "2027-01-11 10:00", None),
    ("nb", "D", "29.12 kl 10", REFUSE, None),   # yesterday: past (issue 20)
    # 02:30 on 31 Oct 2027 happens twice.  First run had "søndag kl 2.30", which is refused by the
    # small-hour rule, not by daylight saving; with the leading zero the documented choice shows:
    # the first of the two (fold=0, +02:00).  I would rather refuse it (see the report).
    ("nb", "O", "søndag kl 02:30", REFUSE, None),   # repeated wall time (issue 20)
    ("en", "W", "next friday 10am", REFUSE, None),  # ambiguous (issue 20)
    ("en", "W", "tomorrow at 2", REFUSE, None),
    ("en", "W", "3/12 10-11", REFUSE, None),  # 3 Dec or 12 Mar?
    ("en", "W", "monday", "2026-11-30 00:00", None),
]


# Second batch, written AFTER the first run and after reading the parser's documentation: the bugs
# and gaps the first batch and the probes after it found, each with neighbours that must stay refused.
SECOND: list[tuple[str, str, str, str | None, str | None]] = [
    # compact clock times with three digits ("9-930"); minutes not a multiple of five are a lost dash
    ("nb", "W", "i morgen kl 930", "2026-11-26 09:30", None),
    ("nb", "W", "fredag 930-1030", "2026-11-27 09:30", "2026-11-27 10:30"),
    ("nb", "W", "27.11 8-830", "2026-11-27 08:00", "2026-11-27 08:30"),
    ("en", "W", "tomorrow 930", "2026-11-26 09:30", None),
    ("nb", "W", "i morgen kl 130", REFUSE, None),
    ("nb", "W", "i morgen 1314", REFUSE, None),
    ("nb", "W", "i morgen kl 0917", REFUSE, None),
    ("nb", "W", "i morgen 1415", "2026-11-26 14:15", None),
    ("nb", "W", "i morgen 13:14", "2026-11-26 13:14", None),
    # an am start that only the other side's pm gives ("3-2pm" was 03:00-14:00)
    ("en", "W", "tomorrow 3-2pm", REFUSE, None),
    ("en", "W", "tomorrow 6-7pm", "2026-11-26 18:00", "2026-11-26 19:00"),
    ("en", "W", "tomorrow 4-5am", "2026-11-26 04:00", "2026-11-26 05:00"),
    ("en", "W", "tomorrow 11-1pm", "2026-11-26 11:00", "2026-11-26 13:00"),
    # English 12-hour ranges without am/pm
    ("en", "W", "tomorrow 12-1", "2026-11-26 12:00", "2026-11-26 13:00"),
    ("en", "W", "friday 11-1", "2026-11-27 11:00", "2026-11-27 13:00"),
    ("en", "W", "friday 9-5", "2026-11-27 09:00", "2026-11-27 17:00"),
    ("en", "W", "tomorrow 12-1:30", "2026-11-26 12:00", "2026-11-26 13:30"),
    ("en", "W", "tomorrow 12-01", REFUSE, None),
    ("en", "W", "tomorrow 1-2", REFUSE, None),
    ("en", "W", "tomorrow 2-1", REFUSE, None),
    ("en", "W", "tonight 12-1", REFUSE, None),
    ("nb", "W", "fredag 12-1", REFUSE, None),
    # Outlook's two-letter weekdays, only before a date that agrees
    ("nb", "W", "to. 26.11 kl 13", "2026-11-26 13:00", None),
    ("nb", "W", "to. 26.11.2026 13:00 - 14:00", "2026-11-26 13:00", "2026-11-26 14:00"),
    ("nb", "W", "on. 2.12 kl 13", "2026-12-02 13:00", None),
    ("nb", "W", "fr. 27.11 kl 13", "2026-11-27 13:00", None),
    ("nb", "W", "ma 30.11 kl 13", "2026-11-30 13:00", None),
    ("nb", "W", "to. 27.11 kl 13", REFUSE, None),
    ("nb", "W", "to. 10.10", REFUSE, None),
    ("nb", "W", "to 10", REFUSE, None),
    # a week number naming this week, with its day gone (was Tuesday of week 48 in 2027)
    ("nb", "W", "tirsdag uke 48 kl 14", REFUSE, None),
    ("nb", "W", "torsdag uke 48 kl 14", "2026-11-26 14:00", None),
    ("nb", "W", "uke 49 mandag kl 10", "2026-11-30 10:00", None),
    ("nb", "D", "uke 1 mandag kl 9", "2027-01-04 09:00", None),
    # "neste uke" / "next week" away from its weekday
    ("nb", "W", "torsdag kl 14 neste uke", "2026-12-03 14:00", None),
    ("nb", "W", "torsdag 14-15 neste uke", "2026-12-03 14:00", "2026-12-03 15:00"),
    ("nb", "W", "torsdag kl 14 denne uka", "2026-11-26 14:00", None),
    ("en", "W", "thursday at 2pm next week", "2026-12-03 14:00", None),
    ("en", "W", "friday at 2pm this week", "2026-11-27 14:00", None),
    ("nb", "W", "tirsdag kl 14 denne uka", REFUSE, None),
    ("nb", "W", "førstkommende torsdag kl 14 neste uke", REFUSE, None),
    ("nb", "W", "neste uke kl 14", REFUSE, None),
    ("nb", "W", "i morgen neste uke", REFUSE, None),
    ("nb", "W", "torsdag 26.11 kl 14 neste uke", REFUSE, None),
    ("en", "W", "tuesday at 2pm this week", REFUSE, None),
]


def _at(text: str) -> datetime:
    """'2026-11-26 13:00' (Oslo wall clock) or '2027-03-28 10:00+02:00' (with the offset asserted)."""
    wall, offset = text[:16], text[16:]
    local = datetime.strptime(wall, "%Y-%m-%d %H:%M").replace(tzinfo=OSLO)
    if offset:
        assert local.isoformat(timespec="minutes").endswith(offset), f"table error: {text}"
    return local


def _check(text: str, now_key: str, locale: str, start: str | None, end: str | None) -> None:
    got = parse_period(text, NOWS[now_key], locale=locale)
    if start is None:
        assert got is None, f"{text!r} should be refused, got {got}"
        return
    assert got is not None, f"{text!r} refused, expected {start} .. {end}"
    want_start = _at(start)
    assert got.start.replace(tzinfo=None) == want_start.replace(tzinfo=None), (text, got)
    assert got.start.utcoffset() == want_start.utcoffset(), (text, got)
    if end is None:
        assert got.end is None, (text, got)
    else:
        want_end = _at(end)
        assert got.end is not None, (text, got)
        assert got.end.replace(tzinfo=None) == want_end.replace(tzinfo=None), (text, got)
        assert got.end.utcoffset() == want_end.utcoffset(), (text, got)


@pytest.mark.parametrize(("now_key", "text", "start", "end"), NB, ids=[f"{r[0]}:{r[1]}" for r in NB])
def test_redteam_nb(now_key: str, text: str, start: str | None, end: str | None) -> None:
    _check(text, now_key, "nb", start, end)


@pytest.mark.parametrize(("now_key", "text", "start", "end"), EN, ids=[f"{r[0]}:{r[1]}" for r in EN])
def test_redteam_en(now_key: str, text: str, start: str | None, end: str | None) -> None:
    _check(text, now_key, "en", start, end)


@pytest.mark.parametrize(
    ("locale", "now_key", "text", "start", "end"), JUDGMENT, ids=[f"{r[0]}:{r[1]}:{r[2]}" for r in JUDGMENT]
)
def test_redteam_judgment(locale: str, now_key: str, text: str, start: str | None, end: str | None) -> None:
    _check(text, now_key, locale, start, end)


@pytest.mark.parametrize(
    ("locale", "now_key", "text", "start", "end"), SECOND, ids=[f"{r[0]}:{r[1]}:{r[2]}" for r in SECOND]
)
def test_redteam_second_batch(locale: str, now_key: str, text: str, start: str | None, end: str | None) -> None:
    _check(text, now_key, locale, start, end)


def test_redteam_table_sizes() -> None:
    nb = len(NB) + sum(1 for r in JUDGMENT if r[0] == "nb")
    en = len(EN) + sum(1 for r in JUDGMENT if r[0] == "en")
    assert nb >= 170 and en >= 80 and nb + en >= 250
