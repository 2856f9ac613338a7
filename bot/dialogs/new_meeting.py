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

from core.booking import (
    BookingRefused,
    MeetingRequest,
    Organizer,
    body_fingerprint,
    meeting_signature,
    new_idempotency_key,
)
from core.invitees import format_phone, invitee_limit, mask_email, mask_phone, parse_consent, parse_invitees
from core.limits import LimitReached
from core.phrases import read_request_text
from core.portal import Conflict, PortalError, PortalRejected
from core.recurrence import join_window, long_lived_room, occurrences
from core.sensitive import explain, scan, suggest
from core.when import Period, read_period

from .. import actions
from ..actions import Services, card_activity, is_shared_conversation
from ..cards import common
from ..cards import new_meeting as cards
from ..cards.base import escape
from ..commands import classify, raw_rest
from ..i18n import Texts
from ..teams import command_text, raw_text
from .invitation_preview import invitation_preview

log = logging.getLogger(__name__)

DIALOG_ID = "new_meeting"
FLOW_ID = "new_meeting.flow"
STEP_IDS = {name: f"new_meeting.{name}" for name in cards.STEPS}
#: The Mal card's default (issue 6), by its exact name: see :func:`default_template`.
DEFAULT_TEMPLATE_NAME = "Videokonsultasjon (15, HD, Chat) (nb)"


def now_in(services: Services) -> datetime:
    """The users' wall clock now: the booking rules' clock (set by the app factory; frozen in
    tests), in the users' zone. The dialog never reads the system clock itself."""
    return services.booking.clock().astimezone(services.tz)


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
        texts = texts_for(context)
        selected = state["values"].get("template_id") or default_template(templates, texts.language)
        return cards.template_card(texts, state["values"]["run"], templates, selected, errors)

    async def check(self, context, state, data):
        texts = texts_for(context)
        templates = await self.services.booking.templates("scheduled")
        chosen = next((t for t in templates if t["id"] == data.get("template")), None)
        if chosen is None:
            return await self.card(context, state, [texts("template_invalid")])
        return Answer({"template_id": chosen["id"], "invitee_limit": invitee_limit(chosen["max_participants"])},
                      texts("step_template"), escape(chosen["name"]))


def default_template(templates: list[dict[str, Any]], language: str) -> str | None:
    """The template pre-selected on the Mal card, by this rule:

    1. the one named exactly :data:`DEFAULT_TEMPLATE_NAME` (the issue's default);
    2. else the first scheduled template whose invitation language is the user's (``nb``/``en``);
    3. else the first scheduled template; ``None`` when there is none.

    >>> t = [{"id": "a", "name": "Videomøte (50)", "kind": "scheduled", "language": "en"},
    ...      {"id": "b", "name": "Videokonsultasjon (15, HD, Chat) (nb)", "kind": "scheduled", "language": "nb"}]
    >>> default_template(t, "en"), default_template(t[:1], "nb"), default_template([], "nb")
    ('b', 'a', None)
    """
    scheduled = [t for t in templates if t.get("kind", "scheduled") == "scheduled"]
    for rule in (lambda t: t["name"] == DEFAULT_TEMPLATE_NAME, lambda t: t.get("language") == language,
                 lambda t: True):
        chosen = next((t for t in scheduled if rule(t)), None)
        if chosen is not None:
            return chosen["id"]
    return None


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
                                      explanations=explanations,
                                      suggestions=suggest(texts.language, values.get("template_id")))
        if findings:
            confirmed = data.get("confirm_subject") in ("true", True)
            if not (confirmed and state.get("pending_subject") == subject):
                unchanged = state.get("pending_subject") == subject  # "Bruk nytt emne", same text
                state["pending_subject"] = subject
                return cards.subject_warning_card(texts, values["run"], subject,
                                                  _explanations(findings, texts, subject),
                                                  suggest(texts.language, values.get("template_id")), unchanged)
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
        """The lists so far when editing (or after a new template). Where others read along (a group
        chat or a channel), addresses and numbers never go back into the card: the inputs stay empty
        and say why, the current invitees are shown masked with **Behold inviterte** to keep them,
        and errors name entries masked."""
        values = state["values"]
        texts = texts_for(context)
        shared = is_shared_conversation(context)
        notes: list[str] = []
        keep = False
        if values.get("invitations_done"):  # editing, or a new template: the lists so far
            fits = _invitees_fit(values)
            if not errors:
                consent = bool(values.get("emails") or values.get("sms"))
                emails = ", ".join(values.get("emails") or [])
                sms = ", ".join(format_phone(n) for n in values.get("sms") or [])
                if not fits:
                    errors = [texts("inv_too_many", limit=values.get("invitee_limit"))]
            if shared and (values.get("emails") or values.get("sms")):
                keep = fits
                notes.append(texts("inv_shared_keep" if keep else "inv_shared_retype"))
                notes.append(texts("inv_current", **_masked_lists(texts, values)))
        if shared:
            if errors and not notes:
                notes.append(texts("inv_shared_retype"))
            emails = sms = ""
        return cards.invitations_card(texts, values["run"], emails, sms, consent, errors, notes, keep)

    async def check(self, context, state, data):
        texts = texts_for(context)
        values = state["values"]
        if data.get("keep") in ("true", True) and values.get("invitations_done"):
            if not _invitees_fit(values):
                return await self.card(context, state)  # says why: too many for the new template
            return self._answer(texts, values.get("emails") or [], values.get("sms") or [])
        template = await self.services.booking.template(values.get("template_id") or "")
        limit = template["max_participants"] if template else None
        invitees, problems = parse_invitees(data.get("emails"), data.get("sms"), data.get("consent"), limit)
        if problems:
            shared = is_shared_conversation(context)
            errors = [_problem_text(texts, p, shared) for p in problems][:8]
            emails = data.get("emails") if isinstance(data.get("emails"), str) else ""
            sms = data.get("sms") if isinstance(data.get("sms"), str) else ""
            return await self.card(context, state, errors, emails[:10_000], sms[:10_000],
                                   bool(parse_consent(data.get("consent"))))
        return self._answer(texts, invitees.emails, invitees.sms)

    @staticmethod
    def _answer(texts: Texts, emails, sms) -> Answer:
        shown = texts("invitations_shown", emails=len(emails), sms=len(sms)) if emails or sms \
            else texts("fact_none")
        return Answer({"emails": list(emails), "sms": list(sms), "invitations_done": True},
                      texts("step_invitations"), shown)


def _masked_lists(texts: Texts, values: dict[str, Any]) -> dict[str, str]:
    """The invitees so far as others may see them (``o***@example.no``, ``+47 ••• •• 678``), escaped."""
    emails = ", ".join(mask_email(e) for e in values.get("emails") or [])
    sms = ", ".join(mask_phone(n) for n in values.get("sms") or [])
    return {"emails": escape(emails, limit=2000) or texts("fact_none"),
            "sms": escape(sms, limit=2000) or texts("fact_none")}


def _masked_entry(problem) -> str:
    """A refused entry as an error may name it where others read along: enough to find it among
    those typed, not enough to read it (``k***@example.no``, ``+47 •• •• •0 00``, ``o•••``)."""
    entry = problem.entry or ""
    if problem.code == "invalid_email":
        masked = mask_email(entry)
    elif problem.code in ("invalid_phone", "landline"):
        masked = mask_phone(entry)
    else:
        masked = ""
    if not masked or masked in ("***", "•••"):
        masked = entry[:1] + "•••" if entry else ""
    return masked


def _problem_text(texts: Texts, problem, shared: bool = False) -> str:
    """An invitee problem in words; where others read along (``shared``) the entry is masked."""
    entry = escape(_masked_entry(problem) if shared else problem.entry or "", limit=64)
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
        texts = texts_for(context)
        tz = self.services.tz
        notice = None
        if values.get("start") and values.get("end"):
            s = datetime.fromisoformat(values["start"]).astimezone(tz)
            e = datetime.fromisoformat(values["end"]).astimezone(tz)
            day, start, end = day or s.date().isoformat(), start or s.strftime("%H:%M"), end or e.strftime("%H:%M")
        elif not day:
            s, notice_key = default_slot(now_in(self.services), values)
            day, start = s.date().isoformat(), start or s.strftime("%H:%M")
            end = end or (s + timedelta(hours=1)).strftime("%H:%M")
            notice = texts(notice_key) if notice_key and not errors else None
        opens = None
        try:
            first, _problem = _local(date.fromisoformat(day), time.fromisoformat(start), tz)
            if first is not None:
                opens = common.format_datetime(join_window(first, first)[0], tz, texts)
        except (TypeError, ValueError):
            pass
        return cards.time_card(texts, values["run"], day, start or "", end or "", when, errors, opens, notice)

    async def from_text(self, context, text):
        return {"when": text} if text else None

    async def check(self, context, state, data):
        texts = texts_for(context)
        tz = self.services.tz
        now = now_in(self.services)
        when = _str(data.get("when"))
        day, start_text, end_text = _str(data.get("date")), _str(data.get("start")), _str(data.get("end"))
        if None in (when, day, start_text, end_text):
            return await self.card(context, state, [texts("time_bad_value")])
        if when.strip():
            found = read_period(when.strip()[:200], now, texts.language, tz=tz)
            if not isinstance(found, Period):
                # the refusal says why (contracts §4): past, end before start, a daylight-saving change
                key = {"past": "time_in_past", "end_before_start": "time_end_before_start",
                       "dst": "time_ambiguous"}.get(found.reason)
                message = texts(key) if key else texts("time_unclear", text=escape(when, limit=80))
                return await self.card(context, state, [message], when=when[:200])
            period = found
            if not period.has_time:
                return await self.card(context, state, [texts("time_no_time")], day=period.start.date().isoformat())
            if period.end is None:
                example = f"{when.strip()[:60]}-{(period.start + timedelta(hours=1)):%H:%M}"
                return await self.card(context, state, [texts("time_no_end", example=escape(example))],
                                       day=period.start.date().isoformat(), start=period.start.strftime("%H:%M"),
                                       when=when[:200])
            start, end = period.start, period.end
            if _twice(start, tz) or _twice(end, tz):  # as from the pickers: not guessed
                return await self.card(context, state, [texts("time_ambiguous")], day=start.date().isoformat(),
                                       when=when[:200])
        else:
            if not (day and start_text and end_text):
                return await self.card(context, state, [texts("time_missing")], day=day or None,
                                       start=start_text or None, end=end_text or None)
            try:
                the_day = date.fromisoformat(day.strip())
                start, start_problem = _local(the_day, time.fromisoformat(start_text.strip()[:8]), tz)
                end, end_problem = _local(the_day, time.fromisoformat(end_text.strip()[:8]), tz)
            except ValueError:
                return await self.card(context, state, [texts("time_bad_value")])
            if start_problem or end_problem:
                return await self.card(context, state, [texts(start_problem or end_problem)], day=day,
                                       start=start_text, end=end_text)
        _series, refusal = schedule(self.services, start, end)
        if refusal is not None:
            return await self.card(context, state, [_refusal_text(texts, refusal)], day=start.date().isoformat(),
                                   start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))
        return Answer({"start": start.isoformat(), "end": end.isoformat()}, texts("step_time"),
                      cards.period_text(texts, start, end, tz))


def schedule(services: Services, start: datetime, end: datetime, frequency: str = "none",
             until: date | None = None) -> tuple[list[tuple[datetime, datetime]], BookingRefused | None]:
    """What :meth:`core.booking.Booking.schedule` - the rules the meeting is created by - says of a
    time or a series: its occurrences, or why it cannot be booked (see :func:`_refusal_text`)."""
    request = MeetingRequest(template_id="", subject="", start=start, end=end, frequency=frequency, until=until)
    try:
        return services.booking.schedule(request), None
    except BookingRefused as exc:
        return [], exc


def _local(day: date, clock: time, tz) -> tuple[datetime | None, str | None]:
    """Wall-clock time on a day in ``tz`` from the pickers, or the catalogue key of why it is none:
    it does not exist (spring gap, ``time_nonexistent``) or exists twice (autumn change, 02:30 on
    31 Oct 2027: ``time_ambiguous``). The dialog does not guess which of the two is meant, neither
    here nor for typed text (where :func:`core.when.parse_period` takes the first)."""
    naive = datetime.combine(day, clock.replace(second=0, microsecond=0))
    aware = naive.replace(tzinfo=tz, fold=0)
    if aware.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != naive:
        return None, "time_nonexistent"
    if _twice(aware, tz):
        return None, "time_ambiguous"
    return aware, None


def _twice(moment: datetime, tz) -> bool:
    """Whether the wall-clock reading of ``moment`` in ``tz`` exists twice that day."""
    wall = moment.astimezone(tz).replace(tzinfo=None)
    return wall.replace(tzinfo=tz, fold=0).utcoffset() != wall.replace(tzinfo=tz, fold=1).utcoffset()


def default_slot(now: datetime, values: dict[str, Any]) -> tuple[datetime, str | None]:
    """The time card's default start, and the catalogue key of a notice when what was typed after
    "ny avtale" could not be used as it was. ``now`` is aware, in the users' zone.

    * a typed start still ahead (``start_hint``: "i morgen kl 13", no end): that start;
    * a later day (``date_hint``): 09:00 that day;
    * else the next free slot: the next whole hour, or 09:00 on the next morning outside 07-17.
      A hint for today ("ny avtale i dag") keeps the next whole hour while an hour from it still
      ends today, even in the evening; else the next morning with ``prefill_day_over``.
    * a typed time that has begun (``time_past``: "i dag kl 8-9" at 10:00), or a day gone by:
      ``prefill_time_past``.
    """
    tz = now.tzinfo
    notice = "prefill_time_past" if values.get("time_past") else None
    hint = _iso(values.get("start_hint"), datetime.fromisoformat)
    if hint is not None and hint.tzinfo is not None and hint >= now:
        return hint.astimezone(tz), notice
    day = _iso(values.get("date_hint"), date.fromisoformat)
    if day is not None and day > now.date():
        return datetime.combine(day, time(9), tz), notice
    if day is not None and day < now.date():
        notice = "prefill_time_past"
    slot = (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    slot = slot.astimezone(timezone.utc).astimezone(tz)  # a whole hour in a spring gap moves on
    if day == now.date() and (slot + timedelta(hours=1)).date() == day:
        return slot, notice
    if slot.hour >= 17 or slot.hour < 7:
        slot = datetime.combine(slot.date() + timedelta(days=1 if slot.hour >= 17 else 0), time(9), tz)
    if day == now.date():
        notice = notice or "prefill_day_over"
    return slot, notice


def _iso(value: Any, parse):
    try:
        return parse(value) if isinstance(value, str) else None
    except ValueError:
        return None


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
        if until is not None:
            series, refusal = schedule(self.services, start, end, frequency, until)
            if refusal is None:
                return cards.series_text(texts, frequency, series, tz)
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
        series, refusal = schedule(self.services, start, end, frequency, until)  # once: checked and counted
        if refusal is not None:
            return await self.card(context, state, [_refusal_text(texts, refusal)], frequency=frequency,
                                   until=until.isoformat())
        updates["until"] = until.isoformat()
        return Answer(updates, texts("step_recurrence"), cards.series_text(texts, frequency, series, tz))


#: How long after its start a meeting on a summary left open may still be created (as "now").
START_GRACE = timedelta(minutes=5)


class SummaryStep(CardStep):
    name = "summary"

    async def begin_dialog(self, dc: DialogContext, options: Any = None) -> DialogTurnResult:
        # When the summary was first shown: a start that passes after it is re-asked at create.
        dc.active_dialog.state["shown_at"] = now_in(self.services).isoformat()
        return await super().begin_dialog(dc, options)

    async def card(self, context, state, errors=(), choose_field=False):
        values = state["values"]
        texts = texts_for(context)
        rows = await self.rows(texts, values, shared=is_shared_conversation(context))
        uncertain = bool(values.get("uncertain"))
        return cards.summary_card(texts, values["run"], rows, errors, choose_field and not uncertain,
                                  retry_only=uncertain)

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
            recurrence = cards.series_text(texts, frequency, series, tz)
        return [
            (texts("fact_template"), escape(template["name"] if template else values["template_id"])),
            (texts("fact_subject"), escape(values["subject"])),
            (texts("fact_emails"), emails),
            (texts("fact_sms"), sms),
            (texts("fact_time"), cards.period_text(texts, start, end, tz)),
            (texts("fact_join"), common.format_datetime(join_window(start, end)[0], tz, texts)),
            (texts("fact_recurrence"), recurrence),
        ]

    async def check(self, context, state, data):
        texts = texts_for(context)
        action = data.get("action")
        if action == "edit":
            if state["values"].get("uncertain"):
                # An earlier "Opprett møte" may have created the meeting: nothing changes until the
                # portal has said what became of it (Prøv igjen sends the very same request).
                return await self.card(context, state, [texts("uncertain_no_edit")])
            field = data.get("field")
            if field in EDITABLE:
                return Answer({"edit": field, "keep": _kept(state["values"])}, texts("btn_edit"),
                              texts("step_" + field))
            # the facts shown may change now: the card they were on cannot be confirmed any more
            await self._collapse(context, state, texts("step_summary"), texts("btn_edit"))
            return await self.card(context, state, choose_field=True)
        if action == "preview_invitation":  # a card of its own; the summary stays the live card
            try:
                preview = await invitation_preview(self.services, texts, state["values"])
            except PortalError as exc:  # the template's language comes from the portal
                log.warning("invitation preview: templates not available: %s", type(exc).__name__)
                return await self.card(context, state, [actions.portal_error_text(texts, exc)])
            await context.send_activity(card_activity(preview))
            return None
        if action != "confirm" and not is_new_meeting_retry(data):
            return await self.card(context, state)
        return await self.create(context, state)

    async def create(self, context: TurnContext, state: dict[str, Any]):
        """**Opprett møte** (and **Prøv igjen**): create the meeting once, whatever happens.

        One idempotency key per action, kept in the form's values (``key``) with what was sent
        with it: the organizer as the first attempt saw it (``organizer``: a later look-up may find
        an e-mail the first did not) and the body's fingerprint and signature (``sent``). So:

        * success: the result card, then the summary becomes a line (a failed send leaves it);
        * a failure that may have reached the portal (``reached``: a lost answer): ``uncertain``;
          the summary offers only **Prøv igjen**, with the very same body and key (the portal
          returns the first meeting or creates it once), no **Endre**, until a definite answer;
        * the portal refused the request (4xx): nothing exists with this key; once the form is
          changed, the next attempt gets a new key (a portal may keep a refused key);
        * 409 (the key was used with another body): the meeting an earlier attempt made is looked
          up in the organizer's list and shown, with a clear word that the changes are not saved;
        * the start passed while the summary was open: the time step again (not while uncertain:
          then the earlier attempt is finished first, with the same body).
        """
        texts = texts_for(context)
        values = state["values"]
        services = self.services
        uncertain = bool(values.get("uncertain"))
        start, end = datetime.fromisoformat(values["start"]), datetime.fromisoformat(values["end"])
        if not uncertain and self._start_passed(state, start):
            return await self._time_passed(context, state)
        organizer = await services.directory.organizer(context)
        if organizer is None:
            return await self.card(context, state, [texts("no_identity")])
        sender = Organizer.from_body(values.get("organizer"))
        if sender is None or sender.id != organizer.id:
            sender = organizer
        request = MeetingRequest(
            template_id=values["template_id"], subject=values["subject"], start=start, end=end,
            frequency=values.get("frequency") or "none",
            until=date.fromisoformat(values["until"]) if values.get("until") else None,
            emails=tuple(values.get("emails") or ()), sms=tuple(values.get("sms") or ()),
        )
        try:
            body = await services.booking.meeting_body(sender, request,
                                                       subject_confirmed=bool(values.get("subject_ok")))
        except BookingRefused as exc:
            if exc.code == "in_the_past":  # the booking rules' own check: the meeting is over
                if uncertain:
                    return await self._ended(context, state, sender)
                return await self._time_passed(context, state)
            return await self.card(context, state, [_refusal_text(texts, exc)])
        fingerprint = body_fingerprint(body)
        sent = values.get("sent") if isinstance(values.get("sent"), dict) else None
        if sent is not None and sent.get("fp") != fingerprint and not uncertain:
            # Changed after an attempt that surely created nothing: a new action, a new key.
            values["key"] = new_idempotency_key()
            sender, sent = organizer, None
            body["organizer"] = sender.as_body()
            fingerprint = body_fingerprint(body)
        if sent is None:
            sent = {"fp": fingerprint, "match": [meeting_signature(body)]}
        elif sent.get("fp") != fingerprint:  # (uncertain, from an older form) the portal decides: 409 or once
            sent = {"fp": fingerprint, "match": list(sent.get("match") or [])[-3:] + [meeting_signature(body)]}
        values["organizer"], values["sent"] = sender.as_body(), sent
        key = values["key"]
        invitations = len(request.emails) + len(request.sms)
        try:
            counted = services.limits.reserve_meeting(organizer.id, invitations, key=key)
        except LimitReached as exc:
            limit_key = "limit_meetings" if exc.kind == "meetings" else "limit_invitations"
            return await self.card(context, state, [texts(limit_key, limit=exc.limit)])
        try:
            meeting = await services.booking.create_meeting(body, key)
        except Conflict:
            log.warning("creating a meeting: idempotency conflict, looking the meeting up")
            return await self._conflict(context, state, sender)
        except PortalError as exc:
            log.warning("creating a meeting failed: %s %s reached=%s", type(exc).__name__, exc.code, exc.reached)
            if isinstance(exc, PortalRejected):  # the portal's answer about this request: nothing exists
                values.pop("uncertain", None)
                services.limits.release_meeting(organizer.id, key)
            elif exc.reached:
                values["uncertain"] = True
            elif counted and not uncertain:
                services.limits.release_meeting(organizer.id, key)
            if values.get("uncertain"):
                return await self.card(context, state, [texts("portal_uncertain")])
            return await self.card(context, state, [actions.portal_error_text(texts, exc, creating=True)])
        values.pop("uncertain", None)
        services.limits.record_meeting(organizer.id, invitations, key=key)
        return await self._created(context, state, meeting, values["subject"])

    def _start_passed(self, state: dict[str, Any], start: datetime) -> bool:
        """The start went by (beyond the grace) while the summary was open. A start already behind
        when the summary was shown is the form's own choice (the guideline's long-lived room starts
        at 00:00 today); the booking rules judge that one."""
        now = now_in(self.services)
        try:
            shown = datetime.fromisoformat(state["shown_at"])
        except (KeyError, TypeError, ValueError):
            shown = now
        return start < now - START_GRACE and start >= shown - START_GRACE

    async def _time_passed(self, context: TurnContext, state: dict[str, Any]) -> "Answer":
        """Nothing is created: say so, and ask for the time again (everything else is kept)."""
        texts = texts_for(context)
        await replace_card(context, _submitted_card(context) or state.get("card_id"),
                           cards.line_card(texts("time_passed_line")))
        await context.send_activity(texts("time_passed"))
        return Answer({"edit": "time", "keep": _kept(state["values"])}, None)

    async def _ended(self, context: TurnContext, state: dict[str, Any], sender: Organizer):
        """Uncertain, and the meeting's time is over, so the same request cannot be sent again:
        the earlier attempt finished long ago; the organizer's list says what became of it."""
        values = state["values"]
        try:
            found = await self.services.booking.find_meeting(sender, (values.get("sent") or {}).get("match") or [])
        except PortalError as exc:
            log.warning("looking up an uncertain meeting failed: %s", type(exc).__name__)
            return await self.card(context, state, [texts_for(context)("portal_uncertain")])
        values.pop("uncertain", None)
        if found is not None:
            return await self._created(context, state, found, found.get("subject") or values["subject"])
        return await self._time_passed(context, state)

    def _calendar_url(self, context: TurnContext, state: dict[str, Any], meeting: dict[str, Any]) -> str | None:
        """**Legg i kalender** on the result card (bot/calendar_route.py)."""
        organizer = Organizer.from_body(state["values"].get("organizer"))
        if self.services.calendar is None or organizer is None or not isinstance(meeting.get("id"), str):
            return None
        return self.services.calendar.url(meeting["id"], organizer.id, language=texts_for(context).language,
                                          private=not is_shared_conversation(context))

    async def _created(self, context: TurnContext, state: dict[str, Any], meeting: dict[str, Any],
                       subject: str) -> "Answer":
        """The result card first; only then does the summary become a line (if sending the
        result fails, the turn fails and the summary still offers Opprett møte, same key)."""
        texts = texts_for(context)
        await context.send_activity(card_activity(cards.result_card(
            texts, meeting, subject, self.services.tz, personal=not is_shared_conversation(context),
            calendar_url=self._calendar_url(context, state, meeting))))
        await self._collapse(context, state, texts("step_summary"), escape(subject))
        return Answer({"created": meeting["id"]}, None)

    async def _conflict(self, context: TurnContext, state: dict[str, Any], sender: Organizer):
        """409: the key was used with another body. Find the meeting an earlier attempt made."""
        texts = texts_for(context)
        values = state["values"]
        signatures = list((values.get("sent") or {}).get("match") or [])
        found, as_asked = None, False
        try:
            # the meeting as the form asks for it now, else as an earlier attempt with this key asked
            found = await self.services.booking.find_meeting(sender, signatures[-1:])
            as_asked = found is not None
            if found is None and len(signatures) > 1:
                found = await self.services.booking.find_meeting(sender, signatures[:-1])
        except PortalError as exc:
            log.warning("looking up a meeting after a conflict failed: %s", type(exc).__name__)
        if found is None:
            values["uncertain"] = True
            return await self.card(context, state, [texts("conflict_not_found")])
        values.pop("uncertain", None)
        if not as_asked:
            await context.send_activity(texts("conflict_found"))
        return await self._created(context, state, found, found.get("subject") or values["subject"])


def _kept(values: dict[str, Any]) -> dict[str, Any]:
    """What an edit from the summary carries over: the action's key and what was sent with it."""
    return {name: values[name] for name in ("key", "organizer", "sent") if name in values}


def _refusal_text(texts: Texts, exc: BookingRefused) -> str:
    return {
        "end_before_start": texts("time_end_before_start"),
        "too_long": texts("time_too_long"),
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
                understood = read_request_text(prefill, now_in(self.services), texts.language,
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
        if values.get("editing") != name and _filled(name, values, self.services):
            return await step.next(None)
        return await step.begin_dialog(STEP_IDS[name], dict(values))

    async def _finish(self, step: WaterfallStepContext) -> DialogTurnResult:
        result = step.result if isinstance(step.result, dict) else {}
        if result.get("edit") in EDITABLE:
            # Ask that step again with its current answer as the default; everything else is kept,
            # and steps that depend on it (recurrence on the time, invitees on the template's
            # limit) are asked again only when they no longer fit.
            values = dict(step.values)
            values.update(result.get("keep") or {})  # the idempotency key and what was sent with it
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
            if action in ("next", "confirm", "edit", "preview_invitation") or is_new_meeting_retry(data):
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
        cancelled = "dialog_cancelled_uncertain" if values.get("uncertain") else "dialog_cancelled"
        await context.send_activity(card_activity(common.notice_card(texts, texts(cancelled))))
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


def is_new_meeting_retry(data: Any) -> bool:
    """**Prøv igjen** on a summary whose create had an uncertain outcome: the same request again."""
    return isinstance(data, dict) and data.get("action") == "retry" and data.get("retry_of") == "new_meeting"


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


def _filled(name: str, values: dict[str, Any], services: Services) -> bool:
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
        return schedule(services, start, end, frequency, until)[1] is None
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
