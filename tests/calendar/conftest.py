from __future__ import annotations

import pytest

from tests.calendar.caldav import start_radicale


@pytest.fixture
def radicale(tmp_path):
    server = start_radicale(tmp_path / "radicale")
    yield server
    server.stop()
