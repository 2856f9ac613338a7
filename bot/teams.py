"""Who is talking: the organizer from a Teams activity, and command text without @mentions."""
from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections import OrderedDict

from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsInfo

from core.booking import Organizer

log = logging.getLogger(__name__)

_PUNCTUATION = re.compile(r"^[\s\W_]+|[\s\W_]+$", re.UNICODE)
_SPACES = re.compile(r"\s+")
_MENTION_TAG = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)


def command_text(turn_context: TurnContext) -> str | None:
    """The message text with the bot's @mention removed, NFKC-normalised, lower case, trimmed of
    surrounding punctuation and with single spaces. ``None`` for card submits without text.

    "?" alone stays "?" (it asks for help).
    """
    activity = turn_context.activity
    raw = activity.text
    if not isinstance(raw, str) or not raw.strip():
        return None
    if activity.entities:
        try:
            raw = TurnContext.remove_recipient_mention(activity) or raw
        except Exception:  # a malformed mention entity must not break the turn
            pass
    raw = _MENTION_TAG.sub(" ", raw)
    text = unicodedata.normalize("NFKC", raw).lower()
    text = _SPACES.sub(" ", text).strip()
    if text in ("?", "??"):
        return "?"
    return _PUNCTUATION.sub("", text)


def raw_text(turn_context: TurnContext) -> str:
    """The message text with mentions removed but case and punctuation kept (for free-text answers)."""
    activity = turn_context.activity
    raw = activity.text if isinstance(activity.text, str) else ""
    if raw and activity.entities:
        try:
            raw = TurnContext.remove_recipient_mention(activity) or raw
        except Exception:
            pass
    return _SPACES.sub(" ", _MENTION_TAG.sub(" ", raw)).strip()


class MemberDirectory:
    """Organizer look-ups through Teams' member API, cached per user (bounded, with expiry)."""

    def __init__(self, ttl_seconds: float = 3600.0, max_entries: int = 10_000):
        self._ttl = ttl_seconds
        self._max = max_entries
        self._cache: OrderedDict[str, tuple[float, Organizer]] = OrderedDict()

    async def organizer(self, turn_context: TurnContext) -> Organizer | None:
        activity = turn_context.activity
        sender = activity.from_property
        if sender is None or not (sender.id or getattr(sender, "aad_object_id", None)):
            return None
        aad_id = getattr(sender, "aad_object_id", None)
        if activity.channel_id != "msteams" or not aad_id:
            return Organizer(id=sender.id, name=sender.name or None, email=None)
        cached = self._cache.get(aad_id)
        now = time.monotonic()
        if cached is not None and now - cached[0] < self._ttl:
            self._cache.move_to_end(aad_id)
            return cached[1]
        name, email = sender.name or None, None
        try:
            member = await TeamsInfo.get_member(turn_context, sender.id)
            name = member.name or name
            email = getattr(member, "email", None) or getattr(member, "user_principal_name", None)
        except Exception as exc:  # the organizer can still book with id and name
            log.warning("member look-up failed: %s", type(exc).__name__)
            organizer = Organizer(id=aad_id, name=name, email=None)
            return organizer
        organizer = Organizer(id=aad_id, name=name, email=email)
        self._cache[aad_id] = (now, organizer)
        if len(self._cache) > self._max:
            self._cache.popitem(last=False)
        return organizer
