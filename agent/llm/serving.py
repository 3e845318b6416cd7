"""Run vLLM's OpenAI-compatible server as a child process: start it, wait until it serves, stop it.

The launch details (python, command line, environment) are in ``agent.llm.launch``; the model folder
it serves is made by ``agent.llm.convert``. On a GPU machine none of this is needed: run ``vllm serve``
there and point ``PORTRAIT_OPENAI_BASE_URL`` at it.
"""

from __future__ import annotations

import atexit
import logging
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import httpx

from agent.llm.convert import prepare_served_model, served_folder, served_model_is_ready
from agent.llm.errors import VLLMNotInstalledError, VLLMStartupError
from agent.llm.launch import base_url_for, vllm_command, vllm_env
from encoders.processes import stop_process_group
from encoders.settings import Settings

__all__ = [
    "VLLMNotInstalledError",
    "VLLMServer",
    "VLLMStartupError",
    "free_port",
    "prepare_served_model",
    "serve_detached",
    "serve_forever",
    "served_model_is_ready",
    "start_vllm",
    "stop_served",
    "wait_until_ready",
]

log = logging.getLogger(__name__)

Echo = Callable[[str], None]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (for tests and ad-hoc servers)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_until_ready(
    base_url: str,
    timeout: float,
    process: subprocess.Popen[bytes] | None = None,
    log_path: Path | None = None,
    model: str | None = None,
) -> float:
    """Poll GET /models until the server answers (and lists ``model``); seconds waited.

    Fails fast with the log tail when ``process`` exits, instead of waiting out the timeout.
    """
    start = time.perf_counter()
    url = base_url.rstrip("/") + "/models"
    while True:
        if process is not None and process.poll() is not None:
            raise VLLMStartupError(
                f"vLLM exited with code {process.returncode} before it was ready. Log {log_path}:\n{_tail(log_path) if log_path else ''}"
            )
        try:
            response = httpx.get(url, timeout=2.0)
            if response.status_code == 200:
                ids = [item.get("id") for item in response.json().get("data", [])]
                if model is None or model in ids:
                    return time.perf_counter() - start
        except (httpx.HTTPError, ValueError):
            pass
        if time.perf_counter() - start > timeout:
            raise VLLMStartupError(
                f"vLLM was not ready at {base_url} after {timeout:.0f}s (PORTRAIT_VLLM_STARTUP_TIMEOUT_S). "
                f"Log {log_path}:\n{_tail(log_path) if log_path else ''}"
            )
        time.sleep(0.5)


class VLLMServer:
    """A vLLM OpenAI-compatible server process; a context manager that always cleans up.

    The server gets its own process group so stopping it also stops the engine-core and worker
    processes vLLM forks. Unless ``detach`` is set, it is stopped at interpreter exit as well.
    """

    def __init__(
        self,
        settings: Settings,
        port: int | None = None,
        model_dir: Path | None = None,
        log_path: Path | None = None,
        detach: bool = False,
    ) -> None:
        self.settings = settings
        self.port = port or settings.vllm_port
        self.model_dir = model_dir or served_folder(settings)
        self.log_path = log_path or settings.home / "logs" / "vllm.log"
        self.detach = detach
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None

    @property
    def base_url(self) -> str:
        return base_url_for(self.settings, self.port)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> VLLMServer:
        """Launch without waiting; see ``wait_until_ready``."""
        command = vllm_command(self.settings, self.model_dir, self.port)
        if not _port_is_free(self.settings.vllm_host, self.port):
            raise VLLMStartupError(
                f"Port {self.port} on {self.settings.vllm_host} is already in use (PORTRAIT_VLLM_PORT). "
                "A detached server may still run: `portrait llm stop`, or choose another port."
            )
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log_file:
            log_file.write(f"$ {' '.join(command)}\n".encode())
            log_file.flush()
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=vllm_env(self.settings),
                start_new_session=True,
            )
        if not self.detach:
            atexit.register(self.stop)
        log.info("vLLM starting (pid %s) on %s, log %s", self.process.pid, self.base_url, self.log_path)
        return self

    def wait_until_ready(self, timeout: float | None = None) -> float:
        """Block until the model is served; on failure the process is stopped and the log tail raised."""
        if self.process is None:
            raise RuntimeError("VLLMServer.start() was not called")
        try:
            self.startup_seconds = wait_until_ready(
                self.base_url,
                timeout or self.settings.vllm_startup_timeout_s,
                self.process,
                self.log_path,
                self.settings.openai_model,
            )
        except BaseException:
            self.stop()
            raise
        return self.startup_seconds

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 20.0) -> None:
        if self.process is None:
            return
        stop_process_group(self.process.pid, timeout)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        atexit.unregister(self.stop)

    def memory_bytes(self) -> int:
        """Resident memory of the server and all its children (psutil), for reports."""
        import psutil

        if not self.is_running():
            return 0
        root = psutil.Process(self.process.pid)  # type: ignore[union-attr]
        total = 0
        for proc in [root, *root.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                pass
        return total

    def __enter__(self) -> VLLMServer:
        self.start()
        self.wait_until_ready()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_vllm(settings: Settings, port: int | None = None, echo: Echo | None = None, detach: bool = False) -> VLLMServer:
    """Prepare the model folder, start the server and wait until it serves ``settings.openai_model``."""
    say = echo or log.info
    folder = prepare_served_model(settings, echo=say)
    server = VLLMServer(settings, port=port, model_dir=folder, detach=detach).start()
    say(f"Starting vLLM on {server.base_url} (log: {server.log_path}) ...")
    seconds = server.wait_until_ready()
    say(f"vLLM ready in {seconds:.0f}s.")
    return server


def _announce(server: VLLMServer, say: Echo) -> None:
    say(f"Serving {server.settings.openai_model!r} at {server.base_url}")
    say(f"Use it with:  export PORTRAIT_OPENAI_BASE_URL={server.base_url}")


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _sigterm_as_interrupt() -> None:
    """A plain SIGTERM (docker stop, systemd, kill) would skip cleanup and orphan vLLM's processes."""
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_interrupt)


def serve_forever(settings: Settings, port: int | None = None, echo: Echo | None = None) -> None:
    """``portrait llm serve``: run the server in the foreground until Ctrl-C, then stop it cleanly.

    Raises ``VLLMStartupError`` (with the log tail) when the server dies on its own.
    """
    say = echo or print
    _sigterm_as_interrupt()
    server: VLLMServer | None = None
    try:
        server = start_vllm(settings, port=port, echo=say)
        _announce(server, say)
        say("Press Ctrl-C to stop.")
        while server.is_running():
            time.sleep(1.0)
        code = server.process.returncode if server.process else None
        raise VLLMStartupError(f"vLLM exited on its own with code {code}. Log {server.log_path}:\n{_tail(server.log_path)}")
    except KeyboardInterrupt:
        say("Stopping vLLM ...")
    finally:
        if server is not None:
            server.stop()


def pid_file(settings: Settings) -> Path:
    return settings.home / "vllm.pid"


def serve_detached(settings: Settings, port: int | None = None, echo: Echo | None = None) -> str:
    """``portrait llm serve --detach``: return the base URL once ready, leave the server running, record its pid."""
    say = echo or print
    server = start_vllm(settings, port=port, echo=say, detach=True)
    pid_file(settings).write_text(f"{server.pid}\n")
    say(f"Stop it with `portrait llm stop` (pid {server.pid} in {pid_file(settings)}).")
    return server.base_url


def _looks_like_vllm(pid: int) -> bool:
    import psutil

    try:
        return "vllm" in " ".join(psutil.Process(pid).cmdline())
    except psutil.Error:
        return False


def stop_served(settings: Settings, timeout: float = 20.0) -> bool:
    """Stop the server recorded in ``vllm.pid``; False when none was running.

    The command line is checked first so a recycled pid never gets a signal meant for vLLM.
    """
    path = pid_file(settings)
    if not path.exists():
        return False
    try:
        pid = int(path.read_text().strip())
    except ValueError:
        path.unlink(missing_ok=True)
        return False
    running = _looks_like_vllm(pid)
    if running:
        stop_process_group(pid, timeout)
    path.unlink(missing_ok=True)
    return running
