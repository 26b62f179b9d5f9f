"""The read API (Django REST Framework, schema by drf-spectacular): `views.py`, `serializers.py`, `urls.py`.

It lives in `rapportage` because it reads every app (quickscan, scholing, trajecten) and the arrows point down only.
"""
