"""Turns a refused change (``ServiceError``) or an unreadable upload (``ImportFailed``) raised anywhere in a
view into a page in Chinese with the one-line reason, status 400: views need not catch them."""

from django.shortcuts import render

from web.plans.importing import ImportFailed
from web.plans.services import ServiceError


class ServiceErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ServiceError | ImportFailed):
            context = {"status": 400, "title": "无法完成操作", "message": str(exception)}
            return render(request, "error.html", context, status=400)
        return None
