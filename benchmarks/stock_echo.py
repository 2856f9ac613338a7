"""The floor: a stock botbuilder 4.17 echo bot, exactly as Microsoft's ``02.echo-bot`` sample builds it.

``CloudAdapter(ConfigurationBotFrameworkAuthentication(config))`` with an empty app id (no channel
authentication, as our bot in development mode), an ``ActivityHandler`` that echoes the text, aiohttp.
Nothing is tuned or patched. Run as ``python -m benchmarks.stock_echo PORT``; prints ``ready`` when it
listens.
"""
from __future__ import annotations

import sys

from aiohttp import web
from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication


class DefaultConfig:
    PORT = 3978
    APP_ID = ""
    APP_PASSWORD = ""
    APP_TYPE = "MultiTenant"
    APP_TENANTID = ""


class EchoBot(ActivityHandler):
    async def on_message_activity(self, turn_context: TurnContext):
        return await turn_context.send_activity(MessageFactory.text(f"Echo: {turn_context.activity.text}"))


def make_app() -> web.Application:
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(DefaultConfig()))
    bot = EchoBot()

    async def on_error(context: TurnContext, error: Exception):
        print(f"echo bot turn failed: {type(error).__name__}", file=sys.stderr)

    adapter.on_turn_error = on_error

    async def messages(req: web.Request) -> web.Response:
        return await adapter.process(req, bot)

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    return app


def main() -> None:
    port = int(sys.argv[1])

    async def announce(app):
        print("ready", flush=True)

    app = make_app()
    app.on_startup.append(announce)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main()
