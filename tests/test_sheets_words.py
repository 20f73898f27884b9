"""What a sheet says (issue 14, after a blind look at the corpus sheets, each file built alone): titles that
name the file and the headings printed, nothing printed twice, lines condensed by meaning, not cut
mid-clause, no sentence leaning on a figure the sheet does not print, no boilerplate listing crowding out
the facts."""

from __future__ import annotations

import re
from pathlib import Path

from studydeck.notes.parse import parse_notes
from studydeck.report import Report
from studydeck.sheets import formula
from studydeck.sheets.condense import condense
from studydeck.sheets.pdf import sheet_html


def _notes(text: str, name: str = "notes.md"):
    return parse_notes(text, name, Path("."), Path("."), Report(quiet=True))


def _sheet(text: str, k: int = 0):
    nf = _notes(text)
    return condense(nf.domains[k], nf.title, nf.meta)


def _shown(sheet) -> list[str]:
    return [b.title for b in sheet.boxes if b.shown]


# -- titles ------------------------------------------------------------------------------------------------


def test_a_run_lists_the_domains_that_print_something():
    # 'Arc 3 - Logistic regression – Notes in this lecture': its last domain held only an embed the sheet
    # does not print, so the header named a heading that was nowhere on the page.
    from studydeck.build.pipeline import _run_parts

    nf = _notes(
        "# Lecture 3\n\n## Arc 2\n\nThe likelihood is the probability of all the data.\n\n"
        "## Arc 3\n\nThe sigmoid maps any number into the range from 0 to 1.\n\n"
        "## Notes in this lecture\n\n![[Unit Preview.base]]\n"
    )
    assert [d.title for d in nf.domains][-1] == "Notes in this lecture"
    assert _run_parts(nf.domains) == ["Arc 2", "Arc 3"]
    assert _run_parts(nf.domains[1:]) == ["Arc 3"]


def test_a_run_is_titled_by_its_file_and_names_every_domain_under_it():
    # 'Amazon Bedrock · SM Jumpstart · Data mesh architecture (+1)', 'Definition of limit notation (+6)' over
    # a sheet of eight topics (blind review, issue 14: 15 corpus sheets, a '·' list and a '(+N)' counter read
    # as artefacts, and a title naming its first box of several). The file's topic is the title (opening
    # with a capital), the run's domains all named, in a line of their own under it.
    from studydeck.build.pipeline import _run_parts, _whole_file

    body = "The service gives access to many models through a single interface.\n\n"
    names = ["Managed models", "Model hub", "Data mesh architecture", "Well-Architected Framework/Tool:", "Pillars"]
    # (each box says a fact of its own: one said again is printed once)
    nf = _notes("".join(f"# {n}\n\n{body.replace('.', f' to {n}.')}" for n in names), "exam-notes.md")
    parts = ["Managed models", "Model hub", "Data mesh architecture", "Well-Architected Framework/Tool"]
    assert _run_parts(nf.domains[:4]) == parts
    merged = _whole_file(nf, nf.domains[:4], "run", nf.title, _run_parts(nf.domains[:4], nf.title))
    sheet = condense(merged, nf.title, nf.meta)
    assert nf.title == "exam notes" and sheet.title == "Exam notes"
    assert sheet.parts == "Managed models, Model hub, Data mesh architecture, Well-Architected Framework/Tool"
    html = sheet_html(sheet)
    assert "(+" not in html and " · " not in html.split("</header>")[0]
    assert '<p class="parts">Managed models, Model hub, Data mesh architecture, Well-Architected' in html
    assert 'class="deck"' not in html  # the title is the file's: the corner does not say it again
    assert _shown(sheet) == names[:3] + ["Well-Architected Framework/Tool:"]
    # A domain named as the file is the title's already; names holding a comma are kept apart by semicolons.
    nf = _notes("# Notes\n\n## Lexing\n\nA lexer turns text into tokens.\n\n## Tokens\n\nA token is a lexeme.\n")
    assert _run_parts(nf.domains, "Lexing") == ["Tokens"]
    nf = _notes("# Limits, bounds\n\nA bound is a number.\n\n# Tails\n\nA tail is a sequence.\n")
    merged = _whole_file(nf, nf.domains, "run", "Analysis", _run_parts(nf.domains, "Analysis"))
    assert condense(merged, "Analysis", nf.meta).parts == "Limits, bounds; Tails"


def test_a_domain_whose_title_names_few_of_its_sections_lists_the_others_under_it():
    # 'Kinesis' over boxes on Firehose, Transcribe, Translate, Macie and eight more; 'Model Overfitting' over
    # CodePipeline, CloudFormation, Docker (blind review, issue 14: a title naming only its first box).
    # (each section says a fact of its own: one said again is printed once)
    fact = [
        f"\n\nIt reads records from many sources and keeps them for {k} days or more at a low price.\n\n"
        for k in range(9)
    ]
    names = ["Streams producer library", "Firehose", "Transcribe", "Translate", "Inspector", "Macie:"]
    sheet = _sheet("# Notes\n\n## Streams\n\n" + "".join(f"### {n}{fact[k]}" for k, n in enumerate(names)))
    assert sheet.title == "Streams" and sheet.parts == "Firehose, Transcribe, Translate, Inspector, Macie"
    assert '<p class="parts">Firehose, Transcribe' in sheet_html(sheet)
    # Four sections the title does not name are its own matter; so are sections its words name.
    assert (
        _sheet("# Notes\n\n## Streams\n\n" + "".join(f"### {n}{fact[k]}" for k, n in enumerate(names[:5]))).parts == ""
    )
    assert (
        _sheet("# Notes\n\n## Streams\n\n" + "".join(f"### Streams {n}{fact[k]}" for k, n in enumerate(names))).parts
        == ""
    )
    # An exercise's questions are no names to list.
    asks = [f"Create a job that runs the command number {k} and prints its output" for k in range(6)]
    assert _sheet("# Notes\n\n## Jobs\n\n" + "".join(f"### {n}{fact[k]}" for k, n in enumerate(asks))).parts == ""


def test_a_sheet_titled_by_its_place_in_a_course_names_what_its_notes_say_most():
    # 'Lecture 17' over ALOHA and CSMA (blind review, issue 14: the title says nothing of the sheet): the names
    # its notes write three times or more, the most written first, in the line under the title.
    text = (
        "# Lecture 17\n\n- Efficiency of ALOHA: how many packets collide\n- Slotted ALOHA doubles it\n"
        "- CSMA senses the channel first\n- CSMA/CD detects collisions\n- CSMA outperforms ALOHA under load\n"
        "- In 1-persistent CSMA a station sends as soon as the channel is idle\n- The RTT bounds detection\n"
        "- Non-persistent CSMA waits a random time\n"
    )
    sheet = _sheet(text)
    assert sheet.title == "Lecture 17" and sheet.parts == "CSMA, ALOHA"
    assert _sheet(text.replace("# Lecture 17", "# Medium access")).parts == ""  # a title of its own
    assert _sheet(text.replace("CSMA", "carrier sensing")).parts == "ALOHA"


def test_a_title_written_in_lower_case_prints_with_a_capital():
    # 'cell structure', 'elasticity': a file's name as its title (blind review, issue 14: a lowercase
    # file-name title); a title with a capital of its own is as written.
    nf = _notes("## Introduction\n\nThe cell structure is the basic unit of life.\n", "bio-arom-cell-structure.md")
    sheet = condense(nf.domains[0], nf.title, nf.meta)
    assert nf.title == "cell structure" and sheet.deck == "Cell structure"
    assert _sheet("# iPhone tips\n\nHold the button to restart.\n").title == "iPhone tips"


def test_a_box_named_as_the_header_is_the_overview():
    # A file's title heading over its introduction ('# Lexing' over a list, then '## From strings to ASTs'):
    # the whole file's sheet printed 'Lexing' as its header, its deck and its first box.
    from studydeck.build.pipeline import _whole_file

    nf = _notes("# Lexing\n\n1. Source\n2. Lexical analysis\n\n## Tokens\n\nA token is a classified lexeme.\n")
    merged = _whole_file(nf, nf.domains, "lexing", nf.title)
    sheet = condense(merged, nf.title, nf.meta)
    assert sheet.title == "Lexing"
    assert _shown(sheet) == ["Overview", "Tokens"]


def test_the_header_never_prints_the_title_twice():
    sheet = _sheet("# Lexing\n\nA lexer turns text into tokens.\n\n### Tokens\n\nA token is a classified lexeme.\n")
    html = sheet_html(sheet)
    assert sheet.title == sheet.deck == "Lexing"
    assert html.count('class="deck"') == 0 and "<h1>Lexing</h1>" in html
    other = _sheet("# Compilers\n\n## Lexing\n\nA token is a classified lexeme.\n\n## Parsing\n\nA parser reads.\n")
    assert 'class="deck">Compilers<' in sheet_html(other)  # a domain's sheet names its file on the right


# -- figures the sheet does not print ------------------------------------------------------------------------

FIGURE = (
    "# Networks\n\n## Volumes\n\n"
    "A ConvNet arranges its neurons in three dimensions: width, height and depth. Here is a visualization:\n\n"
    '<div class="fig"><img src="/assets/cnn.jpeg"><div class="figcaption">Left: A regular 3-layer Neural Network. '
    "Right: A ConvNet arranges its neurons in three dimensions.</div></div>\n\n"
    "Every layer transforms a 3D input volume to a 3D output volume. The visualization below iterates over the "
    "output activations.\n"
)


def _text(sheet) -> str:
    return " ".join(
        " ".join([i.key, i.value, *i.items]) for b in sheet.boxes for e in b.entries for i in e.items if not i.dropped
    )


def test_a_sentence_that_points_at_a_missing_figure_is_left_out():
    # A CNN lecture's sheet was prose pointing at pictures it does not print ('Here is a visualization',
    # 'The visualization below ...'): a blind reviewer's 'useless'.
    text = _text(_sheet(FIGURE))
    assert "three dimensions: width, height and depth" in text and "3D output volume" in text
    assert "visualization" not in text.lower()


def test_the_caption_of_a_missing_figure_is_left_out():
    text = _text(_sheet(FIGURE))
    assert "Left:" not in text and "Right:" not in text


def test_a_sentence_that_points_at_a_printed_figure_stays(tmp_path):
    from studydeck.notes.parse import parse_notes

    (tmp_path / "cnn.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    body = "# Networks\n\n## Volumes\n\nThe figure below shows a volume of neurons.\n\n![a volume](cnn.png)\n"
    nf = parse_notes(body, "n.md", tmp_path, tmp_path, Report(quiet=True))
    assert "figure below" in _text(condense(nf.domains[0], nf.title, nf.meta))


# -- listings ------------------------------------------------------------------------------------------------

MANIFEST = """apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  labels:
    run: busybox
  name: busybox
spec:
{extra}  template:
    spec:
      containers:
      - image: busybox
        name: busybox
      restartPolicy: OnFailure
status: {{}}
"""


def _listings(sheet) -> list[str]:
    return [i.value for b in sheet.boxes for e in b.entries for i in e.items if i.kind == "code"]


def test_a_listing_prints_only_the_lines_it_adds_under_their_parents():
    # A workbook's exercises repeat one manifest with a line added: on paper, page after page of the same
    # boilerplate, the line that differs lost in it (a blind reviewer: sheets of boilerplate code); marks for
    # what was left out ('⋮ 8 lines as above') could not be followed on paper (blind review, the k8s sheets).
    body = "# Pod design\n\n## Jobs\n\n### Run 5 times\n\n```yaml\n" + MANIFEST.format(
        extra="  completions: 5 # add this line\n"
    )
    body += "```\n\n### Run in parallel\n\n```yaml\n" + MANIFEST.format(extra="  parallelism: 5 # add this line\n")
    body += "```\n\n### Delete it\n\n```bash\nkubectl delete job busybox\n```\n\n### Again\n\n```bash\n"
    body += "kubectl delete job busybox\n```\n\n### Watch\n\n```bash\n"
    body += "kubectl get jobs -w\nkubectl delete job busybox\n```\n"
    first, second, one, watch = _listings(_sheet(body))
    assert "creationTimestamp: null" in first and "completions: 5" in first
    assert second.splitlines() == ["spec:", "  parallelism: 5 # add this line"]
    assert one == "kubectl delete job busybox"  # the same command again is printed once
    # commands one a line: one printed above is not printed again (blind review: the same block twice)
    assert watch.splitlines() == ["kubectl get jobs -w"]
    assert "⋮" not in "".join([first, second, one, watch])


# -- right to left ---------------------------------------------------------------------------------------------


def test_a_right_to_left_term_prints_as_a_line_its_term_first():
    # In a key/gist table an Arabic term stood at the left end of its row and its gist at the right, where
    # a reader of the line starts: the row read gist first, term last (blind review, the RTL fixture).
    html = sheet_html(
        _sheet("# Arabic\n\n## Greetings\n\n- السلام عليكم: التحية الأكثر شيوعا.\n- Hello: a greeting.\n")
    )
    assert '<tr class="lvl0 line" data-item="' in html and 'dir="rtl"><td colspan="2"><b>السلام عليكم</b> ' in html
    assert "<th>Hello</th>" in html  # a left-to-right term keeps its column


def test_a_break_before_a_list_is_as_good_as_any_other():
    # WeasyPrint's stylesheet avoids a break before a list, and honours it only when it looks for an earlier
    # break: it moved entries that fitted to the next column, where the fitter's model (pdf._flow) kept them
    # (its spill was 21 pt off on the user's SageMaker sheet once its lines were condensed by clauses).
    from studydeck.sheets import pdf

    sheet = _sheet("# Notes\n\n## Lists\n\nSome lead-in:\n\n- one item\n- another item\n")
    weasyprint = pdf.import_weasyprint()
    css_path, css = pdf.prepare()
    doc = weasyprint.HTML(string=sheet_html(sheet), base_url=str(css_path.parent)).render(stylesheets=[css])
    lists = [b for b in doc.pages[0]._page_box.descendants() if getattr(b, "element_tag", None) in ("ul", "ol")]
    assert lists and {b.style["break_before"] for b in lists} == {"auto"}


# -- condensed by meaning, not cut mid-clause -----------------------------------------------------------------


def _tight(text: str, kind: str = "item") -> str:
    """A list item as a tight sheet (a domain of a page or more) prints it."""
    from studydeck.sheets.condense import _Ctx, _listed, _plain

    ctx = _Ctx("Notes", 0)
    return _listed(_plain(text), ctx, ctx.limit(kind))


def test_a_parenthesis_is_never_cut_open():
    # '(eg: data pre-processing, ...)' was cut at its colon ('... ML workflows (eg'), and an example's tail
    # taken out of 'formats( e.g. CSV, Parquet, JSON)' left 'formats(' (blind review: garbled text).
    line = _tight(
        "Designed to automate and scale orchestrations up to tens of thousands of complex ML workflows "
        "(eg: data pre-processing, data, transformation, and model training)"
    )
    assert "(" not in line and line.endswith("complex ML workflows")
    line = _tight("Integrate with S3 and supports multiple file formats( e.g. CSV, Parquet, JSON)")
    assert line.count("(") == line.count(")")


def test_an_example_in_parentheses_goes_first_numbers_and_all():
    line = _tight(
        "Utilize IAM roles with a trust policy if needing to allow access to resources (eg; s3) from other "
        "resources in the same or other accounts (eg: EC2 read access) via assuming said roles"
    )
    assert "(eg" not in line and "…" not in line and line.startswith("Utilize IAM roles with a trust policy if")


def test_a_definition_with_no_clause_to_end_at_keeps_its_defining_phrase():
    # 'L1 term | Sum of the absolute values of…': cut two words short of the noun that says what is summed.
    from studydeck.sheets.condense import _Ctx, gist

    text = "sum of the absolute values of the weights as a penalty to the model's loss function"
    assert gist(text, 7, _Ctx("", 0), subject=True) == "Sum of the absolute values of the weights…"
    assert gist("sum of the absolute values of the weights in the model", 7, _Ctx("", 0), subject=True) == (
        "Sum of the absolute values of the weights in the model"  # a few words over: whole
    )


def test_a_sentence_far_too_long_ends_after_a_whole_clause():
    # '... refers to the challenge of balancing the error…' stopped mid-clause.
    line = _tight(
        "the bias versus variance trade-off refers to the challenge of balancing the error due to the models "
        "complexity (variance) and the error due to incorrect assumptions in the model (bias), with high bias "
        "can cause underfitting and high variance can cause overfitting"
    )
    assert line.endswith("incorrect assumptions in the model (bias)…"), line


# -- said once -------------------------------------------------------------------------------------------------


def test_a_box_says_its_heading_once():
    # 'General Purpose Instances' over '• General purpose instances provide a balanced mix ...', and
    # 'Experiments' over '**Experiments** Track and compare ...' (blind review: a heading repeated as its line).
    sheet = _sheet(
        "# EC2\n\n## Types\n\n### General Purpose Instances\n\n"
        "- General purpose instances provide a balanced mix of compute, memory, and network resources.\n"
        "- Good for web servers.\n\n"
        "### Compute Optimized Instances\n\nCompute optimized instances are designed for compute-bound "
        "applications that need fast processors.\n\n"
        "### Experiments\n\n**Experiments.** Track and compare the runs of a training job.\n",
    )
    first = {b.title: b.entries[0].items[0] for b in sheet.boxes}
    assert first["General Purpose Instances"].items[0].startswith("Provide a balanced mix of compute")
    assert first["Compute Optimized Instances"].value.startswith("Designed for compute-bound applications")
    assert first["Experiments"].key == "" and first["Experiments"].value.startswith("Track and compare")


# -- table columns ---------------------------------------------------------------------------------------------


def _cell_lines(body: str, font_pt: float, tag: str) -> list[str]:
    """The lines each `tag` cell of the sheet prints, laid out in four columns of A4 landscape at `font_pt`."""
    from studydeck.sheets import pdf

    weasyprint = pdf.import_weasyprint()
    css_path, css = pdf.prepare()
    html = sheet_html(_sheet(body)).replace("<html", f'<html style="font-size: {font_pt}pt"', 1)
    html = re.sub(r'(<body class="[^"]*)cols-\d', r"\1cols-4", html, count=1)
    page = weasyprint.HTML(string=html, base_url=str(css_path.parent)).render(stylesheets=[css]).pages[0]
    out = []
    for cell in (b for b in page._page_box.descendants() if getattr(b, "element_tag", None) == tag):
        for line in (b for b in cell.descendants() if type(b).__name__ == "LineBox"):
            out.append("".join(t.text for t in line.descendants() if type(t).__name__ == "TextBox").strip())
    return list(dict.fromkeys(out))


def test_a_table_column_is_never_narrower_than_its_longest_word():
    # 'Concatenati on', 'Alphab et A', 'Port Rang e' (blind review: garbled tokens): the key column's and a
    # grid's column's share of the width was made for a column of 40 characters; four columns at 10.7 pt
    # are narrower, and the word was broken where the share ended.
    keys = "".join(
        f"- **{k}**: a language that holds every string of one regex then one of another regex, in order.\n"
        for k in ("Alternatives", "Concatenation", "Star", "Brackets")
    )
    grid = "| Rule Type | Protocol | Port Range | Source/Destination |\n|---|---|---|---|\n"
    grid += "| Inbound Rule | TCP | 22 | 203.0.113.0/24 (SSH Access) |\n| Outbound Rule | All | All | 0.0.0.0/0 |\n"
    body = "# Lexing\n\n## Lexing\n\n### Kinds\n\n" + keys + "\n### Rules\n\n" + grid
    printed = _cell_lines(body, 10.7, "th")
    assert "Concatenation" in printed and "Range" in " ".join(printed).split()
    assert not any(w in printed for w in ("Concatenati", "Rang", "on", "e"))


def test_a_long_code_token_wraps_after_its_punctuation_not_mid_word():
    # 'stateMachineArn=os.environ['STATEMA CHINEARN']' (blind review: code broken mid-token): a code line
    # too long for its column wrapped anywhere in a token without spaces.
    names = ["STATEMACHINEARN", "OUTPUTS3BUCKETNAME", "SOURCELANGUAGECODE", "TARGETLANGUAGECODE"]
    code = "".join(f"        arg{k}=os.environ['{n}'],other{k}=json.dumps(x)\n" for k, n in enumerate(names))
    lines = _cell_lines(f"# Code\n\n## Code\n\n### Handler\n\n```python\nresponse = run(\n{code})\n```\n", 10.7, "pre")
    assert all(any(n in ln.replace(formula.BREAK, "") for ln in lines) for n in names)  # each on one line


# -- boilerplate -----------------------------------------------------------------------------------------------


def test_a_line_that_only_sends_the_reader_to_a_link_is_its_reference():
    # 'Watch Josh Hug's video lecture about inheritance.', 'Or, move onto ... Dynamic Method Selection.', a
    # table 'Watch Video Lecture' over '[youtube link](...)' (blind review: boilerplate, link-only lines):
    # on paper the link is a numbered reference already.
    body = (
        "# Inheritance\n\n## Inheritance\n\n|Watch Video Lecture|\n|---|\n|[youtube link](https://youtu.be/abc)|\n\n"
        "### Overriding\n\nOverriding is for methods of the same name and parameters in a subclass.\n\n"
        "### More\n\nWatch [Josh Hug's video lecture](https://www.youtube.com/watch?v=x) about inheritance.\n\n"
        "Or, move onto an advanced application, [Dynamic Method Selection](https://example.org/dms).\n\n"
        "### Docs\n\nSee [the docs](https://example.org/docs): a subclass inherits every public method and "
        "field of its parent class and may override any of them.\n"
    )
    sheet = _sheet(body)
    text = " ".join(t for i in sheet.items() for t in [i.key, i.value, *i.items, *(c for r in i.rows for c in r)])
    assert "Watch" not in text and "move onto" not in text and "youtube link" not in text
    assert "For methods of the same name" in text
    assert "inherits every public method" in text  # a sentence that says something beside its link stays
    urls = {r.url for r in sheet.refs}
    assert {"https://youtu.be/abc", "https://www.youtube.com/watch?v=x", "https://example.org/dms"} <= urls


def test_a_lead_in_to_a_picture_the_sheet_does_not_draw_is_left_out():
    # 'Let's say P(A) = 0.3 and P(B) = 0.4 then:' over a picture on the web printed 'Let's say ... then' with
    # nothing after it (blind review: cut mid-sentence).
    body = (
        "# Bayes\n\n## Bayes\n\n### Overview\n\nBayes' theorem updates a probability with new evidence. "
        "Let's say $P(A)=0.3$ and $P(B)=0.4$ then:\n\n![worked](https://example.org/a.png)\n\n"
        "### Example\n\nThe total probability of a positive test is then:\n\n$$\nP(B) = 0.95 + 0.05\n$$\n"
    )
    text = " ".join(t for i in _sheet(body).items() for t in [i.key, i.value, *i.items])
    assert "updates a probability" in text and "Let's say" not in text
    assert "total probability of a positive test" in text  # a lead-in to what the sheet prints stays


def test_a_table_split_between_columns_repeats_its_header():
    # The ports table ran on into the next column with no header over its rest (blind review: broken tables,
    # 'table split across columns with no repeated header').
    from studydeck.sheets import pdf

    rows = "".join(f"| {p} | TCP | Service {p} | Used for the service on port {p} of the host. |\n" for p in range(8))
    body = (
        "# Ports\n\n## Ports\n\n### Classic ports\n\n| Port | Protocol | Service | Description |\n|---|---|---|---|\n"
    )
    weasyprint = pdf.import_weasyprint()
    css_path, css = pdf.prepare()
    html = sheet_html(_sheet(body + rows)).replace("<html", '<html style="font-size: 24pt"', 1)
    doc = weasyprint.HTML(string=html, base_url=str(css_path.parent)).render(stylesheets=[css])
    heads = [
        b
        for page in doc.pages
        for b in page._page_box.descendants()
        if getattr(b, "element_tag", None) == "th"
        and "Protocol" in "".join(getattr(t, "text", "") for t in b.descendants())
    ]
    assert len(heads) >= 2


def test_the_authors_remarks_about_themselves_and_their_mood_are_left_out():
    # 'Note these are my own personal notes ... as I study towards passing this exam.', 'Fill in the blank,
    # yo.', '(per cui non usano nemmeno energia ahah)' (blind review: boilerplate, personal remarks).
    body = (
        "# Exam\n\n## Exam\n\n### About\n\nNote these are my own personal notes and are a work in progress as I "
        "study towards passing this exam. If this helps someone great, but I make no promises. The exam has 65 "
        "questions in 170 minutes.\n\n"
        "### Facts\n\n- Which purchasing option is right for my use case?\n- A type I error rejects a true null.\n"
        "- I/O bound jobs need faster disks.\n- Type I and Type II errors trade off.\n- Fill in the blank, yo.\n"
        "- Haha!\n"
    )
    text = " | ".join(t for i in _sheet(body).items() for t in [i.key, i.value, *i.items])
    assert "personal notes" not in text and "promises" not in text and "65 questions in 170 minutes" in text
    assert "right for my use case" in text and "type I error" in text and "I/O bound" in text
    assert "Type I and Type II" in text
    # an instruction to the reader is a remark too (remarks, data: blind review, 'Fill in the blank It's
    # boring to prove this stuff' printed as a fact)
    assert "Fill in the blank" not in text and "yo" not in text.split() and "Haha" not in text
    it = "# Farmaci\n\n## Farmaci\n\n### Trasporto\n\n- Trasporto passivo (per cui non usano nemmeno energia ahah)\n"
    nf = _notes("---\nlang: it\n---\n" + it)
    items = [t for i in condense(nf.domains[0], nf.title, nf.meta).items() for t in i.items]
    assert len(items) == 1 and items[0].endswith("(per cui non usano nemmeno energia)")


def test_a_wide_tables_legend_does_not_read_as_one_of_its_rows():
    # 'Launch Type — Cost Structure; Payment Options; ...' in bold over 'On-Demand Instances — ...' read as a
    # row of the table (blind review: header row printed as an entry).
    from studydeck.sheets import pdf

    head = "| Launch Type | Cost | Payment | Commitment | Use Case | Flexibility |\n|---|---|---|---|---|---|\n"
    rows = "".join(f"| Type {k} | cost {k} | pay {k} | none | short jobs | high |\n" for k in range(3))
    weasyprint = pdf.import_weasyprint()
    css_path, css = pdf.prepare()
    html = sheet_html(_sheet("# EC2\n\n## EC2\n\n### Launch types\n\n" + head + rows))
    assert '<li class="legend"' in html
    page = weasyprint.HTML(string=html, base_url=str(css_path.parent)).render(stylesheets=[css]).pages[0]
    styles = {}
    for b in page._page_box.descendants():
        if getattr(b, "element_tag", None) == "b" and type(b).__name__ == "TextBox":
            styles.setdefault(b.text.strip(), b.style)
    legend, row = styles["Launch Type"], styles["Type 0"]
    assert legend["font_weight"] < row["font_weight"]
    assert legend["font_style"] == "italic" and row["font_style"] == "normal"
