"""The audit trail (审计记录): who changed what, when, from what to what. Nothing is lost.

Every service function that changes state calls ``web.audit.services.record`` inside its
transaction; the history page of each item reads ``web.audit.services.history_of``.
"""
