"""The ``bastion`` command line (Typer).

User mistakes raise :class:`bastion.errors.BastionError`; :func:`main` prints their
message on standard error and exits with status 1, without a traceback. Usage errors
(unknown options, missing arguments) exit with status 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from bastion._version import __version__
from bastion.cli import escalation, exposure, network, runs, warning
from bastion.cli._common import err_console
from bastion.cli.demo import demo
from bastion.cli.scenario import new, report, schema, validate
from bastion.errors import BastionError

__all__ = ["app", "main"]

app = typer.Typer(
    name="bastion",
    help="Bastion: security-policy analysis — exposure, escalation, networks, early warning.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bastion {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Bastion: security-policy analysis over one scenario model."""


app.command()(demo)
app.command()(validate)
app.command()(schema)
app.command()(new)
app.command()(report)
app.add_typer(runs.app, name="runs")
app.add_typer(escalation.app, name="escalation")
app.add_typer(exposure.app, name="exposure")
app.add_typer(network.app, name="network")
app.add_typer(warning.app, name="warning")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``bastion`` command."""
    try:
        app(args=list(argv) if argv is not None else None, prog_name="bastion")
    except BastionError as exc:
        err_console.print("error: ", style="bold red", end="")
        err_console.print(str(exc), markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted", style="bold red")
        sys.exit(130)
