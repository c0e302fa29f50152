"""The current schema, as SQLAlchemy Core tables (the queries use these).

Data model: one ``users`` row per person (a single local user by default; a
server holds many, each with a role, an optional ``cohorts`` row, an Argon2
password hash or a pending sign-up link). Everything else belongs to a user:

- ``attempts``: one analysed piece of work in any area (a judged solution, a
  graded answer, a checked resume...): the input, the result JSON, a score.
- ``review_cards`` / ``review_logs``: spaced-repetition state per item and
  the history of reviews.
- ``stories`` / ``story_versions``: behavioral stories, versioned on rewrite.
- ``mock_sessions``: timed sessions (mock interviews, design interviews,
  peer mocks) with their evolving state as JSON and an optional join token.
- ``applications``: the job application tracker.
- ``notes``: small keyed documents (recruiter-screen prep, plans, settings).
- ``spoken_attempts``: a recorded answer's transcript and delivery figures, the
  analysed attempt it became (if any), and its audio (base64) only if the user kept it.
- ``auth_sessions`` / ``sign_in_failures`` (group mode): signed-in browsers
  (only a hash of each cookie's token is stored) and recent failed sign-ins
  for the rate limit; neither is exported.

Times are ISO-8601 UTC strings and JSON is stored as text, so a row means
the same on SQLite and PostgreSQL and the export is lossless.
``migrations.py`` brings any older database to this schema; a test checks
that a migrated blank database has exactly these columns.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
_ts = sa.String(40)

cohorts = sa.Table(
    "cohorts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", _ts, nullable=False),
)

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", _ts, nullable=False),
    sa.Column("role", sa.String(20), nullable=False, server_default="candidate"),
    sa.Column("cohort_id", sa.Integer, sa.ForeignKey("cohorts.id", ondelete="SET NULL"), nullable=True),
    sa.Column("password_hash", sa.String(300), nullable=True),
    sa.Column("disabled", sa.Integer, nullable=False, server_default="0"),
    sa.Column("signup_token_hash", sa.String(100), nullable=True),
    sa.Column("signup_expires_at", _ts, nullable=True),
)

attempts = sa.Table(
    "attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("area", sa.String(40), nullable=False),
    sa.Column("item_id", sa.String(200), nullable=True),
    sa.Column("input_text", sa.Text, nullable=False),
    sa.Column("result_json", sa.Text, nullable=False),
    sa.Column("score", sa.Integer, nullable=True),
    sa.Column("started_at", _ts, nullable=True),
    sa.Column("finished_at", _ts, nullable=False),
    sa.Column("meta_json", sa.Text, nullable=False),
    sa.Index("ix_attempts_user_area_item", "user_id", "area", "item_id"),
)

review_cards = sa.Table(
    "review_cards", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("area", sa.String(40), nullable=False),
    sa.Column("item_id", sa.String(200), nullable=False),
    sa.Column("card_json", sa.Text, nullable=False),
    sa.Column("due", _ts, nullable=False),
    sa.Column("updated_at", _ts, nullable=False),
    sa.UniqueConstraint("user_id", "area", "item_id", name="uq_review_cards_item"),
    sa.Index("ix_review_cards_due", "user_id", "area", "due"),
)

review_logs = sa.Table(
    "review_logs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("card_id", sa.Integer, sa.ForeignKey("review_cards.id", ondelete="CASCADE"), nullable=False),
    sa.Column("rating", sa.Integer, nullable=False),
    sa.Column("reviewed_at", _ts, nullable=False),
    sa.Column("log_json", sa.Text, nullable=False),
)

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("meta_json", sa.Text, nullable=False),
    sa.Column("created_at", _ts, nullable=False),
    sa.Column("updated_at", _ts, nullable=False),
)

story_versions = sa.Table(
    "story_versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("analysis_json", sa.Text, nullable=False),
    sa.Column("score", sa.Integer, nullable=True),
    sa.Column("created_at", _ts, nullable=False),
    sa.UniqueConstraint("story_id", "version", name="uq_story_versions"),
)

mock_sessions = sa.Table(
    "mock_sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("token", sa.String(100), nullable=True, unique=True),
    sa.Column("state_json", sa.Text, nullable=False),
    sa.Column("created_at", _ts, nullable=False),
    sa.Column("updated_at", _ts, nullable=False),
    sa.Column("finished_at", _ts, nullable=True),
    sa.Column("guest_user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
)

applications = sa.Table(
    "applications", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("company", sa.String(200), nullable=False),
    sa.Column("role", sa.String(200), nullable=False),
    sa.Column("stage", sa.String(40), nullable=False),
    sa.Column("applied_on", sa.String(10), nullable=True),
    sa.Column("job_description", sa.Text, nullable=False),
    sa.Column("contacts_json", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    sa.Column("next_action", sa.Text, nullable=False),
    sa.Column("next_action_on", sa.String(10), nullable=True),
    sa.Column("created_at", _ts, nullable=False),
    sa.Column("updated_at", _ts, nullable=False),
)

notes = sa.Table(
    "notes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(60), nullable=False),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("updated_at", _ts, nullable=False),
    sa.UniqueConstraint("user_id", "kind", "key", name="uq_notes_key"),
)

spoken_attempts = sa.Table(
    "spoken_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("transcript", sa.Text, nullable=False),
    sa.Column("delivery_json", sa.Text, nullable=False),
    sa.Column("audio_name", sa.String(300), nullable=True),
    sa.Column("audio_base64", sa.Text, nullable=True),
    sa.Column("created_at", _ts, nullable=False),
    sa.Index("ix_spoken_attempts_user", "user_id", "created_at"),
)

# Sign-in state of group mode: short-lived, never exported.
auth_sessions = sa.Table(
    "auth_sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("token_hash", sa.String(100), nullable=False, unique=True),
    sa.Column("created_at", _ts, nullable=False),
    sa.Column("expires_at", _ts, nullable=False),
)

sign_in_failures = sa.Table(
    "sign_in_failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_name", sa.String(200), nullable=False),
    sa.Column("client", sa.String(100), nullable=False),
    sa.Column("at", _ts, nullable=False),
    sa.Index("ix_sign_in_failures_name", "user_name", "at"),
    sa.Index("ix_sign_in_failures_client", "client", "at"),
)

# Group mode's task queue: one row per piece of work handed to a worker; the attempt it produced is in
# ``attempts`` (exported there); the row itself is operational state, not exported.
work_items = sa.Table(
    "work_items", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("item_id", sa.String(200), nullable=True),
    sa.Column("payload_json", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # queued | running | done | failed
    sa.Column("job_id", sa.Integer, nullable=True),  # the queue engine's job
    sa.Column("tries", sa.Integer, nullable=False),
    sa.Column("worker", sa.String(200), nullable=True),
    sa.Column("result_json", sa.Text, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("attempt_id", sa.Integer, nullable=True),
    sa.Column("created_at", _ts, nullable=False),
    sa.Column("started_at", _ts, nullable=True),
    sa.Column("finished_at", _ts, nullable=True),
    sa.Index("ix_work_items_status", "status", "id"),
    sa.Index("ix_work_items_user", "user_id", "id"),
)

# Export order: parents before children, so an import can insert in this order.
EXPORT_ORDER = (cohorts, users, attempts, review_cards, review_logs, stories, story_versions, mock_sessions,
                applications, notes, spoken_attempts)
