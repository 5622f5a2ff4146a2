"""The workbench (工作台): each role's landing page, what waits for them in their current plan, counts linking to
the filtered lists."""
