"""``bastion network``: analyses of clandestine networks."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from bastion.cli._common import console, print_json

__all__ = ["app"]

app = typer.Typer(
    help="Clandestine networks: disruption (more analyses to come).", no_args_is_help=True
)


class Output(StrEnum):
    """Output of network commands."""

    text = "text"
    json = "json"


class Strategy(StrEnum):
    """Node-removal strategies."""

    degree = "degree"
    betweenness = "betweenness"


@app.command("disrupt")
def disrupt(
    edges: Annotated[Path, typer.Argument(help="Edge list (comma, tab or whitespace separated).")],
    strategy: Annotated[Strategy, typer.Option(help="Remove by degree or betweenness.")] = (
        Strategy.betweenness
    ),
    recompute: Annotated[
        bool, typer.Option(help="Recompute the centrality after every removal.")
    ] = True,
    steps: Annotated[int | None, typer.Option(help="Nodes to remove [default: all].")] = None,
    directed: Annotated[bool, typer.Option(help="Treat edges as directed.")] = False,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
) -> None:
    """Remove nodes one by one; report the largest connected component after each removal."""
    from bastion.io.edgelist import read_edgelist
    from bastion.networks import from_edgelist, sequential_removal

    network = from_edgelist(read_edgelist(edges), directed=directed)
    result = sequential_removal(network, strategy=strategy.value, recompute=recompute, steps=steps)
    data = {
        **result.to_dict(),
        "nodes": network.graph.num_nodes(),
        "edges": network.graph.num_edges(),
        "notes": network.notes,
    }
    if output is Output.json:
        print_json(data)
        return
    table = Table(
        "step",
        "removed",
        "largest component",
        title=f"{strategy.value} removal ({'recomputed' if recompute else 'initial'})",
    )
    table.add_row("0", "—", str(result.lcc_sizes[0]))
    for k, (node, size) in enumerate(zip(result.removed, result.lcc_sizes[1:], strict=True), 1):
        table.add_row(str(k), node, str(size))
    console.print(table)
