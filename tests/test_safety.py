"""Safety: no code reaches Anki, no file from outside the notes reaches a card or a PDF, media names are Anki's."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from anki_check import load_deck

from build import main
from studydeck.deck.media import anki_name
from studydeck.deck.sanitize import field

PNG_RED = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e2"
    "2f2b3d0000000049454e44ae426082"
)
PNG_BLUE = PNG_RED[:-16] + bytes.fromhex("0000000049454e44ae426082") + b"\x00"  # other bytes, same look

HOSTILE = """# Hostile

## Attacks

- Script: runs <script>alert(1)</script> on review
- Handler: an image <img src="x.png" onerror="alert(1)"> that errors
- Link: a [bad link](javascript:alert(1)) and <a href="JaVaScRiPt:alert(2)">another</a>
- Frame: embeds <iframe src="https://evil.example"></iframe> a page
- Form: asks <form action="https://evil.example"><input name="pw"></form> for a password
- Data: shows <img src="data:image/png;base64,AAAA"> inline

Q: <b onclick="steal()">What is XSS?</b>
A: <svg onload="alert(1)">Cross-site scripting</svg>

The {{c1::<span onmouseover="alert(1)">sandbox</span>}} keeps card code away.

<script>document.location = "https://evil.example"</script>
"""


def test_field_allowlist():
    assert field("<script>alert(1)</script>ok") == "ok"
    assert field('<img src="a.png" onerror="alert(1)">') == '<img src="a.png">'
    assert field('<a href="javascript:alert(1)">x</a>') == '<a rel="noopener noreferrer">x</a>'
    assert field('<iframe src="https://e.example"></iframe>t') == "t"
    assert field('<form action="x"><input name="a"></form>f') == "f"
    assert field("{{c1::<b>x</b>}} a &lt; b") == "{{c1::<b>x</b>}} a &lt; b"  # cloze and markup kept
    assert (
        field("<code>&#123;&#123;c1::x&#125;&#125;</code>") == "<code>&#123;&#123;c1::x&#125;&#125;</code>"
    )  # escaped code braces stay escaped
    assert field("a\x1fb\x07c") == "abc"  # \x1f would split Anki fields


def test_no_code_reaches_anki(tmp_path):
    src = tmp_path / "notes"
    src.mkdir()
    (src / "h.md").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--source", str(src), "--output", str(out), "--only", "deck", "--quiet"]) == 0
    cards = load_deck(next(out.glob("*.apkg")), tmp_path)
    assert len(cards) >= 8  # the hostile notes still give their cards
    for c in cards:
        for html in [*c.fields.values()]:
            low = html.lower()
            assert "<script" not in low and "javascript:" not in low and "<iframe" not in low and "<form" not in low
            assert not re.search(r"<[^>]*\son\w+\s*=", low), html
            assert "data:" not in low


def test_braces_in_a_heading_open_no_deletion(tmp_path):
    """A card's context is its heading path, the notes' own text: '{{c1::' in a heading (or a list term that
    becomes a context) is text on the card, never a deletion Anki renders or shows as raw markup."""
    src = tmp_path / "notes"
    src.mkdir()
    body = "# Templates\n\n## Writing {{c1::x}} by hand\n\n- Mustache: a template language using braces\n"
    body += "- Alpha: {{c\n  - Stratified split: a split that keeps each class's share\n"
    (src / "t.md").write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--source", str(src), "--output", str(out), "--only", "deck", "--quiet"]) == 0
    cards = load_deck(next(out.glob("*.apkg")), tmp_path)
    contexts = [c for c in cards if "Writing" in c.question or "Alpha" in c.question]
    assert contexts  # the cards under those headings carry them as context
    for c in cards:
        assert "{{c" not in c.question and "{{c" not in c.answer, c.question


@pytest.mark.parametrize(
    "name",
    [
        "Café.png",
        "CAPS.PNG",
        "con.png",
        "CON.txt.png",
        "nul",
        "trail. .png",
        "x.png.",
        "a:b?.png",
        "^c.png",
        "x[1]<2>.png",
        "tab\there.png",
        "a" * 200 + ".png",
        "é" * 100 + ".png",
        "sp ace (1).png",
    ],
)
def test_media_names_are_what_anki_stores(name, tmp_path):
    from anki_check import open_collection

    col = open_collection(tmp_path / "c.anki2")
    try:
        assert col.media.write_data(name, b"data of " + name.encode()) == anki_name(name)
    finally:
        col.close()


def test_images_become_media_without_collisions(tmp_path, capsys):
    src = tmp_path / "notes"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    (src / "a" / "diagram.png").write_bytes(PNG_RED)
    (src / "b" / "diagram.png").write_bytes(PNG_BLUE)
    (tmp_path / "secret.png").write_bytes(PNG_RED)
    (src / "a" / "n.md").write_text(
        "# A notes\n\n## Flow\n\n- Flow: the steps, see ![flow](diagram.png)\n- Stock: what is kept\n"
        "- Leak: the fluid lost, see ![s](../../secret.png) and ![t](/etc/passwd)\n",
        encoding="utf-8",
    )
    (src / "b" / "n.md").write_text(
        "# B notes\n\n## Graph\n\n![the graph](diagram.png)\n\n- Node: a vertex\n- Edge: a link between nodes\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["--source", str(src), "--output", str(out), "--only", "deck", "--quiet"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "a/n.md:7: warning: image '../../secret.png' is outside the notes folder; refused" in err
    assert (
        "a/n.md:7: warning: image '/etc/passwd' has an absolute path; only images under the notes folder are used"
        in err
    )
    apkg = next(out.glob("*.apkg"))
    with zipfile.ZipFile(apkg) as z:
        media = json.loads(z.read("media"))
        packed = {name: z.read(idx) for idx, name in media.items()}
    assert len(packed) == 2 and set(packed.values()) == {PNG_RED, PNG_BLUE}
    assert all(re.fullmatch(r"diagram-[0-9a-f]{10}\.png", n) for n in packed)
    red = next(n for n, data in packed.items() if data == PNG_RED)
    blue = next(n for n, data in packed.items() if data == PNG_BLUE)
    cards = load_deck(apkg, tmp_path)
    flow = next(c for c in cards if "Flow" in c.fields.get("Front", "") and c.fields.get("Answer"))
    assert f'<img src="{red}" alt="flow">' in flow.fields["Answer"]
    node = next(c for c in cards if "Node" in c.fields.get("Front", "") and c.fields.get("Answer"))
    assert f'<img src="{blue}" alt="the graph">' in node.fields["Extra"]  # the section's image on the back
    leak = [c for c in cards if "Leak" in c.fields.get("Front", "") + c.fields.get("Answer", "")]
    assert leak and all("<img" not in c.fields["Front"] + c.fields["Answer"] for c in leak)
    assert not any("secret" in v or "passwd" in v for c in cards for v in c.fields.values())


def test_pdf_embeds_nothing_from_outside_the_notes(tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    src = tmp_path / "notes"
    src.mkdir()
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG_RED)
    (src / "inside.png").write_bytes(PNG_BLUE)
    notes = (
        "# Sheet\n\n## Leaks\n\n- Alpha: first letter\n- Beta: second letter\n\n"
        f'![a](../outside.png)\n\n<img src="{outside}">\n\n<img src="file://{outside}">\n\n'
        f"<style>body {{ background: url(file://{outside}) }}</style>\n"
    )
    (src / "n.md").write_text(notes, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--source", str(src), "--output", str(out), "--only", "sheets", "--quiet"]) == 0
    [pdf] = [p for p in (out / "cheatsheets").glob("*.pdf") if p.name != "all.pdf"]
    with pdfplumber.open(pdf) as doc:
        assert sum(len(p.images) for p in doc.pages) == 0
    # the same sheet with an image inside the notes does embed it: the check above can fail
    (src / "n.md").write_text(notes + "\n![b](inside.png)\n", encoding="utf-8")
    assert main(["--source", str(src), "--output", str(out), "--only", "sheets", "--quiet"]) == 0
    with pdfplumber.open(pdf) as doc:
        assert sum(len(p.images) for p in doc.pages) == 1
