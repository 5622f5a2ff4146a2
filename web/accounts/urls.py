"""Two-factor pages, the administrators' pages (三员) and the office's own people pages (部门与人员)."""

from django.urls import path

from web.accounts import manage_views, people_views, twofactor_views

urlpatterns = [
    path("accounts/2fa/", twofactor_views.status, name="two_factor"),
    path("accounts/2fa/enrol/", twofactor_views.enrol, name="two_factor_enrol"),
    path("accounts/2fa/verify/", twofactor_views.verify, name="two_factor_verify"),
    path("accounts/2fa/backup-codes/", twofactor_views.renew_codes, name="two_factor_renew_codes"),
    path("accounts/2fa/disable/", twofactor_views.disable, name="two_factor_disable"),
    path("manage/", manage_views.home, name="manage_home"),
    path("manage/accounts/", manage_views.accounts, name="manage_accounts"),
    path("manage/accounts/<int:user_id>/reset-password/", manage_views.reset_password, name="manage_reset_password"),
    path("manage/accounts/<int:user_id>/active/", manage_views.set_active, name="manage_set_active"),
    path("manage/configuration/", manage_views.configuration, name="manage_configuration"),
    path("manage/security/", manage_views.security, name="manage_security"),
    path("manage/security/locks/<int:throttle_id>/unlock/", manage_views.unlock, name="manage_unlock"),
    path("manage/security/2fa/<int:user_id>/reset/", manage_views.reset_two_factor, name="manage_reset_two_factor"),
    path("manage/security/audit-policy/", manage_views.audit_policy, name="manage_audit_policy"),
    path("office/", people_views.office_home, name="office_home"),
    path("office/<int:issuer_id>/", people_views.office, name="office"),
    path("office/<int:issuer_id>/departments/add/", people_views.department_add, name="department_add"),
    path("office/departments/<int:department_id>/", people_views.department_edit, name="department_edit"),
    path("office/<int:issuer_id>/accounts/add/", people_views.account_add, name="account_add"),
    path("office/accounts/<int:membership_id>/", people_views.account_edit, name="account_edit"),
    path("office/accounts/<int:membership_id>/password/", people_views.account_password, name="account_password"),
    path("office/accounts/<int:membership_id>/active/", people_views.account_active, name="account_active"),
]
