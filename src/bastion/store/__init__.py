"""The workspace store: runs and their results, with provenance, written atomically."""

from bastion.store.records import RUN_STATUSES, ResultRecord, RunRecord
from bastion.store.run import Run
from bastion.store.workspace import ENV_VAR, Workspace, default_workspace_path

__all__ = [
    "ENV_VAR",
    "RUN_STATUSES",
    "ResultRecord",
    "Run",
    "RunRecord",
    "Workspace",
    "default_workspace_path",
]
