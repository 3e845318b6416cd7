"""A Chroma server (`chroma run`) over a home's Chroma folder, for more than one process on one home.

Chroma's local client is not multi-process safe. With the server, every process (app workers,
`ingest --follow`) sets ``chroma_url`` and talks HTTP; the event log and fact store are SQLite files
in WAL mode, which several processes may share.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from encoders.processes import stop_process_group
from encoders.settings import Settings


class ChromaServerError(RuntimeError):
    """The Chroma server could not be started, or did not answer in time."""


def chroma_binary() -> Path:
    """The `chroma` command shipped with the chromadb package, next to this Python or on PATH."""
    beside = Path(sys.executable).with_name("chroma")
    found = beside if beside.exists() else (Path(p) if (p := shutil.which("chroma")) else None)
    if found is None:
        raise ChromaServerError("The `chroma` command was not found: pip install chromadb==1.5.9 in this environment.")
    return found


def server_url(settings: Settings, port: int | None = None) -> str:
    return f"http://127.0.0.1:{port or settings.chroma_port}"


def pid_file(settings: Settings) -> Path:
    return settings.home / "chroma-server.pid"


def wait_until_up(url: str, timeout_s: float, process: subprocess.Popen[bytes] | None = None) -> float:
    """Poll the heartbeat until the server answers; seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        if process is not None and process.poll() is not None:
            raise ChromaServerError(f"the Chroma server exited with code {process.returncode} before it answered")
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1.0).status_code == 200:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise ChromaServerError(f"no Chroma server answered at {url} within {timeout_s:.0f}s")


def start(settings: Settings, port: int | None = None, timeout_s: float = 60.0) -> tuple[subprocess.Popen[bytes], str]:
    """Start `chroma run` on 127.0.0.1 over the home's Chroma folder in its own process group;
    returns the process and its URL once it answers. Its log is ``HOME/logs/chroma.log``."""
    port = port or settings.chroma_port
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    log_dir = settings.home / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    command = [str(chroma_binary()), "run", "--path", str(settings.chroma_dir), "--host", "127.0.0.1", "--port", str(port)]
    with (log_dir / "chroma.log").open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = server_url(settings, port)
    try:
        wait_until_up(url, timeout_s, process)
    except ChromaServerError:
        stop_process_group(process.pid)
        raise
    pid_file(settings).write_text(str(process.pid))
    return process, url


def stop(settings: Settings) -> bool:
    """Stop a server started by `portrait store serve --detach`; whether one was running."""
    path = pid_file(settings)
    if not path.exists():
        return False
    stop_process_group(int(path.read_text().strip()))
    path.unlink(missing_ok=True)
    return True
