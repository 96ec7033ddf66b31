"""No class defines a method twice: the second silently replaces the first (a rebase once dropped the Medication
screen's 'pain now' wiring this way, and its UI test failed with no traceback)."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _twice(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            seen: dict[str, int] = {}
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.decorator_list:
                    if item.name in seen:
                        found.append(f"{path.relative_to(root)}:{item.lineno} {node.name}.{item.name} "
                                     f"(first at line {seen[item.name]})")
                    seen[item.name] = item.lineno
    return found


def test_no_class_defines_a_method_twice():
    twice = [hit for path in sorted((ROOT / "app").rglob("*.py")) for hit in _twice(path)]
    assert twice == []


def test_the_check_sees_a_method_defined_twice(tmp_path):
    sample = tmp_path / "twice.py"
    sample.write_text("class A:\n    def f(self):\n        pass\n\n    def f(self):\n        pass\n")
    assert _twice(sample, tmp_path) == ["twice.py:5 A.f (first at line 2)"]
