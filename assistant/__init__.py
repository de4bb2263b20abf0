"""POEMS guideline assistant: offline, cited decision support for POEMS syndrome."""

__version__ = "0.1.0"
