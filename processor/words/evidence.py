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
    # swaps (rules/swaps.py) ------------------------------------------------------------------- s4-enB
    "swap.who": ("{requester} 与 {counterpart} 换班({date})", "swap of {requester} and {counterpart} ({date})"),
    "swap.nobody": ("无", "none"),
    "swap.samerole": ("{who},双方岗位不同({requester_role} / {counterpart_role}),批准人 {approver}",
                      "{who}: the parties hold different roles ({requester_role} / {counterpart_role}), "
                      "approver {approver}"),
    "swap.limit": ("{who},为本月第 {nth} 次换班(每月最多 {limit} 次),扣 {points} 分",
                   "{who}: swap {nth} of the month ({limit} allowed a month), {points} points off"),
    "swap.notice": ("{who},申请于 {requested},须提前 {days} 天申请({due} 或之前),批准人 {approver}",
                    "{who}: requested {requested}, due {days} day(s) ahead ({due} or earlier), approver {approver}"),
    "swap.no_approver": (",无批准人(私自调班)", ": no approver (a private swap)"),
    "swap.low_approver": (",批准人 {approver}({role})低于{min_role},视为私自调班",
                          ": approver {approver} ({role}) ranks below {min_role}: a private swap"),
    "swap.late_private": (",未提前 {days} 天申请,视为私自调班", ": not requested {days} day(s) ahead: a private swap"),
    "swap.both_absent": (",双方均按旷工处理", "; both count as absent"),
    "swap.requester_absent": (",申请人按旷工处理", "; the requester counts as absent"),
    "swap.holiday": ("{who},节假日当班人员不允许换班,换班不予认可",
                     "{who}: no swaps of a holiday shift, the swap is not recognised"),
    "swap.holiday_absent": (",申请人当日未上本人的班,按旷工处理",
                            "; the requester did not work their own shift that day: counted as absent"),
    "swap.holiday_worked": (",申请人当日已上班", "; the requester worked that day"),
    "swap.missed": ("{who},换班日无人上班(误班、空班):{counterpart} 顶班未到",
                    "{who}: nobody worked the swap day (a missed shift): {counterpart}, who took it over, did not come"),
    "swap.missed_both": (",{requester} 亦未上班,双方均按旷工处理",
                         "; {requester} did not work either: both count as absent"),
    "swap.missed_one": (",按旷工处理", ": counted as absent"),
    "swap.consecutive": ("{who},与前一天的换班相连(不允许连续换班)",
                         "{who}: follows a swap the day before (consecutive swaps are not allowed)"),
    "swap.back_to_back": ("{who},{employee} 在 {date} 的班次与相邻班次间隔仅 {gap} 小时(少于 {hours} 小时),构成连班",
                          "{who}: {employee}'s shift on {date} is only {gap} h from the next or previous one "
                          "(less than {hours} h): back-to-back shifts"),
    "swap.day": ("{what}({date} {requester} 与 {counterpart})", "{what} ({date}, {requester} and {counterpart})"),
    "swap.day_private": ("私自调班", "private swap"),
    "swap.day_holiday": ("节假日换班不予认可,未上本人的班", "holiday swap not recognised, own shift not worked"),
    "swap.day_missed": ("换班后无人上班(误班)", "nobody worked after the swap (missed shift)"),
    # who was at the desk (rules/handover.py)
    "handover.iduse": ("{date} 为{day},工号 {employee} 仍处理工单 {tickets} 张,疑似他人使用其工号,待复核",
                       "{date} was {day}, yet id {employee} handled {tickets} ticket(s): someone else may have "
                       "used the id, to be checked"),
    "handover.day_resigned": ("视为自动离职之后", "after the deemed resignation"),
    "handover.day_rest": ("休息日", "a rest day"),
    "handover.day_absent": ("旷工日", "an absence day"),
    "handover.day_leave": ("请假日", "a leave day"),
    "handover.gap": ("班组 {team} 交接班 {at}:下班打卡 {out},接班人员最早 {first} 到岗,无人在岗 {minutes} 分钟",
                     "team {team}, handover at {at}: clocked out {out}, the next shift's first came at {first}: "
                     "{minutes} min with nobody at the desk"),
    "handover.nobody": ("班组 {team} 交接班 {at}:下班打卡 {out},接班人员无人到岗,交班人已离台",
                        "team {team}, handover at {at}: clocked out {out}; nobody of the next shift came and the "
                        "outgoing member had left"),
    "handover.points": (",扣 {points} 分", "; {points} points off"),
    "handover.record": (",只记录", "; recorded only"),
    # breaks (rules/breaks.py)
    "break.length": ("离岗 {start}–{end}({reason}),共 {minutes} 分 {seconds} 秒,超过 {limit} 分钟 {excess} 分钟",
                     "away {start}–{end} ({reason}): {minutes} min {seconds} s, {excess} min over the "
                     "{limit}-minute limit"),
    "break.no_reason": ("未注明原因", "no reason given"),
    "break.by_second": ("(按秒计,不足 1 分钟按 1 分钟)", " (counted by the second, a started minute counts as 1)"),
    "break.by_minute": ("(按整分钟计)", " (whole minutes)"),
    "break.concurrent": ("岗位组 {post} {at} 离岗时已有 {away} 人离岗(该岗位 {size} 人,同时离岗上限 {limit} 人,"
                         "即 {share}%、至少 {least} 人),须等前离岗者返岗",
                         "post {post}: left at {at} while {away} already away (a post of {size}, at most {limit} "
                         "away at once: {share}%, at least {least}); must wait for the others to return"),
    # discipline incidents (rules/incidents.py)
    "incident.fine": (",罚款 {amount} 元", "; fined {amount} yuan"),
    "incident.default_amount": ("(规则默认金额)", " (the rule's default amount)"),
    "incident.points_off": (",扣 {points} 分", "; {points} points off"),
    "incident.points_added": (",加 {points} 分", "; {points} points added"),
    "incident.veto": (",一票否决:考核不合格", "; veto: graded fail"),
    "incident.record": (",仅记录", "; recorded only"),
    # corrections (rules/corrections.py)
    "corr.kind.punch": ("补卡", "add punch"),
    "corr.kind.waive": ("免罚", "waive"),
    "corr.kind.leave": ("改为请假", "change to leave"),
    "corr.kind.present": ("改为出勤", "change to present"),
    "corr.outcome.normal": ("正常", "normal"),
    "corr.outcome.late": ("迟到", "late"),
    "corr.outcome.early": ("早退", "early leave"),
    "corr.outcome.late_early": ("迟到早退", "late and early leave"),
    "corr.outcome.excused": ("已报备", "excused"),
    "corr.outcome.missing_punch": ("缺卡", "missing punch"),
    "corr.outcome.absence": ("旷工", "absence"),
    "corr.outcome.leave": ("请假", "leave"),
    "corr.outcome.rest": ("休息", "rest"),
    "corr.fine": (",罚款 {fine} 元", ", fined {fine} yuan"),
    "corr.clock_in": (" 上班打卡 {clock}", " clock-in {clock}"),
    "corr.clock_out": (" 下班打卡 {clock}", " clock-out {clock}"),
    "corr.applied": ("{what}:原判 {was} → 更正为 {now}", "{what}: was {was} → corrected to {now}"),
    "corr.refused": ("未更正:{what},{why}", "not corrected: {what}: {why}"),
    "corr.rank": ("批准人岗位“{role}”低于{need},须由{need}或以上批准",
                  "the approver's role \"{role}\" ranks below {need}: it needs {need} or above"),
    "corr.no_day": ("该日没有该员工的排班(工作日)", "the employee has no scheduled working day that date"),
    "corr.no_gap": ("该日已有这些打卡,无可补", "those punches are already there: nothing to add"),
    "corr.limit": ("本月补卡已达 {limit} 次上限", "the month's limit of {limit} added punches is reached"),
    "corr.superseded": ("同一天另有更晚批准的更正,以后者为准", "a later-approved correction of the same day wins"),
    "corr.no_finding": ("该日没有这条发现(规则 {rule})", "no such finding that day (rule {rule})"),
    "corr.approval": (";批准人 {role}({at} 审批);原因 {reason}", "; approved by {role} ({at}); reason: {reason}"),
    "corr.waived": ("【已免罚】原罚款 {fine} 元{points};{evidence}", "[waived] was fined {fine} yuan{points}; {evidence}"),
    "corr.waived_points": (",原分值 {points}", ", points were {points}"),
    "corr.waive_was": ("罚款 {fine} 元{points}", "fined {fine} yuan{points}"),
    "corr.waive_points": (",分值 {points}", ", points {points}"),
    "corr.waive_applied": ("{what}:原判 {was} → 更正为 罚款 0 元(该发现保留,标为已免罚)",
                           "{what}: was {was} → corrected to 0 yuan (the finding stays, marked waived)"),
    "corr.note": ("{what}({role} {at} 批准;原因 {reason})", "{what} (approved by {role} {at}; reason: {reason})"),
    "corr.leave": ("{leave}(更正,由{role}批准)", "{leave} (corrected, approved by {role})"),
    # scoring (score/*.py)
    "score.span": ("班组 {team} 员工({role}以下){staff} 人,不在 {low}–{high} 人之间",
                   "team {team}: {staff} staff (below {role}), outside {low}–{high}"),
    "score.qa_sample": ("质检 {evaluations} 次,少于 {need} 次(工单 {tickets} 张)",
                        "QA sample too small: {evaluations} evaluations, fewer than {need} ({tickets} tickets)"),
    "score.veto_resign": ("一票否决:{date} 为当月第 {nth} 个旷工日,视为自动离职,考核不合格",
                          "veto: {date} was absence day {nth} of the month, deemed resigned; graded fail"),
    "score.veto_incident": ("一票否决:{what},考核不合格", "veto: {what}; graded fail"),
    # actions (score/actions.py)
    "action.fail": ("不合格", "fail"),
    "action.qa_low": ("质检 {qa} 分低于 {limit}", "QA {qa}, below {limit}"),
    "action.coached": ("连续或累计辅导月份 {months}", "coached in {months}"),
    "action.resigned": ("ATT-RESIGN 视为自动离职 {date}", "ATT-RESIGN deemed resigned {date}"),
    "action.commend": ("优秀 {score} 分,优秀员工候选", "excellent, total {score}: outstanding-employee candidate"),
}
