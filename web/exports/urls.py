from django.urls import path

from web.exports import views

urlpatterns = [
    path("plans/<int:plan_id>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("plans/<int:plan_id>/import-table/", views.import_xlsx, name="import_xlsx"),
    path("plans/<int:plan_id>/import-table/<uuid:pending_id>/", views.import_xlsx_preview, name="import_xlsx_preview"),
]
