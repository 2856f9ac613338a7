"""Azurite (Microsoft's Azure Storage emulator, npm ``azurite``) for the blob state tests.

Started by the tests on 127.0.0.1 with a port the system picks (read back from its output), a
temporary workspace, ``--loose --skipApiVersionCheck`` (botbuilder-azure's azure-storage-blob
speaks an API version Azurite may not list) and telemetry off (no network beyond loopback).

The connection string below uses Azurite's documented development account and key (the same
for every Azurite install, see "Use the Azurite emulator for local Azure Storage development" in
Microsoft's documentation). It is a test fixture, not a secret, and appears only in tests.
"""
from __future__ import annotations

import re
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AZURITE_BLOB = ROOT / "tools" / "node_modules" / ".bin" / "azurite-blob"

DEV_ACCOUNT = "devstoreaccount1"
DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

_LISTENING = re.compile(r"successfully listens on http://127\.0\.0\.1:(\d+)")


class Azurite:
    def __init__(self, location: Path):
        self.location = location
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.output: list[str] = []
        self._reader: threading.Thread | None = None

    @property
    def connection_string(self) -> str:
        return (f"DefaultEndpointsProtocol=http;AccountName={DEV_ACCOUNT};AccountKey={DEV_KEY};"
                f"BlobEndpoint=http://127.0.0.1:{self.port}/{DEV_ACCOUNT};")

    def start(self, timeout: float = 60.0) -> "Azurite":
        if not AZURITE_BLOB.exists():
            raise RuntimeError(f"{AZURITE_BLOB} is missing: run `make tools` (npm ci in tools/)")
        self.location.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [str(AZURITE_BLOB), "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", str(self.location),
             "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--silent"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=self.location)
        ready = threading.Event()

        def read() -> None:
            assert self.process is not None and self.process.stdout is not None
            for line in self.process.stdout:
                self.output.append(line.rstrip())
                match = _LISTENING.search(line)
                if match:
                    self.port = int(match.group(1))
                    ready.set()
            ready.set()  # the process ended

        self._reader = threading.Thread(target=read, daemon=True)
        self._reader.start()
        if not ready.wait(timeout) or not self.port:
            self.stop()
            raise RuntimeError("Azurite did not start: " + " | ".join(self.output[-5:]))
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stdout is not None:
            self._reader.join(10)  # reads to the end of the output, then the pipe can close
            self.process.stdout.close()
