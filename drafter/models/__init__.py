"""Language models: one factory, the llama.cpp adapter, the embedded GGUF models, token counts, a fake."""
