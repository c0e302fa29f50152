"""The reader process: parses resume files under a memory ceiling, one request at a time.

Started by ``loopcoach.services.documents`` as ``python -P -m loopcoach.services.document_worker
MEMORY_BYTES``. It lowers its own limits first (address space, no core files, no file
writes), imports the readers once so that each request is warm, tells the parent it is
ready, then answers requests on its standard input and output:

    request  = !II (meta length, data length) + meta JSON {"filename", "limits"} + data
    reply    = !I length + JSON {"ok": true, "doc": ..., "rss_mb"} or {"ok": false, "error" | "memory" | "bug"}

Replies are JSON, never pickle: the parent does not trust what a parser that has just
read a hostile file sends back. Anything the libraries print goes to standard error.
"""

from __future__ import annotations

import json
import os
import resource
import struct
import sys
from dataclasses import astuple
from typing import Any, BinaryIO

READY = b"LCDR"


def _limit(memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def _read_exact(stream: BinaryIO, n: int) -> bytes | None:
    chunks: list[bytes] = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def doc_to_json(raw: Any) -> dict[str, Any]:
    """A RawDocument as JSON: its lines as rows of Line's fields in declaration order."""
    return {"format": raw.format, "links": list(raw.links), "pages": raw.pages, "notices": list(raw.notices),
            "lines": [list(astuple(line)) for line in raw.lines]}


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _peak_address_space() -> int:
    """The most address space this process has held (VmPeak, what RLIMIT_AS bounds); 0 if unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _handle(meta: dict[str, Any], data: bytes, memory_bytes: int) -> dict[str, Any]:
    from loopcoach.areas.resume.readers import read_document
    from loopcoach.areas.resume.readers.limits import ReadLimits
    from loopcoach.errors import LoopcoachError

    near_ceiling = memory_bytes * 0.9
    before = _peak_address_space()
    try:
        raw = read_document(data, str(meta["filename"]), ReadLimits.from_dict(meta["limits"]))
        reply: dict[str, Any] = {"ok": True, "doc": doc_to_json(raw)}
    except LoopcoachError as exc:
        # libxml2 and PDFium report a failed allocation as a parse error ("unknown error"): a refusal
        # that came with this request pushing the address space to the ceiling is the ceiling's doing.
        if before < near_ceiling <= _peak_address_space():
            return {"ok": False, "memory": True}
        reply = {"ok": False, "error": {"type": type(exc).__name__, "code": exc.code, "message": exc.message}}
    except MemoryError:
        return {"ok": False, "memory": True}
    except RecursionError:
        reply = {"ok": False, "error": {"type": "InvalidDocumentError", "code": "invalid_document",
                                        "message": f"{meta['filename']} nests its content too deeply to be read."}}
    except Exception as exc:  # a bug in a reader: reported to the parent, which raises InternalError
        reply = {"ok": False, "bug": f"{type(exc).__name__}: {exc}"[:500]}
    reply["rss_mb"] = _peak_mb()
    reply["retire"] = _peak_address_space() >= near_ceiling  # so the next request starts below the ceiling
    return reply


def main(argv: list[str]) -> int:
    """Serve requests until standard input closes."""
    memory_bytes = int(argv[1])
    _limit(memory_bytes)
    inp = sys.stdin.buffer
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a library's print() must not corrupt the replies
    import loopcoach.areas.resume.readers.docx
    import loopcoach.areas.resume.readers.markup
    import loopcoach.areas.resume.readers.pdf  # noqa: F401  (warm imports: each request is then fast)

    out.write(READY)
    out.flush()
    while True:
        header = _read_exact(inp, 8)
        if header is None:
            return 0
        meta_len, data_len = struct.unpack("!II", header)
        meta_raw, data = _read_exact(inp, meta_len), _read_exact(inp, data_len)
        if meta_raw is None or data is None:
            return 0
        reply = _handle(json.loads(meta_raw), data, memory_bytes)
        body = json.dumps(reply, ensure_ascii=False).encode("utf-8")
        out.write(struct.pack("!I", len(body)) + body)
        out.flush()
        if reply.get("memory"):
            return 3  # after a MemoryError the heap is suspect: the parent starts a fresh process


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
