"""`manage.py backup <bestand>`: a consistent copy of the whole database, while the app keeps running.

SQLite: the online backup API (`sqlite3.Connection.backup`) writes a complete database file, the WAL included;
restoring is copying that file back (README, "Backup and restore"). PostgreSQL: `pg_dump -Fc` (custom format,
restored with `pg_restore`). Every table is in it, the history tables too. `dumpdata`/`loaddata` is not the
backup path.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


def _major(pad: str) -> int | None:
    """The major version of a pg_dump (`pg_dump (PostgreSQL) 15.20 (Debian ...)` -> 15), None if it does not run."""
    try:
        uitvoer = subprocess.run([pad, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    gevonden = re.search(r"\)\s+(\d+)", uitvoer)
    return int(gevonden.group(1)) if gevonden else None


def pg_dump_zoeken(server_major: int, opgegeven: str | None = None) -> str:
    """A pg_dump whose major version is at least the server's (an older one refuses to dump a newer server).

    Debian installs each client version under /usr/lib/postgresql/<major>/bin; the one on the PATH is the newest
    client package, which may be older than the server.
    """
    kandidaten = [opgegeven] if opgegeven else []
    kandidaten += sorted((str(p) for p in Path("/usr/lib/postgresql").glob("*/bin/pg_dump")), reverse=True)
    kandidaten += [pad for pad in [shutil.which("pg_dump")] if pad]
    gevonden = []
    for pad in kandidaten:
        major = _major(pad)
        if major is None:
            continue
        gevonden.append(f"{pad} ({major})")
        if major >= server_major:
            return pad
    raise CommandError(
        f"Geen pg_dump van versie {server_major} of nieuwer gevonden (wel: {', '.join(gevonden) or 'geen'}). "
        f"Installeer postgresql-client-{server_major}, of geef het pad met --pg-dump."
    )


def pg_omgeving(instellingen: dict) -> dict[str, str]:
    """The libpq environment for the database of Django's settings (the password never on the command line)."""
    omgeving = dict(os.environ)
    for sleutel, variabele in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if instellingen.get(sleutel):
            omgeving[variabele] = str(instellingen[sleutel])
    return omgeving


class Command(BaseCommand):
    help = (
        "Maakt een backup van de hele database (ook de geschiedenis) in <bestand>, terwijl de app blijft draaien: "
        "SQLite met de online-backup-API, PostgreSQL met pg_dump -Fc. Terugzetten: zie de README."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path, help="waar de backup komt (bestaat het al, dan wordt het vervangen)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="de database-alias (standaard: default)")
        parser.add_argument("--pg-dump", dest="pg_dump", help="het pad van pg_dump (PostgreSQL)")

    def handle(self, *args, bestand: Path, database: str, pg_dump: str | None = None, **options):
        connection = connections[database]
        bestand = bestand.resolve()
        bestand.parent.mkdir(parents=True, exist_ok=True)
        tijdelijk = bestand.with_name(bestand.name + ".deel")
        if connection.vendor == "sqlite":
            self._sqlite(connection, tijdelijk)
        elif connection.vendor == "postgresql":
            self._postgresql(connection, tijdelijk, pg_dump)
        else:
            raise CommandError(f"Geen backup voor database {connection.vendor}.")
        tijdelijk.replace(bestand)  # a half-written backup never takes the name of a good one
        self.stdout.write(f"Backup geschreven: {bestand} ({bestand.stat().st_size} bytes)")

    def _sqlite(self, connection, doel: Path) -> None:
        connection.ensure_connection()
        doel.unlink(missing_ok=True)
        kopie = sqlite3.connect(doel)
        try:
            with kopie:
                connection.connection.backup(kopie)
            kopie.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            kopie.close()

    def _postgresql(self, connection, doel: Path, pg_dump: str | None) -> None:
        connection.ensure_connection()
        server_major = connection.connection.info.server_version // 10000
        programma = pg_dump_zoeken(server_major, pg_dump)
        instellingen = connection.settings_dict
        resultaat = subprocess.run(
            [programma, "-Fc", "--no-owner", "--no-privileges", "-f", str(doel), instellingen["NAME"]],
            env=pg_omgeving(instellingen),
            capture_output=True,
            text=True,
        )
        if resultaat.returncode != 0:
            doel.unlink(missing_ok=True)
            raise CommandError(f"pg_dump mislukte: {resultaat.stderr.strip()}")
