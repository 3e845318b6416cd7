"""`portrait train-reader`: fit the sentence reader's frame models (staff asks, audience clauses) and write them
as the artefacts the package ships; optionally set the ask-back threshold chosen on a dev question set."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ui.cli.common import console, settings_of

commands = typer.Typer()


@commands.command("train-reader")
def train_reader(
    ctx: typer.Context,
    threshold: Annotated[Optional[float], typer.Option(help="The staff ask-back threshold, as chosen on a dev split with "
                                                              "`portrait eval answers` (its threshold_sweep). Default: the corpus's own calibration.")] = None,
    only: Annotated[Optional[str], typer.Option(help="Fit one model only: 'staff' or 'audience'.")] = None,
) -> None:
    """Fit both frame models on the generated paraphrase corpora (a few minutes on 2 cores) and write
    agent/reader/frame_model.npz and clause_model.npz."""
    from agent.reader import clauses, frames
    from encoders.embedder import Embedder

    if only not in (None, "staff", "audience"):
        raise typer.BadParameter("--only takes 'staff' or 'audience'")
    embedder = Embedder(settings_of(ctx, None))
    if only in (None, "staff"):
        with console.status("fitting the staff frame model ..."):
            model = frames.fit(embedder)
        if threshold is not None:
            model.report["corpus_threshold"] = round(model.threshold, 4)
            model.threshold = threshold
        model.save(frames.ARTEFACT)
        console.print(f"staff frames: {model.report}; ask-back threshold {model.threshold:.3f} -> {frames.ARTEFACT}")
    if only == "staff":
        return
    with console.status("fitting the audience clause model ..."):
        clause = clauses.fit(lambda texts: embedder.encode(texts, show_progress=False))
    clause.save(clauses.ARTEFACT)
    console.print(f"audience clauses: {clause.report}; threshold {clause.threshold:.3f} -> {clauses.ARTEFACT}")
