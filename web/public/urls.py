from django.urls import path

from web.public import views

urlpatterns = [
    path("public/", views.public_index, name="public_index"),
    path("public/plans/<int:plan_id>/", views.public_plan, name="public_plan"),
]
