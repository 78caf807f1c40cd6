"""Prompts: versioned, rendered through the real Qwen2.5 chat template, honest about what
the model reads, and in the language asked for."""

import re
from pathlib import Path

import pytest

from app.core.documents.model import Document, Section
from app.core.llm.chat_template import ChatTemplate
from app.core.tasks import catalogue
from app.core.tasks.checks import kept_terms, quoted_support, reading_level
from app.core.tasks.runner import TaskRequest, build_messages, schema_for

TEMPLATE = (Path(__file__).parents[2] / "fixtures" / "qwen2_5_chat_template.jinja").read_text()
DOC = Document(Path("r.txt"), "text", [Section("Findings", "No pleural effusion. Mild cardiomegaly.")])
ZH_DOC = Document(Path("zh.txt"), "text", [Section("表现", "未见胸腔积液。心影增大。")])
ALL = (*catalogue.TASKS, catalogue.ASK)


def test_every_prompt_has_an_id_and_a_version():
    prompts = catalogue.prompts()
    assert set(ALL) | {"system"} <= set(prompts)
    for prompt in prompts.values():
        assert re.fullmatch(r"\d+", prompt.version)
        assert prompt.ref == f"{prompt.id}@{prompt.version}"


@pytest.mark.parametrize("task_id", ALL)
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_task_renders_through_the_qwen_template(task_id, language):
    request = TaskRequest(task_id, language=language, question="Is there an effusion?")
    messages = build_messages(request, [DOC, ZH_DOC])
    prompt = ChatTemplate(TEMPLATE).render(messages)
    assert prompt.startswith("<|im_start|>system\n") and prompt.endswith("<|im_start|>assistant\n")
    assert "No pleural effusion. Mild cardiomegaly." in prompt and "未见胸腔积液。心影增大。" in prompt
    assert '<document index="2" name="zh.txt"' in prompt
    assert "{" not in messages[1]["content"].replace("{documents}", "")  # no placeholder left behind
    system = messages[0]["content"]
    assert "You assist; the clinician decides." in system
    assert "draft" in system


def test_no_prompt_claims_the_model_saw_an_image():
    for prompt in catalogue.prompts().values():
        body = prompt.body.lower()
        claim = r"\b(?:you|the model) (?:can |)(?:see|saw|look(?:ed)? at|view(?:ed)?) (?:the )?image"
        assert not re.search(claim, body)
    assert "have not seen any image pixels" in catalogue.system_prompt().body


def test_answer_language_and_translation_target():
    zh = build_messages(TaskRequest("patient", language="zh_CN"), [DOC])
    assert "Simplified Chinese" in zh[0]["content"] and "Simplified Chinese" in zh[1]["content"]
    to_en = build_messages(TaskRequest("translate", language="zh_CN"), [ZH_DOC])
    assert "into English" in to_en[1]["content"] and "Write in English" in to_en[0]["content"]
    to_zh = build_messages(TaskRequest("translate", language="en"), [DOC])
    assert "into Simplified Chinese" in to_zh[1]["content"]
    assert "pleural effusion = 胸腔积液" in to_zh[1]["content"]  # the glossary goes with it


def test_only_findings_is_held_to_a_schema():
    assert schema_for(catalogue.task("findings"))["required"] == ["findings"]
    for task_id in ALL:
        if task_id != "findings":
            assert schema_for(catalogue.task(task_id)) is None


def test_unknown_task_is_a_clear_error():
    with pytest.raises(KeyError, match="unknown task"):
        catalogue.task("diagnose")


def test_reading_level():
    simple = reading_level("The scan looked at your chest. Your heart is a bit big. Your doctor will talk "
                           "with you about it.")  # fmt: skip
    hard = reading_level("Moderate cardiomegaly with interstitial pulmonary oedema, consistent with "
                         "decompensated congestive cardiac failure, is demonstrated radiographically.")
    assert simple["flesch_kincaid_grade"] < 6 < hard["flesch_kincaid_grade"]
    assert reading_level("医生会和您讨论。您的心脏有点大。")["language"] == "zh_CN"


def test_kept_terms_both_ways():
    en_to_zh = kept_terms("No pleural effusion. Small pneumothorax.", "未见胸腔积液。少量积气。")
    assert en_to_zh["kept"] == ["pleural effusion"] and en_to_zh["missing"] == ["pneumothorax"]
    zh_to_en = kept_terms("未见胸腔积液。心影增大。", "No pleural effusion. The heart is enlarged.")
    assert zh_to_en["direction"] == "zh_CN->en"
    assert zh_to_en["kept"] == ["pleural effusion"] and zh_to_en["missing"] == ["cardiomegaly"]


def test_quoted_support_flags_quotes_that_are_not_in_the_documents():
    answer = 'Yes: "Mild cardiomegaly." There is also "a large right effusion".'
    support = quoted_support(answer, [DOC.text()])
    assert [q["grounded"] for q in support["quotes"]] == [True, False]
    assert support["ungrounded"] == 1
