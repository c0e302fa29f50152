"""The command line: one Typer group per module."""
