"""Hypothesis from async tests: the examples run in a worker thread and drive the bot, which keeps
serving on the test's event loop, through ``asyncio.run_coroutine_threadsafe``."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

from hypothesis import strategies as st


async def run_hypothesis(test: Callable[[Callable[[Awaitable[Any]], Any]], None]) -> None:
    """Run ``test(call)`` (a hypothesis-decorated function) in a thread; ``call(coro)`` runs ``coro``
    on this loop and returns its result."""
    loop = asyncio.get_running_loop()

    def call(coro: Awaitable[Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=60)

    await asyncio.to_thread(test, call)


class TurnFailures(logging.Handler):
    """Counts the error handler's "turn failed" lines (an unhandled error in bot code)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith(("turn failed", "could not tell the user")):
            self.count += 1


def install_turn_failures() -> TurnFailures:
    handler = TurnFailures()
    logging.getLogger("bot.app").addHandler(handler)
    return handler


def remove_turn_failures(handler: TurnFailures) -> None:
    logging.getLogger("bot.app").removeHandler(handler)


# Text users (and attackers) can type: odd unicode, markup, control characters, long strings.
odd_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
    st.sampled_from([
        "", " ", "\u0000", "\u202e\u2066evil", "**bold** _x_ [link](https://evil.example)",
        "<script>alert(1)</script>", "<at>Delta video</at>", "{{name}} {0} %s %(x)s", "\ud7ff\ufeff\u200b",
        "Ω≈ç√∫˜µ≤≥÷", "👩‍⚕️🏥" * 50, "ny avtale", "hurtig", "avbryt", "\n\n\r\t", "a" * 5000, "é" * 30000,
        "'; DROP TABLE meetings; --", "../../etc/passwd", "0" * 100, "+47 923 45 678", "kari@siv.no",
    ]),
)

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), odd_text)
json_values = st.recursive(json_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)), max_leaves=8)
