"""A real CalDAV server for the calendar tests: Radicale (from PyPI), started on loopback with a
temporary storage folder and no authentication, and a few WebDAV requests to it."""
from __future__ import annotations

import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import aiohttp
import icalendar

from tests.harness import free_port

NS = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav"}


@dataclass
class Radicale:
    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_radicale(folder: Path) -> Radicale:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(folder), "--auth-type", "none", "--rights-type", "authenticated",
         "--logging-level", "warning", "--config", ""],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    import socket

    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError("radicale exited: " + (process.stderr.read() or b"").decode(errors="replace")[-2000:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("radicale did not start") from None
            time.sleep(0.1)
    return Radicale(url, process)


async def make_calendar(session: aiohttp.ClientSession, url: str) -> None:
    """MKCOL of the owner's collection (no login, so none exists), then MKCALENDAR of ``url``."""
    parent = url.rstrip("/").rsplit("/", 1)[0] + "/"
    async with session.request("MKCOL", parent) as response:
        assert response.status == 201, await response.text()
    async with session.request("MKCALENDAR", url) as response:
        assert response.status == 201, await response.text()


async def put_event(session: aiohttp.ClientSession, url: str, body: bytes) -> int:
    async with session.put(url, data=body, headers={"Content-Type": "text/calendar; charset=utf-8"}) as response:
        await response.read()
        return response.status


def _stamp(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%SZ")


async def expanded_instances(session: aiohttp.ClientSession, url: str, start: datetime,
                             end: datetime) -> list[icalendar.Event]:
    """A calendar-query REPORT with a time-range filter and ``expand``: every instance the server
    computes from what it stored, as separate VEVENTs (UTC times)."""
    query = f"""<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><c:calendar-data><c:expand start="{_stamp(start)}" end="{_stamp(end)}"/></c:calendar-data></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
    <c:time-range start="{_stamp(start)}" end="{_stamp(end)}"/>
  </c:comp-filter></c:comp-filter></c:filter>
</c:calendar-query>"""
    async with session.request("REPORT", url, data=query.encode(),
                               headers={"Depth": "1", "Content-Type": "application/xml"}) as response:
        text = await response.text()
        assert response.status == 207, text
    events: list[icalendar.Event] = []
    for data in ET.fromstring(text).iterfind(".//c:calendar-data", NS):
        calendar = icalendar.Calendar.from_ical(data.text or "")
        events += [c for c in calendar.walk("VEVENT")]
    return events
