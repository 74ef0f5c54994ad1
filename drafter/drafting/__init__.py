"""From notes to a draft: the drafting stages, one module each, and the pipeline that runs them."""
