"""``make bench``: the bot against the stock Bot Framework stack, on loopback, in one run.

* the bot (``python -m bot``, embedded portal, SQLite state) with ``hurtig`` turns, single Ny avtale
  step turns and whole bookings, and the stock botbuilder echo bot (:mod:`benchmarks.stock_echo`,
  CloudAdapter, nothing changed) as the floor, each at concurrency 1, 8 and 32 for a bounded time:
  turns/s, p50/p95/p99 latency, server CPU ms per turn and peak RSS, and the ratios to the stock
  echo bot at the same concurrency;
* ``core.sensitive.scan`` and ``core.when.parse_period`` (warm median and first call), occurrences
  of a year of daily meetings, state bytes per conversation in the middle of a dialog, and cold start
  (process start to the first answered turn, dateparser warm-up included).

Both servers run at once, each in its own process; the scenarios take turns in short slices
(``--rounds`` per scenario and concurrency, echo bot first in each round), so a change in the
machine's load during the run hits the bot and the stock bot alike and the ratios stay fair. Then,
with no server running: the core micro-benchmarks (``bench_sensitive``, ``bench_when``, occurrences)
and the SDK workarounds one by one, stock code path against ours (:mod:`benchmarks.workarounds`).
Prints a table with the targets of issue 10 and writes the same figures as JSON to
``build/bench.json``. About two minutes with the defaults (``--seconds 6 --rounds 4``); every turn's
answer is checked (the right card, the step advanced, no turn failed in the server's log).

Scenarios: ``echo`` (the stock bot, "hurtig" echoed), ``hurtig`` (a Hurtigavtale link card per
turn), ``step`` ("ny avtale", two answered steps, "avbryt": every turn a Ny avtale step),
``booking`` (a whole Ny avtale booking, seven turns, to the created meeting's card).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

from tests.harness import ConnectorStub, Reply, TeamsClient, actions_of, inputs_of

from .load import (
    ROOT,
    PortTaken,
    Recorder,
    Result,
    Server,
    Slice,
    TurnFailed,
    drive,
    median,
    new_client,
    spawn_bot,
    spawn_stock_echo,
    start_server,
    wait_listening,
)

TARGETS = {
    "hurtig_vs_stock": 2.5,
    "step_vs_stock": 2.0,
    "p99_c8_ms": 150.0,
    "scan_median_us": 100.0,
    "parse_period_median_ms": 2.0,
    "read_sentence_median_ms": 5.0,
    "cold_start_s": 2.0,
    "state_bytes": 8 * 1024,
}
SCENARIOS = ("echo", "hurtig", "step", "booking")
LABELS = {"echo": "echo", "hurtig": "hurtig", "step": "ny-avtale-step", "booking": "whole-booking"}


# -- what the users do ----------------------------------------------------------------------------
def is_result(card: dict[str, Any]) -> bool:
    """A card with a link to open (the Hurtigavtale card, a created meeting)."""
    return any(a.get("type") == "Action.OpenUrl" for a in actions_of(card))


def has_inputs(card: dict[str, Any]) -> bool:
    return bool(inputs_of(card))


def step_of(card: dict[str, Any]) -> str | None:
    """The Ny avtale step a card belongs to (its submit buttons carry ``step``)."""
    for action in actions_of(card):
        data = action.get("data")
        if action.get("type") == "Action.Submit" and isinstance(data, dict) and isinstance(data.get("step"), str):
            return data["step"]
    return None


def card_of(replies: list[Reply]) -> Reply:
    for reply in reversed(replies):
        if reply.cards:
            return reply
    raise TurnFailed("no card")


def booking_inputs(card: dict[str, Any]) -> dict[str, Any]:
    """Answers for whatever the step asks (contracts.md section 3 ids); defaults stay as the card has them."""
    day = dt.date.today() + dt.timedelta(days=7)
    answers = {"subject": "Tverrfaglig møte", "emails": "kollega@siv.no", "sms": "", "consent": "true",
               "date": day.isoformat(), "start": "10:00", "end": "11:00", "recurrence": "none",
               "until": (day + dt.timedelta(days=28)).isoformat()}
    out = {}
    for input_id, spec in inputs_of(card).items():
        if input_id == "when":
            continue  # date/start/end are answered
        if input_id in answers:
            out[input_id] = answers[input_id]
        elif input_id == "template" and not spec.get("value"):
            choices = spec.get("choices") or []
            if choices:
                out[input_id] = choices[0]["value"]
    return out


async def echo(client: TeamsClient, rec: Recorder) -> int:
    replies = await rec.turn(client, client.say("hurtig"))
    if "Echo: hurtig" not in replies[0].text:
        raise TurnFailed("not the echo")
    return 1


async def hurtig(client: TeamsClient, rec: Recorder) -> int:
    replies = await rec.turn(client, client.say("hurtig"))
    if not is_result(card_of(replies).card):
        raise TurnFailed("no Hurtigavtale link card")
    return 1


async def start_dialog(client: TeamsClient, rec: Recorder) -> tuple[Reply, str]:
    reply = card_of(await rec.turn(client, client.say("ny avtale")))
    step = step_of(reply.card)
    if step is None or not has_inputs(reply.card):
        raise TurnFailed("ny avtale did not ask the first step")
    return reply, step


async def answer(client: TeamsClient, rec: Recorder, reply: Reply, step: str) -> tuple[Reply, str | None]:
    """Answer a step; the next card must be another step or the created meeting."""
    reply = card_of(await rec.turn(client, client.press(reply, inputs=booking_inputs(reply.card))))
    new_step = step_of(reply.card)
    if is_result(reply.card) and not has_inputs(reply.card):
        return reply, None
    if new_step is None or new_step == step:
        raise TurnFailed(f"step {step!r} did not advance")
    return reply, new_step


async def step_cycle(client: TeamsClient, rec: Recorder, steps: int = 2) -> int:
    """``ny avtale``, ``steps`` answered steps, ``avbryt``: every turn is one Ny avtale step."""
    reply, step = await start_dialog(client, rec)
    for _ in range(steps):
        reply, step = await answer(client, rec, reply, step)
        if step is None:
            raise TurnFailed("the dialog ended early")
    card_of(await rec.turn(client, client.say("avbryt")))
    return 2 + steps


async def whole_booking(client: TeamsClient, rec: Recorder) -> int:
    """One booking from ``ny avtale`` to the card with the meeting's link (unit = a booking)."""
    reply, step = await start_dialog(client, rec)
    for _ in range(12):
        reply, step = await answer(client, rec, reply, step)
        if step is None:
            return 1
    raise TurnFailed("booking did not finish in 12 steps")


RUNNERS = {"echo": echo, "hurtig": hurtig, "step": step_cycle, "booking": whole_booking}


async def dialog_available(session, server: Server, stub: ConnectorStub) -> bool:
    client = new_client(session, server, stub, 999)
    replies = await client.say("ny avtale")
    ok = any(has_inputs(c) for r in replies for c in r.cards)
    if ok:
        await client.say("avbryt")
    return ok


# -- one-off figures ------------------------------------------------------------------------------
async def cold_start(session, stub: ConnectorStub, data_dir: Path, attempts: int = 5) -> tuple[Server, float]:
    """``python -m bot`` with a fresh DATA_DIR: seconds from spawn to the first answered ``hurtig``
    (the first request goes out as soon as the process listens)."""
    for attempt in range(attempts):
        t0 = time.perf_counter()
        server = spawn_bot(data_dir if attempt == 0 else data_dir.with_name(f"{data_dir.name}-retry{attempt}"))
        try:
            await wait_listening(server, timeout=120)
        except PortTaken:
            server.stop()
            if attempt + 1 == attempts:
                raise
            continue
        except BaseException:
            server.stop()
            raise
        try:
            client = new_client(session, server, stub, 0)
            replies = await client.say("hurtig")
            elapsed = time.perf_counter() - t0
            if not (replies and replies[0].cards and is_result(replies[0].card)):
                raise RuntimeError(f"the first turn got no Hurtigavtale card (status {client.last_status}); "
                                   f"see {server.stderr_path}")
        except BaseException:
            server.stop()
            raise
        return server, elapsed
    raise AssertionError("unreachable")


def _state_rows(server: Server, conversation_id: str) -> dict[str, int]:
    db = sqlite3.connect(f"file:{server.data_dir / 'bot-state.sqlite3'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT key, length(CAST(data AS BLOB)) FROM bot_state WHERE key = ? OR key LIKE ?",
                          (f"msteams/conversations/{conversation_id}",
                           f"msteams/conversations/{conversation_id}/%")).fetchall()
    finally:
        db.close()
    return {("private_conversation" if "/users/" in k else "conversation"): n for k, n in rows}


async def state_bytes(session, server: Server, stub: ConnectorStub) -> dict[str, Any]:
    """Stored bytes for one conversation (its conversation state and the user's dialog state) after
    each answered Ny avtale step up to the summary; ``bytes`` is the largest (mid-dialog)."""
    client = new_client(session, server, stub, 998)
    reply = card_of(await client.say("ny avtale"))
    step = step_of(reply.card)
    sizes: dict[str, int] = {}
    per_key: dict[str, int] = {}
    for _ in range(12):
        current = _state_rows(server, client.conversation_id)
        sizes[step or "?"] = sum(current.values())
        if sum(current.values()) >= sum(per_key.values()):
            per_key = current
        if step in (None, "summary") or not has_inputs(reply.card):
            break
        reply = card_of(await client.press(reply, inputs=booking_inputs(reply.card)))
        new_step = step_of(reply.card)
        if new_step == step:
            break
        step = new_step
    await client.say("avbryt")
    return {"bytes": max(sizes.values(), default=0), "per_step": sizes, "per_key_at_largest": per_key}


def occurrences_bench(rounds: int = 30) -> dict[str, Any]:
    from zoneinfo import ZoneInfo

    from core.recurrence import occurrences

    tz = ZoneInfo("Europe/Oslo")
    start = dt.datetime(2027, 1, 4, 9, 0, tzinfo=tz)
    end = start + dt.timedelta(hours=1)
    until = start.date() + dt.timedelta(days=364)
    times = []
    count = 0
    first = None
    for _ in range(rounds):
        t = time.perf_counter()
        count = len(occurrences(start, end, "daily", until))
        times.append((time.perf_counter() - t) * 1000)
        first = times[0] if first is None else first
    return {"occurrences_daily_year_ms": round(statistics.median(times), 3),
            "occurrences_first_call_ms": round(first or 0.0, 3), "occurrences_count": count}


def colleague_bench(module: str) -> dict[str, Any]:
    try:
        mod = __import__(f"benchmarks.{module}", fromlist=["run"])
    except ImportError as exc:
        return {"missing": f"{module}: {exc}"}
    try:
        return mod.run()
    except Exception as exc:  # report, do not lose the rest of the run
        return {"failed": f"{module}: {type(exc).__name__}: {exc}"}


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    from importlib.metadata import version

    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": mem_gb, "python": platform.python_version(),
            "platform": platform.platform(), "botbuilder": version("botbuilder-core"),
            "aiohttp": version("aiohttp"), "date": dt.datetime.now().isoformat(timespec="seconds"),
            "load_average_at_start": load}


# -- the run --------------------------------------------------------------------------------------
async def run(args: argparse.Namespace, work: Path) -> tuple[dict[str, Any], list[Result]]:
    levels, scenarios, rounds = args.levels, args.scenario_list, args.rounds
    stub = await ConnectorStub().start()
    connector = aiohttp.TCPConnector(limit=0)
    session = aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60))
    out: dict[str, Any] = {
        "machine": machine(),
        "config": {"seconds_per_cell": args.seconds, "rounds": rounds, "slice_seconds": args.seconds / rounds,
                   "warmup_per_slice_s": args.warmup, "concurrency": levels, "scenarios": scenarios,
                   "cold_starts": args.cold_starts},
    }
    servers: dict[str, Server] = {}
    slices: dict[tuple[str, int], list[Slice]] = {}
    started = time.perf_counter()
    try:
        bot_needed = any(s != "echo" for s in scenarios) or args.cold_starts
        if bot_needed:
            colds = []
            for i in range(max(1, args.cold_starts)):
                server, cold = await cold_start(session, stub, work / f"bot-{i}")
                colds.append(round(cold, 3))
                _log(f"cold start {i + 1}: {cold:.2f} s")
                if i + 1 < max(1, args.cold_starts):
                    server.stop()
            servers["bot"] = server
            out["cold_start"] = {"median_s": round(median(colds), 3), "runs_s": colds}
        if "echo" in scenarios:
            servers["echo"] = await start_server(spawn_stock_echo, work / "stock")
        if any(s in ("step", "booking") for s in scenarios) and not await dialog_available(
                session, servers["bot"], stub):
            out["state"] = {"missing": "the Ny avtale dialog does not answer"}
            scenarios = [s for s in scenarios if s not in ("step", "booking")]

        # Unmeasured warm-up of every scenario (first turns import lazily, open connections, fill caches).
        for name in scenarios:
            server = servers["echo" if name == "echo" else "bot"]
            await drive(server, stub, session, RUNNERS[name], min(levels), 0.5, warmup=0.2)
        slice_seconds = args.seconds / rounds
        for c in levels:
            for _round in range(rounds):
                for name in scenarios:
                    server = servers["echo" if name == "echo" else "bot"]
                    one = await drive(server, stub, session, RUNNERS[name], c, slice_seconds, warmup=args.warmup)
                    slices.setdefault((name, c), []).append(one)
            for name in scenarios:
                _progress(Result.pooled(LABELS[name], servers["echo" if name == "echo" else "bot"], c,
                                        slices[(name, c)]))
        results = [Result.pooled(LABELS[name], servers["echo" if name == "echo" else "bot"], c, slices[(name, c)])
                   for name in scenarios for c in levels]
        if "bot" in servers and "state" not in out and any(s in ("step", "booking") for s in scenarios):
            out["state"] = await state_bytes(session, servers["bot"], stub)
    finally:
        for server in servers.values():
            server.stop()
        await session.close()
        await stub.close()
    out["load_seconds"] = round(time.perf_counter() - started, 1)
    try:
        out["machine"]["load_average_after_load"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    out["results"] = [r.as_json() for r in results]
    out["ratios"] = ratios(results, slices, levels)
    return out, results


def run_in_process_benchmarks(args: argparse.Namespace, out: dict[str, Any]) -> None:
    """core.* and the SDK workarounds, in this process with no servers running."""
    if not args.skip_core:
        _log("core benchmarks ...")
        out["core"] = {"sensitive": colleague_bench("bench_sensitive"), "when": colleague_bench("bench_when"),
                       "sentence": colleague_bench("bench_sentence"), "recurrence": occurrences_bench()}
    if not args.skip_workarounds:
        _log("SDK workarounds ...")
        from . import workarounds

        out["workarounds"] = workarounds.run()


def _log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _progress(r: Result) -> None:
    _log(f"{r.server:10} {r.name:15} c={r.concurrency:<3} {r.turns_per_s:7.1f} turns/s "
         f"p99 {r.p99_ms:6.1f} ms  CPU {r.cpu_ms_per_turn:5.2f} ms/turn  errors {r.errors}"
         + (f"  ({r.first_error})" if r.first_error else ""))


def ratios(results: list[Result], slices: dict[tuple[str, int], list[Slice]], levels: list[int]) -> dict[str, Any]:
    """Turns/s of each bot scenario over the stock echo bot's: per concurrency (pooled over the
    rounds, and the median of the per-round ratios), at peak, and the smallest over the levels."""
    stock = {r.concurrency: r.turns_per_s for r in results if r.server == "stock-echo"}
    stock_peak = max(stock.values(), default=0.0)
    out: dict[str, Any] = {"stock_peak_turns_per_s": round(stock_peak, 1)}
    for key in ("hurtig", "step", "booking"):
        name = LABELS[key]
        mine = {r.concurrency: r.turns_per_s for r in results if r.name == name}
        if not mine or not stock_peak:
            continue
        per = {c: round(mine[c] / stock[c], 2) for c in mine if stock.get(c)}
        paired = {}
        for c in levels:
            pairs = [b.turns_per_s / e.turns_per_s
                     for b, e in zip(slices.get((key, c), []), slices.get(("echo", c), [])) if e.turns_per_s]
            if pairs:
                paired[c] = round(statistics.median(pairs), 2)
        out[name] = {"per_concurrency": per, "per_concurrency_paired_median": paired,
                     "min_over_concurrency": min(per.values()) if per else None,
                     "peak_vs_stock_peak": round(max(mine.values()) / stock_peak, 2)}
    return out


def check_targets(out: dict[str, Any], results: list[Result]) -> dict[str, Any]:
    checks: dict[str, Any] = {}
    r = out.get("ratios", {})

    def add(name: str, value, limit, higher_is_better: bool):
        if value is None:
            checks[name] = {"value": None, "target": limit, "ok": None}
            return
        ok = value >= limit if higher_is_better else value < limit
        checks[name] = {"value": value, "target": limit, "ok": ok}

    add("hurtig turns/s vs stock echo (smallest over concurrency levels)",
        r.get("hurtig", {}).get("min_over_concurrency"), TARGETS["hurtig_vs_stock"], True)
    add("Ny avtale step turns/s vs stock echo (smallest over concurrency levels)",
        r.get("ny-avtale-step", {}).get("min_over_concurrency"), TARGETS["step_vs_stock"], True)
    for name in ("hurtig", "ny-avtale-step", "whole-booking"):
        c8 = [x for x in results if x.name == name and x.concurrency == 8]
        if c8:
            add(f"{name} p99 at concurrency 8 (ms)", round(c8[0].p99_ms, 1), TARGETS["p99_c8_ms"], False)
    core = out.get("core", {})
    if core:
        add("scan median (µs)", core.get("sensitive", {}).get("scan_median_us"), TARGETS["scan_median_us"], False)
        add("parse_period warm median (ms)", core.get("when", {}).get("parse_period_median_ms"),
            TARGETS["parse_period_median_ms"], False)
        add("read_sentence warm median (ms)", core.get("sentence", {}).get("read_sentence_median_ms"),
            TARGETS["read_sentence_median_ms"], False)
    if "cold_start" in out:
        add("cold start, median (s)", out["cold_start"]["median_s"], TARGETS["cold_start_s"], False)
    if "state" in out:
        add("state bytes per conversation mid-dialog (largest)", out["state"].get("bytes"),
            TARGETS["state_bytes"], False)
    errors = sum(x.errors for x in results)
    checks["no failed turns"] = {"value": errors, "target": 0, "ok": errors == 0}
    return checks


# -- printing -------------------------------------------------------------------------------------
def table(out: dict[str, Any]) -> str:
    m, cfg = out["machine"], out["config"]
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, "
             f"botbuilder {m['botbuilder']}, aiohttp {m['aiohttp']} ({m['date']}, load average at start "
             f"{'/'.join(str(x) for x in m['load_average_at_start'])}, after the load phase "
             f"{'/'.join(str(x) for x in m.get('load_average_after_load', []))})",
             f"Each cell: {cfg['rounds']} slices of {cfg['slice_seconds']:.2f} s (after {cfg['warmup_per_slice_s']} s "
             f"warm-up each), taken in turns with the other scenarios. CPU and RSS are the server process's.",
             ""]
    stock = {r["concurrency"]: r["turns_per_s"] for r in out["results"] if r["server"] == "stock-echo"}
    head = (f"{'server':10} {'scenario':15} {'conc':>4} {'turns/s':>8} {'units/s':>8} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'p99 ms':>7} {'CPU ms/turn':>11} {'CPU %':>6} {'RSS MB':>7} {'errors':>6} {'x stock':>7}")
    lines += [head, "-" * len(head)]
    for r in out["results"]:
        ratio = r["turns_per_s"] / stock[r["concurrency"]] if stock.get(r["concurrency"]) else float("nan")
        lines.append(
            f"{r['server']:10} {r['name']:15} {r['concurrency']:>4} {r['turns_per_s']:>8.1f} {r['units_per_s']:>8.1f} "
            f"{r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['p99_ms']:>7.1f} {r['cpu_ms_per_turn']:>11.2f} "
            f"{r['server_cpu_util'] * 100:>6.0f} {r['peak_rss_mb']:>7.1f} {r['errors']:>6} {ratio:>7.2f}")
    lines.append("")
    lines.append("units/s: bookings/s for whole-booking, turns/s otherwise. x stock: turns/s over the stock echo "
                 "bot's at the same concurrency. CPU %: of one core.")
    rat = out["ratios"]
    for name in ("hurtig", "ny-avtale-step", "whole-booking"):
        if name in rat:
            per = ", ".join(f"c={c}: {v:.2f}" for c, v in rat[name]["per_concurrency"].items())
            paired = ", ".join(f"{v:.2f}" for v in rat[name]["per_concurrency_paired_median"].values())
            lines.append(f"{name} x stock echo: {per} (per-round median: {paired}); peak over peak "
                         f"{rat[name]['peak_vs_stock_peak']:.2f}")
    lines.append("")
    core = out.get("core")
    if core:
        s, w, rec = core.get("sensitive", {}), core.get("when", {}), core.get("recurrence", {})
        if "scan_median_us" in s:
            lines.append(f"core.sensitive.scan: median {s['scan_median_us']} µs, p95 {s.get('scan_p95_us')} µs, "
                         "first call in a fresh process (import included) "
                         f"{s.get('scan_first_call_us', 0) / 1000:.1f} ms")
        else:
            lines.append(f"core.sensitive.scan: {s}")
        if "parse_period_median_ms" in w:
            lines.append(f"core.when.parse_period: warm median {w['parse_period_median_ms'] * 1000:.1f} µs, p95 "
                         f"{w.get('parse_period_p95_ms', 0) * 1000:.1f} µs, first call after warm_up "
                         f"{w.get('parse_period_first_call_ms')} ms (warm_up itself {w.get('warm_up_ms')} ms)")
        else:
            lines.append(f"core.when.parse_period: {w}")
        sen = core.get("sentence", {})
        lines.append(f"core.sentence.read_sentence: warm median {sen.get('read_sentence_median_ms')} ms (CPU "
                     f"{sen.get('read_sentence_cpu_median_ms')} ms), p95 {sen.get('read_sentence_p95_ms')} ms, "
                     f"longest odd text {sen.get('read_sentence_long_max_cpu_ms')} ms CPU"
                     if "read_sentence_median_ms" in sen else f"core.sentence.read_sentence: {sen}")
        lines.append(f"core.recurrence.occurrences, daily for a year ({rec.get('occurrences_count')} meetings): "
                     f"median {rec.get('occurrences_daily_year_ms')} ms, "
                     f"first call {rec.get('occurrences_first_call_ms')} ms")
    if "cold_start" in out:
        cs = out["cold_start"]
        lines.append(f"cold start (spawn of python -m bot, fresh DATA_DIR, to the first answered hurtig): median "
                     f"{cs['median_s']:.2f} s of {', '.join(f'{x:.2f}' for x in cs['runs_s'])} s")
    if "state" in out:
        st = out["state"]
        if "bytes" in st:
            lines.append(f"state per conversation mid-dialog: largest {st['bytes']} bytes; per step "
                         + ", ".join(f"{k}: {v}" for k, v in st["per_step"].items()))
        else:
            lines.append(f"state: {st}")
    wk = out.get("workarounds")
    if wk:
        lines.append("")
        lines.append("SDK workarounds, CPU per call, stock code path -> ours (benchmarks/workarounds.py):")
        rows = [("connector_clients_per_turn",
                 "ConnectorClient + UserTokenClient per turn -> pooled (bot/sdk/connector.py 1, 2)"),
                ("serialize_card_reply",
                 "msrest Serializer.body of a card reply -> FastSerializer (bot/sdk/serialization.py)"),
                ("http_request_trust_env",
                 "aiohttp POST with trust_env -> pooled session (bot/sdk/connector.py 5)")]
        state = wk.get("dialog_state", {})
        for key, label in (("dialog_state_hash", "dialog state change hash, 3 per turn -> bot/sdk/state.py"),
                           ("dialog_state_write", "dialog state write (flatten+JSON) -> bot/sdk/state.py"),
                           ("dialog_state_read", "dialog state read -> bot/sdk/state.py")):
            if key in state:
                wk = dict(wk, **{key: state[key]})
                rows.append((key, label))
        for key, label in rows:
            fig = wk.get(key, {})
            if "stock_us" in fig:
                lines.append(f"  {label}: {fig['stock_us']:.1f} -> {fig['ours_us']:.1f} µs ({fig['times_faster']}x)")
            elif fig:
                lines.append(f"  {label}: {fig}")
    lines.append("")
    # The load average after the load phase counts the benchmark's own three processes; before it
    # started, anything above half the cores is other work competing with the run.
    busy = (m.get("load_average_at_start") or [0])[0]
    if m.get("cores") and busy > m["cores"] / 2:
        lines.append(f"NOTE: the machine was busy when the run started (load average {busy} on {m['cores']} "
                     f"cores): turns/s, latencies and ratios are noisy; CPU ms per turn much less so.")
    lines.append("Targets:")
    for name, check in out["targets"].items():
        mark = "n/a " if check["ok"] is None else ("PASS" if check["ok"] else "FAIL")
        lines.append(f"  [{mark}] {name}: {check['value']} (target {check['target']})")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", "6")),
                        help="measured seconds per scenario and concurrency, split into --rounds slices "
                             "(default 6, or BENCH_SECONDS)")
    parser.add_argument("--rounds", type=int, default=4, help="slices per scenario and concurrency (default 4)")
    parser.add_argument("--warmup", type=float, default=0.25, help="warm-up seconds before each slice")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help=f"comma-separated, of {', '.join(SCENARIOS)} (default all)")
    parser.add_argument("--cold-starts", type=int, default=3, help="bot processes started to time the cold start")
    parser.add_argument("--skip-core", action="store_true", help="leave out the core.* micro-benchmarks")
    parser.add_argument("--skip-workarounds", action="store_true",
                        help="leave out the stock-against-ours figures of the SDK workarounds")
    parser.add_argument("--json", default=str(ROOT / "build" / "bench.json"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary DATA_DIRs and server logs")
    args = parser.parse_args(argv)
    args.levels = [int(x) for x in args.concurrency.split(",") if x.strip()]
    args.scenario_list = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(args.scenario_list) - set(SCENARIOS)
    if unknown or not args.scenario_list:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    if args.rounds < 1 or args.seconds <= 0 or not args.levels:
        parser.error("--rounds, --seconds and --concurrency must be positive")
    args.scenario_list = [s for s in SCENARIOS if s in args.scenario_list]  # echo first in each round
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="delta-bench-"))
    try:
        out, results = asyncio.run(run(args, work))
        run_in_process_benchmarks(args, out)
        out["targets"] = check_targets(out, results)
    except BaseException:
        print(f"the benchmark failed; server logs and data are in {work}", file=sys.stderr)
        raise
    if args.keep:
        print(f"kept {work}", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(table(out))
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False, default=str))
    print(f"\nJSON: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
