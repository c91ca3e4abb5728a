"""Answers composed from the sources: reading the question, then one kind of answer per need.

The flow: :mod:`.reading` (language, mentions, intent, parts) → :mod:`.engine` picks the kind →
:mod:`.fields`, :mod:`.compare`, :mod:`.cross`, :mod:`.topics` or :mod:`.passages` composes it,
citing through :mod:`.cites`; :mod:`.evidence` holds the thresholds for abstaining.
"""

from . import lexicon
from .engine import Assistant

__all__ = ["Assistant", "lexicon"]
