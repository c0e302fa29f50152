"""Use cases wiring content, analyzers, the store and the sandbox."""
