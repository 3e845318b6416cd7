"""`portrait collect`'s processes: the HTTP collector (uvicorn, one process) and the profile applier's two
(retrieval/live_process.py: facts passes and vectors passes, child processes that die with it), so building
profiles never delays a 200.

An applier process is restarted if it stops (it logs why); events keep being accepted meanwhile, because the
event log is the durable queue between them.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import uvicorn

from encoders.settings import Settings
from ui.collect.app import create_app

log = logging.getLogger("portrait.collect")


class ApplierProcess:
    """Keeps one applier child (``stage``: facts or vectors) running until ``stop``."""

    def __init__(self, settings: Settings, pass_log: Path | None, stage: str) -> None:
        self.settings = settings
        self.pass_log = pass_log
        self.stage = stage
        self._stop = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._watch, name="applier-watch", daemon=True)

    def _spawn(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "retrieval.live_process", str(os.getpid()), str(self.pass_log or ""), self.stage],
            stdin=subprocess.PIPE, cwd=Path(__file__).resolve().parents[2],
        )
        assert process.stdin is not None
        process.stdin.write(self.settings.model_dump_json().encode())  # on stdin: settings may hold secrets
        process.stdin.close()
        return process

    def _watch(self) -> None:
        while not self._stop.is_set():
            self._process = self._spawn()
            while self._process.poll() is None and not self._stop.is_set():
                self._stop.wait(0.5)
            if not self._stop.is_set():
                log.error("the profile applier (%s) stopped (exit %s); restarting it in 2 s", self.stage, self._process.returncode)
                self._stop.wait(2.0)

    def start(self) -> ApplierProcess:
        self._thread.start()
        return self

    def stop_soon(self) -> None:
        """Ask the child to stop (SIGTERM) without waiting, so both children stop at once."""
        self._stop.set()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()

    def stop(self) -> None:
        self._stop.set()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()


def serve(settings: Settings, keys: dict[str, str], host: str, port: int, apply: bool = True,
          pass_log: Path | None = None) -> None:
    """Run the collector until SIGINT/SIGTERM; with ``apply``, also the profile applier."""
    app = create_app(settings, keys)
    appliers = [ApplierProcess(settings, pass_log, stage).start() for stage in ("facts", "vectors")] if apply else []
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    try:
        server.run()
    finally:
        for applier in appliers:
            applier.stop_soon()
        for applier in appliers:
            applier.stop()
        app.state.collector.intake.close()
