"""Mine møter: the organizer's upcoming meetings, one line each, paged; and the **Avlys denne**
confirmation.

A line: weekday, date, start-end of the next meeting; the subject (personal chat only); for a
series "ukentlig til 26.02, 12 igjen"; then **Åpne møtet**, **Endre**, **Avlys**, **Avlys denne**
(series) and **Legg i kalender**. Hurtigavtaler share one line with the newest link. Upcoming
first, finished and cancelled meetings left out, :data:`PAGE_SIZE` lines a page (**Neste side** /
**Forrige side**), so every page stays far below Teams' 28 KB whatever the number of meetings.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, Callable, Sequence

from adaptive_cards import card as ac
from adaptive_cards import types as act

from ..i18n import Texts
from .base import build, escape, open_url, submit, text, title
from .common import format_datetime, menu_actions
from .new_meeting import period_text
from .room import room_facts

PAGE_SIZE = 5
#: Avlys denne offers at most this many of the next meetings to pick from.
MAX_PICK = 40

#: (frequency, interval) as the portal gives a recurrence -> the catalogue's word for it
_SERIES_WORDS: dict[tuple[str, Any], str] = {("daily", 1): "series_daily", ("weekdays", 1): "series_weekdays", ("weekly", 1): "series_weekly",
                 ("weekly", 2): "series_biweekly", ("biweekly", 1): "series_biweekly",
                 ("monthly", 1): "series_monthly"}

CalendarUrl = Callable[[dict[str, Any]], "str | None"]


@dataclass(frozen=True)
class Line:
    """One line of the list: a scheduled meeting at its next occurrence, or the Hurtigavtaler."""

    meeting: dict[str, Any]
    start: datetime | None = None     # the next occurrence (scheduled)
    end: datetime | None = None
    left: int = 0                     # occurrences not yet ended, this one included
    quick_count: int = 0              # Hurtigavtaler: how many are valid


def parse_instant(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def upcoming_occurrences(meeting: dict[str, Any], now: datetime) -> list[tuple[datetime, datetime]]:
    """The meeting's occurrences that have not ended, first to last."""
    out = []
    for occurrence in meeting.get("occurrences") or []:
        start, end = parse_instant(occurrence.get("start")), parse_instant(occurrence.get("end"))
        if start is not None and end is not None and end > now:
            out.append((start, end))
    return sorted(out)


def lines(meetings: Sequence[dict[str, Any]], now: datetime) -> list[Line]:
    """What the list shows: the Hurtigavtaler (newest link) first, then scheduled meetings by their
    next occurrence; cancelled and finished ones left out."""
    quick = [m for m in meetings if m.get("kind") == "quick" and m.get("status", "active") == "active"
             and (parse_instant(m.get("valid_until")) or now) > now]
    quick.sort(key=lambda m: m.get("created_at") or "", reverse=True)
    scheduled = []
    for meeting in meetings:
        if meeting.get("kind") == "quick" or meeting.get("status", "active") != "active":
            continue
        ahead = upcoming_occurrences(meeting, now)
        if ahead:
            scheduled.append(Line(meeting, ahead[0][0], ahead[0][1], len(ahead)))
    scheduled.sort(key=lambda line: line.start or now)
    head = [Line(quick[0], quick_count=len(quick))] if quick else []
    return head + scheduled


def series_text(texts: Texts, meeting: dict[str, Any], left: int, tz: tzinfo) -> str | None:
    """``ukentlig til 26.02, 12 igjen`` for a series; ``None`` for a single meeting."""
    occurrences = meeting.get("occurrences") or []
    if len(occurrences) + len(meeting.get("cancelled_occurrences") or []) < 2:
        return None
    given = meeting.get("recurrence")
    recurrence: dict[str, Any] = given if isinstance(given, dict) else {}
    rule = (str(recurrence.get("frequency")), recurrence.get("interval", 1))
    key = _SERIES_WORDS.get(rule, "series_other")
    last = parse_instant(occurrences[-1]["start"]) if occurrences else None
    until = last.astimezone(tz).strftime("%d.%m") if last else "-"
    return texts("my_series", rule=texts(key), until=until, left=left)


def _quick_block(texts: Texts, line: Line, tz: tzinfo, calendar_url: CalendarUrl) -> list[Any]:
    meeting = line.meeting
    label = texts("my_quick_many", count=line.quick_count) if line.quick_count > 1 else texts("quick_title")
    actions: list[Any] = [open_url(texts("btn_open_meeting"), meeting["join_url"])]
    url = calendar_url(meeting)
    if url:
        actions.append(open_url(texts("btn_add_to_calendar"), url))
    actions.append(submit(texts("btn_cancel_meeting"), "cancel_meeting", associated=False, meeting_id=meeting["id"]))
    return [text(label, weight="bolder"),
            text(texts("my_quick_newest", until=format_datetime(meeting["valid_until"], tz, texts)),
                 subtle=True, spacing="none"),
            ac.ActionSet(actions=actions)]


def _scheduled_block(texts: Texts, line: Line, tz: tzinfo, shared: bool, calendar_url: CalendarUrl) -> list[Any]:
    meeting = line.meeting
    assert line.start is not None and line.end is not None
    items: list[Any] = [text(period_text(texts, line.start, line.end, tz), weight="bolder")]
    if not shared and meeting.get("subject"):
        items.append(text(escape(meeting["subject"]), spacing="none"))
    summary = series_text(texts, meeting, line.left, tz)
    if summary:
        items.append(text(summary, subtle=True, spacing="none"))
    items += room_facts(meeting, texts, personal=not shared)  # the host PIN only in the personal chat
    # two short rows (five buttons in one row are cut off on narrow screens): the link, then changes
    links: list[Any] = [open_url(texts("btn_open_meeting"), meeting["join_url"])]
    url = calendar_url(meeting)
    if url:
        links.append(open_url(texts("btn_add_to_calendar"), url))
    changes: list[Any] = [submit(texts("btn_edit"), "edit_meeting", associated=False, meeting_id=meeting["id"]),
               submit(texts("btn_cancel_meeting"), "cancel_meeting", associated=False, meeting_id=meeting["id"])]
    if summary and line.left > 1:
        changes.append(submit(texts("btn_cancel_occurrence"), "cancel_occurrence", associated=False,
                              meeting_id=meeting["id"], occurrence=line.start.isoformat()))
    items += [ac.ActionSet(actions=links), ac.ActionSet(actions=changes, spacing=act.Spacing.NONE)]
    return items


def my_meetings_card(texts: Texts, meetings: Sequence[dict[str, Any]], tz: tzinfo, now: datetime, *,
                     page: int = 0, shared: bool = False, calendar_url: CalendarUrl | None = None) -> dict[str, Any]:
    """One page of Mine møter (``page`` from 0; out of range = the nearest page)."""
    found = lines(meetings, now)
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = found[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    link = calendar_url or (lambda _meeting: None)
    body: list[Any] = [title(texts("my_meetings_title"))]
    if not found:
        body.append(text(texts("my_meetings_none")))
    for line in shown:
        block = (_quick_block(texts, line, tz, link) if line.quick_count
                 else _scheduled_block(texts, line, tz, shared, link))
        body.append(ac.Container(separator=True, spacing=act.Spacing.MEDIUM, items=block))
    if pages > 1:
        body.append(text(texts("my_meetings_page", page=page + 1, pages=pages), subtle=True, spacing="medium"))
    actions: list[Any] = []
    if page + 1 < pages:
        actions.append(submit(texts("btn_next_page"), "my_meetings", associated=False, page=page + 1))
    if page > 0:
        actions.append(submit(texts("btn_previous_page"), "my_meetings", associated=False, page=page - 1))
    actions += [a for a in menu_actions(texts) if a.data.get("action") != "my_meetings"]
    return build(body, actions, fallback_text=texts("my_meetings_fallback", count=len(found)))


def cancel_occurrence_card(texts: Texts, meeting: dict[str, Any], tz: tzinfo, now: datetime, selected: str | None,
                           *, shared: bool = False) -> dict[str, Any]:
    """**Avlys denne** asks first: which meeting of the series (the next one, or another picked
    from the list), and that the invitees are told while the rest of the series stays."""
    ahead = upcoming_occurrences(meeting, now)[:MAX_PICK]
    chosen = parse_instant(selected)
    value = next((s.isoformat() for s, _ in ahead if chosen is not None and s == chosen),
                 ahead[0][0].isoformat() if ahead else "")
    body: list[Any] = [title(texts("cancel_occurrence_title"))]
    if not shared and meeting.get("subject"):
        body.append(text(escape(meeting["subject"]), weight="bolder"))
    summary = series_text(texts, meeting, len(ahead), tz)
    if summary:
        body.append(text(summary, subtle=True, spacing="none"))
    choices = [ac.InputChoice(title=period_text(texts, s, e, tz), value=s.isoformat()) for s, e in ahead]
    body.append(ac.InputChoiceSet(id="occurrence", label=texts("occurrence_label"), choices=choices, value=value,
                                  is_required=True, error_message=texts("occurrence_label")))
    body.append(text(texts("cancel_occurrence_body")))
    actions = [submit(texts("btn_confirm_cancel_occurrence"), "cancel_occurrence", style="destructive",
                      meeting_id=meeting["id"], confirmed=True),
               submit(texts("btn_keep_meeting"), "keep_meeting", associated=False)]
    return build(body, actions, fallback_text=texts("cancel_occurrence_title"))
