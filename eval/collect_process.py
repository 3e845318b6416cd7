"""`portrait collect` as a real process on 127.0.0.1, for the collector's tests and benchmark: start it,
wait until it answers, stop or SIGKILL it, and read what it stored straight from the event log's SQLite
file (never through Chroma, which belongs to the collector's applier while it runs)."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

PORTRAIT = str(Path(sys.executable).parent / "portrait")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class CollectorProcess:
    """One `portrait collect` process (and its applier child)."""

    def __init__(self, home: Path, keys: dict[str, str], port: int | None = None, apply: bool = True,
                 pass_log: Path | None = None, env: dict[str, str] | None = None) -> None:
        self.home = Path(home)
        self.keys = keys
        self.port = port or free_port()
        self.apply = apply
        self.pass_log = pass_log
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = self.home.parent / f"{self.home.name}-collect.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 60.0) -> CollectorProcess:
        args = [PORTRAIT, "--home", str(self.home), "collect", "--port", str(self.port)]
        for key, source in self.keys.items():
            args += ["--write-key", f"{key}={source}"]
        if not self.apply:
            args.append("--no-apply")
        if self.pass_log is not None:
            args += ["--pass-log", str(self.pass_log)]
        self.home.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(args, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"portrait collect exited with {self.process.returncode}: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"portrait collect did not answer within {timeout_s}s: {self.log_path.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL, as a crash: the collector's applier child dies with it (PR_SET_PDEATHSIG)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
        _wait_for_applier_exit(self.home)

    def __enter__(self) -> CollectorProcess:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _wait_for_applier_exit(home: Path, timeout_s: float = 30.0) -> None:
    """Each applier process holds a lock file while it lives; once they are free the home's Chroma and fact
    store are free too."""
    import fcntl

    deadline = time.monotonic() + timeout_s
    for name in ("collect-apply.lock", "collect-apply-facts.lock"):
        lock = home / name
        if not lock.exists():
            continue
        with lock.open("w") as handle:
            while time.monotonic() < deadline:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(handle, fcntl.LOCK_UN)
                    break
                except BlockingIOError:
                    time.sleep(0.1)


def query(home: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows from the home's event log file (read-only)."""
    db = sqlite3.connect(f"file:{home / 'events.sqlite'}?mode=ro", uri=True, timeout=30)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def stored_profile(home: Path, user_id: str) -> dict[str, Any] | None:
    """A profile's facts as the fact store holds them (SQLite), or None."""
    path = home / "profiles.sqlite"
    if not path.exists():
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        row = db.execute("SELECT body FROM profiles WHERE user_id = ?", (user_id,)).fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        db.close()
    return json.loads(row[0]) if row else None
