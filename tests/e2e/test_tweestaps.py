"""A coordinator for whom two-factor authentication is required sets up an authenticator app, logs out, and logs in
again with a code from it."""

from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.e2e.conftest import login
from werkplaats.models import User


def _code(apparaat: TOTPDevice) -> str:
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    return f"{totp.token():0{apparaat.digits}d}"


def test_coordinator_stelt_tweestaps_in_en_logt_in_met_een_code(page, server, demo, opruimen, settings):
    opruimen(StaticToken, StaticDevice, TOTPDevice)
    settings.TWEESTAPS_VERPLICHT = True
    coordinator = User.objects.get(username="coordinator")

    login(page, server, "coordinator", demo.DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    expect(page.locator(".qr-code svg")).to_be_visible()
    page.goto(f"{server.url}/")  # nothing else is reachable before it is set up
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()

    # The app is set up with the secret shown as text; the test computes the code as the app would.
    geheim = page.get_by_test_id("geheim").inner_text().replace(" ", "")
    sleutel = TOTPDevice(user=coordinator)
    sleutel.key = b32decode(geheim + "=" * (-len(geheim) % 8)).hex()
    page.get_by_label("Code uit de app").fill(_code(sleutel))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Uw noodcodes")).to_be_visible()
    expect(page.get_by_test_id("noodcodes").locator("li")).to_have_count(10)
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(page.get_by_role("heading", name="Organisaties van de werkplaats")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()

    # Logging in again asks for a code after the password; a wrong one is refused.
    login(page, server, "coordinator", demo.DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Tweestapsverificatie")).to_be_visible()
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    apparaat = TOTPDevice.objects.get(user=coordinator, confirmed=True)
    TOTPDevice.objects.filter(pk=apparaat.pk).update(last_t=-1, throttling_failure_count=0)  # the used step, the wait
    apparaat.refresh_from_db()
    page.get_by_label("Code").fill(_code(apparaat))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", name="Organisaties van de werkplaats")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()
