from django.urls import path

from web.bulletins import views

urlpatterns = [
    path("plans/<int:plan_id>/bulletin/", views.bulletin, name="bulletin"),
    path("plans/<int:plan_id>/bulletin/<str:period>.<str:fmt>", views.bulletin_download, name="bulletin_download"),
]
