"""Parts of the benchmark machinery (benchmarks/load.py), without timing anything."""
from __future__ import annotations

import asyncio
import os
import socket

import pytest

from benchmarks.load import Recorder, Stopped, TurnFailed, listens_on, percentile


def test_percentiles_interpolate_between_samples():
    values = [float(x) for x in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 99) == pytest.approx(99.01)
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 50) != percentile([], 50)  # NaN for no samples


class FakeClient:
    last_status = 201


def test_the_window_counts_what_ended_inside_it():
    rec = Recorder()
    rec.turns += [(0.5, 1.0), (1.0, 2.0), (1.5, 3.0), (2.5, 4.0)]
    rec.units += [(0.9, 1), (1.2, 1), (3.0, 1)]
    rec.errors += [(1.1, "TurnFailed: x"), (0.1, "before")]
    latencies, units, errors = rec.window(1.0, 2.0)
    assert latencies == [2.0, 3.0] and units == 1 and errors == ["TurnFailed: x"]
    assert rec.turns_since(1.5) == 2


def test_a_turn_records_its_latency_and_refuses_bad_answers():
    async def answer(replies):
        return replies

    async def main():
        rec = Recorder()
        client = FakeClient()
        assert await rec.turn(client, answer(["reply"])) == ["reply"]
        assert len(rec.turns) == 1 and rec.turns[0][1] >= 0
        with pytest.raises(TurnFailed):
            await rec.turn(client, answer([]))
        client.last_status = 500
        with pytest.raises(TurnFailed):
            await rec.turn(client, answer(["reply"]))
        rec.closed = True
        with pytest.raises(Stopped):
            await rec.turn(client, answer(["reply"]))

    asyncio.run(main())


def test_listening_is_told_apart_by_process():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        assert not listens_on(os.getpid(), port)  # bound, not listening
        sock.listen()
        assert listens_on(os.getpid(), port)
        assert not listens_on(os.getppid(), port)  # another process does not own it
