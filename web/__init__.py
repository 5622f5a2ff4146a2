"""The web app (网页应用): a thin Django layer over the text core ``luoshi``.

Apps: ``accounts`` (departments and roles), ``plans`` (plans, tasks, assignments, imports),
``audit`` (who changed what), ``exports`` (the 任务分解表 .xlsx round trip).
"""
