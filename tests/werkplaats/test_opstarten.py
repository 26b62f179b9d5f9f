"""A process starts without the heavy libraries: every `manage.py` command, web worker, Celery worker and test process
loads the apps and the URLs, and matplotlib, WeasyPrint (with its C libraries), pikepdf and openpyxl cost about two
seconds of each start. They are imported where a chart, a PDF or a workbook is made."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
ZWAAR = ["matplotlib", "weasyprint", "pikepdf", "openpyxl"]

CODE = f"""
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every view module, as `check`, `migrate` and the first request import them
print(json.dumps([naam for naam in {ZWAAR!r} if naam in sys.modules]))
# A cached chart's key names matplotlib's version: read from its package's metadata, not by importing it (a report
# whose charts are all cached is made without matplotlib).
from werkplaats.lib import grafieken
grafieken._codeversie(grafieken.__file__)
print(json.dumps([naam for naam in {ZWAAR!r} if naam in sys.modules]))
"""


def test_apps_en_urls_laden_zonder_grafiek_pdf_en_excelbibliotheken():
    omgeving = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "werkplaats.settings"}
    uitvoer = subprocess.run(
        [sys.executable, "-c", CODE], cwd=BASE_DIR, env=omgeving, capture_output=True, text=True, timeout=120
    )
    assert uitvoer.returncode == 0, uitvoer.stderr
    regels = uitvoer.stdout.strip().splitlines()
    assert json.loads(regels[-2]) == []
    assert json.loads(regels[-1]) == []
