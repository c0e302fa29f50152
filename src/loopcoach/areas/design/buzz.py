"""Term lists the grader uses for its checks: complex models, baselines, metrics, tradeoffs, buzzwords."""

from __future__ import annotations

from loopcoach.areas.design.lexical import contains_phrase, tokens


def _phrases(words: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(tokens(w)) for w in words.split(";") if w.strip())


COMPLEX_MODELS = _phrases(
    "transformer;bert;xlm-r;roberta;deep learning;deep model;deep neural;neural network;neural net;two-tower;"
    "two tower;gnn;graph neural;lstm;rnn;cnn;convolutional;llm;large language model;gpt;dnn;deep and cross;"
    "dcn;wide and deep;wide & deep;mixture of experts;reinforcement learning;diffusion;gan;resnet;vit;"
    "vision transformer;yolo;sequence model;autoencoder"
)
BASELINES = _phrases(
    "baseline;logistic regression;linear regression;linear model;heuristic;rule-based;rule based;simple model;"
    "gradient boosted;gbdt;xgboost;lightgbm;popularity;naive bayes;matrix factorization;matrix factorisation;"
    "bm25;tf-idf;seasonal naive;moving average;arima;exponential smoothing;most popular;start simple"
)
TRADEOFF_CUES = _phrases(
    "tradeoff;trade-off;trade off;at the cost of;pros and cons;downside;drawback;on the other hand;whereas;"
    "rather than;instead of;but slower;but more expensive;cheaper but;more accurate but;balance between;"
    "in exchange;the cost is;comes at;versus;vs"
)
REASON_CUES = _phrases(
    "because;since;so that;which;in order to;to avoid;to handle;to reduce;to keep;due to;given;otherwise;"
    "this lets;this means;helps;why"
)
BUZZWORDS = _phrases(
    "transformer;bert;gpt;llm;large language model;rlhf;gnn;graph neural network;vector database;vector db;"
    "kubernetes;k8s;kafka;spark;flink;microservice;microservices;deep learning;neural network;ai;state of the art;"
    "sota;cutting edge;big data;blockchain;reinforcement learning;diffusion;gan;mlops;serverless;auto ml;"
    "automl;foundation model;attention;embedding;embeddings;feature store;real-time;real time;cloud;scalable;"
    "agentic;agent;lakehouse;airflow;ray;triton;tensorrt;onnx;faiss;pinecone;redis;snowflake;databricks"
)


def count_hits(text_tokens: list[str], phrases: tuple[tuple[str, ...], ...]) -> int:
    """How many distinct phrases of the list occur in the tokens."""
    return sum(1 for p in phrases if contains_phrase(text_tokens, list(p)))


def first_hit(units_tokens: list[list[str]], phrases: tuple[tuple[str, ...], ...]) -> int | None:
    """Index of the first token list containing any phrase, or None."""
    for i, toks in enumerate(units_tokens):
        if count_hits(toks, phrases):
            return i
    return None


def is_buzz_sentence(text_tokens: list[str]) -> bool:
    """A sentence that strings three or more buzzwords together without giving a reason."""
    return count_hits(text_tokens, BUZZWORDS) >= 3 and count_hits(text_tokens, REASON_CUES) == 0
