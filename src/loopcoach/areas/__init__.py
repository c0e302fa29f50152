"""Pure analyzers, one package per interview area."""
