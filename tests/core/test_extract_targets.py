"""The sentence and target stages over a whole report (luoshi.extract.sentences, luoshi.extract.targets)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.document import Document
from luoshi.extract import Draft
from luoshi.extract.sentences import split_sentences
from luoshi.extract.targets import find_targets, read_sentence
from luoshi.report import parse

TOWN = "\n".join([
    "2025年全镇经济社会发展主要预期目标是:地方一般公共预算收入增长11%;全国千强镇排名突破400强。",
    "一、推动产业攀高向强",
    "(一)加强产业平台建设。力争第一季度完成基地1230亩土地平整,确保新增3家企业。",
    "(二)补齐民生短板。高质量办好年度十项民生实事,十项民生实事年内全部完成。",
])

PROVINCE = "\n".join([
    "各位代表：全省新增市场主体120万户，请予审议。",
    "一、2024年工作回顾",
    "全省生产总值增长5.4%,城镇新增就业89.9万人。",
    "二、2025年工作安排",
    "今年经济社会发展的主要预期目标是:地区生产总值增长5%左右。",
    "附件1",
    "2025年省十件民生实事",
    "一、为老年人提供服务。新增护理型床位超过1000张。",
])


def targets_of(text: str, year: int = 2025) -> tuple:
    report = parse(Document("报告.txt", "txt", text), year=year)
    return find_targets(split_sentences(Draft(report))).targets


def test_it_reads_the_preface_as_section_0_and_numbers_targets_in_reading_order() -> None:
    targets = targets_of(TOWN)
    assert [(t.id, t.section, t.value, t.unit) for t in targets] == [
        ("g1", "0", 11, "%"), ("g2", "0", 400, "强"), ("g3", "1.1", 1230, "亩"), ("g4", "1.1", 3, "家"),
        ("g5", "1.2", 10, "项"),
    ]


def test_it_keeps_the_deadline_and_the_firmness_of_each_clause() -> None:
    g3, g4 = targets_of(TOWN)[2:4]
    assert (g3.deadline, g3.deadline_text, g3.firmness) == ("2025-03-31", "第一季度", "stretch")
    assert (g4.deadline, g4.deadline_text, g4.firmness) == ("2025-12-31", "", "binding")


def test_a_count_restated_in_its_section_is_one_target() -> None:
    assert [t.value for t in targets_of(TOWN) if t.section == "1.2"] == [10]


def test_the_preface_the_review_part_and_the_appendix_title_give_no_targets() -> None:
    targets = targets_of(PROVINCE)
    assert [(t.section, t.value, t.unit, t.comparator) for t in targets] == [
        ("2", 5, "%", "~"), ("A1.1", 1000, "张", ">="),
    ]


def test_every_target_points_back_at_its_source_text_in_the_file() -> None:
    text = "　　" + TOWN  # an indented first paragraph: offsets still land on the source text
    report = parse(Document("报告.txt", "txt", text), year=2025)
    for t in find_targets(split_sentences(Draft(report))).targets:
        assert t.span is not None
        assert report.text[t.span.start:t.span.end] == t.source_text
        assert text[t.span.source_start:t.span.source_end] == t.source_text
        assert t.rule


def test_sentences_carry_offsets_into_the_normalised_text() -> None:
    report = parse(Document("报告.txt", "txt", TOWN), year=2025)
    for s in split_sentences(Draft(report)).sentences:
        assert report.text[s.start:s.end] == s.text


def test_a_title_that_states_an_amount_keeps_its_target() -> None:
    text = "一、推动产业攀高向强\n(一)全力冲刺地区生产总值突破500亿元。加快项目建设。"
    assert [(t.section, t.value, t.unit, t.comparator) for t in targets_of(text)] == [("1.1", 500, "亿元", ">=")]


# The characters the rules react to, so that random sentences hit every branch.
CUES = "一二三十百千万亿0123456789.%％个项家年月强以上左右超不少于控制在达到增长下降由提高到从、，。；“”《》的均第期\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CUES, max_size=80))
def test_it_never_raises_on_any_sentence(text: str) -> None:
    for reading in read_sentence(text, 2025, seen=set()):
        for t in reading.targets:
            assert t.kind in {"growth", "rate", "rank", "quantity"}
            assert t.comparator in {">=", "<=", "~", "="}
            assert text[t.start:t.end] == t.source_text


def test_a_paragraph_that_opens_on_the_past_year_gives_no_targets_until_it_speaks_of_this_year() -> None:
    text = "过去一年，我们攻坚克难。全年完成地区生产总值420亿元，增长5.8%。今年，我们将新增3家企业。\n新建学校2所。"
    assert [(t.value, t.unit) for t in targets_of(text)] == [(3, "家"), (2, "所")]
