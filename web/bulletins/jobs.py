"""Making a bulletin file (生成通报文件) as a background job: a provincial plan's .docx or PDF takes a while.

The file is stored on the job row, so whichever app server the download link reaches can serve it.
"""

from __future__ import annotations

from web.jobs.registry import JobFailed, Output, job_handler

BULLETIN_FILE = "bulletin_file"
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def subject_of(plan_id: int, period: str, fmt: str) -> str:
    return f"bulletin:{plan_id}:{period}:{fmt}"


def filename_of(issuer: str, period: str, fmt: str) -> str:
    return f"督查通报-{issuer}-{period}.{fmt}"


@job_handler(BULLETIN_FILE)
def make_bulletin_file(job) -> Output:
    """Build the bulletin of ``payload["period"]`` as things stand now and render it as ``payload["format"]``."""
    from web.bulletins.content import build_bulletin
    from web.plans.models import Plan

    plan_id, period, fmt = job.payload["plan"], job.payload["period"], job.payload["format"]
    plan = Plan.objects.select_related("issuer").filter(pk=plan_id).first()
    if plan is None or fmt not in FORMATS:
        raise JobFailed("该规划或文件格式已不存在", f"plan {plan_id}, format {fmt!r}")
    try:
        bulletin = build_bulletin(plan, period)
    except ValueError as e:
        raise JobFailed("不是有效的报送期", str(e)) from None
    if fmt == "docx":
        from web.bulletins.docx import render_docx as render_file
    else:
        from web.bulletins.pdf import render_pdf as render_file
    from web.bulletins.fonts import FontsMissing

    try:
        data = render_file(bulletin)
    except FontsMissing as e:
        raise JobFailed(str(e), "no Chinese font installed (Debian package fonts-noto-cjk)") from None
    return Output(data, filename_of(plan.issuer.name, period, fmt), FORMATS[fmt],
                  {"plan": plan.pk, "period": period, "format": fmt})
