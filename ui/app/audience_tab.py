"""The audiences tab (marketer role): a question in plain words becomes an exact, checked audience
query, shown in words and as editable conditions, with the count, a table, a chart and a CSV."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from agent.audience import answer_audience, answer_query
from retrieval.home import Home
from retrieval.segments import plot_segments
from ui.app import views
from ui.app.auth import Access
from ui.app.errors import friendly

_NO_CHART = pd.DataFrame({"group": [], "customers": []})


class AudienceHandlers:
    def __init__(self, home: Home, access: Access) -> None:
        self.home = home
        self.access = access
        self._downloads = Path(tempfile.mkdtemp(prefix="portrait-audiences-"))

    def _shown(self, answer: Any) -> tuple[Any, ...]:
        if answer.declined:
            return f"**Not answered:** {answer.declined}", "", 0, answer.table, _NO_CHART, None
        if answer.asked_back:  # the best reading, not run: shown in words and as conditions to run or edit
            conditions = json.dumps(answer.query.model_dump(mode="json"), indent=2)
            return (f"**Not run yet:** {answer.ask_back} Press *Run this reading*, or edit the conditions.",
                    conditions, 0, answer.table, _NO_CHART, None)
        words = f"**{answer.count} customers:** {answer.query_words}"
        if answer.mappings:
            words += "\n\n" + "\n".join(f"- {m}" for m in answer.mappings)
        counts = answer.counts_by()
        chart = pd.DataFrame({"group": [str(i) for i in counts.index], "customers": counts.to_numpy()})
        csv = answer.write_csv(self._downloads / f"audience-{abs(hash(answer.query_words)) % 10**8}.csv")
        conditions = json.dumps(answer.query.model_dump(mode="json"), indent=2)
        return words, conditions, answer.count, answer.table, chart, str(csv)

    @friendly
    def ask(self, question: str, request: gr.Request) -> tuple[Any, ...]:
        role = self.access.check(request, "audience")
        if not question.strip():
            raise gr.Error("Type a question about your customers first.")
        return self._shown(answer_audience(self.home, question, role=_audience_role(role)))

    @friendly
    def rerun(self, conditions: str, request: gr.Request) -> tuple[Any, ...]:
        """Run the conditions as edited by the marketer (the JSON of the parsed query)."""
        role = self.access.check(request, "audience")
        try:
            edited = json.loads(conditions)
        except ValueError as error:
            raise gr.Error(f"The conditions are not valid JSON: {error}") from None
        return self._shown(answer_query(self.home, edited, role=_audience_role(role)))

    @friendly
    def segment_map(self, request: gr.Request) -> str | None:
        self.access.check(request, "audience")
        model = self.home.segments
        if model is None:
            raise gr.Error("No segments yet: run `portrait build` (or `portrait segments --fit`).")
        return str(plot_segments(self.home.vectors.all_profiles(), model, self._downloads / "segments.png"))


def _audience_role(role: str) -> str:
    return "analyst" if role == "admin" else "marketer"


def build(handlers: AudienceHandlers, home: Home) -> None:
    with gr.Row():
        question = gr.Textbox(label="Who are you looking for?", scale=4,
                              placeholder="customers in Germany who bought kitchen items but haven't ordered in 60 days")
        ask = gr.Button("Find them", variant="primary", scale=1)
    with gr.Row():
        words = gr.Markdown()
        run_reading = gr.Button("Run this reading", scale=0, min_width=160)
    with gr.Row():
        count = gr.Number(label="Customers", precision=0, interactive=False, scale=1)
        csv = gr.File(label="CSV download", scale=2)
    with gr.Row(equal_height=False):
        table = gr.Dataframe(label="Audience", wrap=True, scale=3)
        chart = gr.BarPlot(x="group", y="customers", title="Customers by segment", y_lim=[0, None], height=300, scale=2)
    with gr.Accordion("Edit the conditions", open=False):
        conditions = gr.Code(language="json", label="The parsed query (edit, then run)")
        rerun = gr.Button("Run the edited conditions")
    with gr.Accordion("Segments", open=False):
        gr.Dataframe(value=views.segments_frame(home.segments), wrap=True, label="Segments")
        show_map = gr.Button("Show the segment map")
        segment_map = gr.Image(label="Customers by segment (2-D projection)", height=420)
    outputs = [words, conditions, count, table, chart, csv]
    ask.click(handlers.ask, inputs=question, outputs=outputs, api_name="audience")
    question.submit(handlers.ask, inputs=question, outputs=outputs)
    rerun.click(handlers.rerun, inputs=conditions, outputs=outputs, api_name="audience_conditions")
    run_reading.click(handlers.rerun, inputs=conditions, outputs=outputs, api_name="audience_run_reading")
    show_map.click(handlers.segment_map, outputs=segment_map, api_name="segment_map")
