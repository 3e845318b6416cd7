"""Write the EIGHTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten new spoken / chat request shapes, written without reading the reader or earlier sets' wording.
Each gold is computed with pandas (``blind8_leaves`` over ``marketer_reference.Ref``) and re-checked with the plain-Python
``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b8shop
    .venv/bin/python eval/data/make_marketer_questions_blind8.py --shop /tmp/b8shop \
        --out eval/data/marketer_questions_blind8.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind8_families  # noqa: E402
import blind8_leaves  # noqa: E402
import blind8_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(8, 8088, blind8_families, blind8_leaves, blind8_words)
