"""Render the docs site's pages without Quarto, as the site shows them, to check them here (tests/test_docs.py opens
each one in headless Chromium).

nbdev's own processing makes the pages' content (`nbdev-proc-nbs`, the step of `nbdev-docs` before Quarto: directives
stripped, hidden cells removed, `show_doc` rendered); nbconvert turns each processed notebook into one HTML page, with
BokehJS inlined in place of its CDN loader so that the interactive map draws offline, and the template's CDN scripts
(require.js, MathJax: unused here) left out.

    python tools/render_pages.py [--out DIR] [--no-proc]      # default DIR: _pages (ignored by git)
"""
import argparse, re, subprocess
from pathlib import Path

root = Path(__file__).resolve().parent.parent


OPTION = re.compile(r"^#\|\s*([\w-]+)\s*:\s*(.*?)\s*$")

def _for_the_page(nb):
    """What Quarto would do with the processed notebook: honour its cell options (`#| echo: false` hides the code; the
    option lines themselves are never shown), and load BokehJS inline instead of from a CDN. The timings nbdev's
    processing records in cell metadata (not nbformat's) are dropped."""
    import nbformat, yaml
    from bokeh.resources import INLINE
    front = next((c for c in nb.cells if c.cell_type == "raw" and c.source.startswith("---")), None)
    if front is not None:                        # Quarto's title block: the title, and the description under it
        meta = yaml.safe_load(front.source.strip().strip("-"))
        head = f"# {meta.get('title', '')}" + (f"\n\n> {meta['description']}" if meta.get("description") else "")
        nb.cells.insert(nb.cells.index(front) + 1, nbformat.v4.new_markdown_cell(head))
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for o in cell.get("outputs", []):            # Pandoc link attributes ({target="_blank" ...}): Quarto's, not Markdown's
            if "text/markdown" in o.get("data", {}):
                o.data["text/markdown"] = re.sub(r"(\]\([^)]*\))\{[^}]*\}", r"\1", "".join(o.data["text/markdown"]))
        if cell.cell_type == "code":
            lines = cell.source.splitlines()
            options = dict(m.groups() for m in map(OPTION.match, lines) if m)
            cell.source = "\n".join(line for line in lines if not OPTION.match(line))
            if options.get("echo") == "false": cell.metadata.setdefault("tags", []).append("remove_input")
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            if "application/vnd.bokehjs_load.v0+json" in data:
                o["data"] = {"text/html": INLINE.render_js()}
    return nb


def render_pages(out=root/"_pages", proc=True) -> list[Path]:
    "Process the notebooks (unless `proc` is false: `_proc` is current) and write one HTML page per notebook to `out`."
    import nbformat
    from nbconvert import HTMLExporter
    if proc:
        r = subprocess.run(["nbdev-proc-nbs"], cwd=root, capture_output=True, text=True)
        if r.returncode: raise RuntimeError(f"nbdev-proc-nbs failed:\n{(r.stdout + r.stderr)[-3000:]}")
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    from traitlets.config import Config
    exporter = HTMLExporter(config=Config(TagRemovePreprocessor=dict(enabled=True, remove_input_tags={"remove_input"})),
                            exclude_input_prompt=True, exclude_output_prompt=True, exclude_raw=True, embed_images=True)
    pages = []
    for nb_path in sorted((root/"_proc").glob("*.ipynb")):
        html, _ = exporter.from_notebook_node(_for_the_page(nbformat.read(nb_path, as_version=4)))
        html = re.sub(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>', "", html)
        page = out/f"{nb_path.stem}.html"
        page.write_text(html, encoding="utf-8"); pages.append(page)
    return pages


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(root/"_pages"), help="folder for the HTML pages")
    ap.add_argument("--no-proc", action="store_true", help="use _proc as it is (nbdev-proc-nbs already ran)")
    args = ap.parse_args()
    for p in render_pages(Path(args.out), proc=not args.no_proc): print(p.relative_to(root) if p.is_relative_to(root) else p)
