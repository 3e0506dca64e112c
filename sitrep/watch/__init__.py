"""Live monitoring: follow sources, code what is new within minutes, raise alerts.

    config.py   the YAML configuration, validated with errors naming file:line
    fetcher.py  polite fetching (per-host pacing, robots.txt, retries) over sitrep.fetch
    sources.py  one poll of a feed, news sitemap, web page or local folder
    state.py    the monitor's state in the store (items, validators, alert ledger)
    rules.py    alert rules over new and updated events
    sinks.py    file, stdout, webhook (HMAC-signed), Slack, e-mail
    runner.py   the Watcher (run_once / run_forever / status) and render_metrics
    commands.py ``sitrep watch``
"""

from sitrep.watch.config import WatchConfig, load_config
from sitrep.watch.runner import CycleReport, SourceStatus, Watcher, render_metrics

__all__ = ["CycleReport", "SourceStatus", "WatchConfig", "Watcher", "load_config", "render_metrics"]
