#!/usr/bin/env python3
"""What each kind of page downloads of WebAssembly and JS, brotli -q 11 as the build precompresses
it: the main module, its JS loader and the split loader on every page, plus the chunks of each
lazy island a page shows (from the split manifest). Usage: bundle.py <site/pkg> <largest KiB>
<thread-visitor KiB>. Prints one line per page type and OVER where a budget is exceeded."""
import glob
import json
import os
import sys

pkg, largest_budget, thread_budget = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])


def newest(pattern):
    found = sorted(glob.glob(os.path.join(pkg, pattern)), key=os.path.getmtime)
    return found[-1] if found else None


def kib(paths):
    return sum(os.path.getsize(p) for p in paths) / 1024


main = [newest("pratica.*.wasm.br"), newest("pratica.*.js.br")]
split_js = newest("__wasm_split.*.js.br")
manifest_path = newest("__wasm_split_manifest.*.json")
islands = {}
if split_js and manifest_path:
    main.append(split_js)
    for loader, files in json.load(open(manifest_path)).items():
        name = loader.split("_loader_")[0]
        islands[name] = [os.path.join(pkg, f + ".wasm.br") for f in files]

base = kib(main)
pages = [("every page (main module, live islands included)", base, thread_budget)]
for name, files in sorted(islands.items()):
    pages.append((f"a page with {name}", base + kib(files), largest_budget))
for label, size, budget in pages:
    verdict = "within" if size <= budget else "OVER"
    print(f"  {label}: {size:.1f} KiB; budget {budget:.0f} KiB: {verdict}")
