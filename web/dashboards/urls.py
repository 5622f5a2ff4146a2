from django.urls import path

from web.dashboards import county_views, views

urlpatterns = [
    path("plans/<int:plan_id>/dashboard/", views.dashboard, name="dashboard"),
    path("plans/<int:plan_id>/dashboard/departments/<int:department_id>/", views.department_dashboard,
         name="department_dashboard"),
    path("plans/<int:plan_id>/leader/", views.leader_view, name="leader_view"),
    path("plans/<int:plan_id>/dashboard/rows/", views.tile_rows, name="tile_rows"),
    path("issuers/<int:issuer_id>/towns/", county_views.towns, name="county_towns"),
    path("issuers/<int:issuer_id>/towns/share/", county_views.share_plans, name="county_share"),
]
