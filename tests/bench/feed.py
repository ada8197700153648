"""(a, e) What NoTrain costs pages that are not its setting page, in Chromium, A/B: a browser with NoTrain (A) and one
without (B) load the same page in turn, a pair at a time, and each pair gives A's main-thread time ÷ B's.

Two pages of the fixture site: the feed under churn (`/feed/?churn=N`: 250 posts inserted and 250 removed a second
for N s) and a heavy feed (`/feed/?heavy`: 2000 posts, 2000 same-origin images, 10,000 links, in the page before
any extension's script runs). A run's figures are CDP Performance.getMetrics from the blank page before the
navigation to the page's end (churn over, or every image loaded), in thread time (`timeDomain: threadTicks`: the
main thread's CPU time, not the wall-clock time a busy machine stretches), and the page's JS heap (every world of
its isolate, the content script's too) after a garbage collection.

Pairs are added until the 95 % interval of the median task-time ratio lies within ±2 % of the median, or the
maximum is reached. The interval is a percentile bootstrap over the pairs (2000 resamples, fixed seed, so a report
can be recomputed), from MIN_PAIRS pairs on; stopping when it first fits makes it slightly optimistic."""

import random
from concurrent.futures import ThreadPoolExecutor
import statistics
import time

from cdp import Cdp
from measure import Skip

# Waits in the page (a check every 100 ms) for bench.js's record of the page's end: no DevTools command meanwhile.
_DONE_JS = """const [page, timeoutMs, done] = arguments;
const until = performance.now() + timeoutMs;
const check = () => {
  const state = window.__bench?.[page];
  if (state?.done || performance.now() > until) return done(state?.done ? state : null);
  setTimeout(check, 100);
};
check();"""

PAGES = {"churn": "/feed/?churn={churn}", "heavy": "/feed/?heavy"}
MIN_PAIRS = 5  # fewer pairs give no interval
RESOLUTION = 0.02  # the interval's goal: within ±2 % of the median
RESAMPLES, SEED = 2000, 2026


def _metrics(driver):
    found = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    return {m["name"]: m["value"] for m in found}


def page_run(driver, url, page, timeout_s):
    """One run of `page` at `url`: its main-thread task and script time (ms, thread time) and its JS heap."""
    driver.get("about:blank")
    driver.execute_cdp_cmd("Performance.enable", {"timeDomain": "threadTicks"})
    before = _metrics(driver)
    driver.get(url)
    driver.set_script_timeout(timeout_s + 10)
    state = driver.execute_async_script(_DONE_JS, page, timeout_s * 1000)
    if not state:
        raise Skip(f"the {page} page did not finish in {timeout_s} s")
    after = _metrics(driver)
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
    heap = _metrics(driver)["JSHeapUsedSize"]
    driver.execute_cdp_cmd("Performance.disable", {})
    spent = {name: (after[name] - before.get(name, 0)) * 1000 for name in after if name.endswith("Duration")}
    return {"task_ms": spent["TaskDuration"] - spent["DevToolsCommandDuration"], "script_ms": spent["ScriptDuration"],
            "heap_bytes": heap, "page": state}


def both(run, with_ext, without):
    """`run` in A's browser and in B's at the same time, so that both meet the machine's load of the moment."""
    with ThreadPoolExecutor(2) as pool:
        a, b = pool.submit(run, with_ext), pool.submit(run, without)
        return a.result(), b.result()


def median_interval(ratios):
    """The median's 95 % percentile-bootstrap interval, or None below MIN_PAIRS."""
    if len(ratios) < MIN_PAIRS:
        return None
    rng = random.Random(SEED)
    medians = sorted(statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(RESAMPLES))
    return medians[int(0.025 * RESAMPLES)], medians[int(0.975 * RESAMPLES) - 1]


def resolved(ratios):
    interval = median_interval(ratios)
    median = statistics.median(ratios) if ratios else None
    return (interval is not None and interval[0] >= median * (1 - RESOLUTION)
            and interval[1] <= median * (1 + RESOLUTION))


def ab(bench, page, with_ext, without):
    """Pairs of `page` (A then B) from --pairs on until resolved or --max-pairs; its report section."""
    args = bench.args
    url = bench.base_url("chromium") + PAGES[page].format(churn=args.churn)
    timeout_s = args.churn + 20 if page == "churn" else 60
    pairs, number = [], 0
    print(f"(a) {page}: {url}, A/B pairs from {args.pairs} until the median's interval is within "
          f"±{RESOLUTION:.0%} (at most {args.max_pairs})", flush=True)
    while number < args.max_pairs and (number < args.pairs or not resolved([p["task_ratio"] for p in pairs])):
        number += 1
        started = time.monotonic()
        try:
            a, b = both(lambda driver: page_run(driver, url, page, timeout_s), with_ext, without)
        except Skip as why:
            bench.skip(f"{page} pair {number}", why)
            continue
        pair = {"with": a, "without": b, "task_ratio": a["task_ms"] / b["task_ms"],
                "script_ratio": a["script_ms"] / b["script_ms"], "heap_ratio": a["heap_bytes"] / b["heap_bytes"]}
        pairs.append(pair)
        interval = median_interval([p["task_ratio"] for p in pairs])
        print(f"  pair {number}: task {a['task_ms']:.0f} / {b['task_ms']:.0f} ms = {pair['task_ratio']:.3f}; "
              f"script {pair['script_ratio']:.3f}; heap {pair['heap_ratio']:.3f}; interval "
              f"{'n/a' if interval is None else f'{interval[0]:.3f}-{interval[1]:.3f}'} "
              f"({time.monotonic() - started:.0f} s)", flush=True)
    median = (lambda key: statistics.median(p[key] for p in pairs) if pairs else None)
    ratios = [p["task_ratio"] for p in pairs]
    return {"url": url, "pairs": pairs, "task_ratio": median("task_ratio"), "script_ratio": median("script_ratio"),
            "heap_ratio": median("heap_ratio"), "task_interval": median_interval(ratios),
            "resolved": resolved(ratios), "interval_how": f"95 % percentile bootstrap of the median over pairs, "
                                                          f"{RESAMPLES} resamples, seed {SEED}"}


def worker_heap(driver):
    """Chromium: the extension service worker's used JS heap after a garbage collection (None if not running)."""
    cdp = Cdp(driver)
    try:
        workers = [t for t in cdp.targets() if t["type"] == "service_worker"
                   and t["url"].startswith(driver.notrain_base)]
        if not workers:
            return None
        session = cdp.attach(workers[0]["targetId"])
        cdp.send("HeapProfiler.collectGarbage", {}, session)
        return cdp.send("Runtime.getHeapUsage", {}, session)["usedSize"]
    finally:
        cdp.close()
