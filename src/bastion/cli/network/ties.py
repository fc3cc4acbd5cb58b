"""``bastion network disrupt``, ``predict`` and ``durability``: removal, hidden and lasting ties."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from bastion.cli.network._app import (
    DelimiterOption,
    DirectedOption,
    FormatOption,
    InputFormat,
    InputFormatOption,
    InputsArgument,
    NamesOption,
    Output,
    PhaseOption,
    SourceCol,
    Split,
    SplitOption,
    TargetCol,
    WeightCol,
    app,
    columns,
    emit,
    load,
)

__all__: list[str] = []


class Strategy(StrEnum):
    """Node-removal strategies."""

    degree = "degree"
    betweenness = "betweenness"


@app.command("disrupt")
def disrupt(
    inputs: InputsArgument,
    strategy: Annotated[Strategy, typer.Option(help="Remove by degree or betweenness.")] = (
        Strategy.betweenness
    ),
    recompute: Annotated[
        bool, typer.Option(help="Recompute the centrality after every removal.")
    ] = True,
    steps: Annotated[int | None, typer.Option(help="Nodes to remove [default: all].")] = None,
    input_format: InputFormatOption = InputFormat.auto,
    split: SplitOption = Split.phases,
    names: NamesOption = None,
    directed: Annotated[bool, typer.Option(help="Treat edges as directed.")] = False,
    phase: PhaseOption = None,
    output: FormatOption = Output.text,
) -> None:
    """Remove nodes one by one; report the largest connected component after each removal."""
    from bastion.networks import sequential_removal

    ties, _ = load(inputs, input_format, split, names, directed)
    network = ties.snapshot(phase)
    result = sequential_removal(network, strategy=strategy.value, recompute=recompute, steps=steps)
    data = {
        **result.to_dict(),
        "nodes": network.graph.num_nodes(),
        "edges": network.graph.num_edges(),
        "notes": network.notes,
    }
    rows = [{"step": 0, "removed": None, "largest_component": result.lcc_sizes[0]}] + [
        {"step": k, "removed": node, "largest_component": size}
        for k, (node, size) in enumerate(zip(result.removed, result.lcc_sizes[1:], strict=True), 1)
    ]
    emit(
        data,
        rows,
        output,
        title=f"{strategy.value} removal ({'recomputed' if recompute else 'initial'})",
    )


@app.command("predict")
def predict(
    inputs: InputsArgument,
    top: Annotated[int, typer.Option(help="Pairs to list.")] = 20,
    method: Annotated[str, typer.Option(help="Score that ranks pairs.")] = "resource_allocation",
    k: Annotated[int, typer.Option("-k", help="k of precision@k in the backtest.")] = 10,
    input_format: InputFormatOption = InputFormat.auto,
    split: SplitOption = Split.phases,
    names: NamesOption = None,
    source_col: SourceCol = None,
    target_col: TargetCol = None,
    weight_col: WeightCol = None,
    delimiter: DelimiterOption = None,
    output: FormatOption = Output.text,
) -> None:
    """Hidden ties: unlinked pairs most likely tied, and a temporal backtest.

    The backtest (three or more phases) trains on phases <= t and predicts t + 1.
    """
    from bastion.networks import evaluate
    from bastion.networks import predict as rank

    ties, _ = load(
        inputs,
        input_format,
        split,
        names,
        False,
        **columns(source_col, target_col, weight_col, delimiter),
    )
    latest = ties.phases[-1] if ties.phases else None
    net = ties.snapshot() if latest is None else ties.snapshot(latest)
    predicted = rank(net, method=method, top=top)
    evaluation: dict[str, Any] | None = None
    if len(ties.phases) >= 3:
        ev = evaluate(ties, k=k)
        evaluation = {
            "rows": ev.rows,
            "mean_auc": ev.mean("auc"),
            "mean_precision_at_k": ev.mean("precision_at_k"),
            "k": k,
        }
    data = {"method": method, "phase": latest, "predicted": predicted, "evaluation": evaluation}
    lines = []
    if evaluation:
        lines = [
            f"backtest {m}: mean AUC {evaluation['mean_auc'][m]:.3f}, precision@{k} "
            f"{evaluation['mean_precision_at_k'][m]:.3f}"
            for m in evaluation["mean_auc"]
        ]
    emit(
        data,
        predicted,
        output,
        title=f"Predicted hidden ties ({method})",
        columns=["source", "target", "common_neighbours", "resource_allocation", "adamic_adar"],
        lines=lines,
    )


@app.command("durability")
def durability(
    inputs: InputsArgument,
    min_lifetime: Annotated[int, typer.Option(help="Phases spanned by a lasting tie.")] = 3,
    min_multiplexity: Annotated[int, typer.Option(help="Layers of a multiplex tie.")] = 2,
    min_recurrence: Annotated[int, typer.Option(help="Spells of a recurring tie.")] = 2,
    min_reciprocity: Annotated[float, typer.Option(help="Share of phases reciprocated.")] = 0.5,
    needed: Annotated[int, typer.Option(help="Criteria a strategic tie meets.")] = 1,
    input_format: InputFormatOption = InputFormat.auto,
    split: SplitOption = Split.phases,
    names: NamesOption = None,
    directed: DirectedOption = None,
    source_col: SourceCol = None,
    target_col: TargetCol = None,
    weight_col: WeightCol = None,
    delimiter: DelimiterOption = None,
    output: FormatOption = Output.text,
) -> None:
    """Tactical versus strategic ties: lifetime, recurrence, multiplexity, reciprocity."""
    from bastion.networks import Rules
    from bastion.networks import durability as histories

    ties, _ = load(
        inputs,
        input_format,
        split,
        names,
        directed,
        **columns(source_col, target_col, weight_col, delimiter),
    )
    rules = Rules(min_lifetime, min_multiplexity, min_recurrence, min_reciprocity, needed)
    found = [h.to_dict() for h in histories(ties, rules)]
    counts = {
        kind: sum(1 for h in found if h["kind"] == kind) for kind in ("strategic", "tactical")
    }
    data = {"rules": rules.__dict__, "counts": counts, "ties": found}
    emit(
        data,
        found,
        output,
        title="Tie durability",
        columns=[
            "source",
            "target",
            "first",
            "last",
            "lifetime",
            "active",
            "recurrence",
            "multiplexity",
            "reciprocity",
            "kind",
        ],
        lines=[f"{counts['strategic']} strategic and {counts['tactical']} tactical ties"],
    )
