"""Bot state in Azure Blob Storage (``STATE_STORAGE=blob``), for several replicas.

Built on botbuilder-azure's :class:`~botbuilder.azure.BlobStorage` (its settings, its container
set-up and its blob format: one jsonpickle JSON blob per state key), with the gaps that matter for
replicas closed. Measured against Azurite 3.37 and read in botbuilder-azure 4.17.1:

* A write with a stale ``e_tag`` *is* refused by the service (``If-Match``), but it surfaces as
  azure-core's ``ResourceExistsError``/``ResourceModifiedError``, not as the ``KeyError``-style
  conflict the SDK's other stores raise. Here it is :class:`~bot.sdk.storage.StorageConflict`, so the
  app's turn runner can tell "another replica saved first" from a broken storage.
* After a successful write the item keeps the eTag it was read with, so a second save of the same
  state in one turn is refused by the service as if another replica had written. Here the new
  eTag is put back into the written item.
* The stock ``read`` swallows every ``HttpResponseError`` (it only means to skip 404): a
  throttled or failing service makes a dialog look absent, and the next write (no eTag) would
  overwrite it. Here only "not found" means absent; anything else raises.
* Keys are used as blob names as they are; a conversation id with a ``..`` segment breaks the
  request signature. Here each key is percent-encoded into one path segment (dots too: Azure
  refuses names that end with a dot), or hashed when very long.
* eTags are passed back exactly as the service returned them (quoted), instead of relying on the
  service to accept the stock store's unquoted form.
* The stock store never closes its HTTP client; :meth:`close` does.

It also offers :meth:`turn_lock`: a blob lease per conversation and user, so two replicas that get
two turns of one conversation at the same moment run them one after the other (see
``bot.sdk.turns``). The eTag check stays as the safety net when a lease expires.

The lease blobs (``turn-leases/<sha256>``, empty) live only while a turn runs. A turn creates its
blob (``If-None-Match: *``; "already exists" is fine: another replica made it and may hold it),
leases it, and on release *deletes* it with its lease id instead of releasing the lease. That is
safe for a replica waiting on the same blob: Azure deletes a leased blob only for the request
that carries the active lease id, so the delete succeeds only while this turn still holds the
lease (if the lease ran out and another replica took it, the delete is refused and the blob is
theirs), and it ends the lease at the same moment a release would. The waiter's next attempt
finds no blob, creates it and leases it; if two waiters create it at once, one creation is
refused as "already exists" and the lease decides between them, as before. The cost is one
request per turn (the creation). Only a replica that dies in a turn leaves its blob behind (with
a lease that runs out within ``LEASE_SECONDS``); the next turn of that conversation deletes it.
An optional lifecycle rule can sweep those few (README, "Running several replicas").

Waiting for a lease always has a deadline (``wait``) and backs off. Only "already exists" (409,
412) is ignored when creating a lease blob; a missing container (deleted by an operator) is
created again once per turn lock, and if that fails the turn gets a :class:`StateContainerMissing`
with the reason, instead of looping.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Dict, List
from urllib.parse import quote

from azure.core import MatchConditions
from azure.core.exceptions import (
    HttpResponseError,
    ResourceExistsError,
    ResourceModifiedError,
    ResourceNotFoundError,
)
from azure.storage.blob import StorageErrorCode
from azure.storage.blob.aio import BlobServiceClient
from botbuilder.azure import BlobStorage, BlobStorageSettings
from botbuilder.azure.blob_storage import convert_account_name_and_key_to_connection_string
from jsonpickle import encode

from . import state as state_codec
from .storage import StorageConflict

log = logging.getLogger(__name__)

MAX_NAME = 900          # Azure allows 1024 characters per blob name
LEASE_SECONDS = 15      # Azure's shortest lease; renewed every LEASE_SECONDS / 3 while a turn runs
LEASE_WAIT = 20.0       # longer than a lease: an abandoned one is always taken over first
LEASE_PREFIX = "turn-leases/"  # state names never contain "/" (it is percent-encoded)


class StateContainerMissing(RuntimeError):
    """The state container is gone (deleted) and could not be created again."""


def _container_missing(exc: HttpResponseError) -> bool:
    return getattr(exc, "error_code", None) == StorageErrorCode.container_not_found


def blob_name(key: str) -> str:
    """The blob that holds a state key: one readable, percent-encoded path segment.

    >>> blob_name("msteams/conversations/a:1/users/29:x")
    'msteams%2Fconversations%2Fa%3A1%2Fusers%2F29%3Ax'
    >>> blob_name("x/../y")
    'x%2F%2E%2E%2Fy'
    """
    name = quote(key, safe="").replace(".", "%2E")
    if len(name) > MAX_NAME:
        name = "sha256-" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    return name


def _e_tag_of(item: Any) -> str | None:
    if isinstance(item, dict):
        return item.get("e_tag")
    return getattr(item, "e_tag", None)


def _set_e_tag(item: Any, e_tag: str) -> None:
    if isinstance(item, dict):
        item["e_tag"] = e_tag
    elif hasattr(item, "e_tag"):
        item.e_tag = e_tag


class BlobStateStorage(BlobStorage):
    """botbuilder-azure's ``BlobStorage`` with eTags honoured as a conflict, safe blob names, strict
    reads, a per-turn lease and a ``close``."""

    def __init__(self, settings: BlobStorageSettings):
        super().__init__(settings)
        # BlobStorage keeps its service client nowhere and its ContainerClient private
        # (name-mangled), and closing a ContainerClient leaves the service client's HTTP session
        # open. So the clients are made here, kept, and handed to the stock code (its
        # ``_initialize`` creates the container through them); the stock ones never open a session.
        connection_string = settings.connection_string or \
            convert_account_name_and_key_to_connection_string(settings)
        self._service = BlobServiceClient.from_connection_string(connection_string)
        self._container = self._service.get_container_client(settings.container_name)
        self._BlobStorage__container_client = self._container
        self.lease_attempts = 0  # lease acquisitions tried (for tests and operations)

    async def close(self) -> None:
        await self._service.close()

    async def ping(self) -> bool:
        await self._initialize()
        await self._container.get_container_properties()
        return True

    async def read(self, keys: List[str]) -> Dict[str, Any]:
        if not keys:
            return {}
        await self._initialize()
        items: Dict[str, Any] = {}
        for key in keys:
            blob = self._container.get_blob_client(blob_name(key))
            try:
                download = await blob.download_blob()
            except ResourceNotFoundError:
                continue
            try:
                # plain data only: a py/reduce blob must never run (bot/sdk/state.py)
                value = state_codec.restore(json.loads(await download.content_as_text()))
            except (state_codec.TaggedState, ValueError) as exc:
                log.warning("stored state refused (%s): the conversation starts afresh",
                            getattr(exc, "tag", type(exc).__name__))
                continue
            if isinstance(value, dict):
                value["e_tag"] = download.properties.etag
            items[key] = value
        return items

    async def write(self, changes: Dict[str, Any]) -> None:
        if changes is None:
            raise ValueError("changes are required when writing")
        if not changes:
            return
        await self._initialize()
        for key, item in changes.items():
            e_tag = _e_tag_of(item)
            if e_tag == "":
                raise ValueError("blob state: empty e_tag")
            content = {k: v for k, v in item.items() if k != "e_tag"} if isinstance(item, dict) else item
            blob = self._container.get_blob_client(blob_name(key))
            try:
                if e_tag and e_tag != "*":
                    result = await blob.upload_blob(encode(content), overwrite=True, etag=e_tag,
                                                    match_condition=MatchConditions.IfNotModified)
                else:  # no eTag or "*": last writer wins, as in the SDK's MemoryStorage
                    result = await blob.upload_blob(encode(content), overwrite=True)
            except (ResourceModifiedError, ResourceExistsError) as exc:
                raise StorageConflict(key) from exc
            except HttpResponseError as exc:
                # 404 on a conditional write: deleted since it was read, also a conflict.
                if exc.status_code in (409, 412) or (exc.status_code == 404 and e_tag and e_tag != "*"):
                    raise StorageConflict(key) from exc
                raise
            _set_e_tag(item, result["etag"])

    async def delete(self, keys: List[str]) -> None:
        if keys is None:
            raise ValueError("keys are required when deleting")
        await self._initialize()
        for key in keys:
            try:
                await self._container.get_blob_client(blob_name(key)).delete_blob()
            except ResourceNotFoundError:
                pass

    @asynccontextmanager
    async def turn_lock(self, key: str, wait: float = LEASE_WAIT) -> AsyncIterator[bool]:
        """Hold a blob lease named after ``key`` while a turn runs; yields whether it was taken.
        The lease lasts ``LEASE_SECONDS`` and is renewed while the turn runs, so a replica that
        dies holding one blocks its conversation for that long at most. After ``wait`` seconds the
        turn goes on without it, guarded by the eTags alone. The blob is deleted on release
        (module docstring)."""
        await self._initialize()
        blob = self._container.get_blob_client(LEASE_PREFIX + hashlib.sha256(key.encode()).hexdigest())
        lease = await self._acquire(blob, wait)
        renewal = asyncio.create_task(_renew(lease)) if lease is not None else None
        try:
            yield lease is not None
        finally:
            if renewal is not None:
                renewal.cancel()
                await _delete_leased(blob, lease)

    async def _acquire(self, blob, wait: float):
        """The lease on ``blob``, created first if needed; None after ``wait`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        delay = 0.01
        restored = False
        need_blob = True    # deleted on release, so usually absent when a turn starts
        created = False     # the blob was created (or found) in this round
        while True:
            if need_blob:
                restored = await self._create_lease_blob(blob, restored)
                need_blob, created = False, True
            self.lease_attempts += 1
            try:
                return await blob.acquire_lease(lease_duration=LEASE_SECONDS)
            except ResourceNotFoundError as exc:
                # The holder deleted it on release (a waiter's usual way in), or the container went.
                if _container_missing(exc):
                    restored = await self._restore_container(restored)
                need_blob = True
                if not created:  # straight back to create and lease it, once per round
                    continue
            except HttpResponseError as exc:  # ResourceExistsError and ResourceModifiedError too
                if exc.status_code not in (409, 412):  # 409: leased by another turn
                    raise
            created = False
            if loop.time() > deadline:
                log.warning("turn lease not acquired in %.0f s; going on with eTag checks only", wait)
                return None
            await asyncio.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.25)

    async def _create_lease_blob(self, blob, restored: bool) -> bool:
        """An empty blob to lease, unless it exists (another replica made it and may hold it);
        the container is created again if it is missing. Returns whether it was."""
        for _ in range(2):
            try:
                await blob.upload_blob(b"", overwrite=False)
                return restored
            except HttpResponseError as exc:
                if exc.status_code in (409, 412):  # BlobAlreadyExists; a leased one may answer 412
                    return restored
                if not _container_missing(exc):
                    raise
                restored = await self._restore_container(restored)  # raises the second time
        return restored  # pragma: no cover - the loop returns or raises

    async def _restore_container(self, restored: bool) -> bool:
        """Create the state container again, once per turn lock; else :class:`StateContainerMissing`."""
        name = self._container.container_name
        if restored:
            raise StateContainerMissing(f"blob container {name!r} is gone again after it was created")
        log.warning("blob container %r is missing (deleted?): creating it again; state saved before is gone",
                    name)
        try:
            await self._container.create_container()
        except HttpResponseError as exc:
            code = getattr(exc, "error_code", None)
            if code != StorageErrorCode.container_already_exists:
                # e.g. 409 ContainerBeingDeleted (Azure needs a while after a delete), 403 no right to create
                reason = f"{exc.status_code} {getattr(code, 'value', code) or ''}".rstrip()
                log.error("blob container %r is missing and could not be created: %s", name, reason)
                raise StateContainerMissing(
                    f"blob container {name!r} is missing and could not be created: {reason}") from exc
        return True


async def _delete_leased(blob, lease) -> None:
    """Delete the lease blob while holding its lease (which ends the lease as well); if the lease
    was lost (it ran out and another turn took it: 412), the blob is theirs and stays."""
    try:
        await blob.delete_blob(lease=lease)
        return
    except HttpResponseError as exc:
        if exc.status_code in (404, 409, 412):
            log.info("turn lease blob not deleted: %s", type(exc).__name__)
            return
        log.warning("turn lease blob not deleted: %s %s", type(exc).__name__, exc.status_code)
    try:  # the service failed the delete: at least let a waiting replica in now
        await lease.release()
    except HttpResponseError as exc:
        log.info("turn lease not released: %s", type(exc).__name__)


async def _renew(lease) -> None:
    while True:
        await asyncio.sleep(LEASE_SECONDS / 3)
        try:
            await lease.renew()
        except HttpResponseError as exc:
            log.warning("turn lease not renewed: %s", type(exc).__name__)
            return


def open_blob_storage(settings) -> BlobStateStorage:
    """The state store for ``STATE_STORAGE=blob`` (``AZURE_STORAGE_CONNECTION_STRING``,
    ``AZURE_STORAGE_CONTAINER``)."""
    return BlobStateStorage(BlobStorageSettings(
        container_name=settings.azure_storage_container,
        connection_string=settings.azure_storage_connection_string,
    ))
