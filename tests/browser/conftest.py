"""Browser tests: Playwright drives Debian's chromium against `shebao serve` in a subprocess.

Never a downloaded browser: chromium is /usr/bin/chromium (or $SHEBAO_CHROMIUM); `.ci/run`
installs it with apt when it is missing. Without it, or without the playwright package,
every test here is skipped with the reason. Screenshots go to tests/browser/screenshots/
(ignored by git).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.web.processes import Server

CHROMIUM = os.environ.get("SHEBAO_CHROMIUM", "/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
AXE = HERE.parents[1] / "node_modules" / "axe-core" / "axe.min.js"
AXE_CORE = "axe-core@4.11.4"  # the version .ci/run installs
PHONE = {"width": 360, "height": 740}


def _why_not() -> str | None:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"没有 chromium（{CHROMIUM}）：apt-get install chromium，或设 SHEBAO_CHROMIUM"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "没有安装 playwright：pip install -e '.[test]'"
    return None


@pytest.fixture(scope="session")
def site_data(tmp_path_factory) -> Path:
    """The data directory of the server under test (for `shebao users add --data-dir`)."""
    return tmp_path_factory.mktemp("browser-data")


@pytest.fixture(scope="session")
def site(site_data) -> str:
    """The address of a `shebao serve` of its own (one worker, a temporary data directory)."""
    if problem := _why_not():
        pytest.skip(problem)
    data = site_data
    server = Server("--workers", "1", "--data-dir", str(data))
    try:
        yield server.wait_until_ready().rstrip("/")
    finally:
        server.close()


@pytest.fixture(scope="session")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield launched
        launched.close()


@pytest.fixture
def phone(browser, site):
    """A phone-sized page (360×740) that knows the site's address. It lets the tests inject
    their tools (axe-core) past the content security policy; `strict_phone` does not."""
    yield from _page(browser, site, bypass_csp=True)


@pytest.fixture
def strict_phone(browser, site):
    """A phone-sized page that keeps to the site's content security policy, as a visitor's."""
    yield from _page(browser, site, bypass_csp=False)


def _page(browser, site: str, *, bypass_csp: bool):
    context = browser.new_context(
        viewport=PHONE, locale="zh-CN", base_url=site, bypass_csp=bypass_csp
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        if shutil.which("npm") is None:
            pytest.skip("没有 axe-core，也没有 npm 来安装它")
        pytest.skip(f"没有 {AXE}：在仓库根目录运行 npm install --prefix . --no-save {AXE_CORE}")
    return AXE
