"""The text engine shared by every analyzer: sentences, tokens, measures, terms, embeddings."""
