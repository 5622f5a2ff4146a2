from django.urls import path

from web.bulletins import views

urlpatterns = [
    path("plans/<int:plan_id>/bulletin/", views.bulletin, name="bulletin"),
    path("plans/<int:plan_id>/bulletin/jobs/<int:job_id>/", views.bulletin_job, name="bulletin_job"),
    path("plans/<int:plan_id>/bulletin/jobs/<int:job_id>/file", views.bulletin_job_file, name="bulletin_job_file"),
    path("plans/<int:plan_id>/bulletin/<str:period>/save", views.bulletin_save, name="bulletin_save"),
    path("plans/<int:plan_id>/bulletin/<str:period>/issue", views.bulletin_issue, name="bulletin_issue"),
    path("plans/<int:plan_id>/bulletin/<str:period>.<str:fmt>", views.bulletin_download, name="bulletin_download"),
]
