"""The Gradio web app (`drafter ui`): chat drafting, section review, versions, corpus search."""
