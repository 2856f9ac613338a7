"""Fixtures for the reliability tests: the bot as a real process (``python -m bot``), restartable
and killable; a second bot app on the same storage; the turn-failure counter."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.harness import free_port
from tests.security.fuzz import install_turn_failures, remove_turn_failures

from .flow import FlakyConnector

# Settings a developer's shell might have that must not leak into a bot process under test.
_SETTINGS = ("HOST", "PORT", "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "MicrosoftAppTenantId",
             "BOT_DOMAIN", "ALLOWED_TENANTS", "PORTAL_URL", "PORTAL_AUTHORITY", "PORTAL_CLIENT_ID",
             "PORTAL_CLIENT_SECRET", "PORTAL_CLIENT_CERT", "PORTAL_SCOPE", "PORTAL_TOKEN_ISSUER",
             "PORTAL_TOKEN_AUDIENCE", "DATA_DIR", "STATE_STORAGE", "AZURE_STORAGE_CONNECTION_STRING",
             "AZURE_STORAGE_CONTAINER", "TIME_ZONE", "TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL",
             "TO_BOT_FROM_CHANNEL_TOKEN_ISSUER", "LOG_LEVEL", "LOG_FORMAT", "MAX_MEETINGS_PER_HOUR",
             "MAX_INVITATIONS_PER_HOUR")


@pytest.fixture
async def connector():
    """The connector stub, able to refuse replies (``fail_posts``)."""
    stub = await FlakyConnector().start()
    yield stub
    await stub.close()


@pytest.fixture
def turn_failures():
    handler = install_turn_failures()
    yield handler
    remove_turn_failures(handler)


class BotProcess:
    """``python -m bot`` on a loopback port, its stdout and stderr in one file (all it writes)."""

    def __init__(self, workdir: Path, env: dict[str, str], port: int):
        self.workdir, self.env, self.port = workdir, env, port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = workdir / f"bot-{port}.log"
        self.process: subprocess.Popen | None = None

    async def start(self, timeout: float = 60.0) -> "BotProcess":
        log = self.log_path.open("ab")
        # cwd is a fresh folder: no developer .env is read.
        self.process = subprocess.Popen([sys.executable, "-m", "bot"], cwd=self.workdir, env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = asyncio.get_running_loop().time() + timeout
        async with aiohttp.ClientSession() as session:
            while True:
                if self.process.poll() is not None:
                    raise RuntimeError("bot process ended: " + self.output()[-2000:])
                try:
                    async with session.get(self.url + "/healthz") as response:
                        if response.status == 200:
                            return self
                except aiohttp.ClientError:
                    pass
                if asyncio.get_running_loop().time() > deadline:
                    raise TimeoutError("bot process did not start: " + self.output()[-2000:])
                await asyncio.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: the process dies at once, nothing is flushed or closed."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # aiohttp's run_app shuts down cleanly
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""


@pytest.fixture
def bot_process(tmp_path):
    """Start bot processes: ``await bot_process(data_dir, PORT=..., LOG_LEVEL=...)``."""
    started: list[BotProcess] = []
    workdir = tmp_path / "proc"
    workdir.mkdir()

    async def _start(data_dir: Path, **settings: str) -> BotProcess:
        env = {k: v for k, v in os.environ.items() if k not in _SETTINGS}
        env.update(HOST="127.0.0.1", DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1")
        env.update({k: str(v) for k, v in settings.items()})
        env.setdefault("PORT", str(free_port()))
        process = await BotProcess(workdir, env, int(env["PORT"])).start()
        started.append(process)
        return process

    yield _start
    for process in started:
        process.stop()
