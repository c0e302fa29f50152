"""The seven-step ML system design framework: what any interviewer listens for.

Each prompt in the bank adds its own key points; these generic ones apply to
every prompt, so an answer is judged on the framework itself (clarify, high
level design, data, features, model, training and evaluation, deployment and
monitoring) as well as on the specifics of the problem.
"""

from __future__ import annotations

from loopcoach.content.schemas.design import STEP_IDS, KeyPoint, StepId

STEP_TITLES: dict[str, str] = {
    "clarify": "Clarify the problem",
    "high_level_design": "High-level design",
    "data": "Data collection and preparation",
    "features": "Feature engineering",
    "model": "Model selection",
    "training_evaluation": "Training and evaluation",
    "deployment_monitoring": "Deployment and monitoring",
}

#: How much each step counts in the overall score.
STEP_WEIGHTS: dict[str, float] = {
    "clarify": 1.0,
    "high_level_design": 1.0,
    "data": 1.2,
    "features": 1.0,
    "model": 1.2,
    "training_evaluation": 1.2,
    "deployment_monitoring": 1.2,
}

#: Heading words that mark a section of the notes as belonging to a step.
SECTION_CUES: dict[str, tuple[str, ...]] = {
    "clarify": ("clarif", "requirement", "assumption", "question", "scope", "problem", "goal", "constraint"),
    "high_level_design": ("high level", "high-level", "architecture", "overview", "system design", "components"),
    "data": ("data", "label", "dataset", "collection", "preparation"),
    "features": ("feature",),
    "model": ("model", "modeling", "modelling", "algorithm", "approach"),
    "training_evaluation": ("training", "evaluation", "metric", "experiment", "offline", "testing"),
    "deployment_monitoring": ("deploy", "serving", "monitor", "operation", "production", "rollout", "mlops"),
}


def _kp(
    id: str, text: str, phrasings: list[str], keywords: list[str], weight: float = 1.0, probe: str = ""
) -> KeyPoint:
    return KeyPoint(id=id, text=text, phrasings=phrasings, keywords=keywords, weight=weight, probe=probe or None)


GENERIC_POINTS: dict[StepId, list[KeyPoint]] = {
    "clarify": [
        _kp("scale", "Asks about or states the scale: users, items, requests.",
            ["how many users do we have", "how many requests per second", "what is the scale of the system",
             "assume 100 million daily active users"],
            ["scale", "users", "daily active users", "dau", "mau", "qps", "requests per second", "how many",
             "volume", "million", "billion", "per day", "per second", "traffic"],
            probe="Before we go further: how big is this system, in users and requests per second?"),
        _kp("latency", "Asks about the latency budget or real-time versus batch.",
            ["what is the latency budget", "does this need to be real time or can it be batch",
             "how fast must the prediction be returned"],
            ["latency", "real time", "real-time", "batch", "response time", "milliseconds", "ms", "p99"],
            probe="How fast does a prediction have to come back, and does that change your design?"),
        _kp("success_metric", "Asks what success means: business goal and metrics.",
            ["what is the business goal", "how do we measure success", "what metric are we optimising",
             "what does success look like"],
            ["success metric", "business goal", "objective", "kpi", "measure success", "optimize for",
             "optimise for", "success look like", "success", "goal"],
            weight=1.2, probe="What is the business trying to achieve here, and how would we know we succeeded?"),
        _kp("data_available", "Asks which data and labels already exist.",
            ["what data do we have", "do we have labelled data", "are there historical logs we can use",
             "where would labels come from"],
            ["labels", "labelled data", "labeled data", "training data", "historical data", "what data"],
            probe="What data would you ask me for before choosing any model?"),
        _kp("constraints", "Asks about constraints: privacy, regions, devices, budget, scope.",
            ["are there privacy constraints", "what is in scope and out of scope", "any budget constraints"],
            ["privacy", "constraints", "in scope", "out of scope", "budget", "regulation", "languages"],
            weight=0.6),
    ],
    "high_level_design": [
        _kp("ingestion", "Has a data ingestion / logging path.",
            ["log user events into a data pipeline", "data ingestion pipeline", "events are streamed into storage"],
            ["ingestion", "logging", "event stream", "event log", "kafka", "data pipeline", "data lake",
             "data warehouse"],
            probe="Walk me through how an event in the product ends up in your training data."),
        _kp("feature_pipeline", "Has feature extraction / a feature store shared by training and serving.",
            ["a feature pipeline computes features", "features are stored in a feature store",
             "feature extraction step"],
            ["feature pipeline", "feature store", "feature extraction", "feature computation",
             "feature service"]),
        _kp("training_pipeline", "Has an offline training pipeline producing versioned models.",
            ["an offline training pipeline produces a model", "models are trained offline and stored in a registry",
             "a scheduled training job"],
            ["training pipeline", "offline training", "model registry", "training job"]),
        _kp("serving_path", "Has an online inference / serving path that returns predictions to the product.",
            ["an inference service returns scores to the product", "the model is served behind an api",
             "online prediction service"],
            ["inference service", "serving", "prediction service", "online inference", "endpoint", "rest api"],
            probe="Draw the request path: what happens between the user's action and the model's answer?"),
        _kp("pipeline_flow", "Lays out the end-to-end flow (a diagram or a chain of components).",
            ["the request flows from the client through candidate generation, ranking and back",
             "end to end flow of data from logging to training to serving"],
            ["end-to-end flow", "end to end flow"], weight=1.2,
            probe="Can you sketch the whole system as boxes and arrows, from the user's request to the answer?"),
    ],
    "data": [
        _kp("sources", "Names the data sources to learn from.",
            ["we collect data from interaction logs", "the training data comes from", "data sources include"],
            ["data sources", "interaction logs", "clickstream", "logs", "historical", "transactions",
             "user reports"]),
        _kp("labels", "Explains how labels are obtained (annotation, implicit or explicit feedback).",
            ["labels come from human annotators", "use clicks as implicit labels", "define the label as",
             "a positive example is"],
            ["label", "labels", "labelling", "labeling", "annotation", "annotators", "ground truth",
             "implicit feedback", "positive examples", "negative examples"], weight=1.3,
            probe="What exactly is a positive example here, and who or what produces that label?"),
        _kp("quality_imbalance", "Deals with data quality, imbalance, bias or sampling.",
            ["the classes are highly imbalanced", "downsample the negatives", "clean noisy labels",
             "sampling bias in the data"],
            ["imbalance", "imbalanced", "downsample", "oversample", "negative sampling", "noise", "noisy",
             "data quality", "deduplicate", "bias", "missing values"],
            probe="What is wrong with the raw data, and what would you do about it before training?"),
        _kp("splits_leakage", "Splits data by time and guards against leakage.",
            ["split train and test by time", "avoid leakage from future data", "hold out the most recent weeks"],
            ["time-based split", "temporal split", "leakage", "train test split", "holdout", "out-of-time"],
            weight=0.8),
    ],
    "features": [
        _kp("entity_features", "Lists concrete features of the main entities (user, item, content, account).",
            ["user features such as history and demographics", "item features like category and age",
             "account features such as age of account"],
            ["user features", "item features", "content features", "account features", "merchant features",
             "historical features", "aggregates"],
            weight=1.2, probe="Name the three features you expect to matter most, and why."),
        _kp("context_features", "Uses context features (time, device, location, session).",
            ["context features such as time of day and device", "session context", "location of the request"],
            ["context features", "time of day", "device", "location", "session"]),
        _kp("representations", "Encodes raw inputs: embeddings, text/image encoders, bucketing, normalisation.",
            ["learn embeddings for users and items", "encode the text with a pretrained model",
             "normalise numeric features and bucketize counts"],
            ["embedding", "embeddings", "tf-idf", "one-hot", "normalise", "normalize", "bucketize", "encoder",
             "hashing"]),
        _kp("freshness_consistency", "Keeps features fresh and consistent between training and serving.",
            ["avoid training-serving skew", "real-time features computed from a stream",
             "point-in-time correct features"],
            ["training-serving skew", "feature store", "point-in-time", "real-time features", "freshness"],
            weight=0.8),
    ],
    "model": [
        _kp("baseline", "Starts with a simple baseline (heuristic, linear model, GBDT, popularity).",
            ["start with a simple baseline", "a logistic regression baseline", "begin with gradient boosted trees",
             "a popularity or rule-based baseline first"],
            ["baseline", "logistic regression", "linear model", "heuristic", "rule-based", "rules",
             "gradient boosted", "gbdt", "xgboost", "lightgbm", "popularity", "naive bayes"],
            weight=1.3, probe="What is the simplest model you would ship first, and what would it tell you?"),
        _kp("objective", "States what the model predicts and with which loss.",
            ["the model predicts the probability that", "train with a cross-entropy loss",
             "framed as a binary classification problem"],
            ["loss", "objective", "cross-entropy", "binary classification", "regression", "predicts the probability",
             "ranking loss", "multi-class", "softmax"]),
        _kp("complex_justified", "Moves to a more complex model only with a reason.",
            ["then a deep model because it can capture interactions", "upgrade to a neural network once the baseline",
             "a transformer is justified because"],
            ["because it captures", "justify", "once the baseline", "outperforms the baseline"]),
        _kp("tradeoffs", "Discusses tradeoffs (accuracy vs latency, cost, interpretability).",
            ["the tradeoff is accuracy versus latency", "more accurate but slower and costlier to serve",
             "simpler model is easier to interpret"],
            ["tradeoff", "trade-off", "trade off", "at the cost of", "interpretability", "pros and cons", "downside"],
            weight=1.2, probe="What do you give up by choosing this model over the simpler one?"),
    ],
    "training_evaluation": [
        _kp("offline_metrics", "Names offline metrics suited to the problem.",
            ["evaluate offline with precision and recall", "offline metric is auc", "measure ndcg on held out data"],
            ["precision", "recall", "auc", "pr-auc", "roc-auc", "f1", "ndcg", "mean average precision", "mrr", "recall@k",
             "log loss", "rmse", "mae", "mape", "offline metrics", "offline metric", "^offline", "offline we"],
            weight=1.3, probe="Which offline metric would you use to compare two models, and why that one?"),
        _kp("online_metrics", "Names online metrics and an online experiment (A/B test).",
            ["run an a/b test", "online we measure click-through rate", "compare in an online experiment"],
            ["a/b test", "ab test", "a/b testing", "online experiment", "click-through rate", "ctr", "conversion",
             "watch time", "engagement", "retention", "revenue", "online metrics", "online metric", "interleaving",
             "^online", "online we", "staged rollout", "holdout group"],
            weight=1.3, probe="How would you prove in production that the new model is better?"),
        _kp("validation_protocol", "Validates properly: held-out or time-based split, slices, calibration.",
            ["evaluate on a held out set from a later time", "check performance per segment",
             "backtest on past weeks"],
            ["validation set", "held-out", "held out", "cross-validation", "backtest", "slices", "per segment",
             "calibration"]),
        _kp("scaling_training", "Explains how training scales or is tuned (distributed, sampling, warm start).",
            ["distributed training on several gpus", "tune hyperparameters", "warm start from the previous model"],
            ["distributed training", "gpus", "data parallel", "hyperparameter", "warm start", "incremental training",
             "fine-tune"], weight=0.7),
    ],
    "deployment_monitoring": [
        _kp("serving", "Explains serving: online vs batch, latency, caching, hardware.",
            ["serve the model behind a low latency service", "precompute predictions in batch",
             "cache results to meet the latency budget"],
            ["serving", "real-time inference", "batch inference", "cache", "caching", "precompute", "model server",
             "quantization", "quantize", "autoscaling", "onnx"],
            probe="How will you meet the latency budget at peak traffic?"),
        _kp("rollout", "Rolls out safely: shadow, canary, gradual ramp.",
            ["shadow mode before launch", "canary release to a small share of traffic", "ramp up gradually"],
            ["shadow", "canary", "gradual rollout", "staged rollout", "ramp up", "rollback"],
            weight=0.8),
        _kp("monitoring", "Monitors data drift, prediction distribution, and business metrics with alerts.",
            ["monitor data drift and prediction distributions", "alert when metrics drop", "dashboards for the model"],
            ["monitor", "monitoring", "drift", "data drift", "concept drift", "dashboard", "alert", "alerts",
             "alerting"],
            weight=1.3, probe="Three months after launch the metric slowly drops. How do you notice, and what do you check?"),
        _kp("retraining", "Retrains on fresh data on a schedule or trigger; closes the feedback loop.",
            ["retrain weekly on fresh data", "retraining is triggered by drift", "feed new labels back"],
            ["retrain", "retraining", "feedback loop", "continuous training", "refresh the model"],
            weight=1.1, probe="How often would you retrain, and what decides that?"),
        _kp("fallback", "Has a fallback when the model or features fail.",
            ["fall back to a simple rule when the model is down", "default to popular items if features are missing"],
            ["fallback", "fall back", "degrade gracefully", "circuit breaker", "default to"], weight=0.6),
    ],
}


def generic_points(step_id: str) -> list[KeyPoint]:
    """Return the framework's generic key points for a step."""
    if step_id not in STEP_IDS:
        raise KeyError(step_id)
    return GENERIC_POINTS[step_id]
