#!/usr/bin/env python
"""Django's command line for Luoshi's web app: ``python manage.py migrate``, ``load_demo``, ``runserver``."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
    from django.core.management import execute_from_command_line  # noqa: TID251 - manage.py is the web side

    execute_from_command_line(sys.argv)
