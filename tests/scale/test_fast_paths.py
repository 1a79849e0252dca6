"""The speed-ups behind the benchmark change no output: each fast path is checked against the plain one."""

import random
import re
from pathlib import Path

import pytest
from tests.conftest import FIXTURE, REPO

from sinoreport import load
from sinoreport.alternation import alternation
from sinoreport.render.text import Linker, Target


def flat_alternation(keys: list[str], flags: int = 0) -> re.Pattern[str]:
    """The original regex of the linker and the alias table: every name, longest first, ASCII as whole words."""
    keys = sorted(keys, key=len, reverse=True)
    parts = [rf"(?<![A-Za-z0-9]){re.escape(k)}(?![A-Za-z0-9])" if k.isascii() else re.escape(k) for k in keys]
    return re.compile("|".join(parts), flags)


NAMES = ["阿里巴巴集團", "阿里巴巴", "阿里", "BABA", "Alibaba", "Alibaba Cloud", "Ali", "H20", "H200", "輝達H20",
         "Qwen", "Qwen3-Max", "通義千問", "千問", "AI", "AI晶片", "a.b", "x+y", "JD", "JD.com", "S&P 500", "ab", "ABC"]


@pytest.mark.parametrize("ignore_case", [False, True])
def test_trie_regex_finds_what_the_flat_alternation_finds(ignore_case):
    rng = random.Random(7)
    alphabet = [*"阿里巴巴集團輝達千問通義晶片AlibabCloudQwen3-MaxH20JD.com x+y&P5abcABC", " ", "。"]
    flags = re.IGNORECASE if ignore_case else 0
    for _ in range(800):
        keys = rng.sample(NAMES, rng.randint(1, len(NAMES)))
        text = "".join(rng.choice(alphabet + keys) for _ in range(rng.randint(0, 40)))
        want = [(m.start(), m.group(0)) for m in flat_alternation(keys, flags).finditer(text)]
        got = [(m.start(), m.group(0)) for m in alternation(keys, ignore_case=ignore_case).finditer(text)]
        assert got == want, (keys, text)


def test_linker_links_longest_name_once_and_whole_words_only():
    forms = {k: Target(f"companies/{i}.md", key=str(i)) for i, k in enumerate(["阿里", "阿里巴巴", "BABA", "AI"])}
    out = Linker(forms).link("阿里巴巴與阿里和BABAX、BABA，AI晶片與PAI", resolve=str, escape_fn=lambda s: s)
    assert out == ("[阿里巴巴](companies/1.md)與[阿里](companies/0.md)和BABAX、[BABA](companies/2.md)，"
                   "[AI](companies/3.md)晶片與PAI")
    assert alternation([]) is None


def yaml_files(synthetic: Path) -> list[Path]:
    files = sorted(FIXTURE.rglob("*.yaml")) + sorted((REPO / "data").rglob("*.yaml"))
    return files + sorted((REPO / "content").rglob("*.yaml")) + sorted(synthetic.rglob("*.yaml"))


@pytest.mark.skipif(load._CLoader is None, reason="PyYAML was built without libyaml")
def test_libyaml_path_gives_the_same_data_and_marks_as_the_python_parser(tmp_path):
    from sinoreport.synth import write_project

    write_project(tmp_path / "synth", 12)
    files = yaml_files(tmp_path / "synth" / "content")
    assert len(files) > 10
    for p in files:
        text, name = load.read_text(p), str(p)
        nodes = []
        fast = load._CComposer if "&" not in text and "*" not in text else load._CLoader
        for cls in (fast, load._Loader):
            loader = cls(text, name)
            try:
                nodes.append(loader.get_single_node())
            finally:
                loader.dispose()
        built = [load._Builder(name) for _ in nodes]
        assert built[0].build(nodes[0], ()) == built[1].build(nodes[1], ()), p
        assert built[0].marks == built[1].marks, p


@pytest.mark.parametrize("text, what", [
    ("a: &x 1\nb: 2\n", "YAML anchor &x is not allowed"),
    ("a: 1\nb: *x\n", "YAML alias *x is not allowed"),
    ("a: 1\na: 2\n", "duplicate key 'a'"),
    ("x: @y\n", "found character '@' that cannot start any token"),
])
def test_refusals_and_syntax_messages_are_unchanged(text, what):
    with pytest.raises(load.ContentError) as e:
        load.parse_yaml_text(text, "t.yaml")
    assert what in str(e.value)


def whole_list_related(idx, a, limit):
    """Related articles scored over whole company and tag lists (what the window must agree with)."""
    from collections import Counter

    score = Counter()
    for c in a.companies:
        for b in idx.by_company.get(c, ()):
            score[b.id] += 2
    for t in a.tags:
        if len(idx.by_tag.get(t, ())) <= 200:
            for b in idx.by_tag.get(t, ()):
                score[b.id] += 1
    score.pop(a.id, None)
    return sorted(score, key=lambda i: (-score[i], idx.position[i]))[:limit]


def test_related_reads_a_window_of_each_list_and_is_computed_once(tmp_path):
    from sinoreport.config import load_settings
    from sinoreport.corpus import load_corpus
    from sinoreport.render import pages
    from sinoreport.synth import write_project

    root = tmp_path / "p"
    write_project(root, 160)
    idx = pages.Indexes(load_corpus(load_settings(root), include_drafts=False))
    w = pages.RELATED_WINDOW
    short = long = 0
    for a in idx.articles:
        lists = [idx.by_company[c] for c in a.companies] + [idx.by_tag[t] for t in a.tags]
        got = idx.related(a)
        assert idx.related(a) is got  # once per article, shared by every locale
        if all(len(x) <= w for x in lists):
            short += 1
            assert [b.id for b in got] == whole_list_related(idx, a, pages.RELATED)
        else:
            long += 1
            near = set()
            for x in lists:
                ids = [b.id for b in x]
                at = ids.index(a.id)
                near |= set(ids[max(0, at - w) : at + w + 1])
            assert {b.id for b in got} <= near
            assert len(got) == pages.RELATED
    assert short and long  # both regimes were exercised
