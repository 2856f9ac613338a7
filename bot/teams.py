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
    """Organizer look-ups through Teams' member API, cached per user (bounded, with expiry).

    A failed look-up is not cached (the next action may find the e-mail), so two attempts of one
    action can see different organizers. The organizer is part of what a create sends with its
    idempotency key, so a retry must send what the first attempt sent: the dialog keeps the first
    attempt's organizer in its state; Hurtigavtale's **Prøv igjen** names where it came from
    (:data:`FROM_TEAMS` or :data:`FROM_ACTIVITY`, no personal data) and :meth:`organizer_from`
    gives the same organizer again.
    """

    FROM_TEAMS = "teams"        # name and e-mail from Teams' member API
    FROM_ACTIVITY = "activity"  # the id and the name the activity carries, no e-mail

    def __init__(self, ttl_seconds: float = 3600.0, max_entries: int = 10_000):
        self._ttl = ttl_seconds
        self._max = max_entries
        self._cache: OrderedDict[str, tuple[float, Organizer]] = OrderedDict()

    async def organizer(self, turn_context: TurnContext) -> Organizer | None:
        organizer, _source = await self.organizer_and_source(turn_context)
        return organizer

    async def organizer_and_source(self, turn_context: TurnContext) -> tuple[Organizer | None, str]:
        """The organizer (best effort: id and name when the look-up fails) and where it came from."""
        activity = turn_context.activity
        sender = activity.from_property
        if sender is None or not (sender.id or getattr(sender, "aad_object_id", None)):
            return None, self.FROM_ACTIVITY
        fallback = self._from_activity(turn_context)
        if fallback is None or activity.channel_id != "msteams" or not getattr(sender, "aad_object_id", None):
            return fallback, self.FROM_ACTIVITY
        found = await self._looked_up(turn_context)
        if found is None:
            return fallback, self.FROM_ACTIVITY
        return found, self.FROM_TEAMS

    async def organizer_from(self, turn_context: TurnContext, source: str) -> Organizer | None:
        """The organizer as an earlier attempt saw it: :data:`FROM_ACTIVITY` without a look-up;
        :data:`FROM_TEAMS` from the member API, ``None`` when that fails now (then nothing may be
        sent: the body would differ from the first attempt's)."""
        if source == self.FROM_TEAMS:
            activity = turn_context.activity
            sender = activity.from_property
            if sender is None or activity.channel_id != "msteams" or not getattr(sender, "aad_object_id", None):
                return None
            return await self._looked_up(turn_context)
        return self._from_activity(turn_context)

    @staticmethod
    def _from_activity(turn_context: TurnContext) -> Organizer | None:
        sender = turn_context.activity.from_property
        if sender is None:
            return None
        aad_id = getattr(sender, "aad_object_id", None)
        if turn_context.activity.channel_id == "msteams" and aad_id:
            return Organizer(id=aad_id, name=sender.name or None, email=None)
        if not sender.id:
            return None
        return Organizer(id=sender.id, name=sender.name or None, email=None)

    async def _looked_up(self, turn_context: TurnContext) -> Organizer | None:
        """The member API's organizer (cached); ``None`` when the look-up fails."""
        sender = turn_context.activity.from_property
        aad_id = sender.aad_object_id
        cached = self._cache.get(aad_id)
        now = time.monotonic()
        if cached is not None and now - cached[0] < self._ttl:
            self._cache.move_to_end(aad_id)
            return cached[1]
        try:
            member = await TeamsInfo.get_member(turn_context, sender.id)
        except Exception as exc:  # the organizer can still book with id and name
            log.warning("member look-up failed: %s", type(exc).__name__)
            return None
        name = member.name or sender.name or None
        email = getattr(member, "email", None) or getattr(member, "user_principal_name", None)
        organizer = Organizer(id=aad_id, name=name, email=email)
        self._cache[aad_id] = (now, organizer)
        if len(self._cache) > self._max:
            self._cache.popitem(last=False)
        return organizer
