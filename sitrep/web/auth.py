"""Users, passwords, API tokens, sessions, CSRF and the login rate limit of ``sitrep serve``.

Secrets are stored only as argon2id hashes (argon2-cffi). An API token reads
``st_<token id>_<secret>``: the id finds the user row, the secret is checked
against its hash. Sessions are stored in the store (only the sha256 of the
session id), so a restart keeps everyone logged in, and kept in memory in front
of it; the cookie holds only a random session id (HttpOnly, SameSite=Strict). Every session has its own CSRF token, which each form
carries in a hidden field and the pages' JavaScript sends as ``X-CSRF-Token``.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from sitrep import defaults
from sitrep.errors import MissingDependencyError
from sitrep.store.reviews import ROLES, User

SESSION_COOKIE = "sitrep_session"
TOKEN_PREFIX = "st_"


def _hasher() -> Any:
    try:
        from argon2 import PasswordHasher
    except ImportError:
        raise MissingDependencyError("argon2-cffi", "web", purpose="users of sitrep serve") from None
    return PasswordHasher()


def hash_secret(secret: str) -> str:
    return str(_hasher().hash(secret))


def verify_secret(hashed: str, secret: str) -> bool:
    try:
        from argon2.exceptions import VerificationError, VerifyMismatchError
    except ImportError:
        raise MissingDependencyError("argon2-cffi", "web", purpose="users of sitrep serve") from None
    try:
        return bool(_hasher().verify(hashed, secret))
    except (VerifyMismatchError, VerificationError, ValueError):
        return False


@dataclass(frozen=True)
class NewUser:
    """A user just made, with the one-time secrets to hand over (never stored)."""

    name: str
    role: str
    password: str
    token: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role, "password": self.password, "token": self.token}


def make_user(store: Any, name: str, role: str) -> NewUser:
    """Create a user in ``store`` with a random password and API token; returns both once."""
    from sitrep.errors import ReviewError

    if role not in ROLES:
        raise ReviewError(f"role is one of {', '.join(ROLES)}", item=role)
    if not name or len(name) > 64 or not all(c.isalnum() or c in "._-@" for c in name):
        raise ReviewError("a user name is 1-64 letters, digits or . _ - @", item=name[:64])
    password = secrets.token_urlsafe(12)
    token_id = secrets.token_hex(6)
    token = f"{TOKEN_PREFIX}{token_id}_{secrets.token_urlsafe(24)}"
    store.add_user(User(name, role, hash_secret(password), token_id, hash_secret(token)))
    return NewUser(name, role, password, token)


@dataclass
class Session:
    name: str
    role: str
    csrf: str
    expires: float


@dataclass
class Auth:
    """Sessions (stored, with an in-memory copy), a cache of checked tokens and the login rate limiter."""

    store: Any
    sessions: dict[str, Session] = field(default_factory=dict)  # session id -> session, as stored
    _db_lock: threading.Lock = field(default_factory=threading.Lock)  # one cursor (self.store), many threads
    _tokens: dict[str, tuple[str, str]] = field(default_factory=dict)  # sha256(token) -> (name, role)
    _failures: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- tokens ----------------------------------------------------------------------------------

    def user_for_token(self, token: str) -> tuple[str, str] | None:
        """(name, role) of a valid API token. Checked with argon2 once, then cached by its sha256."""
        key = hashlib.sha256(token.encode()).hexdigest()
        hit = self._tokens.get(key)
        if hit is not None:
            return hit
        parts = token.split("_")
        if len(parts) < 3 or not token.startswith(TOKEN_PREFIX):
            return None
        user = self.store.user_by_token_id(parts[1])
        if user is None or not verify_secret(user.token_hash, token):
            return None
        with self._lock:
            self._tokens[key] = (user.name, user.role)
        return user.name, user.role

    # --- logins ----------------------------------------------------------------------------------

    def login_blocked(self, client: str, name: str) -> bool:
        """Too many recent failures for this name from this address, or for any name from it."""
        now = time.monotonic()
        with self._lock:
            counts = []
            for key in ((client, name), (client, "")):
                tries = [t for t in self._failures.get(key, []) if now - t < defaults.LOGIN_WINDOW_S]
                self._failures[key] = tries
                counts.append(len(tries))
            return counts[0] >= defaults.LOGIN_MAX_FAILURES or counts[1] >= defaults.LOGIN_MAX_FAILURES_PER_CLIENT

    def login(self, client: str, name: str, password: str) -> tuple[str, Session] | None:
        """(session id, session) for a right password; None (and one more failure counted) otherwise."""
        user = self.store.user(name)
        if user is None or not verify_secret(user.password_hash, password):
            if user is None:
                verify_secret(_DUMMY_HASH(), password)  # the same time for unknown names
            with self._lock:
                now = time.monotonic()
                self._failures.setdefault((client, name), []).append(now)
                self._failures.setdefault((client, ""), []).append(now)  # any name from this address
            return None
        with self._lock:
            self._failures.pop((client, name), None)
        sid = secrets.token_urlsafe(32)
        sess = Session(user.name, user.role, secrets.token_urlsafe(24), time.time() + defaults.SESSION_TTL_S)
        with self._db_lock:
            self.store.add_session(_sid_hash(sid), sess.name, sess.role, sess.csrf, sess.expires)
        with self._lock:
            self.sessions[sid] = sess
        return sid, sess

    def session(self, sid: str | None) -> Session | None:
        """The live session of a cookie's session id (from memory, else from the store), or None."""
        if not sid or len(sid) > 200:
            return None
        sess = self.sessions.get(sid)
        if sess is None:
            with self._db_lock:
                row = self.store.session_of(_sid_hash(sid))
            if row is None:
                return None
            sess = Session(*row)
            with self._lock:
                self.sessions[sid] = sess
        if sess.expires < time.time():
            with self._lock:
                self.sessions.pop(sid, None)
            return None
        return sess

    def logout(self, sid: str | None) -> None:
        if sid and len(sid) <= 200:
            with self._lock:
                self.sessions.pop(sid, None)
            with self._db_lock:
                self.store.drop_session(_sid_hash(sid))


def _sid_hash(sid: str) -> str:
    """What the store keeps of a session id (a bearer secret): its sha256."""
    return hashlib.sha256(sid.encode()).hexdigest()


_dummy: list[str] = []


def _DUMMY_HASH() -> str:
    if not _dummy:
        _dummy.append(hash_secret(secrets.token_urlsafe(8)))
    return _dummy[0]


def csrf_ok(sent: str | None, expected: str) -> bool:
    return bool(sent) and secrets.compare_digest(str(sent), expected)
