"""The 兑现表's entry point, ``luoshi.accountability.review(plan, next_report)``, as the web app will call it:
a plan rebuilt from elsewhere, the next report's bytes."""

from __future__ import annotations

import json

import pytest

from luoshi.accountability import NoReviewPart, plan_from_dict, review
from luoshi.errors import LuoshiError
from luoshi.extract import extract
from luoshi.plan import Plan, Target
from luoshi.report import parse

NEXT = ("2026年广东省政府工作报告\n一、2025年和“十四五”时期工作回顾\n"
        "二是推动全省经济运行稳中有进。\n地区生产总值增长3.9%，总量连续37年居全国首位。城镇新增就业149.4万人。\n"
        "这是城乡区域协调发展取得新进展的五年。\n累计完成林分优化1105万亩。\n"
        "二、2026年工作安排\n地区生产总值增长4.5%—5%。\n")


def target(id_: str, indicator: str, kind: str, comparator: str, value: float, unit: str, text: str = "") -> Target:
    return Target(id_, "2", indicator, kind, comparator, value, unit, "2025-12-31", "", text)


PLAN = Plan("广东省人民政府", 2025, targets=(
    target("g1", "地区生产总值", "growth", "~", 5, "%", "地区生产总值增长5%左右"),
    target("g2", "城镇新增就业", "quantity", ">=", 110, "万人", "城镇新增就业110万人以上"),
    target("g3", "林分优化提升", "quantity", "=", 200, "万亩", "今年再完成林分优化提升200万亩"),
))


def test_it_takes_a_plan_built_elsewhere_and_the_next_reports_bytes() -> None:
    table = review(PLAN, parse(NEXT.encode("gb18030"), name="2026.txt"))
    assert [(i.target.id, i.verdict, i.claim and i.claim.text) for i in table.items] == [
        ("g1", "missed", "地区生产总值增长3.9%"), ("g2", "met", "城镇新增就业149.4万人"), ("g3", "not_reported", None)]
    assert (table.issuer, table.plan_year, table.next_report) == ("广东省人民政府", 2025, "2026.txt")


def test_its_json_is_the_accountability_schema_with_the_targets_fields() -> None:
    data = json.loads(json.dumps(review(PLAN, parse(NEXT.encode(), name="2026.txt")).to_dict(), ensure_ascii=False))
    assert data["schema"] == "accountability/1" and data["plan_year"] == 2025
    item = data["items"][0]
    assert {k: item[k] for k in ("section", "indicator", "comparator", "value", "unit", "claim", "actual",
                                 "actual_unit", "verdict")} == {
        "section": "2", "indicator": "地区生产总值", "comparator": "~", "value": 5, "unit": "%",
        "claim": "地区生产总值增长3.9%", "actual": 3.9, "actual_unit": "%", "verdict": "missed"}
    assert item["rule"] == "about" and item["claim_rule"] == "figure" and item["period"] == "year"


@pytest.mark.parametrize("comma", ["，", ","])
def test_it_reads_full_width_and_ascii_punctuation_alike(comma: str) -> None:
    text = NEXT.replace("，", comma)
    table = review(PLAN, parse(text.encode(), name="2026.txt"))
    assert [i.verdict for i in table.items] == ["missed", "met", "not_reported"]


def test_a_next_report_with_no_review_part_is_refused_by_name() -> None:
    with pytest.raises(NoReviewPart, match=r"^计划.txt: 没有找到回顾") as caught:
        review(PLAN, parse("一、2026年工作安排\n地区生产总值增长5%以上。\n".encode(), name="计划.txt"))
    assert isinstance(caught.value, LuoshiError)


def test_a_plan_without_targets_gives_an_empty_table() -> None:
    table = review(Plan("广东省人民政府", 2025), parse(NEXT.encode(), name="2026.txt"))
    assert table.items == () and table.to_dict()["summary"] == {"met": 0, "missed": 0, "unclear": 0, "not_reported": 0}


def test_a_plans_json_reads_back_into_the_same_targets() -> None:
    report = parse("2025年河北省政府工作报告\n一、2025年工作安排\n地区生产总值增长5%以上，改造城镇老旧小区500个以上。\n"
                   .encode(), name="2025.txt")
    plan = extract(report)
    again = plan_from_dict(json.loads(json.dumps(plan.to_dict(), ensure_ascii=False)))
    assert again.targets == plan.targets and (again.issuer, again.year) == (plan.issuer, plan.year)
