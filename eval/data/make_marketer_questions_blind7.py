"""Write the SEVENTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten new request shapes, written without reading the reader or earlier sets' wording. Each gold is
computed with pandas (``blind7_leaves`` over ``marketer_reference.Ref``) and re-checked with the plain-Python
``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b7shop
    .venv/bin/python eval/data/make_marketer_questions_blind7.py --shop /tmp/b7shop \
        --out eval/data/marketer_questions_blind7.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind7_families  # noqa: E402
import blind7_leaves  # noqa: E402
import blind7_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(7, 7077, blind7_families, blind7_leaves, blind7_words)
