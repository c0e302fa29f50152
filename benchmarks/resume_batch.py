"""`loopcoach resume batch` over 50 mixed files: a line per file, all within 2 minutes (issue #24).

The folder is generated here: 36 ordinary resumes (the labelled Markdown set rendered
as PDF, DOCX, text and Markdown) and 14 hostile or broken ones (PDFs of 300 to 2,000
pages, a page with 200,000 characters, DOCX files with 8 and 30 MB of document XML,
binary, Latin-1, empty and damaged files). The command runs as a user would run it,
in a fresh data folder; the figure is its wall-clock time, with the number of
per-file lines it printed and how many files were refused or cut by a limit.

Run: .venv/bin/python benchmarks/resume_batch.py      (exit 1 if over 120 s or a line is missing)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "resume"))
sys.path.insert(0, str(ROOT / "src"))

from hostile import dense_page_pdf, huge_xml_docx, many_page_pdf  # noqa: E402
from labelled import load_cases, load_jobs  # noqa: E402
from rendering import render_docx, render_pdf, render_text  # noqa: E402

FILES = 50
TARGET_SECONDS = 120.0


def build_folder(folder: Path) -> None:
    """Write the 50 files."""
    cases = load_cases()
    formats = ["pdf", "docx", "txt", "md"]
    ordinary = 36
    for i in range(ordinary):
        case = cases[i % len(cases)]
        fmt = formats[i % len(formats)]
        stem = f"{i:02d}-{case.id}"
        if fmt == "pdf":
            (folder / f"{stem}.pdf").write_bytes(render_pdf(case.markdown, ["classic", "modern", "two-column"][i % 3]))
        elif fmt == "docx":
            (folder / f"{stem}.docx").write_bytes(render_docx(case.markdown, ["headings", "bold", "table"][i % 3]))
        elif fmt == "txt":
            (folder / f"{stem}.txt").write_text(render_text(case.markdown), encoding="utf-8")
        else:
            (folder / f"{stem}.md").write_text(case.markdown, encoding="utf-8")
    hostile = {
        "h01-300-pages.pdf": lambda: many_page_pdf(300),
        "h02-2000-pages.pdf": lambda: many_page_pdf(2000),
        "h03-800-pages.pdf": lambda: many_page_pdf(800, lines_per_page=20),
        "h04-dense-page.pdf": lambda: dense_page_pdf(200_000),
        "h05-8mb-xml.docx": lambda: huge_xml_docx(8),
        "h06-30mb-xml.docx": lambda: huge_xml_docx(30),
        "h07-12mb-xml.docx": lambda: huge_xml_docx(12, seed=3),
        "h08-binary.pdf": lambda: b"%PDF-1.7\n" + os.urandom(4096),
        "h09-latin1.txt": lambda: "Zoë Müller\nRésumé: built a café ranking model.\n".encode("latin-1"),
        "h10-empty.md": lambda: b"",
        "h11-damaged.docx": lambda: b"PK\x03\x04" + os.urandom(2048),
        "h12-utf16.txt": lambda: render_text(cases[0].markdown).encode("utf-16"),
        "h13-photo.txt": lambda: bytes(range(256)) * 64,
        "h14-500-pages.pdf": lambda: many_page_pdf(500),
    }
    for name, make in hostile.items():
        (folder / name).write_bytes(make())


def main() -> int:
    """Build the folder, run the batch, print the figures."""
    with tempfile.TemporaryDirectory(prefix="loopcoach-batch-") as tmp:
        base = Path(tmp)
        folder = base / "resumes"
        folder.mkdir()
        t0 = time.perf_counter()
        build_folder(folder)
        built = time.perf_counter() - t0
        job = base / "job.txt"
        job.write_text(next(iter(load_jobs().values()))[0], encoding="utf-8")
        env = {**os.environ, "LOOPCOACH_HOME": str(base / "home"), "LOOPCOACH_USER": "bench"}
        command = [sys.executable, "-m", "loopcoach", "resume", "batch", str(folder), "--job", str(job)]
        t0 = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - t0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    per_file = [line for line in lines if line[:1] in ("✓", "✗")]
    refused = sum(line.startswith("✗") for line in per_file)
    cut = sum("loopcoach reads the first" in line for line in per_file if line.startswith("✓"))
    print(f"generated {FILES} files in {built:.1f} s")
    print(f"resume batch: exit {done.returncode}, {len(per_file)} per-file lines for {FILES} files, "
          f"{refused} refused with a sentence, {cut} read up to a limit")
    print(f"wall-clock: {seconds:.1f} s (target < {TARGET_SECONDS:.0f} s); "
          f"{seconds / FILES:.2f} s per file")
    ok = done.returncode == 0 and len(per_file) == FILES and seconds < TARGET_SECONDS and "Traceback" not in done.stderr
    if not ok:
        print(done.stderr[-2000:])
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
