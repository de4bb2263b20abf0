"""The deterministic POEMS rule core: pure functions over rule tables from knowledge/rules.

No I/O, no clock (`today` is an argument), no randomness, no heavy imports.
"""

from assistant.rules.engine import build_plan

__all__ = ["build_plan"]
