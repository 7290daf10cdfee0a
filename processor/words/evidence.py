"""The evidence sentences the rules and scoring write, each in Chinese and English.

Keyed ``<area>.<what>``; ``{name}`` is a placeholder :func:`processor.words.say` fills column-wise
(``{x:.2f}`` takes a format spec). Both languages of a key take the same placeholders
(tests/test_words.py). Figures are filled in by the caller already formatted as text
(``F.num``/``F.clock``), so the two languages show the same digits.
"""
from __future__ import annotations

PHRASES: dict[str, tuple[str, str]] = {
    # attendance (rules/attendance.py)
    "att.late": ("上班打卡 {clock},班次{after} {start} 开始,迟到 {minutes} 分钟",
                 "clocked in {clock}, shift{after} starts {start}: {minutes} min late"),

    # attendance days (rules/attendance.py, rules/day_evidence.py) ---------------------------- s4-enA
    "att.next_day": ("次日 {clock}", "next day {clock}"),
    "att.after_leave": ("(扣除请假 {leave} 后)", " (net of {leave})"),
    "att.early": ("下班打卡 {clock},班次{after} {end} 结束,早退 {minutes} 分钟",
                  "clocked out {clock}, shift{after} ends {end}: {minutes} min early"),
    "att.late_said": ("考勤导出记为“{verdict}”,迟到 {minutes} 分钟",
                      "the attendance export says \"{verdict}\": {minutes} min late"),
    "att.early_said": ("考勤导出记为“{verdict}”,早退 {minutes} 分钟",
                       "the attendance export says \"{verdict}\": {minutes} min early"),
    "att.noshow": ("{shift} 无上下班打卡{why}", "{shift}: no clock-in or clock-out{why}"),
    "att.noshow_said": ("考勤导出记为“{verdict}”, 无上下班打卡{why}",
                        "the attendance export says \"{verdict}\": no clock-in or clock-out{why}"),
    "att.no_punch": ("无上下班打卡{why}", "no clock-in or clock-out{why}"),
    "att.no_valid_leave": (",且无有效请假", ", and no valid leave"),
    "att.leave_invalid": (",请假无效({rules})", ", the leave is invalid ({rules})"),
    "att.leave_invalid_swapday": (",换班或还班日请假无效({rules})", ", leave on a swap or return day is invalid ({rules})"),
    "att.leave_partial": (",有效请假 {leave} 只覆盖部分班次,其余时间无打卡{invalid}",
                          ", valid leave ({leave}) covers only part of the shift, the rest has no punch{invalid}"),
    "att.l30_mark": ("{what}(≥{minutes} 分钟)", "{what} (≥ {minutes} min)"),
    "att.l30": ("{what},按旷工处理", "{what}: counted as an absence"),
    "att.absence": ("旷工 1 天:{cause},罚款 {fine} 元", "absent 1 day: {cause}; fined {fine} yuan"),
    "att.late_fined": ("{what},每分钟罚款 {per} 元", "{what}; fined {per} yuan a minute"),
    "att.early_fined": ("{what},每分钟罚款 {per} 元", "{what}; fined {per} yuan a minute"),
    "att.early_unfined": ("{what},只记录不罚款(早退不罚款)", "{what}; recorded, not fined (early leave is not fined)"),
    "att.excused": ("{what},已事先电话请示班组长,只记录不罚款",
                    "{what}; phoned the team leader beforehand: recorded, not fined"),
    "att.miss_out": ("缺下班打卡(上班打卡 {clock}),待复核", "no clock-out (clocked in {clock}), to be checked"),
    "att.miss_in": ("缺上班打卡(下班打卡 {clock}),待复核", "no clock-in (clocked out {clock}), to be checked"),
    "att.miss_out_said": ("考勤导出记为“{verdict}”,缺下班打卡,待复核",
                          "the attendance export says \"{verdict}\": no clock-out, to be checked"),
    "att.miss_in_said": ("考勤导出记为“{verdict}”,缺上班打卡,待复核",
                         "the attendance export says \"{verdict}\": no clock-in, to be checked"),
    "att.resign_month": ("当月第 {nth} 个旷工日,视为自动离职(每月允许 {allowed} 天)",
                         "absence day {nth} of the month: deemed resigned ({allowed} allowed a month)"),
    "att.resign_run": ("连续第 {nth} 个旷工日,视为自动离职(每月允许 {allowed} 天)",
                       "absence day {nth} in a row: deemed resigned ({allowed} allowed a month)"),
    "att.on_leave": ("请假:{leave}", "on leave: {leave}"),
    # app approvals (rules/app_days.py)
    "app.leave": ("考勤导出记为“{said}”(在考勤应用中审批的请假,计为请假),请假表中没有这一天:"
                  "提前申请、审批人和证明等请假规则无法核查",
                  "the attendance export says \"{said}\" (leave approved in the attendance app, counted as leave); "
                  "the leave table has no such day, so notice, approver and certificate rules cannot be checked"),
    "app.outing": ("考勤导出记为“{said}”(在考勤应用中审批的外出/出差,计为出勤),请假表中没有这一天:"
                   "提前申请、审批人和证明等请假规则无法核查",
                   "the attendance export says \"{said}\" (an outing or trip approved in the attendance app, counted "
                   "as present); the leave table has no such day, so notice, approver and certificate rules cannot "
                   "be checked"),
    # leave requests (rules/leave.py) ------------------------------------------------------- s4-enA
    "leave.text": ("{kind} {span}({days} 天)", "{kind} {span}, {days} days"),
    "leave.text_one": ("{kind} {span}({days} 天)", "{kind} {span}, {days} day"),
    "leave.span": ("{start} 至 {end}", "{start} to {end}"),
    "leave.head": ("{leave},申请于 {at},审批人 {role};", "{leave}, requested {at}, approver {role}; "),
    "leave.no_approver": ("无", "none"),
    "leave.notice_days": ("{kind}须在开始前 {n} 天({by} 或之前)提出,逾期申请须{role}批准",
                          "{kind} must be asked by {by} ({n}-day notice); a late request needs the approval of {role}"),
    "leave.notice_hours": ("特殊事假须在班前 {n} 小时({by} 前)提出,逾期申请须{role}批准",
                           "special personal leave must be asked before {by} ({n}-hour notice before the shift); "
                           "a late request needs the approval of {role}"),
    "leave.authority_none": ("未经审批,{days} 天的假须由{role}及以上批准"
                             "(不超过 {short_max} 天:{short_role};超过:{long_role})",
                             "not approved: a {days}-day leave needs {role} or above "
                             "({short_max}-day or shorter: {short_role}; longer: {long_role})"),
    "leave.authority_low": ("审批人级别不足,{days} 天的假须由{role}及以上批准"
                            "(不超过 {short_max} 天:{short_role};超过:{long_role})",
                            "approver's rank too low: a {days}-day leave needs {role} or above "
                            "({short_max}-day or shorter: {short_role}; longer: {long_role})"),
    "leave.inperson": ("事假须本人办理,不得由他人代请", "personal leave must be asked in person, not by someone else"),
    "leave.cert_missing": ("病假满 {days} 天须持医疗单位证明,未提交证明",
                           "a sick leave of {days}-day or longer needs a medical certificate: none given"),
    "leave.cert_late_invalid": ("医疗证明 {given} 才提交,应于病假到期后第一天 {due} 交班长,请假无效",
                                "medical certificate given only on {given}, due to the team leader on {due} "
                                "(the first day after the leave): the leave is invalid"),
    "leave.cert_late_kept": ("医疗证明 {given} 才提交,应于病假到期后第一天 {due} 交班长,只记录,请假仍有效",
                             "medical certificate given only on {given}, due to the team leader on {due} "
                             "(the first day after the leave): recorded, the leave stands"),
    "leave.emergency": ("班次 {start} 开始后才请病假,且未在班前电话通知班长",
                        "sick leave asked after the shift began at {start}, without phoning the team leader before it"),
    "leave.night": ("夜班 {day} 请假须当日 {hour}:00 前提出并经{role}及以上批准",
                    "leave on the night shift of {day} must be asked before {hour}:00 that day "
                    "and approved by {role} or above"),
    "leave.holiday": ("节假日 {day} 请假须提前 {n} 天({by} 或之前)提出并经{role}批准",
                      "leave on the holiday {day} must be asked by {by} ({n}-day notice) and approved by {role}"),
    "leave.swapday": ("{day} 是换班或还班日,不得请假,按旷工处理",
                      "{day} is a swap or return day: no leave may be taken, counted as an absence"),
    "leave.coverage": ("班组 {team} {date} {shift} 排班 {n} 人({who})全部请假,无人在岗(排班 {min} 人及以上的班次适用)",
                       "team {team}, {date} {shift}: all {n} scheduled ({who}) on leave, nobody on duty "
                       "(applies to shifts of {min} scheduled or more)"),
}
