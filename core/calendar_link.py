"""Signed, expiring links to a meeting's calendar file (**Legg i kalender**).

A link names the meeting, its organizer, when it expires, the language and whether the file may
show the subject (not when the link was shown in a shared chat). It is signed with HMAC-SHA256
under the bot's secret (``CALENDAR_LINK_SECRET``), so it cannot be guessed or altered; the bot
answers 404 to anything that does not verify, has expired or whose meeting is not the organizer's,
and says nothing about which.

    >>> links = CalendarLinks(b"k" * 32)
    >>> now = datetime(2027, 1, 1, tzinfo=timezone.utc)
    >>> token = links.token("M1", "aad-1", now=now, language="nb", private=True)
    >>> links.verify(token, now=now)
    Claim(meeting_id='M1', organizer_id='aad-1', language='nb', private=True)
    >>> links.verify(token, now=now + LINK_VALIDITY + timedelta(seconds=1)) is None   # expired
    True
    >>> links.verify(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), now=now) is None   # altered
    True
    >>> CalendarLinks(b"x" * 32).verify(token, now=now) is None   # another secret
    True
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

#: How long a link works after it was put on a card (a fresh one is on every Mine møter card).
LINK_VALIDITY = timedelta(days=30)
_CONTEXT = b"delta-calendar-link-v1\n"
_LANGUAGES = ("nb", "en")


class Claim(NamedTuple):
    meeting_id: str
    organizer_id: str
    language: str
    private: bool


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class CalendarLinks:
    """Makes and checks the tokens; ``secret`` is at least 32 bytes."""

    def __init__(self, secret: bytes):
        if len(secret) < 32:
            raise ValueError("the calendar link secret must be at least 32 bytes")
        self._secret = secret

    def _sign(self, payload: bytes) -> str:
        return _b64(hmac.new(self._secret, _CONTEXT + payload, hashlib.sha256).digest())

    def token(self, meeting_id: str, organizer_id: str, *, now: datetime, language: str = "nb",
              private: bool = True) -> str:
        if "\n" in meeting_id or "\n" in organizer_id:
            raise ValueError("ids with a line break cannot be signed")
        expires = int((now + LINK_VALIDITY).timestamp())
        lang = language if language in _LANGUAGES else "nb"
        payload = "\n".join((meeting_id, organizer_id, str(expires), lang, "1" if private else "0")).encode("utf-8")
        return _b64(payload) + "." + self._sign(payload)

    def verify(self, token: str, *, now: datetime) -> Claim | None:
        """The claim of a valid, unexpired token; ``None`` for anything else."""
        if not isinstance(token, str) or len(token) > 1024 or token.count(".") != 1:
            return None
        encoded, signature = token.split(".")
        try:
            payload = _unb64(encoded)
        except (binascii.Error, ValueError):
            return None
        if not hmac.compare_digest(self._sign(payload), signature):
            return None
        try:
            meeting_id, organizer_id, expires, language, private = payload.decode("utf-8").split("\n")
            expiry = datetime.fromtimestamp(int(expires), tz=timezone.utc)
        except (UnicodeDecodeError, ValueError, OverflowError, OSError):
            return None
        if now >= expiry or not meeting_id or not organizer_id:
            return None
        return Claim(meeting_id, organizer_id, language, private == "1")
