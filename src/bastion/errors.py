"""One exception hierarchy for Bastion.

Every error a user can cause derives from :class:`BastionError`; the command-line
interface prints its message (never a traceback) and exits with a non-zero status.
Anything else that escapes is a bug in Bastion and is reported as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "BastionError",
    "BastionWarning",
    "DataFormatError",
    "Issue",
    "MissingDependencyError",
    "ParameterError",
    "ScenarioError",
    "StoreError",
]


class BastionError(Exception):
    """Base class of every error a user of Bastion can cause."""


class BastionWarning(UserWarning):
    """Base class of Bastion's own warnings (tests turn them into errors)."""


class ParameterError(BastionError, ValueError):
    """A function or command received an argument outside what it accepts."""


class MissingDependencyError(BastionError, ImportError):
    """An optional dependency is needed but not installed.

    The message names the extra that installs it, e.g. ``pip install 'bastion[gpu]'``.
    """


class StoreError(BastionError):
    """The workspace store could not be read or written, or a run does not exist."""


@dataclass(frozen=True)
class Issue:
    """One problem found in an input file.

    Attributes
    ----------
    message
        What is wrong, including what was expected.
    file
        The file the problem is in, if known.
    line, column
        1-based position in the file, if known.
    path
        Where in the document: a dotted field path such as ``actors[1].resolve``,
        or ``row 12, column 'lat'`` for tables.
    value
        The offending value as received (its ``repr``), if any.
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.value is not None:
            text += f" (got {self.value})"
        return text


class _IssuesError(BastionError):
    """An error carrying one or more :class:`Issue` records."""

    def __init__(self, issues: Sequence[Issue] | Issue | str) -> None:
        if isinstance(issues, str):
            issues = [Issue(issues)]
        elif isinstance(issues, Issue):
            issues = [issues]
        self.issues: tuple[Issue, ...] = tuple(issues)
        super().__init__(self._render())

    def _render(self) -> str:
        if len(self.issues) == 1:
            return str(self.issues[0])
        lines = [f"{len(self.issues)} problems found:"]
        lines += [f"  {issue}" for issue in self.issues]
        return "\n".join(lines)


class ScenarioError(_IssuesError):
    """A scenario file is invalid; ``issues`` lists every problem found at once."""


class DataFormatError(_IssuesError):
    """A data file (events, ties, indicators, trade, ...) does not have the expected format."""
