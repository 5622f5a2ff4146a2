"""The leader in charge (分管领导) and the person responsible (责任人): a row's own, else its lead department's."""

from __future__ import annotations

from web.plans.services import assign_task


def test_a_row_answers_to_its_lead_departments_leader_in_charge(cast):
    lead = cast.departments["经济发展办"]
    lead.leader_in_charge, lead.responsible = cast.leader, cast.staff
    lead.save()
    assign_task(cast.supervisor, cast.tasks["t1"], lead=lead)
    task = cast.plan.tasks.get(pk=cast.tasks["t1"].pk)
    assert task.effective_leader_in_charge() == cast.leader and task.effective_responsible() == cast.staff


def test_a_rows_own_leader_in_charge_overrides_its_departments(cast):
    lead = cast.departments["经济发展办"]
    lead.leader_in_charge = cast.leader
    lead.save()
    assign_task(cast.supervisor, cast.tasks["t1"], lead=lead)
    task = cast.plan.tasks.get(pk=cast.tasks["t1"].pk)
    task.leader_in_charge, task.responsible = cast.supervisor, cast.other_staff
    assert task.effective_leader_in_charge() == cast.supervisor and task.effective_responsible() == cast.other_staff


def test_an_unassigned_row_has_no_one_in_charge(cast):
    task = cast.tasks["t4"]
    assert task.effective_leader_in_charge() is None and task.effective_responsible() is None
