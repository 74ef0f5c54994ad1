"""drafter (起草助手): drafts, checks and exports Chinese government work reports.

The library API that the CLI and the web UI both call lives in the modules named here.
"""

__version__ = "0.1.0"
