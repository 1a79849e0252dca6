"""The pipeline flows one way: a stage never imports a later one (see ARCHITECTURE.md)."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "sinoreport"

# Order of the pipeline. Foundation modules are usable by every stage; each later layer may use any
# earlier one, never a later one.
FOUNDATION = {"config", "model", "load", "corpus", "numbers", "units", "alternation", "fingerprints"}
STAGES = ["ingest", "i18n", "check", "editions", "charts", "render", "search", "site", "theme", "static_i18n", "pdf"]
# The Build drives the stages; MkDocs is an adapter of it (the plugin; sitebuild runs MkDocs per locale);
# publish is what the commands call; the CLI parses arguments.
DRIVERS = ["build", "mkdocs_plugin", "sitebuild", "publish", "commands", "cli"]
TOOLS = {"synth", "rename", "scaffold", "__init__"}  # commands the CLI offers that stand beside the pipeline
DEV = {"dev"}  # developer tooling: bench, audit, recall, the static server; nothing at run time imports it
LAYERS = STAGES + DRIVERS
def stage_of(module: str) -> str:
    return module.split(".")[0]


def imports(path: Path) -> set[str]:
    """Every sinoreport module this file imports, at any depth (`from sinoreport import x` and
    `from sinoreport.render import memo` name the modules x and render.memo)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sinoreport"):
            base = node.module.removeprefix("sinoreport").lstrip(".")
            for a in node.names:
                sub = f"{base}.{a.name}" if base else a.name
                out.add(sub if (PKG / (sub.replace(".", "/") + ".py")).is_file()
                        or (PKG / sub.replace(".", "/")).is_dir() else base)
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("sinoreport")]
            out |= {n.removeprefix("sinoreport").lstrip(".") for n in names}
    return {m for m in out if m}


def modules() -> dict[str, Path]:
    return {path.relative_to(PKG).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__"): path
            for path in sorted(PKG.rglob("*.py"))}


def test_stages_import_only_earlier_stages():
    rank = {s: i for i, s in enumerate(LAYERS)}
    violations = []
    for rel, path in modules().items():
        me = stage_of(rel)
        if me in DEV:
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
            elif me in TOOLS:
                if t in DRIVERS and t != "build":
                    violations.append(f"{rel} (a tool) imports {target}")
            elif t in TOOLS:
                if me not in ("commands", "cli"):
                    violations.append(f"{rel} imports the tool {target}")
            elif rank[t] > rank[me]:
                violations.append(f"{rel} ({me}) imports later layer {target}")
    assert violations == []


def test_no_import_cycles():
    """Between modules (imports inside functions included): a cycle means two modules are one."""
    mods = modules()
    graph: dict[str, set[str]] = {}
    for rel, path in mods.items():
        out = set()
        for target in imports(path):
            # `from sinoreport.x import y` may name a module x.y or a name in x
            out.add(target if target in mods else target.rsplit(".", 1)[0] if target.rsplit(".", 1)[0] in mods
                    else target)
        graph[rel] = {t for t in out if t in mods and t != rel and not rel.startswith(t + ".")}
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycles.append(" → ".join([*stack[stack.index(t):], t]))
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert cycles == []


def test_every_module_is_placed():
    known = FOUNDATION | set(LAYERS) | TOOLS | DEV
    unplaced = sorted({stage_of(rel) for rel in modules()} - known)
    assert unplaced == [], "add new modules to FOUNDATION, STAGES, DRIVERS or TOOLS here (and ARCHITECTURE.md)"


def test_test_modules_have_unique_names():
    # tests/ has no packages: pytest imports each file by its base name, so two test_x.py in different
    # folders clash — only when xdist puts them in the same worker, which makes the failure intermittent
    names = [p.name for p in (PKG.parents[1] / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
