"""An import extracts with what the office brings (本单位的部门名单与历史分工): its own departments as the only
names of leads and cooperating units, its chosen granularity (按句/按分句), and the leads it gave rows before."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from web.accounts.models import Department
from web.plans import services
from web.plans.importing import ImportFailed, extract_report
from web.plans.models import PendingImport
from web.plans.office import department_list, extraction_options, office_history, suggestion_for

DEMO = Path(__file__).resolve().parents[2] / "luoshi" / "data" / "shuikou-2025.txt"


def extracted(cast, rows: str = "sentence"):
    return extract_report(DEMO.read_bytes(), DEMO.name, issuer=cast.town.name, year=2025,
                          options=extraction_options(cast.town, rows))


def test_leads_and_cooperating_units_are_the_issuers_own_departments(cast):
    names = set(cast.departments)
    tasks = extracted(cast).plan.tasks
    assert tasks and all(t.lead in names and set(t.cooperating) <= names for t in tasks)


def test_an_alias_of_a_department_names_it_in_the_list(cast):
    listed = {d.name: d for d in department_list(cast.town).units}
    assert listed["经济发展办"].aliases == ("经发办", "经济发展办公室")


def test_a_name_given_to_two_departments_is_refused_in_chinese(cast):
    Department.objects.filter(issuer=cast.town, name="财政所").update(aliases="经发办")
    with pytest.raises(ImportFailed, match="部门名单有误: “经发办”同时是“经济发展办”和“财政所”的名称或别名"):
        extraction_options(cast.town)


def test_the_office_chooses_the_granularity_at_import(as_, cast, settings):
    response = as_("supervisor").post(reverse("import_report"), {
        "file": _upload(), "issuer": cast.town.pk, "year": 2025, "rows": "clause"})
    assert response.status_code == 302
    pending = PendingImport.objects.latest("created_at")
    assert pending.rows == "clause"
    assert len(extracted(cast, "clause").plan.tasks) > len(extracted(cast).plan.tasks)


def test_the_import_form_offers_both_cuts(as_):
    page = as_("supervisor").get(reverse("import_report")).content.decode()
    assert "按句（与督查室的任务分解表一致）" in page and "按分句" in page


def test_a_row_the_office_moved_is_suggested_to_its_new_lead_next_time(cast):
    task = cast.tasks["t4"]  # 健全城市管理长效机制,深化综合行政执法改革: the cues say 综合行政执法
    services.assign_task(cast.supervisor, task, lead=cast.departments["财政所"])  # the office's choice
    assert len(office_history(cast.town)) >= 1
    assert suggestion_for(cast.town, task.text)[0] == "财政所"


def test_without_a_move_the_cues_decide(cast):
    assert suggestion_for(cast.town, "加大招商引资力度,创新招商引资方式")[0] == "经济发展办"


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(DEMO.name, DEMO.read_bytes(), content_type="text/plain")
