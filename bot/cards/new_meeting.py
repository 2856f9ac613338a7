"""The Ny avtale cards: one per step of the portal's "Nytt møte" form, the summary and the result.

Input ids and actions follow contracts.md section 3. Each step's primary action (its first) is
``next`` with ``step`` and ``run`` in its data, so the dialog can tell an answer to the current
card from a submit of an old one. Text that came from the user is escaped.
"""
from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any, Sequence

from adaptive_cards import card as ac
from adaptive_cards import types as act

from core.rules import FREQUENCIES, SUBJECT_MAX

from ..i18n import Texts
from .base import build, copyable, escape, facts, open_url, submit, text, title
from .common import format_datetime
from .room import room_facts

STEPS = ("template", "subject", "invitations", "time", "recurrence", "summary")


def _header(texts: Texts, step: str) -> list[Any]:
    return [
        text(texts("new_progress", n=STEPS.index(step) + 1, total=len(STEPS)), subtle=True, size="small"),
        title(texts("step_" + step)),
    ]


def _errors(errors: Sequence[str]) -> list[Any]:
    return [text(message, color="attention", weight="bolder") for message in errors]


def _step_actions(texts: Texts, step: str, run: str, primary: str | None = None) -> list[Any]:
    return [
        submit(primary or texts("btn_next"), "next", style="positive", step=step, run=run),
        submit(texts("btn_cancel"), "cancel", associated=False, step=step, run=run),
    ]


def template_explanation(texts: Texts, template: dict[str, Any]) -> str:
    return texts("template_explain", name=escape(template["name"]), max=template["max_participants"],
                 quality=escape(template["quality"]),
                 chat=texts("chat_yes") if template["chat"] else texts("chat_no"),
                 language=texts("lang_" + template["language"]) if texts.has("lang_" + template["language"])
                 else escape(template["language"]))


def template_card(texts: Texts, run: str, templates: list[dict[str, Any]], selected: str | None,
                  errors: Sequence[str] = ()) -> dict[str, Any]:
    choices = [ac.InputChoice(title=t["name"], value=t["id"]) for t in templates]
    body = _header(texts, "template") + _errors(errors) + [
        ac.InputChoiceSet(id="template", label=texts("step_template"), choices=choices, value=selected,
                          is_required=True, error_message=texts("template_invalid"),
                          style=act.ChoiceInputStyle.EXPANDED),
        text(texts("template_help"), subtle=True),
    ] + [text(template_explanation(texts, t), size="small", spacing="none") for t in templates]
    return build(body, _step_actions(texts, "template", run), fallback_text=texts("step_help_template"))


def subject_card(texts: Texts, run: str, value: str | None, errors: Sequence[str] = (),
                 explanations: Sequence[str] = (), suggestions: Sequence[str] = ()) -> dict[str, Any]:
    body = _header(texts, "subject") + _errors(errors)
    if explanations:
        body += [text("- " + line, color="attention") for line in explanations]
    body += [
        ac.InputText(id="subject", label=texts("subject_label"), placeholder=texts("subject_placeholder"),
                     value=value or None, max_length=SUBJECT_MAX, is_required=True,
                     error_message=texts("subject_required")),
        text(texts("subject_rule"), subtle=True),
    ]
    actions = _step_actions(texts, "subject", run)
    if suggestions:
        body.append(text(texts("subject_suggest"), spacing="medium"))
        body.append(ac.ActionSet(actions=[
            submit(s, "next", associated=False, step="subject", run=run, subject=s) for s in suggestions[:3]
        ]))
    return build(body, actions, fallback_text=texts("step_help_subject"))


def subject_warning_card(texts: Texts, run: str, subject: str, explanations: Sequence[str],
                         suggestions: Sequence[str] = (), unchanged: bool = False) -> dict[str, Any]:
    """A ``warn`` finding: what may be sensitive and why, once; then the organizer writes a new
    subject (the primary action), takes a neutral one in one click, or, as a separate deliberate
    action, uses the subject anyway. ``unchanged``: "Bruk nytt emne" was pressed with the same text."""
    body = _header(texts, "subject") + [
        text(texts("subject_warn"), color="warning", weight="bolder"),
    ] + [text("- " + line) for line in explanations] + [
        text(texts("subject_unchanged"), color="attention", weight="bolder") if unchanged
        else text(texts("subject_warn_question")),
        ac.InputText(id="subject", label=texts("subject_label"), value=subject, max_length=SUBJECT_MAX,
                     is_required=True, error_message=texts("subject_required")),
    ]
    if suggestions:
        body.append(text(texts("subject_suggest"), spacing="medium"))
        body.append(ac.ActionSet(actions=[
            submit(s, "next", associated=False, step="subject", run=run, subject=s) for s in suggestions[:3]
        ]))
    actions = [
        submit(texts("btn_change_subject"), "next", step="subject", run=run),
        submit(texts("btn_confirm_subject"), "next", step="subject", run=run, confirm_subject="true"),
        submit(texts("btn_cancel"), "cancel", associated=False, step="subject", run=run),
    ]
    return build(body, actions, fallback_text=texts("subject_warn_question"))


def invitations_card(texts: Texts, run: str, emails: str, sms: str, consent: bool,
                     errors: Sequence[str] = (), notes: Sequence[str] = (), keep: bool = False) -> dict[str, Any]:
    """``notes``: lines shown above the inputs (in shared conversations: why they are empty, and
    the current invitees masked); ``keep``: a **Behold inviterte** button that keeps them."""
    body = _header(texts, "invitations") + _errors(errors) + [text(note, weight="bolder") for note in notes] + [
        ac.InputText(id="emails", label=texts("emails_label"), placeholder=texts("emails_placeholder"),
                     value=emails or None, is_multiline=True, max_length=10_000),
        ac.InputText(id="sms", label=texts("sms_label"), placeholder=texts("sms_placeholder"),
                     value=sms or None, is_multiline=True, max_length=10_000),
        ac.InputToggle(id="consent", label=texts("consent_label"), title=texts("consent_title"),
                       value="true" if consent else "false", value_on="true", value_off="false"),
        text(texts("invitations_help"), subtle=True),
    ]
    actions = _step_actions(texts, "invitations", run)
    if keep:
        actions.insert(1, submit(texts("btn_keep_invitees"), "next", associated=False, step="invitations", run=run,
                                 keep="true"))
    return build(body, actions, fallback_text=texts("step_help_invitations"))


def time_card(texts: Texts, run: str, day: str, start: str, end: str, when: str = "",
              errors: Sequence[str] = (), join_opens: str | None = None, notice: str | None = None) -> dict[str, Any]:
    """``notice``: why the default differs from what was typed after "ny avtale" (a time gone by)."""
    notices = [text(notice, color="warning", weight="bolder")] if notice else []
    body = _header(texts, "time") + _errors(errors) + notices + [
        ac.InputDate(id="date", label=texts("date_label"), value=day or None),
        ac.ColumnSet(columns=[
            ac.Column(width="stretch", items=[ac.InputTime(id="start", label=texts("start_label"), value=start or None)]),
            ac.Column(width="stretch", items=[ac.InputTime(id="end", label=texts("end_label"), value=end or None)]),
        ]),
        ac.InputText(id="when", label=texts("when_label"), placeholder=texts("when_placeholder"),
                     value=when or None, max_length=200),
        text(texts("time_help"), subtle=True),
    ]
    if join_opens:
        body.append(text(texts("join_opens", when=join_opens), subtle=True))
    return build(body, _step_actions(texts, "time", run), fallback_text=texts("step_help_time"))


def recurrence_card(texts: Texts, run: str, frequency: str, until: str, errors: Sequence[str] = (),
                    preview: str | None = None) -> dict[str, Any]:
    choices = [ac.InputChoice(title=texts("rec_" + f), value=f) for f in FREQUENCIES]
    body = _header(texts, "recurrence") + _errors(errors) + [
        ac.InputChoiceSet(id="recurrence", label=texts("recurrence_label"), choices=choices,
                          value=frequency or "none", is_required=True, error_message=texts("rec_invalid")),
        ac.InputDate(id="until", label=texts("until_label"), value=until or None),
        text(texts("recurrence_help"), subtle=True),
    ]
    if preview:
        body.append(text(preview, subtle=True))
    actions = _step_actions(texts, "recurrence", run)
    actions.insert(1, submit(texts("btn_long_lived"), "next", step="recurrence", run=run, preset="long_lived"))
    return build(body, actions, fallback_text=texts("step_help_recurrence"))


def summary_card(texts: Texts, run: str, rows: Sequence[tuple[str, str]], errors: Sequence[str] = (),
                 choose_field: bool = False, retry_only: bool = False) -> dict[str, Any]:
    """``retry_only``: a create whose outcome is unknown; only **Prøv igjen** (the same request
    again, which the portal never creates twice) and **Avbryt**, no **Endre**."""
    body = _header(texts, "summary") + _errors(errors) + [facts(rows)]
    if retry_only:
        return build(body, [
            submit(texts("btn_retry"), "retry", style="positive", associated=False, retry_of="new_meeting",
                   step="summary", run=run),
            submit(texts("btn_cancel"), "cancel", associated=False, step="summary", run=run),
        ], fallback_text=texts("portal_uncertain"))
    actions = [
        submit(texts("btn_confirm"), "confirm", style="positive", associated=False, step="summary", run=run),
        submit(texts("btn_preview_invitation"), "preview_invitation", associated=False, step="summary", run=run),
        submit(texts("btn_edit"), "edit", associated=False, step="summary", run=run),
        submit(texts("btn_cancel"), "cancel", associated=False, step="summary", run=run),
    ]
    if choose_field:
        body.append(text(texts("edit_title"), weight="bolder", spacing="medium"))
        body.append(ac.ActionSet(actions=[
            submit(texts("step_" + field), "edit", associated=False, step="summary", run=run, field=field)
            for field in STEPS[:-1]
        ]))
    return build(body, actions, fallback_text=texts("step_help_summary"))


def restart_card(texts: Texts, run: str, prefill: str = "") -> dict[str, Any]:
    """A second "ny avtale" during one: start over (with what was typed after it) or go on."""
    restart = {"prefill": prefill[:200]} if prefill else {}
    return build([text(texts("restart_question"))], [
        submit(texts("btn_restart"), "restart", associated=False, run=run, **restart),
        submit(texts("btn_continue"), "resume", associated=False, run=run),
    ], fallback_text=texts("restart_question"))


def done_card(texts: Texts, label: str, value: str) -> dict[str, Any]:
    """The compact read-only line that replaces an answered step's card."""
    return line_card(texts("done_line", label=label, value=value))


def line_card(line: str) -> dict[str, Any]:
    """A read-only line in place of a card that was answered (no actions: it cannot be submitted)."""
    return build([text(line, subtle=True)], fallback_text=line)


def result_card(texts: Texts, meeting: dict[str, Any], subject: str, tz: tzinfo, shown: int = 3,
                personal: bool = False,
                calendar_url: str | None = None) -> dict[str, Any]:
    """``personal``: the organizer's personal chat, the only place the host PIN is shown."""
    url = meeting["join_url"]
    occurrences = meeting.get("occurrences") or []
    body = [
        title(texts("result_title")),
        text(escape(subject), weight="bolder"),
        text(texts("result_link_label"), subtle=True, spacing="medium"),
        copyable(url),
        *room_facts(meeting, texts, personal),
        text(texts("result_opens", when=format_datetime(meeting["join_opens_at"], tz, texts))),
    ]
    if len(occurrences) > 1:
        body.append(text(texts("result_occurrences", count=len(occurrences))))
        for occ in occurrences[:shown]:
            body.append(text("- " + period_text(texts, occ["start"], occ["end"], tz), spacing="none"))
        if len(occurrences) > shown:
            body.append(text(texts("result_more", more=len(occurrences) - shown,
                                   last=period_text(texts, occurrences[-1]["start"], occurrences[-1]["end"], tz)),
                             spacing="none"))
    invitations = meeting.get("invitations") or {}
    if invitations.get("emails") or invitations.get("sms"):
        body.append(text(texts("result_invitations", emails=invitations.get("emails", 0),
                               sms=invitations.get("sms", 0))))
    else:
        body.append(text(texts("result_no_invitations")))
    actions: list[Any] = [open_url(texts("btn_open_meeting"), url)]
    if calendar_url:
        actions.append(open_url(texts("btn_add_to_calendar"), calendar_url))
    actions.append(submit(texts("btn_my_meetings"), "my_meetings", associated=False))
    return build(body, actions, fallback_text=texts("result_fallback", url=url))


def period_text(texts: Texts, start: datetime | str, end: datetime | str, tz: tzinfo) -> str:
    """``ons 26.11.2026 13:00-14:00`` (an end on another day gets its date); the weekday names and
    the order come from the catalogue (``weekdays_short``, ``period``)."""
    if isinstance(start, str):
        start = datetime.fromisoformat(start)
    if isinstance(end, str):
        end = datetime.fromisoformat(end)
    start, end = start.astimezone(tz), end.astimezone(tz)
    day = texts("weekdays_short").split()[start.weekday()]
    end_text = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%d.%m.%Y %H:%M")
    return texts("period", weekday=day, date=start.strftime("%d.%m.%Y"), start=start.strftime("%H:%M"),
                 end=end_text)


def series_text(texts: Texts, frequency: str, series: Sequence[tuple[datetime, datetime]], tz: tzinfo) -> str:
    """``Ukentlig, 5 møter: første tir 01.12.2026 13:00-14:00, siste tir 29.12.2026 13:00-14:00.``"""
    return texts("rec_series", frequency=texts("rec_" + frequency), count=len(series),
                 first=period_text(texts, *series[0], tz), last=period_text(texts, *series[-1], tz))


def date_text(value: date) -> str:
    return value.strftime("%d.%m.%Y")
