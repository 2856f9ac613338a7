"""The message-extension tests run at the frozen "now" of the bot protocol tests."""
from __future__ import annotations

import pytest

from tests.bot.new_meeting_steps import frozen_clock


@pytest.fixture
async def bot(start_bot):
    return await start_bot(clock=frozen_clock())
