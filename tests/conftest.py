import os, pytest
from pathlib import Path

@pytest.fixture(scope="session")
def mnist_dir():
    "The real MNIST copy that $ANOMNIST_MNIST points at (CI sets it to ../shared/data/mnist)."
    p = os.environ.get("ANOMNIST_MNIST")
    if not p or not Path(p).is_dir(): pytest.skip("ANOMNIST_MNIST does not point at a MNIST folder")
    return Path(p)

# the slowest tests first (measured with --durations), so that no long test is handed out last and keeps one process
# working alone at the end (pytest-xdist gives out the first quarter of the tests in turn, the rest as processes free up)
SLOWEST = ("test_select_updates_one_detector_in_place", "test_bench_quick_runs_all_seventeen",
           "test_the_wheel_in_a_fresh_venv_builds_the_report", "test_one_class_quick_writes_the_table",
           "test_bench_video_quick_runs_every_detector", "test_video_tasks_run_through_the_grid_runner")

def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(SLOWEST)}
    items.sort(key=lambda item: rank.get(item.originalname, len(rank)))

@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """The tests use a cache of their own, apart from the user's, shared by the session's test processes (pytest-xdist
    workers) so that each t-SNE map is computed once (an entry being written by one is left to it)."""
    old = os.environ.get("ANOMNIST_CACHE")
    base = tmp_path_factory.getbasetemp()
    cache = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base)/"cache"
    cache.mkdir(exist_ok=True)
    os.environ["ANOMNIST_CACHE"] = str(cache)
    yield
    if old is None: os.environ.pop("ANOMNIST_CACHE", None)
    else: os.environ["ANOMNIST_CACHE"] = old


# ---- a real browser, for the report and the docs pages (tools/ensure_chromium.sh provides it)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# bokeh draws into canvases inside (nested) shadow roots: find them all, and count each one's inked pixels
CANVAS_INK = """() => { const out = [], walk = r => { for (const e of r.querySelectorAll('*')) {
        if (e.tagName === 'CANVAS') out.push(e); if (e.shadowRoot) walk(e.shadowRoot); } };
    walk(document);
    return out.map(c => { const x = c.getContext('2d'); if (!x || !c.width) return 0;
        const d = x.getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0 && (d[i-1] < 250 || d[i-2] < 250 || d[i-3] < 250)) n++;
        return n; }); }"""

@pytest.fixture(scope="session")
def browser():
    "Headless Chromium (the system's, else Playwright's), or a failure that says how to get one."
    import shutil
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
        if chromium is None and not Path(p.chromium.executable_path).exists():
            pytest.fail("no Chromium: run `bash tools/ensure_chromium.sh` (the README's test command does)")
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()

def open_page(browser, url, width=1400, height=1000):
    "A new page at `url`, and the list its JavaScript errors (uncaught, or logged as errors) are collected into."
    page, errors = browser.new_page(viewport={"width": width, "height": height}), []
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.goto(url, wait_until="load")
    return page, errors

def bokeh_ink(page) -> list[int]:
    "Inked pixels of every bokeh canvas on `page`, once at least one canvas exists."
    page.wait_for_function(f"() => ({CANVAS_INK})().length > 0", timeout=30000)
    page.wait_for_timeout(1500)
    return page.evaluate(CANVAS_INK)
