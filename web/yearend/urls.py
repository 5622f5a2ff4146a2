from django.urls import path

from web.yearend import views

urlpatterns = [
    path("plans/<int:plan_id>/accountability/", views.accountability_table, name="accountability_table"),
    path("plans/<int:plan_id>/accountability/upload/", views.upload_next_report, name="upload_next_report"),
    path("plans/<int:plan_id>/year-end/", views.year_end, name="year_end"),
    path("plans/<int:plan_id>/year-end/close/", views.close_year, name="close_year"),
    path("plans/<int:plan_id>/year-end/bulletin.docx", views.year_end_bulletin, name="year_end_bulletin"),
    path("public/plans/<int:plan_id>/accountability/", views.public_accountability, name="public_accountability"),
]
