"""The pipeline flows one way: a stage never imports a later one (see ARCHITECTURE.md)."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "sinoreport"

# Order of the pipeline. Foundation modules are usable by every stage; the top layer may use anything.
FOUNDATION = {"config", "model", "load", "corpus", "numbers", "alternation"}
STAGES = ["ingest", "check", "i18n", "charts", "render", "search", "site", "theme", "static_i18n", "mkdocs_plugin",
          "pdf"]
TOP = {"cli", "commands", "build", "sitebuild", "synth", "bench", "rename", "__init__"}  # orchestration
DEV = {"dev"}  # developer tooling: the audit, the static server; nothing at run time imports it


def stage_of(module: str) -> str:
    return module.split(".")[0]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sinoreport"):
            out.add(node.module.removeprefix("sinoreport").lstrip("."))
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("sinoreport")]
            out |= {n.removeprefix("sinoreport").lstrip(".") for n in names}
    return {m for m in out if m}


def test_stages_import_only_earlier_stages():
    rank = {s: i for i, s in enumerate(STAGES)}
    violations = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).with_suffix("").as_posix().replace("/", ".")
        me = stage_of(rel)
        if me in TOP | DEV:
            continue
        for target in imports(path):
            t = stage_of(target)
            if t in DEV:
                violations.append(f"{rel} imports developer tooling {target}")
                continue
            if t in FOUNDATION or t == me:
                continue
            if me in FOUNDATION:
                violations.append(f"{rel} (foundation) imports stage {target}")
            elif t in rank and me in rank and rank[t] > rank[me]:
                violations.append(f"{rel} ({me}) imports later stage {target}")
            elif t in TOP:
                violations.append(f"{rel} imports the CLI layer {target}")
    assert violations == []


def test_every_module_is_placed():
    known = FOUNDATION | set(STAGES) | TOP | DEV
    unplaced = sorted({stage_of(p.relative_to(PKG).with_suffix("").as_posix().replace("/", "."))
                       for p in PKG.rglob("*.py")} - known)
    assert unplaced == [], "add new modules to FOUNDATION, STAGES or TOP in this test (and ARCHITECTURE.md)"


def test_test_modules_have_unique_names():
    # tests/ has no packages: pytest imports each file by its base name, so two test_x.py in different
    # folders clash — only when xdist puts them in the same worker, which makes the failure intermittent
    names = [p.name for p in (PKG.parents[1] / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
