"""Condensing a domain into a sheet: the rules, checked on small hand-written notes."""

from __future__ import annotations

import re
from pathlib import Path

from studydeck.model import Link, Source
from studydeck.notes.parse import parse_notes
from studydeck.report import Report
from studydeck.sheets.condense import (
    BOLD,
    BOX,
    COLUMN_CHARS,
    REC,
    TERM,
    TERM_GIST,
    _cut_words,
    column_widths,
    condense,
    gist,
    ranges,
    ref_label,
    sheet_options,
)


def _sheet(body: str, meta: str = "", page: str | None = None):
    text = (f"---\n{meta}\n---\n" if meta else "") + "# Notes\n\n## Dom\n\n" + body
    nf = parse_notes(text, "n.md", Path("."), Path("."), Report(quiet=True))
    return condense(nf.domains[0], nf.deck, nf.meta, page)


def _items(sheet, kind):
    return [i for i in sheet.items() if i.kind == kind]


def test_each_section_is_a_box_titled_by_its_heading():
    sheet = _sheet("### First\n\nSome text.\n\n### Second\n\n- A: one thing.\n- B: another thing.\n")
    assert [b.title for b in sheet.boxes] == ["First", "Second"]


def test_comparison_becomes_key_gist_rows_with_uses_as_tag():
    body = (
        "### Algos\n\n* K-Means Algorithm  \n  This algorithm finds discrete groupings within data.  \n"
        "  Uses: Clustering\n\n"
        "* Linear Learner  \n"
        "  Learns a linear function for regression or a linear threshold function for classification.\n"
    )
    sheet = _sheet(body)
    terms = _items(sheet, "term")
    assert [t.key for t in terms] == ["K-Means Algorithm", "Linear Learner"]
    assert terms[0].tag == "Clustering"
    assert terms[0].value == "Finds discrete groupings within data."  # "This algorithm" is filler
    assert sheet.boxes[0].entries[0].kind == "terms" and len(sheet.boxes[0].entries) == 1  # one table


def test_recommendation_becomes_need_then_answer():
    sheet = _sheet(
        "Use Amazon SageMaker Data Wrangler to perform encoding on the categorical variables. "
        "Ordinal encoding assigns integers. This is the most operationally efficient solution.\n"
    )
    rec = _items(sheet, "rec")[0]
    assert rec.key == "perform encoding on the categorical variables"
    assert rec.value == "Use Amazon SageMaker Data Wrangler"  # one mention: no brand prefix to leave out
    sheet = _sheet("Configure a multi-model endpoint. It hosts many models. It is the most cost-effective solution.\n")
    rec = _items(sheet, "rec")[0]
    assert (rec.key, rec.value) == ("most cost-effective", "Configure a multi-model endpoint")


def test_to_a_place_is_not_a_purpose():
    rec = _items(_sheet("Add an inline policy to the execution role of the domain. It needs access.\n"), "rec")[0]
    assert rec.value.startswith("Add an inline policy to the execution role")


def test_capability_and_definition():
    sheet = _sheet(
        "You can use Model Registry to create a catalog of models. More words here.\n\n"
        "Feature Store is a repository to store and share features. Other text.\n"
    )
    rec = _items(sheet, "rec")[0]
    assert (rec.key, rec.value) == ("create a catalog of models", "Model Registry")
    d = _items(sheet, "def")[0]
    assert d.key == "Feature Store" and d.value.startswith("Repository to store and share features")


def test_steps_are_numbered_items():
    sheet = _sheet("Step 1: Create a bucket.  \nStep 2: Ingest the data.\n")
    assert _items(sheet, "steps")[0].items == ["Create a bucket.", "Ingest the data."]


def test_gist_cuts_to_the_essential_clause():
    assert (
        gist(
            "These instances are optimized for workloads that require a large amount of memory, such as "
            "processing large datasets or running memory-intensive algorithms.",
            9,
            subject=True,
        )
        == "Optimized for workloads that require much memory"
    )
    assert (
        gist("Splits data randomly, which is best when you want to shuffle rows among many sets.", 6)
        == "Splits data randomly"
    )
    assert gist("Short one.", 9) == "Short one."


def test_priorities_keep_terms_and_drop_gists_first():
    sheet = _sheet(
        "### A\n\n- Alpha letter: the first letter of a long alphabet.\n- Beta letter: the second one.\n\n"
        "Use Xpress to do the job. It never fails at 3 GB.\n"
    )
    order = [(d.priority, d.what, d.items[0].kind, len(d.items)) for d in sheet.candidates()]
    assert order[-2:] == [(TERM, "item", "term", 1)] * 2
    # both gists of the table at once, just before their box (a section: BOX) would go
    assert (max(TERM_GIST, BOX - 1), "value", "term", 2) in order
    assert (REC, "item", "rec", 1) in order
    ranks = [d[0] for d in order]
    assert ranks == sorted(ranks)


def test_small_domains_keep_every_sentence_big_ones_are_cut():
    para = "Alpha beta gamma delta epsilon. Zeta eta theta iota kappa. Lambda mu nu xi omicron.\n\n"
    small = _sheet(para)
    # (each paragraph its own: one said again is printed once)
    own = [[para.replace(".", f" {n}{m}.") for m in range(3)] for n in range(40)]
    big = _sheet(("### S{n}\n\n" + para) * 1 + "".join(f"### S{n}\n\n{''.join(p)}" for n, p in enumerate(own)))
    assert small.detail == 2 and len(_items(small, "text")) == 3
    assert big.detail == 0
    assert len(_items(big, "text")) < 3 * 3 * 40


def test_a_domain_keeps_every_sentence_while_they_fill_its_page_at_a_legible_size():
    # 8,000 characters with every sentence kept: its page holds them at about 8 pt, so none is left out (a
    # fixed volume of 6,500 condensed it to three sentences a paragraph). Half the paper (A5) holds less:
    # condensed further.
    para = (
        "Cells divide by mitosis in most tissues. Each daughter cell gets a full copy of the genome. "
        "The spindle pulls the chromatids apart. The nucleus then forms again around each set. "
        "The cell membrane pinches in at the middle.\n\n"
    )
    body = "".join(f"### Stage {k}\n\n{para.replace('.', f' in stage {k}.')}" for k in range(20))
    sheet = _sheet(body)
    assert sheet.chars() > 6500
    assert sheet.detail == 2 and len(_items(sheet, "text")) == 5 * 20
    assert _sheet(body, page="a5").detail < 2


def test_references_numbered_once_with_ranges_and_short_labels():
    sheet = _sheet(
        "### A\n\nText [one](https://docs.aws.amazon.com/a.html) and [two](https://www.example.org/b).\n\n"
        "### B\n\nMore [one again](https://docs.aws.amazon.com/a.html).\n"
    )
    assert [r.number for r in sheet.refs] == [1, 2]
    assert [r.domain for r in sheet.refs] == ["docs.aws.amazon.com", "example.org"]
    assert sheet.boxes[1].refs == [1]
    assert ranges([1, 2, 3, 5, 7, 8]) == "1–3,5,7,8"
    bare = Link(
        "https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html",
        "https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html",
        Source("n.md", 1),
    )
    assert ref_label(bare) == "async inference"
    assert (
        ref_label(
            Link("u", "how to use scheduled scaling policies for SageMaker endpoints", Source("n.md", 1)), "SageMaker"
        )
        == "scheduled scaling policies"
    )


def test_qr_is_the_most_cited_link_or_the_front_matter_one():
    body = "### A\n\nX [a](https://a.example/1).\n\n---\n\nY [b](https://b.example/2).\n\n---\n\nZ [b](https://b.example/2).\n"
    assert _sheet(body).qr.url == "https://b.example/2"
    assert _sheet(body, "sheet:\n  qr: https://c.example/").qr.url == "https://c.example/"


def test_page_options():
    assert sheet_options({}) == {"paper": "A4", "orientation": "landscape"}
    assert sheet_options({"sheet": {"paper": "Letter", "orientation": "portrait"}}) == {
        "paper": "letter",
        "orientation": "portrait",
    }
    assert sheet_options({"sheet": {"paper": "letter"}}, "a4 portrait") == {"paper": "A4", "orientation": "portrait"}
    assert sheet_options({"sheet": "nonsense"}, "letter-landscape") == {"paper": "letter", "orientation": "landscape"}


def test_a_long_listing_prints_its_outline_not_its_first_lines_and_a_mark():
    # '⋮ 56 more lines (line 562 of the notes)' under a listing's first lines (blind review: elision marks
    # that read as noise, code dumps instead of key facts): a listing too long for its sheet keeps its
    # outline, the lines nested no deeper than fits, its statements over lines joined, its closing brackets
    # alone left out.
    methods = "".join(
        f"    public int size{i}(int x) {{\n        int y = x + {i};\n        return y;\n    }}\n" for i in range(8)
    )
    code = "public class Fruit {\n" + methods + "}\n"
    value = _items(_sheet(f"### Code\n\n```java\n{code}```\n"), "code")[0].value.splitlines()
    # (a block whose body is left out is closed on its line, the class's own brace on its line: two classes
    # outlined one after the other do not run together)
    assert value == ["public class Fruit {", *(f"    public int size{i}(int x) {{ ... }}" for i in range(8)), "}"]
    handler = "def handler(event):\n" + "".join(
        f"    r{i} = client.call{i}(\n        Name=event['n'],\n        Mode='fast',\n    )\n" for i in range(6)
    )
    value = _items(_sheet(f"### Code\n\n```python\n{handler}```\n"), "code")[0].value.splitlines()
    calls = [f"    r{i} = client.call{i}(Name=event['n'], Mode='fast',)" for i in range(6)]
    assert value == ["def handler(event):", *calls]
    flat = "".join(f"x{i} = {i}\n" for i in range(60))  # commands one a line: its first ones
    value = _items(_sheet(f"### Code\n\n```python\n{flat}```\n"), "code")[0].value.splitlines()
    assert value[0] == "x0 = 0" and 6 <= len(value) < 60 and not any("more lines" in v for v in value)


def test_a_listing_is_not_cut_a_few_lines_before_its_end():
    # The decisive line of a manifest is often its last ("effect: NoSchedule"): a small sheet prints a
    # listing whole, and no sheet cuts one a line or two short of its end.
    manifest = "tolerations:\n" + "".join(f"- key: k{i}\n  operator: Equal\n  value: v{i}\n" for i in range(4))
    manifest += "  effect: NoSchedule\n"
    value = _items(_sheet(f"### Taint\n\n```yaml\n{manifest}```\n"), "code")[0].value
    assert value.endswith("effect: NoSchedule") and "more lines" not in value


def _printed(sheet) -> list[str]:
    out = []
    for item in sheet.items():
        out += [item.key, item.value, *item.items, *(" | ".join(r) for r in item.rows)]
    return [t for t in out if t]


# A domain too long for a page: its sheet is condensed tightly.
_FILLER = "".join(f"- Point {n} says something about topic {n} in a dozen plain words.\n" for n in range(200))


def test_a_nested_list_keeps_each_items_qualifier():
    # Two nested items each with a dash: not one aside from the first dash to the second (it printed
    # "Pay as you go: Mac or Linux billing per hour", the first item's per-minute caveat gone).
    sheet = _sheet(
        "### Pricing\n\n- Pay as you go:\n  - Mac or Linux - billed per minute, after the first ten minutes\n"
        "  - Every other system - billed per hour\n- No deposit\n\n### More\n\n" + _FILLER
    )
    assert sheet.detail == 0  # tight: every line at its shortest
    items = next(i for i in sheet.items() if i.kind == "list" and i.items[0].startswith("Pay as you go"))
    # nested, each item a line under its own (no longer joined into one line)
    assert items.levels == [0, 1, 1, 0]
    line = " ".join(items.items)
    assert "per minute" in line and "first ten minutes" in line and "per hour" in line


def test_a_nested_list_stays_nested():
    # Three levels of bullets: each item a line of its own, indented by its depth (they printed as one line,
    # "Drugs come in two kinds: Some stop the growth of bacteria: The effect is ...; Others ...", the list's
    # shape lost).
    lines = [
        "Drugs come in two kinds",
        "Some stop the growth of bacteria",
        "The effect is reversible once the drug is gone",
        "Others kill the bacterium outright",
        "The spectrum of action says which bacteria a drug works on",
        "It can be broad",
        "It can be narrow",
    ]
    depth = [0, 1, 2, 1, 0, 1, 1]
    body = "### Kinds\n\n" + "".join(f"{'  ' * n}- {t}\n" for t, n in zip(lines, depth, strict=True))
    items = _items(_sheet(body), "list")[0]
    assert (items.items, items.levels) == (lines, depth)
    flat = _items(_sheet("### Kinds\n\n- One thing to know\n- Another thing to know\n"), "list")[0]
    assert flat.levels == []


def test_a_parenthesis_with_a_number_or_only_is_kept():
    sheet = _sheet(
        "### Signs\n\n- Raised segment seen in healthy young adults (a rise of 1 - 2 mm)\n"
        "- Scans a few resources (only queues and topics)\n"
    )
    printed = " ".join(_printed(sheet))
    assert "1 - 2 mm" in printed and "only queues and topics" in printed


def test_a_line_is_never_cut_inside_a_parenthesis():
    # The colon inside "(eg: ...)" is no clause boundary of the sentence: the line ended "... tasks (eg".
    line = gist(
        "Provides a fully managed, minimal overhead, automatically scalable environment tailored for ML "
        "preprocessing tasks (eg: deduplication, feature normalization, categorical encoding)",
        9,
    )
    assert line.count("(") == line.count(")") and line.endswith("preprocessing tasks")
    # A sentence too long for any clause to end it in time is cut before its parenthesis, not inside it.
    cut = _cut_words("Alpha beta gamma delta (epsilon zeta eta theta iota kappa lambda) mu", 6)
    assert cut == "Alpha beta gamma delta…"


def test_a_terms_nested_items_are_all_printed_or_marked_cut():
    # "Causes" with nested items: the first item alone read as if it were the whole list.
    body = "### Causes\n\n- Fever\n  - Infection\n  - Heat stroke\n  - Drug reaction\n- Rash\n  - Allergy\n  - Virus\n"
    terms = {t.key: t.value for t in _items(_sheet(body), "term")}
    assert terms["Fever"] == "Infection; Heat stroke; Drug reaction"
    assert terms["Rash"] == "Allergy; Virus"
    many = "".join(f"  - Cause number {n} with a long description of its own\n" for n in range(12))
    value = _items(_sheet(f"### Causes\n\n- Fever\n{many}- Rash\n  - Allergy\n\n### More\n\n" + _FILLER), "term")[0]
    # the items left out marked by the cut every line shows, never a count ('(+9 more)' read as the notes')
    assert value.value.startswith("Cause number 0") and value.value.endswith("; …") and "more)" not in value.value


def test_a_sentence_is_no_term_row_unless_it_names_one():
    # "Can assign labels to tables" has no term: the reader guessed "Can assign" from its verbs.
    body = (
        "### Rules\n\n- Can assign labels to tables\n- Assign readers specific labels for their jobs\n"
        "- Grants access by label\n"
    )
    sheet = _sheet(body)
    assert not _items(sheet, "term")
    assert "Can assign labels to tables" in _printed(sheet)


def test_a_condition_is_not_a_defined_term():
    sheet = _sheet("### Lemma\n\nIf $(x_n)$ is a monotone sequence in $\\mathbb{R}$, then it has a limit. More text.\n")
    assert not _items(sheet, "def")
    sheet = _sheet("### Sum\n\nAddition on vectors is defined as before. We add them by parts.\n")
    assert not _items(sheet, "def")


def test_a_lower_case_symbol_keeps_its_case():
    sheet = _sheet("### Leads\n\n- r in lead one\n- rSR' in lead two\n- small waves\n")
    assert _items(sheet, "list")[0].items == ["r in lead one", "rSR' in lead two", "Small waves"]


def test_a_table_of_images_prints_nothing():
    sheet = _sheet("### Formula\n\n|Wave formula|\n|---|\n|![](missing.png)|\n\nThe wave moves.\n")
    assert not _items(sheet, "table")


def test_a_tables_columns_are_as_wide_as_what_they_hold():
    # A column of long names beside a column of percentages: the names get the room (equal widths wrapped
    # each name on three lines beside a column of '34%').
    names = ["Domain", "Domain 1: Design Resilient Architectures", "Domain 3: Specify Secure Applications"]
    widths = column_widths([names, ["% of Exam", "34%", "26%"]])
    assert sum(widths) == 100 and widths[0] >= 70
    # Too much for one line each: every column still holds its longest word.
    long = [["Destination address of the packet as written"], ["Source"], ["Protocol number"]]
    widths = column_widths(long)
    assert all(w * COLUMN_CHARS / 100 >= len(max(c[0].split(), key=len)) for w, c in zip(widths, long, strict=True))


def test_a_key_column_holds_its_longest_word():
    # A fixed third of the table split 'intermediate' into 'intermediat e' in a four-column sheet.
    sheet = _sheet(
        "### T\n\n- **Internationalization**: making software ready for many languages and regions of the world\n"
        "- **Locale**: a set of conventions for one region\n"
    )
    entry = sheet.boxes[0].entries[0]
    assert entry.kind == "terms"
    assert entry.key_width * COLUMN_CHARS / 100 >= len("Internationalization") * BOLD
    short = _sheet("### T\n\n- **Width**: less than 0.12 ms in lead two\n- **Height**: less than 0.25 mV in lead two\n")
    assert short.boxes[0].entries[0].key_width < 34  # short keys leave the gists the room


def test_a_table_of_labels_keeps_its_gists():
    # 'Best when' and 'Tradeoff' under each strategy: without their gists the tables printed four bare labels
    # each (blind review: tables printed without their values). The box goes whole instead, when it must.
    strategy = "- Search: {0} the space.\n- Best when: the space is {0}.\n- Tradeoff: it costs {0} compute.\n"
    sheet = _sheet("".join(f"### {name}\n\n{strategy.format(name.lower())}\n" for name in ("Grid", "Random")))
    assert sheet.labels() == {"search", "best when", "tradeoff"}
    assert [d for d in sheet.candidates() if d.what == "value"] == []
    assert {d.name for d in sheet.candidates() if d.what == "box"} == {"Grid", "Random"}
    # One key written twice in two long tables of names ('Scalability') makes no table of labels.
    names = ["".join(f"- **Name {t}{n}**: what name {n} is for.\n" for n in range(5)) for t in "AB"]
    sheet = _sheet(
        f"### A\n\n{names[0]}- **Scalability**: it grows.\n\n### B\n\n{names[1]}- **Scalability**: it scales.\n"
    )
    assert len([d for d in sheet.candidates() if d.what == "value"]) == 2


def test_a_category_row_goes_with_its_last_member():
    # 'Exceptions' over the one exception: with the exception left out, the row alone headed nothing.
    body = "### Signs\n\n- **Causes**\n  - **Heat**: a fever of the body\n- **Exceptions**\n  - **Cold**: a chill\n"
    sheet = _sheet(body)
    group = next(i for i in sheet.items() if i.kind == "group" and i.key == "Exceptions")
    member = next(i for i in sheet.items() if i.key == "Cold")
    member.dropped = True
    sheet.drop_empty_groups()
    assert group.dropped
    assert not next(i for i in sheet.items() if i.key == "Causes").dropped


def test_a_table_of_one_word_keys_over_long_gists_keeps_them():
    # 'Unsupervised', 'Supervised', 'Neither' over the algorithms of each: without the gists, three bare words.
    body = (
        "### Algorithms\n\n- **Unsupervised**: singular value decomposition; random cut forest; k-means\n"
        "- **Supervised**: factorization machines; k-nearest neighbours; linear learner\n"
        "- **Neither**: reinforcement learning with a reward signal\n"
    )
    assert [d for d in _sheet(body).candidates() if d.what == "value"] == []
    # Names of two words or more over short gists stand alone: their gists may go.
    names = "### Kinds\n\n- **General purpose**: balanced compute.\n- **Compute optimized**: fast processors.\n"
    assert [d.what for d in _sheet(names).candidates()].count("value") == 1


def test_a_category_rows_own_lines_are_printed():
    # 'Causes' over a cause of its own and a cause with causes under it: the row printed alone, the first
    # cause lost ('Coronary artery disease', on a corpus ECG sheet).
    body = (
        "### Left atrium\n\n- Representation\n  - Prolonged P wave\n- Causes\n  - Coronary artery disease\n"
        "  - Left atrium enlargement\n    - Aortic or mitral disease\n    - Hypertensive heart disease\n"
    )
    assert "Coronary artery disease" in " ".join(_printed(_sheet(body)))


def test_an_item_that_ends_itself_is_joined_without_a_second_mark():
    # Blind review: '... for the full price.; Ideal for ...', 'Examples over {a, b}:; ...', 'Ditto for x.: Some
    # tail ...' where a list's items (or an item and its nested ones) were joined after their own stop.
    body = (
        "### Options\n\n"
        "- On-Demand\n  - You pay the full price.\n  - Ideal for a startup.\n"
        "- Examples over the alphabet:\n  - the empty language\n  - the language of one letter\n"
        "- Ditto for the lower limit.\n  - Some tail sequence converges.\n"
        "\n### Table\n\n| Kind | Notes |\n|---|---|\n| Reserved | Book ahead.<br>Best for a steady load |\n"
    )
    printed = " ".join(_printed(_sheet(body)))
    assert not re.search(r"[.:][;:] ", printed), printed
    assert "full price. Ideal for a startup" in printed
    assert "Ditto for the lower limit. Some tail sequence converges" in printed
    assert "Book ahead. Best for a steady load" in printed
    # a plain list still reads as one
    assert "the empty language; the language of one letter" in printed.lower()


def test_a_bullet_summary_of_the_numbered_list_below_is_printed_once():
    # Blind review: order properties printed twice, as bullets and again as a numbered list with proofs.
    body = (
        "### Order properties\n\nFor all extended reals $x, y, z$\n\n"
        "- $x \\leq x$\n- If $x \\leq y$ and $y \\leq z$, then $x \\leq z$\n- If $x \\leq y$, then $-y \\leq -x$\n\n"
        "1. $x \\leq x$\n\n   *Proof:* obvious when $x$ is finite.\n\n"
        "2. If $x \\leq y$ and $y \\leq z$, then $x \\leq z$\n\n   *Proof:* by transitivity.\n\n"
        "3. If $x \\leq y$, then $-y \\leq -x$\n\n   *Proof:* by negation.\n"
    )
    printed = _printed(_sheet(body))
    assert sum("then -y" in re.sub(r"[\ue000\ue001]", "", t) for t in printed) == 1, printed
    # two different lists that share one line are both printed
    body = "### Kinds\n\n- Apples\n- Pears\n- Plums\n\n1. Apples\n2. Figs\n3. Dates\n"
    assert sum(t == "Apples" for t in _printed(_sheet(body))) == 2


def test_a_breadcrumb_trail_over_its_link_is_a_reference_only():
    # Blind review: 'kubernetes.io > Documentation > Concepts > ... > Labels and Selectors' printed as a line.
    body = (
        "### Labels\n\nexample.org > Documentation > Concepts > [Labels and Selectors](https://example.org/labels)\n\n"
        "Labels are key/value pairs attached to objects.\n\nUse $a > b > c$ when the order matters.\n"
    )
    sheet = _sheet(body)
    printed = " ".join(_printed(sheet))
    assert "Documentation" not in printed and "key/value pairs attached" in printed.lower()
    assert [ln.url for ln in sheet.links] == ["https://example.org/labels"]
    assert "order matters" in printed
    # a sentence that compares is no trail
    body = "### Sizes\n\nThe [price list](https://example.org/t) ranks them: small > medium > large, by cost.\n"
    assert "small" in " ".join(_printed(_sheet(body)))


def test_a_label_written_again_for_its_next_fact_is_one_row():
    # Blind review: the 'Glue ETL' key printed twice, a row for each of its facts.
    body = (
        "### Glue\n\n- Glue ETL: run Spark code, Scala or Python based\n- Glue ETL: nothing to configure or manage\n"
        "- Glue Crawler: finds the schema\n"
    )
    terms = [(t.key, t.value) for t in _items(_sheet(body), "term")]
    assert [k for k, _ in terms] == ["Glue ETL", "Glue Crawler"], terms
    assert "Spark" in terms[0][1] and "configure or manage" in terms[0][1]


def test_a_short_formula_whose_closing_dollar_is_missing_is_drawn():
    # Blind review: raw '$K + L' at the end of a sentence whose formula lost its closing dollar.
    body = "### Sums\n\n- If the terms are close to $K$ and $L$, their sums are close to $K + L.\n"
    printed = " ".join(_printed(_sheet(body)))
    assert "$" not in printed and "\ue000K\ue002+\ue002L\ue001" in printed, printed
    # money stays money
    body = "### Costs\n\n- The plan costs $5 per month.\n- Spot prices run $5-10.\n"
    printed = " ".join(_printed(_sheet(body)))
    assert "$5 per month" in printed and "$5-10" in printed, printed


def test_an_empty_strike_through_inside_a_word_is_left_out():
    # Blind review: 'ti~~~~~~~~me' printed with its marks, a strike-through around nothing.
    printed = " ".join(_printed(_sheet("### Uploads\n\n- Objects are encrypted at upload ti~~~~~~~~me\n")))
    assert "upload time" in printed and "~" not in printed, printed
    printed = " ".join(_printed(_sheet("### Paths\n\n- Run `ls a~~~~b` to list it\n")))
    assert "a~~~~b" in printed


def test_a_deeper_box_goes_whole_before_a_section_loses_its_gists():
    # Issue 14: 'SM Studio' and 'SM Profiler' (sections) printed bare keys ('Reduce training costs') at the
    # floor while boxes of lower priority (headings under a section) were still printed whole: the gists of
    # a table go just before their own box would, after every box of lower priority.
    sheet = _sheet(
        "### Profiler\n\n- Debug training performance: useful for finding why a training job is slow.\n"
        "- Reduce training costs: by finding idle resources you can cut the compute bill.\n\n"
        "### Search\n\nHow hyperparameters are searched.\n\n#### Random search\n\nPicks configurations at random.\n"
    )
    order = [(d.what, d.name) for d in sheet.candidates()]
    deeper = order.index(("box", "Random search"))
    gists = order.index(("value", "gists of Profiler"))
    assert deeper < gists < order.index(("box", "Profiler"))


def test_a_formulas_index_is_no_first_person_word():
    # CS229 Arc 2: the Gaussian density step, its formula indexed by '(i)', was left out as a remark of the
    # author's about themselves ('I'); a real one still goes.
    sheet = _sheet(
        "- So the target is Gaussian around the prediction: $p(y^{(i)} \\mid x^{(i)}; \\theta)$ has mean "
        "$\\theta^T x^{(i)}$.\n- Another list item about the model.\n\n"
        "- I wrote these notes while studying for the exam.\n- The noise is independent.\n"
    )
    text = " ".join(t for i in _items(sheet, "list") for t in i.items)
    assert "target is Gaussian" in text
    assert "I wrote" not in text
