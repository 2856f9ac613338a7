"""The bot of the protocol tests in this folder runs at a frozen "now" (tests/bot/new_meeting_steps.py,
``NOW``): the Ny avtale dialog, the booking rules and the embedded portal all read that clock, and
the tests compute their dates from it, so none depends on the time of day the suite runs at."""
from __future__ import annotations

import pytest

from tests.bot.new_meeting_steps import frozen_clock


@pytest.fixture
async def bot(start_bot):
    return await start_bot(clock=frozen_clock())
