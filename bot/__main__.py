"""``python -m bot``: the server alone (what a deployment runs)."""
from __future__ import annotations

import logging
import sys

from aiohttp import web

from . import logs
from .app import create_app
from .config import Settings, SettingsError


def main() -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        return 2
    logs.configure(settings.log_level, settings.log_format)
    logging.getLogger(__name__).info("starting on %s:%s", settings.host, settings.port)
    web.run_app(create_app(settings), host=settings.host, port=settings.port, access_log=None,
                print=None, handle_signals=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
