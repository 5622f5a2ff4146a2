from django.urls import path

from web.directives import instruction_views, views

urlpatterns = [
    path("plans/<int:plan_id>/chase/", views.chase, name="chase"),
    path("plans/<int:plan_id>/chases/", views.chase_list, name="chase_list"),
    path("plans/<int:plan_id>/notices/new/", views.notice_new, name="notice_new"),
    path("notices/<int:notice_id>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:notice_id>/reply/", views.notice_reply, name="notice_reply"),
    path("notices/<int:notice_id>/docx/", views.notice_docx, name="notice_docx"),
    path("plans/<int:plan_id>/instructions/", instruction_views.instruction_list, name="instruction_list"),
    path("plans/<int:plan_id>/instructions/new/", instruction_views.instruction_new, name="instruction_new"),
    path("instructions/<int:instruction_id>/", instruction_views.instruction_detail, name="instruction_detail"),
    path("instructions/<int:instruction_id>/reply/", instruction_views.instruction_reply, name="instruction_reply"),
]
