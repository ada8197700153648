"""The benchmark's printed table (bench.py writes the same figures as JSON): each section's runs and medians, then
every figure beside its budget or goal."""

import budgets
import measure


def fmt(value, digits=1):
    return "n/a" if value is None else f"{value:.{digits}f}"


def print_table(r):
    print()
    print(f"NoTrain bench, {r['date']}; " + ", ".join(f"{k} {v}" for k, v in r["versions"].items()))
    for name, what in (("feed", f"feed under churn, /feed/?churn={r['churn_s']} ({r['churn_s']} * 50 ticks of 5 posts "
                                 f"in and 5 out)"), ("heavy", "heavy feed, /feed/?heavy (2000 posts, 2000 images, "
                                                              "10,000 links)")):
        print_feed(name, what, r.get(name))
    for browser, s in r.get("setting_page", {}).items():
        print(f"(b) {browser}: setting page, toggle inserted -> verdict on the banner (ms)")
        print_runs("warm", s["warm"])
        print_parts(s["warm_parts_median"])
        c = r.get("cold", {}).get(browser)
        if c:
            print_runs("cold", c["cold"])
            print_parts(c["parts_median"])
            print(f"    cold: {c['how']}")
            print(f"    floor: the empty extension's cold answer, median {fmt(c['empty_median'])} ms; NoTrain / empty, "
                  f"pair by pair: {', '.join(format(p['ratio'], '.2f') for p in c['pairs']) or 'none'}; median "
                  f"{fmt(c['ratio_median'], 2)} (goal <= {budgets.COLD_FLOOR_RATIO}; cold median goal <= "
                  f"{budgets.VERDICT_COLD_MS} ms)")
        h = r.get("ordinary", {}).get(browser)
        if h and h["runs"]:
            print(f"(h) {browser}: the feed's banner with the background stopped ({h['how']}), after the content script's start: "
                  f"drawn ahead median {fmt(h['drawn_median'])} ms, the core's answer {fmt(h['answered_median'])} ms "
                  f"({len(h['runs'])} runs; goal <= {budgets.ORDINARY_DRAWN_MS} ms drawn)")
        o = s["optout"]
        if o["total"]["runs"]:
            print(f"(c) {browser}: one-click opt-out, click -> protected confirmed on the reloaded page (ms, median of "
                  f"{o['total']['runs']}): {o['total']['median']:.0f}; the fixture's save {o['save']['median']:.0f}; "
                  f"minus the save {o['minus_save']['median']:.0f}; beyond the core's {measure.PAGE_HOLD_MS} + "
                  f"{measure.SETTLE_MS} ms holds (page, then fresh load) {o['beyond_hold']['median']:.0f}")
    for browser, f in r.get("flood", {}).items():
        a, o = f["answer"], f["other_tab"]
        if a["runs"] and o["runs"]:
            print(f"(f) {browser}: setting page with 10,000 switches of 1,000 attributes, one flipped after each answer: "
                  f"flip -> NoTrain's answer median {a['median']:.0f} ms, p95 {a['p95']:.0f} ms ({a['runs']} flips); "
                  f"meanwhile another tab's setting page, navigation -> banner {o['median']:.0f} ms")
    for browser, by_service in r.get("services", {}).items():
        shown = ", ".join(f"{service} {fmt(got.get('median'), 0)} ms ({got['runs']} runs)"
                          for service, got in by_service.items())
        print(f"(g) {browser}: each service's one-click opt-out, click -> protected, median: {shown}")
    sizes = r["sizes"]
    print(f"(d) sizes: .wasm {sizes['wasm_raw']} B raw, {sizes['wasm_gzip']} B gzip -9; wasm-bindgen JS "
          f"{sizes['glue_js']} B; content scripts {sizes['content_scripts']} B "
          f"({', '.join(f'{k} {v}' for k, v in sizes['content_script_files'].items())})")
    chrome, firefox = sizes["files"]["chrome"], sizes["files"]["firefox"]
    for name in sorted(set(chrome) | set(firefox)):
        both = chrome.get(name) == firefox.get(name)
        shown = f"{chrome.get(name)}" if both else f"chrome {chrome.get(name)}, firefox {firefox.get(name)}"
        print(f"      {name:<34} {shown}")
    heap = r.get("worker_heap_bytes")
    heap_ratio = (r.get("feed") or {}).get("heap_ratio")
    print(f"(e) memory: page JS heap with / without (median) {fmt(heap_ratio, 3)}; background "
          f"service worker JS heap {fmt(heap / 1e6 if heap else None, 2)} MB (Chromium; Firefox: not readable)")
    print("budgets:")
    for b in r["budgets"]:
        figure = "n/a" if b["figure"] is None else (f"{b['figure']:.3f}" if b["unit"] == "" else
                                                    f"{b['figure']:.1f}" if b["unit"] == "ms" else f"{b['figure']}")
        print(f"    {b['what']:<66} {figure:>9} {b['unit']:<2} budget {b['budget']:>7} {b['unit']:<2} {b['stands']}")
    if r["skipped"]:
        print(f"skipped runs: {len(r['skipped'])}")




def print_feed(name, what, feed):
    if not feed:
        return
    print(f"(a) {what}: main thread from the blank page before to the page's end, CDP Performance.getMetrics in thread "
          f"time, task time less the bench's DevTools commands; A = with NoTrain, B = without, run at the same time")
    print("    pair   task A ms  task B ms  ratio   script A ms  script B ms  ratio   heap A MB  heap B MB  ratio")
    for n, p in enumerate(feed["pairs"], 1):
        a, b = p["with"], p["without"]
        print(f"    {n:>4}  {a['task_ms']:>10.0f} {b['task_ms']:>10.0f}  {p['task_ratio']:.3f}  "
              f"{a['script_ms']:>12.0f} {b['script_ms']:>12.0f}  {p['script_ratio']:.3f}  "
              f"{a['heap_bytes'] / 1e6:>9.2f} {b['heap_bytes'] / 1e6:>10.2f}  {p['heap_ratio']:.3f}")
    interval = feed["task_interval"]
    shown = "n/a (too few pairs)" if interval is None else f"{interval[0]:.3f}-{interval[1]:.3f}"
    print(f"    median ratio: task {fmt(feed['task_ratio'], 3)}, 95 % interval {shown} ({feed['interval_how']}; "
          f"{'within' if feed['resolved'] else 'not within'} ±2 % after {len(feed['pairs'])} pairs), script "
          f"{fmt(feed['script_ratio'], 3)}, page JS heap {fmt(feed['heap_ratio'], 3)}")


def print_runs(kind, got):
    if got["runs"]:
        print(f"    {kind}: median {got['median']:.1f}, p95 {got['p95']:.1f} (nearest rank), "
              f"min {got['min']:.1f}, max {got['max']:.1f}, {got['runs']} runs")


def print_parts(parts):
    if parts:
        print("      parts (median of each, ms; in order: in each run they add up to its total): "
              + ", ".join(f"{name} {ms:.1f}" for name, ms in parts.items()))
