"""The auditor's pages."""

from django.urls import path, re_path

from web.audit import views

urlpatterns = [
    path("manage/audit/", views.audit_log, name="audit_log"),
    re_path(r"^manage/audit/export\.(?P<fmt>csv|xlsx)$", views.audit_export, name="audit_export"),
    path("manage/audit/verify/", views.audit_verify, name="audit_verify"),
]
