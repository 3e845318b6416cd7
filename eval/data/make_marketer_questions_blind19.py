"""Write the NINETEENTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten new request shapes of one register, noisy typing and formats (requests typed fast into a search
field or chat box, dictated to a phone or spoken to an assistant, pasted as a spreadsheet formula, shouted, split by an
early Enter: typos and slips in ordinary words and in the shop's own names, text-speak, symbols, numbers, spans and
dates in many formats, fillers and stated self-corrections), written without reading the reader or earlier sets'
wording. Each gold is computed with pandas (``blind19_leaves`` over ``marketer_reference.Ref``) and re-checked with
the plain-Python ``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b19shop
    .venv/bin/python eval/data/make_marketer_questions_blind19.py --shop /tmp/b19shop \
        --out eval/data/marketer_questions_blind19.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind19_families  # noqa: E402
import blind19_leaves  # noqa: E402
import blind19_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(19, 19191, blind19_families, blind19_leaves, blind19_words)
