"""`make upgrade-check`: what the newest versions the ranges allow would change, and what breaks with them.

Resolves pyproject.toml without requirements/pins.in (the newest versions its ranges allow) into a
scratch lock, prints every package that would move against requirements/main.lock, installs the scratch
lock into a scratch venv (.venv-upgrade) and runs the fast tests there (the LLM client tests included).
Nothing in requirements/ changes: moving the lock stays a deliberate `make lock` after reading this.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRATCH = ROOT / ".venv-upgrade"
LOCK = ROOT / "requirements" / "main.lock"
FAST_TESTS = ["tests/test_llm.py", "tests/test_loaders.py", "tests/test_bad_input.py", "tests/test_filter_index.py",
              "tests/test_audience.py", "tests/test_reader.py", "tests/test_customer_query.py"]


def pins(text: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", text, re.M)}


def run(*command: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], cwd=ROOT, text=True, check=check)


def main() -> int:
    scratch_lock = SCRATCH.with_suffix(".lock")
    print("Resolving the newest versions pyproject.toml's ranges allow ...", flush=True)
    run(ROOT / ".venv-lock/bin/pip-compile", "--quiet", "--upgrade", "--generate-hashes", "--allow-unsafe",
        "--no-emit-index-url", "--no-emit-find-links", "--strip-extras", "--extra", "dev", "--extra", "ray",
        "--extra", "kafka", "-o", scratch_lock, "pyproject.toml")
    old, new = pins(LOCK.read_text()), pins(scratch_lock.read_text())
    moved = sorted(name for name in new if name in old and new[name] != old[name])
    added, gone = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    print(f"\n{len(moved)} packages would move, {len(added)} would be added, {len(gone)} dropped:")
    for name in moved:
        print(f"  {name:32} {old[name]:>14} -> {new[name]}")
    for name in added:
        print(f"  {name:32} {'(new)':>14} -> {new[name]}")
    for name in gone:
        print(f"  {name:32} {old[name]:>14} -> (gone)")
    print(f"\nInstalling them into {SCRATCH.name} ...", flush=True)
    run(sys.executable, "-m", "venv", "--clear", SCRATCH)
    pip = [SCRATCH / "bin/pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes", "--no-deps", "-r"]
    run(*pip, scratch_lock)
    run(*pip, "requirements/smollm2.lock")
    run(SCRATCH / "bin/pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", ".")
    checked = run(sys.executable, "requirements/pip_check.py", SCRATCH / "bin/python", "--unused", "llm", "llama-cpp-python",
                  check=False)
    tests = [t for t in FAST_TESTS if (ROOT / t).exists()]
    print(f"\nFast tests with the newest versions: {' '.join(tests)}", flush=True)
    result = run(SCRATCH / "bin/python", "-m", "pytest", "-q", "-m", "not slow", "-p", "no:cacheprovider", *tests,
                 check=False)
    verdict = "pass" if result.returncode == 0 and checked.returncode == 0 else "FAIL"
    print(f"\nupgrade-check: {verdict} (pip check exit {checked.returncode}, tests exit {result.returncode}). "
          f"To take the new versions: edit requirements/pins.in as needed, then `make lock` and `make test`.")
    return 0 if verdict == "pass" else 1


if __name__ == "__main__":
    raise SystemExit(main())
