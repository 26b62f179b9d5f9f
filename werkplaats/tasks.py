"""The core's background tasks (Celery; see werkplaats/celery.py). Thin: each calls the function that does the work."""

from celery import shared_task

from . import mail


@shared_task(name="werkplaats.tasks.mail_versturen", ignore_result=True)
def mail_versturen(bericht_id: int) -> None:
    mail.mail_versturen(bericht_id=bericht_id)


@shared_task(name="werkplaats.tasks.mail_opnieuw_proberen", ignore_result=True)
def mail_opnieuw_proberen() -> int:
    return mail.mail_opnieuw_proberen()
