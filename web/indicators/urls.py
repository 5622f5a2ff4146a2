from django.urls import path

from web.indicators import views

urlpatterns = [
    path("plans/<int:plan_id>/indicators/", views.indicator_list, name="indicator_list"),
    path("plans/<int:plan_id>/indicators/create/", views.create_indicators, name="create_indicators"),
    path("plans/<int:plan_id>/indicators/import/", views.import_indicators, name="import_indicators"),
    path("indicators/<int:indicator_id>/", views.indicator_detail, name="indicator_detail"),
]
