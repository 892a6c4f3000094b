"""Running Debian's headless Chromium on a local page with the network cut off."""
from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync",
         # Network off: any request that is not file:// goes nowhere.
         "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--window-size=1200,900"]
BUDGET_MS = 5000


def available() -> bool:
    return Path(CHROMIUM).exists()


def _run(page: Path, *extra: str, fragment: str = "", budget_ms: int = BUDGET_MS) -> str:
    url = Path(page).resolve().as_uri() + (f"#{quote(fragment, safe='=&,')}" if fragment else "")
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        done = subprocess.run([CHROMIUM, *FLAGS, f"--virtual-time-budget={budget_ms}",
                               f"--user-data-dir={profile}", *extra, url],
                              capture_output=True, text=True, timeout=90, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed on {page}: {done.stderr[-2000:]}")
    return done.stdout


def dump_dom(page: Path, fragment: str = "", budget_ms: int = BUDGET_MS) -> str:
    """The page's DOM after its scripts ran (serialised by Chromium), the page opened
    with ``#fragment`` when given."""
    return _run(page, "--dump-dom", fragment=fragment, budget_ms=budget_ms)


def stats_after_first_draw(page: Path, budgets_ms: tuple[int, ...] = (BUDGET_MS, 30000)) -> dict:
    """kgStats once the network has drawn a frame. Headless Chromium may end a run
    before its first animation frame (CI saw it once, with the nodes and edges
    already set), so a page that has not drawn yet is opened again with a longer budget; the
    stats of the last try are returned, drawn or not."""
    for budget in budgets_ms:
        stats = drawn_stats(dump_dom(page, budget_ms=budget))
        if stats["firstDrawMs"] is not None:
            break
    return stats


def screenshot(page: Path, png: Path) -> Path:
    _run(page, f"--screenshot={png}")
    return png


def drawn_stats(dom: str) -> dict:
    """window.kgStats as the page wrote it into <pre id="kg-stats">."""
    match = re.search(r'<pre id="kg-stats">(.*?)</pre>', dom, re.S)
    if not match or not match.group(1).strip():
        raise AssertionError("the page did not publish kgStats (did vis-network load?)")
    return json.loads(match.group(1))
