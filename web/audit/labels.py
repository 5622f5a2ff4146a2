"""The change log in the pages' words (变更记录的中文): each field of an audit event's before/after named as the
pages name it, each value written as a page would show it (是/否, 待审核, 不低于, lists joined with 、).

Data, not code: ``FIELDS`` names fields, ``VALUES`` words the coded values of a field. An event's field that is
not listed is shown under its own key, so a field added later is still visible (and a test lists every key the
services write, so it gets a name here).
"""

from __future__ import annotations

# field key → the name the pages give it
FIELDS: dict[str, str] = {
    # tasks, targets, sections, plans
    "text": "内容", "deadline": "完成时限", "section": "章节", "archived": "已归档", "parent": "上级任务",
    "subtasks": "子任务", "lead": "牵头单位", "cooperating": "配合单位", "published": "已公开", "title": "标题",
    "year": "年度", "source": "来源文件", "sections": "章节数", "tasks": "任务数", "targets": "量化目标数",
    "indicator": "指标", "comparator": "比较方式", "value": "数值", "unit": "单位", "kind": "类型",
    "rows": "表格行数", "changed": "修改的任务数",
    # progress reports, extensions, cadence
    "period": "报送期", "version": "版本", "status": "状态", "percent": "完成进度(%)",
    "difficulties": "需协调解决的问题", "review_comment": "审核意见", "requested_deadline": "申请延至",
    "current_deadline": "原完成时限", "reason": "理由", "decision_comment": "审批意见", "cadence": "报送周期",
    "due_day": "报送截止日", "as_of": "演示基准日", "demo_reports": "演示报送数",
    # indicators
    "name": "名称", "target_value": "目标值", "baseline": "上年基数", "month": "月份", "growth": "累计增速(%)",
    # instructions, chases, notices
    "instruction": "批示内容", "due": "办理时限", "addressees": "办理单位", "department": "部门",
    "message": "催报说明", "sent": "发送结果", "number": "编号", "requirement": "督办要求", "reply_due": "回复时限",
    "reply": "回复", "escalated_to": "提请的分管领导",
    # people
    "aliases": "别名", "order": "排序", "leader_in_charge": "分管领导", "responsible": "责任人", "username": "登录名",
    "full_name": "姓名", "email": "电子邮箱", "role": "角色", "active": "在用",
}

# field key → {stored value → the word the pages use}
VALUES: dict[str, dict] = {
    "status": {"draft": "草稿", "submitted": "待审核", "returned": "已退回", "approved": "已通过",
               "pending": "待审批", "refused": "不同意", "open": "待回复", "closed": "已回复"},
    "cadence": {"monthly": "每月", "quarterly": "每季度"},
    "comparator": {">=": "不低于", "<=": "不高于", "~": "约", "=": "等于"},
    "kind": {"growth": "增长率", "quantity": "数量", "rate": "比率", "rank": "排名"},
    "role": {"supervisor": "督查室", "staff": "部门工作人员", "leader": "领导"},
    "source": {"typed": "手工录入", "imported": "统计月报导入", "demo": "演示数据"},
    "sent": {"email": "邮件", "webhook": "工作群机器人", "failed": "失败"},
}
# the approved extension's status word differs from the report's: same key, read by the event's object type
BY_OBJECT = {"supervision.extensionrequest": {"status": {"approved": "已同意"}}}
# a field's name where one object's page names it otherwise
FIELDS_BY_OBJECT = {
    "plans.task": {"text": "任务内容"}, "plans.target": {"value": "目标值"},
    "supervision.progressreport": {"text": "工作进展"}, "supervision.extensionrequest": {"reason": "延期理由"},
    "indicators.indicatoractual": {"value": "累计值"}, "directives.instructionreply": {"text": "办理情况"},
}


def field_label(key: str, object_type: str = "") -> str:
    return FIELDS_BY_OBJECT.get(object_type, {}).get(key) or FIELDS.get(key, key)


def value_text(key: str, value, object_type: str = "") -> str:
    """A stored value as the pages write it."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    words = {**VALUES.get(key, {}), **BY_OBJECT.get(object_type, {}).get(key, {})}
    if isinstance(value, dict):
        return "、".join(f"{words.get(k, field_label(k))}{value_text(k, v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "、".join(value_text(key, v, object_type) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(words.get(value, value)) if isinstance(value, str | int) else str(value)


def readable_changes(event) -> list[tuple[str, str, str]]:
    """(field name, before, after) of an event, in the pages' words."""
    kind = event.object_type
    return [(field_label(k, kind), value_text(k, before, kind), value_text(k, after, kind))
            for k, before, after in event.changes()]
