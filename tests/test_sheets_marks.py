"""What a sheet prints is the notes' text, never the condenser's meta text or the notes' raw markup (issue 14,
a blind look at the corpus sheets): no '(+2 more)', no '* ' of a list item the reader missed, no dollar of
a formula left open, no '---' for a dash, no URL in a line; a sentence turned into 'need -> action' only
when it advises; the line over a listing ('OR', 'Create the service:') kept with it; a Korean word never
split at a line's end."""

from __future__ import annotations

import re
from pathlib import Path

from sheet_check import build_sheets_logged, pdftotext
from test_sheets_text import _lines, _sheet

from studydeck.sheets import formula


def _recs(sheet) -> list[tuple[str, str]]:
    return [(i.key, i.value) for b in sheet.boxes for e in b.entries for i in e.items if i.kind == "rec"]


# -- 'need -> action' only for advice -------------------------------------------------------------------------


def test_a_sentence_that_tells_is_not_turned_into_need_and_action():
    # 'use FTP to S3: ... → Note that there exists a way', 'diagnose a certain disease → Consider a medical
    # test that is designed', '→ Let A be the event ...': the imperative opens a statement, a scenario or
    # a set-up, and the '... to Y' is no goal of it.
    sheet = _sheet(
        "# Notes\n\n## Topic\n\n### Transfer\n\nNote that there exists a way to use FTP to S3: the transfer service is "
        "fully managed.\n\n### Diagnosis\n\nConsider a medical test that is designed to diagnose a certain "
        "disease.\n\n### Events\n\nLet A be the event that the person has the disease.\n\n### Roles\n\n"
        "The pool layers are in charge of downsampling the spatial dimensions of the input.\n"
    )
    lines = _lines(sheet)
    assert _recs(sheet) == [], _recs(sheet)
    assert any(ln.startswith("Note that there exists a way to use FTP to S3") for ln in lines), lines
    assert any(ln.startswith("Consider a medical test that is designed to diagnose") for ln in lines), lines
    assert any(ln.startswith("Let A be the event") for ln in lines), lines
    assert any(ln.startswith("The pool layers are in charge of downsampling") for ln in lines), lines


def test_advice_still_reads_as_need_and_action():
    sheet = _sheet(
        "# Notes\n\n## Topic\n\n### Buckets\n\nConfigure the bucket policy to block public access.\n\n### Tags\n\n"
        "Add the tag Classification=PHI to our objects.\n"
    )
    recs = _recs(sheet)
    assert ("block public access", "Configure the bucket policy") in recs, recs
    # 'to our objects' is where the tag goes, no goal: never 'our objects → Add the tag ...'
    assert ("", "Add the tag Classification=PHI to our objects") in recs, recs


# -- no meta text, no raw markup -------------------------------------------------------------------------------


def test_a_list_too_long_for_its_line_ends_with_the_cut_mark_not_a_count():
    # 'L1 term: Sum of ...; Performs feature selection ...; Sparse output (+1 more)' on a tight sheet
    from studydeck.sheets.condense import _Ctx, _listed

    ctx = _Ctx("Notes", 0)
    line = _listed(
        "L1 term: Performs feature selection, entire features go to zero; Computationally inefficient for most "
        "problems; Sparse output that is cheap to store; Good to avoid the curse of dimensionality in wide data; "
        "If all of your features are important, L2 is probably the better choice",
        ctx,
        ctx.limit("item"),
    )
    assert not re.search(r"\(\+\d+ more\)", line), line
    assert line.startswith("L1 term: Performs feature selection") and line.endswith("; …"), line


def test_a_list_item_marked_with_no_break_spaces_is_a_list_item():
    # '\u00a0\u00a0*\u00a0Tagging SM resources ...' (pasted from a web page) printed with its '*'
    from studydeck.notes.read import decode
    from studydeck.report import Report

    raw = (
        "# Notes\n\n## Studio\n\n\u00a0\u00a0*\u00a0Tagging resources within a domain allows cost tracking per user.\n"
    )
    sheet = _sheet(
        decode((raw + "  * Studio notebooks provide persistent storage.\n").encode(), "n.md", Report(quiet=True))
    )
    lines = _lines(sheet)
    assert not any("*" in ln for ln in lines), lines
    assert any("Tagging resources within a domain" in ln for ln in lines), lines


def test_a_dash_a_url_and_a_formula_left_open_print_as_meant():
    sheet = _sheet(
        "# Notes\n\n## Terms\n\n- __Resistenza__ (a farmaci) --- capacità di un batterio di superare il farmaco\n"
        "- EC2 offers various instance types for specific application requirements."
        "(https://aws.amazon.com/ec2/instance-types/)\n"
        "- Dedicated hosts address compliance requirements of licences.(<https://aws.amazon.com/ec2/dedicated/>)\n"
        "- If $(a_n)$ is a subsequence of $(b_n)$, then $(a_n) subsequence of $(c_n)$.\n"
    )
    text = "\n".join(formula.plain(ln) for ln in _lines(sheet))
    assert "Resistenza (a farmaci) — capacità" in text and "---" not in text, text
    assert "requirements." in text and "licences." in text and "https://" not in text, text
    assert "$" not in text and "then (a_n) subsequence of (c_n)" in text, text


# -- the line over a listing stays with it ---------------------------------------------------------------------


def test_the_line_over_each_alternative_listing_is_kept():
    # 'kubectl delete job pi' then 'kubectl logs job/pi' read as one sequence: the 'OR' between the
    # listings of a <details> answer was left out with the answer's other paragraphs.
    sheet = _sheet(
        "# Jobs\n\n### Wait till it's done, get the output\n\n<details><summary>show</summary>\n<p>\n\n"
        "```bash\nkubectl get jobs -w\nkubectl logs pi-1234\nkubectl delete job pi\n```\nOR\n\n"
        "```bash\nkubectl wait --for=condition=complete job pi\nkubectl logs job/pi\n```\n\n"
        "Option 3: use the events\n\n```bash\nkubectl get events\n```\n\n"
        "If the job is stable, scale it up to four completions and delete the first run of it:\n\n"
        "```bash\nkubectl scale job pi --replicas=4\n```\n\n</p>\n</details>\n"
    )
    lines = _lines(sheet)
    codes = [i for i, ln in enumerate(lines) if ln.startswith("kubectl")]
    assert "OR" in lines and lines.index("OR") == codes[0] + 1, lines
    assert lines[lines.index("OR") + 1].startswith("kubectl wait"), lines
    assert any(ln.startswith("Option 3: use the events") for ln in lines), lines
    # a lead-in of a whole sentence, by its colon (the canary's 'If the v2 is stable, scale it up ...:')
    step = next(k for k, ln in enumerate(lines) if ln.startswith("If the job is stable, scale it up"))
    assert lines[step + 1].startswith("kubectl scale job pi"), lines


# -- Korean on paper ------------------------------------------------------------------------------------------


def test_a_korean_word_is_never_split_at_a_line_end(tmp_path: Path):
    # '시켜/야', '사/용하지': Pango breaks between any two Hangul syllables; Korean breaks at its spaces.
    sentences = [
        "인스턴스를 사용하지 않을 때는 반드시 중지시켜야 불필요한 비용이 발생하지 않습니다",
        "보안 그룹은 인바운드 트래픽을 허용해준다 그리고 아웃바운드 트래픽은 기본적으로 모두 허용됩니다",
        "스토리지 암호화 설정은 인스턴스를 생성할 때 선택할 수 있으며 나중에 변경하기 어렵습니다",
    ]
    # each box its own numbers: a line said twice is printed once
    boxes = "".join(
        f"## 항목 {n}\n\n" + "\n".join(f"- {n}{k}번 {s}" for k, s in enumerate(sentences)) + "\n\n" for n in range(8)
    )
    src = tmp_path / "notes"
    src.mkdir()
    (src / "ko.md").write_text("# 인스턴스 노트\n\n" + boxes, encoding="utf-8")
    result, _, _ = build_sheets_logged(src, tmp_path / "out")
    (path,) = set(result.sheets.values())
    words = {w for s in sentences for w in s.split()}
    printed = [w for ln in pdftotext(path).splitlines() for w in ln.split() if re.search("[가-힣]", w)]
    wrapped = [
        w for w in printed if w not in words and not re.match(r"\d*번$|항목", w) and w not in ("인스턴스", "노트")
    ]
    assert len(printed) > 100 and wrapped == [], wrapped[:10]
