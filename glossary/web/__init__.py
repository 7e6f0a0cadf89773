"""The browser workspace (`glossary serve`): the review queue, entries, decisions, imports and exports as
pages over the same term base and library the CLI uses."""

from .app import create_app

__all__ = ["create_app"]
