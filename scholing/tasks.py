"""The training app's periodic task (Celery beat, see CELERY_BEAT_SCHEDULE in werkplaats/settings.py)."""

from celery import shared_task

from . import services


@shared_task(name="scholing.tasks.privacy_opruimen", ignore_result=True)
def privacy_opruimen() -> int:
    """Import previews older than an hour and expired sessions leave the database (`manage.py privacy_opruimen`)."""
    opgeruimd = services.privacy_opruimen()
    return opgeruimd.importvoorbeelden + opgeruimd.sessies
