"""The message extension: ``composeExtension/fetchTask``, ``/submitAction`` and ``/queryLink``.

- **fetchTask** (the user picks "Delta-videomøte" in the compose box, the command box or a
  message's menu): a task module with one card: **Hurtigavtale** in one click, or a scheduled
  meeting from a template, a subject and a free-text time. The card carries an idempotency key
  minted here, so a double submit creates one meeting.
- **submitAction**: create the meeting (the same rules, screening, rate limit and idempotency as in
  the bot's own chat) and answer ``composeExtension`` ``result`` with a card that Teams puts in the
  compose box; the user sends it. A card with errors comes back as the task module, values kept.
- **queryLink** (a join link pasted in a message): a card with the meeting's time and join window
  when the link is one of the user's meetings (the subject only in the organizer's personal chat),
  otherwise a neutral card. Never an error.

What is inserted into a chat carries no invitees, no host PIN and no other personal data: the card
may be forwarded anywhere.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from botbuilder.core import CardFactory, TurnContext
from botbuilder.schema import Attachment
from botbuilder.schema.teams import (
    MessagingExtensionActionResponse,
    MessagingExtensionAttachment,
    MessagingExtensionResponse,
    MessagingExtensionResult,
    TaskModuleContinueResponse,
    TaskModuleTaskInfo,
)

from core.booking import new_idempotency_key
from core.limits import LimitReached
from core.portal import Conflict, PortalError

from ..actions import Services, is_shared_conversation, portal_error_text
from ..cards import compose as cards
from ..i18n import Texts
from . import form

log = logging.getLogger(__name__)

#: The action command's id in the app package (manifest/manifest.template.json).
COMMAND_ID = "deltaMeeting"
KEY_LENGTH = (8, 64)


def _key(data: dict[str, Any]) -> str | None:
    key = data.get("key")
    if isinstance(key, str) and KEY_LENGTH[0] <= len(key) <= KEY_LENGTH[1] and key.isalnum():
        return key
    return None


def _task(texts: Texts, card: dict[str, Any]) -> MessagingExtensionActionResponse:
    info = TaskModuleTaskInfo(title=texts("compose_title"), height="medium", width="medium",
                              card=Attachment(content_type=CardFactory.content_types.adaptive_card, content=card))
    return MessagingExtensionActionResponse(task=TaskModuleContinueResponse(value=info))


def _insert(card: dict[str, Any], preview: dict[str, Any]) -> MessagingExtensionActionResponse:
    content_type = CardFactory.content_types.adaptive_card
    attachment = MessagingExtensionAttachment(
        content_type=content_type, content=card,
        preview=Attachment(content_type=CardFactory.content_types.thumbnail_card, content=preview))
    return MessagingExtensionActionResponse(compose_extension=MessagingExtensionResult(
        type="result", attachment_layout="list", attachments=[attachment]))


@dataclass
class ComposeExtension:
    services: Services

    async def fetch_task(self, turn_context: TurnContext, texts: Texts) -> MessagingExtensionActionResponse:
        templates = await self._templates()
        return _task(texts, cards.task_card(texts, templates, key=new_idempotency_key()))

    async def submit_action(self, turn_context: TurnContext, texts: Texts,
                            data: dict[str, Any]) -> MessagingExtensionActionResponse:
        key = _key(data)
        templates = await self._templates()
        if key is None:  # not a card of ours: a fresh one
            return _task(texts, cards.task_card(texts, templates, key=new_idempotency_key()))
        directory = self.services.directory
        organizer = await directory.organizer_from(turn_context, directory.FROM_ACTIVITY)
        if organizer is None:
            return _task(texts, cards.task_card(texts, templates, key=key, problem=texts("no_identity")))
        shared = is_shared_conversation(turn_context)
        if data.get("action") == "quick_meeting":
            meeting, problem = await self._create(organizer.id, key + "q",
                                                  lambda k: self.services.booking.quick_meeting(organizer, k), texts)
            if meeting is None:
                return _task(texts, cards.task_card(texts, templates, key=key, problem=problem))
            card = cards.inserted_card(texts, meeting, self.services.tz)
            return _insert(card, cards.preview(texts, meeting, self.services.tz))
        checked = await form.check(texts, self.services.booking, organizer, data, turn_context.activity.locale or "nb")
        if checked.body is None:
            return _task(texts, cards.task_card(texts, templates, key=key, values=checked.values,
                                                errors=checked.errors, ask_confirm=checked.warning))
        body = checked.body
        meeting, problem = await self._create(organizer.id, key,
                                              lambda k: self.services.booking.create_meeting(body, k), texts)
        if meeting is None:
            return _task(texts, cards.task_card(texts, templates, key=key, values=checked.values, problem=problem))
        meeting = {**meeting, "subject": body["subject"], "start": body["start"], "end": body["end"]}
        log.info("message extension: meeting created (shared=%s)", shared)
        card = cards.inserted_card(texts, meeting, self.services.tz)
        return _insert(card, cards.preview(texts, meeting, self.services.tz))

    async def _create(self, organizer_id: str, key: str, create: Any,
                      texts: Texts) -> tuple[dict[str, Any] | None, str | None]:
        limits = self.services.limits
        try:
            counted = limits.reserve_meeting(organizer_id, key=key)
        except LimitReached as exc:
            return None, texts("limit_meetings", limit=exc.limit)
        try:
            meeting = await create(key)
        except Conflict:
            log.warning("message extension: idempotency conflict")
            return None, texts("compose_conflict")
        except PortalError as exc:
            if counted and not exc.reached:
                limits.release_meeting(organizer_id, key)
            log.warning("message extension: create failed: %s reached=%s", type(exc).__name__, exc.reached)
            return None, portal_error_text(texts, exc, creating=True)
        limits.record_meeting(organizer_id, key=key)
        return meeting, None

    async def _templates(self) -> list[dict[str, Any]]:
        try:
            return await self.services.booking.templates("scheduled")
        except PortalError as exc:
            log.warning("message extension: templates failed: %s", type(exc).__name__)
            return []

    async def query_link(self, turn_context: TurnContext, texts: Texts, url: Any) -> MessagingExtensionResponse:
        meeting = None
        if isinstance(url, str) and 0 < len(url) <= 2000:
            organizer = await self.services.directory.organizer_from(
                turn_context, self.services.directory.FROM_ACTIVITY)
            if organizer is not None:
                try:
                    meetings = await self.services.booking.my_meetings(organizer)
                except PortalError as exc:
                    log.warning("link unfurling: listing failed: %s", type(exc).__name__)
                    meetings = []
                wanted = url.strip().rstrip("/")
                meeting = next((m for m in meetings if str(m.get("join_url", "")).rstrip("/") == wanted
                                and m.get("status", "active") == "active"), None)
        if meeting is None:
            card = cards.neutral_unfurl_card(texts, url if isinstance(url, str) else "")
            preview = cards.neutral_preview(texts)
        else:
            personal = not is_shared_conversation(turn_context)
            card = cards.unfurl_card(texts, meeting, self.services.tz, show_subject=personal)
            preview = cards.preview(texts, meeting if personal else {**meeting, "subject": None}, self.services.tz)
        attachment = MessagingExtensionAttachment(
            content_type=CardFactory.content_types.adaptive_card, content=card,
            preview=Attachment(content_type=CardFactory.content_types.thumbnail_card, content=preview))
        return MessagingExtensionResponse(compose_extension=MessagingExtensionResult(
            type="result", attachment_layout="list", attachments=[attachment]))
