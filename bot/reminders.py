"""Reminders, the bot's side: remember where each organizer can be reached, and send the reminder
when a meeting's join window opens (contracts §3a).

- :class:`ReferenceRecorder` (middleware) keeps the conversation reference of each organizer's
  **personal** chat with the bot (the only place a reminder goes: it shows the subject), updated
  when it changes.
- :class:`ReminderLoop` (one task per process, opened and closed by the app factory) claims due
  reminders from the store every ``REMINDER_POLL_SECONDS`` (each is claimed by one replica only,
  see :mod:`core.reminders.store`), checks the portal right before sending (a cancelled meeting or
  occurrence reminds no one; one whose occurrence has started is dropped), and sends one card with
  ``continue_conversation`` on the stored reference.
"""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime
from typing import Any, Awaitable, Callable
from zoneinfo import ZoneInfo

from botbuilder.core import Middleware, TurnContext
from botbuilder.schema import ConversationReference

from core.portal import NotFound, PortalError
from core.reminders import Reminder, ReminderStore

from .actions import card_activity
from .cards.reminder import reminder_card
from .i18n import Texts

log = logging.getLogger(__name__)


class ReferenceRecorder(Middleware):
    """Stores the personal chat's conversation reference of every Teams user who writes there."""

    def __init__(self, store: ReminderStore, max_cached: int = 10_000):
        self.store = store
        self._seen: dict[str, str] = {}
        self._max = max_cached

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable[None]]) -> None:
        try:
            await self._record(context)
        except Exception as exc:  # never stop a turn for this
            log.warning("storing the conversation reference failed: %s", type(exc).__name__)
        await logic()

    async def _record(self, context: TurnContext) -> None:
        activity = context.activity
        conversation = activity.conversation
        sender = activity.from_property
        aad_id = getattr(sender, "aad_object_id", None) if sender is not None else None
        if (activity.channel_id != "msteams" or not aad_id or conversation is None
                or getattr(conversation, "conversation_type", None) != "personal"):
            return
        reference = TurnContext.get_conversation_reference(activity)
        data = json.dumps({"reference": reference.serialize(), "locale": activity.locale or ""}, sort_keys=True)
        if self._seen.get(aad_id) == data:
            return
        await self.store.save_reference(aad_id, data)
        if len(self._seen) >= self._max:
            self._seen.clear()
        self._seen[aad_id] = data


def _same_instant(a: Any, b: str) -> bool:
    try:
        return bool(datetime.fromisoformat(a) == datetime.fromisoformat(b))
    except (TypeError, ValueError):
        return False


class ReminderLoop:
    def __init__(self, store: ReminderStore, portal: Any, adapter: Any, app_id: str, tz: ZoneInfo,
                 clock: Callable[[], datetime], poll_seconds: float):
        self.store, self.portal, self.adapter, self.app_id = store, portal, adapter, app_id
        self.tz, self.clock, self.poll_seconds = tz, clock, poll_seconds
        self._task: asyncio.Task[None] | None = None
        self.sent = 0

    def start(self) -> None:
        if self.poll_seconds > 0:
            self._task = asyncio.create_task(self._run())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    async def _run(self) -> None:
        while True:
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a store or portal hiccup: try again next round
                log.warning("reminder round failed: %s", type(exc).__name__)
            await asyncio.sleep(self.poll_seconds)

    async def tick(self) -> int:
        """One round: claim what is due and deliver it. Returns how many were sent."""
        sent = 0
        for reminder in await self.store.claim_due(self.clock()):
            sent += await self._deliver(reminder)
        return sent

    async def _deliver(self, reminder: Reminder) -> int:
        if self.clock() >= reminder.starts_at:
            await self.store.done(reminder, "dropped")  # the bot was down until after the start
            return 0
        try:
            meeting = await self.portal.get_meeting(reminder.meeting_id)
        except NotFound:
            await self.store.done(reminder, "dropped")
            return 0
        except PortalError as exc:
            log.warning("reminder: reading the meeting failed: %s", type(exc).__name__)
            await self.store.release(reminder)
            return 0
        owner = meeting.get("organizer_id")
        occurrence = next((o for o in meeting.get("occurrences") or []
                           if _same_instant(o.get("start"), reminder.occurrence)), None)
        if (meeting.get("status", "active") != "active" or occurrence is None
                or occurrence.get("status", "active") != "active"
                or (owner is not None and owner != reminder.organizer_id)):
            await self.store.done(reminder, "cancelled")
            return 0
        stored = await self.store.reference(reminder.organizer_id)
        if stored is None:
            log.info("reminder: no personal chat known for the organizer; dropped")
            await self.store.done(reminder, "dropped")
            return 0
        data = json.loads(stored)
        reference = ConversationReference.deserialize(data["reference"])
        texts = Texts.for_locale(data.get("locale"))
        card = reminder_card(texts, meeting, occurrence, self.tz)

        async def send(turn_context: TurnContext) -> None:
            await turn_context.send_activity(card_activity(card))

        try:
            await self.adapter.continue_conversation(reference, send, self.app_id or None)
        except Exception as exc:
            log.warning("reminder: sending failed: %s", type(exc).__name__)
            await self.store.release(reminder)
            return 0
        await self.store.done(reminder, "sent")
        self.sent += 1
        log.info("reminder sent")
        return 1
