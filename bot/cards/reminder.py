"""The reminder when a meeting's join window opens: sent only to the organizer's personal chat,
so it may show the subject, and the room with the host PIN (:func:`~bot.cards.room.room_facts`):
the organizer is about to join as the host."""
from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any, Mapping

from ..i18n import Texts
from .base import build, escape, open_url, submit, text, title
from .room import room_facts


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
    body += room_facts(meeting, texts, personal=True)
    actions = [open_url(texts("btn_open_meeting"), meeting["join_url"]),
               submit(texts("btn_reminders_off"), "reminders_off", associated=False, meeting_id=meeting["id"])]
    return build(body, actions, fallback_text=texts("reminder_fallback", when=when, url=meeting["join_url"]))
