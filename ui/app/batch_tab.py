"""The batch tab: start the summary batch, watch its progress and throughput, browse the results."""

from __future__ import annotations

import json
from typing import Any

import gradio as gr
import pandas as pd

from agent.assistant import ProfileAssistant
from agent.batch import summarize_all
from retrieval.home import Home
from ui.app.auth import Access
from ui.app.errors import friendly

_COLUMNS = ["customer", "summary", "faithfulness", "model"]


class BatchHandlers:
    def __init__(self, home: Home, assistant: ProfileAssistant, access: Access) -> None:
        self.home = home
        self.assistant = assistant
        self.access = access

    @property
    def out(self) -> Any:
        return self.home.settings.reports_dir / "summaries.jsonl"

    def _results(self) -> pd.DataFrame:
        if not self.out.exists():
            return pd.DataFrame(columns=_COLUMNS)
        rows = []
        for line in self.out.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            rows.append({"customer": record.get("user_id"), "summary": record.get("summary"),
                         "faithfulness": record.get("checked_faithfulness"), "model": record.get("model")})
        return pd.DataFrame(rows, columns=_COLUMNS)

    @friendly
    def run(self, limit: float, progress: gr.Progress = gr.Progress(), request: gr.Request = None) -> tuple[str, pd.DataFrame]:  # noqa: B008
        self.access.check(request, "batch")
        user_ids = self.home.user_ids()[: int(limit)] if limit else self.home.user_ids()
        done = [0]

        def tick(count: int) -> None:
            done[0] += count
            progress(done[0] / max(1, len(user_ids)), desc=f"{done[0]} summaries")

        result = summarize_all(self.assistant, user_ids, self.out, progress=tick)
        line = (f"{result.written} written, {result.skipped} already done, in {result.seconds:.0f} s "
                f"({result.per_minute:.1f} customers/min).")
        return line, self._results()

    @friendly
    def browse(self, request: gr.Request) -> pd.DataFrame:
        self.access.check(request, "batch")
        return self._results()


def build(handlers: BatchHandlers) -> None:
    with gr.Row():
        limit = gr.Number(label="How many customers (0 = all)", value=20, precision=0)
        start = gr.Button("Summarise", variant="primary")
        load = gr.Button("Show results")
    throughput = gr.Markdown()
    results = gr.Dataframe(wrap=True, label="Summaries")
    start.click(handlers.run, inputs=limit, outputs=[throughput, results], api_name="batch")
    load.click(handlers.browse, outputs=results, api_name="batch_results")
