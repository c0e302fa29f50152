"""Generic wording of clarifying questions, by intent, used to recognise what a candidate asks."""

from __future__ import annotations

#: intent -> (keywords, example questions). Prompt facts add their own phrasings and keywords.
INTENT_LEXICON: dict[str, tuple[list[str], list[str]]] = {
    "scale": (
        ["how many users", "daily active", "dau", "mau", "scale", "how big", "volume", "how many items",
         "number of users", "size of the catalog", "catalog size", "how many"],
        ["How many users do we have?", "What is the scale of the system?", "How many items are in the catalog?",
         "How much data per day?"],
    ),
    "traffic": (
        ["qps", "requests per second", "per second", "peak", "throughput", "traffic"],
        ["How many requests per second at peak?", "What is the expected traffic?", "What throughput is needed?"],
    ),
    "latency": (
        ["latency", "how fast", "how quickly", "milliseconds", "ms", "real time", "real-time", "batch",
         "response time", "online or offline", "synchronous", "sla", "render", "load"],
        ["What is the latency budget?", "Does it need to be real time or can it be batch?",
         "How quickly must we respond?", "Must the prediction happen before the user sees the result?"],
    ),
    "data": (
        ["what data", "data do we have", "logs", "historical data", "data available", "data sources", "dataset",
         "what do we log", "collect"],
        ["What data do we have access to?", "Do we log user interactions?", "What historical data is available?"],
    ),
    "labels": (
        ["label", "labels", "labelled", "labeled", "annotat*", "ground truth", "annotators", "human review",
         "chargeback", "feedback signal"],
        ["Do we have labelled data?", "Where do labels come from?", "How do we know the ground truth?"],
    ),
    "business_goal": (
        ["business goal", "goal", "objective", "why are we", "what problem", "care about", "purpose",
         "optimize for", "optimise for", "trying to achieve", "maximise", "maximize", "minimise", "minimize"],
        ["What is the business goal?", "What are we trying to achieve?", "What should we optimise for?"],
    ),
    "success_metrics": (
        ["metric", "metrics", "measure success", "success", "kpi", "how do we measure", "north star",
         "evaluate success"],
        ["How do we measure success?", "What is the key metric?", "Which KPI matters to leadership?"],
    ),
    "constraints": (
        ["constraint", "constraints", "limitation", "budget", "cost", "in scope", "out of scope", "requirement",
         "images", "video", "devices", "mobile", "regulation", "policy"],
        ["Are there any constraints?", "What is in scope?", "Do we need to support images and video?"],
    ),
    "privacy": (
        ["privacy", "pii", "gdpr", "personal data", "consent", "sensitive", "private", "anonymi*", "compliance"],
        ["Are there privacy restrictions?", "Can we use personal data?", "Is there sensitive data?"],
    ),
    "languages": (
        ["language", "languages", "english", "multilingual", "locale", "countries", "regions", "international"],
        ["Which languages must we support?", "Is it English only?", "Which countries are we in?"],
    ),
    "freshness": (
        ["fresh", "freshness", "how often", "update", "stale", "new content", "trending"],
        ["How fresh must the results be?", "How often does the content change?"],
    ),
    "cold_start": (
        ["cold start", "new users", "new items", "new restaurants", "no history", "first time", "new sellers"],
        ["How do we handle new users with no history?", "How many new items appear each day?"],
    ),
    "compute": (
        ["gpu", "gpus", "compute", "hardware", "infrastructure", "on device", "on-device", "servers", "cpu"],
        ["What compute do we have?", "Do we have GPUs for serving?", "Does it run on device?"],
    ),
    "existing_system": (
        ["existing", "current system", "today", "currently", "already have", "in place", "legacy", "baseline"],
        ["Is there an existing system?", "What do we do today?", "Is there a current solution?"],
    ),
    "users": (
        ["who are the users", "who uses", "user base", "customers", "audience", "who will use", "personas"],
        ["Who are the users?", "Who is the audience of this feature?"],
    ),
    "feedback": (
        ["feedback", "clicks", "ratings", "likes", "implicit", "explicit", "thumbs", "signals", "interactions"],
        ["What feedback do users give?", "Do we have ratings or only clicks?", "What signals do we collect?"],
    ),
    "fairness": (
        ["fair", "fairness", "bias", "discriminat*", "protected", "equal", "demographic"],
        ["Are there fairness requirements?", "Must we avoid bias against groups?"],
    ),
}

#: Questions that ask the interviewer to make a design decision for the candidate.
DESIGN_CHOICE: tuple[list[str], list[str]] = (
    ["should i use", "should we use", "which model", "what model", "can i use", "can we use", "do you want me",
     "would you prefer", "is it ok", "is it okay", "which algorithm", "what architecture", "how should i",
     "should i start", "what approach", "which database", "what would you"],
    ["Should I use a deep model or a simple one?", "Which model would you like me to use?",
     "What architecture should I pick?", "Can I use a transformer here?", "How should I design the features?"],
)

#: Fixed interviewer replies.
UP_TO_YOU = (
    "That is your call: make a reasonable assumption, say it out loud, and keep going."
)
NOT_SPECIFIED = (
    "I don't have a number for that. Pick a sensible assumption, state it, and design around it."
)
NOT_UNDERSTOOD = (
    "I'm not sure what you are asking. You can ask me about scale, traffic, latency, data, labels, "
    "the business goal, success metrics or constraints."
)
