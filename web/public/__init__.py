"""The public page (公开): published plans, tasks, progress and approved updates only, no login."""
