from django.urls import path

from web.dashboards import views

urlpatterns = [
    path("plans/<int:plan_id>/dashboard/", views.dashboard, name="dashboard"),
    path("plans/<int:plan_id>/dashboard/departments/<int:department_id>/", views.department_dashboard,
         name="department_dashboard"),
    path("plans/<int:plan_id>/leader/", views.leader_view, name="leader_view"),
    path("plans/<int:plan_id>/dashboard/rows/", views.tile_rows, name="tile_rows"),
]
