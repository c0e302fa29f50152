"""Spoken answers: word error rate, filler and pause detection, and the time to transcribe a 2-minute answer.

Run: .venv/bin/python benchmarks/speech.py [--human DIR] [--set heldout|dev]

Clips are made at run time with Debian's espeak-ng, one piece at a time, and
joined with PyAV-free numpy, so the time of every inserted filler ("um",
"uh") and pause is known exactly. ``dev`` is the set looked at while the
prompt and the thresholds in areas/speech were chosen; ``heldout`` (the
default, the figures in the README) uses other sentences, other filler places,
another voice and other speeds, and was run after those choices were fixed.
``--human DIR`` adds recorded human speech: every WAV/FLAC there with a .txt
transcript of the same name (fetched at development time, never committed).
Each figure is printed beside a trivial baseline. When ``pocketsphinx`` is
installed (``pip install pocketsphinx``: its wheel ships an English model),
its WER on the same clips is printed beside Whisper tiny.en's; it is measured
here only and is not a run-time option (``--no-pocketsphinx`` skips it).
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import numpy as np

from loopcoach.areas.speech.audio import RATE, decode
from loopcoach.areas.speech.delivery import Word, analyse_delivery, find_fillers, find_pauses
from loopcoach.areas.speech.recognizer import FILLER_PROMPT, Recognizer, voiced_spans

DEV = [
    "I led the migration of our feature store to a streaming pipeline.",
    "The old batch job was six hours late on most days.",
    "I wrote the design and split the work between three engineers.",
    "We cut the delay to four minutes and the fraud losses fell.",
    "Our ranking model was overfitting to the last week of clicks.",
    "I added a holdout from the month before and retrained it.",
]
HELDOUT = [
    "At my last company the search results were slow on mobile.",
    "My task was to bring the median latency under one hundred milliseconds.",
    "I profiled the service and found two calls to the database for every query.",
    "I replaced them with a cache and tested it behind a flag.",
    "Latency dropped by half and the conversion rate went up two percent.",
    "A teammate disagreed with the plan for the evaluation.",
    "We met and agreed on a metric that both of us trusted.",
    "The offline score and the online test finally matched.",
    "I explained the tradeoff between precision and recall to the product manager.",
    "We chose a threshold that kept false alarms below one in a thousand.",
    "Gradient boosting worked better than the neural network on this tabular data.",
    "I documented the model card and handed the pipeline to the platform team.",
]
# (sentences, seed, espeak voice, speeds, rounds: each round splits and decorates the sentences anew)
SETS = {"dev": (DEV, 1, "en-us", (150,), 1), "heldout": (HELDOUT, 2, "en", (140, 170), 3)}
FILLERS = ("um", "uh")
GAP_S = 0.12


@dataclass
class Clip:
    """Samples and the truth: the words said, filler intervals and pause intervals (seconds)."""

    samples: np.ndarray
    text: str
    fillers: list[tuple[float, float]] = field(default_factory=list)
    pauses: list[tuple[float, float]] = field(default_factory=list)


def espeak(text: str, voice: str, speed: int) -> np.ndarray:
    """espeak-ng's speech of ``text`` at 16 kHz, leading and trailing silence cut."""
    with tempfile.NamedTemporaryFile(suffix=".wav") as f:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", f.name, text], check=True,
                       capture_output=True)
        audio = decode(Path(f.name).read_bytes(), text)
    s = audio.samples
    loud = np.flatnonzero(np.abs(s) > 0.01)
    return s[loud[0]:loud[-1] + 1] if len(loud) else s


def build(pieces: list[tuple[str, str]], voice: str, speed: int) -> Clip:
    """Join pieces ("text", words) / ("filler", "um") / ("pause", seconds) into one clip with its truth."""
    out: list[np.ndarray] = []
    t = 0.0
    clip = Clip(np.zeros(0, dtype=np.float32), "")
    words: list[str] = []

    def add(samples: np.ndarray) -> None:
        nonlocal t
        out.append(samples)
        t += len(samples) / RATE

    add(np.zeros(int(0.3 * RATE), dtype=np.float32))
    for kind, value in pieces:
        if kind == "pause":
            start = t
            add(np.zeros(int(float(value) * RATE), dtype=np.float32))
            clip.pauses.append((start, t))
            continue
        speech = espeak(value, voice, speed)
        start = t
        add(speech)
        if kind == "filler":
            clip.fillers.append((start, t))
        else:
            words.append(value)
        add(np.zeros(int(GAP_S * RATE), dtype=np.float32))
    add(np.zeros(int(0.3 * RATE), dtype=np.float32))
    clip.samples = np.concatenate(out).astype(np.float32)
    clip.text = " ".join(words)
    return clip


def split_sentence(sentence: str, rng: random.Random) -> list[str]:
    words = sentence.split()
    cut = rng.randint(2, max(2, len(words) - 2))
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def make_clips(name: str) -> list[Clip]:
    """Answers of 3-4 sentences with fillers and pauses at seeded random places."""
    sentences, seed, voice, speeds, rounds = SETS[name]
    rng = random.Random(seed)
    clips = []
    for _ in range(rounds):
        for i in range(0, len(sentences), 3):
            pieces: list[tuple[str, str]] = []
            for sentence in sentences[i:i + 3]:
                for part in split_sentence(sentence, rng):
                    if rng.random() < 0.55:
                        pieces.append(("filler", rng.choice(FILLERS)))
                    pieces.append(("text", part))
                if rng.random() < 0.5:
                    pieces.append(("pause", f"{rng.uniform(1.2, 3.0):.2f}"))
            while pieces[-1][0] == "pause":  # silence after the last word ends the answer; it is no pause
                pieces.pop()
            clips.append(build(pieces, voice, speeds[len(clips) % len(speeds)]))
    return clips


def norm_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("%", " percent"))


def wer(ref: str, hyp: str) -> tuple[int, int]:
    """(edit distance in words, reference length), fillers left out of both sides."""
    r = [w for w in norm_words(ref) if w not in FILLERS]
    h = [w for w in norm_words(hyp) if w not in {"um", "uh", "umm", "uhm", "hmm", "mm", "ah", "er"}]
    d = list(range(len(h) + 1))
    for i, rw in enumerate(r, 1):
        prev, d[0] = d[0], i
        for j, hw in enumerate(h, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (rw != hw))
    return d[len(h)], len(r)


def match(found: list[float], truth: list[tuple[float, float]], slack: float = 0.5) -> int:
    """How many true intervals have a detection within ``slack`` seconds (one detection each)."""
    left = sorted(found)
    hits = 0
    for start, end in truth:
        near = [f for f in left if start - slack <= f <= end + slack]
        if near:
            left.remove(near[0])
            hits += 1
    return hits


def pr(hits: int, found: int, truth: int) -> str:
    p = hits / found if found else float("nan")
    r = hits / truth if truth else float("nan")
    return f"precision {p:.2f} recall {r:.2f} ({hits} of {truth} found, {found} reported)"


def pause_hits(found: list[tuple[float, float]], truth: list[tuple[float, float]]) -> tuple[int, list[float]]:
    hits, errors = 0, []
    for start, end in truth:
        best = min(found, key=lambda p: abs(p[0] - start) + abs(p[1] - end), default=None)
        if best and abs(best[0] - start) <= 0.3 and abs(best[1] - end) <= 0.3:
            hits += 1
            errors += [abs(best[0] - start), abs(best[1] - end)]
    return hits, errors


def word_gap_pauses(words: list[Word], min_s: float = 1.0) -> list[tuple[float, float]]:
    return [(a.end, b.start) for a, b in pairwise(words) if b.start - a.end >= min_s]


class Sphinx:
    """PocketSphinx with the en-us model inside its wheel: measured beside Whisper here, never used at run time."""

    name = "pocketsphinx en-us"

    def __init__(self) -> None:
        from pocketsphinx import Decoder

        self.decoder = Decoder(samprate=RATE, loglevel="FATAL")

    def text(self, samples: np.ndarray) -> str:
        """The transcript of 16 kHz float samples (one utterance)."""
        self.decoder.start_utt()
        self.decoder.process_raw((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes(), full_utt=True)
        self.decoder.end_utt()
        hyp = self.decoder.hyp()
        return hyp.hypstr if hyp is not None else ""


def alternatives(wanted: bool) -> list[Sphinx]:
    """The other recognisers tried that are installed (``pip install pocketsphinx``; not a loopcoach dependency)."""
    if not wanted:
        return []
    try:
        return [Sphinx()]
    except ImportError:
        print("(pocketsphinx is not installed: 'pip install pocketsphinx' adds its WER beside Whisper's)")
        return []


def bench_synthetic(rec: Recognizer, name: str, others: list[Sphinx] | None = None) -> None:
    clips = make_clips(name)
    total_s = sum(len(c.samples) for c in clips) / RATE
    print(f"== synthetic set '{name}': {len(clips)} answers, {total_s:.0f} s, "
          f"{sum(len(c.fillers) for c in clips)} fillers, {sum(len(c.pauses) for c in clips)} pauses")
    rows = {"plain": [0, 0, 0], "prompt": [0, 0, 0], "prompt+sounds": [0, 0, 0]}
    err = {"plain": [0, 0], "prompt": [0, 0]}
    p_hits = p_found = g_hits = g_found = 0
    p_err: list[float] = []
    n_pauses = 0
    other_err = {o.name: [0, 0] for o in others or []}
    for clip in clips:
        for o in others or []:
            e, n = wer(clip.text, o.text(clip.samples))
            other_err[o.name][0] += e
            other_err[o.name][1] += n
        spans = voiced_spans(clip.samples)
        plain = rec.transcribe(clip.samples, prompt=None)
        prompted = rec.transcribe(clip.samples)
        delivery = analyse_delivery(prompted, spans, len(clip.samples) / RATE)
        for key, words in (("plain", plain), ("prompt", prompted)):
            e, n = wer(clip.text, " ".join(w.text for w in words))
            err[key][0] += e
            err[key][1] += n
            starts = [m.start_s for m in find_fillers(words)]
            rows[key][0] += match(starts, clip.fillers)
            rows[key][1] += len(starts)
        starts = [m.start_s for m in delivery.fillers]
        rows["prompt+sounds"][0] += match(starts, clip.fillers)
        rows["prompt+sounds"][1] += len(starts)
        for row in rows.values():
            row[2] += len(clip.fillers)
        found = [(p.start_s, p.end_s) for p in find_pauses(spans)]
        hits, errors = pause_hits(found, clip.pauses)
        p_hits, p_found, p_err, n_pauses = p_hits + hits, p_found + len(found), p_err + errors, n_pauses + len(clip.pauses)
        gaps = word_gap_pauses(prompted)
        g_hits += pause_hits(gaps, clip.pauses)[0]
        g_found += len(gaps)
    for key in ("plain", "prompt"):
        print(f"WER, Whisper tiny.en {key:<6}: {err[key][0] / err[key][1]:.3f}   (baseline, an empty transcript: 1.000)")
    for other, (e, n) in other_err.items():
        print(f"WER, {other:<20}: {e / n:.3f}   (the same clips)")
    print("fillers (a detection within 0.5 s of an inserted um/uh):")
    print(f"  baseline, count none           : precision  n/a recall 0.00 (0 of {rows['plain'][2]} found)")
    labels = {"plain": "transcript, no prompt (baseline)", "prompt": "transcript, filler prompt",
              "prompt+sounds": "prompt + unheard sounds (used)"}
    for key, (hits, found, truth) in rows.items():
        print(f"  {labels[key]:<33}: {pr(hits, found, truth)}")
    print("pauses (both ends within 0.3 s of an inserted 1.2-3.0 s silence):")
    print(f"  Silero VAD spans (used)         : {p_hits} of {n_pauses} found, {p_found} reported, "
          f"mean end error {np.mean(p_err) if p_err else float('nan'):.2f} s")
    print(f"  baseline, Whisper word-time gaps: {g_hits} of {n_pauses} found, {g_found} reported")


def bench_human(rec: Recognizer, folder: Path, others: list[Sphinx] | None = None) -> None:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".wav", ".flac"} and p.with_suffix(".txt").exists())
    if not files:
        print(f"== human speech: no audio with a .txt transcript in {folder}")
        return
    total = [0, 0, 0, 0]
    other_err = {o.name: [0, 0] for o in others or []}
    seconds = 0.0
    for path in files:
        audio = decode(path.read_bytes(), path.name)
        seconds += audio.duration_s
        ref = path.with_suffix(".txt").read_text(encoding="utf-8")
        for o in others or []:
            e, n = wer(ref, o.text(audio.samples))
            other_err[o.name][0] += e
            other_err[o.name][1] += n
        for k, prompt in ((0, FILLER_PROMPT), (2, None)):
            e, n = wer(ref, " ".join(w.text for w in rec.transcribe(audio.samples, prompt=prompt)))
            total[k] += e
            total[k + 1] += n
        print(f"  {path.name}: {audio.duration_s:.0f} s, {audio.source_rate} Hz")
    print(f"== human speech: {len(files)} clips, {seconds:.0f} s, {total[1]} words")
    print(f"WER, Whisper tiny.en with the filler prompt: {total[0] / total[1]:.3f}; without: {total[2] / total[3]:.3f}"
          "   (baseline, an empty transcript: 1.000)")
    for other, (e, n) in other_err.items():
        print(f"WER, {other}: {e / n:.3f}   (the same clips)")


def bench_speed(rec: Recognizer) -> None:
    rng = random.Random(3)
    pieces: list[tuple[str, str]] = []
    while True:
        pieces.append(("text", rng.choice(HELDOUT + DEV)))
        if rng.random() < 0.3:
            pieces.append(("filler", "um"))
        clip = build(pieces, "en-us", 150)
        if len(clip.samples) / RATE >= 120:
            break
    seconds = len(clip.samples) / RATE
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((clip.samples * 32767).astype("<i2").tobytes())
    data = buf.getvalue()
    start = time.perf_counter()
    cpu = time.process_time()
    audio = decode(data, "answer.wav")
    spans = voiced_spans(audio.samples)
    words = rec.transcribe(audio.samples)
    analyse_delivery(words, spans, audio.duration_s, "pitch")
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"== speed: a {seconds:.0f} s answer ({len(words)} words) decoded, VAD, transcribed and analysed in "
          f"{wall:.1f} s wall, {used:.1f} s CPU: real-time factor {wall / seconds:.2f} "
          f"(target < 0.25; baseline, real time: 1.00)")


def main() -> None:
    """Run every part and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--human", type=Path, default=None)
    parser.add_argument("--set", choices=sorted(SETS), default="heldout")
    parser.add_argument("--no-pocketsphinx", action="store_true", help="skip the pocketsphinx WER (it is slow)")
    args = parser.parse_args()
    others = alternatives(not args.no_pocketsphinx)
    if shutil.which("espeak-ng") is None:
        sys.exit("espeak-ng is needed: apt-get install -y espeak-ng")
    t = time.perf_counter()
    rec = Recognizer()
    print(f"model {rec.info.name} ({rec.info.compute_type}) loaded in {time.perf_counter() - t:.1f} s")
    if args.human:
        bench_human(rec, args.human, others)
    bench_synthetic(rec, args.set, others)
    bench_speed(rec)


if __name__ == "__main__":
    main()
