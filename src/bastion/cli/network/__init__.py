"""``bastion network``: analyses of clandestine networks (one module per command family)."""

from bastion.cli.network import analyze, flows, ties  # noqa: F401  (registers the commands)
from bastion.cli.network._app import app

__all__ = ["app"]
