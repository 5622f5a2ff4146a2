"""The 任务分解表 .xlsx round trip: export the task table, edit it in Excel/WPS, import it back as a diff
shown row by row, applied only on confirmation and all or nothing."""
