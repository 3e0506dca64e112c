"""Where alerts go: a JSON lines file, standard output, a webhook (JSON POST signed
with HMAC-SHA256), a Slack-compatible webhook, e-mail over SMTP.

Every sink has ``send(message)``; a message is an alert (see :mod:`sitrep.watch.rules`)
or a digest (``{"kind": "digest", "alerts": [...]}``). A failed send raises
:class:`SinkError`; the runner keeps the delivery pending and tries again on the
next cycle. Network sinks go through the fetch policy: a webhook or SMTP host on
a private or loopback address needs ``allow_addresses``.

Webhook headers: ``X-Sitrep-Alert-Id`` (the same on a resend: receivers drop
repeats by it), ``X-Sitrep-Signature: sha256=<hex>`` (HMAC-SHA256 of the raw
body with the sink's ``secret``, or the value of ``secret_env``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import smtplib
import sys
import time
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from sitrep import defaults
from sitrep.errors import FetchError, SinkError
from sitrep.fetch import Fetcher, check_host
from sitrep.watch.config import SinkConfig


def signature(secret: str, body: bytes) -> str:
    """The ``X-Sitrep-Signature`` value of a body: ``sha256=`` + hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def text_of(msg: dict[str, Any]) -> str:
    """A short plain-text rendering (stdout, Slack, e-mail)."""
    if msg.get("kind") == "digest":
        lines = [f"sitrep digest: {len(msg['alerts'])} alert(s) since {msg.get('since') or 'start'}"]
        lines += [f"- [{a['rule']}] {a['summary']} {a['link']}" for a in msg["alerts"]]
        return "\n".join(lines)
    head = {"new": "", "toll": "toll rose", "count": f"{msg.get('count')} events in window",
            "escalation": "escalation", "truce": f"truce {msg.get('state')}"}.get(msg["kind"], msg["kind"])
    lines = [f"[{msg['rule']}]{' ' + head if head else ''} {msg['summary']}"]
    if msg.get("previous_fatalities") is not None:
        lines[0] += f" (was {msg['previous_fatalities']})"
    lines.append(f'  "{(msg.get("evidence") or "").strip()[:300]}"')
    if msg.get("sources"):
        lines.append("  sources: " + " ".join(msg["sources"][:5]))
    lines.append(f"  {msg['link']}")
    return "\n".join(lines)


class Sink:
    name: str

    def send(self, msg: dict[str, Any]) -> None:
        raise NotImplementedError

    def delivered(self, alert_id: str) -> bool | None:
        """Was this alert delivered already? None when the sink cannot tell."""
        return None


class FileSink(Sink):
    """One JSON object per line, appended and fsynced (a crash never leaves half a line
    that is counted as sent)."""

    def __init__(self, cfg: SinkConfig) -> None:
        self.name = cfg.name
        self.path = Path(cfg.target)

    def send(self, msg: dict[str, Any]) -> None:
        line = json.dumps(msg, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise SinkError(f"cannot append: {exc.strerror or exc}", item=str(self.path)) from None

    def delivered(self, alert_id: str) -> bool | None:
        if not self.path.exists():
            return False
        needle = f'"alert_id": "{alert_id}"'
        with self.path.open(encoding="utf-8", errors="replace") as fh:
            return any(needle in line and line.endswith("\n") for line in fh)


class StdoutSink(Sink):
    def __init__(self, cfg: SinkConfig, out: IO[str] | None = None) -> None:
        self.name = cfg.name
        self.fmt = cfg.target
        self.out = out

    def send(self, msg: dict[str, Any]) -> None:
        out = self.out or sys.stdout
        out.write((json.dumps(msg, ensure_ascii=False) if self.fmt == "json" else text_of(msg)) + "\n")
        out.flush()


class _PostSink(Sink):
    def __init__(self, cfg: SinkConfig, fetcher: Fetcher, sleep: Any = time.sleep,
                 backoff_s: float = defaults.WATCH_BACKOFF_S) -> None:
        self.name = cfg.name
        self.url = cfg.target
        self.fetcher = fetcher
        self.retries = int(cfg.options.get("retries", defaults.WATCH_SINK_RETRIES))
        self.sleep = sleep
        self.backoff = backoff_s

    def body(self, msg: dict[str, Any]) -> bytes:
        raise NotImplementedError

    def headers(self, msg: dict[str, Any], body: bytes) -> dict[str, str]:
        return {"Content-Type": "application/json"}

    def send(self, msg: dict[str, Any]) -> None:
        body = self.body(msg)
        headers = self.headers(msg, body)
        last: FetchError | None = None
        for attempt in range(max(1, self.retries)):
            try:
                self.fetcher.post(self.url, body, headers=headers)
                return
            except FetchError as exc:
                last = exc
                if attempt + 1 < self.retries:
                    self.sleep(self.backoff * (2 ** attempt) * random.uniform(0.5, 1.5))
        assert last is not None
        raise SinkError(last.reason, item=self.url) from None


class WebhookSink(_PostSink):
    def __init__(self, cfg: SinkConfig, fetcher: Fetcher, sleep: Any = time.sleep,
                 backoff_s: float = defaults.WATCH_BACKOFF_S) -> None:
        super().__init__(cfg, fetcher, sleep, backoff_s)
        env = cfg.options.get("secret_env")
        self.secret = os.environ.get(str(env), "") if env else str(cfg.options.get("secret") or "")

    def body(self, msg: dict[str, Any]) -> bytes:
        return json.dumps(msg, ensure_ascii=False, sort_keys=True).encode("utf-8")

    def headers(self, msg: dict[str, Any], body: bytes) -> dict[str, str]:
        h = {"Content-Type": "application/json", "X-Sitrep-Alert-Id": str(msg.get("alert_id") or msg.get("digest_id")),
             "X-Sitrep-Event": str(msg.get("kind"))}
        if self.secret:
            h["X-Sitrep-Signature"] = signature(self.secret, body)
        return h


class SlackSink(_PostSink):
    def body(self, msg: dict[str, Any]) -> bytes:
        return json.dumps({"text": text_of(msg)}, ensure_ascii=False).encode("utf-8")


class EmailSink(Sink):
    """Plain-text e-mail via SMTP (stdlib smtplib); the Message-ID is derived from the
    alert id, so a resent alert is recognisably the same message."""

    def __init__(self, cfg: SinkConfig, fetcher: Fetcher) -> None:
        self.name = cfg.name
        self.to = cfg.target.split(",")
        o = cfg.options
        self.sender = str(o.get("from") or "sitrep@localhost")
        self.host = str(o.get("host") or "localhost")
        self.port = int(o.get("port") or 25)
        self.starttls = bool(o.get("starttls", False))
        self.username = o.get("username")
        self.password = os.environ.get(str(o["password_env"]), "") if o.get("password_env") else None
        self.prefix = str(o.get("subject_prefix") or "[sitrep]")
        self.policy = fetcher.policy

    def send(self, msg: dict[str, Any]) -> None:
        em = EmailMessage()
        ident = msg.get("alert_id") or msg.get("digest_id") or "x"
        if msg.get("kind") == "digest":
            em["Subject"] = f"{self.prefix} digest: {len(msg['alerts'])} alert(s)"
        else:
            em["Subject"] = f"{self.prefix} {msg['rule']}: {msg['summary']}"[:200]
        em["From"] = self.sender
        em["To"] = ", ".join(self.to)
        em["Date"] = formatdate(localtime=False)
        em["Message-ID"] = f"<{ident}@sitrep>"
        em.set_content(text_of(msg) + "\n\n" + json.dumps(msg, ensure_ascii=False, indent=2))
        try:
            check_host(self.host, self.port, self.policy, url=f"smtp://{self.host}:{self.port}")
            with smtplib.SMTP(self.host, self.port, timeout=self.policy.read_timeout_s) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.username:
                    smtp.login(str(self.username), self.password or "")
                smtp.send_message(em)
        except FetchError as exc:
            raise SinkError(exc.reason, item=f"smtp://{self.host}:{self.port}") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise SinkError(f"SMTP failed: {exc}", item=f"smtp://{self.host}:{self.port}") from None


def make_sink(cfg: SinkConfig, fetcher: Fetcher, *, out: IO[str] | None = None,
              backoff_s: float = defaults.WATCH_BACKOFF_S) -> Sink:
    if cfg.kind == "file":
        return FileSink(cfg)
    if cfg.kind == "stdout":
        return StdoutSink(cfg, out)
    if cfg.kind == "webhook":
        return WebhookSink(cfg, fetcher, backoff_s=backoff_s)
    if cfg.kind == "slack":
        return SlackSink(cfg, fetcher, backoff_s=backoff_s)
    if cfg.kind == "email":
        return EmailSink(cfg, fetcher)
    raise ValueError(f"unknown sink kind {cfg.kind!r}")


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url
