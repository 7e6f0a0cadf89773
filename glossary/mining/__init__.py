"""Stage 3, mining: term candidates with evidence (count, files, contexts, surface forms)."""

from .candidates import Miner
from .mine import mine_documents

__all__ = ["Miner", "mine_documents"]
