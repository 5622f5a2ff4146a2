"""Every page of the plan app renders for the supervisor (a quick check that templates and URLs agree)."""

from django.urls import reverse


def test_it_renders_every_supervisor_page(as_, cast):
    client = as_("supervisor")
    task, target = cast.tasks["t1"], cast.targets["g2"]
    urls = [
        reverse("home"), reverse("import_report"), reverse("task_table", args=[cast.plan.pk]),
        reverse("plan_history", args=[cast.plan.pk]), reverse("task_add", args=[cast.plan.pk]),
        reverse("task_detail", args=[task.pk]), reverse("task_edit", args=[task.pk]),
        reverse("task_split", args=[task.pk]), reverse("task_history", args=[task.pk]),
        reverse("target_edit", args=[target.pk]), reverse("target_history", args=[target.pk]),
        reverse("import_xlsx", args=[cast.plan.pk]), reverse("export_xlsx", args=[cast.plan.pk]),
        reverse("task_row", args=[task.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
