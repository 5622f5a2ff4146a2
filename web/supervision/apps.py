from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    verbose_name = "督查督办"
    name = "web.supervision"
    label = "supervision"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from web.audit.services import ACTION_LABELS, EVENT_READERS
        from web.plans.signals import tasks_changed
        from web.supervision import residual  # noqa: F401  (deletes an evidence file when its row goes)
        from web.supervision.access import readable_report_events
        from web.supervision.status_store import on_tasks_changed

        EVENT_READERS["supervision.progressreport"] = readable_report_events
        tasks_changed.connect(on_tasks_changed, dispatch_uid="supervision.status_store")

        ACTION_LABELS.update({
            "cadence.set": "设置报送周期",
            "report.save_draft": "保存进展草稿",
            "report.submit": "报送进展",
            "report.approve": "审核通过进展",
            "report.return": "退回进展",
            "extension.request": "申请延期",
            "extension.approve": "同意延期",
            "extension.refuse": "不同意延期",
            "indicator.create": "新增指标",
            "indicator.actual": "填报指标月度数据",
            "indicator.import": "导入统计月报",
        })
