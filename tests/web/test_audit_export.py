"""The auditor's audit log (审计管理员): filters, export as CSV and .xlsx with neutralised cells, itself audited."""

from __future__ import annotations

import io

from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from web.audit.models import AuditEvent
from web.audit.services import record_security


def planted():
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1")
    return record_security(request, "auth.login_failed", username="=HYPERLINK(\"http://evil\",\"x\")")


def test_the_auditor_reads_the_log_with_its_filters(as_, cast):
    planted()
    page = as_("auditor").get(reverse("audit_log"), {"action": "auth.login_failed"}).content.decode()
    assert "登录失败" in page and "10.1.1.1" in page and "=HYPERLINK" in page.replace("&quot;", '"')


def test_the_csv_export_neutralises_formulas(as_, cast):
    planted()
    response = as_("auditor").get(reverse("audit_export", args=["csv"]), {"action": "auth.login_failed"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("链序号,时间,操作人")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert AuditEvent.objects.filter(action="export.audit_log", actor_name="shenji").exists()


def test_the_xlsx_export_neutralises_formulas(as_, cast):
    planted()
    response = as_("auditor").get(reverse("audit_export", args=["xlsx"]), {"action": "auth.login_failed"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names and all(not str(n).startswith("=") for n in names) and "'=HYPERLINK" in names[0]


def test_the_auditor_checks_the_chain_from_the_page(as_, cast):
    page = as_("auditor").post(reverse("audit_verify")).content.decode()
    assert "已校验" in page
    assert AuditEvent.objects.filter(action="audit.verify").exists()


def test_the_login_page_carries_the_personal_information_notice(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "个人信息保护提示" in page and "来源地址" in page and "180 天" in page
