"""The admin of the core, and the mixins every app's admin is built from.

The admin is not a back door: a domain model's admin either writes through the same service as the app
(`ServiceAdminMixin`, which shows what the service refuses on the form: `ServicefoutenMixin`) or only shows its
records (`AlleenLezenMixin`), and nothing is ever deleted (`NietVerwijderenMixin`; records people entered are
archived instead). `tests/test_admin.py` holds every registered admin to this.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import api_tokens, services
from .models import Accountwijziging, Afdeling, ApiToken, Mailbericht, Organisatie, Rol, User, Werkplaats
from .views import fouten_tonen

admin.site.site_header = _("Werkplaats – beheer")
admin.site.site_title = _("Werkplaats")
admin.site.index_title = _("Beheer")


class NietVerwijderenMixin:
    """Records people entered are archived (actief = uit), never deleted; also no bulk `delete_selected`."""

    def has_delete_permission(self, request, obj=None):
        return False


NoDeleteMixin = NietVerwijderenMixin  # the old name, until every app's admin imports the new one


class AlleenLezenMixin(NietVerwijderenMixin):
    """Records with rules of their own are shown, never written here: the app's pages change them.

    Works for a ModelAdmin and for an inline. `save_model` refuses as well, because django-simple-history's
    "revert" page saves with only the view permission.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        raise PermissionDenied


class ServicefoutenMixin:
    """Show a ValidationError a service raises while the admin saves on the form, as the app's pages do.

    The save runs in a transaction; when the service refuses, it is rolled back and the same POST is shown
    again with the service's message next to the field it names (else above the form), the input kept.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._met_servicefouten(super().changeform_view, request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's "revert" saves through save_model as well, but outside a transaction.
        return self._met_servicefouten(super().history_form_view, request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        fout = getattr(request, "_servicefout", None)
        if fout is None:
            return form_class

        class MetServicefout(form_class):
            def clean(self):
                cleaned_data = super().clean()
                fouten_tonen(self, fout)
                return cleaned_data

        return MetServicefout

    def _met_servicefouten(self, view, request, *args):
        if request.method != "POST":
            return view(request, *args)
        try:
            with transaction.atomic():
                return view(request, *args)
        except ValidationError as fout:
            request._servicefout = fout
            return view(request, *args)


class ServiceAdminMixin(ServicefoutenMixin, NietVerwijderenMixin):
    """An admin that writes through the app's service, so the admin keeps the same rules as the app's pages.

    A subclass overrides `save_model` to call the service. Many-to-many fields are the service's job, so
    `save_related` does not save them from the form; inlines are read-only (`AlleenLezenMixin`) unless the
    admin overrides `save_formset` to call a service as well. What the service refuses is shown on the form
    and nothing is written (`ServicefoutenMixin`).
    """

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        """Inlines of a service admin only show their rows, unless a subclass saves them through a service."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class RolInline(admin.TabularInline):
    """A user's roles: granted with `rol_toekennen`, revoked with `rol_intrekken`; a role is never edited."""

    model = Rol
    extra = 1
    autocomplete_fields = ["werkplaats", "organisatie"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(ServicefoutenMixin, NietVerwijderenMixin, DjangoUserAdmin):
    """Accounts stay editable here (managing them in the app is a later job), but a user is never deleted."""

    inlines = [RolInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_superuser"]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Rol:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for rol_form in formset.deleted_forms:
            if rol_form.instance.pk:
                services.rol_intrekken(rol=rol_form.instance, door=request.user)
                formset.deleted_objects.append(rol_form.instance)
        for rol_form in formset.extra_forms:
            if rol_form.has_changed() and rol_form not in formset.deleted_forms:
                rol = rol_form.instance
                formset.new_objects.append(
                    services.rol_toekennen(
                        user=form.instance,
                        soort=rol.soort,
                        werkplaats=rol.werkplaats,
                        organisatie=rol.organisatie,
                        door=request.user,
                    )
                )


@admin.register(Werkplaats)
class WerkplaatsAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "hogeschool", "lectoraat", "regio"]
    search_fields = ["naam", "hogeschool", "lectoraat"]

    def save_model(self, request, obj, form, change):
        services.werkplaats_opslaan(werkplaats=obj)


class AfdelingInline(AlleenLezenMixin, admin.TabularInline):
    """The organisation's teams, for reference; a team is changed on its own admin page or in the app."""

    model = Afdeling
    extra = 0
    show_change_link = True


@admin.register(Organisatie)
class OrganisatieAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["naam", "soort", "plaats", "werkplaats", "actief"]
    list_filter = ["werkplaats", "soort", "actief"]
    search_fields = ["naam", "plaats"]
    inlines = [AfdelingInline]

    def save_model(self, request, obj, form, change):
        services.organisatie_opslaan(organisatie=obj)


@admin.register(Afdeling)
class AfdelingAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "organisatie", "actief"]
    list_filter = ["actief", "organisatie__werkplaats"]
    search_fields = ["naam", "organisatie__naam"]
    list_select_related = ["organisatie"]

    def save_model(self, request, obj, form, change):
        services.afdeling_opslaan(afdeling=obj)


@admin.register(Rol)
class RolAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """All roles at a glance; they are granted and revoked on the user's page."""

    list_display = ["user", "soort", "werkplaats", "organisatie"]
    list_filter = ["soort", "werkplaats"]
    search_fields = ["user__username", "user__last_name", "organisatie__naam"]
    list_select_related = ["user", "werkplaats", "organisatie"]


@admin.register(Accountwijziging)
class AccountwijzigingAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """The history of accounts (invitations, roles, deactivation): written by the services, only shown here."""

    list_display = ["op", "account", "actie", "soort", "werkplaats", "organisatie", "door"]
    list_filter = ["actie", "soort"]
    search_fields = ["account__username", "account__last_name", "account__email"]
    list_select_related = ["account", "werkplaats", "organisatie", "door"]


@admin.register(Mailbericht)
class MailberichtAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """Every mail the app sent, with its status; re-sent from the werkplaats's mail page in the app."""

    list_display = ["aangemaakt_op", "soort", "adres", "werkplaats", "organisatie", "status", "pogingen"]
    list_filter = ["status", "soort", "werkplaats"]
    search_fields = ["adres", "sleutel", "onderwerp"]
    list_select_related = ["werkplaats", "organisatie"]


@admin.register(ApiToken)
class ApiTokenAdmin(AlleenLezenMixin, SimpleHistoryAdmin):
    """Personal API tokens, for superusers: who has which, when made, last used and revoked; never the secret or its
    hash. Made by their owner on "Mijn account" only; revoked here with the action, through the token service, so
    the revocation is in the token's history with who did it."""

    list_display = ["naam", "user", "prefix", "aangemaakt_op", "laatst_gebruikt_op", "ingetrokken_op"]
    list_filter = [("ingetrokken_op", admin.EmptyFieldListFilter)]
    search_fields = ["naam", "prefix", "user__username", "user__last_name"]
    list_select_related = ["user"]
    fields = ["user", "naam", "prefix", "aangemaakt_op", "laatst_gebruikt_op", "ingetrokken_op"]
    readonly_fields = fields
    actions = ["intrekken"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.action(description=_("Geselecteerde tokens intrekken"))
    def intrekken(self, request, queryset):
        if not self.has_view_permission(request):
            raise PermissionDenied
        aantal = 0
        for token in queryset.filter(ingetrokken_op__isnull=True):
            api_tokens.api_token_intrekken(token=token)
            aantal += 1
        melding = ngettext("%(aantal)s token ingetrokken.", "%(aantal)s tokens ingetrokken.", aantal)
        self.message_user(request, melding % {"aantal": aantal})


# The read-only admins of login protection (django-axes, django-otp), after AlleenLezenMixin above.
from . import admin_inloggen  # noqa: E402, F401
