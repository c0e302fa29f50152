"""A throw-away PostgreSQL server (initdb + pg_ctl in a temp folder), for the tests and benchmarks/group_load.py."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class PostgresMissing(RuntimeError):
    """The PostgreSQL server binaries are not installed, or the server would not start."""


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(candidates[-1]) if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def throwaway_postgres(database: str, max_connections: int = 100) -> Iterator[str]:
    """Start a PostgreSQL server on 127.0.0.1 with one empty database; yield its SQLAlchemy URL; stop it."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise PostgresMissing("PostgreSQL tests need the server binaries: run 'apt-get install -y postgresql'.")
    # Not under pytest's private temp folder: the postgres user must be able to enter it.
    base = Path(tempfile.mkdtemp(prefix="loopcoach-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: use the postgres system user
        prefix = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        os.chmod(base, 0o755)
    port = _free_port()
    options = f"-p {port} -k {sock} -h 127.0.0.1 -c max_connections={max_connections}"
    try:
        for command in ([*prefix, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                        [*prefix, pg_ctl, "-D", str(data), "-l", str(base / "log"), "-w", "-o", options, "start"]):
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                raise PostgresMissing(f"Starting PostgreSQL failed ({' '.join(command)}): {done.stderr or done.stdout}")
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {database}")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
