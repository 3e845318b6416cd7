"""Write the SIXTEENTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten request shapes of a CRM / marketing-ops register (jargon, abbreviations, symbols, Slack-ish
brevity), written without reading the reader or earlier sets' wording. Each gold is computed with pandas
(``blind16_leaves`` over ``marketer_reference.Ref``) and re-checked with the plain-Python ``blind2_check``; any mismatch
stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b16shop
    .venv/bin/python eval/data/make_marketer_questions_blind16.py --shop /tmp/b16shop \
        --out eval/data/marketer_questions_blind16.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind16_families  # noqa: E402
import blind16_leaves  # noqa: E402
import blind16_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(16, 16161, blind16_families, blind16_leaves, blind16_words)
