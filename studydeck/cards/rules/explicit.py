"""Cards the author wrote: `Q:`/`A:` pairs, `<details>` answers, `{{c1::...}}` clozes and `==highlights==`
(never inside code)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, Explicit, Paragraph
from ...notes.analyse import analyse
from ..card import CLOZE, QA, Blank, Draft, Part, Rule
from ..text import plain, same_stem

MAX_ANSWER_LINES = 30  # a manifest kept whole on the back: cut in two, neither half answers
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)\}\}")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_CODE = re.compile(r"(`+)(?:.+?)\1")


def explicit(block: Block, ctx) -> Iterator[Draft]:
    if isinstance(block, Explicit) and block.kind == "qa":
        task, then = _one_task(block.question, words.lang(ctx.lang))
        if block.origin == "details" and _leans(task, ctx.lang):
            task = _restated(task, block.answer, ctx.lang)
            if not task:
                return  # 'See its logs and delete it': a heading that leans on the exercise before it
        if plain(block.answer) and plain(block.question):
            raw, others = _one_way(block.answer.split("<br>"), words.lang(ctx.lang))
            edit = _edit(raw)
            if edit is not None:
                # 'vi job.yaml' then 'Add job.spec.activeDeadlineSeconds=30': the edit is what the task asks;
                # the commands around it stay on the back
                k, said = edit
                extra = [*([then] if then else []), *(x for j, x in enumerate(raw) if j != k and plain(x)), *others]
                yield ctx.draft(Rule.EXPLICIT_QA, QA, [task], block, plain(block.question), said, extra=extra)
                return
            raw, checks = _first_step(raw)
            lines = [x for x in raw if plain(x) and not plain(x).startswith("#")]
            answer, extra = (lines[0], lines[1:]) if len(lines) > 3 else ("<br>".join(raw), [])
            if not extra and _done_first(task, lines):
                # 'Scale the deployment to 5 replicas' -> 'kubectl scale deploy nginx --replicas=5', then 'kubectl
                # get po': the first command says the task's verb and does it; the ones after it look at the result
                answer, extra = lines[0], lines[1:]
            looked = _looked_up(lines, words.lang(ctx.lang))
            if looked:
                # 'kubectl get po # find the job pod' then 'kubectl logs busybox-ptx58 -f': the first command
                # only finds what the last one needs; the last is what the exercise asks
                answer, extra = lines[-1], lines[:-1]
            if extra and (plain(answer).endswith(":") or len(plain(answer).split()) <= 2):
                # 'vi pod.yaml', 'Taint a node:': the first line only leads into the answer below it, the code
                # that follows; the prose and code after that (a manifest, another way) stay on the back
                k = 1
                while k < min(len(lines), MAX_ANSWER_LINES) and (k == 1 or lines[k].startswith("`")):
                    k += 1
                answer, extra = "<br>".join(lines[:k]), lines[k:]
            keyed = _key_lines(task, [*answer.split("<br>"), *extra])
            shown = keyed
            steps = [] if keyed else _led_steps(block.answer.split("<br>"), words.lang(ctx.lang))
            if steps:
                # 'Deploy 3 replicas of v1:' over a Deployment, 'Create the service:' over a Service, 'Deploy 1
                # replica of v2:' over another: manifests no one recalls line by line; the lines that lead them
                # in say what to do, and answer; the manifests and the checks between them stay on the back
                answer, extra = "<br>".join(steps), [x for x in block.answer.split("<br>") if plain(x)]
            if keyed and _told(task, keyed):
                # 'Create a pod placed on node node01 using nodeName' -> 'nodeName: node01' says the front again;
                # where the key goes in the manifest is what the task asks (blind review)
                shown = _under_parents(keyed, [*answer.split("<br>"), *extra])
            if keyed and (answer.count("<br>") >= MAX_KEY_LINES or not re.fullmatch(r"\s*`[^`]+`\s*", answer)):
                # 'Use nodeSelector and tolerations' over a whole manifest: the answer is the lines of the
                # keys the task names; the manifest, the commands around it stay on the back
                rest = [x for x in [*answer.split("<br>"), *extra] if x not in keyed]
                answer, extra = "<br>".join(shown), rest
            extra = [*extra, *checks, *others]
            front = task
            if then:
                # 'Undo the latest rollout and verify that ...': the card asks the first task; the answer's
                # first command does it, the rest of the exercise and its commands stay on the back
                cmds = answer.split("<br>")
                if len(cmds) > 1 and all(c.lstrip().startswith("`") for c in cmds):
                    answer, extra = cmds[0], [*cmds[1:], *extra]
                extra = [then, *extra]
            carried = _carried(block, front, answer, ctx) if block.origin == "details" else []
            if carried:
                # 'Pause the rollout of the deployment' -> 'kubectl rollout pause deploy nginx': the name comes
                # from an exercise before it; the front names it, or the answer cannot be given (blind review)
                front = f"{front} ({', '.join(f'`{n}`' for n in carried)})"
            yield ctx.draft(Rule.EXPLICIT_QA, QA, [front], block, plain(block.question), answer, extra=extra)
        return
    if isinstance(block, Explicit) and block.kind == "cloze":
        parts = marked_parts(block.question)
        if parts:
            yield ctx.draft(Rule.EXPLICIT_CLOZE, CLOZE, parts, block, _first(parts))
        return
    if not isinstance(block, Paragraph):
        return
    for sent in block.sentences:
        outside = _CODE.sub("", sent)
        if _CLOZE.search(outside) or _HIGHLIGHT.search(outside):
            parts = marked_parts(sent)
            if parts:
                yield ctx.draft(Rule.EXPLICIT_CLOZE, CLOZE, parts, block, _first(parts))


MAX_CARRIED = 2
RARE = 3.0  # a word the language seldom uses: a name the notes gave ('nginx', 'busybox'), not 'delete'


def _carried(block: Explicit, task: str, answer: str, ctx) -> list[str]:
    """The names an exercise's answer uses that its question leaves to the exercises before it: 'Delete the
    job' -> 'kubectl delete job busybox', the job an earlier exercise created ('Create a job with the image
    busybox'). A word of the answer's first line not on its question, said in an earlier question and an earlier answer
    of the domain, and rare in the language; only for a question that points with the definite article. The
    task is what the front asks: 'Resume the rollout and check that the nginx:1.19.9 image ...' asks 'Resume the
    rollout', whose front does not name the deployment the rest of the question names (blind review)."""
    lg = words.lang(ctx.lang)
    asked = words.tokens(plain(task))
    if lg.definite not in asked:
        return []
    before = [
        b
        for s in ctx.domain.sections
        for b in s.blocks
        if isinstance(b, Explicit) and b.origin == "details" and b.source.line < block.source.line
    ]
    questions = {t for b in before for t in words.tokens(plain(b.question))}
    answers = {t for b in before for t in words.tokens(plain(b.answer))}
    out: list[str] = []
    for t in words.tokens(plain(answer.split("<br>")[0]))[1:]:  # (the command itself, not the lines after it)
        if (
            len(t) >= 3
            and t.isalpha()
            and t in questions
            and t in answers
            and t not in out
            and not any(same_stem(t, a) for a in asked)
            and words.zipf(t, ctx.lang) < RARE
        ):
            out.append(t)
    return out if len(out) <= MAX_CARRIED else []


MAX_KEY_LINES = 4
MIN_KEY_CHARS = 6  # 'nodeSelector', 'tolerations'; not 'name', 'image', words any task says
_YAML_KEY = re.compile(r"^`\s?( *)(- +)?([A-Za-z][\w.-]*):(?:\s.*)?`?\s*$")


def _key_lines(task: str, lines: list[str]) -> list[str]:
    """The lines of a manifest for the keys a task names ('Use nodeSelector and tolerations' -> the
    'nodeSelector:' and 'tolerations:' lines with the lines nested under them); [] when it names none."""
    asked = {t for t in re.findall(r"[A-Za-z][\w-]*", plain(task)) if len(t) >= MIN_KEY_CHARS}
    said = [w.lower() for w in re.findall(r"[A-Za-z]+", plain(task)) if len(w) >= MIN_KEY_CHARS]
    numbers = set(re.findall(r"(?<![\w.])\d+(?![\w.])", plain(task)))
    indents = sorted({len(m.group(1)) for x in lines if (m := _YAML_KEY.match(x.rstrip()))})
    # a field of the manifest's top sections ('spec:' > 'nodeSelector:'), not a value's word nested deeper
    # ('accelerator=nvidia-tesla-p100' in the task, 'accelerator:' under 'nodeSelector:')
    deepest = indents[1] if len(indents) > 1 else 0
    out: list[str] = []
    k = 0
    while k < len(lines):
        m = _YAML_KEY.match(lines[k].rstrip())
        if (
            m
            and not m.group(2)
            and len(m.group(1)) <= deepest
            and (m.group(3) in asked or _set_to(m.group(3), lines[k], said, numbers))
        ):
            indent = len(m.group(1))
            block = [lines[k]]
            k += 1
            while k < len(lines):
                n = re.match(r"^`\s?( *)(- )?\S", lines[k])
                if not n or len(n.group(1)) < indent or len(n.group(1)) == indent and not n.group(2):
                    break
                block.append(lines[k])
                k += 1
            out.extend(block)
            continue
        k += 1
    return out if len(out) <= MAX_ANSWER_LINES else []


def _told(task: str, lines: list[str]) -> bool:
    """Every word of the key lines is on the task's front already."""
    asked = {w.lower() for w in re.findall(r"\w+", plain(task))}
    return all(w.lower() in asked for x in lines for w in re.findall(r"\w+", plain(x)))


def _under_parents(keyed: list[str], lines: list[str]) -> list[str]:
    """The key lines with the keys they are nested under ('spec:' over '  nodeName: node01')."""
    if not keyed or keyed[0] not in lines:
        return keyed
    k = lines.index(keyed[0])
    m = _YAML_KEY.match(keyed[0].rstrip())
    indent = len(m.group(1)) if m else 0
    parents: list[str] = []
    for x in reversed(lines[:k]):
        p = _YAML_KEY.match(x.rstrip())
        if p and len(p.group(1)) < indent:
            parents.insert(0, x)
            indent = len(p.group(1))
    return [*parents, *keyed]


def _set_to(key: str, line: str, said: list[str], numbers: set[str]) -> bool:
    """'successfulJobsHistoryLimit: 2' for 'Keep only the last 2 successful and 1 failed runs': a field set to a
    number the task says, one of whose words the task says too ('successful'); the task names the field by
    what it sets, not by its name."""
    value = re.match(r"^`?\s*(?:- +)?[\w.-]+:\s*(\d+)\s*(?:#.*)?`?\s*$", line.rstrip())
    if not value or value.group(1) not in numbers:
        return False
    parts = [w.lower() for w in re.findall(r"[A-Z]?[a-z]+", key) if len(w) >= MIN_KEY_CHARS]
    return any(same_stem(w, t) for w in parts for t in said)


MIN_LED_STEPS = 2


def _led_steps(lines: list[str], lg) -> list[str]:
    """The lines that lead in an answer's code blocks ('Deploy 3 replicas of v1:'), when its code is too long
    for a back (more than MAX_ANSWER_LINES lines) and two of them at least say what to do: not a check
    ('Test if ...', 'Observe that ...': the language's `check_steps`) nor a condition ('If the v2 is stable,
    ...'); [] otherwise."""
    code = [k for k, x in enumerate(lines) if x.lstrip().startswith("`")]
    if len(code) <= MAX_ANSWER_LINES:
        return []
    out = []
    for k, x in enumerate(lines[:-1]):
        said = plain(x).strip()
        if not said.endswith(":") or x.lstrip().startswith("`") or k + 1 not in code:
            continue
        toks = words.tokens(said)
        if not toks or toks[0] in lg.check_steps or any(tuple(toks[: len(c)]) == c for c in lg.conditions):
            continue
        out.append(said.rstrip(":").strip())
    return out if len(out) >= MIN_LED_STEPS else []


def _one_task(question: str, lg) -> tuple[str, str]:
    """(first task, the rest) of an exercise that sets two: 'X and verify that Y', 'X. Verify Y', 'X. Then, Y';
    (question, '') for one task. 'Create a job but ensure that ...' keeps its condition: only 'and' joins a
    second task."""
    checks = "|".join(re.escape(w) for w in sorted(lg.check_verbs))
    nexts = "|".join(re.escape(w) for w in sorted(lg.next_task))
    if checks:
        m = re.match(rf"^(.{{12,}}?\S)(?:,?\s+and|\.)\s+((?:then\s+)?(?:{checks})\b.+)$", question, re.IGNORECASE)
        if m:
            return m.group(1), m.group(2)[0].upper() + m.group(2)[1:]
    if nexts:
        m = re.match(rf"^(.{{12,}}?\S)(?:\.|,? and|;)\s+((?:{nexts}),?\s+\S.+)$", question, re.IGNORECASE)
        if m:
            return m.group(1), m.group(2)[0].upper() + m.group(2)[1:]
    return question, ""


def _done_first(task: str, lines: list[str]) -> bool:
    """Two or three commands, the task's opening verb ('Scale', 'Expose') a word of the first one only."""
    if not 2 <= len(lines) <= 3 or not all(x.lstrip().startswith("`") for x in lines):
        return False
    verb = (words.tokens(plain(task))[:1] or [""])[0]
    said = [words.tokens(plain(x)) for x in lines]
    return len(verb) > 2 and verb in said[0] and not any(verb in x for x in said[1:])


def _looked_up(lines: list[str], lg) -> bool:
    """The answer's first command says in its comment that it looks something up ('# find the job pod',
    '# get all the pods') and a command follows it: the first is a step before the answer."""
    if len(lines) < 2 or not lines[0].lstrip().startswith("`") or not lines[-1].lstrip().startswith("`"):
        return False
    m = re.search(r"\s#+\s*(\S.*?)`*\s*$", lines[0])
    said = words.tokens(m.group(1)) if m else []
    return bool(said) and said[0] in lg.lookup_comments and not _COMMENT.match(lines[-1])


def _one_way(lines: list[str], lg) -> tuple[list[str], list[str]]:
    """An answer's first way, and the others after a line that only says 'or' ('# or', '#alternatively', 'or,
    do something like:'): the card asks one way; the others stay on its back. A first way of several commands
    and edits gives way to a later one that is a single short command ('kubectl create deploy nginx ...
    --replicas=2 --port=80'), the one a learner recalls."""
    ways: list[list[str]] = [[]]
    cut = 0
    for k, line in enumerate(lines):
        said = words.tokens(re.sub(r"^\s*(?:#+|//|--)\s*", "", plain(line)).rstrip(":. "))
        opens = bool(said) and said[0] in lg.alternatives
        if k and opens and (len(said) <= 2 or len(said) <= MAX_OR_WORDS and plain(line).rstrip().endswith(":")):
            cut = cut or k
            ways.append([])
            continue
        ways[-1].append(line)
    if len(ways) == 1:
        return lines, []
    first = [x for x in ways[0] if plain(x)]
    single = [
        w
        for w in ways[1:]
        if len([x for x in w if plain(x)]) == 1
        and re.fullmatch(r"\s*`[^`]+`\s*", next(x for x in w if plain(x)))
        and len(plain(next(x for x in w if plain(x))).split()) <= MAX_ONE_COMMAND_WORDS
    ]
    if len(first) > 2 and single:
        best = min(single, key=lambda w: len(plain(" ".join(w)).split()))
        return best, [x for w in ways if w is not best for x in w if plain(x)]
    return ways[0], [x for x in lines[cut + 1 :] if plain(x)]


MAX_OR_WORDS = 5
MAX_ONE_COMMAND_WORDS = 12


_COMMENT = re.compile(r"^`+\s*(?:#|//)")


def _first_step(lines: list[str]) -> tuple[list[str], list[str]]:
    """An answer's commands up to its first comment line ('# wait a bit', '# verify'): the author marks the
    next step with it, a check of the answer; the card asks the answer, the checks stay on its back."""
    for k, line in enumerate(lines):
        if k and _COMMENT.match(line) and any(plain(x) and not _COMMENT.match(x) for x in lines[:k]):
            return lines[:k], lines[k:]
    return lines, []


MAX_EDIT_WORDS = 12


def _edit(lines: list[str]) -> tuple[int, str] | None:
    """(index, text) of the edit an answer makes after opening a file in an editor: the prose line or the
    comment right after the editor's line ('`vi job.yaml`' then 'Add job.spec.activeDeadlineSeconds=30',
    or '`# change the replicas field from 1 to 2`'), when it is one short line."""
    kept = [(j, x) for j, x in enumerate(lines) if plain(x)]
    for n, (_j, x) in enumerate(kept[:MAX_ANSWER_LINES]):
        cmd = plain(x).strip("` ").lower()
        if not any(cmd == e or cmd.startswith(e + " ") for e in words.editors()) or n + 1 >= len(kept):
            continue
        k, nxt = kept[n + 1]
        said = re.sub(r"^`*\s*#+\s*", "", nxt).rstrip("`").strip()
        if not said or _COMMENT.match(nxt) is None and nxt.lstrip().startswith("`"):
            return None  # more commands follow the editor: no edit is said in words
        if len(plain(said).split()) > MAX_EDIT_WORDS or plain(said).endswith(":"):
            return None
        return k, said[0].upper() + said[1:]
    return None


def _restated(task: str, answer: str, lang: str) -> str:
    """'Create the same job, but make it run 5 parallel times' over 'vi job.yaml' then 'Add
    job.spec.parallelism=5': the exercise changes the thing of the one before it, and its answer is that
    change said in words, the same for any thing of its kind: asked as 'Create a job, but make it run 5
    parallel times'. Only a back reference made with the definite article ('the same', data:
    back_references) before a name, and only when nothing else of the question leans; '' otherwise (its
    answer is a whole command, 'the same cron job again', 'this deployment')."""
    lg = words.lang(lang)
    if not lg.indefinite or _edit(answer.split("<br>")) is None:
        return ""
    out = task
    for ref in lg.back_references:
        if len(ref) < 2 or ref[0] != lg.definite:
            continue
        said = r"\s+".join(re.escape(w) for w in ref)
        out = re.sub(
            rf"\b{said}\s+(?=([^\W\d_]))",
            lambda m: _indefinite(m.group(1), lg) + " ",
            out,
            flags=re.IGNORECASE,
        )
    return out if out != task and not _leans(out, lang) else ""


def _indefinite(initial: str, lg) -> str:
    """The indefinite article before a word that opens with `initial`: its form before a vowel where the
    language has one ('a', 'an'), else its first."""
    return lg.indefinite[1] if len(lg.indefinite) > 1 and initial.lower() in "aeiou" else lg.indefinite[0]


def _leans(question: str, lang: str) -> bool:
    """An exercise's question that needs the one before it: 'It ...', 'these three pods', 'the same job'."""
    if analyse(question, lang).dangling:
        return True
    toks = words.tokens(plain(question))
    lg = words.lang(lang)
    if any(tuple(toks[i : i + len(p)]) == p for p in lg.back_references for i in range(len(toks))):
        return True
    # 'View the YAML of this deployment', 'Wait till it's done': a thing pointed at that the question has not
    # named itself ('Taint a node ..., then create a pod that tolerates this taint' names it; 'Create a
    # deployment ... the port this container exposes' brings in what it points at)
    return any(
        (t in lg.demonstratives or re.sub(r"['’]\w+$", "", t) in lg.subject_pronouns)
        and not any(same_stem(toks[i + 1], w) or w in lg.indefinite for w in toks[:i])
        for i, t in enumerate(toks[:-1])
    )


def has_markup(sentence: str) -> bool:
    outside = _CODE.sub("", sentence)
    return bool(_CLOZE.search(outside) or _HIGHLIGHT.search(outside))


def _first(parts: list[Part]) -> str:
    return next(plain(p.text) for p in parts if isinstance(p, Blank))


def marked_parts(src: str) -> list[Part]:
    """The text as parts: highlights become deletions numbered after the author's own; code spans stay
    text (their braces are never a deletion). [] when no deletion has text."""
    chunks = re.split(r"((`+).+?\2)", src)
    texts, codes = chunks[0::3], chunks[1::3]
    used = [int(n) for t in texts for n, _ in _CLOZE.findall(t)]
    nxt = max(used, default=0) + 1
    parts: list[Part] = []
    for k, t in enumerate(texts):
        pieces = []
        last = 0
        for m in _HIGHLIGHT.finditer(t):
            pieces += [t[last : m.start()], Blank(m.group(1), nxt)]
            nxt += 1
            last = m.end()
        pieces.append(t[last:])
        for piece in pieces:
            if isinstance(piece, Blank):
                parts.append(piece)
                continue
            last = 0
            for m in _CLOZE.finditer(piece):
                body, _, hint = m.group(2).partition("::")
                parts.append(piece[last : m.start()])
                if plain(body):
                    parts.append(Blank(body, int(m.group(1)), hint))
                last = m.end()
            parts.append(piece[last:])
        if k < len(codes):
            parts.append(codes[k])
    if not any(isinstance(p, Blank) for p in parts):
        return []
    return [p for p in parts if p != ""]
