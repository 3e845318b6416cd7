"""Gradio app for customer-service staff: pick a customer, read the profile, chat about them."""

from __future__ import annotations

from pathlib import Path

from encoders.settings import Settings  # first: it sets the offline environment

import gradio as gr
import pandas as pd

from agent.assistant import ProfileAssistant
from encoders.profile.facts import fact_descriptions
from encoders.profile.model import Profile, fact_label, render_value
from retrieval.follow import BackgroundFollower
from retrieval.home import Home, UnknownCustomerError, open_home
from retrieval.segments import SegmentModel
from retrieval.vector_store import VectorStore

Messages = list[dict[str, str]]


def facts_markdown(profile: Profile) -> str:
    rows = ["| fact | value | evidence |", "|---|---|---|"]
    for name in fact_descriptions():
        if name in profile.facts:
            fact = profile.facts[name]
            shown = ", ".join(fact.evidence[:3]) + (f" (+{len(fact.evidence) - 3})" if len(fact.evidence) > 3 else "")
            rows.append(f"| {fact_label(name)} | {render_value(fact.value)} | {shown} |")
    return f"### Customer {profile.user_id}\n{profile.describe()}\n\n" + "\n".join(rows)


def categories_frame(profile: Profile) -> pd.DataFrame:
    categories = profile.fact_value("top_categories") or []
    return pd.DataFrame({"category": [c["category"] for c in categories], "share": [c["share"] for c in categories]})


def segments_frame(model: SegmentModel | None) -> pd.DataFrame:
    if model is None:
        return pd.DataFrame({"segment": [], "name": [], "size": [], "description": []})
    return pd.DataFrame(
        {"segment": [s.id for s in model.segments], "name": [s.name for s in model.segments],
         "size": [s.size for s in model.segments], "description": [s.description for s in model.segments]}
    )


def audience_frame(
    store: VectorStore, query: str, country: str, stage: str, k: int, segments: SegmentModel | None = None
) -> pd.DataFrame:
    """Customers whose interests are closest to a marketer's description, as aggregates-friendly rows
    (ids and profile fields only: marketers never see contact data)."""
    names = {s.id: s.name for s in segments.segments} if segments else {}
    filters = [{"country": country}] if country else []
    filters += [{"stage": stage}] if stage else []
    where = filters[0] if len(filters) == 1 else ({"$and": filters} if filters else None)
    hits = store.search_profiles(query, k=k, where=where) if query.strip() else []
    return pd.DataFrame(
        {
            "customer": [h.id for h in hits],
            "match": [round(1 - h.distance, 3) for h in hits],
            "segment": [names.get(h.metadata.get("segment", -1), "") for h in hits],
            "top category": [h.metadata.get("top_category", "") for h in hits],
            "stage": [h.metadata.get("stage", "") for h in hits],
            "net spend": [h.metadata.get("monetary", 0.0) for h in hits],
        }
    )


def build_app(home: Home, assistant: ProfileAssistant | None = None) -> gr.Blocks:
    assistant = assistant or ProfileAssistant(home)
    customers = home.user_ids()

    def show_profile(user_id: str) -> tuple[str, pd.DataFrame, str]:
        if not user_id:
            return "Pick a customer.", pd.DataFrame({"category": [], "share": []}), ""
        try:
            profile = home.profile(user_id)
            picks = home.recommend(user_id, k=5)
        except UnknownCustomerError as error:
            return str(error), pd.DataFrame({"category": [], "share": []}), ""
        suggestions = "\n".join(f"- {s.title} ({s.category}): {'; '.join(r.text for r in s.reasons)}" for s in picks)
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
        with gr.Tab("Customer service"):
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
        with gr.Tab("Segments and audiences"):
            segment_model = home.segments
            gr.Dataframe(value=segments_frame(segment_model), label="Segments", wrap=True)
            plot_path = home.settings.reports_dir / "segments.png"
            if plot_path.exists():
                gr.Image(value=str(plot_path), label="Customers by segment (PCA)", height=420)
            with gr.Row():
                audience_query = gr.Textbox(label="Who is likely to buy ...", placeholder="garden decor gifts before Christmas", scale=3)
                country = gr.Textbox(label="Country (optional)", scale=1)
                stage = gr.Dropdown(choices=["", "new", "active", "at risk", "lapsed"], value="", label="Stage", scale=1)
                size = gr.Slider(5, 100, value=20, step=5, label="How many", scale=1)
            find = gr.Button("Find audience", variant="primary")
            audience = gr.Dataframe(label="Closest customers by interest")
        picker.change(show_profile, inputs=picker, outputs=[facts, plot, suggestions], api_name="show_profile")
        app.load(show_profile, inputs=picker, outputs=[facts, plot, suggestions])
        app.load(lambda: gr.Dropdown(choices=home.user_ids()), outputs=picker)  # new customers
        send.click(ask, inputs=[picker, question, chat], outputs=[chat, question], api_name="ask")
        question.submit(ask, inputs=[picker, question, chat], outputs=[chat, question])
        find.click(
            lambda q, c, s, k: audience_frame(home.vectors, q, c.strip(), s, int(k), segment_model),
            inputs=[audience_query, country, stage, size],
            outputs=audience,
            api_name="audience",
        )
    return app


def launch(settings: Settings, port: int, follow: Path | None = None) -> None:
    """Serve the app; with ``follow``, also apply a JSONL event feed to the profiles as it grows, so
    staff see each customer's latest behaviour on their next look."""
    home = open_home(settings)
    follower = None
    if follow is not None:
        follower = BackgroundFollower(home.profiles, follow, settings.follow_poll_s).start()
    try:
        build_app(home).launch(server_name=settings.ui_host, server_port=port, share=False)
    finally:
        if follower is not None:
            follower.stop()
        home.close()
