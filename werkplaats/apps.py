from django.apps import AppConfig


class WerkplaatsConfig(AppConfig):
    name = "werkplaats"

    def ready(self) -> None:
        from .lib import lookups

        lookups.registreren()

        from django.contrib.auth.signals import user_logged_in

        from . import tweestaps

        user_logged_in.connect(tweestaps.bij_inloggen, dispatch_uid="werkplaats.tweestaps.bij_inloggen")

        from . import middleware

        user_logged_in.connect(middleware.sessie_beginnen, dispatch_uid="werkplaats.middleware.sessie_beginnen")
