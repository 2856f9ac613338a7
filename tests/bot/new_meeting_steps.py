"""A Teams user walking through the Ny avtale form over real HTTP, and what the portal stored.

Used by the ``tests/bot/test_new_meeting*.py`` conversations. The bot under test runs at a frozen
"now", :data:`NOW` (``tests/bot/conftest.py`` gives its app the :func:`frozen_clock`), and the tests
compute their dates from the same :data:`NOW`: what "i morgen" means cannot change between the
test's computation and the bot's, at midnight, at new year or at a daylight-saving change.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from tests.harness import Reply, TeamsClient, actions_of, inputs_of

TZ = ZoneInfo("Europe/Oslo")

DEFAULT_TEMPLATE = "videokonsultasjon-15-hd-chat-nb"
TEMPLATES = {
    "videokonsultasjon-15-hd-chat-nb": ("Videokonsultasjon (15, HD, Chat) (nb)", 15, "nb"),
    "videokonsultasjon-15-hd-chat-en": ("Videokonsultasjon (15, HD, Chat) (en)", 15, "en"),
    "videomote-50-fullhd-chat-nb": ("Videomøte (50, FullHD, Chat) (nb)", 50, "nb"),
    "sensitivt-rom-5-hd-nb": ("Sensitivt rom (5, HD) (nb)", 5, "nb"),
}
MONTHS_NB = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
             "oktober", "november", "desember")
WEEKDAYS_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
SHORT_NB = ("man", "tir", "ons", "tor", "fre", "lør", "søn")


# -- time -----------------------------------------------------------------------------------------
#: The bot's and the tests' "now": a Wednesday morning in Oslo (winter time; the next change is
#: the spring one on 28 March 2027). Fixed, so every run sees the same days and weekdays.
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)


def frozen_clock(at: datetime = NOW):
    """A clock for the app (``Resources.clock``) that always says ``at``."""
    moment = at.astimezone(timezone.utc)
    return lambda: moment


def now() -> datetime:
    return NOW


def today() -> date:
    return NOW.date()


def next_weekday(weekday: int, at_least: int = 2) -> date:
    """The first day at least ``at_least`` days from today that is ``weekday`` (0 = Monday)."""
    day = today() + timedelta(days=at_least)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def at(day: date, clock: str) -> datetime:
    """Wall-clock time on a day in Oslo (DST-correct)."""
    return datetime.combine(day, time.fromisoformat(clock), TZ)


def iso(day: date, clock: str) -> str:
    return at(day, clock).isoformat()


def nb_day(day: date) -> str:
    """``1. mars`` as a Norwegian would write it."""
    return f"{day.day}. {MONTHS_NB[day.month - 1]}"


def shown_period(day: date, start: str, end: str) -> str:
    """How the cards show one meeting: ``tir 01.12.2026 13:00-14:00``."""
    return f"{SHORT_NB[day.weekday()]} {day:%d.%m.%Y} {start}-{end}"


def expected_days(first: date, frequency: str, until: date | None) -> list[date]:
    """The days of a series, computed here independently of core.recurrence."""
    if frequency == "none":
        return [first]
    days, day = [], first
    if frequency == "monthly":
        assert first.day <= 28, "keep monthly tests on days every month has"
        month = 0
        while True:
            y, m = divmod(first.month - 1 + month, 12)
            day = date(first.year + y, m + 1, first.day)
            if day > until:
                return days
            days.append(day)
            month += 1
    step = {"daily": 1, "weekdays": 1, "weekly": 7, "biweekly": 14}[frequency]
    while day <= until:
        if frequency != "weekdays" or day.weekday() < 5:
            days.append(day)
        day += timedelta(days=step)
    return days


def expected_occurrences(first: date, start: str, end: str, frequency: str, until: date | None):
    return [{"start": iso(d, start), "end": iso(d, end)} for d in expected_days(first, frequency, until)]


# -- cards ----------------------------------------------------------------------------------------
def submit_actions(reply: Reply) -> list[dict[str, Any]]:
    return [a for a in actions_of(reply.card) if a["type"] == "Action.Submit"]


def step_of(reply: Reply) -> str | None:
    """The Ny avtale step a card belongs to (its primary action's ``step``), None for other cards."""
    if not reply.cards:
        return None
    for action in submit_actions(reply):
        return (action.get("data") or {}).get("step")
    return None


def run_of(reply: Reply) -> str | None:
    for action in submit_actions(reply):
        return (action.get("data") or {}).get("run")
    return None


def titles(reply: Reply) -> list[str]:
    return [a["title"] for a in actions_of(reply.card)]


def facts_of(reply: Reply) -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "FactSet":
                for fact in node.get("facts", []):
                    found[fact["title"]] = fact["value"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(reply.card.get("body", []))
    return found


def update_lines(connector) -> dict[str, str]:
    """Card id -> the text of the last update the bot made to it."""
    return {u["_updated"]: "\n".join(block["text"] for a in u.get("attachments") or []
                                      for block in a["content"].get("body", []) if block.get("type") == "TextBlock")
            for u in connector.updates}


class Form:
    """One user's Ny avtale: the card the dialog waits on (``card``), and the bot's last replies."""

    def __init__(self, client: TeamsClient):
        self.client = client
        self.replies: list[Reply] = []
        self.card: Reply | None = None
        self.history: list[Reply] = []

    @property
    def step(self) -> str | None:
        return step_of(self.card) if self.card else None

    @property
    def run(self) -> str | None:
        return run_of(self.card) if self.card else None

    @property
    def text(self) -> str:
        """Everything the bot said in its last replies."""
        return "\n".join(r.text for r in self.replies)

    @property
    def last(self) -> Reply:
        return self.replies[-1]

    def _track(self, replies: list[Reply]) -> list[Reply]:
        self.replies = replies
        self.history.extend(replies)
        for reply in reversed(replies):
            if step_of(reply):
                self.card = reply
                break
        return replies

    async def say(self, text: str, **extra: Any) -> list[Reply]:
        return self._track(await self.client.say(text, **extra))

    start = say

    async def press(self, title: str | None = None, reply: Reply | None = None, **inputs: Any) -> list[Reply]:
        """Press an action of the current card (the primary one by default) with inputs filled."""
        return self._track(await self.client.press(reply or self.card, title=title, inputs=inputs))

    async def submit(self, data: dict[str, Any], reply_to: str | None = None) -> list[Reply]:
        """A raw card submit (any value a client could send) in reply to the current card."""
        return self._track(await self.client.submit(data, reply_to=reply_to or (self.card.id if self.card else None)))

    def data(self, **extra: Any) -> dict[str, Any]:
        """The primary action's data of the current card (action, step, run), plus ``extra``."""
        data = dict(submit_actions(self.card)[0]["data"])
        data.update(extra)
        return data

    def inputs(self) -> dict[str, dict[str, Any]]:
        return inputs_of(self.card.card)

    async def answer(self, *, template: str | None = None, subject: str = "Tverrfaglig møte",
                     emails: str = "", sms: str = "", consent: bool | None = None,
                     day: date | None = None, start: str = "13:00", end: str = "14:00",
                     recurrence: str = "none", until: date | None = None) -> list[Reply]:
        """Answer the current step once, as a user filling the card would."""
        step = self.step
        if step == "template":
            return await (self.press(template=template) if template else self.press())
        if step == "subject":
            return await self.press(subject=subject)
        if step == "invitations":
            agreed = consent if consent is not None else bool(emails or sms)
            return await self.press(emails=emails, sms=sms, consent="true" if agreed else "false")
        if step == "time":
            return await self.press(date=(day or next_weekday(1)).isoformat(), start=start, end=end, when="")
        if step == "recurrence":
            return await self.press(recurrence=recurrence, until=until.isoformat() if until else "")
        raise AssertionError(f"no answer for step {step}")

    async def fill(self, *, stop_at: str = "summary", **answers: Any) -> None:
        """Walk from the current step to ``stop_at`` answering every step asked on the way."""
        for _ in range(10):
            if self.step == stop_at:
                return
            step = self.step
            await self.answer(**answers)
            assert self.step != step, f"step {step} asked again: {self.text}"
        raise AssertionError(f"never reached {stop_at}")


async def get_json(bot, path: str, **params: str) -> Any:
    async with bot.session.get(f"{bot.url}/portal/api/v1/{path}", params=params) as response:
        assert response.status == 200, await response.text()
        return await response.json()


async def meetings_of(bot, client: TeamsClient) -> list[dict[str, Any]]:
    """The organizer's meetings as the portal's REST API lists them."""
    return (await get_json(bot, "meetings", organizer=client.user.aad_object_id))["meetings"]


async def the_meeting(bot, client: TeamsClient) -> dict[str, Any]:
    """The organizer's one meeting, read back in full (``GET /meetings/{id}``)."""
    meetings = await meetings_of(bot, client)
    assert len(meetings) == 1, meetings
    return await get_json(bot, f"meetings/{meetings[0]['id']}")


async def outbox_of(bot, meeting_id: str) -> list[dict[str, Any]]:
    return (await get_json(bot, "outbox", meeting_id=meeting_id))["messages"]
