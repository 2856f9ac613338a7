"""``python -m tools.devrun`` as a subprocess: the bot with the embedded portal and Microsoft's Teams
emulator, on free loopback ports, in a temporary ``DATA_DIR``. Used by the devrun tests and the
end-to-end suite (which therefore also exercises ``make run``)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.harness import free_port
from tools import devrun

REPO = Path(__file__).resolve().parents[2]
READY_MARK = "Ctrl-C stops the bot and the emulator"


class DevRun:
    def __init__(self, data_dir: Path, log_path: Path, *, bot_port: int | None = None,
                 playground_port: int | None = None, locale: str = "nb-NO", env: dict[str, str] | None = None):
        self.data_dir = data_dir
        self.log_path = log_path
        self.bot_port = bot_port or free_port()
        self.playground_port = playground_port or free_port()
        while self.playground_port == self.bot_port:
            self.playground_port = free_port()
        self.locale = locale
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None
        self.ready = threading.Event()
        self.ended = threading.Event()
        self._settled = threading.Event()  # ready, or the process ended first
        self._reader: threading.Thread | None = None

    @property
    def bot_url(self) -> str:
        return f"http://127.0.0.1:{self.bot_port}"

    @property
    def emulator_url(self) -> str:
        return f"http://127.0.0.1:{self.playground_port}/"

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("MicrosoftAppId", "MicrosoftAppPassword", "PORTAL_URL", "PORTAL_CLIENT_ID", "PORT", "HOST",
                     "PLAYGROUND_PORT", "PLAYGROUND_LOCALE", "DATA_DIR", "BOT_DOMAIN"):
            env.pop(name, None)
        env.update(STATE_STORAGE="sqlite", TIME_ZONE="Europe/Oslo", LOG_LEVEL="INFO", LOG_FORMAT="text",
                   PYTHONUNBUFFERED="1")
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 90.0) -> "DevRun":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        # cwd is the data folder's parent, so a developer's .env in the repository does not apply.
        self.process = subprocess.Popen(
            [sys.executable, devrun.__file__, "--port", str(self.bot_port),
             "--playground-port", str(self.playground_port), "--data-dir", str(self.data_dir),
             "--locale", self.locale],
            cwd=str(self.data_dir.parent), env=self.environment(), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self._reader = threading.Thread(target=self._read, name="devrun-output", daemon=True)
        self._reader.start()
        self._settled.wait(timeout)
        if not self.ready.is_set():
            code = self.stop()
            raise RuntimeError(f"tools.devrun did not start (exit code {code}); output:\n{self.output()[-4000:]}")
        return self

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        with open(self.log_path, "w", encoding="utf-8") as log:
            for raw in self.process.stdout:
                line = raw.decode("utf-8", "replace")
                log.write(line)
                log.flush()
                if READY_MARK in line:
                    self.ready.set()
                    self._settled.set()
        self.ended.set()
        self._settled.set()

    def output(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8")
        except OSError:
            return ""

    def emulator_pids(self) -> list[int]:
        """The emulator's node process (a child of devrun), found through /proc."""
        if self.process is None:
            return []
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except (OSError, ValueError, IndexError):
                continue
            if ppid == self.process.pid and "m365agentsplayground" in cmdline:
                found.append(int(entry.name))
        return found

    def stop(self, timeout: float = 30.0) -> int | None:
        """Ctrl-C (SIGINT), as a person stops ``make run``; the exit code (killed after ``timeout``)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._reader is not None:
            self._reader.join(10)
        return self.process.returncode

    # -- the embedded portal's REST API (answers loopback clients without a token) -------------
    def portal(self, path: str) -> Any:
        with urllib.request.urlopen(f"{self.bot_url}/portal/api/v1/{path.lstrip('/')}", timeout=10) as answer:
            return json.loads(answer.read().decode("utf-8"))

    def meetings(self, organizer: str = devrun.USER["aadObjectId"]) -> list[dict[str, Any]]:
        return self.portal(f"meetings?organizer={organizer}")["meetings"]


def answers(url: str) -> int | None:
    """The HTTP status of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp and tcp6)."""
    import ipaddress

    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, _, hex_port = fields[1].partition(":")
            if fields[3] != "0A" or int(hex_port, 16) != port:  # 0A = LISTEN
                continue
            raw = bytes.fromhex(address)
            # the kernel writes each 32-bit word in host (little-endian) order
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
            found.add(str(ipaddress.ip_address(raw)))
    return found
