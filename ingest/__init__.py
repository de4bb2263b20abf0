"""Ingestion: load documents, chunk them along headings, embed, and write a versioned index."""
