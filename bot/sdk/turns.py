"""Running a turn: one at a time per conversation and user (in this process and across replicas),
with eTag conflicts handled, and unsupported invokes answered 4xx.

Two turns of one conversation can arrive at the same moment (a double-clicked button, Teams
retrying a slow answer) and, with several replicas, at two processes. Each turn reads the dialog
state, works, and writes it back with the eTag it read. To keep the state whole:

1. Turns with the same key (channel, conversation, user) wait for each other: an ``asyncio.Lock``
   in this process, and the storage's ``turn_lock`` lease (SQLite row or blob lease) across
   processes that share the storage. The second turn then sees what the first one saved (a
   second "Opprett møte" finds the dialog finished and says the card is no longer in use).
2. If a write is still refused for a stale eTag (a lease expired during a very slow turn, or a
   replica without leases), the stored state is never overwritten: a turn that has not answered
   yet is run again once on the fresh state; one that has answered keeps its answer and the
   other turn's state stands (the dialog stays consistent; nothing is half-saved).

State that did not exist yet is written without an eTag, which the SDK defines as "last writer
wins"; the very first turns of a conversation rely on the lease alone.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
from contextlib import nullcontext
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import Activity, ActivityTypes, AdaptiveCardInvokeResponse, InvokeResponse

from .storage import StorageConflict

log = logging.getLogger(__name__)

UNSUPPORTED_INVOKE = 400


def turn_key(activity: Activity) -> str:
    """A fixed-length key for a conversation and user (no ids in lease names)."""
    conversation = activity.conversation.id if activity.conversation else ""
    sender = activity.from_property.id if activity.from_property else ""
    raw = f"{activity.channel_id}\x1f{conversation}\x1f{sender}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class TurnRunner:
    def __init__(self, storage: Any):
        self.storage = storage
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    async def run(self, turn_context: TurnContext, bot: Any) -> None:
        key = turn_key(turn_context.activity)
        lock, users = self._locks.get(key) or (asyncio.Lock(), 0)
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                lease = getattr(self.storage, "turn_lock", None)
                async with (lease(key) if lease is not None else nullcontext()):
                    await self._run(turn_context, bot)
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
        if turn_context.activity.type == ActivityTypes.invoke:
            _answer_unsupported_invoke(turn_context)

    async def _run(self, turn_context: TurnContext, bot: Any) -> None:
        for attempt in (1, 2):
            try:
                await bot.on_turn(turn_context)
                return
            except StorageConflict:
                if turn_context.responded or attempt == 2:
                    # Replies are out; the state saved by the other turn stands, unchanged.
                    log.info("state conflict: another turn of this conversation saved first; "
                             "this turn's state changes were not saved (attempt %d)", attempt)
                    if turn_context.responded:
                        return
                    raise
                log.info("state conflict before any reply: running the turn again on fresh state")
                for state in (getattr(bot, "conversation_state", None), getattr(bot, "dialog_state", None)):
                    if state is not None:
                        await state.load(turn_context, force=True)


def _answer_unsupported_invoke(turn_context: TurnContext) -> None:
    """Teams sends invokes for features this bot does not offer (message extensions, task modules,
    tabs, file consent, Universal Actions...). botbuilder's handler answers those 501 and its
    adapter answers 501 when no handler answered at all: a server-error status for a request that
    is simply not supported here, which monitoring would count as bot failures. The request is
    what is wrong, so it gets a 4xx. A turn that fails with an exception never reaches this line
    (the adapter's error handler runs, and its 5xx stays a 5xx)."""
    key = BotAdapter._INVOKE_RESPONSE_KEY  # pylint: disable=protected-access
    sent = turn_context.turn_state.get(key)
    response = getattr(sent, "value", None) if sent is not None else None
    status = getattr(response, "status", None)
    body = getattr(response, "body", None)
    if response is not None and isinstance(body, AdaptiveCardInvokeResponse) and isinstance(body.value, Exception):
        # botbuilder 4.17.1 answers a malformed or non-Action.Execute "adaptiveCard/action" with
        # an Exception object as the body, which cannot be serialised (a 500 in its own aiohttp
        # integration too). The Universal Actions error shape instead, with its code and message.
        code, message = (list(body.value.args) + ["BadRequest", ""])[:2]
        response.body = {"statusCode": body.status_code, "type": "application/vnd.microsoft.error",
                         "value": {"code": str(code), "message": str(message)}}
    if sent is None or status == 501:
        turn_context.turn_state[key] = Activity(
            type=ActivityTypes.invoke_response,
            value=InvokeResponse(status=UNSUPPORTED_INVOKE,
                                 body={"error": {"code": "unsupported_invoke",
                                                 "message": "this bot does not support this invoke"}}))
