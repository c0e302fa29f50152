"""loopcoach: a local-first coach for landing an AI/ML engineering job."""

__version__ = "0.1.0"
