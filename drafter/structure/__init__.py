"""The report's structure: tree, parser, renderers, addresses, kinds and the checker."""
