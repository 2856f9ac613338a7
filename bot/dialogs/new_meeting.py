"""Ny avtale: the waterfall that walks the organizer through the portal's "Nytt møte" form.

Ideas from BotBuilder-Samples 13.core-bot: one dialog per flow, interruptions handled for every
child in one place (``on_continue_dialog``, like its ``CancelAndHelpDialog`` but safe for card
submits, whose ``text`` is ``None``), and steps that skip what is already known (pre-filled by
"ny avtale i morgen kl 13-14", or kept while editing from the summary).

Each step is a :class:`CardStep`: it sends one Adaptive Card, waits for the answer, checks it with
``core`` and either re-asks with the errors or replaces the card with a compact line of what was
chosen and ends with its values. The waterfall keeps the form's values (small, JSON-friendly).
"""
from __future__ import annotations

import logging
import secrets
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import (
    ComponentDialog,
    Dialog,
    DialogContext,
    DialogInstance,
    DialogTurnResult,
    DialogTurnStatus,
    WaterfallDialog,
    WaterfallStepContext,
)
from botbuilder.schema import ActivityTypes

from core.booking import BookingRefused, MeetingRequest, new_idempotency_key
from core.invitees import format_phone, invitee_limit, mask_email, mask_phone, parse_consent, parse_invitees
from core.limits import LimitReached
from core.portal import PortalError
from core.recurrence import SeriesTooLong, long_lived_room, occurrences
from core.sensitive import explain, scan, suggest
from core.when import parse_period

from .. import actions
from ..actions import Services, card_activity, is_shared_conversation
from ..cards import common
from ..cards import new_meeting as cards
from ..cards.base import escape
from ..i18n import Texts
from ..teams import command_text, raw_text
from core.phrases import read_request_text

log = logging.getLogger(__name__)

DIALOG_ID = "new_meeting"
FLOW_ID = "new_meeting.flow"
STEP_IDS = {name: f"new_meeting.{name}" for name in cards.STEPS}
MAX_MEETING = timedelta(hours=24)
PAST_GRACE = timedelta(minutes=5)



def texts_for(turn_context: TurnContext) -> Texts:
    return Texts.for_locale(turn_context.activity.locale)


def submitted(turn_context: TurnContext) -> dict[str, Any] | None:
    value = turn_context.activity.value
    return value if isinstance(value, dict) else None


def _str(value: Any) -> str | None:
    """A card value as text; ``None`` for a wrong type (numbers, lists, objects)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else None


class Answer:
    """A step's answer: the form values it fills, and the compact line (``label: shown``) that
    replaces its card; no ``label`` = the step already replaced its card itself."""

    def __init__(self, values: dict[str, Any], label: str | None, shown: str = ""):
        self.values, self.label, self.shown = values, label, shown


class CardStep(Dialog):
    """One step: a card, an answer, a check. Subclasses implement ``card`` and ``check``."""

    name = ""

    def __init__(self, services: Services):
        super().__init__(STEP_IDS[self.name])
        self.services = services

    # -- the dialog protocol ---------------------------------------------------------------
    async def begin_dialog(self, dc: DialogContext, options: Any = None) -> DialogTurnResult:
        dc.active_dialog.state["values"] = dict(options or {})
        await self._send(dc.context, dc.active_dialog.state, await self.card(dc.context, dc.active_dialog.state))
        return Dialog.end_of_turn

    async def continue_dialog(self, dc: DialogContext) -> DialogTurnResult:
        context = dc.context
        if context.activity.type != ActivityTypes.message:
            return Dialog.end_of_turn
        state = dc.active_dialog.state
        values = state["values"]
        texts = texts_for(context)
        data = submitted(context)
        if data is not None and (data.get("run") != values.get("run") or data.get("step") != self.name):
            # A submit from an old card (an earlier step, or an earlier Ny avtale): nothing changes.
            await context.send_activity(texts("stale_card"))
            return Dialog.end_of_turn
        if data is None:
            data = await self.from_text(context, raw_text(context))
            if data is None:
                await context.send_activity(texts("use_card"))
                await self._send(context, state, await self.card(context, state))
                return Dialog.end_of_turn
        outcome = await self.check(context, state, data)
        if isinstance(outcome, Answer):
            if outcome.label:
                await self._collapse(context, state, outcome.label, outcome.shown)
            return await dc.end_dialog(outcome.values)
        if isinstance(outcome, dict):  # a card that asks again
            await self._send(context, state, outcome)
        return Dialog.end_of_turn

    async def reprompt_dialog(self, context: TurnContext, instance: DialogInstance):
        await self._send(context, instance.state, await self.card(context, instance.state))

    # -- helpers for subclasses --------------------------------------------------------------
    async def card(self, context: TurnContext, state: dict[str, Any], errors=()) -> dict[str, Any]:
        raise NotImplementedError

    async def check(self, context: TurnContext, state: dict[str, Any], data: dict[str, Any]):
        raise NotImplementedError

    async def from_text(self, context: TurnContext, text: str) -> dict[str, Any] | None:
        """Typed text where a card answer was expected: a step may take it (time, subject)."""
        return None

    async def _send(self, context: TurnContext, state: dict[str, Any], card: dict[str, Any]) -> None:
        response = await context.send_activity(card_activity(card))
        state["card_id"] = getattr(response, "id", None)

    async def _collapse(self, context: TurnContext, state: dict[str, Any], label: str, shown: str) -> None:
        """Replace the answered card with a compact read-only line (old cards cannot be submitted
        again). Where the client cannot update a message, the dialog just goes on."""
        await replace_card(context, _submitted_card(context) or state.get("card_id"),
                           cards.done_card(texts_for(context), label, shown))


def _submitted_card(context: TurnContext) -> str | None:
    """The card a submit came from. Typed text has none (its ``replyToId`` in a channel thread is
    the thread's first message, which is not ours to update)."""
    return context.activity.reply_to_id if submitted(context) is not None else None


async def replace_card(context: TurnContext, card_id: str | None, card: dict[str, Any]) -> None:
    """``update_activity`` of a card the bot sent; a client that cannot update is no error."""
    if not isinstance(card_id, str) or not card_id:
        return
    update = card_activity(card)
    update.id = card_id
    update.type = ActivityTypes.message
    try:
        await context.update_activity(update)
    except Exception as exc:
        log.info("card not updated: %s", type(exc).__name__)


class TemplateStep(CardStep):
    name = "template"

    async def begin_dialog(self, dc: DialogContext, options: Any = None) -> DialogTurnResult:
        try:
            await self.services.booking.templates("scheduled")
        except PortalError as exc:  # no templates, no form: say so and end (nothing was created)
            log.warning("templates not available: %s", type(exc).__name__)
            texts = texts_for(dc.context)
            await dc.context.send_activity(card_activity(
                common.notice_card(texts, actions.portal_error_text(texts, exc))))
            await dc.cancel_all_dialogs()
            return DialogTurnResult(DialogTurnStatus.Cancelled, {"outcome": "failed"})
        return await super().begin_dialog(dc, options)

    async def card(self, context, state, errors=()):
        templates = await self.services.booking.templates("scheduled")
        selected = state["values"].get("template_id") or _default_template(templates)
        return cards.template_card(texts_for(context), state["values"]["run"], templates, selected, errors)

    async def check(self, context, state, data):
        texts = texts_for(context)
        templates = await self.services.booking.templates("scheduled")
        chosen = next((t for t in templates if t["id"] == data.get("template")), None)
        if chosen is None:
            return await self.card(context, state, [texts("template_invalid")])
        return Answer({"template_id": chosen["id"], "invitee_limit": invitee_limit(chosen["max_participants"])},
                      texts("step_template"), escape(chosen["name"]))


def _default_template(templates: list[dict[str, Any]]) -> str | None:
    for template in templates:
        if template["name"].startswith("Videokonsultasjon") and template["language"] == "nb":
            return template["id"]
    return templates[0]["id"] if templates else None


class SubjectStep(CardStep):
    name = "subject"

    async def card(self, context, state, errors=()):
        values = state["values"]
        return cards.subject_card(texts_for(context), values["run"], values.get("subject"), errors)

    async def from_text(self, context, text):
        return {"subject": text} if text else None

    async def check(self, context, state, data):
        texts = texts_for(context)
        values = state["values"]
        subject = _str(data.get("subject"))
        if subject is None or not subject.strip():
            return await self.card(context, state, [texts("subject_required")])
        subject = " ".join(subject.split())
        if len(subject) > cards.SUBJECT_MAX:
            return cards.subject_card(texts, values["run"], None,
                                      [texts("subject_too_long", max=cards.SUBJECT_MAX)])
        findings = scan(subject)
        blocking = [f for f in findings if f.severity == "block"]
        if blocking:
            state.pop("pending_subject", None)
            explanations = _explanations(findings, texts, subject)
            return cards.subject_card(texts, values["run"], None, [texts("subject_blocked")],
                                      explanations=explanations, suggestions=suggest(texts.language))
        if findings:
            confirmed = data.get("confirm_subject") in ("true", True)
            if not (confirmed and state.get("pending_subject") == subject):
                state["pending_subject"] = subject
                return cards.subject_warning_card(texts, values["run"], subject,
                                                  _explanations(findings, texts, subject))
        return Answer({"subject": subject, "subject_ok": bool(findings)}, texts("step_subject"), escape(subject))


def _explanations(findings, texts: Texts, subject: str) -> list[str]:
    seen: list[str] = []
    for finding in findings:
        line = explain(finding, texts.language, subject)
        if line not in seen:
            seen.append(line)
    return [escape(line, limit=400) for line in seen[:4]]


class InvitationsStep(CardStep):
    name = "invitations"

    async def card(self, context, state, errors=(), emails="", sms="", consent=False):
        values = state["values"]
        texts = texts_for(context)
        if not errors and values.get("invitations_done"):  # editing, or a new template: the lists so far
            emails = ", ".join(values.get("emails") or [])
            sms = ", ".join(format_phone(n) for n in values.get("sms") or [])
            consent = bool(values.get("emails") or values.get("sms"))
            if not _invitees_fit(values):
                errors = [texts("inv_too_many", limit=values.get("invitee_limit"))]
        return cards.invitations_card(texts, values["run"], emails, sms, consent, errors)

    async def check(self, context, state, data):
        texts = texts_for(context)
        template = await self.services.booking.template(state["values"].get("template_id") or "")
        limit = template["max_participants"] if template else None
        invitees, problems = parse_invitees(data.get("emails"), data.get("sms"), data.get("consent"), limit)
        if problems:
            errors = [_problem_text(texts, p) for p in problems][:8]
            emails = data.get("emails") if isinstance(data.get("emails"), str) else ""
            sms = data.get("sms") if isinstance(data.get("sms"), str) else ""
            return await self.card(context, state, errors, emails[:10_000], sms[:10_000],
                                   bool(parse_consent(data.get("consent"))))
        shown = texts("fact_none") if not invitees.total else \
            f"{texts('fact_emails')} {len(invitees.emails)}, {texts('fact_sms')} {len(invitees.sms)}"
        return Answer({"emails": list(invitees.emails), "sms": list(invitees.sms), "invitations_done": True},
                      texts("step_invitations"), shown)


def _problem_text(texts: Texts, problem) -> str:
    entry = escape(problem.entry or "", limit=64)
    if problem.code == "too_many":
        key = "inv_too_many_list" if problem.field in ("emails", "sms") else "inv_too_many"
        return texts(key, limit=problem.limit)
    key = {"invalid_email": "inv_invalid_email", "invalid_phone": "inv_invalid_phone",
           "landline": "inv_landline", "too_long": "inv_too_long",
           "consent_required": "inv_consent_required"}.get(problem.code, "inv_invalid_type")
    return texts(key, entry=entry)


class TimeStep(CardStep):
    name = "time"

    async def card(self, context, state, errors=(), day=None, start=None, end=None, when=""):
        values = state["values"]
        tz = self.services.tz
        if values.get("start") and values.get("end"):
            s = datetime.fromisoformat(values["start"]).astimezone(tz)
            e = datetime.fromisoformat(values["end"]).astimezone(tz)
            day, start, end = day or s.date().isoformat(), start or s.strftime("%H:%M"), end or e.strftime("%H:%M")
        elif not day:
            s = _next_slot(datetime.now(tz), values.get("date_hint"))
            day, start = s.date().isoformat(), start or s.strftime("%H:%M")
            end = end or (s + timedelta(hours=1)).strftime("%H:%M")
        opens = None
        try:
            first = datetime.combine(date.fromisoformat(day), time.fromisoformat(start), tz)
            opens = common.format_datetime(first - timedelta(minutes=20), tz, texts_for(context))
        except (TypeError, ValueError):
            pass
        return cards.time_card(texts_for(context), values["run"], day, start or "", end or "", when, errors, opens)

    async def from_text(self, context, text):
        return {"when": text} if text else None

    async def check(self, context, state, data):
        texts = texts_for(context)
        tz = self.services.tz
        now = datetime.now(tz)
        when = _str(data.get("when"))
        day, start_text, end_text = _str(data.get("date")), _str(data.get("start")), _str(data.get("end"))
        if None in (when, day, start_text, end_text):
            return await self.card(context, state, [texts("time_bad_value")])
        if when.strip():
            period = parse_period(when.strip()[:200], now, texts.language, tz=tz)
            if period is None:
                return await self.card(context, state, [texts("time_unclear", text=escape(when, limit=80))],
                                       when=when[:200])
            if not period.has_time:
                return await self.card(context, state, [texts("time_no_time")], day=period.start.date().isoformat())
            if period.end is None:
                example = f"{when.strip()[:60]}-{(period.start + timedelta(hours=1)):%H:%M}"
                return await self.card(context, state, [texts("time_no_end", example=escape(example))],
                                       day=period.start.date().isoformat(), start=period.start.strftime("%H:%M"),
                                       when=when[:200])
            start, end = period.start, period.end
        else:
            if not (day and start_text and end_text):
                return await self.card(context, state, [texts("time_missing")], day=day or None,
                                       start=start_text or None, end=end_text or None)
            try:
                the_day = date.fromisoformat(day.strip())
                start = _local(the_day, time.fromisoformat(start_text.strip()[:8]), tz)
                end = _local(the_day, time.fromisoformat(end_text.strip()[:8]), tz)
            except ValueError:
                return await self.card(context, state, [texts("time_bad_value")])
            if start is None or end is None:
                return await self.card(context, state, [texts("time_nonexistent")], day=day,
                                       start=start_text, end=end_text)
            if end <= start:
                return await self.card(context, state, [texts("time_end_before_start")], day=day,
                                       start=start_text, end=end_text)
        problem = check_period(start, end, now)
        if problem:
            return await self.card(context, state, [texts(problem)], day=start.date().isoformat(),
                                   start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))
        return Answer({"start": start.isoformat(), "end": end.isoformat()}, texts("step_time"),
                      cards.period_text(texts, start, end, tz))


def series_problem(start: datetime, end: datetime, frequency: str, until: date, tz) -> str | None:
    """The catalogue key of what is wrong with a series, or ``None`` when it can be booked."""
    if frequency == "none":
        return None
    if until < start.astimezone(tz).date():
        return "rec_until_before"
    if frequency == "weekdays" and start.astimezone(tz).weekday() > 4:
        return "rec_weekdays_weekend"
    try:
        occurrences(start, end, frequency, until, tz=tz)
    except SeriesTooLong:
        return "rec_too_long"
    except ValueError:
        return "rec_invalid"
    return None


def check_period(start: datetime, end: datetime, now: datetime) -> str | None:
    if end <= start:
        return "time_end_before_start"
    if end - start > MAX_MEETING:
        return "time_too_long"
    if start < now - PAST_GRACE:
        return "time_in_past"
    return None


def _local(day: date, clock: time, tz) -> datetime | None:
    """Wall-clock time on a day in ``tz``; ``None`` when it does not exist (spring DST gap)."""
    naive = datetime.combine(day, clock.replace(second=0, microsecond=0))
    aware = naive.replace(tzinfo=tz)
    if aware.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != naive:
        return None
    return aware


def _next_slot(now: datetime, date_hint: str | None) -> datetime:
    """The default on the time card: the next whole hour (09:00 on a hinted day)."""
    if date_hint:
        try:
            return datetime.combine(date.fromisoformat(date_hint), time(9), now.tzinfo)
        except ValueError:
            pass
    slot = (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    if slot.hour >= 17 or slot.hour < 7:
        slot = datetime.combine(slot.date() + timedelta(days=1 if slot.hour >= 17 else 0), time(9), now.tzinfo)
    return slot


class RecurrenceStep(CardStep):
    name = "recurrence"

    async def card(self, context, state, errors=(), frequency=None, until=None):
        values = state["values"]
        texts = texts_for(context)
        frequency = frequency or values.get("frequency") or "none"
        until = until if until is not None else (values.get("until") or values.get("until_hint") or "")
        return cards.recurrence_card(texts, values["run"], frequency, until, errors,
                                     preview=self.preview(texts, values, frequency, until))

    def preview(self, texts: Texts, values: dict[str, Any], frequency: str, until_text: str) -> str:
        """What repeats: the series' count, first and last when the defaults make one, else the meeting."""
        tz = self.services.tz
        start = datetime.fromisoformat(values["start"]).astimezone(tz)
        end = datetime.fromisoformat(values["end"]).astimezone(tz)
        try:
            until = date.fromisoformat(until_text) if frequency in cards.FREQUENCIES[1:] and until_text else None
        except (TypeError, ValueError):
            until = None
        if until is not None and series_problem(start, end, frequency, until, tz) is None:
            series = occurrences(start, end, frequency, until, tz=tz)
            return f"{texts('rec_' + frequency)}, " + texts(
                "rec_count", count=len(series), first=cards.period_text(texts, *series[0], tz),
                last=cards.period_text(texts, *series[-1], tz))
        return texts("rec_first", period=cards.period_text(texts, start, end, tz))

    async def check(self, context, state, data):
        texts = texts_for(context)
        values = state["values"]
        tz = self.services.tz
        preset = data.get("preset") == "long_lived"
        frequency = "daily" if preset else data.get("recurrence")
        until_text = _str(data.get("until"))
        if frequency not in cards.FREQUENCIES or until_text is None:
            return await self.card(context, state, [texts("rec_invalid")])
        start = datetime.fromisoformat(values["start"]).astimezone(tz)
        end = datetime.fromisoformat(values["end"]).astimezone(tz)
        updates: dict[str, Any] = {"frequency": frequency, "until": None}
        if frequency == "none":
            return Answer(updates, texts("step_recurrence"), texts("rec_none"))
        try:
            until = date.fromisoformat(until_text.strip())
        except ValueError:
            return await self.card(context, state, [texts("rec_until_required")], frequency=frequency)
        if preset:  # the guideline's long-lived room: 00:00-23:30 daily until the chosen date
            start, end, _, _ = long_lived_room(start.date(), until, tz)
            updates.update(start=start.isoformat(), end=end.isoformat())
        problem = series_problem(start, end, frequency, until, tz)
        if problem:
            return await self.card(context, state, [texts(problem)], frequency=frequency,
                                   until=until.isoformat())
        series = occurrences(start, end, frequency, until, tz=tz)
        updates["until"] = until.isoformat()
        shown = f"{texts('rec_' + frequency)}, " + texts(
            "rec_count", count=len(series), first=cards.period_text(texts, *series[0], tz),
            last=cards.period_text(texts, *series[-1], tz))
        return Answer(updates, texts("step_recurrence"), shown)


class SummaryStep(CardStep):
    name = "summary"

    async def card(self, context, state, errors=(), choose_field=False):
        values = state["values"]
        texts = texts_for(context)
        rows = await self.rows(texts, values, shared=is_shared_conversation(context))
        return cards.summary_card(texts, values["run"], rows, errors, choose_field)

    async def rows(self, texts: Texts, values: dict[str, Any], shared: bool = False) -> list[tuple[str, str]]:
        """The form as facts. Addresses and numbers in full (numbers normalised, +47 923 45 678) in
        a personal chat, where the organizer checks them; masked where others can read along."""
        tz = self.services.tz
        template = await self.services.booking.template(values["template_id"])
        start = datetime.fromisoformat(values["start"]).astimezone(tz)
        end = datetime.fromisoformat(values["end"]).astimezone(tz)
        show_email, show_phone = (mask_email, mask_phone) if shared else (str, format_phone)
        emails = escape(", ".join(show_email(e) for e in values.get("emails") or []), limit=4000) \
            or texts("fact_none")
        sms = escape(", ".join(show_phone(n) for n in values.get("sms") or []), limit=4000) or texts("fact_none")
        frequency = values.get("frequency") or "none"
        recurrence = texts("rec_" + frequency)
        if frequency != "none":
            series = occurrences(start, end, frequency, date.fromisoformat(values["until"]), tz=tz)
            recurrence += ", " + texts("rec_count", count=len(series), first=cards.period_text(texts, *series[0], tz),
                                       last=cards.period_text(texts, *series[-1], tz))
        return [
            (texts("fact_template"), escape(template["name"] if template else values["template_id"])),
            (texts("fact_subject"), escape(values["subject"])),
            (texts("fact_emails"), emails),
            (texts("fact_sms"), sms),
            (texts("fact_time"), cards.period_text(texts, start, end, tz)),
            (texts("fact_join"), common.format_datetime(start - timedelta(minutes=20), tz, texts)),
            (texts("fact_recurrence"), recurrence),
        ]

    async def check(self, context, state, data):
        texts = texts_for(context)
        action = data.get("action")
        if action == "edit":
            field = data.get("field")
            if field in EDITABLE:
                return Answer({"edit": field}, texts("btn_edit"), texts("step_" + field))
            # the facts shown may change now: the card they were on cannot be confirmed any more
            await self._collapse(context, state, texts("step_summary"), texts("btn_edit"))
            return await self.card(context, state, choose_field=True)
        if action != "confirm":
            return await self.card(context, state)
        return await self.create(context, state)

    async def create(self, context: TurnContext, state: dict[str, Any]):
        texts = texts_for(context)
        values = state["values"]
        services = self.services
        organizer = await services.directory.organizer(context)
        if organizer is None:
            return await self.card(context, state, [texts("no_identity")])
        request = MeetingRequest(
            template_id=values["template_id"], subject=values["subject"],
            start=datetime.fromisoformat(values["start"]), end=datetime.fromisoformat(values["end"]),
            frequency=values.get("frequency") or "none",
            until=date.fromisoformat(values["until"]) if values.get("until") else None,
            emails=tuple(values.get("emails") or ()), sms=tuple(values.get("sms") or ()),
        )
        invitations = len(request.emails) + len(request.sms)
        try:
            services.limits.check_meeting(organizer.id, invitations, key=values["key"])
        except LimitReached as exc:
            key = "limit_meetings" if exc.kind == "meetings" else "limit_invitations"
            return await self.card(context, state, [texts(key, limit=exc.limit)])
        try:
            meeting = await services.booking.new_meeting(organizer, request, values["key"],
                                                         subject_confirmed=bool(values.get("subject_ok")))
        except BookingRefused as exc:
            return await self.card(context, state, [_refusal_text(texts, exc)])
        except PortalError as exc:
            log.warning("creating a meeting failed: %s %s", type(exc).__name__, exc.code)
            return await self.card(context, state, [actions.portal_error_text(texts, exc)])
        services.limits.record_meeting(organizer.id, invitations, key=values["key"])
        await self._collapse(context, state, texts("step_summary"), escape(values["subject"]))
        await context.send_activity(card_activity(cards.result_card(texts, meeting, values["subject"], services.tz)))
        return Answer({"created": meeting["id"]}, None)


def _refusal_text(texts: Texts, exc: BookingRefused) -> str:
    return {
        "end_before_start": texts("time_end_before_start"),
        "in_the_past": texts("time_in_past"),
        "until_required": texts("rec_until_required"),
        "until_before_start": texts("rec_until_before"),
        "series_too_long": texts("rec_too_long"),
        "weekdays_on_weekend": texts("rec_weekdays_weekend"),
        "invalid_recurrence": texts("rec_invalid"),
        "too_many_invitees": texts("inv_too_many", limit=exc.detail)
        if isinstance(exc.detail, int) else texts("reject_too_many_invitees"),
        "sensitive_subject": texts("subject_blocked"),
        "subject_needs_confirmation": texts("subject_warn_question"),
        "unknown_template": texts("template_invalid"),
    }.get(exc.code, texts("portal_unavailable"))


class NewMeetingDialog(ComponentDialog):
    """The Ny avtale flow with interruptions (avbryt/lukk, hjelp, hurtig, ny avtale) at every step.

    It ends with ``{"outcome": "created" | "cancelled", "run": ..., "meeting_id": ...}`` so the
    activity handler can tell a late click on one of its cards what became of it
    (:func:`remember_outcome`, :func:`stale_notice`).
    """

    def __init__(self, services: Services):
        super().__init__(DIALOG_ID)
        self.services = services
        for step in (TemplateStep, SubjectStep, InvitationsStep, TimeStep, RecurrenceStep, SummaryStep):
            self.add_dialog(step(services))
        self.add_dialog(WaterfallDialog(FLOW_ID, [
            self._start, self._ask("subject"), self._ask("invitations"), self._ask("time"),
            self._ask("recurrence"), self._ask("summary"), self._finish,
        ]))
        self.initial_dialog_id = FLOW_ID

    # -- waterfall ---------------------------------------------------------------------------
    async def _start(self, step: WaterfallStepContext) -> DialogTurnResult:
        options = step.options if isinstance(step.options, dict) else {}
        values = step.values
        if isinstance(options.get("values"), dict):  # editing: the form so far, one step to ask again
            values.update(options["values"])
        else:
            values.update(run=secrets.token_hex(4), key=new_idempotency_key())
            prefill = options.get("prefill")
            if isinstance(prefill, str) and prefill.strip():
                texts = texts_for(step.context)
                understood = read_request_text(prefill, datetime.now(self.services.tz), texts.language,
                                               self.services.tz)
                values.update(understood)
                if not understood:
                    await step.context.send_activity(texts("prefill_unclear", text=escape(prefill, limit=80)))
        return await self._next_or_ask(step, "template")

    def _ask(self, name: str):
        async def ask(step: WaterfallStepContext) -> DialogTurnResult:
            if isinstance(step.result, dict):
                step.values.update(step.result)
                step.values.pop("editing", None)
            return await self._next_or_ask(step, name)

        ask.__name__ = f"ask_{name}"
        return ask

    async def _next_or_ask(self, step: WaterfallStepContext, name: str) -> DialogTurnResult:
        values = step.values
        if values.get("editing") != name and _filled(name, values, self.services.tz):
            return await step.next(None)
        return await step.begin_dialog(STEP_IDS[name], dict(values))

    async def _finish(self, step: WaterfallStepContext) -> DialogTurnResult:
        result = step.result if isinstance(step.result, dict) else {}
        if result.get("edit") in EDITABLE:
            # Ask that step again with its current answer as the default; everything else is kept,
            # and steps that depend on it (recurrence on the time, invitees on the template's
            # limit) are asked again only when they no longer fit.
            values = dict(step.values)
            values["editing"] = result["edit"]
            return await step.replace_dialog(FLOW_ID, {"values": values})
        return await step.end_dialog({"outcome": "created", "run": step.values.get("run"),
                                      "meeting_id": result.get("created")})

    # -- interruptions -----------------------------------------------------------------------
    async def on_continue_dialog(self, inner_dc: DialogContext) -> DialogTurnResult:
        result = await self._interrupt(inner_dc)
        if result is not None:
            return result
        return await super().on_continue_dialog(inner_dc)

    async def _interrupt(self, inner_dc: DialogContext) -> DialogTurnResult | None:
        context = inner_dc.context
        if context.activity.type != ActivityTypes.message:
            return None
        texts = texts_for(context)
        data = submitted(context)
        values = _current_values(inner_dc)
        run = values.get("run") if values else None
        prefill = ""
        if data is not None:
            action = data.get("action")
            if not isinstance(action, str):
                # Every card the bot sends has an action (contracts section 3): not from one of ours.
                await context.send_activity(texts("stale_card"))
                return Dialog.end_of_turn
            from_this_run = data.get("run") == run
            if action in ("next", "confirm", "edit"):
                return None
            if action == "cancel":
                if data.get("run") not in (None, run):
                    await context.send_activity(texts("stale_card"))
                    return Dialog.end_of_turn
                return await self._cancel(inner_dc, texts)
            if action == "restart" and from_this_run:
                await replace_card(context, context.activity.reply_to_id,
                                   cards.line_card(texts("restart_done")))
                await inner_dc.cancel_all_dialogs()
                prefill = data.get("prefill") if isinstance(data.get("prefill"), str) else ""
                return await inner_dc.begin_dialog(FLOW_ID, {"prefill": prefill[:200]})
            if action == "resume" and from_this_run:
                await replace_card(context, context.activity.reply_to_id,
                                   cards.line_card(texts("resume_done")))
                await inner_dc.reprompt_dialog()
                return Dialog.end_of_turn
            command = action
        else:
            from ..handler import classify, raw_rest

            command, _rest = classify(command_text(context))
            prefill = raw_rest(context) if command == "new_meeting" else ""
        if command == "cancel":
            return await self._cancel(inner_dc, texts)
        if command == "help":
            step_name = _step_name(inner_dc)
            help_line = texts("step_help_" + step_name) if step_name else None
            await context.send_activity(card_activity(common.help_card(texts, help_line)))
            await inner_dc.reprompt_dialog()
            return Dialog.end_of_turn
        if command == "retry":
            command = {"quick_meeting": "quick_meeting", "my_meetings": "my_meetings"}.get((data or {}).get("retry_of"))
            if command is None:
                return None
        if command == "quick_meeting":
            key = data.get("key") if data and data.get("action") == "retry" else None
            await actions.quick_meeting(context, self.services, texts, idempotency_key=key)
            await inner_dc.reprompt_dialog()
            return Dialog.end_of_turn
        if command == "new_meeting":
            await context.send_activity(card_activity(cards.restart_card(texts, run or "", prefill)))
            return Dialog.end_of_turn
        if command == "my_meetings":
            await actions.my_meetings(context, self.services, texts)
            await inner_dc.reprompt_dialog()
            return Dialog.end_of_turn
        if command in ("cancel_meeting", "keep_meeting") and data is not None:
            if command == "cancel_meeting":
                await actions.cancel_meeting(context, self.services, texts, data.get("meeting_id"),
                                             confirmed=actions.is_true(data.get("confirmed")))
            else:
                await actions.keep_meeting(context, texts)
            await inner_dc.reprompt_dialog()
            return Dialog.end_of_turn
        if data is not None and command not in (None,):
            # Buttons from other cards (restart/resume of an old run, unknown actions): stale.
            await context.send_activity(texts("stale_card"))
            return Dialog.end_of_turn
        return None

    async def _cancel(self, inner_dc: DialogContext, texts: Texts) -> DialogTurnResult:
        """End the dialog and say so; the card(s) of the step become a read-only line."""
        context = inner_dc.context
        values = _current_values(inner_dc) or {}
        active = inner_dc.active_dialog
        shown = {_submitted_card(context), (active.state or {}).get("card_id") if active else None}
        for card_id in shown - {None}:
            await replace_card(context, card_id, cards.line_card(texts("cancelled_line")))
        await context.send_activity(card_activity(common.notice_card(texts, texts("dialog_cancelled"))))
        await inner_dc.cancel_all_dialogs()
        return DialogTurnResult(DialogTurnStatus.Cancelled, {"outcome": "cancelled", "run": values.get("run")})


# -- what became of a finished Ny avtale (for late clicks on its cards) --------------------------
FINISHED_PROPERTY = "NewMeetingFinished"
FINISHED_KEPT = 20


async def remember_outcome(accessor, context: TurnContext, result: DialogTurnResult | None) -> None:
    """Keep the outcome of a dialog that just ended (``accessor``: a property of the user's
    conversation state), so a second click on its cards gets a precise notice."""
    outcome = getattr(result, "result", None)
    if getattr(result, "status", None) != DialogTurnStatus.Complete or not isinstance(outcome, dict):
        return
    run = outcome.get("run")
    if not isinstance(run, str) or outcome.get("outcome") not in ("created", "cancelled"):
        return
    finished = dict(await accessor.get(context, dict) or {})
    finished.pop(run, None)
    finished[run] = outcome["outcome"]
    while len(finished) > FINISHED_KEPT:
        finished.pop(next(iter(finished)))
    await accessor.set(context, finished)


async def stale_notice(accessor, context: TurnContext, data: dict[str, Any]) -> str:
    """The catalogue key for a Ny avtale card submitted after its dialog ended."""
    run = data.get("run") if isinstance(data, dict) else None
    finished = await accessor.get(context, dict) if isinstance(run, str) else None
    outcome = finished.get(run) if isinstance(finished, dict) else None
    return {"created": "already_created", "cancelled": "already_cancelled"}.get(outcome, "stale_card")


EDITABLE = cards.STEPS[:-1]


def _invitees_fit(values: dict[str, Any]) -> bool:
    """Whether the invitees so far fit the chosen template (it may have changed while editing)."""
    limit = values.get("invitee_limit")
    count = len(values.get("emails") or []) + len(values.get("sms") or [])
    return not isinstance(limit, int) or count <= limit


def _filled(name: str, values: dict[str, Any], tz) -> bool:
    """Whether a step's answer is already known (pre-filled or kept while editing) and still fits."""
    if name == "template":
        return bool(values.get("template_id"))
    if name == "subject":
        return bool(values.get("subject"))
    if name == "invitations":
        return bool(values.get("invitations_done")) and _invitees_fit(values)
    if name == "time":
        return bool(values.get("start") and values.get("end"))
    if name == "recurrence":
        frequency = values.get("frequency")
        if frequency not in cards.FREQUENCIES:
            return False
        if frequency == "none":
            return True
        if not (values.get("until") and values.get("start") and values.get("end")):
            return False
        try:
            start, end = datetime.fromisoformat(values["start"]), datetime.fromisoformat(values["end"])
            until = date.fromisoformat(values["until"])
        except (TypeError, ValueError):
            return False
        return series_problem(start, end, frequency, until, tz) is None
    return False


def _current_values(inner_dc: DialogContext) -> dict[str, Any] | None:
    active = inner_dc.active_dialog
    if active is None:
        return None
    state = active.state or {}
    values = state.get("values")
    return values if isinstance(values, dict) else None


def _step_name(inner_dc: DialogContext) -> str | None:
    active = inner_dc.active_dialog
    if active is None or not active.id.startswith("new_meeting."):
        return None
    name = active.id.split(".", 1)[1]
    return name if name in cards.STEPS else None
