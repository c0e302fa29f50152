"""Cross-site request forgery tokens signed with the server's secret.

Every browser gets a random nonce in an HttpOnly, SameSite=Strict cookie
(``__Host-loopcoach_csrf`` over HTTPS, where the prefix forbids another
site or port from setting it; ``loopcoach_csrf`` over plain HTTP). The pages
carry ``HMAC(secret, nonce)`` in a meta tag, the htmx headers and each
form's ``csrf_token`` field, and every unsafe request (POST, PUT, PATCH,
DELETE) must send it back. Cookies are shared by every port of a host, so a
page on another port of 127.0.0.1 can read or overwrite the nonce ("cookie
tossing"), but it cannot compute the token without the secret, which never
leaves the data folder. The guard middleware (``web.guard``) adds the
Origin check in front of this.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from fastapi import Request
from starlette.requests import HTTPConnection

from loopcoach.errors import BadInputError

COOKIE = "loopcoach_csrf"
SECURE_COOKIE = "__Host-loopcoach_csrf"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SECRET_FILE = "secret_key"
_NONCE = re.compile(r"[A-Za-z0-9_-]{43}")


class CSRFError(BadInputError):
    """The request did not carry this browser's CSRF token."""

    code = "csrf_failed"
    http_status = 403


def load_secret(home: Path) -> bytes:
    """The server's signing secret, created (mode 0600) in the data folder on first use."""
    path = home / SECRET_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    except ValueError:
        raise BadInputError(f"The secret file {path} is damaged; delete it and restart loopcoach.") from None
    home.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return load_secret(home)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secret.hex())
    return secret


class CSRFSigner:
    """Issues nonces and the tokens derived from them with the server's secret."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    @staticmethod
    def cookie_name(secure: bool) -> str:
        """``__Host-`` needs a Secure cookie, which plain HTTP cannot set."""
        return SECURE_COOKIE if secure else COOKIE

    @staticmethod
    def new_nonce() -> str:
        """A fresh random nonce for a browser's cookie."""
        return secrets.token_urlsafe(32)

    @staticmethod
    def valid_nonce(value: str | None) -> bool:
        """True when a cookie value has the shape of a nonce this server issues."""
        return bool(value) and _NONCE.fullmatch(value or "") is not None

    def token_for(self, nonce: str) -> str:
        """The token a page must send back for this nonce."""
        digest = hmac.new(self._secret, b"csrf:" + nonce.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")

    def verify(self, nonce: str, token: str) -> bool:
        """True when ``token`` was made by this server for ``nonce``."""
        if not self.valid_nonce(nonce) or not token:
            return False
        return hmac.compare_digest(self.token_for(nonce), token)


async def verify_csrf(connection: HTTPConnection) -> None:
    """App-wide dependency: refuse unsafe requests without the token signed for this browser's nonce.

    WebSockets are not form posts: the guard checks their Origin and their routes
    authorise the connection themselves (a session token), so this lets them through.
    """
    if not isinstance(connection, Request) or connection.method not in UNSAFE:
        return
    request = connection
    signer: CSRFSigner = request.app.state.csrf
    nonce = str(request.scope.get("state", {}).get("csrf_nonce_sent", ""))
    sent = request.headers.get(HEADER, "")
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(FIELD)
            sent = value if isinstance(value, str) else ""
    if not signer.verify(nonce, sent):
        raise CSRFError("This form has expired or came from another site; reload the page and try again.")
