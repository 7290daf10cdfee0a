"""Words for people about the input tables, used by :mod:`processor.validate.reference`.

The column names, aliases, types and code spellings come from :mod:`.schema`; only what a
column *means* and the prose around the tables are said here. A column the schema gains
without a meaning here shows an empty cell in ``docs/inputs.md`` (``make docs``), never a
wrong one.
"""
from __future__ import annotations

TABLE_NOTES: dict[str, str] = {
    "roster": "One row per employee. Every id in the other tables must be in it.",
    "holidays": "One row per public holiday (LV-HOLIDAY, SW-HOLIDAY).",
    "attendance": "One row per employee per scheduled day; a rest day (班次 休息) is not a working day. "
                  "A WeCom or DingTalk export may stand in for it (below).",
    "leave": "One row per leave request, valid or not: the leave rules (LV-…) judge each.",
    "swaps": "One row per shift swap (SW-…).",
    "tickets": "One row per ticket, chat or call, as the helpdesk or call system exports it; "
               "a big center's month may be over a million rows, split over several files or given as CSV.",
    "qa": "One row per evaluated recording (QA-SCORE, QA-SAMPLE).",
    "ratings": "The manager rating, one row per employee (APR-RATING).",
    "indicators": "Operations and technical-support staff: one row per employee per indicator (APR-SCORE profile operations).",
    "incidents": "One row per incident: fines, deductions, vetoes and commendations by code "
                 "(the incident codes of docs/rules.md).",
    "breaks": "Exported from the ACD seat-state log, one row per time away from the seat (BRK-…).",
    "corrections": "One row per approved correction or appeal outcome (CORR-APPLY, CORR-LIMIT).",
}

MEANINGS: dict[tuple[str, str], str] = {
    ("roster", "employee_id"): "the employee's id (工号), the key every table refers to",
    ("roster", "name"): "the employee's name; also used to match a person in an attendance export when unique",
    ("roster", "department"): "department: picks the appraisal profile (`[rules.APR-SCORE.departments]`; another "
                              "department gets the default profile)",
    ("roster", "team"): "team (班组): teams are compared, and LV-COVERAGE is judged per team and shift",
    ("roster", "role"): "role (岗位): its rank (`[ranks]`) decides who may approve what; SW-SAMEROLE compares it",
    ("roster", "manager_id"): "the direct manager's id (checked against the roster)",
    ("roster", "hire_date"): "first day employed (kept for the record)",
    ("roster", "exit_date"): "last day employed (kept for the record)",
    ("holidays", "date"): "the holiday's date",
    ("holidays", "name"): "the holiday's name",
    ("attendance", "employee_id"): "whose day",
    ("attendance", "date"): "the work date (a shift crossing midnight belongs to the date it starts, ATT-NIGHT)",
    ("attendance", "shift"): "the shift code; 休息 makes the day a rest day",
    ("attendance", "shift_start"): "scheduled start",
    ("attendance", "shift_end"): "scheduled end; earlier than the start means the next day",
    ("attendance", "clock_in"): "the clock-in punch; blank = no punch; `次日 02:00` is the next day",
    ("attendance", "clock_out"): "the clock-out punch; blank = no punch; a time before the start on a night shift "
                                 "is the next morning",
    ("attendance", "pre_approved"): "late or early leave approved by phone beforehand: recorded, not fined (ATT-EXCUSED)",
    ("leave", "employee_id"): "who takes the leave",
    ("leave", "leave_type"): "the kind of leave",
    ("leave", "start"): "first day or moment of the leave",
    ("leave", "end"): "last day (a date alone means the whole day) or moment",
    ("leave", "requested_at"): "when it was requested (LV-NOTICE, LV-NIGHT, LV-HOLIDAY)",
    ("leave", "approver_role"): "the approver's role, ranked by `[ranks]` (LV-AUTHORITY); blank = not approved",
    ("leave", "approver_id"): "the approver's id",
    ("leave", "in_person"): "requested by the employee in person (LV-INPERSON)",
    ("leave", "medical_certificate"): "a medical certificate was handed in (LV-SICKCERT)",
    ("leave", "certificate_date"): "when the certificate was handed in (LV-SICKCERT)",
    ("leave", "phoned_before_shift"): "emergency sick leave phoned in before the shift (LV-EMERGENCY)",
    ("swaps", "requester_id"): "who asked for the swap",
    ("swaps", "counterpart_id"): "who takes the shift",
    ("swaps", "swap_date"): "the day swapped",
    ("swaps", "return_date"): "the day the shift is given back",
    ("swaps", "requested_at"): "when it was requested (SW-NOTICE)",
    ("swaps", "approver_id"): "who approved; blank = a private swap (SW-PRIVATE)",
    ("tickets", "ticket_id"): "the ticket's id, unique across all ticket files",
    ("tickets", "agent_id"): "the agent who handled it",
    ("tickets", "channel"): "phone, chat, e-mail or walk-in: sets the response limit (KPI-RESP)",
    ("tickets", "ticket_type"): "inquiry, complaint or suggestion (KPI-CMPL counts complaints)",
    ("tickets", "created_at"): "when the ticket was opened; the month is taken by it",
    ("tickets", "first_response_at"): "first response (KPI-RESP)",
    ("tickets", "resolved_at"): "when resolved; blank = open (KPI-RES)",
    ("tickets", "first_contact_resolved"): "resolved at first contact (KPI-FCR)",
    ("tickets", "satisfaction"): "the customer's rating, 1–5; blank = not surveyed (KPI-SAT)",
    ("tickets", "callback_at"): "when the customer was called back (KPI-CALLBACK)",
    ("tickets", "reopened"): "reopened after resolution (KPI-REOPEN, shown only)",
    ("tickets", "complained_employee_id"): "the employee complained about (KPI-AGAINST)",
    ("tickets", "customer_phone"): "personal data: kept for the audit, never shown unmasked in a report",
    ("qa", "agent_id"): "the agent evaluated",
    ("qa", "date"): "the evaluation's date",
    ("qa", "score"): "the evaluation's score, 0–100",
    ("qa", "fatal_error"): "a fatal error: the evaluation counts 0 (QA-SCORE)",
    ("qa", "qa_id"): "the evaluation's id",
    ("qa", "reviewer_id"): "the QA specialist's id",
    ("ratings", "employee_id"): "whose rating",
    ("ratings", "attitude"): "work attitude, 0–100",
    ("ratings", "ability"): "professional ability, 0–100",
    ("ratings", "teamwork"): "teamwork, 0–100",
    ("ratings", "rater_id"): "who rated",
    ("indicators", "employee_id"): "whose indicator",
    ("indicators", "indicator"): "the indicator's name (业务流程执行准确率, 系统故障率 …)",
    ("indicators", "target"): "the target",
    ("indicators", "actual"): "the month's actual value",
    ("indicators", "weight"): "its weight; one employee's weights are rescaled to sum to 1",
    ("indicators", "direction"): "whether higher or lower is better",
    ("incidents", "employee_id"): "whose incident",
    ("incidents", "date"): "when it happened",
    ("incidents", "code"): "an incident code of the rulebook, or its Chinese or English name or an alias",
    ("incidents", "amount"): "the fine in yuan; blank = the rulebook's amount",
    ("incidents", "points"): "the points; blank = the rulebook's points",
    ("incidents", "note"): "free text, kept as evidence",
    ("breaks", "employee_id"): "who left the seat",
    ("breaks", "post"): "the post (skill group): BRK-CONCURRENT counts its staff away at once",
    ("breaks", "left_at"): "when they left",
    ("breaks", "returned_at"): "when they came back",
    ("breaks", "reason"): "why; toilet reasons (`[rules.BRK-LENGTH] toilet_reasons`) and blank get the 5-minute limit",
    ("corrections", "employee_id"): "whose day is corrected",
    ("corrections", "date"): "the day the correction is about",
    ("corrections", "kind"): "补卡 (a forgotten punch), 免罚 (waive one finding), 改为请假 (the day was leave), "
                             "改为出勤 (the day was worked as scheduled)",
    ("corrections", "rule_id"): "for 免罚: the rule id or incident code of the finding waived (`ATT-LATE`, `桌面不整洁` …)",
    ("corrections", "clock_in"): "for 补卡: the clock-in to fill in",
    ("corrections", "clock_out"): "for 补卡: the clock-out to fill in",
    ("corrections", "leave_type"): "for 改为请假: the kind of leave",
    ("corrections", "reason"): "why (shown in the finding)",
    ("corrections", "approver_role"): "who approved: applied only from `[rules.CORR-APPLY] min_role` up",
    ("corrections", "approved_at"): "when it was approved",
}

TYPES: dict[str, str] = {
    "id": "id (text)",
    "text": "text",
    "date": "date",
    "time": "time",
    "datetime": "date and time",
    "date_or_datetime": "date, or date and time",
    "time_or_datetime": "time, or date and time",
    "yesno": "yes/no",
    "number": "number",
    "score": "score 0–100",
    "satisfaction": "rating 1–5",
    "enum": "one of",
}

INTRO = """\
# 输入表 Input tables

<!-- Generated by `opscore docs` (`make docs`) from processor/schema.py; do not edit by hand. -->

A month of input is one folder (`sample_workbooks/2026-10/`, `2026-10`, `202610`, `2026年10月`)
holding the workbooks the center already keeps, named as you like: opscore recognises each
**sheet** by its header row. `opscore template DIR` writes one blank workbook per table below,
with these headers, dropdowns and an example row; `opscore check DIR` says which table each
sheet holds and lists every problem.

## Reading rules (all tables)

- Files: `.xlsx`, `.xlsm` and `.csv` (UTF-8, UTF-8 with BOM, GB18030). A `.xls`, a
  password-protected, corrupt or UTF-16 file is refused with what to do; `~$` lock files and
  hidden files are skipped.
- The header row is the first row within the first 10 (below any title rows) that holds a
  table's required headers. Headers match in Chinese or English, with the aliases below,
  ignoring case, spaces, underscores and full-width forms. Unknown extra columns are kept for
  the audit trail.
- A sheet that matches several tables is the one with the most required headers matched; a
  tie is an input error naming the sheet.
- Types: an **id** is text (leading zeros kept; `1001.0` → `1001`). A **date** is an Excel
  date, `2026-10-01`, `2026/10/1` or `2026年10月1日`, a trailing weekday ignored. A **time** is
  an Excel time, `08:59` or `8:59:30`; `次日 02:00` is the next day. A **date and time** is
  both in one cell. **yes/no** is `是/否`, `Y/N`, `yes/no`, `true/false`, `1/0` or `√/×`. A
  **score** is 0–100 (`85%` and `85分` are 85). A coded column takes any spelling of the
  coded values below.
- Formulas are read by their cached values; full-width digits and colons (`０８：３０`) are
  accepted; a blank required cell inside a merged block says so.
- Every problem is reported at once with file, sheet, Excel row, column and value and what
  was expected, at most 50 per column and check; a month with input errors writes nothing.
- The month must have a roster and attendance (or an attendance export); the other tables
  may be absent, and then their rules are not applied.
"""

CROSS_CHECKS = """\
## Cross-checks

- An id in any table that is not in the roster.
- The same employee twice in the roster; the same employee and date twice in attendance; the
  same ticket id twice (across all ticket files).
- A row dated outside the month (tickets are taken by their creation time).
- A clock-out before the clock-in on a day shift; a leave ending before it starts; a score
  outside 0–100; a satisfaction outside 1–5; an incident code the rulebook does not know; an
  amount outside an incident's `min_amount`–`max_amount`.
- A correction that cannot mean anything: a 补卡 with neither time, a 免罚 without a known rule
  id, a 改为请假 without 假别.
"""

CORRECTIONS = """\
## Corrections and appeals (更正记录)

A forgotten punch, a fine overturned on appeal or a day a system outage made look absent is
corrected in the corrections table, never by editing the attendance workbook. Corrections are
applied before the rules (CORR-APPLY) when approved by the rulebook's `min_role` or above, and
at most `[rules.CORR-LIMIT] max_per_month` 补卡 per employee and month count. Each correction
is a finding (fine 0) saying what was changed, by whom and why, or why it was not applied
(lower rank, over the limit, no shift that day, punches already there, no such finding, a
later correction of the same day). The original punches and verdict stay visible beside the
corrected ones in the Attendance sheet and on the employee's page. 免罚 takes only money and
points: the minutes and absence days stay counted; to undo an absence use 改为请假 or 改为出勤.
"""

EXPORTS = """\
## Attendance exports (WeCom 企业微信, DingTalk 钉钉)

Instead of a typed attendance table, the month folder may hold the attendance app's export,
unedited. opscore finds it by its sheets and grouped headers, not by its file name:

| app | export | sheets |
|---|---|---|
| WeCom 企业微信 | 上下班打卡 日报 (daily report) | 概况统计与打卡明细 and/or 打卡详情, or the overview saved as CSV |
| WeCom 企业微信 | 月报 (monthly report: each day's verdict) | the month's day columns; with 打卡时间记录 beside it for the punches |
| DingTalk 钉钉 | 考勤报表 (attendance report) | 每日统计 and/or 原始记录 |
| DingTalk 钉钉 | 月度汇总 (monthly summary: each day's verdict) | the month's day columns; with 打卡时间 beside it for the punches |

- **People** are matched to the roster by 工号, else by an account column of the roster
  (账号 / UserId, kept as an extra column), else by a unique name.
- **The schedule** comes from 班次 (`09:00-12:00、13:00-18:00` → 09:00–18:00, `休息` → rest),
  the first clock-in and the last clock-out; the shift code from the 班次 name, else from the
  start time (a shift crossing midnight starting at 20:00 or later is a night shift).
- **opscore applies its own rulebook.** The export's verdict (迟到30分钟, 旷工480分钟 …) is kept
  beside opscore's in the Attendance sheet, with `verdict_differs` where they disagree.
- **Verdict-only exports** (WeCom 月报, DingTalk 月度汇总) give each day's words, not times: for
  people no daily export or 考勤 table covers, each day is rebuilt from its words on
  `[exports] verdict_shift` and judged by the rulebook; what a verdict cannot give is left
  out, not guessed (ATT-PREP is not measured on those days), and words it cannot read are an
  input problem at their cell.
- **Approvals made in the app** (请假, 调休, 外出, 出差, 关联的审批单) with no leave-table row
  covering the day are leave or presence, not absence (LV-APP; `[exports] trust_app_approvals`).
- **Night shifts and flexible hours**: the apps mark next-day punches themselves (`次日 08:27`);
  a `自由工时` day with a punch is worked, never late or early (ATT-FLEX).
- Days outside the month being run (a DingTalk period `09-26 至 10-25`) are left out with a note.
"""
