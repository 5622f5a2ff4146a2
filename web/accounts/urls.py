from django.urls import path

from web.accounts import people_views as views

urlpatterns = [
    path("office/", views.office_home, name="office_home"),
    path("office/<int:issuer_id>/", views.office, name="office"),
    path("office/<int:issuer_id>/departments/add/", views.department_add, name="department_add"),
    path("office/departments/<int:department_id>/", views.department_edit, name="department_edit"),
    path("office/<int:issuer_id>/accounts/add/", views.account_add, name="account_add"),
    path("office/accounts/<int:membership_id>/", views.account_edit, name="account_edit"),
    path("office/accounts/<int:membership_id>/password/", views.account_password, name="account_password"),
    path("office/accounts/<int:membership_id>/active/", views.account_active, name="account_active"),
]
