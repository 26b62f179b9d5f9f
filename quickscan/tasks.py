"""The quickscan's periodic tasks (Celery beat, see CELERY_BEAT_SCHEDULE in werkplaats/settings.py)."""

from celery import shared_task

from . import herinneringen


@shared_task(name="quickscan.tasks.herinneringen_versturen", ignore_result=True)
def herinneringen_versturen() -> int:
    return herinneringen.herinneringen_versturen()


@shared_task(name="quickscan.tasks.overzicht_versturen", ignore_result=True)
def overzicht_versturen() -> int:
    return herinneringen.overzicht_versturen()
