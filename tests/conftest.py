"""Fixtures shared by the whole suite: personas (anonymous, editor, superuser)."""

import pytest
from django.contrib.auth.models import User

from archive.permissions import EDITORS_GROUP, ensure_editors_group


@pytest.fixture
def editor(db) -> User:
    """A member of the Editors group, with admin access but no user management."""
    user = User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    user.groups.add(ensure_editors_group())
    assert user.groups.filter(name=EDITORS_GROUP).exists()
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
