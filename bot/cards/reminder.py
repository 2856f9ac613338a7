"""The reminder when a meeting's join window opens: sent only to the organizer's personal chat,
so it may show the subject. The host PIN is not shown (it is on the result card and in Mine møter)."""
from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any, Mapping

from ..i18n import Texts
from .base import build, escape, open_url, submit, text, title


def reminder_card(texts: Texts, meeting: Mapping[str, Any], occurrence: Mapping[str, Any],
                  tz: tzinfo) -> dict[str, Any]:
    start = datetime.fromisoformat(occurrence["start"]).astimezone(tz)
    end = datetime.fromisoformat(occurrence["end"]).astimezone(tz)
    weekday = texts("weekdays_short").split()[start.weekday()]
    when = texts("period", weekday=weekday, date=start.strftime("%d.%m.%Y"), start=start.strftime("%H:%M"),
                 end=end.strftime("%H:%M"))
    body: list[Any] = [title(texts("reminder_title"))]
    if meeting.get("subject"):
        body.append(text(escape(meeting["subject"]), weight="bolder"))
    body += [text(when, spacing="none"), text(texts("reminder_body"), subtle=True)]
    room = meeting.get("room_number")
    if isinstance(room, str) and room:
        body.append(text(texts("reminder_room", room=escape(room, limit=20)), subtle=True, spacing="none"))
    pin = meeting.get("guest_pin")
    if isinstance(pin, str) and pin:
        body.append(text(texts("reminder_guest_pin", pin=escape(pin, limit=20)), subtle=True, spacing="none"))
    actions = [open_url(texts("btn_open_meeting"), meeting["join_url"]),
               submit(texts("btn_reminders_off"), "reminders_off", associated=False, meeting_id=meeting["id"])]
    return build(body, actions, fallback_text=texts("reminder_fallback", when=when, url=meeting["join_url"]))
