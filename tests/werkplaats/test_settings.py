"""Settings are read from the environment at start-up, so they are tested in a fresh process."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_zonder_debug_en_zonder_secret_key_stopt_met_duidelijke_melding():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_ongeldige_boolean_wordt_genoemd():
    result = run_manage("check", DJANGO_DEBUG="misschien")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_check_deploy_met_productievariabelen_geeft_geen_waarschuwingen():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="werkplaats.example.nl",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://werkplaats.example.nl",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def run_settings(code: str, **env: str) -> subprocess.CompletedProcess:
    """`code` after the settings module was read from `env` in a fresh process (without starting the apps)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", f"import werkplaats.settings as settings; {code}"],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("debug", ["0", "1"])
def test_database_url_kiest_de_database(debug):
    code = "print(settings.DATABASES['default']['ENGINE'])"
    env = {"DJANGO_DEBUG": debug, "DJANGO_SECRET_KEY": "x" * 50}
    sqlite = run_settings(code, **env)
    postgres = run_settings(code, DATABASE_URL="postgres://u:p@127.0.0.1:5432/db", **env)
    assert sqlite.stdout.strip() == "django.db.backends.sqlite3", sqlite.stderr
    assert postgres.stdout.strip() == "django.db.backends.postgresql", postgres.stderr
