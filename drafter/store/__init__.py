"""The past-report store: structure-aware chunks, embeddings, Chroma, BM25 and hybrid retrieval."""
