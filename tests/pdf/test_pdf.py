"""The PDF edition, made for real with WeasyPrint and read back with poppler and pypdf."""

import html
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.conftest import assert_no_traceback, copy_project, override_template

pytestmark = pytest.mark.slow  # builds real sites; `make test-fast` leaves it out


def poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    from tests.conftest import run_cli

    proj = copy_project(tmp_path_factory.mktemp("pdf") / "p")
    r = run_cli("pdf", cwd=proj)
    assert r.code == 0, r.text
    return {loc: proj / "build" / "pdf" / f"sinoreport-{loc}.pdf" for loc in ("en", "zh-Hans", "zh-Hant")}


@pytest.mark.parametrize(
    ("locale", "present", "absent", "footer"),
    [
        ("en", ["NVIDIA", "Hanshan Cloud lifts quarterly capex by 40%", "CNY 12 bn"], ["英伟达"], "Page 2 of"),
        ("zh-Hans", ["英伟达", "资本开支", "120亿元"], ["輝達"], "第 2 页，共"),
        ("zh-Hant", ["輝達", "資本開支", "120億元"], ["英伟达"], "第 2 頁，共"),
    ],
)
def test_text_in_the_locale(pdfs, locale, present, absent, footer):
    text = poppler("pdftotext", "-layout", str(pdfs[locale]), "-")
    for s in present:
        assert s in text, s
    body = text.split("\f", 2)[-1]  # after the cover and contents
    for s in absent:
        assert s not in body.replace("寒山雲公布", ""), s
    assert footer in text


def test_fonts_embedded_and_regional(pdfs):
    for locale, path in pdfs.items():
        rows = poppler("pdffonts", str(path)).splitlines()[2:]
        assert rows, locale
        assert all(" yes yes " in f" {' '.join(r.split()[-5:])} " for r in rows), rows  # emb and sub
        faces = " ".join(r.split()[0] for r in rows)
        assert "CJK-JP" not in faces  # never Japanese glyph forms
        if locale == "zh-Hans":
            assert "Noto-Sans-CJK-SC" in faces
        if locale == "zh-Hant":
            assert "Noto-Sans-CJK-TC" in faces and "CJK-SC" not in faces


def test_outline_has_every_section_and_toc_links(pdfs):
    reader = PdfReader(str(pdfs["en"]))
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    assert top == ["Analysis briefs", "Articles", "Companies", "Data appendix", "Glossary", "Sources"]
    meta = reader.metadata
    assert meta.title.startswith("China AI & Tech Report") and meta.author == "sinoreport"
    assert str(reader.trailer["/Root"].get("/Lang")) == "en"
    links = sum(1 for p in reader.pages for a in (p.get("/Annots") or []) if a.get_object().get("/Subtype") == "/Link")
    assert links >= 10  # contents entries and citations are internal links
    toc = poppler("pdftotext", "-f", "2", "-l", "2", "-layout", str(pdfs["en"]), "-")
    assert re.search(r"Articles \.+\s*\d+", toc) and re.search(r"Sources \.+\s*\d+", toc)  # page numbers


def test_no_raster_images(pdfs):
    for path in pdfs.values():
        listing = poppler("pdfimages", "-list", str(path)).splitlines()[2:]
        assert listing == []


def test_reproducible(pdfs, tmp_path):
    from tests.conftest import run_cli

    proj = copy_project(tmp_path / "again")
    assert run_cli("pdf", "--locale", "zh-Hant", cwd=proj).code == 0
    assert (proj / "build/pdf/sinoreport-zh-Hant.pdf").read_bytes() == pdfs["zh-Hant"].read_bytes()


def test_missing_cjk_font_names_the_package(project, cli, tmp_path):
    conf = tmp_path / "fonts.conf"  # a fontconfig that knows no fonts at all
    conf.write_text('<?xml version="1.0"?><fontconfig><dir>' + str(tmp_path) + "</dir></fontconfig>")
    r = cli("pdf", cwd=project, env={"FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp_path)})
    assert r.code == 1
    assert_no_traceback(r)
    assert "fonts-noto-cjk" in r.err


def test_site_links_the_pdfs(project, cli):
    r = cli("build", cwd=project)
    assert r.code == 0, r.text
    site = project / "build" / "site"
    for prefix, loc in (("", "en"), ("zh-Hans/", "zh-Hans"), ("zh-Hant/", "zh-Hant")):
        assert (site / f"{prefix}pdf/sinoreport-{loc}.pdf").is_file()
        home = (site / f"{prefix}index.html").read_text(encoding="utf-8")
        assert f'href="pdf/sinoreport-{loc}.pdf"' in home
        brief = (site / f"{prefix}briefs/hanshan-outlook/index.html").read_text(encoding="utf-8")
        assert f"pdf/sinoreport-{loc}.pdf" in brief
    # a preview links no edition, fresh as they are: their freshness would follow every edit and change
    # every page's memo key (the bench's serve edits reused 0 pages)
    from sinoreport.build import Build
    from sinoreport.config import load_settings

    b = Build(load_settings(project), serving=True)
    assert b.linked_pdfs(b.load()) == frozenset()
    b.run()
    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("  en: ", "  en: Edited ", 1), encoding="utf-8")
    b.run()
    assert b.reused > 0, (b.reused, b.pages)  # pages the edit does not touch (0 while the key followed the PDFs)


def test_editions_are_made_last_and_only_when_their_inputs_change(project, cli):
    """A build makes the editions after the site, keeps an unchanged one, makes a changed one again, and
    a build without PDFs links only editions made from exactly its inputs (a stale one could disagree
    with the pages)."""
    pdf = project / "build" / "pdf"
    r = cli("build", cwd=project)
    assert r.code == 0, r.text
    made = {p.name: p.stat().st_mtime_ns for p in pdf.glob("*.pdf")}
    assert len(made) == 3
    # nothing changed: the site is up to date; a changed brief: the site again, the editions kept …
    assert "up to date" in cli("build", cwd=project).out
    brief = project / "content" / "briefs" / "hanshan-outlook.yaml"
    text = brief.read_text(encoding="utf-8")
    site_css = override_template(project, "assets/site.css")
    site_css.write_text(site_css.read_text(encoding="utf-8") + "\n/* web only */\n", encoding="utf-8")
    r = cli("build", cwd=project)
    assert r.code == 0 and "unchanged" in r.err and "up to date" not in r.out, r.text
    assert {p.name: p.stat().st_mtime_ns for p in pdf.glob("*.pdf")} == made  # web styles: not in print
    # … content the editions print: made again
    brief.write_text(text.replace("en: ", "en: Revised ", 1), encoding="utf-8")
    r = cli("build", cwd=project)
    assert r.code == 0, r.text
    again = {p.name: p.stat().st_mtime_ns for p in pdf.glob("*.pdf")}
    assert all(again[k] != made[k] for k in made)
    assert "Revised Hanshan" in poppler("pdftotext", str(pdf / "sinoreport-en.pdf"), "-")
    # a build without PDFs after another edit: the editions in build/pdf are stale, so no page links them
    brief.write_text(text, encoding="utf-8")
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 0, r.text
    site = project / "build" / "site"
    assert "sinoreport-en.pdf" not in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "pdf").exists()


def test_a_large_report_prints_its_articles_as_an_annex(project, cli):
    """Above `pdf.full_articles` the edition lists the articles compactly (title, outlet, date, a line
    of summary, the web link) instead of printing each in full; `articles: full` keeps them."""
    cfg = project / "sinoreport.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "pdf:\n  full_articles: 1\n", encoding="utf-8")
    r = cli("pdf", "--locale", "en", cwd=project)
    assert r.code == 0, r.text
    annex = poppler("pdftotext", str(project / "build" / "pdf" / "sinoreport-en.pdf"), "-")
    assert "Articles (annex)" in annex and "https://example.test/articles/2025-10-07-hanshan-capex/" in annex
    assert "Key points" not in annex  # no article printed in full
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("full_articles: 1", "articles: full"), encoding="utf-8")
    r = cli("pdf", "--locale", "en", cwd=project)
    assert r.code == 0, r.text
    full = poppler("pdftotext", str(project / "build" / "pdf" / "sinoreport-en.pdf"), "-")
    assert "Articles (annex)" not in full and "Key points" in full


def test_the_edition_opens_with_the_key_findings(project):
    """The home page's findings are the executive summary, after the cover and before the contents; a
    brief's open its section; each value links to its row in the article's figures."""
    from sinoreport.config import load_settings
    from sinoreport.corpus import load_corpus
    from sinoreport.pdf import render_html

    capex = "2025-10-07-hanshan-capex"
    finding = ("  - rows: {{x: {ref}}}\n    en: Hanshan Cloud spent {{x}}.\n    zh: 寒山雲支出{{x}}。\n")
    refs = ["hanshan-cloud/capex/2025Q2", f"{capex}#2", f"{capex}#3"]
    block = "findings:\n" + "".join(finding.format(ref=r) for r in refs)
    (project / "content" / "findings.yaml").write_text(block, encoding="utf-8")
    brief = project / "content" / "briefs" / "hanshan-outlook.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("\nbody:\n", "\n" + block + "body:\n"), encoding="utf-8")
    settings = load_settings(project)
    html = render_html(settings, load_corpus(settings).without_drafts(), "en")
    cover, summary, toc = (html.index(s) for s in ('<section class="cover">', 'id="summary"', '<nav class="toc">'))
    assert cover < summary < toc and '<li><a href="#summary">Executive summary</a></li>' in html
    assert f'<a class="fv" href="#row-{capex}-1">CNY 12 bn</a>.' in html  # the value, then its source:
    assert re.search(r'CNY 12 bn</a>\. <a class="src" href="#src-' + capex + r'">\[\d\]</a>', html)
    assert f'<tr id="row-{capex}-1">' in html  # the row it links to
    assert html.count('<div class="brief-findings">') == 1


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (pt), as poppler reads them back."""
    out = poppler("pdftotext", "-bbox", str(path), "-")
    return [[(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(page)]
            for page in out.split("<page ")[1:]]


BADGES = {"en": ("ESTIMATE", "FORECAST", "TARGET"), "zh-Hans": ("估计", "预测", "目标"),
          "zh-Hant": ("估計", "預測", "目標")}
QUOTE = {"en": "Quote", "zh-Hans": "原文引述", "zh-Hant": "原文引述"}


@pytest.fixture(scope="module")
def shipped_en_pdf(tmp_path_factory) -> Path:
    """The shipped report's English edition: its long values and badges are what split in print (the
    fixture's short ones never did)."""
    from tests.conftest import copy_shipped, run_cli

    proj = copy_shipped(tmp_path_factory.mktemp("shipped-pdf") / "p")
    r = run_cli("pdf", "--locale", "en", cwd=proj)
    assert r.code == 0, r.text
    return proj / "build" / "pdf" / "sinoreport-en.pdf"


@pytest.mark.parametrize("locale", ["en", "zh-Hans", "zh-Hant", "shipped-en"])
def test_badges_stay_whole_and_left_of_the_quote_column(request, locale):
    """A value's kind badge was hyphenated ("ES-/TIMATE") and printed over the quote column."""
    shipped = locale == "shipped-en"
    path = request.getfixturevalue("shipped_en_pdf") if shipped else request.getfixturevalue("pdfs")[locale]
    locale = locale.removeprefix("shipped-")
    seen = 0
    for page in words(path):
        heads = [w for w in page if w[4] == QUOTE[locale]]
        for w in page:
            assert not re.fullmatch(r"(ES|EST|ESTI|ESTIM|ESTIMA|FORE|FOR|TAR)-?|‐?(TIMATE|CAST|GET|ATE)", w[4]), w
        seen += sum(1 for w in page if w[4] in BADGES[locale]) if shipped else 0
        if not heads or shipped:  # the shipped edition's pages mix tables and figure cards: splits only
            continue
        for w in page:
            above = [h for h in heads if h[1] < w[1]]  # the table a badge sits in: the nearest header above
            if w[4] in BADGES[locale] and above:
                quote_x = max(above, key=lambda h: h[1])[0]
                seen += 1
                assert w[2] <= quote_x, (locale, w, quote_x)
    assert seen, f"no kind badge in a figures table of the {locale} edition"


@pytest.mark.parametrize("locale", ["en", "zh-Hans", "zh-Hant", "shipped-en"])
def test_nothing_is_printed_outside_the_text_block(request, locale):
    """Chart labels set wider than vl-convert measured them ran off the figure's left edge and were cut
    ("scend 910C…"); a value wider than its cell runs into the next. Every word stays within the margins.
    The shipped edition is where the long labels are (Ascend 910C · compute vs H100)."""
    path = (request.getfixturevalue("shipped_en_pdf") if locale == "shipped-en"
            else request.getfixturevalue("pdfs")[locale])
    left, right = 18 / 25.4 * 72 - 1, (210 - 18) / 25.4 * 72 + 1  # report.css @page margins, in pt
    for n, page in enumerate(words(path), 1):
        out = [w for w in page if w[0] < left or w[2] > right]
        assert out == [], (locale, n, out[:5])
