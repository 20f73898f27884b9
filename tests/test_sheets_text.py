"""What a sheet's lines say (issue 14, a blind look at the corpus sheets, text faults): a fact printed once, no
narrator or remark printed as a fact, lead-ins kept over the rows they lead into, the telling lines of a
program rather than the program, nested cases and proofs kept apart from the list they hang on."""

from __future__ import annotations

from pathlib import Path

from studydeck.notes.analyse import analyse_notes
from studydeck.notes.parse import parse_notes
from studydeck.report import Report
from studydeck.sheets.condense import condense


def _sheet(text: str, k: int = 0):
    nf = parse_notes(text, "notes.md", Path("."), Path("."), Report(quiet=True))
    analyse_notes(nf)  # as a build does: the language and the sentences read
    return condense(nf.domains[k], nf.title, nf.meta)


def _lines(sheet) -> list[str]:
    """Every text the sheet prints, in order, one a line ('key: value' for a row)."""
    out = []
    for box in sheet.boxes:
        for item in (i for e in box.entries for i in e.items if not i.dropped):
            value = "" if item.value_dropped else item.value
            if item.key or value:
                out.append(f"{item.key}: {value}" if item.key else value)
            out += item.items
            out += [" | ".join(r) for r in item.rows]
    return out


def test_a_lead_in_prints_over_the_rows_it_leads_into():
    # 'Conda based:' and 'Deep Learning Base AMIs:' over two lists of the same labels printed as one list
    # said twice ('Libraries: TensorFlow ...', 'libraries: None'): the parser gives a lead-in to its list,
    # and the sheet printed neither.
    sheet = _sheet(
        "# AMIs\n\n## Deep learning AMIs\n\nConda based:\n\n* Libraries: TensorFlow, Keras, MXNet\n"
        "* GPU Acceleration: CUDA 8 and 9, cuDNN 6\n\nDeep Learning Base AMIs:\n\n* Libraries: none\n"
        "* GPU acceleration: CUDA 8 and 9, cuDNN 6\n\nBefore you start:\n\n1. Open the console\n"
        "2. Choose a region\n"
    )
    lines = _lines(sheet)
    assert lines.index("Conda based") < lines.index("Libraries: TensorFlow, Keras, MXNet")
    assert lines.index("Libraries: TensorFlow, Keras, MXNet") < lines.index("Deep Learning Base AMIs")
    assert lines.index("Deep Learning Base AMIs") < lines.index("Libraries: None")
    assert "Before you start" in lines


def test_the_narrator_of_a_course_is_not_printed_as_a_fact():
    sheet = _sheet(
        "# Nets\n\n## Overview\n\n"
        "Convolutional Neural Networks are very similar to ordinary Neural Networks from the previous chapter: "
        "they are made up of neurons that have learnable weights. "
        "As we saw in the previous chapter, Neural Networks receive an input and transform it through hidden "
        "layers. Moreover, we would almost certainly want to have several such neurons, so the parameters "
        "would add up quickly! We have seen that ConvNets are made up of only three layer types. "
        "If a function needs to call other services, we need to create a role for it.\n\n"
        "- Enjoy!\n- It's boring to prove this stuff over again for infimums.\n- Each layer is a 3D volume\n"
    )
    lines = _lines(sheet)
    text = " ".join(lines)
    assert "previous chapter" not in text and "we saw" not in text.lower()
    assert "Convolutional Neural Networks are very similar to ordinary Neural Networks: they" in text
    assert "Neural Networks receive an input" in text
    assert "ConvNets are made up of only three layer types" in text and "We have seen" not in text
    assert "almost certainly" not in text
    assert "we need to create a role" in text.lower()  # advice, though the subject is 'we'
    assert "Enjoy" not in text and "boring" not in text
    assert "Each layer is a 3D volume" in lines


def test_an_italian_remark_to_posterity_is_left_out():
    sheet = _sheet(
        "---\nlang: it\n---\n# Resistenza\n\n## Diffusione\n\n"
        "La resistenza si diffonde per trasferimento orizzontale di geni tra batteri. "
        "Nota ai posteri: questa faccenda è andata oltre il livello di outbreak, ma sono dettagli.\n"
    )
    text = " ".join(_lines(sheet))
    assert "trasferimento orizzontale" in text
    assert "posteri" not in text and "dettagli" not in text


def test_a_fact_said_twice_on_a_sheet_prints_once():
    # 'precision and recall are the most appropriate metrics ...' under Precision and again under Recall, the
    # givens of a worked example listed twice (blind review: the same fact twice on one sheet)
    sheet = _sheet(
        "# Metrics\n\n## Scores\n\n### Precision\n\n- Precision is TP / (TP + FP)\n"
        "- precision and recall are the most appropriate metrics for tuning a loan default model\n\n"
        "### Recall\n\n- Recall is TP / (TP + FN)\n"
        "- precision and recall are the most appropriate metrics for tuning a loan default model\n\n"
        "### Rules\n\n- **Inbound Rules**: Define the traffic allowed into your instances.\n"
        "- **Outbound Rules**: Define the traffic allowed out from your instances.\n"
    )
    text = " ".join(_lines(sheet))
    assert text.count("most appropriate metrics") == 1
    assert "TP / (TP + FN)" in text
    # lines alike but for the word that tells them apart are two facts
    assert "allowed into your instances" in text and "allowed out from your instances" in text


def test_a_closing_table_of_the_sections_above_is_not_printed_again():
    sheet = _sheet(
        "# Pricing\n\n## Launch types\n\n### Reserved Instances\n\n- Up to 72% discount compared to On-demand\n"
        "- Reservation period of 1 year or 3 years\n- Recommended for steady-state applications\n\n"
        "### Spot Instances\n\n- Can get a discount of up to 90% compared to On-demand\n"
        "- Useful for workloads that are resilient to failure\n\n"
        "### Comparison\n\n| Launch Type | Cost | Commitment | Use Case |\n|---|---|---|---|\n"
        "| Reserved Instances | Up to 72% discount compared to On-Demand | 1 year or 3 years | "
        "Steady-state applications |\n"
        "| Spot Instances | Discount up to 90% compared to On-Demand | No commitment | Resilient workloads |\n"
    )
    assert "Comparison" not in [b.title for b in sheet.boxes]
    assert not [i for b in sheet.boxes for e in b.entries for i in e.items if i.kind == "table"]
    text = " ".join(_lines(sheet))
    assert "Up to 72% discount" in text and "up to 90%" in text


def _code(sheet) -> list[str]:
    return [i.value for b in sheet.boxes for e in b.entries for i in e.items if i.kind == "code"]


HANDLER = """```python
import boto3

transcribe = boto3.client('transcribe')

def lambda_handler(event, context):
    payload = event['Input']['Payload']
    job_name = payload['TranscriptionJobName']

    response = transcribe.get_transcription_job(
        TranscriptionJobName=job_name
    )

    job = response['TranscriptionJob']
    uri = "none"
    if 'Transcript' in job:
        uri = job['Transcript']['TranscriptFileUri']

    return {
        'TranscriptFileUri': uri,
        'TranscriptionJobName': job_name,
    }
```
"""


def test_a_program_prints_its_telling_lines_not_its_plumbing():
    # combine-aws-services (blind review: useless, two thirds of the page Lambda handlers printed whole)
    sheet = _sheet("# Lambdas\n\n## Status checker\n\nThe checker reads the status of a job.\n\n" + HANDLER)
    (code,) = _code(sheet)
    lines = code.splitlines()
    assert lines == [
        "transcribe = boto3.client('transcribe')",
        "def lambda_handler(event, context):",
        "    response = transcribe.get_transcription_job(",
        "        TranscriptionJobName=job_name",
        "    )",
    ]


def test_an_outlined_class_closes_its_braces():
    # cs61b (blind review: 'public class Parent { // Child inherits ...' then 'public class Child' run together)
    body = "\n".join(f'        System.out.println("line {k}");' for k in range(8))
    listing = (
        "```java\npublic class Parent {\n    public Parent() {\n" + body + "\n    }\n}\n"
        "public class Child extends Parent {\n    public Child() {\n" + body + "\n    }\n}\n```\n"
    )
    sheet = _sheet("# Classes\n\n## Constructors\n\nA child calls its parent's constructor.\n\n" + listing)
    (code,) = _code(sheet)
    assert code.splitlines() == [
        "public class Parent {",
        "    public Parent() { ... }",
        "}",
        "public class Child extends Parent {",
        "    public Child() { ... }",
        "}",
    ]


def test_a_command_printed_above_is_not_printed_again():
    # three ways to wait for a job, each opened by the same command (blind review: the same block twice)
    sheet = _sheet(
        "# Jobs\n\n## Wait for a job\n\n```bash\nkubectl get jobs -w # till SUCCESSFUL is 1\nkubectl logs pi-xxx\n"
        "kubectl delete job pi\n```\n\nOR\n\n```bash\nkubectl get jobs -w # till SUCCESSFUL is 1\nkubectl logs job/pi\n"
        "kubectl delete job pi\n```\n"
    )
    first, second = _code(sheet)
    assert first.count("kubectl") == 3
    assert second == "kubectl logs job/pi"


def test_a_result_prints_without_the_cases_and_steps_of_its_proof():
    # math-analysis (blind review: 'Case x and y are both finite: Case y = +∞; Case y = −∞.', 'Ditto for L−.
    # Some tail ... Q.E.D. Let ε > 0 ...': nested proof cases and proof steps flattened into the list)
    sheet = _sheet(
        "# Reals\n\n## Order\n\nFor all extended reals $x, y$:\n\n"
        "1. $x \\leq x$\n"
        "2. Exactly one is true: $x < y$, $x = y$, $x > y$\n"
        "1. Case $x$ and $y$ are both finite\n\n    2. Case $y = + \\infty$\n\n    3. Case $y = - \\infty$\n\n"
        " 3. If $L^+$ is finite, then $L^+$ is a limit point. Ditto for $L^-$.\n\n"
        "    1. Some tail sequence has all terms finite.\n\n    2. Q.E.D.\n\n"
        " 4. Case studies of sequences are in the book\n"
    )
    steps = [s for b in sheet.boxes for e in b.entries for i in e.items if i.kind == "steps" for s in i.items]
    text = " ".join(steps)
    assert "Case y" not in text and "Case x" not in text and "Q.E.D" not in text and "Some tail" not in text
    assert any(s.startswith("If") and s.endswith("Ditto for L^-.") or "Ditto for" in s for s in steps)
    assert any("Exactly one is true" in s for s in steps)
    assert any(s.startswith("Case studies") for s in steps)  # a case label opens a case before a symbol


def test_lines_written_a_fact_each_without_full_stops_print_as_sentences():
    # bio-cell (blind review: 'Some bacteria have flagella The only human cell is the sperm')
    sheet = _sheet(
        "# Cells\n\n## Prokaryotes\n\nSome bacteria have flagella\nThe only human cell is the sperm\n"
        "We store the\nAmazon S3 objects in buckets\n"
    )
    text = " ".join(_lines(sheet))
    assert "flagella The" not in text
    assert "Some bacteria have flagella." in text
    assert "We store the Amazon S3 objects" in text or "store the Amazon S3 objects" in text


def test_a_proof_under_its_result_is_not_printed():
    # math-analysis (blind review: 'mostly proofs rather than results')
    sheet = _sheet(
        "# Reals\n\n## Least upper bound\n\nIf $(a_n)$ is a sequence and $x = sup(a_n)$, then for all $n$, "
        "$a_n \\leq x$.\n\n*Proof:* By definition of the supremum of sequences, we have $x \\geq a_n$ for all $n$.\n\n"
        "Proofreading notes is a good habit for every student.\n"
    )
    text = " ".join(_lines(sheet))
    assert "for all n" in text or "for all" in text
    assert "By definition of the supremum" not in text
    assert "Proofreading notes" in text


def test_the_narrators_comment_before_a_fact_is_left_out():
    # cs231n ('Clearly, this full connectivity is wasteful and ... would quickly lead to overfitting')
    sheet = _sheet(
        "# Nets\n\n## Full connectivity\n\nA neuron of a first layer has 3072 weights. Clearly, this full "
        "connectivity is wasteful and would quickly lead to overfitting.\n\n- Clearly\n"
    )
    text = " ".join(_lines(sheet))
    assert "This full connectivity is wasteful" in text and "Clearly," not in text


# Regressions of the said-once and code rules (second blind review of the corpus sheets)


def _bare_keys(sheet) -> list[str]:
    """The rows the sheet prints with a key and nothing for it."""
    out = []
    for box in sheet.boxes:
        for item in (i for e in box.entries for i in e.items if not i.dropped):
            if item.kind == "term" and item.key and not (item.value and not item.value_dropped) and not item.items:
                out.append(item.key)
    return out


def test_rows_alike_but_for_their_key_or_a_number_are_two_facts():
    # The LBBB criteria read as the RBBB ones said again: 'Complete LBBB' and 'Incomplete LBBB' printed with
    # no value. A row alike but for its key, or for a number, says a fact of its own.
    sheet = _sheet(
        "# ECG\n\n## Bundle branch blocks\n\nRight bundle branch block:\n\n"
        "- Complete RBBB: QRS segment at least 0.12 sec in V1 or V6\n"
        "- Incomplete RBBB: QRS segment in 0.1 to 0.12 sec in V1 or V6\n\n"
        "Left bundle branch block:\n\n"
        "- Complete LBBB: QRS segment at least 0.12 sec in V1 or V6\n"
        "- Incomplete LBBB: QRS segment in 0.1 to 0.12 sec in V1 or V6\n\n"
        "Paced rhythm:\n\n- Wide QRS: QRS segment in 0.1 to 0.14 sec in V1 or V6\n"
    )
    lines = _lines(sheet)
    assert not _bare_keys(sheet), lines
    text = "\n".join(lines)
    assert "Complete LBBB: QRS segment at least 0.12 sec" in text
    assert "Incomplete LBBB: QRS segment in 0.1 to 0.12 sec" in text
    assert "Wide QRS: QRS segment in 0.1 to 0.14 sec" in text


def test_a_row_said_again_is_left_out_whole_never_printed_bare():
    # 'GPU acceleration' printed with no value read as 'no GPU': a row is said when its key and its value
    # were, and then it is left out whole; a row whose value alone was said keeps it.
    sheet = _sheet(
        "# AMIs\n\n## Deep learning AMIs\n\n"
        "The images ship CUDA 8 and 9, cuDNN 6 and 7, NCCL 2.0.5 libraries and the Nvidia driver.\n\n"
        "Conda based:\n\n* Libraries: TensorFlow, Keras, MXNet\n"
        "* Drivers: CUDA 8 and 9, cuDNN 6 and 7, NCCL 2.0.5 libraries, Nvidia driver\n\n"
        "Base AMIs:\n\n* Toolkits: none\n* Drivers: CUDA 8 and 9, cuDNN 6 and 7, NCCL 2.0.5 libraries, Nvidia driver\n"
    )
    lines = _lines(sheet)
    assert not _bare_keys(sheet), lines
    # the value said above, the key not: kept; the same row under another lead-in: another fact, kept
    assert lines.count("Drivers: CUDA 8 and 9, cuDNN 6 and 7, NCCL 2.0.5 libraries, Nvidia driver") == 2, lines
    assert lines.index("Base AMIs") < lines.index("Toolkits: None")
    # the same row again under the same lead-in is said: left out whole, not printed bare
    again = _sheet(
        "# AMIs\n\n## Drivers\n\n* Drivers: CUDA 8 and 9, cuDNN 6 and 7, NCCL 2.0.5 libraries, Nvidia driver\n"
        "* Toolkits: none\n\nMore facts:\n\nThe images are free of charge in every region.\n\n"
        "* Drivers: CUDA 8 and 9, cuDNN 6 and 7, NCCL 2.0.5 libraries, Nvidia driver\n* Support: forums\n"
    )
    assert not _bare_keys(again), _lines(again)
    assert sum(ln.startswith("Drivers") for ln in _lines(again)) == 1, _lines(again)


def test_a_list_item_keeps_the_items_nested_under_it():
    # Boxes printed names with nothing under them: the nested lines were said above, and the names kept for
    # the children they no longer had. An item and its nested items are one fact.
    said = "It monitors CPU, GPU and memory use of training jobs in real time."
    sheet = _sheet(
        "# SageMaker\n\n## Debugging\n\n" + said[3:].capitalize() + "\n\n"
        "- The profiler watches a training job while it runs.\n  - " + said + "\n"
        "  - It raises alerts on bottlenecks found in the training instances.\n"
        "- The debugger looks inside the model while it trains.\n  - " + said + "\n"
    )
    items = [t for b in sheet.boxes for e in b.entries for i in e.items if i.kind == "list" for t in i.items]
    for parent in (
        "The profiler watches a training job while it runs.",
        "The debugger looks inside the model while it trains.",
    ):
        assert items[items.index(parent) + 1] == said, items


def test_a_row_keeps_its_value_when_only_its_value_was_said():
    # 'Debugger' printed bare under its group: its gist was the Profiler's, said above under another key.
    sheet = _sheet(
        "# SageMaker\n\n## Debugging\n\n"
        "The profiler monitors CPU, GPU and memory use of training jobs in real time.\n\n"
        "1. Tools that watch a training job\n    - Profiler\n"
        "        - monitors CPU, GPU and memory use of training jobs in real time\n"
        "        - raises alerts on bottlenecks found in the training instances\n    - Debugger\n"
        "        - monitors CPU, GPU and memory use of training jobs in real time\n"
        "1. Tools that look inside a model\n    - Clarify\n        - reports bias of a model\n"
    )
    assert not _bare_keys(sheet), _lines(sheet)
    assert "Debugger: Monitors CPU, GPU and memory use of training jobs in real time" in _lines(sheet)


def _java_sheet() -> str:
    methods = "".join(f"    public int get{n}() {{\n        return {n.lower()};\n    }}\n" for n in "ABCDEFGH")
    return (
        "# Inheritance\n\n## Constructors\n\n"
        "When `super` is called, Java will not call the default constructor anymore.\n\n"
        '```java\npublic class Parent {\n    public Parent() {\n        System.out.println("Default");\n    }\n'
        + methods
        + "}\n\npublic class Child extends Parent {\n    public Child(String say) {\n        super(say);\n    }\n"
        "    @Override\n    public int getA() {\n        return super.getA() * 2;\n    }\n}\n```\n"
    )


def test_an_outlined_listing_keeps_the_calls_its_prose_is_about():
    # Every 'super(...)' of the inheritance sheet was outlined to '{ ... }': the sheet never showed the
    # keyword its section is about. A line calling what the prose names as code is a telling line.
    code = "\n".join(
        i.value for b in _sheet(_java_sheet()).boxes for e in b.entries for i in e.items if i.kind == "code"
    )
    assert "super(say);" in code
    assert "return super.getA() * 2;" in code
    assert "public Child(String say) {" in code
    assert "getH" not in code and "Default" not in code  # the rest is still outlined
    assert code.count("{") == code.count("}"), code  # each block it keeps closed


def test_a_manifest_is_not_cut_like_a_program():
    # The canary deployment lost its Service's selector (its lines 'selector:' and 'app: my-app' were each
    # printed above, under other keys) and printed bare 'labels:' and 'containers:' keys.
    deploy = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: my-app-v1\n  labels:\n    app: my-app\n"
        "spec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: my-app\n      version: v1\n"
        "  template:\n    metadata:\n      labels:\n        app: my-app\n        version: v1\n    spec:\n"
        "      containers:\n      - name: nginx\n        image: nginx\n        ports:\n        - containerPort: 80\n"
        "        volumeMounts:\n        - name: workdir\n          mountPath: /usr/share/nginx/html\n"
        "      initContainers:\n      - name: install\n        image: busybox:1.28\n        command:\n"
        '        - /bin/sh\n        - -c\n        - "echo version-1 > /work-dir/index.html"\n'
        "      volumes:\n      - name: workdir\n        emptyDir: {}\n"
    )
    service = (
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: my-app-svc\n  labels:\n    app: my-app\nspec:\n"
        "  type: ClusterIP\n  ports:\n  - name: http\n    port: 80\n    targetPort: 80\n  selector:\n    app: my-app\n"
    )
    sheet = _sheet(
        "# Pods\n\n## Canary\n\nDeploy 3 replicas of v1:\n\n```bash\n"
        + deploy
        + "```\n\nCreate the service:\n\n```\n"
        + service
        + "```\n"
    )
    code = [i.value for b in sheet.boxes for e in b.entries for i in e.items if i.kind == "code"]
    assert len(code) == 2, code
    assert "  selector:\n    app: my-app" in code[1]
    assert "      labels:\n        app: my-app\n        version: v1" in code[0]
    for listing in code:
        lines = listing.splitlines()
        for k, ln in enumerate(lines):  # no key printed bare: its lines under it, or marked left out
            if ln.rstrip().endswith(":"):
                assert k + 1 < len(lines) and len(lines[k + 1]) - len(lines[k + 1].lstrip(" -")) > len(ln) - len(
                    ln.lstrip(" -")
                ), listing
