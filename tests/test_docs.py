"""The API pages, checked without Quarto: `nbdev-proc-nbs` (the step of `nbdev-docs` before Quarto renders) must
succeed, and every public function, class and method must appear on its page with each parameter documented.

nbdev 3 renders docments inside the signature block (`name:type=default, # comment` on one line per parameter)
rather than as a separate table: that block is the parameter table these tests look for."""
import importlib, inspect, json, re, subprocess, sys
from pathlib import Path
import pytest
from fastcore.docments import docments

root = Path(__file__).resolve().parent.parent
MODULES = {re.search(r"#\| default_exp (\w+)", p.read_text()).group(1): p.stem
           for p in sorted((root/"nbs").glob("*.ipynb")) if "#| default_exp" in p.read_text()}
SKIP = (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)   # fastcore reads no docment for *args, **kwargs


def _public(mod):
    "(qualified name, object) of every public function, class and method of `mod`'s `__all__`."
    for name in mod.__all__:
        obj = getattr(mod, name)
        if inspect.isclass(obj) and issubclass(obj, Exception): yield name, obj; continue
        if not (inspect.isfunction(obj) or inspect.isclass(obj)): continue
        yield name, obj
        if inspect.isclass(obj):
            for m, f in vars(obj).items():
                if not m.startswith("_") and inspect.isfunction(f): yield f"{name}.{m}", f


def _params(obj) -> dict:
    "{parameter: docment} of a function or class, without self and *args/**kwargs."
    return {k: v["docment"] for k, v in docments(obj, full=True).items()
            if k not in ("self", "return") and v["kind"] not in SKIP}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_parameter_has_a_docment(module):
    mod = importlib.import_module(f"anomnist.{module}")
    missing = {name: [p for p, d in _params(obj).items() if not d] for name, obj in _public(mod)}
    assert not {k: v for k, v in missing.items() if v}, f"anomnist.{module}: parameters without a docment"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    "The processed notebooks: {notebook stem: {shown name: markdown of its show_doc}}."
    r = subprocess.run(["nbdev-proc-nbs"], cwd=root, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    out = {}
    for nb in (root/"_proc").glob("*.ipynb"):
        docs = out.setdefault(nb.stem, {})
        for cell in json.loads(nb.read_text())["cells"]:
            for o in cell.get("outputs", []):
                md = "".join(o.get("data", {}).get("text/markdown", []))
                head = re.search(r"^#+ (\S+)\s*$", md, re.M)
                if head and "```python" in md: docs[head.group(1)] = md
    return out


@pytest.mark.parametrize("module", sorted(MODULES))
def test_processed_pages_show_every_public_name_with_its_parameters(pages, module):
    mod, page = importlib.import_module(f"anomnist.{module}"), pages[MODULES[module]]
    for name, obj in _public(mod):
        assert name in page, f"{MODULES[module]}: no show_doc output for {name}"
        sig = page[name].split("```python", 1)[1].split("```", 1)[0]
        for p, d in _params(obj).items():      # each parameter on its own line, with its comment
            assert re.search(rf"^\s*{re.escape(p)}\b.*# {re.escape(d)}\s*$", sig, re.M), f"{name}({p}): not documented on the page"


def test_importing_the_data_modules_does_not_import_tensorflow():
    """No module but `stream` (a Keras dataset) imports Keras when imported: the detectors load it when they build or
    train a model, so that a command refuses bad input at once. No module writes os.environ when imported."""
    code = ("import os, sys; before = dict(os.environ)\n"
            "import anomnist.files, anomnist.data, anomnist.embedding, anomnist.similarity, anomnist.moving, anomnist.dataset, "
            "anomnist.baselines, anomnist.report, anomnist.cli, anomnist.results, anomnist.tables, anomnist.regions, anomnist.loaders, "
            "anomnist.hub, anomnist.detectors, anomnist.oneclass, anomnist.runner, anomnist.selection, anomnist.benchmark, "
            "anomnist.tracking, anomnist.video_detectors, anomnist.identity, anomnist.video_benchmark, anomnist.video_selection, anomnist.label_budget\n"
            "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules, 'keras imported'\n"
            "from anomnist.cli import bench, one_class, select_video\n"   # refusals load no Keras either
            "from anomnist.files import InputError\n"
            "for command, kw in [(bench, dict(models='svm')), (one_class, dict(digits='3,3')), (select_video, dict(modes='typical'))]:\n"
            "    try: command(**kw)\n"
            "    except InputError: pass\n"
            "    else: raise AssertionError(f'{command.__name__} {kw} was not refused')\n"
            "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules, 'keras imported by a refusal'\n"
            "import anomnist.stream\n"
            "ours = {k for k in os.environ if k.startswith(('TF_CPP', 'ANOMNIST', 'KERAS'))} - set(before)\n"
            "assert not ours, ours")
    import os   # start without the variables a module might set (CI exports TF_CPP_MIN_LOG_LEVEL, which would hide a setdefault)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_CPP", "KERAS", "ANOMNIST"))}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr[-2000:]


NOISE = re.compile(r"cuInit|E0000 |I0000 |W0000 |WARNING:absl|TqdmWarning|retracing|/root/|/home/|/tmp/|site-packages|\.venv")

@pytest.mark.parametrize("nb", sorted(p.name for p in (root/"nbs").glob("*.ipynb")))
def test_stored_outputs_carry_no_log_lines_or_machine_paths(nb):
    "Readers see the stored outputs on the docs site: no library log lines, warnings or temporary paths in them."
    for i, cell in enumerate(json.loads((root/"nbs"/nb).read_text())["cells"]):
        for o in cell.get("outputs", []):
            text = "".join(o.get("text", "")) + json.dumps(o.get("data", {}).get("text/plain", ""))
            m = NOISE.search(text)
            assert not m, f"{nb} cell {i}: {m.group(0)!r} in a stored output (refresh with tools/execute_notebooks.sh)"


COURSE = sorted(p.name for p in (root/"nbs").glob("0[0-6]*.ipynb"))   # the lessons: 00-06 (data to video benchmark)

def _shown(cell) -> bool:
    "Whether the docs site shows a cell: not `#| hide`, and more than directives."
    src = "".join(cell["source"])
    if re.search(r"^#\|\s*hide\b", src, re.M): return False
    return any(line.strip() and not re.match(r"#\|\s*(default_exp|export)\b", line) for line in src.splitlines())

def _figure(cell) -> bool:
    return any({"image/png", "image/svg+xml", "application/vnd.bokehjs_exec.v0+json"} & set(o.get("data", {})) for o in cell.get("outputs", []))

@pytest.mark.parametrize("nb", COURSE)
def test_course_notebooks_show_a_figure_in_their_first_third(nb):
    "A lesson shows its idea early: among the cells the site shows, the first figure comes within the first third."
    shown = [c for c in json.loads((root/"nbs"/nb).read_text())["cells"] if _shown(c)]
    first = next((i for i, c in enumerate(shown) if _figure(c)), None)
    assert first is not None and first < len(shown) / 3, f"{nb}: first figure at shown cell {first} of {len(shown)}"


# ---- the pages as the site shows them (tools/render_pages.py), opened in headless Chromium
def _render_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("render_pages", root/"tools"/"render_pages.py")
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    return mod

@pytest.fixture(scope="module")
def site_pages(pages):
    "One HTML page per processed notebook (`pages` ran nbdev-proc-nbs), in artifacts/pages with its screenshot."
    return {p.stem: p for p in _render_module().render_pages(root/"artifacts"/"pages", proc=False)}

PROCESSED = sorted(p.stem for p in (root/"nbs").glob("*.ipynb"))
STRAY = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, p, pre')].map(e => e.textContent.trim())
    .filter(t => /^\\|\\s*(export|exporti|exports|hide|default_exp)\\b/.test(t) || t.includes('#|'))"""

@pytest.mark.parametrize("name", PROCESSED)
def test_page_in_headless_chromium(site_pages, browser, name):
    """Each page as a reader gets it: every `show_doc` rendered, no stray directive, no JavaScript error, every bokeh
    plot drawn offline; a screenshot is kept beside the page (artifacts/pages)."""
    from conftest import open_page, bokeh_ink
    proc = json.loads((root/"_proc"/f"{name}.ipynb").read_text())
    title = [line for line in "".join(json.loads((root/"nbs"/f"{name}.ipynb").read_text())["cells"][0]["source"]).splitlines() if line.strip()]
    assert title[0].startswith("# ") and len(title) <= 2 and all(line.startswith("> ") for line in title[1:]), \
        f"{name}: the title cell holds more than a title and a one-line summary; the site keeps only those (nbdev makes them the front matter)"
    for cell in proc["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "code" and src.lstrip().startswith("show_doc("):
            md = "".join(t for o in cell.get("outputs", []) for t in o.get("data", {}).get("text/markdown", []))
            assert "```python" in md, f"{name}: {src.strip()!r} renders nothing"
        assert not re.search(r"^#\|\s*(export|exporti|exports|hide|default_exp)\b", src, re.M), f"{name}: a directive survived processing: {src[:80]!r}"
    page, errors = open_page(browser, site_pages[name].as_uri())
    stray = page.evaluate(STRAY)
    bokeh = any("application/vnd.bokehjs_exec.v0+json" in o.get("data", {}) for c in proc["cells"] for o in c.get("outputs", []))
    inked = bokeh_ink(page) if bokeh else []
    page.screenshot(path=str(site_pages[name].with_suffix(".png")), full_page=False)
    page.close()
    assert not stray, f"{name}: directive-like headings or code on the page: {stray[:3]}"
    assert not errors, f"{name}: {errors[:5]}"
    if bokeh: assert inked and max(inked) > 1000, f"{name}: bokeh canvas pixels drawn: {inked}"
