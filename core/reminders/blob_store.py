"""Reminders on Azure Blob Storage (``STATE_STORAGE=blob``), shared by every replica.

One small blob per (meeting, occurrence) under ``reminders/<due>/<meeting>/<occurrence>`` (UTC,
so a listing comes in due order), its state in the blob's metadata (``status``: pending, sending,
sent, dropped, cancelled, off). Claiming uses a **blob lease**: a replica leases the blob, reads
the status under the lease, sets ``sending`` and lets the lease go; a second replica either fails
to lease it or finds ``sending``. The conversation references live in ``reminder-refs/<id>``.
Blobs of reminders more than :data:`KEEP` past due are deleted while scanning.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any, AsyncIterator
from urllib.parse import quote, unquote

from azure.core.exceptions import HttpResponseError, ResourceExistsError, ResourceNotFoundError
from azure.storage.blob.aio import BlobServiceClient, ContainerClient

from .schedule import Reminder

PREFIX = "reminders/"
REFERENCES = "reminder-refs/"
LEASE_SECONDS = 15
KEEP = timedelta(days=2)
_STAMP = "%Y%m%dT%H%M%SZ"


def _name(reminder: Reminder) -> str:
    return (f"{PREFIX}{reminder.due_at.astimezone(timezone.utc).strftime(_STAMP)}/"
            f"{quote(reminder.meeting_id, safe='')}/{reminder.starts_at.strftime(_STAMP)}")


class BlobReminderStore:
    def __init__(self, connection_string: str, container: str):
        self._service = BlobServiceClient.from_connection_string(connection_string)
        self._container: ContainerClient = self._service.get_container_client(container)
        self._ready = False

    async def _init(self) -> None:
        if not self._ready:
            try:
                await self._container.create_container()
            except ResourceExistsError:
                pass
            self._ready = True

    async def add(self, reminders: list[Reminder]) -> None:
        await self._init()
        for reminder in reminders:
            body = json.dumps({"occurrence": reminder.occurrence, "organizer_id": reminder.organizer_id})
            try:
                await self._container.upload_blob(_name(reminder), body.encode(), overwrite=False,
                                                  metadata={"status": "pending"})
            except ResourceExistsError:
                pass

    async def _reminders(self, meeting_id: str | None = None) -> AsyncIterator[tuple[Any, list[str]]]:
        async for item in self._container.list_blobs(name_starts_with=PREFIX, include=["metadata"]):
            parts = item.name[len(PREFIX):].split("/")
            if len(parts) != 3:
                continue
            if meeting_id is not None and unquote(parts[1]) != meeting_id:
                continue
            yield item, parts

    async def claim_due(self, now: datetime, limit: int = 50) -> list[Reminder]:
        await self._init()
        stamp = now.astimezone(timezone.utc).strftime(_STAMP)
        old = (now - KEEP).astimezone(timezone.utc).strftime(_STAMP)
        claimed: list[Reminder] = []
        async for item, parts in self._reminders():
            if parts[0] > stamp or len(claimed) >= limit:
                break
            status = (item.metadata or {}).get("status")
            if status != "pending":
                if parts[0] < old:
                    await self._delete(item.name)
                continue
            reminder = await self._claim(item.name, parts)
            if reminder is not None:
                claimed.append(reminder)
        return claimed

    async def _claim(self, name: str, parts: list[str]) -> Reminder | None:
        blob = self._container.get_blob_client(name)
        try:
            lease = await blob.acquire_lease(lease_duration=LEASE_SECONDS)
        except (HttpResponseError, ResourceNotFoundError):
            return None  # another replica holds it, or it is gone
        try:
            props = await blob.get_blob_properties(lease=lease)
            if (props.metadata or {}).get("status") != "pending":
                return None
            await blob.set_blob_metadata({"status": "sending"}, lease=lease)
            data = json.loads(await (await blob.download_blob(lease=lease)).readall())
        finally:
            try:
                await lease.release()
            except HttpResponseError:
                pass
        due = datetime.strptime(parts[0], _STAMP).replace(tzinfo=timezone.utc)
        return Reminder(unquote(parts[1]), data["occurrence"], due, data["organizer_id"])

    async def _set(self, reminder: Reminder, status: str, only_if: str | None = None) -> None:
        blob = self._container.get_blob_client(_name(reminder))
        try:
            if only_if is not None:
                props = await blob.get_blob_properties()
                if (props.metadata or {}).get("status") != only_if:
                    return
            await blob.set_blob_metadata({"status": status})
        except (ResourceNotFoundError, HttpResponseError):
            pass  # gone, or leased by a replica claiming it right now

    async def _delete(self, name: str) -> None:
        try:
            await self._container.delete_blob(name)
        except (ResourceNotFoundError, HttpResponseError):
            pass

    async def done(self, reminder: Reminder, outcome: str) -> None:
        await self._set(reminder, outcome)

    async def release(self, reminder: Reminder) -> None:
        await self._set(reminder, "pending", only_if="sending")

    async def cancel(self, meeting_id: str, occurrence: str | None = None, outcome: str = "cancelled") -> None:
        await self._init()
        wanted = None
        if occurrence is not None:
            wanted = datetime.fromisoformat(occurrence).astimezone(timezone.utc).strftime(_STAMP)
        async for item, parts in self._reminders(meeting_id):
            if wanted is not None and parts[2] != wanted:
                continue
            if (item.metadata or {}).get("status") == "pending":
                due = datetime.strptime(parts[0], _STAMP).replace(tzinfo=timezone.utc)
                occ = datetime.strptime(parts[2], _STAMP).replace(tzinfo=timezone.utc).isoformat()
                await self._set(Reminder(meeting_id, occ, due, ""), outcome, only_if="pending")

    async def turn_off(self, meeting_id: str) -> None:
        await self.cancel(meeting_id, outcome="off")

    async def status(self, meeting_id: str) -> dict[str, str]:
        found: dict[str, str] = {}
        async for item, parts in self._reminders(meeting_id):
            found[parts[2]] = (item.metadata or {}).get("status", "")
        return found

    async def save_reference(self, organizer_id: str, reference: str) -> None:
        await self._init()
        await self._container.upload_blob(REFERENCES + quote(organizer_id, safe=""), reference.encode(),
                                          overwrite=True)

    async def reference(self, organizer_id: str) -> str | None:
        await self._init()
        try:
            data: Any = await (await self._container.download_blob(
                REFERENCES + quote(organizer_id, safe=""))).readall()
        except ResourceNotFoundError:
            return None
        return str(data.decode("utf-8"))

    async def close(self) -> None:
        await self._service.close()
