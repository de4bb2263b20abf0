"""Evaluation harness: gold sets and deterministic metrics, run offline."""
