"""Write README.md from nbs/index.ipynb (what `nbdev-readme` does, without needing Quarto).

Usage: python tools/make_readme.py [--check]   (--check: exit 1 if README.md is out of date)"""
import sys
from pathlib import Path
import nbformat

root = Path(__file__).resolve().parent.parent

def render(nb_path=root/"nbs"/"index.ipynb") -> str:
    "Markdown cells as they are; code cells (minus nbdev directives) as Python blocks."
    parts = ["<!-- generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file -->"]
    for cell in nbformat.read(nb_path, as_version=4).cells:
        if cell.cell_type == "markdown": parts.append(cell.source.strip())
        elif cell.cell_type == "code":
            src = "\n".join(l for l in cell.source.splitlines() if not l.startswith("#|")).strip()
            if src: parts.append(f"```python\n{src}\n```")
    return "\n\n".join(parts) + "\n"

if __name__ == "__main__":
    readme, text = root/"README.md", render()
    if "--check" in sys.argv:
        if not readme.is_file() or readme.read_text() != text:
            sys.exit("README.md is out of date with nbs/index.ipynb: run python tools/make_readme.py")
    else: readme.write_text(text)
