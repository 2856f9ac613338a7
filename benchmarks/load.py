"""Load generation on loopback: servers in their own processes, Teams-shaped activities from here.

The bot under test (``python -m bot``) and the stock echo bot (``python -m benchmarks.stock_echo``)
each run in their own subprocess, so CPU time (``/proc/<pid>/stat`` utime+stime) and peak RSS
(``VmHWM``) are theirs alone. This process runs the load generator (one aiohttp session, keep-alive)
and the connector stub from ``tests/harness.py``, which records replies and answers member look-ups;
its own CPU use is reported too, so a saturated load generator would show.

How a slice is measured (:func:`drive`): ``concurrency`` users each run a scenario back to back.
After a warm-up, a window of ``seconds`` opens; a turn counts when it *completes* inside the
window (with its latency), so turns/s is completions per second of window, unbiased at steady
state, and the server's CPU is read at the window's two ends. When the window closes the users
start no new turn; the turns still in flight finish (and are not counted) before the next slice.
A window never closes before a turn completed in it (a tiny configuration on a busy machine).
"""
from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable

import aiohttp

from tests.harness import ConnectorStub, Member, Reply, TeamsClient, free_port

ROOT = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
#: A slice never ends before this many turns completed in its window (so a tiny configuration on a
#: busy machine still measures something), unless this much time passed.
MIN_TURNS = 1
MAX_SLICE_SECONDS = 120.0


# -- process accounting --------------------------------------------------------------------------
def cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU seconds of a process (``/proc/<pid>/stat``), this process when None."""
    if pid is None:
        t = os.times()
        return t.user + t.system
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14 and 15)


def _status_kb(pid: int, name: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    return 0


def peak_rss_mb(pid: int) -> float:
    return _status_kb(pid, "VmHWM") / 1024


def rss_mb(pid: int) -> float:
    return _status_kb(pid, "VmRSS") / 1024


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- servers ---------------------------------------------------------------------------------------
class PortTaken(RuntimeError):
    """Another process answers on the port picked for a server (a race with other programs)."""


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        for fd in fd_dir.iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def listens_on(pid: int, port: int) -> bool:
    """Whether process ``pid`` itself has a TCP socket listening on ``port`` (``/proc/net/tcp*``), so
    a server of another program that took the port meanwhile is not mistaken for ours."""
    inodes = _socket_inodes(pid)
    if not inodes:
        return False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port \
                    and fields[9] in inodes:
                return True
    return False


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    url: str
    data_dir: Path
    stderr_path: Path
    port: int = 0

    @property
    def pid(self) -> int:
        return self.proc.pid

    def listening(self) -> bool:
        if self.proc.poll() is not None:
            try:
                log = self.stderr_path.read_text(errors="replace")
            except OSError:
                log = ""
            if "address already in use" in log.lower():
                raise PortTaken(f"{self.name}: port {self.port} was taken by another program")
            raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.stderr_path}")
        return listens_on(self.pid, self.port)

    def failed_turns(self) -> int:
        """ERROR lines in the server's log so far: the bot's turn error handler ("turn failed"),
        aiohttp's "Error handling request", the stock echo bot's "echo bot turn failed"."""
        try:
            text = self.stderr_path.read_text(errors="replace")
        except OSError:
            return 0
        return sum(1 for line in text.splitlines()
                   if " ERROR " in line or line.startswith("ERROR") or "turn failed" in line)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "MicrosoftAppTenantId",
                 "PORTAL_URL", "ALLOWED_TENANTS", "STATE_STORAGE", "LOG_FORMAT"):
        env.pop(name, None)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


def spawn_bot(data_dir: Path) -> Server:
    """``python -m bot`` with the embedded portal and SQLite state in a fresh ``DATA_DIR``.

    Started from ``data_dir`` so no ``.env`` of the checkout applies; the per-user booking limits are
    lifted (the benchmark books thousands of meetings per user and hour).
    """
    port = free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    env = _env(HOST="127.0.0.1", PORT=str(port), DATA_DIR=str(data_dir), STATE_STORAGE="sqlite",
               LOG_LEVEL="WARNING", MAX_MEETINGS_PER_HOUR="100000000", MAX_INVITATIONS_PER_HOUR="100000000")
    stderr_path = data_dir / "bot.stderr"
    with open(stderr_path, "wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "bot"], cwd=str(data_dir), env=env,
                                stdout=subprocess.DEVNULL, stderr=stderr)
    return Server("bot", proc, f"http://127.0.0.1:{port}", data_dir, stderr_path, port)


def spawn_stock_echo(work_dir: Path) -> Server:
    port = free_port()
    work_dir.mkdir(parents=True, exist_ok=True)
    stderr_path = work_dir / "echo.stderr"
    with open(stderr_path, "wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "benchmarks.stock_echo", str(port)], cwd=str(work_dir),
                                env=_env(), stdout=subprocess.DEVNULL, stderr=stderr)
    return Server("stock-echo", proc, f"http://127.0.0.1:{port}", work_dir, stderr_path, port)


async def wait_listening(server: Server, timeout: float = 60.0) -> None:
    """Until the server's own process listens on its port (see :func:`listens_on`)."""
    deadline = time.monotonic() + timeout
    while not server.listening():
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"{server.name} did not listen on port {server.port} in {timeout:.0f} s; "
                               f"another program may hold it")
        await asyncio.sleep(0.005)


async def start_server(spawn: Callable[[Path], Server], directory: Path, attempts: int = 5) -> Server:
    """Spawn a server and wait until it listens; a new port when another program took the first."""
    for attempt in range(attempts):
        server = spawn(directory)
        try:
            await wait_listening(server)
            return server
        except PortTaken:
            server.stop()
            if attempt + 1 == attempts:
                raise
        except BaseException:
            server.stop()
            raise
    raise AssertionError("unreachable")


# -- users -----------------------------------------------------------------------------------------
def new_client(session: aiohttp.ClientSession, server: Server, stub: ConnectorStub, n: int) -> TeamsClient:
    suffix = uuid.uuid4().hex[:8]
    member = Member(id=f"29:bench-{n}-{suffix}", name=f"Bench User{n}", aad_object_id=str(uuid.uuid4()),
                    email=f"bench{n}.{suffix}@siv.no")
    stub.add_member(member)
    return TeamsClient(session, server.url, stub, member)


class TurnFailed(Exception):
    """A turn answered wrongly (status, no reply, not the expected card)."""


class Stopped(Exception):
    """The slice's window closed: the user starts no new turn."""


class Recorder:
    """What happened during one slice, with times; :meth:`window` counts what fell in the window.
    Scenarios call :meth:`turn` for every turn."""

    def __init__(self):
        self.closed = False
        self.turns: list[tuple[float, float]] = []     # (end time, latency ms)
        self.units: list[tuple[float, int]] = []
        self.errors: list[tuple[float, str]] = []

    async def turn(self, client: TeamsClient, coro: Awaitable[list[Reply]]) -> list[Reply]:
        if self.closed:
            coro.close()
            raise Stopped
        started = time.perf_counter()
        replies = await coro
        ended = time.perf_counter()
        if client.last_status >= 300 or not replies:
            raise TurnFailed(f"status {client.last_status}, {len(replies)} replies")
        self.turns.append((ended, (ended - started) * 1000))
        return replies

    def unit_done(self, units: int) -> None:
        self.units.append((time.perf_counter(), units))

    def error(self, exc: BaseException) -> None:
        self.errors.append((time.perf_counter(), f"{type(exc).__name__}: {exc}"))

    def turns_since(self, t0: float) -> int:
        return sum(1 for ended, _ in self.turns if ended >= t0)

    def window(self, t0: float, t1: float) -> tuple[list[float], int, list[str]]:
        """Latencies of the turns that ended in [t0, t1], units completed, errors."""
        return ([ms for ended, ms in self.turns if t0 <= ended <= t1],
                sum(n for t, n in self.units if t0 <= t <= t1),
                [msg for t, msg in self.errors if t0 <= t <= t1])


# A scenario drives one user: ``await scenario(client, recorder)`` does one unit of work (a turn,
# or a whole booking of several turns) through ``recorder.turn`` and returns how many units it did.
Scenario = Callable[[TeamsClient, Recorder], Awaitable[int]]


@dataclass
class Slice:
    """One measured window of one scenario at one concurrency."""

    seconds: float
    turns: int
    units: int
    errors: int
    server_failed_turns: int
    server_cpu_s: float
    loadgen_cpu_s: float
    latencies: list[float] = field(repr=False)
    first_error: str | None = None

    @property
    def turns_per_s(self) -> float:
        return self.turns / self.seconds if self.seconds else 0.0


async def drive(server: Server, stub: ConnectorStub, session: aiohttp.ClientSession, scenario: Scenario,
                concurrency: int, seconds: float, warmup: float = 0.3) -> Slice:
    """``concurrency`` new users run ``scenario`` back to back; one window of ``seconds`` after
    ``warmup`` is measured (see the module docstring)."""
    clients = [new_client(session, server, stub, n) for n in range(concurrency)]
    rec = Recorder()

    async def user(client: TeamsClient) -> None:
        while not rec.closed:
            try:
                units = await scenario(client, rec)
            except Stopped:
                return
            except (TurnFailed, aiohttp.ClientError, asyncio.TimeoutError, KeyError, IndexError,
                    StopIteration, ValueError) as exc:
                rec.error(exc)
                continue
            rec.unit_done(units)

    failed0 = server.failed_turns()
    tasks = [asyncio.create_task(user(c)) for c in clients]
    try:
        await asyncio.sleep(warmup)
        cpu0, own0, t0 = cpu_seconds(server.pid), cpu_seconds(), time.perf_counter()
        await asyncio.sleep(max(0.0, t0 + seconds - time.perf_counter()))
        # A tiny window on a busy machine: keep it open until a turn completed (or a long time).
        while rec.turns_since(t0) < MIN_TURNS and time.perf_counter() - t0 < MAX_SLICE_SECONDS \
                and not all(t.done() for t in tasks):
            await asyncio.sleep(0.05)
        t1, cpu1, own1 = time.perf_counter(), cpu_seconds(server.pid), cpu_seconds()
        rec.closed = True
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        stub.sent.clear()
        stub.updates.clear()
        for client in clients:
            stub.members.pop(client.user.id, None)
    latencies, units, errors = rec.window(t0, t1)
    return Slice(seconds=t1 - t0, turns=len(latencies), units=units, errors=len(errors),
                 server_failed_turns=server.failed_turns() - failed0, server_cpu_s=cpu1 - cpu0,
                 loadgen_cpu_s=own1 - own0, latencies=latencies, first_error=errors[0] if errors else None)


@dataclass
class Result:
    """A scenario at one concurrency: its slices pooled."""

    name: str
    server: str
    concurrency: int
    seconds: float
    turns: int
    units: int
    errors: int
    turns_per_s: float
    units_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    cpu_ms_per_turn: float
    server_cpu_util: float
    loadgen_cpu_util: float
    peak_rss_mb: float
    slices_turns_per_s: list[float]
    first_error: str | None = None

    @classmethod
    def pooled(cls, name: str, server: Server, concurrency: int, slices: list[Slice]) -> "Result":
        seconds = sum(s.seconds for s in slices)
        latencies = sorted(x for s in slices for x in s.latencies)
        turns = len(latencies)
        cpu = sum(s.server_cpu_s for s in slices)
        errors = sum(s.errors + s.server_failed_turns for s in slices)
        first_error = next((s.first_error for s in slices if s.first_error), None)
        if first_error is None and any(s.server_failed_turns for s in slices):
            first_error = f"the server logged failed turns (see {server.stderr_path})"
        return cls(
            name=name, server=server.name, concurrency=concurrency, seconds=round(seconds, 3), turns=turns,
            units=sum(s.units for s in slices), errors=errors,
            turns_per_s=turns / seconds if seconds else 0.0,
            units_per_s=sum(s.units for s in slices) / seconds if seconds else 0.0,
            p50_ms=percentile(latencies, 50), p95_ms=percentile(latencies, 95), p99_ms=percentile(latencies, 99),
            cpu_ms_per_turn=cpu * 1000 / turns if turns else float("nan"),
            server_cpu_util=cpu / seconds if seconds else 0.0,
            loadgen_cpu_util=sum(s.loadgen_cpu_s for s in slices) / seconds if seconds else 0.0,
            peak_rss_mb=peak_rss_mb(server.pid),
            slices_turns_per_s=[round(s.turns_per_s, 1) for s in slices],
            first_error=first_error,
        )

    def as_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        for key in ("turns_per_s", "units_per_s", "p50_ms", "p95_ms", "p99_ms", "cpu_ms_per_turn",
                    "server_cpu_util", "loadgen_cpu_util", "peak_rss_mb"):
            out[key] = round(out[key], 3)
        return out
