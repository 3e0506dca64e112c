"""Screenshots of the workspace pages for the README (docs/img/serve-*.png).

Serves a copy of a store (default: the demo store made by `make demo`) on 127.0.0.1,
logs in as a throw-away reviewer in Debian's headless Chromium, and saves each page
at 1,280 px (and the event list at a phone's 390 px), quantized to small PNGs.

    .venv/bin/python scripts/screenshots.py [--db demo-out/sitrep.db]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from selenium.webdriver.common.by import By  # noqa: E402
from test_web_browser import _driver  # noqa: E402
from web_helpers import serve  # noqa: E402

from sitrep.store import Store  # noqa: E402
from sitrep.web import create_app  # noqa: E402
from sitrep.web.auth import make_user  # noqa: E402


def shrink(path: Path) -> None:
    from PIL import Image

    img = Image.open(path).convert("RGB")
    img.quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=ROOT / "demo-out" / "sitrep.db")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.db"
        shutil.copy(args.db, db)
        store = Store.open(db)
        user = make_user(store, "analyst", "reviewer")
        sizes = store.cluster_sizes()
        merged = max(sizes, key=lambda c: (sizes[c][0], c))
        top = store.review_queue(limit=3)
        store.review(top[0].event.event_id, "correct", reviewer="analyst", changes={"fatalities": 3},
                     note="the ministry's later toll")
        from sitrep.analysis.sides import active_dyads

        pairs = active_dyads(store.events())
        driver = _driver()
        try:
            with serve(create_app(store)) as url:
                driver.get(url + "/login")
                driver.find_element(By.ID, "name").send_keys("analyst")
                driver.find_element(By.ID, "password").send_keys(user.password)
                driver.find_element(By.ID, "login").click()
                time.sleep(0.5)
                pages = [("events", "/"), ("map", "/map"), ("timeline", "/timeline"),
                         ("event", f"/events/{quote(merged)}"), ("queue", "/queue"), ("dyads", "/dyads")]
                if pairs:
                    pages.append(("dyad", f"/dyads/{quote(pairs[0].side_a)}/{quote(pairs[0].side_b)}"))
                pages.append(("reviewed", f"/events/{quote(top[0].event.event_id)}"))
                for name, path in pages:
                    driver.get(url + path)
                    time.sleep(0.3)
                    p = args.out / f"serve-{name}.png"
                    driver.save_screenshot(str(p))
                    shrink(p)
                    print(p, p.stat().st_size)
                driver.set_window_size(390, 844)
                driver.get(url + "/")
                p = args.out / "serve-phone.png"
                driver.save_screenshot(str(p))
                shrink(p)
                print(p, p.stat().st_size)
        finally:
            driver.quit()
            store.close()


if __name__ == "__main__":
    main()
