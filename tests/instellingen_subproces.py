"""The settings of the app's own processes that some tests start (a threaded gunicorn, `manage.py` commands).

The project's settings as they are, but with the fast password hasher the suite's own process uses
(tests/conftest.py): fifty logins with PBKDF2's million rounds cost more than everything else such a test does.
"""

from werkplaats.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
