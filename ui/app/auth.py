"""Sign-in and roles, enforced on the server: every handler asks ``Access.check`` before it reads data.

Users and roles come from settings (``ui_users``): passwords as PBKDF2 hashes, or a trusted
reverse-proxy header naming the signed-in user (``ui_auth_header``). With no users configured the app
is open and everyone is ``admin``: meant for a local demo bound to 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable

import gradio as gr

from encoders.settings import Settings

# Which roles may use which part of the app (and the endpoints behind it).
AREAS: dict[str, frozenset[str]] = {
    "customer": frozenset({"support", "admin"}),
    "batch": frozenset({"support", "admin"}),
    "audience": frozenset({"marketer", "admin"}),
    "status": frozenset({"support", "marketer", "admin"}),
}
_ITERATIONS = 200_000


def hash_password(password: str, salt: bytes | None = None, iterations: int = _ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, iterations, salt, digest = encoded.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    expected = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    return hmac.compare_digest(expected, base64.b64decode(digest))


class AccessDenied(gr.Error):
    """A request for a part of the app the caller's role may not use."""


class Access:
    def __init__(self, settings: Settings) -> None:
        self.users = settings.ui_users
        self.header = settings.ui_auth_header

    @property
    def open(self) -> bool:
        return not self.users

    def login(self) -> Callable[[str, str], bool] | None:
        """Gradio's ``auth`` callable (None when open or when a proxy header signs users in)."""
        if self.open or self.header:
            return None
        return lambda name, password: name in self.users and verify_password(password, self.users[name].password_hash)

    def header_user(self) -> Callable[..., str | None] | None:
        """Gradio's ``auth_dependency``: the user the proxy's header names, if they are known."""
        if self.open or not self.header:
            return None
        header = self.header
        return lambda request: name if (name := request.headers.get(header)) in self.users else None

    def user(self, request: gr.Request | None) -> str:
        if self.open:
            return "local"
        name = getattr(request, "username", None)
        if name is None and self.header and request is not None:
            name = request.headers.get(self.header)
        if name not in self.users:
            raise AccessDenied("You are not signed in.")
        return name

    def role(self, request: gr.Request | None) -> str:
        return "admin" if self.open else self.users[self.user(request)].role

    def allowed(self, request: gr.Request | None, area: str) -> bool:
        return self.role(request) in AREAS[area]

    def check(self, request: gr.Request | None, area: str) -> str:
        """The caller's role, or AccessDenied when it may not use ``area``."""
        role = self.role(request)
        if role not in AREAS[area]:
            raise AccessDenied(f"Your role ({role}) cannot use the {area} part of the app.")
        return role
