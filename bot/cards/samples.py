"""Every card the bot can send, built with representative data (for the card checks and previews).

``sample_cards(locale)`` returns name -> card dict. Keep it in step with the builders: a new card
or a new state of a card (errors, warnings) gets an entry here, so it is checked against the
Adaptive Card schema, Teams' limits and Microsoft's renderer in both languages.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from core.invitations.preview import Preview, preview, series_of

from ..i18n import Texts
from . import common
from . import my_meetings as mm
from . import new_meeting as nm
from .base import escape
from .invitation_preview import invitation_preview_card

TZ = ZoneInfo("Europe/Oslo")
RUN = "a1b2c3d4"
URL = "https://delta.siv.no/portal/webapp/conference/482193"
ROOM = {"room_number": "482193", "guest_pin": None, "host_pin": "730516", "sip_address": "482193@join.nhn.no"}
SENSITIVE_ROOM = dict(ROOM, guest_pin="265804")

TEMPLATES: list[dict[str, Any]] = [
    {"id": "videokonsultasjon-15-hd-chat-nb", "name": "Videokonsultasjon (15, HD, Chat) (nb)", "kind": "scheduled",
     "max_participants": 15, "quality": "HD", "chat": True, "language": "nb"},
    {"id": "videokonsultasjon-15-hd-chat-en", "name": "Videokonsultasjon (15, HD, Chat) (en)", "kind": "scheduled",
     "max_participants": 15, "quality": "HD", "chat": True, "language": "en"},
    {"id": "videomote-50-fullhd-chat-nb", "name": "Videomøte (50, FullHD, Chat) (nb)", "kind": "scheduled",
     "max_participants": 50, "quality": "FullHD", "chat": True, "language": "nb"},
    {"id": "sensitivt-rom-5-hd-nb", "name": "Sensitivt rom (5, HD) (nb)", "kind": "scheduled",
     "max_participants": 5, "quality": "HD", "chat": False, "language": "nb"},
]

QUICK: dict[str, Any] = {"id": "Q2xq4x9mZ0aB", "kind": "quick", "template_id": "hurtigavtale-365", "join_url": URL,
                         "valid_until": "2027-11-25T09:00:00+00:00", "created_at": "2026-11-25T09:00:00+00:00", **ROOM}


def _series(count: int) -> list[dict[str, str]]:
    from datetime import datetime, timedelta

    first = datetime(2026, 12, 1, 13, 0, tzinfo=TZ)
    return [{"start": (first + timedelta(weeks=i)).isoformat(),
             "end": (first + timedelta(weeks=i, hours=1)).isoformat()} for i in range(count)]


def _preview(occ: list[dict[str, str]], template_id: str, frequency: str = "none") -> Preview:
    from datetime import date, datetime

    template = next(t for t in TEMPLATES if t["id"] == template_id)
    dates = [(datetime.fromisoformat(o["start"]), datetime.fromisoformat(o["end"])) for o in occ]
    until = date.fromisoformat(occ[-1]["start"][:10])
    return preview(template, "**Fagmøte** <b>", dates, series_of(frequency, until))
CALENDAR_URL = ("https://delta-bot.siv.no/calendar/TTFRMkdxcTR4OW1aMGFCCjNmMmE0YjVjLTk4ZDctNGUxZi1hMmIzLTRjNWQ2ZTdm"
                "OGE5MAoxNzk2MDAwMDAwCm5iCjE.0N9p7oV3a3UeJq6c2rY1mKxG8bH5sT4wZ9dL0fQ2vEc.ics")
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TZ)


def my_meetings_samples(texts: Texts) -> dict[str, dict[str, Any]]:
    """Mine møter: empty, a typical page, the longest page (five series, 200-character subjects,
    room numbers), a shared chat, a later page, and the Avlys denne confirmation."""
    quick = [dict(QUICK, id=f"Q{i}", status="active", created_at=f"2026-11-2{i}T09:00:00+00:00") for i in range(3)]
    occ = _series(14)
    series = {"id": "M1", "kind": "scheduled", "join_url": URL, "status": "active", "subject": "Fagmøte ortopedi",
              "start": occ[0]["start"], "end": occ[0]["end"], "occurrences": occ[1:],
              "cancelled_occurrences": occ[:1], "recurrence": {"frequency": "weekly", "interval": 1,
                                                                "until": "2027-03-02"}, "room_number": "123456"}
    single = dict(series, id="M2", subject="Tverrfaglig møte", occurrences=occ[2:3], cancelled_occurrences=[],
                  recurrence=None)
    longest = [dict(series, id=f"L{i:03d}", subject="Æ" * 200, room_number="987654") for i in range(12)]

    def url(meeting: dict[str, Any]) -> str:
        return CALENDAR_URL

    return {
        "my_meetings": mm.my_meetings_card(texts, quick + [series, single], TZ, NOW, calendar_url=url),
        "my_meetings_empty": mm.my_meetings_card(texts, [], TZ, NOW),
        "my_meetings_longest_page": mm.my_meetings_card(texts, quick + longest, TZ, NOW, calendar_url=url),
        "my_meetings_last_page": mm.my_meetings_card(texts, quick + longest, TZ, NOW, page=2, calendar_url=url),
        "my_meetings_shared": mm.my_meetings_card(texts, quick + [series, single], TZ, NOW, shared=True,
                                                  calendar_url=url),
        "cancel_occurrence": mm.cancel_occurrence_card(texts, series, TZ, NOW, occ[3]["start"]),
        "cancel_occurrence_longest": mm.cancel_occurrence_card(
            texts, dict(series, occurrences=_series(366), subject="Æ" * 200), TZ, NOW, None),
    }


def sample_cards(locale: str) -> dict[str, dict[str, Any]]:
    texts = Texts.for_locale(locale)
    occ = _series(14)
    scheduled: dict[str, Any] = {"id": "M1", "kind": "scheduled", "join_url": URL,
                                 "join_opens_at": "2026-12-01T12:40:00+01:00",
                                 "occurrences": occ, "invitations": {"emails": 2, "sms": 1}, **ROOM}
    single = dict(scheduled, occurrences=occ[:1], invitations={"emails": 0, "sms": 0})
    rows = [
        (texts("fact_template"), "Videokonsultasjon (15, HD, Chat) (nb)"),
        (texts("fact_subject"), "Tverrfaglig møte"),
        (texts("fact_emails"), "o***@example.no, k***@example.no"),
        (texts("fact_sms"), "+47 ••• •• 678"),
        (texts("fact_time"), "tir 01.12.2026 13:00-14:00"),
        (texts("fact_join"), "01.12.2026 kl. 12:40"),
        (texts("fact_recurrence"), texts("rec_weekly")),
    ]
    meetings: list[dict[str, Any]] = [dict(QUICK, status="active"),
                dict(scheduled, subject="Fagmøte ortopedi", start=occ[0]["start"], status="active")]
    return {
        "welcome": common.welcome_card(texts),
        "help": common.help_card(texts),
        "help_in_step": common.help_card(texts, texts("step_help_time")),
        "unknown": common.unknown_card(texts),
        "quick_meeting": common.quick_meeting_card(texts, QUICK, TZ, calendar_url=CALENDAR_URL),
        "quick_meeting_group": common.quick_meeting_card(texts, QUICK, TZ, organizer_name="Kari Nordmann", shared=True),
        "failure_with_retry": common.failure_card(texts, texts("portal_unavailable"),
                                                  retry={"retry_of": "quick_meeting", "key": "0" * 32}),
        "failure_rejected": common.failure_card(texts, texts("portal_rejected", reason=texts("reject_time"))),
        "error": common.failure_card(texts, texts("error_body", ref="1a2b3c4d")),
        "notice": common.notice_card(texts, texts("dialog_cancelled")),
        **my_meetings_samples(texts),
        "cancel_confirm": common.cancel_confirm_card(texts, meetings[1], TZ),
        "cancel_confirm_quick": common.cancel_confirm_card(texts, meetings[0], TZ),
        "step_template": nm.template_card(texts, RUN, TEMPLATES, TEMPLATES[0]["id"]),
        "step_template_error": nm.template_card(texts, RUN, TEMPLATES, None, [texts("template_invalid")]),
        "step_subject": nm.subject_card(texts, RUN, None),
        "step_subject_blocked": nm.subject_card(
            texts, RUN, None, [texts("subject_blocked")],
            explanations=["Et fødselsnummer, D-nummer eller annet personnummer (•••••• •••••)"],
            suggestions=["Videokonsultasjon", "Tverrfaglig møte", "Fagmøte"]),
        "step_subject_warning": nm.subject_warning_card(texts, RUN, "Oppfølging Berg",
                                                        ["Kan være et navn: sier hvem møtet gjelder"],
                                                        ["Videokonsultasjon", "Tverrfaglig møte", "Fagmøte"]),
        "step_invitations": nm.invitations_card(texts, RUN, "", "", False),
        "step_invitations_shared_edit": nm.invitations_card(
            texts, RUN, "", "", True,
            notes=[texts("inv_shared_keep"), texts("inv_current", emails=escape("o***@example.no"),
                                                   sms="+47 ••• •• 678")], keep=True),
        "step_invitations_shared_errors": nm.invitations_card(
            texts, RUN, "", "", True, [texts("inv_invalid_email", entry=escape("k***@example.no"))],
            notes=[texts("inv_shared_retype")]),
        "step_invitations_errors": nm.invitations_card(
            texts, RUN, "ola@, kari@example.no", "+47 33 34 20 00", False,
            [texts("inv_invalid_email", entry="ola@"), texts("inv_landline", entry="+47 33 34 20 00"),
             texts("inv_consent_required")]),
        "step_time": nm.time_card(texts, RUN, "2026-12-01", "13:00", "14:00", join_opens="01.12.2026 kl. 12:40"),
        "step_time_prefill_past": nm.time_card(texts, RUN, "2026-11-25", "11:00", "12:00",
                                               join_opens="25.11.2026 kl. 10:40", notice=texts("prefill_time_past")),
        "step_time_error": nm.time_card(texts, RUN, "2026-12-01", "13:00", "", "blå",
                                        [texts("time_unclear", text="blå")]),
        "step_recurrence": nm.recurrence_card(texts, RUN, "none", "",
                                              preview=texts("rec_first", period="tir 01.12.2026 13:00-14:00")),
        "step_recurrence_preview": nm.recurrence_card(
            texts, RUN, "weekly", "2027-03-01", preview=texts(
                "rec_series", frequency=texts("rec_weekly"), count=13, first="tir 01.12.2026 13:00-14:00",
                last="tir 23.02.2027 13:00-14:00")),
        "step_recurrence_error": nm.recurrence_card(texts, RUN, "daily", "2028-01-01", [texts("rec_too_long")]),
        "summary": nm.summary_card(texts, RUN, rows),
        "summary_choose_field": nm.summary_card(texts, RUN, rows, choose_field=True),
        "summary_error": nm.summary_card(texts, RUN, rows, [texts("portal_unavailable")]),
        "summary_uncertain": nm.summary_card(texts, RUN, rows, [texts("portal_uncertain")], retry_only=True),
        "restart": nm.restart_card(texts, RUN),
        "restart_prefill": nm.restart_card(texts, RUN, "i morgen kl 13-14"),
        "cancelled_line": nm.line_card(texts("cancelled_line")),
        "already_created": common.notice_card(texts, texts("already_created")),
        "done_line": nm.done_card(texts, texts("step_subject"), "Tverrfaglig møte"),
        "result_series": nm.result_card(texts, scheduled, "Tverrfaglig møte", TZ,
                                        calendar_url=CALENDAR_URL),
        "result_sensitive_personal": nm.result_card(texts, dict(single, **SENSITIVE_ROOM), "Samtale", TZ,
                                                    personal=True),
        "invitation_preview": invitation_preview_card(texts, _preview(occ[:1], "sensitivt-rom-5-hd-nb")),
        "invitation_preview_series_en": invitation_preview_card(
            texts, _preview(occ, "videokonsultasjon-15-hd-chat-en", "weekly"), has_invitees=False),
        # user input with markdown/HTML, shown escaped
        "result_single": nm.result_card(texts, single, "**Fagmøte** _ortopedi_ <b>", TZ),
        "done_line_markdown": nm.done_card(texts, texts("step_subject"), escape("[Fagmøte](http://x) # *")),
        **_compose(texts),
        "reminder": _reminder(texts),
        **_edit(texts),
    }


def _edit(texts: Texts) -> dict[str, dict[str, Any]]:
    from . import edit_meeting as edit

    values = {"subject": "Fagmøte ortopedi", "date": "2026-12-01", "start": "13:00", "end": "14:00", "when": "",
              "recurrence": "weekly", "until": "2027-02-23", "emails": "kari@example.no, ola@example.no",
              "sms": "+47 923 45 678"}
    errors = {"when": texts("time_end_before_start"), "invitations": texts("inv_consent_required"),
              "subject": texts("compose_subject_warn"), "_": texts("portal_unavailable")}
    lines = [(texts("fact_time"), "tir 01.12.2026 13:00-14:00", "tir 01.12.2026 15:00-16:00"),
             (texts("edit_invitees"), texts("edit_people", emails=2, sms=1), texts("edit_people", emails=3, sms=1))]
    return {
        "edit_meeting": edit.edit_card(texts, "M1", "0" * 32, values),
        "edit_meeting_errors": edit.edit_card(texts, "M1", "0" * 32, values, errors, warn=True),
        "edit_meeting_saved": edit.changed_card(texts, lines, URL),
        "edit_meeting_unchanged": edit.changed_card(texts, [], URL),
    }


def _reminder(texts: Texts) -> dict[str, Any]:
    from .reminder import reminder_card

    meeting = {"id": "M3", "kind": "scheduled", "join_url": URL, "subject": "**Fagmøte** ortopedi", **SENSITIVE_ROOM}
    return reminder_card(texts, meeting, {"start": "2026-12-01T13:00:00+01:00", "end": "2026-12-01T14:00:00+01:00"}, TZ)


def _compose(texts: Texts) -> dict[str, dict[str, Any]]:
    """The message extension's cards (bot/cards/compose.py)."""
    from . import compose

    meeting = {"id": "M2", "kind": "scheduled", "join_url": URL, "subject": "Fagmøte ortopedi",
               "start": "2026-12-01T13:00:00+01:00", "end": "2026-12-01T14:00:00+01:00",
               "join_opens_at": "2026-12-01T12:40:00+01:00", "room_number": "123456", "guest_pin": "4821"}
    errors = {"subject": texts("compose_subject_warn") + "\n• Kan være et personnavn.",
              "when": texts("compose_time_ambiguous", options="lør 05.12.2026 / lør 12.12.2026"),
              "template": texts("template_invalid")}
    return {
        "compose_task": compose.task_card(texts, TEMPLATES, key="0" * 32),
        "compose_task_errors": compose.task_card(
            texts, TEMPLATES, key="0" * 32, values={"subject": "Oppfølging Berg", "when": "neste lørdag 10-11"},
            errors=errors, ask_confirm=True, problem=texts("portal_unavailable")),
        "compose_inserted": compose.inserted_card(texts, meeting, TZ),
        "compose_inserted_quick": compose.inserted_card(texts, QUICK, TZ),
        "compose_unfurl_shared": compose.unfurl_card(texts, meeting, TZ, show_subject=False),
        "compose_unfurl_neutral": compose.neutral_unfurl_card(texts, URL),
    }
