"""The evaluation harness and its metrics."""
