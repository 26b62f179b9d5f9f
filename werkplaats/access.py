"""The one permission mechanism every view uses.

Two questions, answered in two places:
- *May this user see the row?* The model's queryset answers it (`zichtbaar_voor(user)`). Views
  fetch through it, so a row the user may not see does not exist for them: 404, never 403, so
  nothing leaks about other organisations.
- *May this user change it?* The model answers it (`mag_bewerken(user)` or a method named in
  `permission_method`). A visible row that may not be changed gives 403.

Login itself is enforced for every view by `LoginRequiredMiddleware`; the mixins below add
`LoginRequiredMixin` as well so that each view states its own requirement.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


class ZichtbaarMixin(LoginRequiredMixin):
    """Restrict a list or detail view to the rows the user may see."""

    def get_queryset(self):
        return super().get_queryset().zichtbaar_voor(self.request.user)


class BewerkbaarMixin(ZichtbaarMixin):
    """An update view: 404 for rows out of sight, 403 for visible rows the user may not change."""

    permission_method = "mag_bewerken"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not getattr(obj, self.permission_method)(self.request.user):
            raise PermissionDenied
        return obj


class OuderMixin(LoginRequiredMixin):
    """A create view under a parent row (a team under its organisation).

    The parent is looked up through its visible queryset (404 when out of sight) and checked with
    `parent_permission_method` (403 when visible but not allowed).
    """

    parent_model = None
    parent_kwarg = "pk"
    parent_permission_method = "mag_bewerken"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.parent = get_object_or_404(
                self.parent_model.objects.zichtbaar_voor(request.user), pk=kwargs[self.parent_kwarg]
            )
            if not getattr(self.parent, self.parent_permission_method)(request.user):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CoordinatorVereistMixin(LoginRequiredMixin):
    """Pages only a coordinator (of any werkplaats) or a superuser may open."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_coordinator:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
