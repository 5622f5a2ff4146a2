"""Export the task table as .xlsx; import an edited copy back (upload → row-by-row diff → confirm)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import escape_uri_path
from django.views.decorators.cache import never_cache

from web.accounts.uploads import XLSX_TYPES, check_upload
from web.audit.services import record_security
from web.exports import services
from web.exports.xlsx import export_task_table
from web.plans import selectors
from web.plans.access import EDIT, get_pending_import_for_user, get_plan_for_user
from web.plans.models import PendingImport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TableUploadForm(forms.Form):
    file = forms.FileField(label="修改后的任务分解表 (.xlsx)")

    def clean_file(self):
        return check_upload(self.cleaned_data["file"], XLSX_TYPES)


@never_cache
def export_xlsx(request, plan_id):
    """Anyone who may read the plan may download its table (the public: published plans, live tasks)."""
    plan = get_plan_for_user(request, plan_id)
    data = export_task_table(plan, selectors.task_table(plan))
    response = HttpResponse(data, content_type=XLSX)
    filename = f"{plan.issuer.name}{plan.year}年任务分解表.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    record_security(request, "export.task_table", obj=plan, note=filename)
    return response


def import_xlsx(request, plan_id):
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    form = TableUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        pending = services.upload_task_table(request.user, plan, data=upload.read(), filename=upload.name)
        return redirect("import_xlsx_preview", plan.pk, pending.pk)
    return render(request, "exports/import_form.html", {"plan": plan, "form": form})


def import_xlsx_preview(request, plan_id, pending_id):
    plan = get_plan_for_user(request, plan_id, write=EDIT)
    pending = get_pending_import_for_user(request, pending_id, PendingImport.Kind.TASK_TABLE)
    if pending.plan_id != plan.pk or pending.is_confirmed:
        return redirect("task_table", plan.pk)
    table = services.preview_task_table(pending)
    if request.method == "POST" and not table.errors:
        changed = services.apply_task_table(request.user, pending)
        messages.success(request, f"任务分解表已导入: 更新了 {changed} 项任务")
        return redirect("task_table", plan.pk)
    status = 400 if table.errors else 200
    return render(request, "exports/import_preview.html", {"plan": plan, "pending": pending, "table": table},
                  status=status)
