"""Helpers for the web tests: a small store of hand-built events from reworded news
sentences (one with XSS payloads as article text and actor name), and a real uvicorn
server on 127.0.0.1 in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store_helpers import make_event

from sitrep.models import Actor, Article, Place, article_id_for
from sitrep.store import Store

US = Actor(text="US", name="United States", country="USA", type="military", inter=8, code="USAMIL", start=0, end=2)
KH = Actor(text="Kataeb Hizbullah", name="Kataib Hezbollah", country="IRQ", type="militia", inter=3)
XSS_ACTOR = Actor(text="<img src=x onerror=alert(1)>", name="<img src=x onerror=alert(1)>", country="SYR",
                  type="militia", inter=3)

S1 = "US strikes killed four Kataeb Hizbullah fighters near al-Qaim on Sunday."
S2 = "Four Kataeb Hizbullah fighters were killed in US strikes near al-Qaim, officials said."
S3 = "Hundreds of students staged a protest in Baghdad on Monday."
S4 = "Gunmen attack a checkpoint in Aleppo <script>alert('xss')</script> killing two."
S5 = "Thousands joined a march in Beirut against the cost of living."


def place(name: str, country: str, admin1: str, lat: float, lon: float, text: str, sentence: str) -> Place:
    i = sentence.find(text)
    return Place(text=text, name=name, country=country, admin1=admin1, lat=lat, lon=lon, geo_precision=1,
                 start=i if i >= 0 else None, end=i + len(text) if i >= 0 else None)


@dataclass
class Built:
    store: Store
    assault: str  # the merged US-KH strike (two reports)
    protest: str  # Baghdad protest
    xss: str  # the Aleppo attack with the payloads
    march: str  # Beirut march


def build_store(path: Path) -> Built:
    s = Store.open(path)
    arts = {k: Article(text=t, id=article_id_for(t), date="2021-06-28", source=f"outlet-{k}", title=f"Report {k}")
            for k, t in (("1", S1), ("2", S2), ("3", S3), ("4", S4), ("5", S5))}
    s.add_articles(list(arts.values()))
    qaim1 = place("Al Qaim", "IRQ", "Anbar", 34.37, 41.09, "al-Qaim", S1)
    qaim2 = place("Al Qaim", "IRQ", "Anbar", 34.37, 41.09, "al-Qaim", S2)
    e1 = make_event(arts["1"].id, S1, S1, trigger="strikes", actor=[US], recipient=[KH], place=qaim1, fatalities=4,
                    confidence=0.9)
    e2 = make_event(arts["2"].id, S2, S2, trigger="killed", actor=[US], recipient=[KH], place=qaim2, fatalities=4,
                    confidence=0.7)
    e3 = make_event(arts["3"].id, S3, S3, trigger="protest", event="PROTEST",
                    place=place("Baghdad", "IRQ", "Baghdad", 33.34, 44.40, "Baghdad", S3), date="2021-06-28",
                    confidence=0.55)
    e4 = make_event(arts["4"].id, S4, S4, trigger="attack", actor=[XSS_ACTOR],
                    place=place("Aleppo", "SYR", "Aleppo", 36.2, 37.16, "Aleppo", S4), date="2021-06-27",
                    fatalities=2, confidence=0.6)
    e5 = make_event(arts["5"].id, S5, S5, trigger="march", event="PROTEST",
                    place=place("Beirut", "LBN", "Beirut", 33.89, 35.5, "Beirut", S5), date="2021-06-26",
                    confidence=0.8)
    for art, ev in (("1", e1), ("2", e2), ("3", e3), ("4", e4), ("5", e5)):
        s.add_events(arts[art], [ev])
    return Built(s, e1.event_id, e3.event_id, e4.event_id, e5.event_id)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
