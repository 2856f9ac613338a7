"""The message extension's cards: the task module form, the card it inserts into a chat, and the
link-unfurling cards. Pure functions from plain data to card dicts.

What goes into a chat (:func:`inserted_card`, :func:`unfurl_card`) carries no invitees and no host
PIN; its only button is **Bli med** (``Action.OpenUrl``), since the bot need not be in that chat to
answer a submit.
"""
from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any, Mapping, Sequence

from adaptive_cards import card as ac
from adaptive_cards import types as act

from core.recurrence import JOIN_MARGIN

from ..i18n import Texts
from .base import build, copyable, escape, open_url, submit, text, title
from .common import format_datetime


def _field_error(errors: Mapping[str, str], field: str) -> list[Any]:
    message = errors.get(field)
    if not message:
        return []
    return [text(escape(line, limit=400) if not line.startswith("• ") else "• " + escape(line[2:], limit=400),
                 color="attention", spacing="none", size="small") for line in message.split("\n")]


def task_card(texts: Texts, templates: Sequence[Mapping[str, Any]], *, key: str,
              values: Mapping[str, str] | None = None, errors: Mapping[str, str] | None = None,
              problem: str | None = None, ask_confirm: bool = False) -> dict[str, Any]:
    """The task module: **Hurtigavtale** in one click, or Velg mal, Emne and Tidspunkt on one card
    with **Opprett møte**. ``errors`` by field id appear under their fields; ``values`` are kept."""
    values = values or {}
    errors = errors or {}
    choices = [ac.InputChoice(title=t["name"], value=t["id"]) for t in templates]
    selected = values.get("template") or (templates[0]["id"] if templates else None)
    body: list[Any] = [title(texts("compose_title"))]
    if problem:
        body.append(text(problem, color="attention", weight="bolder"))
    body += [
        text(texts("compose_quick_intro"), subtle=True),
        ac.ActionSet(actions=[submit(texts("btn_quick"), "quick_meeting", associated=False, key=key)]),
        text(texts("compose_scheduled_intro"), weight="bolder", spacing="medium"),
        ac.InputChoiceSet(id="template", label=texts("step_template"), choices=choices, value=selected,
                          is_required=True, error_message=texts("template_invalid"),
                          style=act.ChoiceInputStyle.COMPACT),
        *_field_error(errors, "template"),
        ac.InputText(id="subject", label=texts("subject_label"), placeholder=texts("subject_placeholder"),
                     max_length=200, value=values.get("subject") or None),
        *_field_error(errors, "subject"),
        text(texts("subject_rule"), subtle=True, size="small", spacing="none"),
    ]
    if ask_confirm:
        body.append(ac.InputToggle(id="subject_confirmed", title=texts("compose_subject_confirm"),
                                   label=texts("subject_label"),
                                   value="false", value_on="true", value_off="false"))
    body += [
        ac.InputText(id="when", label=texts("compose_when_label"), placeholder=texts("when_placeholder"),
                     max_length=200, value=values.get("when") or None),
        *_field_error(errors, "when"),
        text(texts("time_help"), subtle=True, size="small", spacing="none"),
    ]
    actions = [submit(texts("btn_confirm"), "confirm", style="positive", key=key)]
    return build(body, actions, fallback_text=texts("compose_title"))


def _when_lines(texts: Texts, meeting: Mapping[str, Any], tz: tzinfo) -> list[str]:
    if meeting.get("kind") == "quick" or not meeting.get("start"):
        return [texts("quick_valid_until", until=format_datetime(meeting["valid_until"], tz, texts))]
    start = datetime.fromisoformat(meeting["start"]).astimezone(tz)
    end = datetime.fromisoformat(meeting["end"]).astimezone(tz) if meeting.get("end") else None
    weekday = texts("weekdays_short").split()[start.weekday()]
    when = texts("period", weekday=weekday, date=start.strftime("%d.%m.%Y"), start=start.strftime("%H:%M"),
                 end=end.strftime("%H:%M") if end else "")
    opens = meeting.get("join_opens_at") or (start - JOIN_MARGIN).isoformat()
    opens_at = datetime.fromisoformat(opens).astimezone(tz)
    return [when, texts("compose_join_opens", time=opens_at.strftime("%H:%M"))]


def _room_lines(texts: Texts, meeting: Mapping[str, Any]) -> list[str]:
    """The room number and the guest PIN (never the host PIN) when the portal gives them."""
    lines = []
    room = meeting.get("room_number")
    if isinstance(room, str) and room:
        lines.append(texts("compose_room", room=escape(room, limit=20)))
    pin = meeting.get("guest_pin")
    if isinstance(pin, str) and pin:
        lines.append(texts("compose_guest_pin", pin=escape(pin, limit=20)))
    return lines


def inserted_card(texts: Texts, meeting: Mapping[str, Any], tz: tzinfo) -> dict[str, Any]:
    """What the user sends into the chat: the time, when participants can join, the room, the link
    and **Bli med**. The subject is the one the user typed for this card (already screened)."""
    url = meeting["join_url"]
    heading = escape(meeting.get("subject")) if meeting.get("subject") else texts("compose_card_title")
    body: list[Any] = [title(heading)]
    body += [text(line, spacing="none") for line in _when_lines(texts, meeting, tz)]
    body += [text(line, subtle=True, spacing="none") for line in _room_lines(texts, meeting)]
    body += [text(texts("quick_link_label"), subtle=True, spacing="medium"), copyable(url)]
    lines = _when_lines(texts, meeting, tz)
    return build(body, [open_url(texts("btn_join"), url)],
                 fallback_text=texts("compose_fallback", when=lines[0], url=url))


def unfurl_card(texts: Texts, meeting: Mapping[str, Any], tz: tzinfo, *, show_subject: bool) -> dict[str, Any]:
    """A pasted join link of the user's own meeting: its time and join window (subject only when
    ``show_subject``: the organizer's personal chat)."""
    shown = dict(meeting)
    if not show_subject:
        shown["subject"] = None
    return inserted_card(texts, shown, tz)


def neutral_unfurl_card(texts: Texts, url: str) -> dict[str, Any]:
    """Any other Delta link (someone else's, unknown, ended): nothing about the meeting."""
    body = [title(texts("compose_card_title")), text(texts("compose_neutral"), subtle=True)]
    actions = [open_url(texts("btn_join"), url)] if url.startswith(("https://", "http://")) else []
    return build(body, actions, fallback_text=texts("compose_neutral"))


def preview(texts: Texts, meeting: Mapping[str, Any], tz: tzinfo) -> dict[str, Any]:
    """The thumbnail card Teams shows in lists (``preview`` of an extension attachment)."""
    heading = meeting.get("subject") or texts("compose_card_title")
    return {"title": escape(heading), "text": _when_lines(texts, meeting, tz)[0]}


def neutral_preview(texts: Texts) -> dict[str, Any]:
    return {"title": texts("compose_card_title"), "text": texts("compose_neutral")}
