"""Content banks: schemas, the loader with its user overlay, and the bundled data."""
