"""Soak test: a real `loopcoach serve` on 127.0.0.1 under mixed load for a bounded time.

    python tools/soak.py [--seconds 120] [--clients 6]       (or: make soak SOAK_SECONDS=120)

Starts the server on a free port of 127.0.0.1 (never another address) with a throw-away data folder,
waits until it has loaded its sentence model, then runs, concurrently until the deadline: page loads, submissions (applications, stories, theory
answers), resume uploads of hostile but legal-looking files (a many-page PDF, a DOCX with large XML,
a zip bomb, UTF-16 and invalid UTF-8 text, a corrupt PDF, an empty file, an over-limit streamed body),
peer-mock WebSocket traffic between two sockets, and a /api/health probe every 100 ms.

Reports p50/p99/max latency per route, errors (HTTP 5xx, connection failures, time-outs), peak server
RSS (VmHWM), tracebacks in the server's log, and whether every answer the server said it saved is
still there. Exits 1 when a target of issue 23 is missed: any 5xx or traceback, a lost answer, or
/api/health p99 at or over 200 ms.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"  # the soak never binds or calls anything else
PAGES = ["/", "/resume", "/portfolio", "/coding", "/theory", "/design", "/behavioral", "/behavioral/recruiter",
         "/loop", "/peer", "/applications", "/plan", "/readiness"]
STORY = ("Our nightly scoring job for 50 million users took nine hours. I owned the job and had to get it under "
         "four hours. I rewrote the scoring step in Spark and removed a needless shuffle. The job now finishes "
         "in two hours and fifty minutes.")
RESUME = ("Jane Doe\njane@example.com\n\nExperience\nML Engineer, Acme (2021-2024)\n"
          "- Built a ranking model in PyTorch serving 2M users; cut p99 latency by 40%.\n"
          "- Shipped a feature store on Spark and Airflow.\n\nSkills\nPython, PyTorch, SQL, Kubernetes\n")


@dataclass
class Results:
    """Latencies and errors per route, and what the server said it saved."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    saved_applications: dict[int, str] = field(default_factory=dict)
    saved_stories: dict[int, str] = field(default_factory=dict)
    peer: tuple[str, str] | None = None  # a peer mock's token and the last pad text relayed
    started: float = field(default_factory=time.monotonic)
    slowest_health: tuple[float, float] = (0.0, 0.0)  # (seconds, when: seconds after the start)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, route: str, seconds: float, status: int | None, error: str | None = None) -> None:
        with self.lock:
            self.latencies[route].append(seconds)
            if status is not None:
                self.statuses[route][status] += 1
            if error is not None:
                self.errors[route].append(error)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# --- hostile but legal-looking files ---------------------------------------------------------------

def many_page_pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` pages, one line of text each, written by hand."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for i in range(pages):
        text = f"BT /F1 11 Tf 72 720 Td (Page {i + 1}: trained and served models for ranking.) Tj ET"
        objects.append(f"<< /Length {len(text)} >>\nstream\n{text}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _docx(document_xml: bytes | None, bomb_bytes: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
                   'formats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        if document_xml is not None:
            z.writestr("word/document.xml", document_xml)
        else:
            with z.open("word/document.xml", "w") as part:
                chunk = b" " * (1024 * 1024)
                for _ in range(bomb_bytes // len(chunk)):
                    part.write(chunk)
    return out.getvalue()


def big_xml_docx(paragraphs: int) -> bytes:
    """A DOCX whose document.xml holds ``paragraphs`` short paragraphs (large XML, small file)."""
    body = "".join(f"<w:p><w:r><w:t>Paragraph {i}: deployed and monitored a model.</w:t></w:r></w:p>"
                   for i in range(paragraphs))
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    return _docx(xml.encode())


def hostile_files() -> list[tuple[str, bytes, str]]:
    """(filename, bytes, MIME type) of the uploads the soak sends."""
    return [
        ("resume.txt", RESUME.encode(), "text/plain"),
        ("pages.pdf", many_page_pdf(400), "application/pdf"),
        ("big-xml.docx", big_xml_docx(60_000),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("bomb.docx", _docx(None, bomb_bytes=200 * 1024 * 1024),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("utf16.txt", RESUME.encode("utf-16"), "text/plain"),
        ("latin1.txt", "Jos\xe9 Garc\xeda\nIngenier\xeda de datos\n".encode("latin-1"), "text/plain"),
        ("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog" + os.urandom(4096), "application/pdf"),
        ("empty.txt", b"", "text/plain"),
    ]


# --- the load ------------------------------------------------------------------------------------

class Browser:
    """One simulated user: an HTTP client with the page's CSRF token and the server's Origin."""

    def __init__(self, base: str, results: Results, timeout: float) -> None:
        self.base, self.results = base, results
        self.http = httpx.Client(base_url=base, timeout=timeout, follow_redirects=False)
        page = self.http.get("/")
        found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.text)
        if not found:
            raise SystemExit("soak: the home page carries no CSRF token; is this a loopcoach server?")
        self.headers = {"X-CSRF-Token": found.group(1), "Origin": base}

    def call(self, route: str, method: str, url: str, **kwargs: Any) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            headers = {**self.headers, **kwargs.pop("headers", {})} if method != "GET" else kwargs.pop("headers", {})
            response = self.http.request(method, url, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            self.results.record(route, time.perf_counter() - started, None, f"{type(exc).__name__}: {exc}")
            return None
        elapsed = time.perf_counter() - started
        error = f"HTTP {response.status_code}" if response.status_code >= 500 else None
        self.results.record(route, elapsed, response.status_code, error)
        return response

    def close(self) -> None:
        self.http.close()


def page_loads(b: Browser, rng: random.Random) -> None:
    path = rng.choice(PAGES)
    b.call(f"GET {path}", "GET", path)


def submissions(b: Browser, rng: random.Random) -> None:
    kind = rng.random()
    if kind < 0.4:
        company = f"Soak {rng.randrange(10**9)}"
        r = b.call("POST /applications", "POST", "/applications", data={"company": company, "role": "MLE"})
        if r is not None and r.status_code == 303:
            b.results.saved_applications[int(r.headers["location"].rsplit("/", 1)[1])] = company
    elif kind < 0.8:
        title = f"Story {rng.randrange(10**9)}"
        r = b.call("POST /behavioral/stories", "POST", "/behavioral/stories", data={"title": title, "text": STORY})
        if r is not None and r.status_code == 303:
            b.results.saved_stories[int(r.headers["location"].split("?")[0].rsplit("/", 1)[1])] = title
    else:
        b.call("POST /theory/drill/answer", "POST", "/theory/drill/answer",
               data={"question_id": "bias-variance-tradeoff", "answer": "Bias is error from wrong assumptions; "
                     "variance is sensitivity to the training sample. More capacity lowers bias, raises variance."},
               headers={"HX-Request": "true"})


def uploads(b: Browser, rng: random.Random, files: list[tuple[str, bytes, str]]) -> None:
    if rng.random() < 0.15:
        def endless() -> Any:  # an over-limit upload without Content-Length: refused while it streams
            yield (b'--soak\r\nContent-Disposition: form-data; name="resume"; filename="huge.txt"\r\n'
                   b"Content-Type: text/plain\r\n\r\n")
            chunk = b"x" * (1024 * 1024)
            for _ in range(50):
                yield chunk
            yield b"\r\n--soak--\r\n"

        r = b.call("POST /resume/check (50 MB streamed)", "POST", "/resume/check", content=endless(),
                   headers={"Content-Type": "multipart/form-data; boundary=soak"})
        if r is not None and r.status_code != 413:
            b.results.errors["POST /resume/check (50 MB streamed)"].append(f"expected 413, got {r.status_code}")
        return
    name, data, mime = rng.choice(files)
    b.call(f"POST /resume/check ({name})", "POST", "/resume/check", files={"resume": (name, data, mime)},
           data={"job": "ML engineer: PyTorch, Spark, Kubernetes"}, headers={"HX-Request": "true"})


def health(b: Browser, rng: random.Random) -> None:
    sent = time.monotonic()
    b.call("GET /api/health", "GET", "/api/health")
    took = time.monotonic() - sent
    if took > b.results.slowest_health[0]:
        b.results.slowest_health = (took, sent - b.results.started)
    time.sleep(0.1)


def peer_traffic(base: str, results: Results, deadline: float) -> None:
    """Two sockets on one peer mock: the candidate types, the interviewer's socket must receive each edit."""
    from websockets.sync.client import connect

    b = Browser(base, results, 30)
    r = b.call("POST /peer", "POST", "/peer", data={"kind": "coding", "item_id": "two-sum", "minutes": "45"})
    if r is None or r.status_code != 303:
        results.errors["ws /ws/peer"].append("could not start a peer mock")
        return
    token = r.headers["location"].split("/")[2]
    cookie = f"loopcoach_host_{token}={b.http.cookies.get(f'loopcoach_host_{token}')}"
    url = base.replace("http://", "ws://") + f"/ws/peer/{token}"
    try:
        with connect(url, additional_headers={"Origin": base, "Cookie": cookie}) as host, \
                connect(url, additional_headers={"Origin": base}) as cand:
            n, final = 0, ""
            while time.monotonic() < deadline:
                n += 1
                text = f"def solve():  # edit {n}\n    return {n}\n"
                started = time.perf_counter()
                cand.send(json.dumps({"field": "code", "text": text}))
                while True:
                    message = json.loads(host.recv(timeout=10))
                    if message.get("type") == "pad" and message.get("text") == text:
                        break
                results.record("ws /ws/peer pad relay", time.perf_counter() - started, None)
                time.sleep(0.05)
            final = text
    except Exception as exc:  # any failure of the socket is a soak error, reported as such
        results.errors["ws /ws/peer pad relay"].append(f"{type(exc).__name__}: {exc}")
        return
    finally:
        b.close()
    if final:
        results.peer = (token, final)


def run_worker(kind: str, base: str, results: Results, deadline: float, seed: int,
               files: list[tuple[str, bytes, str]], timeout: float) -> None:
    rng = random.Random(seed)
    try:
        b = Browser(base, results, timeout)
    except (httpx.HTTPError, SystemExit) as exc:
        results.errors[f"{kind} worker"].append(str(exc))
        return
    try:
        while time.monotonic() < deadline:
            if kind == "pages":
                page_loads(b, rng)
            elif kind == "submit":
                submissions(b, rng)
            elif kind == "upload":
                uploads(b, rng, files)
            else:
                health(b, rng)
    finally:
        b.close()


# --- report --------------------------------------------------------------------------------------

def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def peak_rss_mb(pid: int) -> float:
    """The server process's peak resident set size (VmHWM), in MB."""
    text = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", text)
    return int(found.group(1)) / 1024 if found else float("nan")


def check_saved(base: str, results: Results, budget: float) -> list[str]:
    """Every answer the server said it saved is still there, read back over HTTP within ``budget`` seconds."""
    checks = [(f"application {i} ({name})", f"/applications/{i}", name)
              for i, name in results.saved_applications.items()]
    checks += [(f"story {i} ({title})", f"/behavioral/stories/{i}", title) for i, title in results.saved_stories.items()]
    if results.peer is not None:
        token, final = results.peer
        checks.append(("the peer mock's last pad edit", f"/peer/{token}", final.split("\n")[0]))
    lost: list[str] = []
    until = time.monotonic() + budget
    with httpx.Client(base_url=base, timeout=30) as http:
        for done, (what, url, expected) in enumerate(checks):
            if time.monotonic() > until:
                lost.append(f"{len(checks) - done} answers not re-read within {budget:g} s")
                break
            try:
                r = http.get(url)
            except httpx.HTTPError as exc:
                lost.append(f"{what}: {type(exc).__name__}")
                continue
            if r.status_code != 200 or expected not in r.text:
                lost.append(what)
    return lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120, help="how long the load runs (default 120)")
    parser.add_argument("--clients", type=int, default=6, help="concurrent simulated users (default 6)")
    parser.add_argument("--timeout", type=float, default=60, help="per-request time-out in seconds (default 60)")
    args = parser.parse_args(argv)
    if not 1 <= args.seconds <= 3600 or not 1 <= args.clients <= 64:
        print("soak: --seconds must be 1 to 3600 and --clients 1 to 64.", file=sys.stderr)
        return 2
    home = Path(tempfile.mkdtemp(prefix="loopcoach-soak-"))
    port = free_port()
    log_path = home / "server.log"
    env = {**os.environ, "LOOPCOACH_HOME": str(home), "LOOPCOACH_USER": "soak"}
    env.pop("LOOPCOACH_DATABASE_URL", None)
    env.pop("LOOPCOACH_ALLOWED_HOSTS", None)
    env.pop("LOOPCOACH_PUBLIC_URL", None)
    log = log_path.open("w")
    server = subprocess.Popen([sys.executable, "-m", "loopcoach", "serve", "--host", HOST, "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://{HOST}:{port}"
    try:
        start_deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > start_deadline:
                print(f"soak: the server did not start; its log:\n{log_path.read_text()}", file=sys.stderr)
                return 1
            time.sleep(0.2)
        # Start once the server has loaded its sentence model: the targets are about a warm server.
        while "loopcoach: ready at" not in log_path.read_text(errors="replace"):
            if server.poll() is not None or time.monotonic() > start_deadline + 120:
                print(f"soak: the server never said it was ready (model and graders warm); its log:\n{log_path.read_text()}",
                      file=sys.stderr)
                return 1
            time.sleep(0.2)
        print(f"soak: {base}, {args.clients} users for {args.seconds:g} s (data in {home})", file=sys.stderr)
        files = hostile_files()
        results = Results()
        results.started = time.monotonic()
        deadline = time.monotonic() + args.seconds
        kinds = ["health", "pages", "submit", "upload"]
        kinds += [kinds[1 + i % 3] for i in range(max(0, args.clients - 3))]
        threads = [threading.Thread(target=run_worker, args=(kind, base, results, deadline, i, files, args.timeout),
                                    daemon=True) for i, kind in enumerate(kinds)]
        threads.append(threading.Thread(target=peer_traffic, args=(base, results, deadline), daemon=True))
        for t in threads:
            t.start()
        join_by = deadline + args.timeout + 30  # one bound for all: a request still out then is an error
        for t in threads:
            t.join(timeout=max(0.0, join_by - time.monotonic()))
        stuck = sum(t.is_alive() for t in threads)
        if stuck:
            results.errors["soak workers"].append(f"{stuck} still waiting for the server at the end")
        lost = check_saved(base, results, budget=120)
        rss = peak_rss_mb(server.pid)
        return report(results, lost, rss, log_path.read_text(errors="replace"))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # still inside a long request: do not wait for it
            server.kill()
            server.wait(timeout=10)
        log.close()


def report(results: Results, lost: list[str], rss: float, log_text: str) -> int:
    """Print the table and the targets; 0 when every target is met."""
    print(f"{'route':52} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses / errors")
    for route in sorted(set(results.latencies) | set(results.errors)):
        values = results.latencies.get(route, [])
        statuses = " ".join(f"{k}x{v}" for k, v in sorted(results.statuses.get(route, {}).items()))
        errors = results.errors.get(route, [])
        shown = f"{statuses}" + (f"  ERRORS {len(errors)}: {errors[0]}" if errors else "")
        print(f"{route[:52]:52} {len(values):>6} {_ms(values, 0.5):>8.0f} {_ms(values, 0.99):>8.0f} "
              f"{_ms(values, 1.0):>8.0f}  {shown}")
    server_errors = sum(n for s in results.statuses.values() for code, n in s.items() if code >= 500)
    failures = sum(len(e) for e in results.errors.values())
    tracebacks = log_text.count("Traceback (most recent call last)")
    health_p99 = _ms(results.latencies.get("GET /api/health", []), 0.99)
    saved = len(results.saved_applications) + len(results.saved_stories)
    checks = [
        (f"/api/health p99 {health_p99:.0f} ms (target < 200 ms)", health_p99 < 200),
        (f"HTTP 5xx responses: {server_errors} (target 0)", server_errors == 0),
        (f"request errors and time-outs: {failures} (target 0)", failures == 0),
        (f"tracebacks in the server log: {tracebacks} (target 0)", tracebacks == 0),
        (f"peak server RSS {rss:.0f} MB (target < 1024 MB)", rss < 1024),
        (f"saved answers still there: {saved - len(lost)}/{saved}" + (f" (lost: {', '.join(lost[:5])})" if lost
                                                                      else ""), not lost),
    ]
    slowest, when = results.slowest_health
    print(f"slowest /api/health: {slowest * 1000:.0f} ms, {when:.1f} s into the run")
    for text, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
