"""A URL configuration with a page whose query never ends, for the tests of the time limit."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

# Counts to a billion: minutes, unless the statement is stopped.
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000)"
    " SELECT count(*) FROM n"
)


def endless(request):
    with connection.cursor() as cursor:
        cursor.execute(ENDLESS)
        return HttpResponse(str(cursor.fetchone()[0]))


urlpatterns = [
    path("endless/", endless),
    path("admin/endless/", endless),
    path("", include("diplo.urls")),
]
