"""Lists of call ids bound as one parameter (archive.idlists), on either database."""

from __future__ import annotations

import pytest
from django.db import connection

from archive import idlists
from archive.models import Call
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def test_listed_selects_exactly_the_ids_given():
    calls = CallFactory.create_batch(4)
    wanted = [calls[2].pk, calls[0].pk, 10**15]  # any order; an id no call has
    found = Call.objects.filter(pk__in=idlists.listed(wanted))
    assert sorted(found.values_list("pk", flat=True)) == sorted([calls[0].pk, calls[2].pk])
    assert not Call.objects.filter(pk__in=idlists.listed([])).exists()


def test_rows_join_on_the_bound_ids():
    calls = CallFactory.create_batch(3)
    ids = [calls[1].pk, calls[2].pk]
    sql = (
        f"SELECT picked.id FROM {idlists.rows('picked')}"
        f" JOIN archive_call ON archive_call.id = picked.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [idlists.bound(ids)])
        assert sorted(row[0] for row in cursor.fetchall()) == sorted(ids)


@pytest.mark.parametrize("bad", ["1,2", "1}; SELECT 1", None, 1.5j])
def test_bound_takes_integers_only(bad):
    """What is not an integer never reaches the SQL text of the parameter."""
    with pytest.raises((TypeError, ValueError)):
        idlists.bound([1, bad])
