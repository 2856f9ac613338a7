"""Does each msrest/jsonpickle replacement in ``bot/sdk`` still pay for itself? CPU per whole turn.

:mod:`benchmarks.workarounds` times each replacement alone, per call. This runs the whole bot
(``create_app``, embedded portal, SQLite state) in this process against the connector stub, and
drives the same turns with everything as shipped and then with one replacement switched back to
the SDK's own code at a time:

* ``serializer``: msrest's ``Serializer`` for the replies (instead of ``FastSerializer``);
* ``state codec``: jsonpickle for the state's change hash, write and read (instead of
  :mod:`bot.sdk.state`), as botbuilder-core does it.

The variants take turns in short rounds (median of ``--rounds``), so a change in the machine's load
hits them alike. The figure is process CPU (``time.process_time``) per turn: the client and the stub
run in this process too, so the absolute figures are higher than the server's alone (``make bench``),
but the difference between a variant and ``ours`` is what that replacement saves per turn.

Alone: ``python -m benchmarks.sdk_parts [--turns N] [--rounds N]``.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator

import aiohttp

from tests.harness import ConnectorStub, Member, TeamsClient, start_app

VARIANTS = ("ours", "serializer", "state codec")


def _holders(client: Any) -> list[Any]:
    """A connector client and its operation groups: each keeps its own (de)serializer."""
    return [client, *(getattr(client, group) for group in ("conversations", "attachments") if hasattr(client, group))]


@contextlib.contextmanager
def _stock(variant: str, adapter: Any) -> Iterator[None]:
    """Switch one replacement back to the SDK's own code for the duration."""
    from jsonpickle import Pickler, Unpickler
    from msrest import Serializer

    from bot.sdk import state

    if variant == "ours":
        yield
        return
    undo: list[Callable[[], None]] = []
    clients = list(adapter.pool._clients.values())
    if variant == "serializer":
        for client in clients:
            fast = client._serialize
            stock = Serializer(fast.dependencies)
            for holder in _holders(client):
                holder._serialize = stock
            undo.append(lambda c=client, f=fast: [setattr(h, "_serialize", f) for h in _holders(c)])
    elif variant == "state codec":
        flatten, loads = state.flatten, state.loads
        state.flatten = lambda value: Pickler().flatten(value)
        state.loads = lambda text: Unpickler().restore(json.loads(text))

        def restore() -> None:
            state.flatten, state.loads = flatten, loads

        undo.append(restore)
    try:
        yield
    finally:
        for step in reversed(undo):
            step()


async def _hurtig(client: TeamsClient) -> int:
    replies = await client.say("hurtig")
    assert client.last_status < 300 and replies, "hurtig failed"
    return 1


async def _steps(client: TeamsClient) -> int:
    from benchmarks.__main__ import booking_inputs, card_of

    reply = card_of(await client.say("ny avtale"))
    for _ in range(2):
        reply = card_of(await client.press(reply, inputs=booking_inputs(reply.card)))
    await client.say("avbryt")
    assert client.last_status < 300, "step failed"
    return 4


SCENARIOS: dict[str, Callable[[TeamsClient], Awaitable[int]]] = {"hurtig": _hurtig, "ny-avtale-step": _steps}


async def _measure(client: TeamsClient, scenario: Callable[[TeamsClient], Awaitable[int]], turns: int) -> float:
    done = 0
    started = time.process_time()
    while done < turns:
        done += await scenario(client)
    return (time.process_time() - started) / done * 1e6


async def run_async(turns: int = 60, rounds: int = 5) -> dict[str, Any]:
    from bot.app import RESOURCES, create_app
    from bot.config import Settings

    stub = await ConnectorStub().start()
    with tempfile.TemporaryDirectory() as work:
        settings = Settings(host="127.0.0.1", data_dir=Path(work), state_storage="sqlite")
        settings.validate()
        app = create_app(settings)
        runner, url = await start_app(app)
        session = aiohttp.ClientSession()
        try:
            suffix = uuid.uuid4().hex[:8]
            member = Member(id=f"29:{suffix}", name="Kari Nordmann", aad_object_id=str(uuid.uuid4()),
                            email=f"kari.{suffix}@siv.no")
            stub.add_member(member)
            client = TeamsClient(session, url, stub, member)
            adapter = app[RESOURCES].adapter
            for scenario in SCENARIOS.values():  # warm up: clients pooled, caches filled
                await _measure(client, scenario, 8)
            samples: dict[str, dict[str, list[float]]] = {s: {v: [] for v in VARIANTS} for s in SCENARIOS}
            for _ in range(rounds):
                for name, scenario in SCENARIOS.items():
                    for variant in VARIANTS:
                        with _stock(variant, adapter):
                            samples[name][variant].append(await _measure(client, scenario, turns))
        finally:
            await session.close()
            await runner.cleanup()
            await stub.close()
    out: dict[str, Any] = {}
    for name, per_variant in samples.items():
        ours = statistics.median(per_variant["ours"])
        out[name] = {"ours_us_per_turn": round(ours)}
        for variant in VARIANTS[1:]:
            stock = statistics.median(per_variant[variant])
            out[name][variant] = {"stock_us_per_turn": round(stock), "saved_us_per_turn": round(stock - ours),
                                  "saved_percent": round((stock - ours) / stock * 100, 1)}
    return out


def run(turns: int = 60, rounds: int = 5) -> dict[str, Any]:
    return asyncio.run(run_async(turns, rounds))


def table(out: dict[str, Any]) -> str:
    lines = ["Each bot/sdk replacement switched back to the SDK's code, CPU per turn (this process, "
             "client and stub included):"]
    for name, figures in out.items():
        lines.append(f"  {name}: ours {figures['ours_us_per_turn']} µs")
        for variant in VARIANTS[1:]:
            f = figures[variant]
            lines.append(f"    stock {variant}: {f['stock_us_per_turn']} µs, ours saves {f['saved_us_per_turn']} µs "
                         f"({f['saved_percent']} %)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sdk_parts", description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=60, help="turns per variant and round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    out = run(args.turns, args.rounds)
    print(table(out))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
