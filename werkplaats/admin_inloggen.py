"""The admin of login protection, read-only: django-axes' records of logins and failed logins, and django-otp's
devices (shown without their secrets: `OTP_ADMIN_HIDE_SENSITIVE_DATA`). Imported by `werkplaats/admin.py`, which the
admin loads before theirs: their own admins are replaced here by read-only ones. A lock is lifted on the account's
page (`account_ontgrendelen`), two-factor authentication is set up and turned off on "Mijn account"."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .admin import AlleenLezenMixin


class AlleenLezenAccessAttemptAdmin(AlleenLezenMixin, AccessAttemptAdmin):
    actions: list = []


class AlleenLezenAccessLogAdmin(AlleenLezenMixin, AccessLogAdmin):
    pass


class AlleenLezenAccessFailureLogAdmin(AlleenLezenMixin, AccessFailureLogAdmin):
    pass


class AlleenLezenTOTPDeviceAdmin(AlleenLezenMixin, TOTPDeviceAdmin):
    pass


class AlleenLezenStaticDeviceAdmin(AlleenLezenMixin, StaticDeviceAdmin):
    def get_inline_instances(self, request, obj=None):
        return []  # the backup codes themselves are not shown


VERVANGEN = {
    AccessAttempt: AlleenLezenAccessAttemptAdmin,
    AccessLog: AlleenLezenAccessLogAdmin,
    AccessFailureLog: AlleenLezenAccessFailureLogAdmin,
    TOTPDevice: AlleenLezenTOTPDeviceAdmin,
    StaticDevice: AlleenLezenStaticDeviceAdmin,
}

for _model, _model_admin in VERVANGEN.items():
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)
