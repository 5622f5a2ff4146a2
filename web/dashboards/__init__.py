"""Dashboards (督查看板): overview, department page, indicator charts, leader view, ranking."""
