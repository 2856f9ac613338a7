"""Issue 14, item 3: the bot checks ownership itself before it cancels, never relying on the portal.

The portal here ignores ``?organizer=`` on DELETE (as a portal may; meeting ids are not secret):
another user's confirmed **Avlys** must still cancel nothing.
"""
from __future__ import annotations


class OrganizerBlindPortal:
    """The embedded portal, but its cancel ignores who asks (it cancels as the meeting's owner)."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    async def cancel_meeting(self, meeting_id: str, organizer_id: str) -> None:
        meeting = await self._inner.get_meeting(meeting_id)
        await self._inner.cancel_meeting(meeting_id, meeting["organizer_id"])


async def test_a_confirmed_cancel_of_someone_elses_meeting_cancels_nothing(bot):
    owner, other = bot.client("Kari Nordmann"), bot.client("Ola Hansen")
    assert await owner.say("hurtig")
    [meeting] = await bot.portal.list_meetings(owner.user.aad_object_id)
    booking = bot.resources.bot.services.booking
    booking.portal = OrganizerBlindPortal(booking.portal)
    replies = await other.submit({"action": "cancel_meeting", "meeting_id": meeting["id"], "confirmed": True})
    assert len(replies) == 1 and "Møtet er avlyst" not in replies[0].text
    assert (await bot.portal.get_meeting(meeting["id"]))["status"] == "active"
