"""JupyterLab as a person uses it: open each notebook in headless Chromium, run all cells through
the interface, and check that no cell shows an error and every figure renders. And the book
(`make book`) as a reader opens it: from file://, offline, every page and figure loading and no
request leaving the folder.

Needs Debian's chromium and chromium-driver (`.ci/run` installs them); without them the test is
skipped with a message. Run it alone with `pytest -m browser`. Screenshots go to build/browser/.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from conftest import REPO

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SCREENSHOTS = REPO / "build" / "browser"
TOKEN = "multivector-browser-test"

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    pytest.skip(
        f"headless Chromium not found ({CHROMIUM}, {CHROMEDRIVER}): install it with "
        "'apt-get install chromium chromium-driver' (.ci/run does so as root) to run the "
        "JupyterLab and book browser tests",
        allow_module_level=True,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free localhost port, over a copy of the notebooks, with every
    notebook's figures and tables redirected to a temporary folder."""
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(REPO / "notebooks", work / "notebooks")
    settings = work / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # Render every cell, not only those in view, so all outputs can be checked.
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    # A person's JupyterLab shows figures inline: no MPLBACKEND inherited from a test runner.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(JUPYTERLAB_SETTINGS_DIR=str(work / "settings"),
               MULTIVECTOR_FIGURES_DIR=str(work / "figures"),
               MULTIVECTOR_TABLES_DIR=str(work / "tables"))  # fmt: skip
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={work / 'notebooks'}",
         "--allow-root", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.5)
    yield url
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1400,1000", "--disable-dev-shm-usage"]:  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


RUN_ALL = """
const done = arguments[arguments.length - 1];
const app = window.jupyterapp;
const panel = app.shell.currentWidget;
panel.sessionContext.ready
  .then(() => app.commands.execute('notebook:run-all-cells'))
  .then(() => done('ok'), e => done('failed: ' + e));
"""

STATE = """
const panel = window.jupyterapp.shell.currentWidget;
const cells = Array.from(panel.content.model.cells);
const code = cells.filter(c => c.type === 'code');
const outputs = code.flatMap(c => Array.from({length: c.outputs.length}, (_, i) => c.outputs.get(i)));
return {
  code: code.length,
  executed: code.filter(c => c.executionCount !== null).length,
  busy: panel.sessionContext.session?.kernel?.status !== 'idle',
  errors: outputs.filter(o => o.type === 'error').map(o => o.toJSON().ename),
  images: outputs.filter(o => 'image/png' in o.data).length,
  rendered: Array.from(document.querySelectorAll('.jp-RenderedImage img'))
    .filter(img => img.complete && img.naturalWidth > 0).length,
  stderr: outputs.filter(o => o.type === 'stream' && o.toJSON().name === 'stderr').length,
};
"""


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(lab, browser, notebook):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{lab}/lab/tree/{notebook.name}?token={TOKEN}&reset")
    WebDriverWait(browser, 90).until(ready.presence_of_element_located(
        (By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")))  # fmt: skip
    WebDriverWait(browser, 60).until(lambda b: b.execute_script(
        "const w = window.jupyterapp?.shell.currentWidget;"
        "return !!(w && w.sessionContext && w.sessionContext.session);"))  # fmt: skip
    browser.set_script_timeout(60)
    assert browser.execute_async_script(RUN_ALL) == "ok"
    state = {}

    def finished(b):
        state.update(b.execute_script(STATE))
        return state["executed"] == state["code"] and not state["busy"]

    WebDriverWait(browser, 300, poll_frequency=1).until(finished)
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script(STATE)["rendered"] >= state["images"]
    )
    state.update(browser.execute_script(STATE))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"{notebook.stem}.png"))
    assert state["errors"] == [], state
    assert state["stderr"] == 0, state
    assert state["images"] >= 1 and state["rendered"] >= state["images"], state


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    from helpers.notebooks import build_book

    out = tmp_path_factory.mktemp("book")
    return build_book(out, NOTEBOOKS, REPO / "figures", REPO / "tables")


PAGE = """
const images = Array.from(document.images);
return {
  title: document.title,
  images: images.length,
  loaded: images.filter(img => img.complete && img.naturalWidth > 0).length,
  requests: performance.getEntriesByType('resource').map(r => r.name),
  next: document.querySelector('a[rel=next]')?.href ?? null,
  folded: document.querySelectorAll('details.book-code:not([open])').length,
  visible_code: Array.from(document.querySelectorAll('details.book-code .jp-InputArea'))
    .filter(el => el.checkVisibility()).length,
};
"""


def test_book_opens_offline_from_file_urls(browser, book):
    """Start at the index and follow "next" to the end: every page opens, every image loads,
    code is folded, and nothing is requested except files in the book's folder."""
    from selenium.webdriver.support.ui import WebDriverWait

    folder = book[0].parent.as_uri()
    url, seen = book[0].as_uri(), []
    while url:
        browser.get(url)
        WebDriverWait(browser, 30).until(lambda b: b.execute_script(
            "return document.readyState === 'complete';"))  # fmt: skip
        state = browser.execute_script(PAGE)
        seen.append(url.rsplit("/", 1)[1])
        assert state["loaded"] == state["images"], (url, state)
        outside = [r for r in state["requests"] if not r.startswith(folder + "/")]
        assert outside == [], (url, outside)
        assert state["visible_code"] == 0, url  # folded: no code shows until opened
        url = state["next"]
    assert seen == [p.name for p in book]
    browser.get((book[0].parent / "figures.html").as_uri())
    state = browser.execute_script(PAGE)
    assert state["images"] == len(list((REPO / "figures").glob("*.png"))) == state["loaded"]
    browser.save_screenshot(str(SCREENSHOTS / "book_figures.png"))
