"""Plans (规划) and their task table (任务分解表): sections, tasks, targets, milestones, projects,
assignments of departments, leaders' instructions, and pending imports.

Workflow steps live in ``services.py`` (one verb-first function each, audited); permission
checks in ``access.py``; views stay short.
"""
