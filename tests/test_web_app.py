"""The workspace API and pages, driven over HTTP against a real uvicorn server on 127.0.0.1:
every endpoint, every review action, and the security rules."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'sitrep[web]')")

from web_helpers import Built, build_store, serve  # noqa: E402

from sitrep import defaults  # noqa: E402
from sitrep.models import Place  # noqa: E402
from sitrep.web import create_app  # noqa: E402
from sitrep.web.auth import make_user  # noqa: E402


@dataclass
class Web:
    url: str
    built: Built
    reviewer: str
    viewer: str
    password: str
    http: httpx.Client

    def get(self, path: str, token: str | None = None, **kw: object) -> httpx.Response:
        return self.http.get(self.url + path, headers={"Authorization": f"Bearer {token}"} if token else {}, **kw)

    def review(self, event_id: str, body: dict, token: str | None = None) -> httpx.Response:
        return self.http.post(f"{self.url}/api/events/{event_id}/review", json=body,
                              headers={"Authorization": f"Bearer {token or self.reviewer}"})


def _web(path: Path) -> Iterator[Web]:
    built = build_store(path)
    rev = make_user(built.store, "rita", "reviewer")
    view = make_user(built.store, "victor", "viewer")
    app = create_app(built.store, max_body=20_000)
    with serve(app) as url, httpx.Client(follow_redirects=False, timeout=30) as http:
        yield Web(url, built, rev.token, view.token, rev.password, http)
    built.store.close()


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    """One server for the tests that only read (or whose writes are refused)."""
    yield from _web(tmp_path_factory.mktemp("web") / "w.db")


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Web]:
    """A server of its own, for a test that writes."""
    yield from _web(tmp_path / "f.db")


@pytest.fixture
def public(tmp_path: Path) -> Iterator[Web]:
    built = build_store(tmp_path / "p.db")
    rev = make_user(built.store, "rita", "reviewer")
    with serve(create_app(built.store, public_read=True)) as url, httpx.Client(timeout=30) as http:
        yield Web(url, built, rev.token, "", rev.password, http)
    built.store.close()


def ids(resp: httpx.Response) -> set[str]:
    return {e["event_id"] for e in resp.json()["data"]}


# --- reading ------------------------------------------------------------------------------------


def test_health_answers_anyone(web: Web) -> None:
    r = web.get("/api/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_reading_needs_a_user_unless_public_read(web: Web, public: Web) -> None:
    assert web.get("/api/events").status_code == 401
    assert web.get("/api/events", "st_nope_nope").status_code == 401
    r = web.http.get(web.url + "/api/events", headers={"Authorization": "Basic abc"})
    assert r.status_code == 401
    assert web.get("/api/events", web.viewer).status_code == 200
    page = web.http.get(web.url + "/")
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert public.get("/api/events").status_code == 200
    assert public.http.get(public.url + "/").status_code == 200
    # anonymous reading never means anonymous writing
    assert public.http.post(f"{public.url}/api/events/{public.built.protest}/review",
                            json={"action": "confirm"}).status_code == 401


def test_event_list_keyset_paging(web: Web) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        r = web.get("/api/events", web.viewer, params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200
        seen += [e["event_id"] for e in r.json()["data"]]
        cursor = r.json()["next"]
        if cursor is None:
            break
    b = web.built
    assert sorted(seen) == sorted({b.assault, b.protest, b.xss, b.march})  # the two strike reports are one event
    dates = [e["date"] for e in web.get("/api/events", web.viewer).json()["data"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("params, expect", [
    ({"country": "Iraq"}, {"assault", "protest"}),
    ({"country": "LBN", "event_type": "PROTEST"}, {"march"}),
    ({"event_type": "Protests"}, set()),  # ACLED types are set by the coder; these hand-made events have none
    ({"event": "PROTEST"}, {"protest", "march"}),
    ({"event_date_from": "2021-06-27", "event_date_to": "2021-06-27"}, {"xss"}),
    ({"actor": "kataib"}, {"assault"}),
    ({"dyad": "Kataib Hezbollah,United States"}, {"assault"}),
    ({"modality": "asserted", "min_confidence": 0.85}, {"assault"}),
    ({"bbox": "36,35,38,37"}, {"xss"}),
    ({"q": "students"}, {"protest"}),
    ({"review": "unreviewed"}, {"assault", "protest", "xss", "march"}),
])
def test_event_filters(web: Web, params: dict, expect: set[str]) -> None:
    r = web.get("/api/events", web.viewer, params=params)
    assert r.status_code == 200, r.text
    assert ids(r) == {getattr(web.built, k) for k in expect}


def test_csv_and_geojson(web: Web) -> None:
    r = web.get("/api/events", web.viewer, params={"format": "csv", "country": "SYR"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["event_id"] for row in rows] == [web.built.xss]
    assert rows[0]["actor1"].startswith("<img")  # data kept as it is; only HTML escapes it
    g = web.get("/api/events", web.viewer, params={"format": "geojson"}).json()
    assert g["type"] == "FeatureCollection" and len(g["features"]) == 4
    aleppo = next(f for f in g["features"] if f["id"] == web.built.xss)
    assert aleppo["geometry"]["coordinates"] == [37.16, 36.2]


def test_event_detail_has_reports_merge_and_history(web: Web) -> None:
    d = web.get(f"/api/events/{web.built.assault}", web.viewer).json()
    assert d["data"]["event_id"] == web.built.assault and d["data"]["event"] == "ASSAULT"
    assert len(d["reports"]) == 2 and {r["founder"] for r in d["reports"]} == {True, False}
    joined = next(r for r in d["reports"] if not r["founder"])
    assert d["merge"]["checks"][joined["event_id"]] and d["history"] == []
    # a report's id finds its event too
    assert web.get(f"/api/events/{joined['event_id']}", web.viewer).json()["data"]["event_id"] == web.built.assault
    assert web.get("/api/events/e-0000", web.viewer).status_code == 404


def test_j_and_k_step_through_the_list(web: Web) -> None:
    order = [e["event_id"] for e in web.get("/api/events", web.viewer).json()["data"]]
    nxt = web.get(f"/events/{order[0]}/next", web.viewer)
    assert nxt.status_code == 303 and nxt.headers["location"] == f"/events/{order[1]}"
    assert web.get(f"/events/{order[1]}/prev", web.viewer).headers["location"] == f"/events/{order[0]}"
    assert web.get(f"/events/{order[-1]}/next", web.viewer).headers["location"] == "/"
    queued = web.get(f"/events/{order[0]}/next", web.viewer, params={"from": "queue"})
    assert queued.status_code == 303 and queued.headers["location"].endswith("?from=queue")


def test_article_has_text_and_offsets(web: Web) -> None:
    ev = web.get(f"/api/events/{web.built.march}", web.viewer).json()["data"]
    art = web.get(f"/api/articles/{ev['article_id']}", web.viewer).json()["data"]
    text = art["text"]
    spans = art["events"][0]["spans"]
    assert {s["kind"] for s in spans} == {"trigger", "place"}
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"]
    assert web.get("/api/articles/a-nope", web.viewer).status_code == 404


def test_dyads(web: Web) -> None:
    rows = web.get("/api/dyads", web.viewer).json()
    assert rows["next"] is None and rows["data"]
    top = rows["data"][0]
    assert top["total"] == 1 and top["fatalities"] == 4
    d = web.get(f"/api/dyads/{top['side_a']}/{top['side_b']}", web.viewer).json()["data"]
    assert d["sides"] == [top["side_a"], top["side_b"]] and d["events"] == 1
    assert web.get("/api/dyads", web.viewer, params={"cursor": "bogus"}).status_code == 400


def test_queue_lists_unreviewed_by_value(web: Web) -> None:
    q = web.get("/api/queue", web.viewer).json()
    assert q["data"][0]["event_id"] == web.built.xss  # uncertain (0.6), 2 killed, an actor seen nowhere else
    assert all(x["score"] >= y["score"] for x, y in zip(q["data"], q["data"][1:], strict=False))


# --- reviewing ------------------------------------------------------------------------------------


def test_confirm_and_reject(fresh: Web) -> None:
    b = fresh.built
    assert fresh.review(b.protest, {"action": "confirm", "note": "seen on video"}).status_code == 200
    assert ids(fresh.get("/api/events", fresh.viewer, params={"review": "confirmed"})) == {b.protest}
    assert ids(fresh.get("/api/events", fresh.viewer, params={"reviewed_only": "true"})) == {b.protest}
    assert fresh.review(b.march, {"action": "reject"}).status_code == 200
    assert b.march not in ids(fresh.get("/api/events", fresh.viewer))
    assert b.march not in fresh.get("/api/events", fresh.viewer, params={"format": "csv"}).text
    hist = fresh.get(f"/api/events/{b.protest}", fresh.viewer).json()["history"]
    assert [(h["action"], h["reviewer"], h["note"]) for h in hist] == [("confirm", "rita", "seen on video")]


def test_correct_then_undo(fresh: Web) -> None:
    b = fresh.built
    r = fresh.review(b.xss, {"action": "correct", "changes": {"event": "PROTEST", "fatalities": 0}})
    assert r.status_code == 200 and r.json()["data"]["before"] == {"event": "ASSAULT", "fatalities": 2}
    d = fresh.get(f"/api/events/{b.xss}", fresh.viewer).json()
    assert (d["data"]["event"], d["data"]["fatalities"]) == ("PROTEST", 0)
    assert d["coder"]["event"] == "ASSAULT"  # the coder's record stays
    assert ",PROTEST," in fresh.get("/api/events", fresh.viewer, params={"format": "csv", "country": "SYR"}).text
    assert fresh.review(b.xss, {"action": "undo"}).status_code == 200
    d = fresh.get(f"/api/events/{b.xss}", fresh.viewer).json()
    assert d["data"]["event"] == "ASSAULT" and d["review"]["status"] is None
    assert [h["undone"] for h in d["history"]] == [True, False]


def test_correct_actor_and_place(fresh: Web) -> None:
    b = fresh.built
    r = fresh.review(b.march, {"action": "correct", "changes": {"actor1": "Lebanese Communist Party",
                                                                "country": "Syria", "location": "Damascus"}})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["before"] == {"actor1": None, "country": "LBN", "location": "Beirut"}
    d = fresh.get(f"/api/events/{b.march}", fresh.viewer).json()["data"]
    assert [a["name"] for a in d["actor"]] == ["Lebanese Communist Party"]
    assert (d["location"]["name"], d["location"]["country"], d["location"]["lat"]) == ("Damascus", "SYR", None)
    assert ids(fresh.get("/api/events", fresh.viewer, params={"country": "SYR"})) == {b.xss, b.march}
    assert ids(fresh.get("/api/events", fresh.viewer, params={"actor": "communist"})) == {b.march}
    rows = fresh.get("/api/dyads", fresh.viewer).json()["data"]
    assert all("Lebanese Communist Party" not in (x["side_a"], x["side_b"]) for x in rows)  # no recipient: no pair


def test_split_merge_and_their_undo(fresh: Web) -> None:
    b = fresh.built
    report = next(r["event_id"] for r in fresh.get(f"/api/events/{b.assault}", fresh.viewer).json()["reports"]
                  if not r["founder"])
    assert fresh.review(b.assault, {"action": "split", "changes": {"report": report}}).status_code == 200
    assert ids(fresh.get("/api/events", fresh.viewer, params={"actor": "kataib"})) == {b.assault, report}
    assert fresh.review(b.assault, {"action": "merge", "changes": {"with": report}}).status_code == 200
    assert ids(fresh.get("/api/events", fresh.viewer, params={"actor": "kataib"})) == {b.assault}
    assert fresh.review(b.assault, {"action": "undo"}).status_code == 200  # undoes the merge
    assert ids(fresh.get("/api/events", fresh.viewer, params={"actor": "kataib"})) == {b.assault, report}
    hist = [h["action"] for h in fresh.get(f"/api/events/{b.assault}", fresh.viewer).json()["history"]]
    assert hist == ["split", "merge", "undo"]
    r = fresh.review(b.protest, {"action": "split"})
    assert r.status_code == 400 and "one report" in r.json()["error"]


def test_recode_keeps_the_review_and_flags_it(fresh: Web) -> None:
    import dataclasses

    b = fresh.built
    fresh.review(b.protest, {"action": "correct", "changes": {"fatalities": 1}})
    store = fresh.built.store.sibling()
    coder_ev = next(e for e, _ in store.article_events(
        fresh.get(f"/api/events/{b.protest}", fresh.viewer).json()["data"]["article_id"]))
    res = store.recode_article(coder_ev.article_id, [dataclasses.replace(coder_ev, confidence=0.95)])
    assert res.reviews_kept == [b.protest] and res.reviews_changed == [b.protest]
    d = fresh.get(f"/api/events/{b.protest}", fresh.viewer).json()
    assert d["data"]["fatalities"] == 1 and d["review"]["stale"] is True
    assert ids(fresh.get("/api/events", fresh.viewer, params={"review": "stale"})) == {b.protest}


def test_answers_after_a_write_are_fresh(fresh: Web) -> None:
    """The server keeps answers of reads until the next write: a review, or events written by
    another Store of the server's process (the monitor's), shows in the very next answer."""
    from store_helpers import make_event

    from sitrep.models import Article, article_id_for

    b = fresh.built
    q = {"country": "SYR"}
    before = fresh.get("/api/events", fresh.viewer, params=q).json()
    assert fresh.get("/api/events", fresh.viewer, params=q).json() == before  # kept, same answer
    assert fresh.get(f"/api/events/{b.xss}", fresh.viewer).json()["data"]["event"] == "ASSAULT"
    page = fresh.http.get(f"{fresh.url}/events/{b.xss}", headers={"Authorization": f"Bearer {fresh.viewer}"})
    assert "not reviewed yet" in page.text and "by rita" not in page.text
    assert fresh.review(b.xss, {"action": "correct", "changes": {"event": "PROTEST"}}).status_code == 200
    after = fresh.get("/api/events", fresh.viewer, params=q).json()
    assert [(e["event_id"], e["event"], e["review"]["status"]) for e in after["data"]] == \
        [(b.xss, "PROTEST", "corrected")]
    d = fresh.get(f"/api/events/{b.xss}", fresh.viewer).json()
    assert d["data"]["event"] == "PROTEST" and [h["action"] for h in d["history"]] == ["correct"]
    page = fresh.http.get(f"{fresh.url}/events/{b.xss}", headers={"Authorization": f"Bearer {fresh.viewer}"})
    assert "not reviewed yet" not in page.text and "<b>correct</b> by rita" in page.text
    # an ingest by another Store of this process (as `sitrep serve --watch` writes)
    text = "Protesters rallied in Aleppo on Friday against the siege."
    art = Article(text=text, id=article_id_for(text), date="2021-07-02")
    writer = b.store.sibling()
    writer.add_articles([art])
    ev = make_event(art.id, text, text, trigger="rallied", event="PROTEST", date="2021-07-02",
                    place=Place(text="Aleppo", name="Aleppo", country="SYR", admin1="Aleppo", lat=36.2, lon=37.16,
                                geo_precision=1))
    writer.add_events(art, [ev])
    assert ids(fresh.get("/api/events", fresh.viewer, params=q)) == {b.xss, ev.event_id}


@pytest.mark.parametrize("body, status, field", [
    ({"action": "delete"}, 422, None),
    ({"action": "correct", "changes": {"event": "FIGHT"}}, 400, "event"),
    ({"action": "correct", "changes": {"fatalities": -3}}, 400, "fatalities"),
    ({"action": "correct", "changes": {"fatalities": 10**12}}, 400, "fatalities"),
    ({"action": "correct", "changes": {"evidence": "x"}}, 400, "evidence"),
    ({"action": "confirm", "extra": 1}, 422, None),
    ({"action": "merge", "changes": {"with": 5}}, 400, "changes"),
    ({"action": "correct", "changes": {"country": "Atlantis"}}, 400, "country"),
    ({"action": "correct", "changes": {"latitude": 123.0}}, 400, "latitude"),
    ({"action": "undo"}, 400, None),
])
def test_bad_reviews_are_clear_4xx(web: Web, body: dict, status: int, field: str | None) -> None:
    r = web.review(web.built.march, body)
    assert r.status_code == status, r.text
    if field:
        assert r.json()["field"] == field
    assert web.review("e-missing", {"action": "confirm"}).status_code == 404


# --- security ----------------------------------------------------------------------------------------


def test_writes_need_a_reviewer(web: Web) -> None:
    url = f"{web.url}/api/events/{web.built.march}/review"
    assert web.http.post(url, json={"action": "confirm"}).status_code == 401
    assert web.review(web.built.march, {"action": "confirm"}, token=web.viewer).status_code == 403
    assert web.review(web.built.march, {"action": "confirm"}, token="st_x_y").status_code == 401
    assert web.get(f"/api/events/{web.built.march}", web.viewer).json()["history"] == []


def _login(web: Web, name: str, password: str, next: str = "/") -> httpx.Response:
    """Log in through the form; the client's cookie jar keeps the session."""
    page = web.http.get(web.url + "/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    return web.http.post(web.url + "/login", data={"name": name, "password": password, "csrf": token, "next": next})


def test_session_login_cookie_flags_and_csrf(fresh: Web) -> None:
    fresh.http.get(fresh.url + "/login")
    assert fresh.http.post(fresh.url + "/login", data={"name": "rita", "password": fresh.password}
                           ).status_code == 403  # no CSRF token
    r = _login(fresh, "rita", fresh.password)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    url = f"{fresh.url}/api/events/{fresh.built.march}/review"
    assert fresh.http.post(url, json={"action": "confirm"}).status_code == 403  # session, no X-CSRF-Token
    home = fresh.http.get(fresh.url + "/")
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1)  # type: ignore[union-attr]
    assert fresh.http.post(url, json={"action": "confirm"}, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    assert fresh.http.post(url, json={"action": "confirm"}, headers={"X-CSRF-Token": csrf}).status_code == 200
    # the no-JavaScript form: without its CSRF field, 403; with it, the review is stored
    form = f"{fresh.url}/events/{fresh.built.protest}/review"
    assert fresh.http.post(form, data={"action": "reject"}).status_code == 403
    assert fresh.http.post(form, data={"action": "reject", "csrf": csrf}).status_code == 303
    assert fresh.get(f"/api/events/{fresh.built.protest}", fresh.viewer).json()["review"]["status"] == "rejected"
    # merging from the page's form
    merge = f"{fresh.url}/events/{fresh.built.xss}/review"
    assert fresh.http.post(merge, data={"action": "merge", "value": fresh.built.march, "csrf": csrf}).status_code == 303
    assert len(fresh.get(f"/api/events/{fresh.built.xss}", fresh.viewer).json()["reports"]) == 2
    # a forged next= never leaves the site
    assert _login(fresh, "rita", fresh.password, next="//evil.example/x").headers["location"] == "/"


def test_sessions_survive_a_restart_and_logout_ends_them(fresh: Web) -> None:
    """Logins are stored (the session id only as its sha256): a new server over the same store
    knows the cookie and its CSRF token; logging out ends the session there too."""
    import hashlib

    r = _login(fresh, "rita", fresh.password)
    sid = fresh.http.cookies["sitrep_session"]
    home = fresh.http.get(fresh.url + "/")
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1)  # type: ignore[union-attr]
    assert r.status_code == 303 and home.status_code == 200
    store = fresh.built.store
    rows = store.sibling()._connect().execute("SELECT sid_hash, name FROM sessions").fetchall()
    assert rows == [(hashlib.sha256(sid.encode()).hexdigest(), "rita")]  # never the id itself
    cookies = {"sitrep_session": sid}
    with serve(create_app(store)) as url2, httpx.Client(timeout=30, cookies=cookies) as http2:  # "restarted"
        assert http2.get(url2 + "/", follow_redirects=False).status_code == 200
        ok = http2.post(f"{url2}/api/events/{fresh.built.march}/review", json={"action": "confirm"},
                        headers={"X-CSRF-Token": csrf})
        assert ok.status_code == 200 and ok.json()["data"]["reviewer"] == "rita"
        assert http2.post(url2 + "/logout", data={"csrf": csrf}).status_code == 303
    with serve(create_app(store)) as url3, httpx.Client(timeout=30, cookies=cookies) as http3:
        assert http3.get(url3 + "/", follow_redirects=False).status_code == 303  # to the login page
    assert store.sibling()._connect().execute("SELECT count(*) FROM sessions").fetchone() == (0,)


def test_login_attempts_are_rate_limited(fresh: Web) -> None:
    for _ in range(defaults.LOGIN_MAX_FAILURES):
        assert _login(fresh, "rita", "wrong").status_code == 401
    assert _login(fresh, "rita", fresh.password).status_code == 429
    # many names from one address hit the address's own limit
    for k in range(defaults.LOGIN_MAX_FAILURES_PER_CLIENT - defaults.LOGIN_MAX_FAILURES):
        assert _login(fresh, f"guess{k}", "wrong").status_code == 401
    assert _login(fresh, "someone", "wrong").status_code == 429


def test_xss_payloads_render_inert(web: Web) -> None:
    r = web.http.get(f"{web.url}/events/{web.built.xss}", headers={"Authorization": f"Bearer {web.viewer}"})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "&lt;script&gt;alert" in r.text
    assert "<img src=x" not in r.text and "&lt;img src=x onerror=alert(1)&gt;" in r.text
    for path in ("/", "/map", "/queue", "/dyads"):
        page = web.http.get(web.url + path, headers={"Authorization": f"Bearer {web.viewer}"}).text
        assert "<script>alert" not in page and "<img src=x" not in page, path


@pytest.mark.parametrize("payload", ["'; DROP TABLE events; --", "\" OR 1=1 --", "%", "_", "\\", "Kataib%'--",
                                     "1e309", "\x00", "🙂' UNION SELECT * FROM users --"])
def test_sql_metacharacters_in_every_filter_are_harmless(web: Web, payload: str) -> None:
    names = ("country", "event_type", "sub_event_type", "event", "event_date_from", "event_date_to", "actor",
             "dyad", "modality", "min_confidence", "review", "bbox", "q", "cursor", "limit", "format")
    for name in names:
        r = web.get("/api/events", web.viewer, params={name: payload})
        assert r.status_code in (200, 400, 422), (name, r.status_code, r.text)
        if r.status_code == 200:
            assert r.json()["data"] == [] or name == "review", name
    assert web.built.store.sibling().stats()["events"] == 5


def test_oversize_bodies_get_413(web: Web) -> None:
    big = {"action": "correct", "changes": {"mode": "x"}, "note": "y" * 30_000}
    assert web.review(web.built.march, big).status_code == 413

    def chunks() -> Iterator[bytes]:
        yield b'{"action": "confirm", "note": "'
        for _ in range(30):
            yield b"z" * 1000
        yield b'"}'

    r = web.http.post(f"{web.url}/api/events/{web.built.march}/review", content=chunks(),
                      headers={"Authorization": f"Bearer {web.reviewer}", "Content-Type": "application/json"})
    assert r.status_code == 413
    assert web.get(f"/api/events/{web.built.march}", web.viewer).json()["history"] == []


def test_headers_forbid_outside_sources(web: Web) -> None:
    for path in ("/api/health", "/login", "/docs"):
        r = web.http.get(web.url + path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "http" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_load_nothing_from_outside(web: Web) -> None:
    h = {"Authorization": f"Bearer {web.viewer}"}
    for path in ("/", "/map", "/timeline", f"/events/{web.built.assault}", "/queue", "/dyads", "/docs", "/login"):
        r = web.http.get(web.url + path, headers=h)
        assert r.status_code == 200, path
        refs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
        assert refs and all(u.startswith(("/", "#", "data:")) for u in refs), (path, refs)


def test_openapi_and_docs_are_local(web: Web) -> None:
    spec = web.http.get(web.url + "/openapi.json").json()
    for p in ("/api/events", "/api/events/{event_id}", "/api/events/{event_id}/review", "/api/articles/{article_id}",
              "/api/dyads", "/api/dyads/{side_a}/{side_b}", "/api/health"):
        assert p in spec["paths"], p
    docs = web.http.get(web.url + "/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs
    assert web.http.get(web.url + "/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_event_page_marks_trigger_and_place_in_the_article(web: Web) -> None:
    page = web.get(f"/events/{web.built.march}", web.viewer).text
    assert '<mark class="trigger">march</mark>' in page
    assert '<mark class="place">Beirut</mark>' in page
    assert '<mark class="sentence">Thousands joined a </mark>' in page
