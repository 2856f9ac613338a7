"""Issue 14, item 2: stored bot state is read as plain data, never as code.

Whoever can write a ``bot_state`` row or a state blob must not be able to run anything in the bot:
a ``py/reduce`` entry (jsonpickle's way to call a function when it restores) is refused, the
conversation starts afresh, and the marker file the payload would create never appears.
"""
from __future__ import annotations

import json
import logging
import sys

from botbuilder.azure import BlobStorageSettings

from bot.sdk.blob import BlobStateStorage, blob_name
from bot.sdk.storage import SqliteStorage
from tests.reliability.test_blob import azurite, container  # noqa: F401 (module fixtures)


def reduce_payload(marker) -> dict:
    """What the audit stored: jsonpickle restores it by calling ``os.system("touch <marker>")``."""
    return {"DialogState": {"py/reduce": [{"py/function": "os.system"},
                                          {"py/tuple": [f"{sys.executable} -c \"open('{marker}', 'w')\""]}]}}


async def test_a_py_reduce_row_in_sqlite_runs_nothing_and_the_user_starts_afresh(start_bot, tmp_path, caplog):
    bot = await start_bot()
    client = bot.client()
    replies = await client.say("ny avtale")
    assert replies, "the dialog began"
    marker = tmp_path / "pwned"
    db = bot.resources.storage._db
    assert db.execute("SELECT count(*) FROM bot_state").fetchone()[0] >= 1
    db.execute("UPDATE bot_state SET data = ?", (json.dumps(reduce_payload(marker)),))
    db.commit()
    caplog.set_level(logging.WARNING)
    replies = await client.say("hjelp")
    assert not marker.exists(), "stored state ran code"
    assert len(replies) == 1 and "Hurtigavtale" in replies[0].text  # the help card: a fresh start
    assert "py/reduce" in caplog.text and str(marker) not in caplog.text


async def test_a_py_reduce_blob_runs_nothing_and_reads_as_absent(azurite, container, tmp_path):  # noqa: F811
    store = BlobStateStorage(BlobStorageSettings(container_name=container,
                                                 connection_string=azurite.connection_string))
    try:
        await store.write({"conv/1": {"welcomed": True}})
        marker = tmp_path / "pwned-blob"
        blob = store._container.get_blob_client(blob_name("conv/1"))
        await blob.upload_blob(json.dumps(reduce_payload(marker)), overwrite=True)
        assert await store.read(["conv/1"]) == {}
        assert not marker.exists(), "stored state ran code"
    finally:
        await store.close()


async def test_the_sqlite_store_reads_no_other_tagged_shape(tmp_path):
    store = SqliteStorage(tmp_path / "state.sqlite3")
    try:
        await store.write({"a": {"x": 1}})
        for tagged in ({"py/object": "subprocess.Popen", "args": ["true"]}, {"v": {"py/function": "os.getcwd"}},
                       {"v": {"py/id": 1}}, {"v": {"py/repr": "os/os.getcwd()"}}):
            store._db.execute("UPDATE bot_state SET data = ?", (json.dumps(tagged),))
            store._db.commit()
            assert await store.read(["a"]) == {}
    finally:
        store.close()
