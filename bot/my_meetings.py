"""Mine møter and **Avlys denne**: the turns behind the list card (bot/cards/my_meetings.py).

* ``my_meetings`` (typed, or a button; ``page`` from **Neste side** / **Forrige side**, which
  update the pressed card in place).
* ``cancel_occurrence`` with ``meeting_id`` and ``occurrence``: first a card that names the
  meeting and lets the organizer pick which one (the next by default), then, confirmed, the
  portal cancels that occurrence and the invitees are told. Ownership is checked by the bot
  (core.booking) before the portal is asked.
"""
from __future__ import annotations

import logging
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import ActivityTypes

from core.booking import Organizer
from core.portal import NotFound, PortalError

from .actions import Services, card_activity, is_shared_conversation, portal_error_text
from .cards import common
from .cards import my_meetings as cards
from .cards.new_meeting import period_text
from .i18n import Texts

log = logging.getLogger(__name__)


def calendar_url_for(services: Services, organizer: Organizer, texts: Texts, shared: bool):
    """A function meeting -> its **Legg i kalender** address (``None`` without calendar links)."""
    def url(meeting: dict[str, Any]) -> str | None:
        if services.calendar is None or not isinstance(meeting.get("id"), str):
            return None
        return services.calendar.url(meeting["id"], organizer.id, language=texts.language, private=not shared)

    return url


async def replace_or_send(turn_context: TurnContext, card: dict[str, Any], replace: bool) -> None:
    """Update the pressed card (paging); a client that cannot update gets a new message."""
    reply_to = turn_context.activity.reply_to_id
    if replace and isinstance(reply_to, str) and reply_to:
        update = card_activity(card)
        update.id = reply_to
        update.type = ActivityTypes.message
        try:
            await turn_context.update_activity(update)
            return
        except Exception as exc:
            log.info("my meetings: card not updated: %s", type(exc).__name__)
    await turn_context.send_activity(card_activity(card))


def _page(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10_000 else None


async def my_meetings(turn_context: TurnContext, services: Services, texts: Texts, page: Any = None) -> None:
    """Mine møter: the organizer's upcoming meetings, one page."""
    organizer = await services.directory.organizer(turn_context)
    if organizer is None:
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("no_identity"))))
        return
    try:
        meetings = await services.booking.my_meetings(organizer)
    except PortalError as exc:
        log.warning("listing meetings failed: %s", type(exc).__name__)
        await turn_context.send_activity(card_activity(common.failure_card(
            texts, portal_error_text(texts, exc), retry={"retry_of": "my_meetings"})))
        return
    shared = is_shared_conversation(turn_context)
    card = cards.my_meetings_card(texts, meetings, services.tz, services.booking.clock(), page=_page(page) or 0,
                                  shared=shared, calendar_url=calendar_url_for(services, organizer, texts, shared))
    await replace_or_send(turn_context, card, replace=_page(page) is not None)


async def cancel_occurrence(turn_context: TurnContext, services: Services, texts: Texts, meeting_id: Any,
                            occurrence: Any, confirmed: bool = False) -> None:
    """**Avlys denne**: ask (which one), then cancel that one occurrence."""
    organizer = await services.directory.organizer(turn_context)
    if (organizer is None or not isinstance(meeting_id, str) or not meeting_id or len(meeting_id) > 100
            or not isinstance(occurrence, str) or len(occurrence) > 64):
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("meeting_not_found"))))
        return
    now = services.booking.clock()
    try:
        meeting = await services.booking.meeting(organizer, meeting_id)
    except PortalError as exc:
        log.warning("reading a meeting failed: %s", type(exc).__name__)
        await turn_context.send_activity(card_activity(common.failure_card(texts, portal_error_text(texts, exc))))
        return
    ahead = cards.upcoming_occurrences(meeting, now)
    if meeting.get("status") != "active" or meeting.get("kind") == "quick" or not ahead:
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("meeting_not_found"))))
        return
    shared = is_shared_conversation(turn_context)
    if not confirmed:
        await turn_context.send_activity(card_activity(
            cards.cancel_occurrence_card(texts, meeting, services.tz, now, occurrence, shared=shared)))
        return
    wanted = cards.parse_instant(occurrence)
    chosen = next(((s, e) for s, e in ahead if wanted is not None and s == wanted), None)
    if chosen is None:
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("occurrence_not_found"))))
        return
    try:
        await services.booking.cancel_occurrence(organizer, meeting_id, occurrence)
    except NotFound:
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("occurrence_not_found"))))
        return
    except PortalError as exc:
        log.warning("cancelling an occurrence failed: %s", type(exc).__name__)
        await turn_context.send_activity(card_activity(common.failure_card(texts, portal_error_text(texts, exc))))
        return
    await turn_context.send_activity(card_activity(common.notice_card(
        texts, texts("occurrence_cancelled", when=period_text(texts, chosen[0], chosen[1], services.tz)))))
