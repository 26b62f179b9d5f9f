"""Fixtures of the whole suite: fast settings, a small factory world, and shared records built once per process.

The demo (`load_demo`, about 4 s) is the expensive world; the permission matrix's world is cheap but asked for by
about 800 tests. Every test that asks for `demo` (or `gedeelde_matrix`) shares one build per process:
`GedeeldeGegevens` builds it inside an outer transaction that is opened before the test's own (`db`), so each test
rolls back to its savepoint and the records stay for the next one. The matrix tests run after the plain ones, then
the demo tests, then the browser tests (`pytest_collection_modifyitems`); under `--dist loadgroup` each shared set
forms a group ("matrix", "demo") that one worker runs in collection order. An outer transaction is rolled back when
the first test without it comes, and at the end. The browser tests (tests/e2e/) commit their own demo once behind one
live server.

`load_demo` runs are counted and shown in the terminal summary.
"""

import datetime
import functools
import io
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import override_settings

from quickscan.models import Actie, Element, Ronde
from tests.factories import (
    AfdelingFactory,
    OrganisatieFactory,
    UserFactory,
    WerkplaatsFactory,
    coordinator_van,
    lectoraat_van,
    leider_van,
    maak_ronde,
)
from werkplaats.models import Afdeling, Organisatie, User, Werkplaats

SNELLE_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test databases are made from the models (`--no-migrations`, pyproject.toml's addopts: rendering the
    migrations' states cost 8 s of every worker), and what the data migrations load, the quickscan instrument, is
    loaded here. The migrations themselves run where a test builds a database as a site does: `manage.py migrate` in
    tests/werkplaats/test_backup.py (SQLite and PostgreSQL) and test_sqlite_gelijktijdig.py; `makemigrations --check`
    in `make lint` keeps them equal to the models."""
    from quickscan.instrument import paraplumodel_laden
    from quickscan.suggesties import suggesties_laden

    with django_db_blocker.unblock():
        paraplumodel_laden()
        suggesties_laden()


@pytest.fixture(scope="session")
def gemigreerde_sqlite(tmp_path_factory) -> Path:
    """A SQLite file that `manage.py migrate` made in a process of its own, once per worker: the tests that start the
    app's own processes on a database file (backup and restore, concurrent writers; the xdist group "sqlite_bestand")
    copy it with `sqlite_kopie` instead of migrating again (8 s each)."""
    import os
    import sqlite3
    import subprocess
    import sys

    bestand = tmp_path_factory.mktemp("gemigreerd") / "db.sqlite3"
    omgeving = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{bestand}",
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "tests.instellingen_subproces",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=Path(__file__).resolve().parent.parent,
        env=omgeving,
        check=True,
        timeout=300,
    )
    with sqlite3.connect(bestand) as verbinding:  # everything in the file itself, none left in its write-ahead log
        verbinding.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return bestand


def sqlite_kopie(bron: Path, doel: Path) -> None:
    """A consistent copy of a SQLite database (SQLite's own backup)."""
    import sqlite3

    with sqlite3.connect(bron) as van, sqlite3.connect(doel) as naar:
        van.backup(naar)


@pytest.fixture(autouse=True)
def _taal():
    """Every test starts in the site's language: a request in English (the language switch) leaves its language
    active in the thread, which would otherwise carry over into the next test's mails and pages."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    """Templates resolve {% static %} without a collectstatic manifest; passwords hash fast; stored files and the
    chart cache live in the test run's temporary directory (one per xdist worker)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = SNELLE_HASHERS
    basis = tmp_path_factory.getbasetemp()
    settings.MEDIA_ROOT = str(basis / "media")
    grafieken = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(basis / "grafieken")}
    settings.CACHES = {**settings.CACHES, "grafieken": grafieken}


@pytest.fixture(autouse=True)
def _lege_cache():
    """Every test starts with an empty default cache: counters kept there (the team links' guessing limit, throttles)
    would otherwise carry over from one test to the next in a worker."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Stored files (attachments, logos, PDFs) go to the test run's temporary MEDIA_ROOT also when a session fixture
    writes them (the shared demo is built before `_test_settings` runs)."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.getbasetemp() / "media")):
        yield


@functools.cache
def _kleine_pdf() -> bytes:
    from werkplaats.lib import pdf as lib_pdf

    return lib_pdf.pdf('<!DOCTYPE html><html lang="nl"><head><title>PDF</title></head><body><p>PDF</p></body></html>')


@pytest.fixture
def pdf_zonder_opmaak(monkeypatch):
    """For tests of who reaches a URL and what answer they get, not of what a PDF looks like (tests/rapportage/ reads
    those back): a download, a freeze or a person's export gets a real one-page PDF at once instead of its document
    laid out by WeasyPrint (seconds per URL)."""
    from werkplaats.lib import pdf as lib_pdf

    klein = _kleine_pdf()
    monkeypatch.setattr(lib_pdf, "pdf", lambda document, **kwargs: klein)


@dataclass
class World:
    """Two organisations in one werkplaats, a third in another, and a user for every role."""

    werkplaats: Werkplaats
    andere_werkplaats: Werkplaats
    org_a: Organisatie
    org_b: Organisatie
    org_elders: Organisatie
    afdeling_a: Afdeling
    leider_a: User
    leider_b: User
    coordinator: User
    lectoraat: User
    beheerder: User
    concept_a: Ronde
    afgerond_a: Ronde
    actie_a: Actie


def wereld_bouwen() -> World:
    """The small world, built in the current transaction (a test's, or the shared one of `GedeeldeGegevens`)."""
    werkplaats = WerkplaatsFactory(naam="Wmo-werkplaats Test")
    andere = WerkplaatsFactory(naam="Wmo-werkplaats Elders")
    org_a = OrganisatieFactory(werkplaats=werkplaats, naam="Organisatie A")
    org_b = OrganisatieFactory(werkplaats=werkplaats, naam="Organisatie B")
    org_elders = OrganisatieFactory(werkplaats=andere, naam="Organisatie Elders")
    afgerond_a = maak_ronde(org_a, {"missie": 2, "beleid": 3}, afronden=True, datum=datetime.date(2014, 5, 9))
    return World(
        werkplaats=werkplaats,
        andere_werkplaats=andere,
        org_a=org_a,
        org_b=org_b,
        org_elders=org_elders,
        afdeling_a=AfdelingFactory(organisatie=org_a, naam="Team A1"),
        leider_a=leider_van(org_a, username="leider_a"),
        leider_b=leider_van(org_b, username="leider_b"),
        coordinator=coordinator_van(werkplaats, username="coordinator"),
        lectoraat=lectoraat_van(werkplaats, username="lectoraat"),
        beheerder=UserFactory(username="beheerder", is_staff=True, is_superuser=True),
        concept_a=maak_ronde(org_a, {"missie": 3}, datum=datetime.date(2014, 10, 7)),
        afgerond_a=afgerond_a,
        actie_a=Actie.objects.create(
            ronde=afgerond_a,
            element=Element.objects.get(instrument=afgerond_a.instrument, code="missie"),
            omschrijving="Missie herschrijven",
            eigenaar="Teamleider",
            deadline=datetime.date(2014, 9, 1),
        ),
    )


@pytest.fixture
def world(db) -> World:
    return wereld_bouwen()


# Records shared by many tests, built once per process ---------------------------------------------------------


def demo_laden() -> None:
    """Load the demo as `make run` does, with the fast hasher (fixtures above function scope run before
    `_test_settings`)."""
    with override_settings(PASSWORD_HASHERS=SNELLE_HASHERS):
        call_command("load_demo", "--ook-zonder-debug", stdout=io.StringIO())


class GedeeldeGegevens:
    """Records of one process (the demo, the permission matrix's world), built in an outer transaction that the tests
    using them nest their own in: each test rolls back to its savepoint and the records stay for the next one.

    At most one is open at a time (it is the outer transaction): `pytest_runtest_setup` closes the others before a
    test and opens the one it needs again if a test without it came in between. A test uses one when it asks for the
    session fixture named `<naam>_database`; those tests form the xdist group `<naam>`.
    """

    def __init__(self, naam: str, bouwen: Callable[[], Any]) -> None:
        self.naam = naam
        self.bouwen = bouwen
        self.waarde: Any = None  # what `bouwen` returned
        self.blocker = None  # pytest-django's django_db_blocker, known once the session fixture has run
        self._atomic: transaction.Atomic | None = None

    @property
    def fixture(self) -> str:
        return f"{self.naam}_database"

    @property
    def open(self) -> bool:
        return self._atomic is not None

    def is_buitenste_transactie(self) -> bool:
        blocks = connections[DEFAULT_DB_ALIAS].atomic_blocks
        return self.open and bool(blocks) and blocks[0] is self._atomic

    def openen(self) -> None:
        if self.open:
            return
        for ander in GEDEELD.values():
            if ander is not self:
                ander.sluiten()
        with self.blocker.unblock():
            if connections[DEFAULT_DB_ALIAS].in_atomic_block:
                raise RuntimeError(f"The shared {self.naam} must be opened outside any transaction.")
            self._atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            self._atomic.__enter__()
            try:
                with override_settings(PASSWORD_HASHERS=SNELLE_HASHERS):
                    self.waarde = self.bouwen()
            except BaseException:
                self.sluiten()
                raise

    def sluiten(self) -> None:
        """Roll the records back, so that the tests that follow find the database as the migrations left it."""
        if not self.open:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            self._atomic.__exit__(None, None, None)
        self._atomic = None
        self.waarde = None

    def sessiefixture(self, uitleg: str) -> Any:
        """The session fixture `<naam>_database` that opens these records for the tests that ask for it; a module
        assigns it to that name (`demo_database = GEDEELDE_DEMO.sessiefixture("...")`). Session-scoped, so pytest sets
        it up before the test's own transaction (`db`)."""

        def fixture(django_db_setup, django_db_blocker):
            self.blocker = django_db_blocker
            self.openen()
            yield self
            self.sluiten()

        fixture.__doc__ = uitleg
        return pytest.fixture(scope="session", name=self.fixture)(fixture)

    def voor_test(self) -> Any:
        """For the function fixture (which asks for `db`, set up after the session fixture that opened this): the
        test's own transaction is inside the shared one. Returns what was built."""
        if not self.is_buitenste_transactie():
            pytest.fail(f"The shared {self.naam} is not the outer transaction of this test; see tests/conftest.py.")
        return self.waarde


GEDEELD: dict[str, GedeeldeGegevens] = {}


def gedeeld(naam: str, bouwen: Callable[[], Any]) -> GedeeldeGegevens:
    GEDEELD[naam] = GedeeldeGegevens(naam, bouwen)
    return GEDEELD[naam]


GEDEELDE_DEMO = gedeeld("demo", demo_laden)


demo_database = GEDEELDE_DEMO.sessiefixture("The shared demo.")


@pytest.fixture
def demo(demo_database, db):
    """The demo data, as `make run` loads it; what a test changes is rolled back after it. Returns the demo module."""
    demo_database.voor_test()
    from werkplaats import demo as demo_module

    return demo_module


def _matrix_bouwen() -> World:
    from tests.test_permissions import matrix_bouwen

    return matrix_bouwen(wereld_bouwen())


GEDEELDE_MATRIX = gedeeld("matrix", _matrix_bouwen)


matrix_database = GEDEELDE_MATRIX.sessiefixture(
    "The permission matrix's world (tests/test_permissions.py), shared by its many tests as the demo is."
)


@pytest.fixture
def gedeelde_matrix(matrix_database, db) -> World:
    """The matrix world of `matrix_world`, built once per process; what a test changes is rolled back after it."""
    return matrix_database.voor_test()


def gedeelde_van(item: pytest.Item) -> GedeeldeGegevens | None:
    namen = getattr(item, "fixturenames", ())
    return next((g for g in GEDEELD.values() if g.fixture in namen), None)


def gebruikt_demo(item: pytest.Item) -> bool:
    return gedeelde_van(item) is GEDEELDE_DEMO


# A test that asks for none of these (nor the django_db mark) cannot reach a database: pytest-django refuses it one.
# (`django_db_blocker` is in every test's closure, through pytest-django's autouse fixtures; every fixture here that
# unblocks it asks for `django_db_setup`.)
DATABASEFIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "django_db_setup",
    "live_server",
}


def pytest_itemcollected(item: pytest.Item) -> None:
    gedeelde = gedeelde_van(item)
    if gedeelde is not None and item.config.pluginmanager.hasplugin("xdist"):
        item.add_marker(pytest.mark.xdist_group(gedeelde.naam))
    # What the database cannot change needs no second run on PostgreSQL (.ci/run deselects it there).
    if not item.get_closest_marker("django_db") and not DATABASEFIXTURES & set(getattr(item, "fixturenames", ())):
        item.add_marker(pytest.mark.zonder_database)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Plain tests first (in pytest-django's order), then those on the matrix world, then those on the shared demo,
    then the browser tests."""

    def deel(item: pytest.Item) -> int:
        if item.get_closest_marker("e2e"):
            return 3
        gedeelde = gedeelde_van(item)
        return 0 if gedeelde is None else (2 if gedeelde is GEDEELDE_DEMO else 1)

    items.sort(key=deel)
    groepen_melden(config, items)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    nodig = gedeelde_van(item)
    for gedeelde in GEDEELD.values():
        if gedeelde is not nodig:
            gedeelde.sluiten()
    if nodig is not None and nodig.blocker is not None:
        # Reopened only if a test without it came in between; the first time, its session fixture opens it.
        nodig.openen()


# Groups under xdist ---------------------------------------------------------------------------------------------
# pytest-xdist 3.8.0 marks a group by appending "@group" to the test's node ID, which no longer takes effect on
# pytest 9.2 (pytest-dev/pytest-xdist#1386): `--dist loadgroup` then spreads a group over the workers. Until that
# is fixed, every worker writes the groups of its collection to a directory the controller names, before it reports
# its collection, and the controller's scheduler reads them.

GROEPEN = "werkplaats_xdist_groepen"  # key of the directory in workerinput
GROEPEN_MAP = pytest.StashKey[str]()  # the directory, on the controller


def groepen_melden(config: pytest.Config, items: list[pytest.Item]) -> None:
    workerinput = getattr(config, "workerinput", None)
    if not workerinput or GROEPEN not in workerinput:
        return
    groepen = {}
    for item in items:
        marks = item.iter_markers("xdist_group")
        namen = {str(mark.args[0] if mark.args else mark.kwargs.get("name", "default")) for mark in marks}
        if namen:
            groepen[item.nodeid] = "_".join(sorted(namen))
    bestand = Path(workerinput[GROEPEN]) / f"{workerinput['workerid']}.json"
    bestand.with_suffix(".tmp").write_text(json.dumps(groepen))
    bestand.with_suffix(".tmp").replace(bestand)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    if GROEPEN_MAP not in node.config.stash:
        node.config.stash[GROEPEN_MAP] = tempfile.mkdtemp(prefix="werkplaats-xdist-")
    node.workerinput[GROEPEN] = node.config.stash[GROEPEN_MAP]


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class GroepScheduling(LoadGroupScheduling):
        groepen: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groepen is None:
                self.groepen = {}
                for bestand in Path(config.stash[GROEPEN_MAP]).glob("*.json"):
                    self.groepen.update(json.loads(bestand.read_text()))
            return self.groepen.get(nodeid) or super()._split_scope(nodeid)

    return GroepScheduling(config, log)


def pytest_unconfigure(config: pytest.Config) -> None:
    if GROEPEN_MAP in config.stash:
        shutil.rmtree(config.stash[GROEPEN_MAP], ignore_errors=True)


# Counting load_demo --------------------------------------------------------------------------------------------


@dataclass
class DemoTelling:
    """How often `load_demo` ran: `gebouwd` on a database without a werkplaats, `herhaald` on a loaded one."""

    gebouwd: int = 0
    herhaald: int = 0
    per_proces: dict[str, tuple[int, int]] = field(default_factory=dict)

    def regel(self) -> str:
        tekst = f"load_demo: {self.gebouwd + self.herhaald} runs, {self.gebouwd} built the demo"
        tekst += f", {self.herhaald} found it loaded (idempotence tests)"
        if self.per_proces:
            tekst += " [" + ", ".join(f"{p}: {g}+{h}" for p, (g, h) in sorted(self.per_proces.items())) + "]"
        return tekst


TELLING = pytest.StashKey[DemoTelling]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[TELLING] = DemoTelling()


@pytest.fixture(autouse=True, scope="session")
def _load_demo_tellen(pytestconfig):
    from django.core.management import get_commands, load_command_class

    command_class = type(load_command_class(get_commands()["load_demo"], "load_demo"))
    handle = command_class.handle
    telling = pytestconfig.stash[TELLING]

    def tellend(self, *args, **options):
        geladen = Werkplaats.objects.exists()
        resultaat = handle(self, *args, **options)  # a refused run (the debug guard) raises and is not counted
        if geladen:
            telling.herhaald += 1
        else:
            telling.gebouwd += 1
        return resultaat

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(command_class, "handle", tellend)
        yield


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: report to the controller
        telling = session.config.stash[TELLING]
        workeroutput["load_demo"] = (telling.gebouwd, telling.herhaald)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    gebouwd, herhaald = node.workeroutput.get("load_demo", (0, 0))
    telling = node.config.stash[TELLING]
    telling.gebouwd += gebouwd
    telling.herhaald += herhaald
    telling.per_proces[node.gateway.id] = (gebouwd, herhaald)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    terminalreporter.write_line(config.stash[TELLING].regel())
