"""Extra fixtures for the supervision tests (issue 5), on top of the web cast in ``conftest.py``.

``supervised``: the cast's plan with its tasks assigned as a town would —

    t1  基地土地平整 (due 2025-03-31)   lead 经济发展办
    t2  产业综合配套工程 (year)          lead 规划建设办, cooperating 经济发展办
    t3  招商引资 8 个项目 (year)         lead 经济发展办, cooperating 财政所; target g3 (>= 8 个)
    t4  城市管理 (year)                  lead 党政办

and evidence files written under a temporary LUOSHI_DATA_DIR. ``MID_YEAR`` is the frozen clock most
tests run at: 2025-06-27, two days after June's due day (the 25th).
"""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from web.plans.services import assign_task
from web.supervision import services

MID_YEAR = "2025-06-27 10:00:00+08:00"


@pytest.fixture
def supervised(cast, settings, tmp_path):
    settings.LUOSHI_DATA_DIR = tmp_path
    d = cast.departments
    assign_task(cast.supervisor, cast.tasks["t1"], lead=d["经济发展办"])
    assign_task(cast.supervisor, cast.tasks["t2"], lead=d["规划建设办"], cooperating=[d["经济发展办"]])
    assign_task(cast.supervisor, cast.tasks["t3"], lead=d["经济发展办"], cooperating=[d["财政所"]])
    assign_task(cast.supervisor, cast.tasks["t4"], lead=d["党政办"])
    return cast


@pytest.fixture
def mid_year():
    with time_machine.travel(MID_YEAR, tick=False) as traveller:
        yield traveller


def submit(cast, key="t3", period="2025-06", percent=40, *, who="staff", department="经济发展办", **kwargs):
    """A report through the service, as the cast's ``who`` of ``department``."""
    kwargs.setdefault("text", f"{period} 完成招商洽谈3次")
    return services.submit_progress_report(getattr(cast, who), cast.tasks[key], department=cast.departments[department],
                                           period=period, percent=percent, **kwargs)


def submit_approved(cast, key="t3", period="2025-06", percent=40, **kwargs):
    """A report submitted and approved: lights count reviewed progress only."""
    return services.approve_progress_report(cast.supervisor, submit(cast, key, period, percent, **kwargs))


def upload(name="photo.jpg", content=b"\xff\xd8\xff\xe0 fake jpeg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)
