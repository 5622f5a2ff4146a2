from django.urls import path

from web.plans import county_views, people_views, task_views, views

urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/import/", views.import_report, name="import_report"),
    path("plans/import/<uuid:pending_id>/", views.import_preview, name="import_preview"),
    path("plans/import/<uuid:pending_id>/target/", views.import_target, name="import_target"),
    path("plans/<int:plan_id>/", task_views.task_table, name="task_table"),
    path("plans/<int:plan_id>/publish/", views.publish_plan, name="publish_plan"),
    path("plans/<int:plan_id>/history/", views.plan_history, name="plan_history"),
    path("plans/<int:plan_id>/tasks/add/", task_views.task_add, name="task_add"),
    path("plans/<int:plan_id>/tasks/assign/", task_views.bulk_assign, name="bulk_assign"),
    path("tasks/<int:task_id>/", task_views.task_detail, name="task_detail"),
    path("tasks/<int:task_id>/row/", task_views.task_row, name="task_row"),
    path("tasks/<int:task_id>/edit/", task_views.task_edit, name="task_edit"),
    path("tasks/<int:task_id>/assign/", task_views.task_assign, name="task_assign"),
    path("tasks/<int:task_id>/split/", task_views.task_split, name="task_split"),
    path("tasks/<int:task_id>/merge/", task_views.task_merge, name="task_merge"),
    path("tasks/<int:task_id>/archive/", task_views.task_archive, name="task_archive"),
    path("tasks/<int:task_id>/instruct/", task_views.task_instruct, name="task_instruct"),
    path("tasks/<int:task_id>/assign-down/", county_views.task_assign_down, name="task_assign_down"),
    path("tasks/<int:task_id>/people/", people_views.task_people, name="task_people"),
    path("tasks/<int:task_id>/history/", task_views.task_history, name="task_history"),
    path("targets/<int:target_id>/edit/", task_views.target_edit, name="target_edit"),
    path("targets/<int:target_id>/history/", task_views.target_history, name="target_history"),
]
