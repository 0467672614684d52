"""Run as a script against a file database: an editor's admin write while an import runs.

Waits until the import has archived its first source, then saves a leader in the admin
through Django's test client and prints the status of the answer and the leader's notes.
"""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplo.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402

from archive.models import Leader, Source  # noqa: E402

deadline = time.monotonic() + 120
while not Source.objects.exists():
    if time.monotonic() > deadline:
        sys.exit("the import never archived a source")
    time.sleep(0.05)
user = User.objects.create_superuser("chief", "chief@example.org", "correct horse battery")
client = Client()
client.force_login(user)
leader = Leader.objects.get(slug="emmanuel-macron")
form = {
    "name": leader.name,
    "slug": leader.slug,
    "country": leader.country_id,
    "aliases": "\n".join(leader.aliases),
    "verified": "on",
    "notes": "Edited during an import.",
    "terms-TOTAL_FORMS": "0",
    "terms-INITIAL_FORMS": "0",
    "terms-MIN_NUM_FORMS": "0",
    "terms-MAX_NUM_FORMS": "1000",
}
started = time.monotonic()
response = client.post(f"/admin/archive/leader/{leader.pk}/change/", form, HTTP_HOST="127.0.0.1")
waited = time.monotonic() - started
leader.refresh_from_db()
importing = Source.objects.count()
print(response.status_code, repr(leader.notes), f"sources={importing}", f"waited={waited:.2f}")
