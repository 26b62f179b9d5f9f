"""URLs of the participant import (inside the `scholing` namespace)."""

urlpatterns: list = []
