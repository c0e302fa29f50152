"""The one exception tree of loopcoach.

Every error a user can cause is a ``LoopcoachError``: it carries a snake_case
``code`` and a ``message`` that is a full sentence meant for the user. The CLI
turns any of them into that sentence on stderr and exit code 2; the web app
into a 4xx (or 5xx) page or a JSON body. Third-party exceptions are translated
into these where they happen, so none reaches an edge for bad input::

    LoopcoachError
    ├── BadInputError            bad_input         (HTTP 400)
    │   ├── NotFoundError        not_found         (HTTP 404) unknown id or file
    │   ├── EmptyInputError      empty_input
    │   ├── TooLargeError        too_large         (HTTP 413)
    │   ├── BinaryInputError     binary_input
    │   ├── InvalidDocumentError invalid_document  corrupt PDF, DOCX, JSON export...
    │   ├── ContentError         invalid_content   a content file that breaks its schema
    │   ├── SignInError          not_signed_in     (HTTP 401) group mode: no or a wrong account
    │   ├── ForbiddenError       forbidden         (HTTP 403) the account may not do this
    │   └── RateLimitedError     rate_limited      (HTTP 429) too many failed sign-ins
    ├── StoreError               store_error       (HTTP 500) the database refused
    ├── ModelError               model_unavailable (HTTP 503) the optional language model failed
    └── InternalError            internal_error    (HTTP 500) a bug or a broken install
"""

from __future__ import annotations


class LoopcoachError(Exception):
    """Base of every loopcoach error; ``message`` is one sentence for the user."""

    code = "error"
    http_status = 400

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def to_dict(self) -> dict[str, dict[str, str]]:
        """Return the contract's error object: ``{"error": {"code", "message"}}``."""
        return {"error": {"code": self.code, "message": self.message}}


class BadInputError(LoopcoachError):
    """The user gave input loopcoach cannot use."""

    code = "bad_input"


class NotFoundError(BadInputError):
    """An id, file or record does not exist."""

    code = "not_found"
    http_status = 404


class EmptyInputError(BadInputError):
    """The input holds no text to analyse."""

    code = "empty_input"


class TooLargeError(BadInputError):
    """The input is larger than loopcoach accepts."""

    code = "too_large"
    http_status = 413


class BinaryInputError(BadInputError):
    """A text was expected and the input is binary."""

    code = "binary_input"


class InvalidDocumentError(BadInputError):
    """A document (PDF, DOCX, export file...) is corrupt or of the wrong type."""

    code = "invalid_document"


class ContentError(BadInputError):
    """A content file (bundled or in the user's overlay) does not match its schema."""

    code = "invalid_content"


class SignInError(BadInputError):
    """Group mode: the request has no signed-in account, or the name or password is wrong."""

    code = "not_signed_in"
    http_status = 401


class ForbiddenError(BadInputError):
    """The signed-in account's role does not allow this."""

    code = "forbidden"
    http_status = 403


class RateLimitedError(BadInputError):
    """Too many failed sign-ins for a name or from one address; try again later."""

    code = "rate_limited"
    http_status = 429


class StoreError(LoopcoachError):
    """The database could not be opened, migrated or written."""

    code = "store_error"
    http_status = 500


class ModelError(LoopcoachError):
    """The optional language model is absent, slow, broken or replied with something unusable.

    Never fatal: the interviewer falls back to its rule-based follow-ups and
    shows this sentence beside them.
    """

    code = "model_unavailable"
    http_status = 503


class InternalError(LoopcoachError):
    """Something inside loopcoach failed; the message says what and where."""

    code = "internal_error"
    http_status = 500
