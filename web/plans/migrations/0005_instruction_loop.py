"""A leader's instruction (批示) may be on a row, a department or the whole plan, names the departments that must
act and by when: each instruction gets its plan (from its task, for the ones already written)."""

import django.db.models.deletion
from django.db import migrations, models


def plan_from_task(apps, schema_editor):
    Instruction = apps.get_model("plans", "Instruction")
    for instruction in Instruction.objects.filter(plan__isnull=True).select_related("task"):
        instruction.plan_id = instruction.task.plan_id
        instruction.save(update_fields=["plan"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_department_leader_in_charge_and_responsible"),
        ("plans", "0004_task_leader_in_charge_and_responsible"),
    ]

    operations = [
        migrations.AddField(
            model_name="instruction",
            name="plan",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="instructions", to="plans.plan"),
        ),
        migrations.RunPython(plan_from_task, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="instruction",
            name="plan",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="instructions",
                                    to="plans.plan"),
        ),
        migrations.AlterField(
            model_name="instruction",
            name="task",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="instructions", to="plans.task"),
        ),
        migrations.AddField(
            model_name="instruction",
            name="department",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="instructions_about", to="accounts.department",
                                    verbose_name="批示的部门"),
        ),
        migrations.AddField(
            model_name="instruction",
            name="addressees",
            field=models.ManyToManyField(blank=True, related_name="instructions_to_act", to="accounts.department",
                                         verbose_name="办理单位"),
        ),
        migrations.AddField(
            model_name="instruction",
            name="due",
            field=models.DateField(blank=True, null=True, verbose_name="办理时限"),
        ),
    ]
