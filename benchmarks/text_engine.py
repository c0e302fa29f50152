"""Text engine throughput: sentences split per second, sentences embedded per second, model load time.

Cold load is measured in a fresh Python process (imports + weights from site-packages);
warm load is a second load in the same process (the shared model is reused).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time

from loopcoach.config import load_settings
from loopcoach.text.embeddings import get_embedder
from loopcoach.text.numbers import find_measures
from loopcoach.text.sentences import split_sentences

PARAGRAPH = (
    "I led the migration of our ranking model to a two-tower architecture, e.g. separate user and item "
    "encoders. Latency fell from 120 ms to 45 ms at p99 vs. the old model. The team of 4 shipped it in Q3.\n"
    "- Cut serving cost by 30% using int8 quantization\n- Improved recall@50 from 0.61 to 0.74\n"
)

COLD = (
    "import time; t=time.perf_counter()\n"
    "from loopcoach.config import load_settings\n"
    "from loopcoach.text.embeddings import get_embedder\n"
    "import tempfile\n"
    "e=get_embedder(load_settings({'LOOPCOACH_HOME': tempfile.mkdtemp()})); e.encode(['warm up'])\n"
    "print(time.perf_counter()-t)\n"
)


def main() -> None:
    text = PARAGRAPH * 200
    start = time.perf_counter()
    rounds = 20
    count = 0
    for _ in range(rounds):
        count += len(split_sentences(text))
    split_rate = count / (time.perf_counter() - start)
    start = time.perf_counter()
    measures = sum(len(find_measures(s.text)) for s in split_sentences(text))
    measure_rate = len(split_sentences(text)) / (time.perf_counter() - start)

    cold = float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout)
    embedder = get_embedder(load_settings({"LOOPCOACH_HOME": tempfile.mkdtemp()}))
    embedder.encode(["load"])
    start = time.perf_counter()
    embedder.load()
    warm = time.perf_counter() - start
    sentences = [s.text for s in split_sentences(PARAGRAPH * 50)]
    start = time.perf_counter()
    embedder.encode(sentences)
    embed_rate = len(sentences) / (time.perf_counter() - start)
    start = time.perf_counter()
    for s in sentences[:50]:
        embedder.encode([s])
    single_ms = (time.perf_counter() - start) / 50 * 1000

    print(f"sentence split:          {split_rate:10.0f} sentences/s")
    print(f"measure detection:       {measure_rate:10.0f} sentences/s ({measures} measures found)")
    print(f"embedding (batched):     {embed_rate:10.0f} sentences/s ({len(sentences)} sentences)")
    print(f"embedding (one at once): {single_ms:10.1f} ms per sentence")
    print(f"model load, cold:        {cold:10.2f} s (fresh process: imports + weights)")
    print(f"model load, warm:        {warm * 1000:10.2f} ms (already loaded in this process)")


if __name__ == "__main__":
    main()
