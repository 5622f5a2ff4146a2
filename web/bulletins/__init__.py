"""The bulletin (督查通报) for a period, as .docx and PDF."""
