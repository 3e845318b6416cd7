"""Write the FOURTEENTH blind marketer audience question set (every family held out): single conditions,
combinations and declines in ten new request shapes of quantity- and time-rich business English, written without
reading the reader or earlier sets' wording. Each gold is computed with pandas (``blind14_leaves`` over
``marketer_reference.Ref``) and re-checked with the plain-Python ``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b14shop
    .venv/bin/python eval/data/make_marketer_questions_blind14.py --shop /tmp/b14shop \
        --out eval/data/marketer_questions_blind14.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind14_families  # noqa: E402
import blind14_leaves  # noqa: E402
import blind14_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(14, 14141, blind14_families, blind14_leaves, blind14_words)
