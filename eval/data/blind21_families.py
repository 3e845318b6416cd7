"""Blind set 21: ten request structures of one register — a marketer moving an audience over from another tool
(email platform, ad platform, CRM, CDP, BI dashboard, storefront admin, automation flow) and pasting or retelling that
tool's definition. Roughly half are pasted structured definitions, half the marketer's prose around a small fragment
or a plain retelling. Every family renders every shape: leaf, and (two or three), or, and_not, not, and_or."""

from __future__ import annotations

import random

from blind21_common import Missing
from blind21_pasted import ads_editor_transcript, cdp_json_export, dashboard_link_note, rule_group_paste, yaml_audience_manifest
from blind21_told import condition_rows_grid, filter_chip_strip, flow_entry_retold, old_segment_retold, segment_query_line
from blind21_words import UNHELD

FAMILIES = ["rule_group_paste", "ads_editor_transcript", "cdp_json_export", "yaml_audience_manifest", "dashboard_link_note",
            "segment_query_line", "old_segment_retold", "condition_rows_grid", "filter_chip_strip", "flow_entry_retold"]


RENDER = {f: globals()[f] for f in FAMILIES}


def render(rng: random.Random, family: str, shape: str, leaves: list) -> str:
    return RENDER[family](rng, shape, leaves)


def decline(rng: random.Random, family: str, beside, what: str, field_ask: bool) -> tuple[str, str]:
    p = UNHELD[what]
    if beside is None:
        return what, RENDER[family](rng, "leaf", [Missing(what)])
    if field_ask:
        return what, RENDER[family](rng, "leaf", [beside], cols=p)
    pair = [beside, Missing(what)]
    rng.shuffle(pair)
    return what, RENDER[family](rng, "and", pair)
