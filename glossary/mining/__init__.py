"""Stage 3, mining: term candidates with evidence (count, files, contexts, surface forms)."""

from .candidates import Miner, default_limit, mine_documents

__all__ = ["Miner", "default_limit", "mine_documents"]
