from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Afdeling, Organisatie, Rol, User, Werkplaats

admin.site.site_header = _("Werkplaats – beheer")
admin.site.site_title = _("Werkplaats")
admin.site.index_title = _("Beheer")


class NoDeleteMixin:
    """Records people entered are archived (actief = uit), never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


class RolInline(admin.TabularInline):
    model = Rol
    extra = 1
    autocomplete_fields = ["werkplaats", "organisatie"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [RolInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_superuser"]


@admin.register(Werkplaats)
class WerkplaatsAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["naam", "hogeschool", "lectoraat", "regio"]
    search_fields = ["naam", "hogeschool", "lectoraat"]


class AfdelingInline(admin.TabularInline):
    model = Afdeling
    extra = 0
    can_delete = False


@admin.register(Organisatie)
class OrganisatieAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["naam", "soort", "plaats", "werkplaats", "actief"]
    list_filter = ["werkplaats", "soort", "actief"]
    search_fields = ["naam", "plaats"]
    inlines = [AfdelingInline]


@admin.register(Afdeling)
class AfdelingAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["naam", "organisatie", "actief"]
    list_filter = ["actief", "organisatie__werkplaats"]
    search_fields = ["naam", "organisatie__naam"]
    list_select_related = ["organisatie"]


@admin.register(Rol)
class RolAdmin(admin.ModelAdmin):
    list_display = ["user", "soort", "werkplaats", "organisatie"]
    list_filter = ["soort", "werkplaats"]
    search_fields = ["user__username", "user__last_name", "organisatie__naam"]
    autocomplete_fields = ["user", "werkplaats", "organisatie"]
    list_select_related = ["user", "werkplaats", "organisatie"]
