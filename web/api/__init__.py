"""The JSON API (接口) under ``/api/``: plans, tasks, progress reports and indicators for scripts and other
systems, with bearer tokens; permissions and changes go through the apps' access helpers and services."""
