"""**Legg i kalender**: ``GET /calendar/<token>.ics`` serves a meeting's iCalendar file.

The token (:mod:`core.calendar_link`) is signed with ``CALENDAR_LINK_SECRET`` and expires; the
cards carry it in an ``Action.OpenUrl``. A token that does not verify, has expired, or names a
meeting that is not (or no longer) its organizer's gets the same bare 404, so nothing can be
learnt by trying. The file is built by :mod:`core.calendar` in the language of the card the link
was on; a link shown in a shared chat gives a file without the subject.

The secret: ``CALENDAR_LINK_SECRET`` (32 characters or more, the same on every replica). Without
it, development mode uses a random secret per process (links stop working on restart); outside
development mode one is derived from ``MicrosoftAppPassword`` (the same on every replica; links
stop working when the password is rotated), with a warning to set one.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timezone
from typing import Any, Callable

from aiohttp import web

from core.booking import Organizer
from core.calendar import calendar_file
from core.calendar_link import CalendarLinks
from core.portal import NotFound, PortalError

from .config import Settings
from .i18n import Texts

log = logging.getLogger(__name__)

PATH = "/calendar/{token}.ics"


def link_secret(settings: Settings) -> bytes:
    """The signing secret (see the module docstring)."""
    if settings.calendar_link_secret:
        return settings.calendar_link_secret.encode("utf-8")
    if settings.development_mode:
        return secrets.token_bytes(32)
    if settings.app_password:
        log.warning("CALENDAR_LINK_SECRET is not set: calendar links are signed with a key derived from "
                    "MicrosoftAppPassword and stop working when it is rotated")
        return hmac.new(settings.app_password.encode("utf-8"), b"delta-calendar-link", hashlib.sha256).digest()
    log.warning("CALENDAR_LINK_SECRET is not set: calendar links work only on this replica until it restarts")
    return secrets.token_bytes(32)


class CalendarUrls:
    """The **Legg i kalender** address of a meeting, for the cards."""

    def __init__(self, links: CalendarLinks, base_url: str, clock: Callable[[], datetime]):
        self.links = links
        self.base_url = base_url.rstrip("/")
        self.clock = clock

    def url(self, meeting_id: str, organizer_id: str, *, language: str = "nb", private: bool = True) -> str:
        token = self.links.token(meeting_id, organizer_id, now=self.clock(), language=language, private=private)
        return f"{self.base_url}/calendar/{token}.ics"


def _not_found() -> web.Response:
    return web.Response(status=404, text="Not found", headers={"Cache-Control": "no-store"})


def file_texts(meeting: dict[str, Any], texts: Texts, private: bool, tz: Any) -> tuple[str, str, str]:
    """SUMMARY, LOCATION and DESCRIPTION in the user's words; never the host PIN."""
    from .cards.common import format_datetime

    url = meeting["join_url"]
    room = meeting.get("room_number")
    if meeting.get("kind") == "quick":
        summary = texts("quick_title")
        lines = [texts("ics_quick", until=format_datetime(meeting["valid_until"], tz, texts))]
    else:
        subject = meeting.get("subject") if private else None
        summary = subject or texts("ics_summary_shared")
        lines = [texts("ics_join_window")]
    lines.append(texts("ics_join", url=url))
    location = url
    if room:
        lines.append(texts("ics_room", room=room))
        location = texts("ics_location_room", url=url, room=room)
    return summary, location, "\n".join(lines)


async def calendar_file_handler(request: web.Request) -> web.Response:
    from .app import RESOURCES

    resources = request.app[RESOURCES]
    bot = resources.bot
    calendar = getattr(getattr(bot, "services", None), "calendar", None)
    if calendar is None:
        return _not_found()
    now = calendar.clock()
    claim = calendar.links.verify(request.match_info["token"], now=now)
    if claim is None:
        return _not_found()
    services = bot.services  # type: ignore[union-attr]  # checked above (calendar is None without a bot)
    try:
        meeting = await services.booking.meeting(Organizer(id=claim.organizer_id), claim.meeting_id)
    except NotFound:
        return _not_found()
    except PortalError as exc:
        log.warning("calendar file: portal %s", type(exc).__name__)
        return web.Response(status=503, text="Try again later", headers={"Retry-After": "30"})
    texts = Texts.for_locale(claim.language)
    summary, location, description = file_texts(meeting, texts, claim.private, services.tz)
    body = calendar_file(meeting, summary=summary, location=location, description=description,
                         now=now.astimezone(timezone.utc), time_zone=services.tz.key)
    return web.Response(body=body, content_type="text/calendar", charset="utf-8", headers={
        "Content-Disposition": 'attachment; filename="delta-videomote.ics"',
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})


def add_routes(app: web.Application) -> None:
    app.router.add_get(PATH, calendar_file_handler)
