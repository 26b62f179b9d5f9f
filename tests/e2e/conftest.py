"""Browser tests: Playwright for Python driving Debian's Chromium, headless.

The browser is Debian's /usr/bin/chromium (installed by `.ci/system-deps test`); Playwright never downloads one.
All browser tests share one live server on localhost and one demo, committed once (the server's threads must see
it) and flushed when the last browser test is done (package scope). pytest-django's own `live_server` is not used:
it flushes the database after every test. So the tests must not break each other: a test that adds records
registers their models with `opruimen`, and after every test the row counts must be those of the demo.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from tests.conftest import demo_laden

# Playwright's sync API runs an event loop in this thread; the live server's data is set up
# through the ORM in the same thread, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("WERKPLAATS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_itemcollected(item: pytest.Item) -> None:
    item.add_marker(pytest.mark.e2e)
    # Declares the database, so that pytest-django creates it when only browser tests run; its per-test
    # transaction is left out below.
    item.add_marker(pytest.mark.django_db)
    if item.config.pluginmanager.hasplugin("xdist"):
        item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture(autouse=True)
def _django_db_marker():
    """Overrides pytest-django's fixture of the `django_db` mark for the browser tests: no transaction per test, as
    the server thread must see the committed demo (and, on PostgreSQL, has its own connection)."""


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run .ci/system-deps test (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Chromium reports what the Content-Security-Policy refused on its console; every browser test checks none.
    geweigerd = []
    page.on(
        "console",
        lambda bericht: geweigerd.append(bericht.text) if "Content Security Policy" in bericht.text else None,
    )
    yield page
    if geweigerd:
        context.close()
        pytest.fail(f"The Content-Security-Policy refused: {geweigerd}")
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def _tellingen() -> dict[str, int]:
    """Rows per model, leaving out what every visit writes (sessions, django-axes' log of logins) and the history of
    changes."""
    from django.apps import apps

    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
        and model._meta.app_label != "axes"
        and not model.__name__.startswith("Historical")
    }


class _WSGIServer(ThreadedWSGIServer):
    # Stopping waits for the request threads: on SQLite they use the test thread's in-memory connection, which must
    # not stop being shared while a request still closes it.
    daemon_threads = False


class _ServerThread(LiveServerThread):
    server_class = _WSGIServer


def _statische_bestanden(app):
    """Django's static files handler (as the live server has it), its files with a day's Cache-Control: Chromium
    fetches the style sheets and scripts once per browser context instead of asking again on every page (a crawl
    loads some 300 pages). A deployment serves them through WhiteNoise, with its own caching headers."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    class MetCache(StaticFilesHandler):
        def serve(self, request):
            response = super().serve(request)
            response["Cache-Control"] = "max-age=86400"
            return response

    return MetCache(app)


@dataclass
class Server:
    url: str
    tellingen: dict[str, int]  # rows per model after the demo was loaded


@pytest.fixture(scope="package")
def server(django_db_setup, django_db_blocker):
    """The live server of all browser tests, with the demo committed once; flushed after the last of them.

    As pytest-django's live server does, it shares an in-memory SQLite connection with its threads. A flush also
    removes what data migrations loaded (the quickscan instrument), so that is loaded again afterwards for the
    tests that follow in this process (and first, in case a flush came before).
    """
    from django.core.management import call_command
    from django.db import connections
    from django.test.utils import modify_settings

    from quickscan.instrument import paraplumodel_laden
    from quickscan.suggesties import suggesties_laden

    with django_db_blocker.unblock():
        paraplumodel_laden()
        suggesties_laden()
        demo_laden()
        tellingen = _tellingen()
    gedeeld = {conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()}
    for conn in gedeeld.values():
        conn.inc_thread_sharing()
    thread = _ServerThread("localhost", _statische_bestanden, connections_override=gedeeld)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        with modify_settings(ALLOWED_HOSTS={"append": thread.host}):
            yield Server(url=f"http://{thread.host}:{thread.port}", tellingen=tellingen)
    finally:
        thread.terminate()
        for conn in gedeeld.values():
            conn.dec_thread_sharing()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            paraplumodel_laden()
            suggesties_laden()


@pytest.fixture
def demo(server, django_db_blocker):
    """The shared demo, with the database open to this test and the server; returns the demo module."""
    from werkplaats import demo as demo_module

    with django_db_blocker.unblock():
        yield demo_module
        veranderd = {
            label: (server.tellingen[label], aantal)
            for label, aantal in _tellingen().items()
            if aantal != server.tellingen[label]
        }
    if veranderd:
        pytest.fail(f"The test left the shared demo changed (rows before, after): {veranderd}; see `opruimen`.")


@pytest.fixture
def opruimen(demo):
    """`opruimen(Score, Ronde)` at the start of a test: afterwards, delete the rows of these models that are newer
    than their newest row now, in the order given (dependants first)."""
    from django.db.models import Max

    grenzen = []

    def registreren(*modellen) -> None:
        for model in modellen:
            grenzen.append((model, model._base_manager.aggregate(grens=Max("pk"))["grens"] or 0))

    yield registreren
    for model, grens in grenzen:
        model._base_manager.filter(pk__gt=grens).delete()


def login(page, server, username: str, password: str) -> None:
    page.goto(f"{server.url}/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
