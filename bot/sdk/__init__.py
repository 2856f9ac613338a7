"""Every workaround for the Bot Framework SDK 4.17 (botbuilder-* 4.17.1, botframework-connector
4.17.1, msrest 0.7.1), in one place, installed by one call from the app factory: :func:`install`.

The product (handler, dialogs, cards, texts) lives in the rest of ``bot/`` and in ``core/``; this
package is plumbing between it and the SDK. A move to the SDK's successor (Microsoft 365 Agents SDK)
starts here: each module says what it replaces and why, so it can be dropped when the SDK no longer
needs it.

============================  ==================================================================
module                        replaces / adds
============================  ==================================================================
:mod:`.connector`             a ``ConnectorClient`` (and token client) per turn, a TCP connection per
                              reply from a thread, a new MSAL app per turn: pooled clients over one
                              keep-alive aiohttp session (``PooledCloudAdapter``)
:mod:`.serialization`         msrest's ``Serializer`` for replies: the same JSON, less work
:mod:`.state`                 jsonpickle in ``BotState``'s change check and the storages: the same
                              JSON for the values this bot keeps, faster
:mod:`.storage`               the SDK has no durable store besides Azure: SQLite ``Storage`` with
                              eTags and a turn lease across processes
:mod:`.blob`                  botbuilder-azure's ``BlobStorage`` gaps (eTag conflicts, swallowed
                              errors, key encoding, no close) and a blob turn lease
:mod:`.turns`                 the SDK runs two turns of one conversation at once and lets a stale
                              eTag fail the turn: one turn at a time, conflicts handled
============================  ==================================================================
"""
from __future__ import annotations

import inspect
from typing import Any, AsyncIterator, Awaitable, Callable, Protocol

from aiohttp import web
from botbuilder.core import MemoryStorage, TurnContext
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication

from ..config import BotFrameworkConfig, Settings
from . import state
from .connector import PooledCloudAdapter
from .turns import TurnRunner

TurnErrorHandler = Callable[[TurnContext, Exception], Awaitable[None]]


class Host(Protocol):
    """Where :func:`install` reads the settings and puts what it opens (the app's ``Resources``)."""

    settings: Settings
    credentials_factory: Any
    storage: Any
    turns: TurnRunner | None
    conversation_state: state.ConversationState | None
    dialog_state: state.PrivateConversationState | None
    adapter: PooledCloudAdapter | None


def open_storage(settings: Settings) -> Any:
    """The state store ``STATE_STORAGE`` names: SQLite (default), memory, or Azure Blob."""
    if settings.state_storage == "memory":
        return MemoryStorage()
    if settings.state_storage == "blob":
        from .blob import open_blob_storage

        return open_blob_storage(settings)
    from .storage import SqliteStorage

    return SqliteStorage(settings.data_dir / "bot-state.sqlite3")


async def close_storage(storage: Any) -> None:
    close = getattr(storage, "close", None)  # MemoryStorage has none, SqliteStorage's is not a coroutine
    if close is not None:
        result = close()
        if inspect.isawaitable(result):
            await result


async def storage_answers(storage: Any) -> bool:
    """True when the state storage answers (``/readyz``): SQLite and blob are asked, memory always does."""
    if storage is None:
        return False
    ping = getattr(storage, "ping", None)
    if ping is None:  # MemoryStorage
        return True
    answer = ping()
    return bool(await answer) if inspect.isawaitable(answer) else bool(answer)


def install(app: web.Application, host: Host, on_turn_error: TurnErrorHandler) -> None:
    """Open the state storage and the Bot Framework adapter, with this package's replacements,
    each in its own ``cleanup_ctx`` entry (after those the app registered before), so each is
    closed on shutdown and a failure of one still closes those opened before it."""

    async def storage_context(_app: web.Application) -> AsyncIterator[None]:
        storage = open_storage(host.settings)
        host.storage = storage
        try:
            host.turns = TurnRunner(storage)
            host.conversation_state = state.ConversationState(storage)
            # in group chats each user's dialog is their own
            host.dialog_state = state.PrivateConversationState(storage)
            yield
        finally:
            await close_storage(storage)

    async def adapter_context(_app: web.Application) -> AsyncIterator[None]:
        adapter = PooledCloudAdapter(ConfigurationBotFrameworkAuthentication(
            BotFrameworkConfig(host.settings), credentials_factory=host.credentials_factory))
        adapter.on_turn_error = on_turn_error
        host.adapter = adapter
        try:
            yield
        finally:
            await adapter.close()

    app.cleanup_ctx.append(storage_context)
    app.cleanup_ctx.append(adapter_context)
