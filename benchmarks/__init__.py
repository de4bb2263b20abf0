"""Speed and quality benchmarks: printed as tables and saved as JSON (not timed tests)."""
