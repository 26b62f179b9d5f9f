from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "werkplaats.demo"
    label = "demo"
    verbose_name = "Demodata"
