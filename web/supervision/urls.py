from django.urls import path

from web.supervision import batch_views, channel_views, views

urlpatterns = [
    path("tasks/<int:task_id>/progress/", views.progress_report, name="progress_report"),
    path("tasks/<int:task_id>/extension/", views.request_extension, name="request_extension"),
    path("progress/<int:report_id>/approve/", views.approve_progress_report, name="approve_progress_report"),
    path("progress/<int:report_id>/return/", views.return_progress_report, name="return_progress_report"),
    path("extensions/<int:ext_id>/decide/", views.decide_extension, name="decide_extension"),
    path("evidence/<int:evidence_id>/", views.evidence, name="evidence"),
    path("plans/<int:plan_id>/review/", views.review_queue, name="review_queue"),
    path("plans/<int:plan_id>/cadence/", views.set_reporting_cadence, name="set_reporting_cadence"),
    path("plans/<int:plan_id>/my-tasks/", views.my_tasks, name="my_tasks"),
    path("plans/<int:plan_id>/alerts/", views.alerts, name="alerts"),
    path("plans/<int:plan_id>/robots/", channel_views.notice_channels, name="notice_channels"),
    path("plans/<int:plan_id>/report/", batch_views.batch_report, name="batch_report"),
    path("plans/<int:plan_id>/review/approve/", batch_views.batch_approve, name="batch_approve"),
]
