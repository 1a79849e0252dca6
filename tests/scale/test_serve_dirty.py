"""`sinoreport serve` rebuilds dirty (only pages whose Markdown changed), and still serves every edit:
content, names in data/ (on every page that shows them), and the theme (on every page)."""

import re

import pytest
from tests.conftest import override_template
from tests.support.serving import fetch, serving, wait_for

pytestmark = pytest.mark.slow  # builds real sites; `make test-fast` leaves it out


def test_dirty_serve_serves_content_data_and_theme_edits(project, tmp_path):
    log = tmp_path / "serve.log"
    with serving(["sinoreport.cli", "serve", "--port", "{port}"], project, log) as base:
        article = base + "articles/2025-10-07-hanshan-capex/"
        other = base + "zh-Hant/articles/2025-10-08-lingxi-inference-card/"
        assert wait_for(lambda: "Hanshan Cloud lifts" in fetch(article), 120), log.read_text()
        assert "'dirty' build" not in log.read_text()  # the notice does not apply to our fixed navigation
        # content: the edited article
        art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
        art.write_text(art.read_text(encoding="utf-8").replace("lifts quarterly", "raises quarterly"),
                       encoding="utf-8")
        assert wait_for(lambda: "Hanshan Cloud raises" in fetch(article), 60), log.read_text()[-3000:]
        # the preview's one Build kept its memo across the rebuild: most pages were not rendered again
        reused = [(int(a), int(b)) for a, b in re.findall(r"\((\d+) of (\d+) pages reused\)", log.read_text())]
        assert reused[0][0] == 0 and reused[-1][0] > reused[-1][1] // 3, reused
        # data: a company's name changes on another article's page, in another locale
        co = project / "data" / "companies" / "lingxi.yaml"
        text = co.read_text(encoding="utf-8")
        assert "zh: 靈犀晶片" in text
        co.write_text(text.replace("zh: 靈犀晶片", "zh: 靈犀芯片公司"), encoding="utf-8")
        assert wait_for(lambda: "靈犀芯片公司" in fetch(other), 60), log.read_text()[-3000:]
        # theme: an override reaches pages whose Markdown did not change
        main = override_template(project, "overrides/main.html")  # the project's, over the package's
        main.write_text(main.read_text(encoding="utf-8").replace(
            "{% block extrahead %}", '{% block extrahead %}\n  <meta name="sr-test" content="theme-edit">'),
            encoding="utf-8")
        assert wait_for(lambda: "theme-edit" in fetch(base + "glossary/"), 60), log.read_text()[-3000:]
        assert "theme-edit" in fetch(other)
