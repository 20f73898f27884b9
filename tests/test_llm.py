"""The optional model writer against a real chat-completions server on 127.0.0.1 (tests/llm_server.py).

No model runs here: the server answers from tests/fixtures/llm/. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest
from llm_server import FIXTURES, ModelServer, closed_port_url

from studydeck.build.cli import main
from studydeck.build.pipeline import Options, build
from studydeck.llm import Settings
from studydeck.llm.prompt import PROMPT_VERSION, SYSTEM
from studydeck.report import Report

pytest.importorskip("openai")

MODEL = "test-model"


@pytest.fixture
def notes(tmp_path, monkeypatch):
    for name in ("STUDYDECK_LLM_URL", "STUDYDECK_LLM_MODEL", "STUDYDECK_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(FIXTURES / "notes.md", src / "notes.md")
    return src


def run(src: Path, out: Path, url: str, *extra: str, cards: str = "llm") -> int:
    return main(
        [
            "--source",
            str(src),
            "--output",
            str(out),
            "--only",
            "deck",
            "--cards",
            cards,
            "--llm-url",
            url,
            "--llm-model",
            MODEL,
            *extra,
        ]
    )


def built(src: Path, out: Path, url: str, cards: str = "llm", **settings):
    """A build through the pipeline, with short timeouts and backoffs (what the flags do not set)."""
    report = Report(quiet=True)
    opts = Options(src, out, "deck", cards=cards, llm=Settings(url=url, model=MODEL, **{"backoff": 0.05, **settings}))
    return build(opts, report), report


def deck_notes(out: Path) -> list[dict]:
    """The notes of the deck in `out`: guid, fields, tags."""
    apkg = next(out.glob("*.apkg"))
    with zipfile.ZipFile(apkg) as z:
        data = z.read("collection.anki2")
    db = out / "check.anki2"
    db.write_bytes(data)
    con = sqlite3.connect(db)
    rows = [
        {"guid": g, "fields": f.split("\x1f"), "tags": t}
        for g, f, t in con.execute("select guid, flds, tags from notes order by id")
    ]
    con.close()
    db.unlink()
    return rows


def by_rule(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in result.cards:
        out.setdefault(c.rule, []).append(c.front)
    return out


GOOD = {"Glacier": ["good-glacier"], "Lifecycle": ["good-lifecycle"]}


# -- a good answer, what is sent, what is kept ---------------------------------------------------------


def test_good_answers_become_cards_and_the_requests_say_what_the_readme_says(notes, tmp_path, capsys):
    with ModelServer(GOOD) as srv:
        assert run(notes, tmp_path / "out", srv.url) == 0
    assert sorted(srv.sections()) == ["Storage > Glacier", "Storage > Lifecycle"]  # one per prose section, not Markup
    first = srv.requests[srv.sections().index("Storage > Glacier")]
    assert first["path"] == "/v1/chat/completions"
    body = first["json"]
    assert body["model"] == MODEL and body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema"
    assert body["messages"][0] == {"role": "system", "content": SYSTEM}
    assert body["messages"][1]["content"] == (
        "Heading path: Storage > Glacier\n\nText:\nAmazon S3 Glacier Deep Archive is the lowest-cost storage class "
        "for data kept for years. A retrieval takes up to 12 hours."
    )
    assert "authorization" not in {k.lower() for k in first["headers"]}  # no key configured: none sent
    fronts = [n["fields"][0] for n in deck_notes(tmp_path / "out")]
    assert "{{c1::S3 Glacier Deep Archive}} is the lowest-cost storage class for data kept for years." in fronts
    assert "How long can a retrieval from S3 Glacier Deep Archive take?" in fronts
    assert "How do you move S3 objects to cheaper storage classes after a number of days?" in fronts
    # the author's own Q/A and the table still come from the rules
    assert "What does IAM stand for?" in fronts
    assert any("S3 Standard</" in f and "retrieval" in f for f in fronts)
    assert len(fronts) == 5  # and no rule card of the prose sections beside the model's
    out = capsys.readouterr().out
    assert f"3 cards written by the model ({MODEL} at {srv.url}): 2 requests, 0 cards dropped as ungrounded" in out
    preview = (tmp_path / "out" / "preview.html").read_text(encoding="utf-8")
    assert "3 cards written by the model" in preview and '<span class="pv-rule">model</span>' in preview


def test_the_api_key_is_sent_as_a_bearer_token(notes, tmp_path, monkeypatch):
    monkeypatch.setenv("STUDYDECK_LLM_API_KEY", "sk-test")
    with ModelServer(GOOD) as srv:
        assert run(notes, tmp_path / "out", srv.url, "--quiet") == 0
    assert {r["headers"].get("authorization") for r in srv.requests} == {"Bearer sk-test"}


def test_a_rebuild_with_nothing_changed_sends_nothing_and_an_edit_sends_one(notes, tmp_path, capsys):
    out = tmp_path / "out"
    with ModelServer(GOOD) as srv:
        assert run(notes, out, srv.url, "--quiet") == 0
        before = {n["fields"][0]: n["guid"] for n in deck_notes(out)}
        assert len(srv.requests) == 2
        assert run(notes, out, srv.url) == 0
        assert len(srv.requests) == 2  # no change: no request
        assert "0 requests, nothing changed" in capsys.readouterr().out
        # the cards of the section cache were dropped too: the answers alone still spare the requests
        shutil.rmtree(out / ".cache" / "cards")
        assert run(notes, out, srv.url, "--quiet") == 0
        assert len(srv.requests) == 2
        # one section edited: one request, for it
        text = (notes / "notes.md").read_text(encoding="utf-8")
        (notes / "notes.md").write_text(
            text.replace("after a number of days.", "after a set number of days."), encoding="utf-8"
        )
        assert run(notes, out, srv.url) == 0
        assert srv.sections()[2:] == ["Storage > Lifecycle"]
        assert "1 request, 1 section from the cache" in capsys.readouterr().out
    after = {n["fields"][0]: n["guid"] for n in deck_notes(out)}
    assert before == after  # the same answers: the same notes, in place


def test_identity_follows_the_answer_across_a_rewrite_of_the_section(notes, tmp_path):
    out = tmp_path / "out"
    with ModelServer(GOOD) as srv:
        assert run(notes, out, srv.url, "--quiet") == 0
    before = {n["fields"][0]: n["guid"] for n in deck_notes(out)}
    text = (notes / "notes.md").read_text(encoding="utf-8")
    (notes / "notes.md").write_text(text.replace("data kept for years", "data you keep for years"), encoding="utf-8")
    rewritten = {"Glacier": ["rewritten-glacier"], "Lifecycle": ["good-lifecycle"]}
    with ModelServer(rewritten) as srv:
        assert run(notes, out, srv.url, "--quiet") == 0
    assert srv.sections() == ["Storage > Glacier"]
    after = {n["fields"][0]: n["guid"] for n in deck_notes(out)}
    cloze_before = before["{{c1::S3 Glacier Deep Archive}} is the lowest-cost storage class for data kept for years."]
    cloze_after = after["The cheapest storage class, for data you keep for years, is {{c1::S3 Glacier Deep Archive}}."]
    assert cloze_before == cloze_after  # the same answer, reworded: the same note
    state = json.loads((out / ".studydeck-state.json").read_text(encoding="utf-8"))
    gone = before["How long can a retrieval from S3 Glacier Deep Archive take?"]
    assert state["notes"][gone]["removed"] is True  # its answer gone: the tombstone rules hold for model notes too
    assert [n["tags"] for n in deck_notes(out) if n["guid"] == gone][0].split()[-1] == "studydeck::removed"


# -- what comes back, checked ------------------------------------------------------------------------


def test_a_malformed_answer_is_asked_again_then_the_section_falls_back_to_the_rules(notes, tmp_path):
    with ModelServer({"Glacier": ["malformed"], "Lifecycle": ["good-lifecycle"]}) as srv:
        result, report = built(notes, tmp_path / "out", srv.url)
    assert srv.sections().count("Storage > Glacier") == 2
    [w] = [w for w in report.warnings]
    assert str(w).startswith(
        "notes.md:9: warning: the model's answer cannot be used (malformed answer, twice: not JSON"
    )
    assert str(w).endswith("the rules write this section's cards")
    glacier = [c for c in result.cards if c.path.endswith("Glacier")]
    assert glacier and all(c.rule != "model" for c in glacier)
    assert result.model.fallbacks == 1
    # not kept: the next build asks again (and says so again)
    with ModelServer({"Glacier": ["good-glacier"], "Lifecycle": ["good-lifecycle"]}) as srv:
        result, report = built(notes, tmp_path / "out", srv.url)
    assert srv.sections() == ["Storage > Glacier"]
    assert not report.warnings and result.model.cached == 1


def test_a_malformed_answer_then_a_good_one_gives_the_cards(notes, tmp_path):
    with ModelServer({"Glacier": ["malformed", "good-glacier"], "Lifecycle": ["good-lifecycle"]}) as srv:
        result, report = built(notes, tmp_path / "out", srv.url)
    assert len(srv.requests) == 3 and not report.warnings
    assert len(by_rule(result)["model"]) == 3


def test_an_ungrounded_card_is_dropped_and_counted(notes, tmp_path, capsys):
    with ModelServer({"Glacier": ["ungrounded"], "Lifecycle": ["good-lifecycle"]}) as srv:
        assert run(notes, tmp_path / "out", srv.url) == 0
    fronts = [n["fields"][0] for n in deck_notes(tmp_path / "out")]
    assert not any("once a quarter" in f for f in fronts)  # 'Amazon EFS Infrequent Access' is not in the notes
    assert any("{{c1::S3 Glacier Deep Archive}}" in f for f in fronts)
    assert "1 card dropped as ungrounded" in capsys.readouterr().out


def test_a_cloze_error_drops_that_card_with_a_warning(notes, tmp_path):
    with ModelServer({"Glacier": ["cloze-error"], "Lifecycle": ["good-lifecycle"]}) as srv:
        result, report = built(notes, tmp_path / "out", srv.url)
    assert [str(w) for w in report.warnings] == [
        "notes.md:9: warning: 1 model card(s) dropped (cloze error): "
        "{{c1::S3 Glacier Deep Archive} is the lowest-cost storage class for data kept fo"
    ]
    model = by_rule(result)["model"]
    assert "How long can a retrieval from S3 Glacier Deep Archive take?" in model and len(model) == 2


def test_html_in_a_field_reaches_the_deck_as_text_only(notes, tmp_path):
    with ModelServer({"Glacier": ["html"], "Lifecycle": ["good-lifecycle"]}) as srv:
        assert run(notes, tmp_path / "out", srv.url, "--quiet") == 0
    [note] = [n for n in deck_notes(tmp_path / "out") if n["fields"][0].startswith("Which S3 storage class")]
    joined = "\x1f".join(note["fields"]).lower()
    for bad in ("<script", "alert(", "onclick", "onerror", "<img", "javascript:"):
        assert bad not in joined
    assert note["fields"][:2] == ["Which S3 storage class costs the least?", "Glacier Deep Archive"]
    assert "kept for years" in note["fields"][3]


# -- the server misbehaving ---------------------------------------------------------------------------


def test_a_500_is_retried_and_the_next_answer_used(notes, tmp_path):
    with ModelServer({"Glacier": ["error-500", "good-glacier"], "Lifecycle": ["good-lifecycle"]}) as srv:
        result, report = built(notes, tmp_path / "out", srv.url)
    assert srv.sections().count("Storage > Glacier") == 2 and not report.warnings
    assert result.model.requests == 3 and len(by_rule(result)["model"]) == 3


def test_a_429_waits_as_long_as_retry_after_says(notes, tmp_path):
    with ModelServer({"Glacier": ["rate-429", "good-glacier"], "Lifecycle": ["good-lifecycle"]}) as srv:
        result, report = built(notes, tmp_path / "out", srv.url, jobs=1)
    glacier = [r["time"] for r in srv.requests if "Glacier" in r["json"]["messages"][1]["content"].split("\n")[0]]
    assert len(glacier) == 2 and not report.warnings
    assert glacier[1] - glacier[0] >= 0.9  # Retry-After: 1 (the backoff alone would be 0.05 s)
    assert len(by_rule(result)["model"]) == 3


def test_a_500_every_time_falls_back_after_the_retries(notes, tmp_path):
    with ModelServer({"Glacier": ["error-500"], "Lifecycle": ["good-lifecycle"]}) as srv:
        result, report = built(notes, tmp_path / "out", srv.url, retries=2)
    assert srv.sections().count("Storage > Glacier") == 3
    assert [str(w) for w in report.warnings] == [
        "notes.md:9: warning: the model's answer cannot be used (HTTP 500 after 3 tries: the model is loading): "
        "the rules write this section's cards"
    ]


def test_a_timeout_falls_back_to_the_rules_for_that_section(notes, tmp_path):
    with ModelServer({"Glacier": ["slow"], "Lifecycle": ["good-lifecycle"]}) as srv:
        result, report = built(notes, tmp_path / "out", srv.url, timeout=0.3, retries=1)
    assert srv.sections().count("Storage > Glacier") == 2
    assert [str(w) for w in report.warnings] == [
        "notes.md:9: warning: the model's answer cannot be used (no answer within 0.3 s (2 tries)): "
        "the rules write this section's cards"
    ]
    assert by_rule(result)["model"] == ["How do you move S3 objects to cheaper storage classes after a number of days?"]


def test_a_refused_connection_is_one_line_and_exit_1_with_llm(notes, tmp_path, capsys):
    url = closed_port_url()
    assert run(notes, tmp_path / "out", url) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"error: {url}: cannot reach the model server (connection refused): start it, or build with --cards rules"
    ]


def test_a_refused_connection_with_auto_is_one_warning_and_the_rules_deck(notes, tmp_path, capsys):
    url = closed_port_url()
    assert main(["--source", str(notes), "--output", str(tmp_path / "rules"), "--only", "deck", "--quiet"]) == 0
    assert run(notes, tmp_path / "auto", url, "--quiet", cards="auto") == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"{url}: warning: cannot reach the model server (connection refused): "
        "the rules write the cards of 2 section(s) (--cards auto)"
    ]
    assert deck_notes(tmp_path / "auto") == deck_notes(tmp_path / "rules")


# -- no model, no change --------------------------------------------------------------------------------


def _tree(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cache" not in p.parts and p.name != ".deps.mk"
    }


def test_without_a_model_the_build_is_the_rules_build_byte_for_byte(notes, tmp_path, monkeypatch, capsys):
    assert main(["--source", str(notes), "--output", str(tmp_path / "rules"), "--quiet"]) == 0
    with ModelServer(GOOD) as srv:
        monkeypatch.setenv("STUDYDECK_LLM_URL", srv.url)
        monkeypatch.setenv("STUDYDECK_LLM_MODEL", MODEL)
        # a model configured, but not asked for: nothing is sent
        assert main(["--source", str(notes), "--output", str(tmp_path / "default"), "--quiet"]) == 0
        assert main(["--source", str(notes), "--output", str(tmp_path / "rules2"), "--quiet", "--cards", "rules"]) == 0
        monkeypatch.delenv("STUDYDECK_LLM_MODEL")
        assert main(["--source", str(notes), "--output", str(tmp_path / "auto"), "--quiet", "--cards", "auto"]) == 0
    assert srv.requests == []
    assert capsys.readouterr().err.strip().splitlines() == [
        "--cards auto: warning: no model configured (STUDYDECK_LLM_MODEL): the rules write every card"
    ]
    rules = _tree(tmp_path / "rules")
    assert (
        rules
        and _tree(tmp_path / "default") == rules
        and _tree(tmp_path / "rules2") == rules
        and _tree(tmp_path / "auto") == rules
    )


def test_llm_without_a_model_is_one_line(notes, tmp_path, capsys):
    assert main(["--source", str(notes), "--output", str(tmp_path / "out"), "--cards", "llm"]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        "error: --cards llm: no model configured: set STUDYDECK_LLM_MODEL (or --llm-model), or use --cards rules"
    ]


def test_front_matter_chooses_the_engine(notes, tmp_path, monkeypatch, capsys):
    text = (notes / "notes.md").read_text(encoding="utf-8")
    (notes / "notes.md").write_text(
        text.replace("deck: Model Notes", "deck: Model Notes\ncards: llm"), encoding="utf-8"
    )
    with ModelServer(GOOD) as srv:
        monkeypatch.setenv("STUDYDECK_LLM_URL", srv.url)
        monkeypatch.setenv("STUDYDECK_LLM_MODEL", MODEL)
        assert main(["--source", str(notes), "--output", str(tmp_path / "out"), "--only", "deck", "--quiet"]) == 0
        assert len(srv.requests) == 2
        assert (
            main(
                [
                    "--source",
                    str(notes),
                    "--output",
                    str(tmp_path / "rules"),
                    "--only",
                    "deck",
                    "--quiet",
                    "--cards",
                    "rules",
                ]
            )
            == 0
        )
        assert len(srv.requests) == 2  # the flag wins over the front matter
    (notes / "notes.md").write_text(
        text.replace("deck: Model Notes", "deck: Model Notes\ncards: gpt"), encoding="utf-8"
    )
    assert main(["--source", str(notes), "--output", str(tmp_path / "bad"), "--quiet"]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        "error: notes.md:1: front matter cards: 'gpt': use rules, llm or auto"
    ]


def test_the_cache_key_names_what_an_answer_depends_on(notes, tmp_path):
    with ModelServer(GOOD) as srv:
        built(notes, tmp_path / "out", srv.url)
        # another model: asked again
        report = Report(quiet=True)
        build(Options(notes, tmp_path / "out", "deck", cards="llm", llm=Settings(url=srv.url, model="other")), report)
    assert len(srv.requests) == 4
    assert {r["json"]["model"] for r in srv.requests[2:]} == {"other"}
    assert PROMPT_VERSION >= 1


def test_llm_eval_writes_a_blind_sample(notes, tmp_path, monkeypatch):
    from tools.llm_eval import main as llm_eval

    with ModelServer(GOOD) as srv:
        monkeypatch.setenv("STUDYDECK_LLM_URL", srv.url)
        monkeypatch.setenv("STUDYDECK_LLM_MODEL", MODEL)
        assert llm_eval([str(notes), "--out", str(tmp_path / "eval"), "--n", "10"]) == 0
    sample = (tmp_path / "eval" / "sample.txt").read_text(encoding="utf-8")
    key = (tmp_path / "eval" / "key.tsv").read_text(encoding="utf-8")
    assert "S3 Glacier Deep Archive" in sample and "model" not in sample  # blind: who wrote it is in the key
    assert "\tmodel\t" in key and "\texplicit-qa\t" in key


class _Steps:
    def __init__(self):
        self.seen: list[tuple[str, int, int]] = []

    def update(self, stage: str, done: int, total: int) -> None:
        self.seen.append((stage, done, total))

    def clear(self) -> None:
        pass


@pytest.mark.parametrize("jobs", [1, 2])
def test_requests_go_at_most_jobs_at_once_with_a_progress_step_per_section(notes, tmp_path, jobs):
    report = Report(quiet=True)
    report.progress = _Steps()
    with ModelServer({"Glacier": ["slow-glacier"], "Lifecycle": ["slow-lifecycle"]}) as srv:
        settings = Settings(url=srv.url, model=MODEL, jobs=jobs)
        result = build(Options(notes, tmp_path / "out", "deck", cards="auto", llm=settings), report)
    assert 1 <= srv.most_in_flight <= jobs  # (each answer takes 0.3 s: the limit is what is checked)
    assert [s for s in report.progress.seen if s[0] == "model"] == [("model", 0, 2), ("model", 1, 2), ("model", 2, 2)]
    assert len(by_rule(result)["model"]) == 2 and not report.warnings  # auto with a server: the model's cards


SECTION = (
    "Amazon S3 Glacier Deep Archive is the lowest-cost storage class for data kept for years. A retrieval takes "
    "up to 12 hours. Storage classes: S3 Standard, S3 Standard-IA, S3 One Zone-IA, S3 Glacier Instant "
    "Retrieval, S3 Glacier Flexible Retrieval and S3 Glacier Deep Archive."
)


@pytest.mark.parametrize(
    "card, dropped",
    [
        ({"kind": "cloze", "text": "{{c1::S3 Glacier Deep Archive}} is the lowest-cost storage class."}, None),
        ({"kind": "cloze", "text": "A retrieval takes up to {{c1::12 hours}}.", "extra": "Deep Archive"}, None),
        ({"kind": "cloze", "text": "{{c1::Glacier}} keeps data for {{c2::years}}."}, "more than one fact"),
        ({"kind": "cloze", "text": "{{c1::Glacier}} keeps {{c1::years}} of data."}, "more than one fact"),
        ({"kind": "cloze", "text": "{{c1::}} is the lowest-cost storage class."}, "cloze error"),
        ({"kind": "cloze", "text": "{{c1:Glacier}} is the lowest-cost storage class."}, "cloze error"),
        (
            {"kind": "cloze", "text": "The lowest-cost class is {{c1::the S3 Glacier Deep Archive storage class}}."},
            "more than one fact",
        ),
        (
            {
                "kind": "qa",
                "front": "Which S3 storage classes are there?",
                "back": "S3 Standard, S3 Standard-IA, S3 One Zone-IA, S3 Glacier Instant Retrieval, S3 Glacier "
                "Flexible Retrieval and S3 Glacier Deep Archive",
            },
            "more than one fact",
        ),
        ({"kind": "qa", "front": "How long can a retrieval take?", "back": "Up to 48 hours"}, "ungrounded"),
        ({"kind": "qa", "front": "Which storage class costs the least?", "back": "Amazon EFS"}, "ungrounded"),
        ({"kind": "qa", "front": "What is Glacier Deep Archive's retrieval time?", "back": "Up to 12 hours"}, None),
        ({"kind": "qa", "front": "Which Glacier class costs the least?", "back": "Glacier Deep Archive"}, "leak"),
        ({"kind": "qa", "front": "It takes how long to retrieve?", "back": "Up to 12 hours"}, "not self-contained"),
        ({"kind": "qa", "front": "<script>alert(1)</script>", "back": "12 hours"}, "empty"),
    ],
)
def test_each_check_drops_what_it_names(card, dropped):
    from studydeck.llm.checks import check

    got = check(json.dumps({"cards": [card]}), SECTION)
    assert (next(iter(got.dropped), None), len(got.items)) == (dropped, 0 if dropped else 1)


@pytest.mark.parametrize(
    "content",
    [
        '{"cards": [',
        '["cards"]',
        '{"cards": {}}',
        '{"cards": [{"kind": "flash", "text": "x"}]}',
        '{"cards": [{"kind": "qa", "front": "x"}]}',
        '{"cards": [{"kind": "cloze", "text": 3}]}',
    ],
)
def test_an_answer_off_the_contract_is_malformed(content):
    from studydeck.llm.checks import Malformed, check

    with pytest.raises(Malformed):
        check(content, SECTION)


def test_a_fenced_json_answer_is_read():
    from studydeck.llm.checks import check

    fenced = '```json\n{"cards": [{"kind": "qa", "front": "How long can a retrieval take?", "back": "12 hours"}]}\n```'
    assert len(check(fenced, SECTION).items) == 1


def test_a_sheets_only_build_previews_the_model_cards_from_the_cache_and_sends_nothing(notes, tmp_path):
    out = tmp_path / "out"
    args = ["--source", str(notes), "--output", str(out), "--quiet", "--cards", "llm", "--llm-model", MODEL]
    with ModelServer(GOOD) as srv:
        assert main([*args, "--llm-url", srv.url]) == 0
        before = (out / "preview.html").read_text(encoding="utf-8")
        assert main([*args, "--llm-url", srv.url, "--only", "sheets"]) == 0
        assert len(srv.requests) == 2
    after = (out / "preview.html").read_text(encoding="utf-8")
    assert after.count('<span class="pv-rule">model</span>') == 3 and "not in your notes as they are now" not in after
    assert "3 cards written by the model" in after and ": 0 requests, nothing changed" in after

    def cards_part(page: str) -> str:
        return page[page.index('<div class="pv-controls">') :]

    assert cards_part(after) == cards_part(before)
    # never built with the model: the sheets-only preview shows the rules' cards, and nothing is sent
    with ModelServer(GOOD) as srv:
        assert main([*args, "--llm-url", srv.url, "--only", "sheets", "--output", str(tmp_path / "fresh")]) == 0
    assert srv.requests == []


def test_without_the_openai_client_a_build_that_needs_it_says_how_to_get_it(notes, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "openai", None)  # as if `studydeck[llm]` were not installed
    with ModelServer(GOOD) as srv:
        assert run(notes, tmp_path / "out", srv.url) == 1
        assert capsys.readouterr().err.strip().splitlines() == [
            f"error: {srv.url}: the model writer needs the openai client: pip install 'studydeck[llm]', "
            "or build with --cards rules"
        ]
        assert run(notes, tmp_path / "auto", srv.url, "--quiet", cards="auto") == 0
        assert capsys.readouterr().err.strip().splitlines() == [
            f"{srv.url}: warning: the model writer needs the openai client: pip install 'studydeck[llm]': "
            "the rules write the cards of 2 section(s) (--cards auto)"
        ]
    assert srv.requests == []
