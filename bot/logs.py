"""Logging: text or one JSON object per line (``LOG_FORMAT``). Log lines carry ids, types and
counts, never message text, subjects, addresses or numbers.

Three guards, because a hospital's logs are read by many and kept long:

* the bot's own log calls pass only types, codes, counts and references (reviewed, and tested by
  tests/reliability/test_logs.py, which books a meeting at DEBUG and searches all output);
* exception text never reaches a line: both formatters write the exception's type only (a
  ``ValueError`` raised while parsing a portal answer carries that answer in its message), and
  library records are cut to their first line (asyncio's "Task exception was never retrieved"
  puts the exception's repr on the next);
* libraries that log request bodies or headers at DEBUG (msrest, msal, azure, urllib3,
  botbuilder) stay at WARNING even when ``LOG_LEVEL=DEBUG``.
"""
from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone

# Loggers whose DEBUG output can hold bodies, headers or tokens.
QUIET_LIBRARIES = ("msrest", "msal", "urllib3", "azure", "botframework", "botbuilder", "aiohttp.access",
                   "aiohttp.client", "dateparser", "tzlocal", "asyncio", "jsonpickle")
OWN_LOGGERS = ("bot", "core", "__main__", "benchmarks")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("ref", "activity_type", "channel"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception_type"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatException(self, ei) -> str:  # the type only: exception text can hold user data
        return f"[{ei[0].__name__}]" if ei and ei[0] else ""

    def formatStack(self, stack_info: str) -> str:  # stack frames can hold values too
        return ""


class LibraryFirstLine(logging.Filter):
    """Records from libraries keep their first line only (a fixed text in practice); the rest of
    a multi-line library message is where reprs of data and exceptions go."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.split(".", 1)[0] not in OWN_LOGGERS:
            message = record.getMessage()
            if "\n" in message or "\r" in message:
                record.msg = message.splitlines()[0] + " [...]"
                record.args = None
        return True


def configure(level: str = "INFO", fmt: str = "text", stream=None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(LibraryFirstLine())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in QUIET_LIBRARIES:
        logging.getLogger(noisy).setLevel(logging.WARNING)
