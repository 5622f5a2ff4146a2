from django.apps import AppConfig


class PlansConfig(AppConfig):
    verbose_name = "规划与任务"
    name = "web.plans"
    label = "plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from web.audit.services import ACTION_LABELS

        ACTION_LABELS["task.people"] = "指定分管领导和责任人"
        ACTION_LABELS["issuer.add"] = "新建发文单位"
        ACTION_LABELS["issuer.share"] = "下级规划设为互相可见"
        ACTION_LABELS["issuer.unshare"] = "取消下级规划互相可见"
        ACTION_LABELS["task.assign_down"] = "联动下达至下级"
