"""Access to the parts of a trajectory: the permission mixins of every page under a trajectory.

Built on the core's mechanism (`werkplaats.access`): a trajectory out of sight is a 404, a visible one the
user may not change a 403. Other apps' pages under a trajectory (training groups, sessions, the register)
use these mixins too.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from werkplaats.access import BewerkbaarMixin, OuderMixin

from .models import Traject


class OnderTrajectMixin(OuderMixin):
    """Create a row under a trajectory: 404 when it is out of sight, 403 without edit rights."""

    parent_model = Traject

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.parent}

    def get_context_data(self, **kwargs):
        return super().get_context_data(traject=self.parent, **kwargs)


class TrajectOnderdeelMixin(BewerkbaarMixin):
    """Edit a row of a trajectory: 404 when the trajectory is out of sight, 403 without edit rights."""

    related = ("traject",)

    def get_queryset(self):
        return super().get_queryset().select_related(*self.related)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.object.traject}

    def get_context_data(self, **kwargs):
        return super().get_context_data(traject=self.object.traject, **kwargs)


class CatalogusBeheerMixin(LoginRequiredMixin):
    """The method catalogue is shared by every werkplaats: only superusers create or change a method (403)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
