from django.urls import path

from web.workbench import views

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:plan_id>/workbench/", views.workbench, name="workbench"),
]
