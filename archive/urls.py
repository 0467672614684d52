"""The archive's public URLs; every record has a permalink here."""

from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("calls/", views.call_list, name="calls"),
    path("calls/<int:pk>/", views.call_detail, name="call-noslug"),
    path("calls/<int:pk>/<slug:slug>/", views.call_detail, name="call"),
    path("leaders/", views.leader_list, name="leaders"),
    path("leaders/<slug:slug>/", views.leader_detail, name="leader"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("sources/", views.source_list, name="sources"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
]
