"""The admin (/admin/) in the hands of a misused administrator account: an evidence row cannot be pointed at
a file outside the evidence directory (nor is one served), and every addition, edit and deletion made there
is an audit event with the administrator, the object and what it held.

``rogue_admin`` is the attacker given administrator rights: a stolen or abused admin account."""

from __future__ import annotations

import pytest
import supervision_fixtures as fixtures
from django.contrib import admin
from django.urls import reverse
from supervision_fixtures import submit, upload

from web.accounts.models import Department
from web.audit.admin import AuditedAdmin
from web.audit.services import security_events
from web.supervision.models import Evidence

mid_year, supervised = fixtures.mid_year, fixtures.supervised  # fixtures used below


@pytest.fixture
def rogue_admin(cast, as_):
    cast.attacker.is_staff = cast.attacker.is_superuser = True
    cast.attacker.save()
    return as_("attacker")


@pytest.fixture
def evidence(supervised, mid_year, settings):
    (settings.LUOSHI_DATA_DIR / "secret_key").write_text("k" * 60)
    return submit(supervised, files=[upload()]).evidence.get()


def change_evidence(client, item: Evidence, path: str):
    return client.post(reverse("admin:supervision_evidence_change", args=[item.pk]), {
        "report": item.report_id, "name": item.name, "path": path, "content_type": "text/plain", "size": 60,
        "uploaded_at_0": "2025-06-27", "uploaded_at_1": "10:00:00"})


@pytest.mark.parametrize("path", ["../secret_key", "/etc/passwd", "1/../../secret_key", "a/../../../etc/hosts"])
def test_an_evidence_row_cannot_be_pointed_outside_the_evidence_directory(rogue_admin, evidence, path):
    response = change_evidence(rogue_admin, evidence, path)
    assert response.status_code == 200 and "不在佐证材料目录内" in response.content.decode()
    evidence.refresh_from_db()
    assert not evidence.path.startswith(("..", "/"))


def test_a_row_pointing_outside_is_not_served(as_, evidence):
    Evidence.objects.filter(pk=evidence.pk).update(path="../secret_key")
    assert as_("supervisor").get(reverse("evidence", args=[evidence.pk])).status_code == 404


def test_a_symlink_out_of_the_evidence_directory_is_not_served(as_, evidence, settings):
    link = evidence.file_path.parent / "link.jpg"
    link.symlink_to(settings.LUOSHI_DATA_DIR / "secret_key")
    Evidence.objects.filter(pk=evidence.pk).update(path=str(link.relative_to(settings.LUOSHI_DATA_DIR / "evidence")))
    assert as_("supervisor").get(reverse("evidence", args=[evidence.pk])).status_code == 404


def test_a_deletion_in_the_admin_is_audited_with_what_was_deleted(rogue_admin, cast, evidence):
    url = reverse("admin:supervision_evidence_delete", args=[evidence.pk])
    assert rogue_admin.post(url, {"post": "yes"}).status_code == 302
    event = security_events().get(action="admin.delete")
    assert (event.actor, event.object_type, event.object_id) == (cast.attacker, "supervision.evidence",
                                                                 str(evidence.pk))
    assert event.before["path"] == evidence.path and event.plan_id is None


def test_a_bulk_deletion_in_the_admin_is_audited_row_by_row(rogue_admin, cast):
    doomed = [Department.objects.create(issuer=cast.town, name=f"临时机构{i}") for i in range(3)]
    rogue_admin.post(reverse("admin:accounts_department_changelist"), {
        "action": "delete_selected", "_selected_action": [d.pk for d in doomed], "post": "yes"})
    assert not Department.objects.filter(pk__in=[d.pk for d in doomed]).exists()
    events = security_events().filter(action="admin.delete", object_type="accounts.department")
    assert sorted(e.object_repr for e in events) == ["临时机构0", "临时机构1", "临时机构2"]


def test_an_edit_in_the_admin_is_audited_with_the_fields_changed(rogue_admin, cast):
    department = cast.departments["财政所"]
    rogue_admin.post(reverse("admin:accounts_department_change", args=[department.pk]), {
        "issuer": cast.town.pk, "name": "财政所", "aliases": "财政办", "order": department.order})
    event = security_events().get(action="admin.change")
    assert event.actor == cast.attacker and "别名" in event.note
    assert (event.before["aliases"], event.after["aliases"]) == ("", "财政办")


def test_a_password_hash_never_reaches_the_audit_log(rogue_admin, cast):
    rogue_admin.post(reverse("admin:auth_user_change", args=[cast.staff.pk]), {
        "username": "jingji", "first_name": "经济", "last_name": "", "email": "", "is_active": "on",
        "date_joined_0": "2025-01-01", "date_joined_1": "09:00:00"})
    event = security_events().get(action="admin.change", object_type="auth.user")
    assert "password" not in event.after and "pbkdf2" not in str(event.after)


def test_every_model_in_the_admin_is_audited():
    unaudited = [model._meta.label for model, model_admin in admin.site._registry.items()
                 if not isinstance(model_admin, AuditedAdmin)]
    assert unaudited == []
