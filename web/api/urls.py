from django.urls import path

from web.api.api import api

urlpatterns = [path("api/", api.urls)]
