"""Documents for coordinators: the progress chart (PNG), the Excel workbook and the draft letter (DOCX)."""
