"""What the bot does for a user, shared by the activity handler and the dialogs."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.schema import Activity

from core.booking import Booking, new_idempotency_key
from core.invitations.preview import PreviewSetup
from core.limits import LimitReached, RateLimiter
from core.portal import (
    Conflict,
    NotFound,
    PortalError,
    PortalRejected,
    PortalUnavailable,
    RateLimited,
    Unauthorized,
)

from .cards import common
from .i18n import Texts
from .teams import MemberDirectory

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything a turn needs, created once in the app factory."""

    booking: Booking
    directory: MemberDirectory
    tz: ZoneInfo
    limits: RateLimiter
    reminders: Any = None  # core.reminders.ReminderStore (None: reminders are not kept)
    #: what **Vis invitasjonen** fills in: the join links' base, SIP domain and contact
    previews: PreviewSetup = field(default_factory=PreviewSetup)


def card_activity(card: dict[str, Any]) -> Activity:
    return MessageFactory.attachment(CardFactory.adaptive_card(card))


def is_shared_conversation(turn_context: TurnContext) -> bool:
    conversation = turn_context.activity.conversation
    kind = getattr(conversation, "conversation_type", None) if conversation else None
    return kind in ("groupChat", "channel") or bool(getattr(conversation, "is_group", False))


# The portal's error codes we can explain in the user's words (anything else: the portal's own
# reason when it gave one in its JSON error body, else a catalogue text).
_REJECTION_KEYS = {
    "too_many_invitees": "reject_too_many_invitees",
    "invalid_subject": "reject_subject",
    "invalid_template": "reject_template",
    "invalid_email": "reject_email",
    "invalid_sms": "reject_sms",
    "invalid_end": "reject_time",
    "invalid_start": "reject_time",
    "invalid_occurrences": "reject_time",
    "invalid_recurrence": "reject_recurrence",
}


def portal_error_text(texts: Texts, error: PortalError, *, creating: bool = False) -> str:
    """A clear message for a portal failure; never exception text except the portal's own reason
    (from its JSON error body, escaped). ``creating``: the call was a create, so a failure that may
    have reached the portal means the meeting may exist (never "nothing was created" then)."""
    if creating and error.reached:
        return texts("portal_uncertain")
    if isinstance(error, PortalRejected) or (isinstance(error, Conflict)):
        key = _REJECTION_KEYS.get(error.code)
        if key and texts.has(key):
            return texts("portal_rejected", reason=texts(key))
        if error.portal_message:
            return texts("portal_rejected", reason=common_escape(error.portal_message))
        return texts("portal_rejected_unknown")
    if isinstance(error, Unauthorized):
        return texts("portal_unauthorized")
    if isinstance(error, RateLimited):
        return texts("portal_rate_limited")
    if isinstance(error, NotFound):
        return texts("meeting_not_found")
    return texts("portal_unavailable")


def common_escape(value: str) -> str:
    from .cards.base import escape

    return escape(value, limit=200)


async def quick_meeting(turn_context: TurnContext, services: Services, texts: Texts,
                        idempotency_key: str | None = None) -> bool:
    """Hurtigavtale: ask the portal for an instant link and answer with the link card.

    On failure the user gets a clear message and, where trying again can help, a **Prøv igjen**
    button that carries the same idempotency key, so a retry after a lost answer returns the same
    meeting instead of a second. The retry must send the same body: the button also says where the
    organizer came from (Teams' member API or the activity; no personal data in card data) and
    whether an attempt may already have reached the portal.
    """
    retry = _retry_data(turn_context, idempotency_key)
    directory = services.directory
    if retry is not None and retry.get("organizer") in (directory.FROM_TEAMS, directory.FROM_ACTIVITY):
        source = retry["organizer"]
        organizer = await directory.organizer_from(turn_context, source)
        if organizer is None and source == directory.FROM_TEAMS:
            # The first attempt sent the e-mail from Teams; without it the body would differ. Send nothing.
            await turn_context.send_activity(card_activity(common.failure_card(
                texts, texts("identity_retry"), retry=dict(retry_of="quick_meeting", key=retry["key"],
                                                             organizer=source, **_uncertain(retry)))))
            return False
    else:
        organizer, source = await directory.organizer_and_source(turn_context)
    if organizer is None:
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("no_identity"))))
        return False
    key = retry["key"] if retry is not None else new_idempotency_key()
    was_uncertain = bool(retry and retry.get("uncertain"))
    try:
        counted = services.limits.reserve_meeting(organizer.id, key=key)
    except LimitReached as exc:
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("limit_meetings", limit=exc.limit))))
        return False
    try:
        meeting = await services.booking.quick_meeting(organizer, key)
    except Conflict:
        # The key was used with another body: an earlier attempt may have made the link.
        log.warning("quick meeting: idempotency conflict")
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("quick_conflict"))))
        return False
    except PortalError as exc:
        uncertain = was_uncertain or exc.reached
        if counted and not uncertain:
            services.limits.release_meeting(organizer.id, key)
        log.warning("quick meeting failed: %s %s reached=%s", type(exc).__name__, exc.code, exc.reached)
        message = texts("portal_uncertain") if uncertain else portal_error_text(texts, exc, creating=True)
        again = None
        if uncertain or isinstance(exc, PortalUnavailable):
            again = dict(retry_of="quick_meeting", key=key, organizer=source)
            if uncertain:
                again["uncertain"] = True
        await turn_context.send_activity(card_activity(common.failure_card(texts, message, retry=again)))
        return False
    services.limits.record_meeting(organizer.id, key=key)
    shared = is_shared_conversation(turn_context)
    card = common.quick_meeting_card(texts, meeting, services.tz, organizer_name=organizer.name, shared=shared)
    await turn_context.send_activity(card_activity(card))
    return True


def _retry_data(turn_context: TurnContext, idempotency_key: Any) -> dict[str, Any] | None:
    """The **Prøv igjen** data of a Hurtigavtale that failed (``None`` for a new one)."""
    if not (isinstance(idempotency_key, str) and 8 <= len(idempotency_key) <= 64):
        return None
    value = turn_context.activity.value
    data = value if isinstance(value, dict) and value.get("key") == idempotency_key else {}
    return {"key": idempotency_key, "organizer": data.get("organizer"), "uncertain": data.get("uncertain") is True}


def _uncertain(retry: dict[str, Any]) -> dict[str, Any]:
    return {"uncertain": True} if retry.get("uncertain") else {}


async def my_meetings(turn_context: TurnContext, services: Services, texts: Texts) -> None:
    """Mine møter: the organizer's upcoming meetings, each with **Avlys**."""
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
    card = common.my_meetings_card(texts, meetings, services.tz, personal=not is_shared_conversation(turn_context))
    await turn_context.send_activity(card_activity(card))


def is_true(value: Any) -> bool:
    """A card's boolean as submitted (``true`` in data, ``"true"`` from a toggle)."""
    return value is True or value == "true"


async def cancel_meeting(turn_context: TurnContext, services: Services, texts: Texts, meeting_id: Any,
                         confirmed: bool = False) -> None:
    """**Avlys**: first a card that names the meeting and asks to confirm (the invitees are told and
    it cannot be undone), then, confirmed, the portal cancels it."""
    organizer = await services.directory.organizer(turn_context)
    if organizer is None or not isinstance(meeting_id, str) or not meeting_id or len(meeting_id) > 100:
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("meeting_not_found"))))
        return
    if not confirmed:
        try:
            meeting = await services.booking.meeting(organizer, meeting_id)
        except PortalError as exc:
            log.warning("reading a meeting failed: %s", type(exc).__name__)
            await turn_context.send_activity(card_activity(common.failure_card(texts, portal_error_text(texts, exc))))
            return
        if meeting.get("status") != "active":
            await turn_context.send_activity(card_activity(common.notice_card(texts, texts("meeting_not_found"))))
            return
        await turn_context.send_activity(card_activity(common.cancel_confirm_card(texts, meeting, services.tz)))
        return
    try:
        await services.booking.cancel_meeting(organizer, meeting_id)
    except PortalError as exc:
        log.warning("cancelling failed: %s", type(exc).__name__)
        await turn_context.send_activity(card_activity(common.failure_card(texts, portal_error_text(texts, exc))))
        return
    await turn_context.send_activity(card_activity(common.notice_card(texts, texts("meeting_cancelled"))))


async def keep_meeting(turn_context: TurnContext, texts: Texts) -> None:
    await turn_context.send_activity(card_activity(common.notice_card(texts, texts("meeting_kept"))))


async def reminders_off(turn_context: TurnContext, services: Services, texts: Texts, meeting_id: Any) -> None:
    """**Ikke minn meg på dette møtet** (from a reminder): the organizer's own meeting only."""
    organizer = await services.directory.organizer(turn_context)
    if organizer is None or services.reminders is None or not isinstance(meeting_id, str) or not (
            0 < len(meeting_id) <= 100):
        await turn_context.send_activity(card_activity(common.notice_card(texts, texts("meeting_not_found"))))
        return
    try:
        await services.booking.meeting(organizer, meeting_id)
    except PortalError as exc:
        log.warning("reminders off: reading the meeting failed: %s", type(exc).__name__)
        await turn_context.send_activity(card_activity(common.failure_card(texts, portal_error_text(texts, exc))))
        return
    await services.reminders.turn_off(meeting_id)
    await turn_context.send_activity(card_activity(common.notice_card(texts, texts("reminders_off_done"))))
