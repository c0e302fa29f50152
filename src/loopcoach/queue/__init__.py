"""The task queue of group mode: procrastinate on the server's PostgreSQL (see docs/architecture.md)."""
