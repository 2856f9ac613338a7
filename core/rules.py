"""The booking rules' numbers and names, in one place for the bot, the booking use cases and the
embedded portal (each imports them from here; none keeps a copy).

"Regelmessighet" choices, as the card submits them (contracts.md section 3); ``none`` is a single
meeting, the others are series (``biweekly`` = weekly with interval 2):

>>> FREQUENCIES
('none', 'daily', 'weekdays', 'weekly', 'biweekly', 'monthly')
>>> SERIES_FREQUENCIES
('daily', 'weekdays', 'weekly', 'biweekly', 'monthly')

The portal opens a scheduled meeting's join window 20 minutes before each occurrence's start and
closes it 20 minutes after its end (contracts.md section 2):

>>> JOIN_MARGIN
datetime.timedelta(seconds=1200)

"Emne" is at most 200 characters; a series has at most 366 occurrences (and spans at most a year,
:data:`core.recurrence.MAX_SPAN`):

>>> SUBJECT_MAX, MAX_OCCURRENCES
(200, 366)
"""
from __future__ import annotations

from datetime import timedelta
from typing import Final

__all__ = ["FREQUENCIES", "JOIN_MARGIN", "MAX_OCCURRENCES", "SERIES_FREQUENCIES", "SUBJECT_MAX"]

#: The "Regelmessighet" values, in the order the card offers them.
FREQUENCIES: Final = ("none", "daily", "weekdays", "weekly", "biweekly", "monthly")
#: The frequencies of a series (a ``recurrence`` in the portal's body): all but ``none``.
SERIES_FREQUENCIES: Final = FREQUENCIES[1:]
#: How long before each start the join window opens, and after each end it closes.
JOIN_MARGIN: Final = timedelta(minutes=20)
#: The longest "Emne", in characters.
SUBJECT_MAX: Final = 200
#: The most occurrences one series may have.
MAX_OCCURRENCES: Final = 366
