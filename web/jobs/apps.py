from django.apps import AppConfig


class JobsConfig(AppConfig):
    verbose_name = "后台任务"
    name = "web.jobs"
    label = "jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each app keeps its handlers in ``<app>/jobs.py`` (``@job_handler("kind")``); importing them here
        # means the web process and the worker know the same kinds without a list to keep in step.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
