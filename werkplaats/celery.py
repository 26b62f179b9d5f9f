"""The Celery app of the project: the background worker that sends mail and runs the periodic jobs.

Configured from Django's settings (the `CELERY_` names in `werkplaats/settings.py`). Without `CELERY_BROKER_URL` the
tasks run in the process that starts them (`task_always_eager`), so `make run` needs no broker. In production:

    celery -A werkplaats worker --loglevel INFO
    celery -A werkplaats beat --loglevel INFO

The tasks live in `<app>/tasks.py` and call the same functions as the management commands
(`manage.py herinneringen`).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")

app = Celery("werkplaats")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
