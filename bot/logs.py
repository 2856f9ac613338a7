"""Logging: text or one JSON object per line (``LOG_FORMAT``). Log lines carry ids, types and
counts, never message text, subjects, addresses or numbers."""
from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone


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


def configure(level: str = "INFO", fmt: str = "text", stream=None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Libraries that would log request bodies or headers at DEBUG stay at WARNING.
    for noisy in ("msrest", "msal", "urllib3", "azure", "botframework", "botbuilder", "aiohttp.access",
                  "dateparser", "tzlocal", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
