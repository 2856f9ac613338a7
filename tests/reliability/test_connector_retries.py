"""Replies are not sent twice: when the connection to the Bot Connector closes before its answer,
the bot sends an idempotent request (GET, PUT, DELETE) again, but not a POST (a new reply), since
the service may have taken it (bot/sdk/connector.py, ``SharedSessionSender.send``).

Against a raw HTTP/1.1 server on loopback that can take a request and close without answering,
and through the whole bot with the connector stub doing the same."""
from __future__ import annotations

import asyncio
import json

import pytest
from msrest.exceptions import ClientRequestError
from msrest.pipeline import Request
from msrest.universal_http import ClientRequest

from bot.sdk.connector import ConnectorPool, SharedSessionSender
from tests.harness import wait_for


class RawServer:
    """Answers each request as ``plan`` says: ``"answer"`` (200, kept alive), ``"drop"`` (read it
    whole, record it, close without an answer) or ``"answer-and-close"`` (answer, then close the
    idle connection, as a server's idle timeout does). Every request read is in ``requests``."""

    def __init__(self, *plan: str):
        self.plan = list(plan)
        self.requests: list[tuple[str, str, bytes]] = []
        self.closed = 0
        self.url = ""
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> "RawServer":
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def close(self) -> None:
        self._server.close()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
                method, path, _version = head[0].split(" ")
                length = next((int(line.split(":", 1)[1]) for line in head[1:]
                               if line.lower().startswith("content-length:")), 0)
                body = await reader.readexactly(length)
                self.requests.append((method, path, body))
                action = self.plan.pop(0) if self.plan else "answer"
                if action == "drop":
                    return
                answer = json.dumps({"id": f"act-{len(self.requests)}"}).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: %d\r\n\r\n%s" % (len(answer), answer))
                await writer.drain()
                if action == "answer-and-close":
                    return
        except asyncio.IncompleteReadError:
            return
        finally:
            writer.close()
            self.closed += 1


@pytest.fixture
async def pool():
    made = ConnectorPool(backoff=0.01)
    yield made
    await made.close()


async def send(pool: ConnectorPool, method: str, url: str) -> int:
    request = ClientRequest(method, url)
    request.headers = {"Content-Type": "application/json; charset=utf-8"}
    request.data = json.dumps({"type": "message", "text": "Hei"}).encode()
    response = await SharedSessionSender(pool, timeout=10.0).send(Request(request))
    return response.http_response.status_code


async def test_a_post_the_server_took_is_not_sent_again(pool):
    """The server read the reply and closed without answering: it may have posted it in the chat.
    The sender reports the failure instead of sending the reply a second time."""
    server = await RawServer("drop").start()
    try:
        with pytest.raises(ClientRequestError, match="ServerDisconnectedError"):
            await send(pool, "POST", server.url + "/v3/conversations/a:1/activities")
        assert [method for method, _path, _body in server.requests] == ["POST"]
    finally:
        await server.close()


async def test_an_idempotent_request_is_sent_again(pool):
    """A PUT (an updated card) or a GET (a member look-up) does the same thing twice: sent again
    on a fresh connection, it succeeds."""
    server = await RawServer("drop", "answer", "drop", "answer").start()
    try:
        assert await send(pool, "PUT", server.url + "/v3/conversations/a:1/activities/act-1") == 200
        assert await send(pool, "GET", server.url + "/v3/conversations/a:1/members/29:x") == 200
        assert [method for method, _path, _body in server.requests] == ["PUT", "PUT", "GET", "GET"]
    finally:
        await server.close()


async def test_a_post_after_the_server_closed_an_idle_connection_goes_out_once(pool):
    """The common case the retry was for: the server closed a kept-alive connection while it was
    idle. aiohttp sees the close and opens a new connection; the POST is sent once and answered."""
    server = await RawServer("answer-and-close").start()
    try:
        url = server.url + "/v3/conversations/a:1/activities"
        assert await send(pool, "POST", url) == 200
        connector = pool.session().connector
        # The server closed its side; wait until the client has seen it (no open pooled connection).
        await wait_for(lambda: server.closed == 1 and not any(
            protocol.is_connected() for held in connector._conns.values() for protocol, _t in held))
        assert await send(pool, "POST", url) == 200
        assert [method for method, _path, _body in server.requests] == ["POST", "POST"]
    finally:
        await server.close()


async def test_a_reply_whose_answer_was_lost_reaches_the_user_once(bot, turn_failures):
    """Through the whole bot: the connector takes the help card and closes the connection before
    it answers. The user sees the help card once and is told something went wrong (with a
    reference), rather than seeing the card twice."""
    client = bot.client()
    bot.connector.drop_posts = 1
    replies = await client.say("hjelp")
    errors = [r for r in replies if "Noe gikk galt" in r.text]
    assert len(replies) == 2 and len(errors) == 1, [r.text for r in replies]
    assert turn_failures.count == 1
    again = await client.say("hjelp")  # the next turn is normal
    assert len(again) == 1 and again[0].text == [r for r in replies if r not in errors][0].text
