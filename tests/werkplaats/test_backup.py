"""Backup, then restore into an empty database: the same rows in every table and the same end-report figures.

Everything runs in processes of the app of its own, as an administrator would: a database of its own is migrated
and gets the demo (`load_demo`), `manage.py backup` copies it, the restore is done as the README says (SQLite: the
backup file is the database; PostgreSQL: `pg_restore` into a new, empty database), and both databases are measured
by a fresh process. The test's own database is not involved. PostgreSQL runs when the suite runs with DATABASE_URL
on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import sqlite_kopie

PEILDATUM = "2015-12-31"
BASIS = Path(__file__).resolve().parents[2]

# Printed by a fresh process of the app: every table's row count and every trajectory's figures and end report.
METEN = """
import dataclasses, datetime, json
from django.apps import apps
from django.db import connection
from rapportage import eindrapport
from scholing.selectors import traject_cijfers
from trajecten.models import Traject

tabellen = {}
with connection.cursor() as cursor:
    for tabel in sorted(connection.introspection.table_names()):
        cursor.execute(f'SELECT COUNT(*) FROM "{tabel}"')
        tabellen[tabel] = cursor.fetchone()[0]
peildatum = datetime.date.fromisoformat("%(peildatum)s")
cijfers = {
    t.pk: {
        "cijfers": repr(dataclasses.asdict(traject_cijfers(t, peildatum))),
        "eindrapport": json.dumps(eindrapport.berekenen(t, peildatum), sort_keys=True, default=str),
    }
    for t in Traject.objects.order_by("pk")
}
print(json.dumps({"tabellen": tabellen, "cijfers": cijfers}, sort_keys=True, default=str))
"""


def beheer(database_url: str, *argumenten: str) -> str:
    """`manage.py <argumenten>` against `database_url`, in a process of its own."""
    omgeving = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "tests.instellingen_subproces",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *argumenten], cwd=BASIS, env=omgeving, capture_output=True, text=True, check=True
    ).stdout


def meten(database_url: str) -> dict:
    uitvoer = beheer(database_url, "shell", "-c", METEN % {"peildatum": PEILDATUM})
    return json.loads(uitvoer.strip().splitlines()[-1])


def vullen(database_url: str, *, gemigreerd: bool = False) -> None:
    if not gemigreerd:
        beheer(database_url, "migrate", "--noinput", "-v", "0")
    beheer(database_url, "load_demo", "--ook-zonder-debug")


def vergelijken(voor: dict, na: dict) -> None:
    assert na["tabellen"] == voor["tabellen"]
    assert voor["tabellen"]["scholing_persoon"] > 50  # the demo, not an empty database
    assert voor["tabellen"]["scholing_historicalpersoon"] > 50 and voor["tabellen"]["quickscan_vraag"] > 0
    assert voor["cijfers"] and na["cijfers"] == voor["cijfers"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
@pytest.mark.xdist_group("sqlite_bestand")
def test_sqlite_backup_en_herstel_geven_dezelfde_rijen_en_cijfers(tmp_path, gemigreerde_sqlite):
    sqlite_kopie(gemigreerde_sqlite, tmp_path / "db.sqlite3")  # as `manage.py migrate` leaves it
    bron = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    vullen(bron, gemigreerd=True)
    backup = tmp_path / "werkplaats-backup.sqlite3"
    beheer(bron, "backup", str(backup))
    assert not backup.with_name(backup.name + "-wal").exists()
    hersteld = tmp_path / "hersteld" / "db.sqlite3"  # restore = copy the file to where the app's database lives
    hersteld.parent.mkdir()
    hersteld.write_bytes(backup.read_bytes())
    vergelijken(meten(bron), meten(f"sqlite:///{hersteld}"))


def _pg_url(naam: str) -> str:
    instellingen = connection.settings_dict
    wachtwoord = f":{instellingen['PASSWORD']}" if instellingen.get("PASSWORD") else ""
    poort = f":{instellingen['PORT']}" if instellingen.get("PORT") else ""
    return f"postgres://{instellingen['USER']}{wachtwoord}@{instellingen['HOST'] or 'localhost'}{poort}/{naam}"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (run with DATABASE_URL)")
def test_postgresql_backup_en_herstel_geven_dezelfde_rijen_en_cijfers(tmp_path):
    from werkplaats.management.commands.backup import pg_omgeving

    bron, leeg = f"backup_bron_{uuid.uuid4().hex[:8]}", f"backup_herstel_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute("COMMIT")  # CREATE DATABASE cannot run inside the test's transaction
        cursor.execute(f'CREATE DATABASE "{bron}"')
        cursor.execute(f'CREATE DATABASE "{leeg}"')
    try:
        vullen(_pg_url(bron))
        backup = tmp_path / "werkplaats.dump"
        beheer(_pg_url(bron), "backup", str(backup))
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d", leeg, str(backup)],
            env=pg_omgeving(connection.settings_dict),
            check=True,
            capture_output=True,
        )
        vergelijken(meten(_pg_url(bron)), meten(_pg_url(leeg)))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{bron}"')
            cursor.execute(f'DROP DATABASE IF EXISTS "{leeg}"')


def test_pg_dump_van_de_juiste_versie_wordt_gekozen(tmp_path, monkeypatch):
    from django.core.management import CommandError

    from werkplaats.management.commands import backup

    oud = tmp_path / "pg_dump"
    oud.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.4 (Debian)'\n")
    oud.chmod(0o755)
    monkeypatch.setattr(backup.shutil, "which", lambda naam: None)
    monkeypatch.setattr(backup.Path, "glob", lambda self, patroon: iter(()))
    assert backup.pg_dump_zoeken(13, str(oud)) == str(oud)
    with pytest.raises(CommandError, match="postgresql-client-15"):
        backup.pg_dump_zoeken(15, str(oud))
