"""Adapters: the only places that touch sentence-transformers, Chroma and the file system."""
