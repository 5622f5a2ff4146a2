"""Operations (运维): ``luoshi backup`` and ``luoshi restore`` of a whole installation (database and files).

The commands reach the core's command line through the ``luoshi.commands`` entry points, so the core
never imports Django; this package sets Django up itself (``DJANGO_SETTINGS_MODULE``, default ``web.settings``).
"""
