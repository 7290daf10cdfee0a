"""Write: what people open — the scored workbook for payroll and the HTML report for managers.

:func:`processor.write.workbook.write_workbook` writes ``scored-<month>.xlsx`` and
:func:`processor.write.report.write_report` writes ``report/``; both build only on the
contract of :mod:`processor.model`. Words live in :mod:`.labels`, value kinds in
:mod:`.columns`, phone masking in :mod:`.privacy`, all-or-nothing file moves in :mod:`.atomic`.
The workbook's cells are made by :mod:`.fastxlsx` (styles in :mod:`.xlsxstyles`) through the
table writer :mod:`.xlsx`; the pages' data by :mod:`.site` (the month as every page sees it),
:mod:`.center` (the center's figures), :mod:`.views` (overview and team pages), :mod:`.attention`,
:mod:`.export_verdicts`, :mod:`.person` (employee page), :mod:`.daycells` and :mod:`.annual_page`;
rows reach them through :mod:`.vectors`. :mod:`.verdicts` says why each grade
is what it is, in one line shared by the pages, the Actions sheet and :mod:`.payroll` (the
Payroll sheet's rows and ``payroll-<month>.csv``).
Nothing is imported here, so that importing one writer stays light.
"""
