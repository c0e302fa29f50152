"""The STAR labeller: per-sentence logistic regression, then Viterbi over the order stories are told in.

Features of a sentence: hashed word unigrams, bigrams and opening words
(2,048 binary dimensions, L2-normalised), the lexical cues of ``cues.py``
and its position in the story. Sentence embeddings (all-MiniLM-L6-v2) were
measured as an alternative with story-grouped cross-validation on the
training split: they gave the same accuracy (0.949 against 0.949) at 20 to
900 ms per story on this hardware instead of about 1 ms, so the labeller
uses the hashed words and the embedder is kept for matching stories to
questions. A multinomial
logistic regression (scikit-learn, fitted on the training split) gives
P(label | sentence). The sequence step turns those into the most likely
label sequence under label-transition probabilities counted on the same
training split (situation tends to come first, result last, task after
situation), so a sentence's neighbours help decide its label.

The fitted parameters are plain numpy arrays (``to_arrays`` / ``from_arrays``):
``tools/fit_star_labeller.py`` writes them to ``data/star_labeller.npz``,
keyed by the training-data hash, and prediction needs no scikit-learn.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from loopcoach.areas.behavioral.cues import CUE_NAMES, cue_vector
from loopcoach.areas.behavioral.dataset import LABELS, LabelledStory
from loopcoach.errors import InternalError

FEATURE_VERSION = "star-features-4"
HASH_DIMENSIONS = 2048
_TOKEN_RE = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
POSITION_NAMES: tuple[str, ...] = ("rel", "first", "last", "bin0", "bin1", "bin2", "bin3", "bin4", "length")
CUE_WEIGHT = 1.5  # 17 cues next to 2,048 hashed-word dimensions: scaled up so the penalty treats them fairly
C = 4.0  # inverse regularisation strength, chosen by story-grouped cross-validation on the training split
PRIOR_WEIGHT = 0.0  # how far emissions are divided by the label prior (hybrid HMM): 0 and 0.3 tie in CV
TRANSITION_WEIGHT = 0.3  # how much the order of labels counts against each sentence's own evidence


def hashed_words(sentence: str) -> np.ndarray:
    """Binary hashed features of a sentence's words, bigrams and first two words, L2-normalised."""
    tokens = _TOKEN_RE.findall(sentence.lower())
    keys = tokens + [f"{a}_{b}" for a, b in itertools.pairwise(tokens)] + [f"^{t}" for t in tokens[:2]]
    vector = np.zeros(HASH_DIMENSIONS, dtype=np.float32)
    for key in keys:
        vector[zlib.crc32(key.encode("utf-8")) % HASH_DIMENSIONS] = 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def position_vector(index: int, count: int) -> np.ndarray:
    """Where a sentence sits in its story: relative position, first/last flags, a fifth-of-story bin."""
    rel = index / (count - 1) if count > 1 else 0.0
    bins = [0.0] * 5
    bins[min(int(rel * 5), 4)] = 1.0
    return np.asarray(
        [rel, float(index == 0), float(index == count - 1), *bins, min(count, 20) / 20], dtype=np.float32
    )


def story_features(sentences: Sequence[str]) -> np.ndarray:
    """Feature matrix of one story: hashed words, weighted cues, position; one row per sentence."""
    count = len(sentences)
    rows = [
        np.concatenate([hashed_words(s), CUE_WEIGHT * cue_vector(s), position_vector(i, count)])
        for i, s in enumerate(sentences)
    ]
    return np.vstack(rows).astype(np.float32)


@dataclass
class StarLabeller:
    """A fitted labeller: softmax weights, label prior and transition log-probabilities."""

    weights: np.ndarray  # (labels, features)
    bias: np.ndarray  # (labels,)
    log_prior: np.ndarray  # (labels,)
    log_start: np.ndarray  # (labels,)
    log_trans: np.ndarray  # (labels, labels): from row label to column label
    log_end: np.ndarray  # (labels,)
    prior_weight: float = PRIOR_WEIGHT
    transition_weight: float = TRANSITION_WEIGHT

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(label | sentence) for each row of ``features``, without the sequence step."""
        if features.shape[1] != self.weights.shape[1]:
            raise InternalError("The cached STAR labeller does not match the feature layout; delete the cache.")
        logits = features @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        result: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return result

    def decode(self, probabilities: np.ndarray) -> list[int]:
        """Viterbi: the most likely label indices given per-sentence probabilities and the transitions."""
        emissions = np.log(np.clip(probabilities, 1e-9, 1.0)) - self.prior_weight * self.log_prior
        count, labels = emissions.shape
        tw = self.transition_weight
        score = tw * self.log_start + emissions[0]
        back = np.zeros((count, labels), dtype=np.int64)
        trans = tw * self.log_trans
        for t in range(1, count):
            candidates = score[:, None] + trans
            back[t] = candidates.argmax(axis=0)
            score = candidates.max(axis=0) + emissions[t]
        score = score + tw * self.log_end
        path = [int(score.argmax())]
        for t in range(count - 1, 0, -1):
            path.append(int(back[t][path[-1]]))
        return path[::-1]

    def label(self, sentences: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """Labels for the sentences of one story, and the per-sentence probabilities (rows, LABELS order)."""
        if not sentences:
            return [], np.zeros((0, len(LABELS)), dtype=np.float32)
        features = story_features(sentences)
        probs = self.probabilities(features)
        return [LABELS[i] for i in self.decode(probs)], probs

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The parameters as named arrays (saved with numpy.savez, never pickled)."""
        return {
            "weights": self.weights, "bias": self.bias, "log_prior": self.log_prior, "log_start": self.log_start,
            "log_trans": self.log_trans, "log_end": self.log_end, "prior_weight": np.asarray(self.prior_weight),
            "transition_weight": np.asarray(self.transition_weight),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> StarLabeller:
        """Rebuild a labeller from ``to_arrays`` output."""
        return cls(
            weights=arrays["weights"], bias=arrays["bias"], log_prior=arrays["log_prior"],
            log_start=arrays["log_start"], log_trans=arrays["log_trans"], log_end=arrays["log_end"],
            prior_weight=float(arrays["prior_weight"]), transition_weight=float(arrays["transition_weight"]),
        )


def _transition_tables(stories: Sequence[LabelledStory]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Log prior, start, transition and end probabilities with add-one smoothing."""
    index = {label: i for i, label in enumerate(LABELS)}
    n = len(LABELS)
    prior, start, end = np.ones(n), np.ones(n), np.ones(n)
    trans = np.ones((n, n))
    for story in stories:
        ids = [index[label] for label in story.labels]
        start[ids[0]] += 1
        end[ids[-1]] += 1
        for i in ids:
            prior[i] += 1
        for a, b in itertools.pairwise(ids):
            trans[a, b] += 1
    return (
        np.log(prior / prior.sum()), np.log(start / start.sum()),
        np.log(trans / trans.sum(axis=1, keepdims=True)), np.log(end / end.sum()),
    )


def fit_labeller(
    stories: Sequence[LabelledStory],
    c: float = C,
    prior_weight: float = PRIOR_WEIGHT,
    transition_weight: float = TRANSITION_WEIGHT,
) -> StarLabeller:
    """Fit the labeller on labelled stories (deterministic: lbfgs, no random state involved)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    if not stories:
        raise InternalError("The STAR labeller needs at least one labelled story to train on.")
    features = np.vstack([story_features(story.sentences) for story in stories])
    target = np.asarray([LABELS.index(label) for story in stories for label in story.labels])
    model = LogisticRegression(C=c, max_iter=3000)
    # One BLAS thread: on a busy machine more threads thrash and the fit takes a minute instead of a second.
    with threadpool_limits(limits=1):
        model.fit(csr_matrix(features), target)
    weights = np.zeros((len(LABELS), features.shape[1]), dtype=np.float64)
    bias = np.full(len(LABELS), -1e3)  # a label absent from the data is never predicted
    for row, cls in enumerate(model.classes_):
        weights[int(cls)] = model.coef_[row]
        bias[int(cls)] = model.intercept_[row]
    log_prior, log_start, log_trans, log_end = _transition_tables(stories)
    return StarLabeller(weights, bias, log_prior, log_start, log_trans, log_end, prior_weight, transition_weight)


def feature_names() -> list[str]:
    """Names of every feature column, for inspection."""
    return [f"word{i}" for i in range(HASH_DIMENSIONS)] + [f"cue_{n}" for n in CUE_NAMES] + [
        f"pos_{n}" for n in POSITION_NAMES
    ]
