"""**Endre**: a booked meeting's values on one card, and what changed after saving.

Inputs use contracts §3's ids (``subject``, ``date``, ``start``, ``end``, ``when``, ``emails``,
``sms``, ``consent``, ``recurrence``, ``until``); the primary action ``save_meeting`` carries the
meeting id and the idempotency key of this edit. Shown only in the organizer's personal chat.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from adaptive_cards import card as ac
from adaptive_cards import types as act

from core.recurrence import FREQUENCIES

from ..i18n import Texts
from .base import build, escape, open_url, submit, text, title

CHOICES = ("none", *[f for f in FREQUENCIES if f != "none"], "biweekly")


def _errors(errors: Mapping[str, str], field: str) -> list[Any]:
    message = errors.get(field)
    return [text(line, color="attention", size="small", spacing="none") for line in message.split("\n")] \
        if message else []


def edit_card(texts: Texts, meeting_id: str, key: str, values: Mapping[str, str],
              errors: Mapping[str, str] | None = None, *, warn: bool = False) -> dict[str, Any]:
    """The form, filled with ``values`` (the meeting's, or what was typed); ``errors`` by field."""
    errors = errors or {}
    order = [c for c in ("none", "daily", "weekdays", "weekly", "biweekly", "monthly") if c in CHOICES]
    body: list[Any] = [title(texts("edit_meeting_title"))]
    if errors.get("_"):
        body.append(text(errors["_"], color="attention", weight="bolder"))
    body += [
        ac.InputText(id="subject", label=texts("subject_label"), value=values.get("subject") or None, max_length=200),
        *_errors(errors, "subject"),
        text(texts("subject_rule"), subtle=True, size="small", spacing="none"),
    ]
    if warn:
        body.append(ac.InputToggle(id="subject_confirmed", label=texts("subject_label"),
                                   title=texts("compose_subject_confirm"), value="false",
                                   value_on="true", value_off="false"))
    body += [
        ac.InputDate(id="date", label=texts("date_label"), value=values.get("date") or None),
        ac.ColumnSet(columns=[
            ac.Column(width="stretch", items=[ac.InputTime(id="start", label=texts("start_label"),
                                                           value=values.get("start") or None)]),
            ac.Column(width="stretch", items=[ac.InputTime(id="end", label=texts("end_label"),
                                                           value=values.get("end") or None)]),
        ]),
        ac.InputText(id="when", label=texts("when_label"), placeholder=texts("when_placeholder"),
                     value=values.get("when") or None, max_length=200),
        *_errors(errors, "when"),
        ac.InputChoiceSet(id="recurrence", label=texts("step_recurrence"), value=values.get("recurrence") or "none",
                          choices=[ac.InputChoice(title=texts("rec_" + c), value=c) for c in order],
                          style=act.ChoiceInputStyle.COMPACT),
        ac.InputDate(id="until", label=texts("until_label"), value=values.get("until") or None),
        *_errors(errors, "recurrence"),
        ac.InputText(id="emails", label=texts("emails_label"), value=values.get("emails") or None,
                     is_multiline=True, max_length=10_000),
        ac.InputText(id="sms", label=texts("sms_label"), value=values.get("sms") or None,
                     is_multiline=True, max_length=10_000),
        ac.InputToggle(id="consent", label=texts("consent_label"), title=texts("consent_title"),
                       value="false", value_on="true", value_off="false"),
        *_errors(errors, "invitations"),
        text(texts("edit_invitees_told"), subtle=True, size="small"),
    ]
    actions = [submit(texts("btn_save_meeting"), "save_meeting", style="positive", meeting_id=meeting_id, key=key),
               submit(texts("btn_close"), "edit_closed", associated=False, meeting_id=meeting_id)]
    return build(body, actions, fallback_text=texts("edit_meeting_title"))


def changed_card(texts: Texts, lines: Sequence[tuple[str, str, str]], join_url: str) -> dict[str, Any]:
    """After saving: one line per changed field, ``label: before → after`` (values already escaped)."""
    body: list[Any] = [title(texts("edit_saved"))]
    if not lines:
        body.append(text(texts("edit_nothing_changed")))
    for label, before, after in lines:
        body.append(text(texts("edit_change_line", label=label, before=before, after=after), spacing="none"))
    return build(body, [open_url(texts("btn_open_meeting"), join_url),
                        submit(texts("btn_my_meetings"), "my_meetings", associated=False)],
                 fallback_text=texts("edit_saved"))


def plain(value: str) -> str:
    return escape(value, limit=200)
