"""`pip check` for a venv, where a lock leaves out packages on purpose: those gaps (and only those) are allowed.

    python requirements/pip_check.py VENV/bin/python --unused torchvision torchaudio

Exits 1 on any other broken requirement, printing pip's lines.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("python")
    parser.add_argument("--unused", nargs="*", default=[], help="packages the lock leaves out on purpose")
    args = parser.parse_args()
    done = subprocess.run([args.python, "-m", "pip", "check"], capture_output=True, text=True)
    unused = {name.lower() for name in args.unused}
    problems = []
    for line in done.stdout.splitlines():
        missing = re.search(r"requires ([A-Za-z0-9_.\-]+), which is not installed", line)
        if missing and missing.group(1).lower().replace("_", "-") in unused:
            continue
        if line.strip() and line.strip() != "No broken requirements found.":
            problems.append(line)
    if problems or (done.returncode and not done.stdout.strip()):
        print("\n".join(problems) or done.stderr, file=sys.stderr)
        return 1
    print(f"pip check: no broken requirements (left out on purpose: {', '.join(sorted(unused)) or 'none'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
