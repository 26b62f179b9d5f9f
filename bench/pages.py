"""Benchmark: are the weekly pages cheap next to the floor, and as fast on national data as on the demo?

Two databases are prepared once: the demo (one werkplaats) and a national one (a copy of the demo plus
`--scale` of the thirteen generated werkplaatsen of `load_demo --landelijk`, about 26 organisations each with
people, training, buddies, leaders and quickscan rounds: at 13, some 350 organisations, 19 000 people and 1 000
rounds). Then, for every weekly page and every role (the demo's coordinator, its leader of Het Oude Ambt, its
lectoraat, and the superuser, who sees every werkplaats), it runs `--rounds` rounds in one process. A round
requests the floor and the page on the demo and on the national database, one right after the other, and
alternates which database goes first, so a swing in the machine's load hits both sides of every ratio alike.

The floor is the cheapest page Django serves here: a view returning `HttpResponse("ok")` through the same
middleware (session, login required, CSRF, messages, history), with the same login (`bench/urls.py`).

Reported per page and role: the median time on each database; the ratios page / floor and national / demo,
each of the fastest of the rounds (what the code costs when the scheduler does not interrupt it: on a busy
machine a page of 30 ms is interrupted more often than a floor of 1 ms, which would inflate a ratio of
medians); the queries (counted in a separate, untimed request, so counting costs no time) and the size of
the page. Goals: every page at most 25x the floor, national / demo close to 1, the same queries on both.

    make bench                       # or: DJANGO_DEBUG=1 .venv/bin/python bench/pages.py --scale 13
    make bench BENCH_ARGS="--scale 2 --rounds 1"   # a quick run

Pages are served as in production: debug off, templates cached, persistent database connections, and no
test instrumentation of template rendering. Runs against SQLite files in a temporary folder unless
DATABASE_URL is set; then it uses that server, creating and dropping `test_*` databases through Django's
test database machinery.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")

# Role in the report -> the demo's login for it (see the demo data).
ROLLEN = {
    "coordinator": "coordinator",
    "leider": "leider.hoa",
    "lectoraat": "lectoraat",
    "superuser": "beheerder",
}
DATABASES = ("demo", "national")
VLOER = "floor"
MAX_TIMES_VLOER = 25


def build_national(scale: int) -> None:
    """The national data of `load_demo --landelijk` (werkplaats/demo/landelijk.py): `scale` of the other thirteen
    werkplaatsen, each with about 26 organisations, people, training, buddies, leaders, dropouts and quickscan
    rounds over 2014-2016."""
    from werkplaats.demo import landelijk

    landelijk.laden(landelijk.Schaal(werkplaatsen=scale))


def pages() -> dict[str, str]:
    """The pages the demo's coordinator opens every week (and the others of the same roles)."""
    from django.urls import reverse

    from trajecten.models import Traject
    from werkplaats.models import Organisatie

    traject = Traject.objects.get(werkplaats__naam="Wmo-werkplaats Noord", naam="Implementatietraject 2014-2015")
    hoa = Organisatie.objects.get(naam="Het Oude Ambt")
    return {
        VLOER: reverse("bench_vloer"),
        "home": reverse("werkplaats:home"),
        "organisaties": reverse("werkplaats:organisatie_list"),
        "deelnemers": reverse("scholing:persoon_list"),
        "dashboard": reverse("rapportage:dashboard", kwargs={"pk": traject.pk}) + "?peildatum=2015-12-31",
        "quickscan overzicht": reverse("quickscan:overzicht"),
        "quickscan organisatie": reverse("quickscan:organisatie", kwargs={"pk": hoa.pk}),
    }


@dataclass
class Meting:
    """One page for one role: per database its status, queries, size and the timed samples."""

    status: dict[str, int] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)
    times: dict[str, list[float]] = field(default_factory=lambda: {db: [] for db in DATABASES})
    floor: dict[str, list[float]] = field(default_factory=lambda: {db: [] for db in DATABASES})

    @property
    def ok(self) -> bool:
        return all(self.status[db] == 200 for db in DATABASES)

    def ms(self, db: str) -> float:
        return statistics.median(self.times[db]) * 1000

    def per_floor(self, db: str) -> float:
        return min(self.times[db]) / min(self.floor[db])

    def national_per_demo(self) -> float:
        return min(self.times["national"]) / min(self.times["demo"])


class Databases:
    """The demo and national databases, each behind its own connection; `use()` makes one the default."""

    def __init__(self, tmp: str):
        from django.db import connections

        self.connections = connections
        demo = connections["default"]
        if demo.vendor == "sqlite":
            # Files, not memory: the national database is a copy of the demo's file.
            demo.settings_dict["TEST"] = {**demo.settings_dict.get("TEST", {}), "NAME": f"{tmp}/demo.sqlite3"}
        self.old_name = demo.settings_dict["NAME"]
        self.wrappers = {"demo": demo}

    def create(self, scale: int) -> float:
        """Both databases, with their data; returns the seconds it took to build the national data."""
        from django.core.management import call_command
        from django.db import transaction
        from django.db.utils import load_backend

        demo = self.wrappers["demo"]
        demo.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        # The benchmark runs with debug off, like production, where demo data needs the explicit flag.
        call_command("load_demo", "--ook-zonder-debug", stdout=io.StringIO())
        demo.close()
        demo.creation.clone_test_db(suffix="national", verbosity=0, autoclobber=True)
        national_settings = demo.creation.get_test_db_clone_settings("national")
        backend = load_backend(national_settings["ENGINE"])
        self.wrappers["national"] = backend.DatabaseWrapper(national_settings, "default")
        for wrapper in self.wrappers.values():
            wrapper.settings_dict["CONN_MAX_AGE"] = None  # persistent, as a busy server keeps them
        self.use("national")
        begin = time.perf_counter()
        with transaction.atomic():  # one commit: the services' own transactions become savepoints
            build_national(scale)
        built = time.perf_counter() - begin
        self.use("demo")
        return built

    def use(self, db: str):
        wrapper = self.wrappers[db]
        self.connections["default"] = wrapper
        wrapper.ensure_connection()
        return wrapper

    def destroy(self) -> None:
        demo = self.wrappers["demo"]
        self.use("demo")
        if "national" in self.wrappers:
            self.wrappers["national"].close()
            demo.creation.destroy_test_db(verbosity=0, suffix="national")
        demo.creation.destroy_test_db(self.old_name, verbosity=0)


def measure(databases: Databases, urls: dict[str, str], rounds: int) -> dict[tuple[str, str], Meting]:
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from werkplaats.models import User

    clients = {}
    for db in DATABASES:
        databases.use(db)
        for rol, username in ROLLEN.items():
            clients[db, rol] = Client()
            clients[db, rol].force_login(User.objects.get(username=username))

    def timed(db: str, rol: str, url: str) -> float:
        databases.use(db)
        begin = time.perf_counter()
        response = clients[db, rol].get(url)
        elapsed = time.perf_counter() - begin
        assert response.status_code == 200, (db, rol, url, response.status_code)
        return elapsed

    # The data sets' garbage is old: keep the collector from walking it during the timed requests.
    gc.collect()
    gc.freeze()
    results = {}
    for page, url in urls.items():
        for rol in ROLLEN:
            meting = results[page, rol] = Meting()
            for db in DATABASES:
                # Untimed: warms the caches and counts the queries.
                wrapper = databases.use(db)
                wrapper.queries_log.clear()
                with CaptureQueriesContext(wrapper) as queries:
                    response = clients[db, rol].get(url)
                meting.status[db] = response.status_code
                meting.queries[db] = len(queries)
                meting.size[db] = len(response.content)
            if not meting.ok:
                continue
            for r in range(rounds):
                for db in DATABASES if r % 2 == 0 else DATABASES[::-1]:
                    meting.floor[db].append(timed(db, rol, urls[VLOER]))
                    meting.times[db].append(timed(db, rol, url))
    return results


def report(results: dict[tuple[str, str], Meting]) -> tuple[str, list[str]]:
    """A Markdown table, and the goals each page missed."""
    lines = [
        "| page | role | demo ms | national ms | x floor demo | x floor national | national / demo "
        "| queries | KB demo | KB national |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    missed = []
    for (page, rol), m in results.items():
        if not m.ok:
            status = "/".join(str(m.status[db]) for db in DATABASES)
            lines.append(f"| {page} | {rol} | {status} | | | | | | | |")
            continue
        queries = (
            f"{m.queries['demo']}"
            if m.queries["demo"] == m.queries["national"]
            else (f"{m.queries['demo']} -> {m.queries['national']}")
        )
        lines.append(
            f"| {page} | {rol} | {m.ms('demo'):.1f} | {m.ms('national'):.1f} "
            f"| {m.per_floor('demo'):.1f} | {m.per_floor('national'):.1f} | {m.national_per_demo():.2f} "
            f"| {queries} | {m.size['demo'] / 1024:.0f} | {m.size['national'] / 1024:.0f} |"
        )
        if page == VLOER:
            continue
        worst = max(m.per_floor(db) for db in DATABASES)
        if worst > MAX_TIMES_VLOER:
            missed.append(f"{page} ({rol}): {worst:.1f}x the floor")
        if m.queries["demo"] != m.queries["national"]:
            missed.append(f"{page} ({rol}): queries {m.queries['demo']} -> {m.queries['national']}")
    return "\n".join(lines), missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--scale",
        type=int,
        default=13,
        choices=range(1, 14),
        metavar="1-13",
        help="generated werkplaatsen in the national data set (load_demo --landelijk)",
    )
    parser.add_argument("--rounds", type=int, default=9, help="timed requests per page, role and database")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="werkplaats-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    import django

    django.setup()
    from django.conf import settings

    # Production's settings, except the test client's host name and the floor's URL next to the app's.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.ROOT_URLCONF = "bench.urls"

    begin = time.perf_counter()
    databases = Databases(tmp)
    try:
        built = databases.create(args.scale)
        results = measure(databases, pages(), args.rounds)
    finally:
        databases.destroy()
        shutil.rmtree(tmp, ignore_errors=True)
    table, missed = report(results)

    vendor = databases.wrappers["demo"].vendor
    print(
        f"National data set: the demo plus {args.scale} generated werkplaatsen, built in {built:.0f} s; "
        f"{vendor}; {args.rounds} rounds; {time.perf_counter() - begin:.0f} s in all."
    )
    print()
    print(table)
    print()
    print("ms: median of the rounds. x floor, national / demo: the fastest of the rounds, over the fastest.")
    if missed:
        print(f"Goals missed (at most {MAX_TIMES_VLOER}x the floor, the same queries on both databases):")
        print("\n".join(f"- {m}" for m in missed))
    else:
        print(f"Every page at most {MAX_TIMES_VLOER}x the floor, with the same queries on both databases.")


if __name__ == "__main__":
    main()
