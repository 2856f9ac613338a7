"""Welcome, help, unknown input, quick meeting and failure cards."""
from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from ..i18n import Texts
from .base import build, copyable, escape, open_url, submit, text, title  # noqa: F401
from .room import room_facts


def format_datetime(value: datetime | str, tz: tzinfo, texts: Texts) -> str:
    """A timestamp as the user reads it: ``25.11.2027 kl. 14:00`` (nb) / ``25.11.2027 14:00`` (en)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    local = value.astimezone(tz)
    return texts("datetime", date=local.strftime("%d.%m.%Y"), time=local.strftime("%H:%M"))


def menu_actions(texts: Texts) -> list[Any]:
    return [
        submit(texts("btn_quick"), "quick_meeting", associated=False),
        submit(texts("btn_new"), "new_meeting", associated=False),
        submit(texts("btn_help"), "help", associated=False),
        submit(texts("btn_my_meetings"), "my_meetings", associated=False),
    ]


def welcome_card(texts: Texts) -> dict[str, Any]:
    return build(
        [title(texts("welcome_title")), text(texts("welcome_body"))],
        menu_actions(texts),
        fallback_text=texts("welcome_fallback"),
    )


def help_card(texts: Texts, step_help: str | None = None) -> dict[str, Any]:
    body = [title(texts("help_title"))]
    if step_help:
        body.append(text(step_help, weight="bolder"))
    body += [
        text(texts("help_body")),
        text(texts("help_quick")),
        text(texts("help_new")),
        text(texts("help_my_meetings")),
        text(texts("help_cancel")),
        text(texts("help_rules"), color="attention"),
        text(texts("help_dips"), subtle=True),
    ]
    return build(body, menu_actions(texts), fallback_text=texts("help_fallback"))


def unknown_card(texts: Texts) -> dict[str, Any]:
    return build([text(texts("unknown"))], menu_actions(texts), fallback_text=texts("unknown_fallback"))


def quick_meeting_card(texts: Texts, meeting: dict[str, Any], tz: tzinfo,
                       organizer_name: str | None = None, shared: bool = False,
                       calendar_url: str | None = None) -> dict[str, Any]:
    """The instant link: shown as text to copy, **Åpne møtet**, and how long it is valid."""
    url = meeting["join_url"]
    until = format_datetime(meeting["valid_until"], tz, texts)
    intro = (texts("quick_group_body", name=escape(organizer_name or "?")) if shared
             else texts("quick_body"))
    body = [
        title(texts("quick_title")),
        text(intro),
        text(texts("quick_link_label"), subtle=True, spacing="medium"),
        copyable(url),
        *room_facts(meeting, texts, personal=not shared),
        text(texts("quick_valid_until", until=until), subtle=True),
    ]
    actions: list[Any] = [open_url(texts("btn_open_meeting"), url)]
    if calendar_url:
        actions.append(open_url(texts("btn_add_to_calendar"), calendar_url))
    actions.append(submit(texts("btn_quick"), "quick_meeting", associated=False))
    return build(body, actions, fallback_text=texts("quick_fallback", url=url, until=until))


def failure_card(texts: Texts, message: str, *, retry: dict[str, Any] | None = None) -> dict[str, Any]:
    """A failure the user can act on; ``retry`` is the data of the **Prøv igjen** button."""
    actions = []
    if retry is not None:
        actions.append(submit(texts("btn_retry"), "retry", associated=False, **retry))
    actions.append(submit(texts("btn_help"), "help", associated=False))
    return build([title(texts("error_title")), text(message)], actions, fallback_text=message)


def notice_card(texts: Texts, message: str) -> dict[str, Any]:
    return build([text(message)], menu_actions(texts), fallback_text=message)


def _meeting_lines(texts: Texts, meeting: dict[str, Any], tz: tzinfo) -> tuple[str, str]:
    """What a meeting is called (its subject, escaped) and when it is, for lists and confirmations."""
    if meeting["kind"] == "quick":
        until = format_datetime(meeting["valid_until"], tz, texts)
        return texts("quick_title"), texts("quick_valid_until", until=until)
    when = format_datetime(meeting["start"], tz, texts)
    if len(meeting.get("occurrences") or []) > 1:
        when = texts("my_meetings_when_series", when=when, count=len(meeting["occurrences"]))
    return escape(meeting.get("subject") or ""), when


def cancel_confirm_card(texts: Texts, meeting: dict[str, Any], tz: tzinfo) -> dict[str, Any]:
    """**Avlys** asks first: the meeting, what happens (the link stops working, invitees are told)."""
    label, when = _meeting_lines(texts, meeting, tz)
    body = [title(texts("cancel_confirm_title")), text(label, weight="bolder"),
            text(when, subtle=True, spacing="none"), text(texts("cancel_confirm_body"))]
    actions = [submit(texts("btn_confirm_cancel_meeting"), "cancel_meeting", style="destructive", associated=False,
                      meeting_id=meeting["id"], confirmed=True),
               submit(texts("btn_keep_meeting"), "keep_meeting", associated=False)]
    return build(body, actions, fallback_text=texts("cancel_confirm_title"))
