"""Interface labels in Chinese and English (report wording lives in the rubric YAML)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "criterion": "评分项",
        "status": "状态",
        "points": "得分",
        "where": "标题及行号",
        "evidence": "依据",
        "findings": "问题清单",
        "no_findings": "未发现问题",
        "total": "总分",
        "verdict": "结论",
        "pass": "通过",
        "fail": "不通过",
        "found": "具备",
        "weak": "不充分",
        "missing": "缺失",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "line": "第{n}行",
        "rubric": "评分标准",
        "title": "标题",
        "year": "报告年度",
        "errors": "无法评分的文件",
        "summary": "共{n}份报告:{passed}份通过,{failed}份不通过,{errors}份无法读取",
        "threshold": "及格线",
    },
    "en": {
        "criterion": "Criterion",
        "status": "Status",
        "points": "Points",
        "where": "Heading and line",
        "evidence": "Evidence",
        "findings": "Findings",
        "no_findings": "No findings",
        "total": "Total",
        "verdict": "Verdict",
        "pass": "PASS",
        "fail": "FAIL",
        "found": "found",
        "weak": "weak",
        "missing": "missing",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "line": "line {n}",
        "rubric": "Rubric",
        "title": "Title",
        "year": "Report year",
        "errors": "Files that could not be scored",
        "summary": "{n} reports: {passed} pass, {failed} fail, {errors} unreadable",
        "threshold": "pass mark",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    table = LABELS.get(lang, LABELS["zh"])
    text = table.get(key, LABELS["zh"].get(key, key))
    return text.format(**values) if values else text
