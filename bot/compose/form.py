"""The message extension's one card, read as a meeting request or as errors next to its fields.

The task module card has a template choice (``template``), a subject (``subject``), the time as
free text (``when``) and, once a subject drew a warning, ``subject_confirmed``. Everything is checked
on one submit; every error goes next to its field and every value is kept (the card comes back).
The rules are Ny avtale's: :func:`core.when.read_period` for the time (the refusal says why), the
booking rules (:meth:`core.booking.Booking.meeting_body`) for subject screening, template and time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.booking import Booking, BookingRefused, MeetingRequest, Organizer
from core.sensitive.messages import explain
from core.when import Period, read_period

from ..i18n import Texts

#: The longest subject and free-text time the card accepts (the portal's own subject limit).
SUBJECT_MAX = 200
WHEN_MAX = 200

_TIME_REASONS = {
    "past": "time_in_past",
    "no_such_date": "compose_time_no_such_date",
    "end_before_start": "time_end_before_start",
    "ambiguous": "compose_time_ambiguous",
    "dst": "compose_time_dst",
}

_REFUSALS = {
    "end_before_start": ("when", "time_end_before_start"),
    "too_long": ("when", "time_too_long"),
    "in_the_past": ("when", "time_in_past"),
    "unknown_template": ("template", "template_invalid"),
}


@dataclass
class FormResult:
    """A checked card: ``body`` to send to the portal, or ``errors`` by field id."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    warning: bool = False          # the subject drew a warning: ask for ``subject_confirmed``
    body: dict[str, Any] | None = None


def _text(data: dict[str, Any], key: str, limit: int) -> str:
    value = data.get(key)
    return value.strip()[: limit + 1] if isinstance(value, str) else ""


def _confirmed(data: dict[str, Any]) -> bool:
    return data.get("subject_confirmed") in (True, "true")


def _time_error(texts: Texts, when: str, now: datetime, locale: str,
                booking: Booking) -> tuple[Period | None, str | None]:
    if not when:
        return None, texts("compose_time_missing")
    if len(when) > WHEN_MAX:
        return None, texts("inv_too_long")
    found = read_period(when, now, locale, tz=booking.time_zone)
    if not isinstance(found, Period):
        key = _TIME_REASONS.get(found.reason)
        if key is None:
            return None, texts("compose_time_unclear")
        if found.reason == "ambiguous" and found.candidates:
            from ..cards.common import format_datetime

            options = " / ".join(format_datetime(p.start, booking.time_zone, texts) for p in found.candidates[:2])
            return None, texts(key, options=options)
        return None, texts(key)
    if not found.has_time:
        return None, texts("time_no_time")
    if found.end is None:
        return None, texts("time_no_end", example="kl 13-14")
    return found, None


async def check(texts: Texts, booking: Booking, organizer: Organizer, data: dict[str, Any],
                locale: str) -> FormResult:
    """Every field of a submitted card, at once."""
    values = {"template": _text(data, "template", 100), "subject": _text(data, "subject", SUBJECT_MAX),
              "when": _text(data, "when", WHEN_MAX)}
    result = FormResult(values=values)
    templates = await booking.templates("scheduled")
    if not any(t["id"] == values["template"] for t in templates):
        result.errors["template"] = texts("template_invalid")
    subject = " ".join(values["subject"].split())
    if not subject:
        result.errors["subject"] = texts("subject_required")
    elif len(subject) > SUBJECT_MAX:
        result.errors["subject"] = texts("subject_too_long", max=SUBJECT_MAX)
    period, problem = _time_error(texts, values["when"], booking.clock(), locale, booking)
    if problem:
        result.errors["when"] = problem
    if result.errors or period is None or period.end is None:
        return result
    request = MeetingRequest(template_id=values["template"], subject=subject, start=period.start, end=period.end)
    try:
        result.body = await booking.meeting_body(organizer, request, subject_confirmed=_confirmed(data))
    except BookingRefused as exc:
        if exc.code in ("sensitive_subject", "subject_needs_confirmation"):
            findings = exc.detail if isinstance(exc.detail, list) else []
            lines = sorted({explain(f, locale, subject) for f in findings[:5]})
            key = "compose_subject_blocked" if exc.code == "sensitive_subject" else "compose_subject_warn"
            result.errors["subject"] = "\n".join([texts(key), *("• " + line for line in lines)])
            result.warning = exc.code == "subject_needs_confirmation"
        else:
            where, key = _REFUSALS.get(exc.code, ("when", "portal_unavailable"))
            result.errors[where] = texts(key)
    return result
