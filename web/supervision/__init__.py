"""Supervision (督查督办): progress reports, review, extensions, the status engine, alerts and reminders."""
