"""Gradio app for customer-service staff: pick a customer, read the profile, chat about them."""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr
import pandas as pd

from agent.assistant import ProfileAssistant, UnknownCustomerError
from agent.grounding import render_value
from encoders.embedder import Embedder
from encoders.profiles import FACT_DESCRIPTIONS, Profile
from encoders.settings import Settings
from retrieval.store import PortraitStore

Messages = list[dict[str, str]]


def facts_markdown(profile: Profile) -> str:
    rows = ["| fact | value | evidence |", "|---|---|---|"]
    for name in FACT_DESCRIPTIONS:
        if name in profile.facts:
            fact = profile.facts[name]
            shown = ", ".join(fact.evidence[:3]) + (f" (+{len(fact.evidence) - 3})" if len(fact.evidence) > 3 else "")
            rows.append(f"| {name.replace('_', ' ')} | {render_value(fact.value)} | {shown} |")
    return f"### Customer {profile.user_id}\n{profile.describe()}\n\n" + "\n".join(rows)


def categories_frame(profile: Profile) -> pd.DataFrame:
    categories = profile.fact_value("top_categories") or []
    return pd.DataFrame({"category": [c["category"] for c in categories], "share": [c["share"] for c in categories]})


def build_app(settings: Settings, assistant: ProfileAssistant | None = None) -> gr.Blocks:
    assistant = assistant or ProfileAssistant(settings, PortraitStore(settings, Embedder(settings)))
    customers = assistant.store.user_ids()

    def show_profile(user_id: str) -> tuple[str, pd.DataFrame, str]:
        if not user_id:
            return "Pick a customer.", pd.DataFrame({"category": [], "share": []}), ""
        try:
            profile = assistant.profile(user_id)
        except UnknownCustomerError as error:
            return str(error), pd.DataFrame({"category": [], "share": []}), ""
        last = [i["item_id"] for i in profile.fact_value("last_items") or []]
        picks = assistant.store.recommend_products(profile, k=5, exclude=last)
        suggestions = "\n".join(f"- {h.metadata.get('title', h.id)} ({h.metadata.get('category', '')})" for h in picks)
        return facts_markdown(profile), categories_frame(profile), f"**Suggested products**\n{suggestions}"

    def ask(user_id: str, question: str, history: Messages) -> tuple[Messages, str]:
        history = list(history or [])
        if not user_id or not question.strip():
            return history, question
        try:
            reply = assistant.ask(user_id, question).cited_text()
        except UnknownCustomerError as error:
            reply = str(error)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": reply}]
        return history, ""

    with gr.Blocks(title="Portrait") as app:
        gr.Markdown("# Portrait\nLiving customer profiles. Answers cite the facts and events they rest on.")
        with gr.Row():
            with gr.Column(scale=1):
                picker = gr.Dropdown(choices=customers, label="Customer", value=customers[0] if customers else None)
                facts = gr.Markdown()
                plot = gr.BarPlot(x="category", y="share", title="Interest by category", height=220)
                suggestions = gr.Markdown()
            with gr.Column(scale=1):
                chat = gr.Chatbot(label="Ask about this customer", height=420)
                question = gr.Textbox(label="Question", placeholder="What does this customer usually buy?")
                send = gr.Button("Ask", variant="primary")
        picker.change(show_profile, inputs=picker, outputs=[facts, plot, suggestions], api_name="show_profile")
        app.load(show_profile, inputs=picker, outputs=[facts, plot, suggestions])
        send.click(ask, inputs=[picker, question, chat], outputs=[chat, question], api_name="ask")
        question.submit(ask, inputs=[picker, question, chat], outputs=[chat, question])
    return app


def launch(settings: Settings, port: int) -> None:
    build_app(settings).launch(server_name=settings.ui_host, server_port=port, share=False)
