"""The section tree, the parts, the plan year and the issuer of a report (luoshi.structure)."""

from __future__ import annotations

import json
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from samples import DEMO_TEXT, encode, make_docx, make_html, make_pdf

from luoshi.report import parse
from luoshi.rules import headings as rules
from luoshi.structure import parse_structure

CASES = json.loads((Path(__file__).parent / "cases" / "heading_cases.json").read_text(encoding="utf-8"))
SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the repository
QUOTES = "“”‘’「」『』\"'《》〈〉"

# The preface ("0") titles the gold files leave out: what each report holds before its first 一、.
GOLD_REPORTS = {
    "shuikou-2025": ("shuikou-2025.txt", "总体要求和主要预期目标"),
    "guangdong-prov-2025": ("guangdong-prov-2025.docx", "前言"),
    "hebei-prov-2025": ("hebei-prov-2025.docx", "前言"),
    "shaanxi-prov-2025": ("shaanxi-prov-2025.docx", "前言"),
}


def scored(title: str) -> str:
    """A title as ../shared/eval/score.py compares it: NFKC, no spaces or quotes, no trailing stop."""
    title = unicodedata.normalize("NFKC", title)
    return "".join(ch for ch in title if not ch.isspace() and ch not in QUOTES).rstrip("。.,")


def text_of(lines: list[str]) -> str:
    return "\n".join(lines)


def all_cases() -> list:
    return [pytest.param(case, id=f"{group}: {case['name']}")
            for group, cases in CASES["groups"].items() for case in cases]


# --- the gold reports --------------------------------------------------------------------------

needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "gold").is_dir(), reason="../shared is not beside the repo")


@pytest.fixture(scope="module")
def reports() -> dict:
    return {name: parse(SHARED / "corpus" / file) for name, (file, _) in GOLD_REPORTS.items()}


@needs_shared
@pytest.mark.parametrize("name", GOLD_REPORTS)
def test_it_gives_every_gold_section_with_its_title(reports: dict, name: str) -> None:
    gold = json.loads((SHARED / "eval" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    expected = [("0", GOLD_REPORTS[name][1])] + [(s["id"], scored(s["title"])) for s in gold["sections"]]
    assert [(s.id, scored(s.title)) for s in reports[name].structure.sections] == expected


@needs_shared
@pytest.mark.parametrize("name", GOLD_REPORTS)
def test_it_finds_the_gold_plan_year_and_issuer(reports: dict, name: str) -> None:
    gold = json.loads((SHARED / "eval" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    structure = reports[name].structure
    assert (structure.year, structure.issuer) == (gold["year"], gold["issuer"])


@needs_shared
@pytest.mark.parametrize("name", ["guangdong-prov-2025", "hebei-prov-2025", "shaanxi-prov-2025"])
def test_it_starts_the_plan_at_the_heading_after_the_review(reports: dict, name: str) -> None:
    report = reports[name]
    plan_heading = next(s for s in report.structure.sections if s.id == "2")
    assert report.structure.plan_start == plan_heading.start
    assert report.text[plan_heading.start:].startswith("二、")


SAMPLES = {  # the demo report made into each format a report arrives in, with the name it would have
    "docx": (lambda: make_docx(DEMO_TEXT), "demo.docx"),
    "docx with Word numbering": (lambda: make_docx(DEMO_TEXT, numbered=("%1、", "（%2）")), "demo.docx"),
    "pdf": (lambda: make_pdf(DEMO_TEXT), "demo.pdf"),
    "html": (lambda: make_html(DEMO_TEXT), "demo.html"),
    "gb18030 txt": (lambda: encode(DEMO_TEXT, "gb18030"), "demo.txt"),
}


@pytest.mark.parametrize("fmt", SAMPLES)
def test_the_demo_gives_the_same_sections_in_every_format(fmt: str) -> None:
    make, name = SAMPLES[fmt]
    expected = [(s.id, scored(s.title)) for s in parse(DEMO_TEXT.encode(), name="demo.txt").structure.sections]
    assert [(s.id, scored(s.title)) for s in parse(make(), name=name).structure.sections] == expected


# --- heading cases -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", all_cases())
def test_heading_case(case: dict) -> None:
    sections = parse_structure(text_of(case["lines"])).sections
    assert [[s.id, s.title] for s in sections] == case["sections"]
    parts = {s.id: s.part for s in sections}
    assert {k: parts.get(k) for k in case.get("parts", {})} == case.get("parts", {})


def test_every_kind_of_heading_marker_has_a_case() -> None:
    lines = "\n".join(line for cases in CASES["groups"].values() for case in cases for line in case["lines"])
    found = {name for m in rules.CANDIDATE.finditer(lines) for name, value in m.groupdict().items() if value}
    assert found == set(rules.CANDIDATE.groupindex)


def test_case_names_are_unique() -> None:
    names = [case["name"] for cases in CASES["groups"].values() for case in cases]
    assert len(names) == len(set(names))


# --- offsets -----------------------------------------------------------------------------------

DEMO = text_of(["2025年是关键一年。", "\u3000\u3000一、推动产业发展", "(一)加强平台建设。按照布局推进。",
                "(二)强化项目带动。", "二、推动城乡融合", "附件1", "民生实事", "一、养老服务。"])


def test_a_section_starts_at_its_numeral_not_its_indent() -> None:
    first = parse_structure(DEMO).sections[1]
    assert DEMO[first.start:].startswith("一、推动产业发展")


def test_sections_tile_the_text_from_start_to_end() -> None:
    sections = parse_structure(DEMO).sections
    assert sections[0].start == 0 and sections[-1].end == len(DEMO)
    assert all(a.end == b.start for a, b in pairwise(sections))


def test_a_parent_ends_where_its_first_child_begins() -> None:
    by_id = {s.id: s for s in parse_structure(DEMO).sections}
    assert by_id["1"].end == by_id["1.1"].start


def test_children_name_their_parent_and_their_printed_number() -> None:
    by_id = {s.id: s for s in parse_structure(DEMO).sections}
    assert (by_id["1.2"].parent, by_id["1.2"].number) == ("1", "(二)")
    assert (by_id["A1.1"].parent, by_id["A1"].number) == ("A1", "附件1")


# Text made of the pieces headings are made of, so that odd orders of them come up often.
PIECES = ["一、", "二、", "三、", "（一）", "(二)", "（三）", "附件", "附件1", "附件2", "附录", "名词解释", "\n", "\n",
          "标题", "。", "正文", "2025年", "回顾", "：", "\u3000", "我镇", "平安",
          "一是", "二是", "2024年工作回顾", "政府自身建设", "过去一年，", "今年是", "，", "（一）"]
REPORTISH = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@given(REPORTISH)
def test_it_never_raises_and_always_tiles_the_text(text: str) -> None:
    sections = parse_structure(text).sections
    assert all(a.end == b.start for a, b in pairwise(sections))
    assert all(0 <= s.start <= s.end <= len(text) for s in sections)


@given(REPORTISH)
def test_ids_are_unique_and_every_parent_exists(text: str) -> None:
    ids = [s.id for s in parse_structure(text).sections]
    assert len(ids) == len(set(ids))
    assert all(s.parent in ids for s in parse_structure(text).sections if s.parent is not None)


@given(REPORTISH)
def test_every_section_has_a_title(text: str) -> None:
    assert all(s.title.strip() for s in parse_structure(text).sections)


# --- parts -------------------------------------------------------------------------------------


def test_the_plan_starts_at_the_beginning_when_there_is_no_review() -> None:
    assert parse_structure(DEMO).plan_start == 0


def test_a_review_heading_marks_its_section_and_children_as_review() -> None:
    text = text_of(["一、过去一年工作回顾", "（一）经济运行稳中有进。", "二、今年工作安排"])
    assert [s.part for s in parse_structure(text).sections] == ["review", "review", "plan"]


# --- plan year ---------------------------------------------------------------------------------


def test_the_plan_year_comes_from_the_plan_heading() -> None:
    text = text_of(["一、2024年工作回顾", "2024年是关键一年。", "二、2025年工作安排"])
    assert parse_structure(text).year == 2025


def test_the_plan_year_comes_from_a_year_that_introduces_itself() -> None:
    assert parse_structure("2026年是“十五五”开局之年。\n一、推动产业发展").year == 2026


def test_the_plan_year_comes_from_the_expected_targets() -> None:
    assert parse_structure("2025年全镇主要预期目标是:增长5%。").year == 2025


def test_the_plan_year_follows_the_reviewed_year() -> None:
    text = text_of(["一、2024年工作回顾", "二、今年工作安排", "今年要推动产业发展。"])
    assert parse_structure(text).year == 2025


def test_the_plan_year_is_the_most_frequent_year_otherwise() -> None:
    assert parse_structure("2025年完成改造。到2027年建成。2025年底投产。").year == 2025


def test_the_plan_year_is_unknown_when_no_year_is_written() -> None:
    assert parse_structure("一、推动产业发展").year is None


# --- issuer ------------------------------------------------------------------------------------


def test_the_issuer_is_the_town_named_in_its_slogans_when_it_says_我镇() -> None:
    text = "我镇要深化平安水口建设,打造“水口样板”,贡献水口力量。"
    assert parse_structure(text).issuer == "水口镇人民政府"


def test_the_issuer_comes_from_the_report_title() -> None:
    assert parse_structure("2025年广东省政府工作报告\n各位代表:").issuer == "广东省人民政府"


def test_the_issuer_comes_from_the_congress_the_report_is_given_to() -> None:
    text = "——2025年1月13日在河北省第十四届人民代表大会第三次会议上"
    assert parse_structure(text).issuer == "河北省人民政府"


def test_the_issuer_is_the_innermost_place_named() -> None:
    text = "在开平市水口镇第十八届人民代表大会第五次会议上。我镇今年要加快发展。"
    assert parse_structure(text).issuer == "水口镇人民政府"


def test_the_issuer_is_unknown_when_the_text_does_not_name_it() -> None:
    assert parse_structure("今年我们要推动产业发展。").issuer is None


# --- doubts --------------------------------------------------------------------------------------


def doubts(lines: list[str]) -> list[str]:
    return [w.reason for w in parse_structure(text_of(lines)).doubts]


PLAN = ["（一）扩大内需。实施提振消费行动。", "（二）推动改革。深化国资国企改革。"]


def test_a_tree_with_fewer_than_three_plan_sections_is_in_doubt() -> None:
    lines = ["一、2024年工作回顾", "一年来，经济稳中有进。", "二、2025年工作安排", "今年要加快发展。"]
    assert doubts(lines) == ["few_plan_sections"]


def test_last_years_results_inside_the_plan_part_are_in_doubt() -> None:
    results = ("一年来，地区生产总值增长5.4%，首次突破万亿元，取得了新成效，获评全国先进，"
               "粮食产量达到400亿斤，增长2.1%。")
    assert doubts(["一、2025年工作安排", results, *PLAN]) == ["review_in_plan"]


def test_a_plan_year_the_title_contradicts_is_in_doubt() -> None:
    lines = ["2026年某省政府工作报告", "一、2024年工作回顾", "一年来，经济稳中有进。", "二、2025年工作安排", *PLAN]
    warning = parse_structure(text_of(lines)).doubts[0]
    assert (warning.reason, warning.kind) == ("year_mismatch", "structure_doubt")
    assert "2025年" in warning.message and "2026年" in warning.message


def test_a_skipped_heading_numeral_is_in_doubt() -> None:
    lines = ["一、推动产业发展", "（一）加强平台。建设。", "（三）强化项目。带动。", "（四）集群发展。推进。"]
    assert doubts(lines) == ["heading_skipped"]


def test_a_heading_shaped_line_out_of_order_is_in_doubt() -> None:
    lines = ["一、推动产业发展", "（一）加强平台建设", "按照布局推进。", "（二）强化项目带动", "加大招商力度。",
             "（六）推动集群发展", "全力做好工作。"]
    assert doubts(lines) == ["heading_out_of_order"]


def test_second_level_headings_before_any_part_heading_are_in_doubt() -> None:
    lines = ["各位代表：", "（一）经济运行稳中有进。增长5%。", "（二）改革开放深化。新增企业10家。",
             "二、2025年工作安排", *PLAN]
    assert "headings_in_preface" in doubts(lines)


def test_a_well_formed_report_raises_no_doubt() -> None:
    lines = ["一、2024年工作回顾", "一年来，经济稳中有进。", "二、2025年工作安排", "今年要加快发展。", *PLAN]
    assert doubts(lines) == []


def test_the_plan_year_is_the_latest_a_plan_part_gives_itself() -> None:
    # The review was not found (a heading in words, no numerals): the plan part holds 2024年是… and 2025年是….
    text = text_of(["各位代表：", "2024年是极不平凡的一年。", "2025年是“十四五”规划收官之年。", "一、扩大内需", *PLAN])
    assert parse_structure(text).year == 2025
