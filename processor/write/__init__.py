"""Write: what people open — the scored workbook for payroll and the HTML report for managers.

:func:`processor.write.workbook.write_workbook` writes ``scored-<month>.xlsx`` and
:func:`processor.write.report.write_report` writes ``report/``; both build only on the
contract of :mod:`processor.model`. Words live in :mod:`.labels`, value kinds in
:mod:`.columns`, phone masking in :mod:`.privacy`, all-or-nothing file moves in :mod:`.atomic`.
The workbook's cells are made by :mod:`.fastxlsx` (styles in :mod:`.xlsxstyles`) through the
table writer :mod:`.xlsx`; the pages' data by :mod:`.pages`, :mod:`.person` and :mod:`.daycells`.
Nothing is imported here, so that importing one writer stays light.
"""
