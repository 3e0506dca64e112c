# ruff: noqa: B008  (FastAPI declares dependencies and form fields as argument defaults)
"""The ASGI app of ``sitrep serve``: an app factory over a Store.

Routes are thin: each calls one Store (or analysis) method; no SQL here.
Every HTML page has a JSON twin under ``/api``. Security lives in
:mod:`sitrep.web.guard` (headers, body limit) and :mod:`sitrep.web.auth`.
"""

from __future__ import annotations

import json
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlencode

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from sitrep import defaults
from sitrep.errors import InputError, ReviewError, StoreError
from sitrep.models import PLOVER_EVENTS
from sitrep.web import views
from sitrep.web.auth import SESSION_COOKIE, Auth, csrf_ok
from sitrep.web.guard import Guard

HERE = Path(__file__).parent
WRITE_ROLES = ("reviewer", "admin")


@dataclass
class Principal:
    name: str
    role: str
    via: str  # "session" or "token"
    csrf: str | None = None


class Stores:
    """One Store per server thread over the same open database, and one write lock."""

    def __init__(self, store: Any) -> None:
        self.main = store
        self.local = threading.local()
        self.write_lock = threading.Lock()

    def get(self) -> Any:
        s = getattr(self.local, "store", None)
        if s is None:
            s = self.main.sibling()
            self.local.store = s
        return s


class ReviewIn(BaseModel):
    """A review: ``changes`` names fields as the record does ({"event": "PROTEST"});
    split takes {"report": id}, merge {"with": event_id}, undo {"review_id": id} (optional)."""

    action: Literal["confirm", "reject", "correct", "split", "merge", "undo"]
    changes: dict[str, Any] | None = None
    note: str | None = Field(default=None, max_length=defaults.REVIEW_MAX_NOTE_CHARS)

    model_config = {"extra": "forbid"}


class ArticleIn(BaseModel):
    text: str = Field(max_length=defaults.MAX_ARTICLE_BYTES)
    id: str | None = Field(default=None, max_length=500)
    title: str | None = Field(default=None, max_length=2000)
    date: str | None = Field(default=None, max_length=40)
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=500)


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(max_length=10_000)
    default_date: str | None = Field(default=None, max_length=40)


def create_app(store: Any, *, public_read: bool = False, max_body: int = defaults.SERVE_MAX_BODY_BYTES,
               stores: Stores | None = None, watcher: Any | None = None, cache: bool = True) -> Any:
    """The workspace over ``store`` (a read-write :class:`~sitrep.store.Store`, owned by this app).

    ``public_read``: anyone may read without logging in (writes still need a reviewer).
    ``watcher``: a :class:`sitrep.watch.Watcher` this process runs (``sitrep serve --watch``):
    its sources' state at ``/watch`` and ``/api/watch``, Prometheus metrics at ``/metrics``;
    it writes under ``stores``' write lock (pass the same ``stores`` it was given).
    ``cache``: keep answers of reads until the next write (:mod:`sitrep.store.cache`; exact
    because the server is the store's one writer)."""
    if cache:
        store.enable_read_cache()
    stores = stores or Stores(store)
    auth = Auth(store.sibling())
    auth_lock = threading.Lock()
    app = FastAPI(title="sitrep", version="1", docs_url=None, redoc_url=None,
                  description="The analyst's workspace: events as reviewed, their evidence, reviews.")
    app.state.stores, app.state.auth, app.state.public_read = stores, auth, public_read
    app.add_middleware(Guard, max_body=max_body)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(plover_events=PLOVER_EVENTS, quote=quote)
    swagger = _swagger_dir()
    if swagger is not None:  # before /static, which would answer its paths first
        app.mount("/static/swagger", StaticFiles(directory=str(swagger)), name="swagger")
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # --- errors: clear 4xx, never a 500 for bad input -----------------------------------------------

    @app.exception_handler(ReviewError)
    async def _review_error(request: Request, exc: ReviewError) -> JSONResponse:
        return JSONResponse({"error": str(exc), "field": exc.item}, status_code=400)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        code = 404 if "no such" in str(exc) else 409
        return JSONResponse({"error": str(exc)}, status_code=code)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errs = [{"field": ".".join(str(x) for x in e.get("loc", ())), "error": e.get("msg")} for e in exc.errors()]
        return JSONResponse({"error": "invalid request", "details": errs}, status_code=422)

    # --- who is asking -------------------------------------------------------------------------------

    def principal(request: Request) -> Principal | None:
        authz = request.headers.get("authorization", "")
        if authz:
            scheme, _, token = authz.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise HTTPException(401, "Authorization must be: Bearer <token>",
                                    headers={"WWW-Authenticate": "Bearer"})
            with auth_lock:
                hit = auth.user_for_token(token.strip())
            if hit is None:
                raise HTTPException(401, "unknown or revoked token", headers={"WWW-Authenticate": "Bearer"})
            return Principal(hit[0], hit[1], "token")
        sess = auth.session(request.cookies.get(SESSION_COOKIE))
        if sess is not None:
            return Principal(sess.name, sess.role, "session", sess.csrf)
        return None

    def reader(request: Request) -> Principal | None:
        p = principal(request)
        if p is None and not public_read:
            raise HTTPException(401, "log in, or send Authorization: Bearer <token>",
                                headers={"WWW-Authenticate": "Bearer"})
        return p

    def writer(request: Request) -> Principal:
        p = principal(request)
        if p is None:
            raise HTTPException(401, "writing needs a reviewer's token or login", headers={"WWW-Authenticate": "Bearer"})
        if p.role not in WRITE_ROLES:
            raise HTTPException(403, f"{p.name} is a {p.role}: writing needs a reviewer")
        if p.via == "session" and not csrf_ok(request.headers.get("x-csrf-token"), p.csrf or ""):
            raise HTTPException(403, "missing or wrong CSRF token")
        return p

    def page_user(request: Request) -> Principal | None:
        p = principal(request)
        if p is None and not public_read:
            raise _LoginRedirect(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return p

    @app.exception_handler(_LoginRedirect)
    async def _to_login(request: Request, exc: _LoginRedirect) -> RedirectResponse:
        return RedirectResponse("/login?" + urlencode({"next": exc.next}), status_code=303)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    def render(request: Request, name: str, user: Principal | None, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"user": user, "public_read": public_read, **ctx})

    # --- API --------------------------------------------------------------------------------------------

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        """Liveness: the store answers."""
        s = stores.get()
        return {"status": "ok", "schema_version": s.schema_version}

    def event_filters(country: str | None = Query(None, max_length=200),
                      event_type: str | None = Query(None, max_length=200, description="ACLED event type or PLOVER type"),
                      sub_event_type: str | None = Query(None, max_length=200),
                      event: str | None = Query(None, max_length=40, description="PLOVER type"),
                      event_date_from: str | None = Query(None, max_length=10),
                      event_date_to: str | None = Query(None, max_length=10),
                      actor: str | None = Query(None, max_length=200),
                      dyad: str | None = Query(None, max_length=400, description="A,B"),
                      modality: str | None = Query(None, max_length=20),
                      min_confidence: float | None = Query(None, ge=0, le=1),
                      review: str | None = Query(None, max_length=20),
                      bbox: str | None = Query(None, max_length=200, description="lon_min,lat_min,lon_max,lat_max"),
                      q: str | None = Query(None, max_length=200, description="words of the evidence sentence"),
                      origin: str | None = Query(None, max_length=20),
                      reviewed_only: bool = False) -> dict[str, Any]:
        return {k: v for k, v in {
            "country": country, "event_type": event_type, "sub_event_type": sub_event_type, "event": event,
            "since": event_date_from, "until": event_date_to, "actor": actor,
            "dyad": dyad.split(",", 1) if dyad else None, "modality": modality, "min_confidence": min_confidence,
            "review": review, "bbox": bbox, "q": q, "origin": origin, "reviewed_only": reviewed_only,
        }.items() if v not in (None, "", False)}

    @app.get("/api/events", tags=["events"])
    def api_events(filters: dict[str, Any] = Depends(event_filters),
                   limit: int = Query(defaults.SERVE_DEFAULT_PAGE, ge=1, le=defaults.SERVE_MAX_PAGE),
                   cursor: str | None = Query(None, max_length=400),
                   format: Literal["json", "csv", "geojson"] = "json",
                   user: Principal | None = Depends(reader)) -> Any:
        """Events as reviewed, newest first: ``{"data": [...], "next": cursor}`` (ACLED's filter names)."""
        s = stores.get()
        if format == "csv":
            page, nxt = s.events_page(limit=limit, cursor=cursor, **filters)
            return Response(views.events_csv(page), media_type="text/csv; charset=utf-8",
                            headers={"X-Next-Cursor": nxt or "",
                                     "Content-Disposition": "attachment; filename=sitrep-events.csv"})
        if format == "geojson":
            page, nxt = s.events_page(limit=limit, cursor=cursor, **filters)
            return JSONResponse({**views.events_geojson(page), "next": nxt}, media_type="application/geo+json")
        return Response(views.events_json(s, limit=limit, cursor=cursor, filters=filters),
                        media_type="application/json")

    @app.get("/api/events/{event_id}", tags=["events"])
    def api_event(event_id: str, user: Principal | None = Depends(reader)) -> JSONResponse:
        """One event: the record as reviewed, every report behind it, why they merged, the reviews."""
        return views.FastJSONResponse(views.event_detail(stores.get(), _check_id(event_id)))

    @app.post("/api/events/{event_id}/review", tags=["reviews"])
    def api_review(event_id: str, body: ReviewIn, user: Principal = Depends(writer)) -> dict[str, Any]:
        """Confirm, reject, correct, split, merge or undo (a reviewer's token or session + CSRF)."""
        with stores.write_lock:
            rev = stores.get().review(_check_id(event_id), body.action, reviewer=user.name, changes=body.changes,
                                      note=body.note)
        return {"data": rev.to_dict(), "event": views.event_detail(stores.get(), rev.event_id)["data"]
                if body.action not in ("split",) else None}

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str, user: Principal | None = Depends(reader)) -> JSONResponse:
        """An article's text with the offsets of every event's trigger, actors and place."""
        return JSONResponse({"data": views.article_detail(stores.get(), _check_id(article_id))})

    @app.get("/api/dyads", tags=["dyads"])
    def api_dyads(event_date_from: str | None = Query(None, max_length=10),
                  event_date_to: str | None = Query(None, max_length=10),
                  limit: int = Query(50, ge=1, le=1000), cursor: str | None = Query(None, max_length=100),
                  user: Principal | None = Depends(reader)) -> dict[str, Any]:
        """The most active dyads (as ``sitrep dyads``); ``next`` pages on."""
        rows, nxt = views.dyads(stores.get(), since=event_date_from, until=event_date_to, limit=limit,
                                cursor=cursor)
        return {"data": [r.to_dict() for r in rows], "next": nxt}

    @app.get("/api/dyads/{side_a}/{side_b}", tags=["dyads"])
    def api_dyad(side_a: str, side_b: str, event_date_from: str | None = Query(None, max_length=10),
                 event_date_to: str | None = Query(None, max_length=10),
                 user: Principal | None = Depends(reader)) -> dict[str, Any]:
        """The dyad analysis of ``sitrep report`` (series, escalation, retaliation, truces, key events)."""
        return {"data": views.dyad_analysis(stores.get(), side_a[:200], side_b[:200], event_date_from,
                                            event_date_to).to_dict()}

    @app.get("/api/queue", tags=["reviews"])
    def api_queue(limit: int = Query(50, ge=1, le=500), filters: dict[str, Any] = Depends(event_filters),
                  user: Principal | None = Depends(reader)) -> dict[str, Any]:
        """Unreviewed events, most worth a look first, with the reasons."""
        filters.pop("review", None)
        items = stores.get().review_queue(limit=limit, **filters)
        return {"data": [{"score": i.score, "reasons": i.reasons, **i.event.to_dict()} for i in items], "next": None,
                "reviews": stores.get().review_counts()}

    @app.post("/api/ingest", tags=["ingest"])
    def api_ingest(body: IngestIn, user: Principal = Depends(writer)) -> dict[str, Any]:
        """Ingest articles through the server (what ``sitrep ingest --server`` sends)."""
        from sitrep.ingest.run import ingest

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "articles.jsonl"
            with open(path, "w", encoding="utf-8") as fh:
                for a in body.articles:
                    fh.write(json.dumps(a.model_dump(exclude_none=True), ensure_ascii=False) + "\n")
            with stores.write_lock:
                s = stores.get()
                before = s.stats()["failures"]
                summary = ingest([str(path)], s, progress=False, default_date=body.default_date)
                failures = s.failures()[before:]
        return {"data": summary.to_dict(), "failures": [f.to_dict() for f in failures]}

    @app.get("/openapi.json", include_in_schema=False)
    def openapi_json() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "docs.html", {"swagger": swagger is not None})

    # --- pages --------------------------------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, next: str = Query("/", max_length=500)) -> HTMLResponse:
        token = request.cookies.get("sitrep_login_csrf") or views.new_token()
        resp = render(request, "login.html", None, next=_safe_next(next), csrf=token, error=None)
        resp.set_cookie("sitrep_login_csrf", token, httponly=True, samesite="strict", max_age=3600)
        return resp

    @app.post("/login", include_in_schema=False)
    def login(request: Request, name: str = Form(..., max_length=64), password: str = Form(..., max_length=200),
              csrf: str = Form("", max_length=200), next: str = Form("/", max_length=500)) -> Response:
        if not csrf_ok(csrf, request.cookies.get("sitrep_login_csrf") or ""):
            return JSONResponse({"error": "missing or wrong CSRF token"}, status_code=403)
        client = request.client.host if request.client else "?"
        if auth.login_blocked(client, name):
            return JSONResponse({"error": "too many failed logins; wait a few minutes"}, status_code=429)
        with auth_lock:
            got = auth.login(client, name, password)
        if got is None:
            page = render(request, "login.html", None, next=_safe_next(next), csrf=csrf, error="wrong name or password")
            page.status_code = 401
            return page
        sid, _sess = got
        resp = RedirectResponse(_safe_next(next), status_code=303)
        resp.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="strict", max_age=int(defaults.SESSION_TTL_S))
        return resp

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, csrf: str = Form("", max_length=200)) -> Response:
        sess = auth.session(request.cookies.get(SESSION_COOKIE))
        if sess is not None and not csrf_ok(csrf, sess.csrf):
            return JSONResponse({"error": "missing or wrong CSRF token"}, status_code=403)
        auth.logout(request.cookies.get(SESSION_COOKIE))
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(SESSION_COOKIE)
        return resp

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, filters: dict[str, Any] = Depends(event_filters),
                    cursor: str | None = Query(None, max_length=400),
                    limit: int = Query(50, ge=1, le=defaults.SERVE_MAX_PAGE),
                    user: Principal | None = Depends(page_user)) -> HTMLResponse:
        page, nxt = stores.get().events_page(limit=limit, cursor=cursor, **filters)
        params = {k: v for k, v in request.query_params.items() if k != "cursor"}
        return render(request, "events.html", user, rows=[views.row(ev, st) for ev, st in page], params=params,
                      next_url=("/?" + urlencode({**params, "cursor": nxt})) if nxt else None,
                      csv_url="/api/events?" + urlencode({**params, "format": "csv"}),
                      filters=filters)

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, filters: dict[str, Any] = Depends(event_filters),
                 user: Principal | None = Depends(page_user)) -> HTMLResponse:
        pts = stores.get().map_points(limit=defaults.SERVE_MAP_POINTS, **filters)
        return render(request, "map.html", user, svg=views.map_svg(pts), n=len(pts), params=dict(request.query_params),
                      legend=views.legend(), limit=defaults.SERVE_MAP_POINTS)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, filters: dict[str, Any] = Depends(event_filters),
                      by: Literal["month", "week"] = "month",
                      user: Principal | None = Depends(page_user)) -> HTMLResponse:
        rows = stores.get().timeline(by=by, **filters)
        return render(request, "timeline.html", user, svg=views.timeline_svg(rows), by=by,
                      params=dict(request.query_params), legend=views.legend(), n=sum(r[2] for r in rows))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str, from_: str | None = Query(None, alias="from", max_length=10),
                   user: Principal | None = Depends(page_user)) -> HTMLResponse:
        s = stores.get()
        detail, article = views.event_page(s, _check_id(event_id))
        return render(request, "event.html", user, d=detail, ev=detail["data"], article=article,
                      nav_suffix="?from=queue" if from_ == "queue" else "",
                      color=views.COLORS.get(detail["data"]["event"], "#444"),
                      can_write=bool(user and user.role in WRITE_ROLES), csrf=user.csrf if user else None,
                      acled_subs=views.acled_subs())

    @app.get("/events/{event_id}/{step}", include_in_schema=False)
    def event_step(event_id: str, step: Literal["next", "prev"],
                   from_: str | None = Query(None, alias="from", max_length=10),
                   user: Principal | None = Depends(page_user)) -> RedirectResponse:
        """j/k: the event after or before this one (in the list, or in the queue with ?from=queue),
        looked up only when asked for, so showing an event page costs nothing extra."""
        prev_id, next_id = views.neighbours(stores.get(), _check_id(event_id), queue=from_ == "queue")
        target = next_id if step == "next" else prev_id
        if target is None:
            return RedirectResponse("/queue" if from_ == "queue" else "/", status_code=303)
        suffix = "?from=queue" if from_ == "queue" else ""
        return RedirectResponse(f"/events/{quote(target)}{suffix}", status_code=303)

    @app.post("/events/{event_id}/review", include_in_schema=False)
    def event_form_review(request: Request, event_id: str, action: str = Form(..., max_length=20),
                          field: str = Form("", max_length=40), value: str = Form("", max_length=200),
                          note: str = Form("", max_length=defaults.REVIEW_MAX_NOTE_CHARS),
                          csrf: str = Form("", max_length=200),
                          user: Principal | None = Depends(principal)) -> Response:
        """The no-JavaScript review form (the pages' script posts JSON to the API instead)."""
        if user is None:
            raise HTTPException(401, "log in to review")
        if user.role not in WRITE_ROLES:
            raise HTTPException(403, f"{user.name} is a {user.role}: writing needs a reviewer")
        if user.via != "session" or not csrf_ok(csrf, user.csrf or ""):
            raise HTTPException(403, "missing or wrong CSRF token")
        changes: dict[str, Any] | None = None
        if action == "correct":
            changes = {field: views.form_value(field, value)}
        elif action == "merge":
            changes = {"with": value.strip()}
        with stores.write_lock:
            rev = stores.get().review(_check_id(event_id), action, reviewer=user.name, changes=changes,
                                      note=note or None)
        return RedirectResponse(f"/events/{quote(rev.event_id)}", status_code=303)

    # --- live monitoring (sitrep serve --watch) -------------------------------------------------------

    def _watcher() -> Any:
        if watcher is None:
            raise HTTPException(404, "this server runs no monitor (start it with sitrep serve --watch CONFIG)")
        return watcher

    @app.get("/api/watch", tags=["watch"])
    def api_watch(user: Principal | None = Depends(reader)) -> dict[str, Any]:
        """Each followed source: last fetch, new items, errors, lag, circuit breaker."""
        return {"data": [st.to_dict() for st in _watcher().status()], "next": None}

    @app.get("/metrics", include_in_schema=False)
    def metrics(user: Principal | None = Depends(reader)) -> Response:
        """The monitor's counters in Prometheus' text format."""
        from sitrep.watch.runner import render_metrics

        return Response(render_metrics(_watcher()), media_type="text/plain; version=0.0.4")

    @app.get("/watch", response_class=HTMLResponse, include_in_schema=False)
    def watch_page(request: Request, user: Principal | None = Depends(page_user)) -> HTMLResponse:
        return render(request, "watch.html", user, sources=[st.to_dict() for st in _watcher().status()])

    @app.get("/queue", response_class=HTMLResponse, include_in_schema=False)
    def queue_page(request: Request, user: Principal | None = Depends(page_user)) -> HTMLResponse:
        s = stores.get()
        return render(request, "queue.html", user, items=s.review_queue(limit=100), counts=s.review_counts())

    @app.get("/dyads", response_class=HTMLResponse, include_in_schema=False)
    def dyads_page(request: Request, user: Principal | None = Depends(page_user)) -> HTMLResponse:
        rows, _ = views.dyads(stores.get(), limit=50)
        return render(request, "dyads.html", user, rows=rows)

    @app.get("/dyads/{side_a}/{side_b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, side_a: str, side_b: str, user: Principal | None = Depends(page_user)) -> HTMLResponse:
        res = views.dyad_analysis(stores.get(), side_a[:200], side_b[:200], None, None)
        return render(request, "dyad.html", user, d=res.to_dict(), svg=views.dyad_svg(res))

    return app


class _LoginRedirect(Exception):
    def __init__(self, next: str) -> None:
        self.next = next


def _check_id(value: str) -> str:
    if not value or len(value) > 200:
        raise ReviewError("not an id", item="id")
    return value


def _safe_next(target: str) -> str:
    """Only paths of this site after login (never another host)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _swagger_dir() -> Path | None:
    """swagger-ui's files from the swagger-ui-bundle package (the web extra), when installed."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    path = Path(swagger_ui_bundle.swagger_ui_path)
    return path if (path / "swagger-ui-bundle.js").exists() else None
