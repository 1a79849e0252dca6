"""Templates come from the package; a project's templates/ overrides them file by file (pages, strings,
assets, Material overrides), and mkdocs.yml's own custom_dir still comes first."""

import pytest
from tests.conftest import assert_no_traceback, copy_project, override_template, run_cli

pytestmark = pytest.mark.slow  # a real site build


def test_a_project_overrides_the_package_file_by_file(tmp_path):
    project = copy_project(tmp_path / "project")
    assert not (project / "templates").exists()
    (project / "templates").mkdir()
    (project / "templates" / "strings.yaml").write_text(
        "strings:\n  home_lead: {en: A lead of our own., zh: 我們自己的導言。}\n", encoding="utf-8")
    about = override_template(project, "site/about.md.j2")
    about.write_text(about.read_text(encoding="utf-8") + "\nOur own about page.\n", encoding="utf-8")
    css = override_template(project, "assets/site.css")
    css.write_text(css.read_text(encoding="utf-8") + "\n/* our-own-css */\n", encoding="utf-8")
    (project / "templates" / "assets" / "extra.js").write_text("// our own script\n", encoding="utf-8")
    main = override_template(project, "overrides/main.html")
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block extrahead %}", '{% block extrahead %}\n  <meta name="sr-test" content="project-override">', 1),
        encoding="utf-8")
    # mkdocs.yml's own custom_dir: ahead of both (here: one partial of Material's)
    (project / "custom" / "partials").mkdir(parents=True)
    (project / "custom" / "partials" / "copyright.html").write_text(
        '<div class="md-copyright">custom-dir-copyright</div>\n', encoding="utf-8")
    cfg = project / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n"
                                                           "  custom_dir: custom\n", 1), encoding="utf-8")
    # a locale's name is configuration too (sinoreport.yml over mkdocs.yml's)
    with (project / "sinoreport.yml").open("a", encoding="utf-8") as f:
        f.write("language:\n  labels: {zh-Hant: 正體中文}\n")
    r = run_cli("build", "--no-pdf", cwd=project, timeout=600)
    assert r.code == 0, r.text
    assert_no_traceback(r)
    site = project / "build" / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "A lead of our own." in home and "我們自己的導言" in (site / "zh-Hant" / "index.html").read_text("utf-8")
    assert "我们自己的导言" in (site / "zh-Hans" / "index.html").read_text(encoding="utf-8")
    assert 'content="project-override"' in home and "custom-dir-copyright" in home
    assert 'hreflang="x-default"' in home  # the rest of main.html is the package's, as copied
    assert "Our own about page." in (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "/* our-own-css */" in (site / "assets" / "sinoreport" / "site.css").read_text(encoding="utf-8")
    assert (site / "assets" / "sinoreport" / "extra.js").is_file()
    assert (site / "assets" / "sinoreport" / "search.js").is_file()  # the package's, not overridden
    assert 'hreflang="zh-Hant" lang="zh-Hant">正體中文</a>' in home and ">简体中文</a>" in home
    # a string the project does not give is the package's
    assert "Key findings" in home or "Latest articles" in home
