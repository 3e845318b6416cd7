"""Write the FIFTEENTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten request shapes of a nominal, noun-heavy corporate register, written without reading the reader or
earlier sets' wording. Each gold is computed with pandas (``blind15_leaves`` over ``marketer_reference.Ref``) and
re-checked with the plain-Python ``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b15shop
    .venv/bin/python eval/data/make_marketer_questions_blind15.py --shop /tmp/b15shop \
        --out eval/data/marketer_questions_blind15.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind15_families  # noqa: E402
import blind15_leaves  # noqa: E402
import blind15_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(15, 15151, blind15_families, blind15_leaves, blind15_words)
