"""**Endre** (``edit_meeting``) and its save (``save_meeting``): change a booked meeting.

The organizer's own meeting only (checked here, never left to the portal), only in the personal
chat (the card shows subject and invitees). The values are checked exactly as at booking: the
time through :mod:`core.when` or the pickers, the subject screened by :mod:`core.sensitive`, the
series and invitees by the booking rules (:meth:`core.booking.Booking.meeting_body`); consent is
asked only for invitees who were not invited before. Saving sends the portal's ``PATCH`` with the
card's idempotency key (a double press changes once), then the card is replaced by what changed.
A card with errors is updated in place with every value kept.
"""
from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from botbuilder.core import TurnContext

from core.booking import BookingRefused, MeetingRequest, new_idempotency_key
from core.invitees import format_phone, parse_invitees
from core.portal import Conflict, NotFound, PortalError
from core.when import Period, read_period

from .actions import Services, card_activity, is_shared_conversation, portal_error_text
from .cards import common
from .cards import edit_meeting as cards
from .i18n import Texts
from .my_meetings import replace_or_send

log = logging.getLogger(__name__)

_FROM_RULE: dict[tuple[Any, Any], str] = {("daily", 1): "daily", ("weekly", 1): "weekly", ("weekly", 2): "biweekly",
              ("monthly", 1): "monthly", ("weekdays", 1): "weekdays"}
_REFUSALS = {"end_before_start": ("when", "time_end_before_start"), "too_long": ("when", "time_too_long"),
             "in_the_past": ("when", "time_in_past"), "until_required": ("recurrence", "rec_until_required"),
             "until_before_start": ("recurrence", "rec_until_before"),
             "series_too_long": ("recurrence", "rec_too_long"),
             "weekdays_on_weekend": ("recurrence", "rec_weekdays_weekend"),
             "invalid_recurrence": ("recurrence", "rec_invalid"),
             "sensitive_subject": ("subject", "subject_blocked"),
             "subject_needs_confirmation": ("subject", "compose_subject_warn")}


def values_of(meeting: dict[str, Any], tz: ZoneInfo) -> dict[str, str]:
    """The card's inputs for a meeting as the portal shows it."""
    start = datetime.fromisoformat(meeting["start"]).astimezone(tz)
    end = datetime.fromisoformat(meeting["end"]).astimezone(tz)
    rule = meeting.get("recurrence") or {}
    recurrence = _FROM_RULE.get((rule.get("frequency"), rule.get("interval", 1)), "none") if rule else "none"
    invitations = meeting.get("invitations") or {}
    return {"subject": meeting.get("subject") or "", "date": start.date().isoformat(),
            "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M"), "when": "",
            "recurrence": recurrence, "until": rule.get("until") or "",
            "emails": ", ".join(invitations.get("emails") or []),
            "sms": ", ".join(format_phone(n) for n in invitations.get("sms") or [])}


async def _own_meeting(turn_context: TurnContext, services: Services, texts: Texts,
                       meeting_id: Any) -> tuple[Any, dict[str, Any] | None]:
    """The organizer and their active scheduled meeting, or a notice sent and ``None``."""
    if is_shared_conversation(turn_context):
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("edit_personal_only"))))
        return None, None
    organizer = await services.directory.organizer(turn_context)
    if organizer is None or not isinstance(meeting_id, str) or not 0 < len(meeting_id) <= 100:
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("meeting_not_found"))))
        return None, None
    try:
        meeting = await services.booking.meeting(organizer, meeting_id)
    except PortalError as exc:
        log.warning("edit: reading the meeting failed: %s", type(exc).__name__)
        await turn_context.send_activity(card_activity(common.failure_card(texts, portal_error_text(texts, exc))))
        return None, None
    if meeting.get("status") != "active" or meeting.get("kind", "scheduled") != "scheduled":
        key = "edit_quick" if meeting.get("kind") == "quick" else "meeting_not_found"
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts(key))))
        return None, None
    return organizer, meeting


async def open_edit(turn_context: TurnContext, services: Services, texts: Texts, meeting_id: Any) -> None:
    _organizer, meeting = await _own_meeting(turn_context, services, texts, meeting_id)
    if meeting is not None:
        card = cards.edit_card(texts, meeting["id"], new_idempotency_key(), values_of(meeting, services.tz))
        await turn_context.send_activity(card_activity(card))


def _text(data: dict[str, Any], name: str, limit: int = 10_000) -> str:
    value = data.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _period(texts: Texts, values: dict[str, str], services: Services) -> tuple[Period | None, str | None]:
    now = services.booking.clock()
    if values["when"]:
        found = read_period(values["when"], now, texts.language, tz=services.tz)
        if not isinstance(found, Period):
            reason = {"past": "time_in_past", "end_before_start": "time_end_before_start"}.get(found.reason)
            return None, texts(reason) if reason else texts("time_unclear", text=cards.plain(values["when"]))
        if not found.has_time or found.end is None:
            return None, texts("time_no_end", example="kl 13-14")
        return found, None
    try:
        day = date.fromisoformat(values["date"])
        start, end = time.fromisoformat(values["start"]), time.fromisoformat(values["end"])
    except ValueError:
        return None, texts("time_bad_value")
    begin = datetime.combine(day, start, services.tz)
    finish = datetime.combine(day if end > start else day + timedelta(days=1), end, services.tz)
    return Period(begin, finish), None


async def save_edit(turn_context: TurnContext, services: Services, texts: Texts, data: dict[str, Any]) -> None:
    organizer, meeting = await _own_meeting(turn_context, services, texts, data.get("meeting_id"))
    if meeting is None or organizer is None:
        return
    key = data.get("key")
    if not (isinstance(key, str) and 8 <= len(key) <= 64):
        key = new_idempotency_key()
    values = {name: _text(data, name, 200 if name in ("subject", "when") else 10_000)
              for name in ("subject", "date", "start", "end", "when", "recurrence", "until", "emails", "sms")}
    errors: dict[str, str] = {}
    period, problem = _period(texts, values, services)
    if problem:
        errors["when"] = problem
    template = await services.booking.template(meeting["template_id"])
    before = meeting.get("invitations") or {}
    typed_emails = [e.strip().lower() for e in values["emails"].replace(";", ",").replace("\n", ",").split(",")
                    if e.strip()]
    new_people = [e for e in typed_emails if e not in [b.lower() for b in before.get("emails") or []]]
    consent: Any = data.get("consent") if new_people or _new_numbers(values["sms"], before) else True
    invitees, problems = parse_invitees(values["emails"], values["sms"], consent,
                                        template["max_participants"] if template else None)
    if problems:
        errors["invitations"] = "\n".join(_problem_text(texts, p) for p in problems)
    until = None
    if values["recurrence"] != "none":
        try:
            until = date.fromisoformat(values["until"])
        except ValueError:
            errors["recurrence"] = texts("rec_until_required")
    if values["recurrence"] not in cards.CHOICES:
        errors["recurrence"] = texts("rec_invalid")
    body = None
    if not errors and period is not None and period.end is not None and invitees is not None:
        request = MeetingRequest(template_id=meeting["template_id"], subject=" ".join(values["subject"].split()),
                                 start=period.start, end=period.end, frequency=values["recurrence"], until=until,
                                 emails=invitees.emails, sms=invitees.sms)
        try:
            body = await services.booking.meeting_body(organizer, request,
                                                       subject_confirmed=data.get("subject_confirmed") == "true")
        except BookingRefused as exc:
            where, text_key = _REFUSALS.get(exc.code, ("_", "portal_unavailable"))
            errors[where] = texts(text_key)
    if body is None:
        warn = errors.get("subject") == texts("compose_subject_warn")
        await _replace(turn_context, cards.edit_card(texts, meeting["id"], key, values, errors, warn=warn))
        return
    changes = {name: body[name] for name in ("subject", "start", "end", "recurrence", "occurrences", "invitations")}
    try:
        after = await services.booking.portal.update_meeting(meeting["id"], changes, organizer.id, idempotency_key=key)
    except (NotFound, Conflict) as exc:
        log.info("edit: %s", type(exc).__name__)
        message = texts("edit_stale") if isinstance(exc, Conflict) else texts("meeting_not_found")
        await _replace(turn_context, common.notice_card(texts, message))
        return
    except PortalError as exc:
        log.warning("edit: saving failed: %s reached=%s", type(exc).__name__, exc.reached)
        errors["_"] = portal_error_text(texts, exc)
        await _replace(turn_context, cards.edit_card(texts, meeting["id"], key, values, errors))
        return
    log.info("meeting changed")
    await _replace(turn_context, cards.changed_card(texts, _what_changed(texts, meeting, after, services.tz),
                                                    after["join_url"]))


def _new_numbers(sms_text: str, before: dict[str, Any]) -> bool:
    from core.invitees import split_sms

    known = {"".join(ch for ch in n if ch.isdigit())[-8:] for n in before.get("sms") or []}
    return any("".join(ch for ch in n if ch.isdigit())[-8:] not in known for n in split_sms(sms_text))


def _problem_text(texts: Texts, problem: Any) -> str:
    key = {"invalid_email": "inv_invalid_email", "invalid_phone": "inv_invalid_phone", "landline": "inv_landline",
           "too_many": "inv_too_many", "consent_required": "inv_consent_required"}.get(problem.code, "inv_invalid_type")
    return texts(key, entry=cards.plain(problem.entry or ""), limit=problem.limit)


def _what_changed(texts: Texts, before: dict[str, Any], after: dict[str, Any],
                  tz: ZoneInfo) -> list[tuple[str, str, str]]:
    def when(m: dict[str, Any]) -> str:
        start = datetime.fromisoformat(m["start"]).astimezone(tz)
        end = datetime.fromisoformat(m["end"]).astimezone(tz)
        weekday = texts("weekdays_short").split()[start.weekday()]
        return texts("period", weekday=weekday, date=start.strftime("%d.%m.%Y"), start=start.strftime("%H:%M"),
                     end=end.strftime("%H:%M"))

    def series(m: dict[str, Any]) -> str:
        values = values_of(m, tz)
        if values["recurrence"] == "none":
            return texts("fact_none")
        return texts("edit_series", rule=texts("rec_" + values["recurrence"]), until=values["until"],
                     count=len(m.get("occurrences") or []))

    def people(m: dict[str, Any]) -> str:
        inv = m.get("invitations") or {}
        return texts("edit_people", emails=len(inv.get("emails") or []), sms=len(inv.get("sms") or []))

    lines = []
    for label, show in ((texts("fact_time"), when), (texts("fact_subject"), lambda m: cards.plain(m["subject"])),
                        (texts("fact_recurrence"), series), (texts("edit_invitees"), people)):
        old, new = show(before), show(after)
        if old != new or (label == texts("edit_invitees") and before.get("invitations") != after.get("invitations")):
            lines.append((label, old, new))
    return lines


async def _replace(turn_context: TurnContext, card: dict[str, Any]) -> None:
    """Update the card the user pressed (one live card); a new message when it cannot be updated."""
    await replace_or_send(turn_context, card, True)
