"""Why the Deep AE's code has 16 units: the benchmark's protocol (digit 0 normal, seeds 0, 1, 2, at most 50 epochs)
run with codes of 8, 16 and 32 units (784 → 128 → 64 → code → 64 → 128 → 784). Writes OUT/deep_ae_code.json (default
results/), which the benchmark notebook reads.

    python tools/deep_ae_code_width.py [OUT]
"""
import dataclasses, functools, sys
from pathlib import Path
from anomnist.benchmark import run_benchmark, save_results
from anomnist.detectors import MODELS, deep_ae

CODES = (8, 16, 32)

if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "results")/"deep_ae_code.json"
    for c in CODES:   # one registry entry per width, so each run is an ordinary benchmark row
        MODELS[f"deep_ae_code{c}"] = dataclasses.replace(MODELS["deep_ae"], build=functools.partial(deep_ae, (128, 64, c)),
                                                         description=f"784 → 128 → 64 → {c} → 64 → 128 → 784")
    result = run_benchmark([f"deep_ae_code{c}" for c in CODES], command="python tools/deep_ae_code_width.py")
    result.pop("scores")
    save_results(result, out)
    print(f"wrote {out}")
