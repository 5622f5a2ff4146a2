"""Headline indicators (主要经济指标): monthly cumulative actuals, year-end forecast, on-course flag."""
