"""The shop's one drawing module for printable pages, shared by the demo
catalogue and the starter kit."""

import ast
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from content.kit import printables as kit_printables
from shop import printables

ROOT = Path(__file__).resolve().parent.parent
DEMO_CODE = ("shop/demo/", "content/articles/demo.py", "/management/commands/load_demo")


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_feature_code_never_imports_demo_code():
    importers = []
    for path in sorted([*ROOT.glob("shop/**/*.py"), *ROOT.glob("content/**/*.py")]):
        relative = path.relative_to(ROOT).as_posix()
        if any(part in relative for part in DEMO_CODE) or "/migrations/" in relative:
            continue
        if any(m.startswith("shop.demo") for m in _imported_modules(path)):
            importers.append(relative)
    assert importers == []


def test_kit_version_follows_the_shared_drawing_code(monkeypatch, tmp_path):
    before = kit_printables.template_version()
    changed = tmp_path / "printables.py"
    changed.write_text(Path(printables.__file__).read_text() + "\n# a new look\n")
    monkeypatch.setattr(printables, "__file__", str(changed))

    assert kit_printables.template_version() != before


def test_tracker_grid_draws_a_landscape_month_then_the_pages_given():
    pdf = printables.tracker_grid_pdf(
        title="Tracker",
        more_pages=[printables.Page("Look back", ("Be kind.",), lambda *a: None)],
    )
    pages = PdfReader(BytesIO(pdf)).pages

    assert [(p.mediabox.width > p.mediabox.height) for p in pages] == [True, False]
    assert "Look back".upper() in pages[1].extract_text()
