"""The API object: routers, error handling (每个错误都是一句中文的 JSON, 从不 500) and the OpenAPI schema.

Refusals raised by access helpers and services become 4xx JSON with the same sentence the HTML pages show:
404 what the caller may not see, 403 what they may see but not do, 400 a refused change, 401 no or a bad
token, 409 an edit against a task changed since it was read, 422 a request that does not fit the schema.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaError

from web.api import indicators, plans, supervision, tasks
from web.api.auth import read_auth
from web.audit.services import record_refusal
from web.plans.services import EditConflict, ServiceError
from web.steps import refusal

DESCRIPTION = """落实 (Luoshi) 数据接口: 年度计划、章节、任务、量化目标、重点项目、责任分工、进展报送和主要指标。

Read for every role as the HTML pages show it; write for the supervisor (督查室) and, for progress reports,
the task's departments. Authenticate with `Authorization: Bearer <token>` (`manage.py create_api_token USER`);
reads without a token use the browser session or, with none, the public view. Lists take `limit` (≤ 200) and
`offset` and return `{count, limit, offset, items}`. Errors are `{"detail": "<中文说明>"}`.
"""


class LuoshiAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Reads work without a token too (the public view): said with an empty alternative in ``security``."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if method == "get" and operation.get("security"):
                    operation["security"] = [{}, *operation["security"]]
        return schema


api = LuoshiAPI(title="落实 Luoshi API", version="1", description=DESCRIPTION, auth=read_auth, urls_namespace="api",
                docs_url="/docs")


def _error(request, status: int, detail: str, errors=None):
    body = {"detail": detail} if errors is None else {"detail": detail, "errors": errors}
    return api.create_response(request, body, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "不存在或无权查看")


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    # A refusal is a security event, as on the pages; the token that asked is named in its note.
    token = getattr(request, "api_token", None)
    via = f" · API 令牌“{token.name}”(编号{token.pk})" if token is not None else ""  # never a part of the token
    record_refusal(request, "access.denied", note=f"{request.method} {request.get_full_path()}{via}")
    return _error(request, 403, "无权执行此操作")


@api.exception_handler(ServiceError)
def refused(request, exc):
    return _error(request, 409 if isinstance(exc, EditConflict) else 400, str(exc))


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return _error(request, 400, refusal(exc))


@api.exception_handler(SchemaError)
def bad_request(request, exc):
    return _error(request, 422, "请求参数有误", errors=[{k: v for k, v in e.items() if k != "ctx"}
                                                       for e in exc.errors])


@api.exception_handler(HttpError)
def http_error(request, exc):
    messages = {401: "需要有效的令牌", 400: "请求体无法解析, 应为 JSON"}
    detail = str(exc) if any("\u4e00" <= c <= "\u9fff" for c in str(exc)) else messages.get(exc.status_code, str(exc))
    return _error(request, exc.status_code, detail)


api.add_router("/", plans.router)
api.add_router("/", tasks.router)
api.add_router("/", supervision.router)
api.add_router("/", indicators.router)

