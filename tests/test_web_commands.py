"""`sitrep serve`, `sitrep users` and the one-writer rule (`sitrep ingest` against a served store)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'sitrep[web]')")

from web_helpers import build_store, free_port, serve  # noqa: E402

from sitrep.cli import main  # noqa: E402
from sitrep.errors import MissingDependencyError  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.web import create_app  # noqa: E402
from sitrep.web.auth import make_user  # noqa: E402
from sitrep.web.served import marker  # noqa: E402

ARTICLE = ("Police fired tear gas at hundreds of protesters in Nairobi on Tuesday, witnesses said. "
           "The demonstrators were marching against new taxes.")


def test_users_add_prints_secrets_once_and_stores_hashes(tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    Store.open(db).close()
    r = CliRunner().invoke(main, ["users", "add", "rita", "--role", "reviewer", "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    got = json.loads(r.output)
    assert set(got) == {"name", "role", "password", "token"} and got["role"] == "reviewer"
    store = Store.open(db, read_only=True)
    user = store.user("rita")
    assert user is not None and user.password_hash.startswith("$argon2id$")
    assert got["password"] not in user.password_hash and got["token"] not in user.token_hash
    store.close()
    raw = db.read_bytes()
    assert got["password"].encode() not in raw and got["token"].encode() not in raw
    again = CliRunner().invoke(main, ["users", "add", "rita", "--role", "viewer", "--db", str(db)])
    assert again.exit_code == 1 and "exists" in again.output and "Traceback" not in again.output
    bad = CliRunner().invoke(main, ["users", "add", "x", "--role", "root", "--db", str(db)])
    assert bad.exit_code == 2


def test_ingest_stops_with_a_message_when_a_server_owns_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store.open(db).close()
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    owner = subprocess.Popen(["sleep", "30"])  # stands for the server process
    try:
        marker(db).write_text(json.dumps({"url": "http://127.0.0.1:8123", "pid": owner.pid}), encoding="utf-8")
        for args in (["ingest", str(src), "--db", str(db)], ["users", "add", "x", "--role", "viewer", "--db", str(db)]):
            r = CliRunner().invoke(main, args)
            assert r.exit_code == 1, r.output
            assert "served by `sitrep serve` at http://127.0.0.1:8123" in r.output and "--server" in r.output
            assert "Traceback" not in r.output
    finally:
        owner.kill()
        owner.wait()
    # a marker left by a server that died does not block anyone
    r = CliRunner().invoke(main, ["users", "add", "x", "--role", "viewer", "--db", str(db)])
    assert r.exit_code == 0, r.output


def test_ingest_through_the_server(tmp_path: Path) -> None:
    built = build_store(tmp_path / "i.db")
    user = make_user(built.store, "rita", "reviewer")
    viewer = make_user(built.store, "vic", "viewer")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "nairobi-1", "text": ARTICLE, "date": "2024-06-25"}) + "\n"
                   + "{not json\n", encoding="utf-8")
    with serve(create_app(built.store)) as url:
        denied = CliRunner().invoke(main, ["ingest", str(src), "--server", url, "--token", viewer.token])
        assert denied.exit_code == 1 and "403" in denied.output
        r = CliRunner().invoke(main, ["ingest", str(src), "--server", url, "--token", user.token, "--json"])
        assert r.exit_code == 0, r.output
        summary = json.loads(r.output.splitlines()[0])
        assert summary["articles_new"] == 1 and summary["events_new"] >= 1
        assert "failed" in r.output  # the broken line is named, the batch went on
        evs = httpx.get(url + "/api/events", params={"q": "tear gas"},
                        headers={"Authorization": f"Bearer {user.token}"}).json()["data"]
        assert evs and evs[0]["date"] == "2024-06-25"
    built.store.close()


def test_serve_command_owns_the_store_and_lets_go(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    build_store(db).store.close()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, "sitrep serve exited"
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        assert json.loads(marker(db).read_text())["pid"] == proc.pid
        assert httpx.get(f"http://127.0.0.1:{port}/api/events").status_code == 401  # no --public-read
        r = CliRunner().invoke(main, ["events", "--db", str(db)])
        assert r.exit_code == 1 and "Traceback" not in r.output
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert not marker(db).exists()
    assert "127.0.0.1" in err and "Traceback" not in err
    with Store.open(db, read_only=True) as after:
        assert after.stats()["events"] == 5  # nothing lost


def test_missing_web_extra_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)
    with pytest.raises(MissingDependencyError, match=r"sitrep\[web\]"):
        create_app(object())


def test_marker_of_own_process_is_ignored(tmp_path: Path) -> None:
    from sitrep.web.served import check_not_served

    db = tmp_path / "o.db"
    marker(db).write_text(json.dumps({"url": "x", "pid": os.getpid()}), encoding="utf-8")
    check_not_served(db)  # the server itself may write


def test_serve_with_a_watcher_shows_its_sources_and_metrics(tmp_path: Path) -> None:
    """`sitrep serve --watch`: the monitor runs in the server's process, writes under the
    server's write lock, and its state is at /api/watch, /watch and /metrics."""
    import threading

    import httpx
    from net_helpers import LoopbackServer, wait_for
    from test_watch import FAST, CasualtyCoder, FeedRoute, story, write_config
    from web_helpers import serve

    from sitrep.store import Store
    from sitrep.watch import Watcher, load_config
    from sitrep.web import create_app
    from sitrep.web.app import Stores

    route = FeedRoute([("A0", "http://127.0.0.1:1/s0", story(7, 3), "Mon, 05 Jul 2021 10:00:00 +0000")])
    with LoopbackServer({"/feed.xml": route}) as feed:
        cfg = write_config(tmp_path, f"sources:\n  - url: {feed.url('/feed.xml')}\n    every: 1s\n"
                                     f"allow_addresses: [127.0.0.1]\n{FAST}")
        store = Store.open(tmp_path / "s.db")
        stores = Stores(store)
        watcher = Watcher(load_config(cfg), store.sibling(), coder=CasualtyCoder(), write_lock=stores.write_lock)
        stop = threading.Event()
        follow = threading.Thread(target=watcher.run_forever, args=(stop,), daemon=True)
        follow.start()
        try:
            with serve(create_app(store, public_read=True, stores=stores, watcher=watcher)) as url:
                assert wait_for(lambda: httpx.get(f"{url}/api/events").json()["data"] != [], timeout=30)
                [src] = httpx.get(f"{url}/api/watch").json()["data"]
                assert src["location"] == feed.url("/feed.xml") and src["items"].get("done") == 1
                page = httpx.get(f"{url}/watch")
                assert page.status_code == 200 and feed.url("/feed.xml") in page.text
                metrics = httpx.get(f"{url}/metrics")
                assert metrics.status_code == 200 and "sitrep_watch" in metrics.text
        finally:
            stop.set()
            follow.join(timeout=30)
            watcher.close()
            store.close()


def test_a_server_without_a_watcher_says_so(tmp_path: Path) -> None:
    import httpx
    from web_helpers import serve

    from sitrep.store import Store
    from sitrep.web import create_app

    store = Store.open(tmp_path / "s.db")
    try:
        with serve(create_app(store, public_read=True)) as url:
            res = httpx.get(f"{url}/metrics")
            assert res.status_code == 404 and "sitrep serve --watch" in res.text
    finally:
        store.close()
