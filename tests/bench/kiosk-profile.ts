import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import type { CDPSession, Page } from "playwright-core";
import { defaultConfig } from "../../kiosk/app/config.ts";
import { buildFrontendsIfStale, distDir } from "../../sync-server/frontends.ts";
import { staticApp } from "../../sync-server/http/static-apps.ts";
import { createLogger } from "../../sync-server/logger.ts";
import { launchChromium } from "../e2e/browser.ts";
import { configStorageKey, testConfig } from "../e2e/pages/kiosk-page.ts";

/**
 * Where a kiosk tap's time goes (issue 11's "Measure"), for finding the slow ones: not a
 * benchmark (`npm run bench` does not run it), a tool. `tsx tests/bench/kiosk-profile.ts [rate]`
 * taps through interviews as kiosk.bench.ts does, under CDP tracing, and prints per tap the
 * phases from its pointerdown: the click, the IndexedDB transaction opened and committed, the
 * new screen in the DOM, the frame's rendering (style, layout, paint) and the paint, plus what
 * else ran on the main thread in that window (GC, other tasks). Then p50/p95 per phase.
 */
const rate = Number(process.argv[2] ?? 4);
const interviews = Number(process.env.BENCH_KIOSK_INTERVIEWS ?? 10);

await buildFrontendsIfStale(createLogger("warn"));
const app = express();
app.use("/kiosk", staticApp(path.join(distDir, "kiosk"), "The kiosk"));
const server = await new Promise<Server>((resolve) => {
  const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
});
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();

// In the page, before the kiosk: when each IndexedDB transaction opened and completed.
const instrument = `(() => {
  window.__tx = [];
  const open = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = open.apply(this, args);
    const entry = { at: performance.now(), stores: [].concat(args[0]).join(","), mode: args[1] ?? "readonly" };
    window.__tx.push(entry);
    tx.addEventListener("complete", () => { entry.done = performance.now(); });
    return tx;
  };
  window.__ev = [];
  window.__loaf = [];
  try { new PerformanceObserver((list) => { window.__ev.push(...list.getEntries().map((e) => ({ name: e.name, start: e.startTime, ps: e.processingStart, pe: e.processingEnd, dur: e.duration }))); })
    .observe({ type: "event", buffered: true, durationThreshold: 16 }); } catch (e) { console.log("no event timing", e); }
  try { new PerformanceObserver((list) => { window.__loaf.push(...list.getEntries().map((e) => ({ start: e.startTime, dur: e.duration, block: e.blockingDuration, render: e.renderStart, style: e.styleAndLayoutStart, scripts: e.scripts.map((s) => ({ inv: s.invoker, type: s.invokerType, start: s.startTime, dur: s.duration, fsl: s.forcedStyleAndLayoutDuration })) }))); })
    .observe({ type: "long-animation-frame", buffered: true }); } catch (e) { console.log("no loaf", e); }
})()`;

const settled = `document.querySelector("main")?.hasAttribute("data-settled") === true`;
const armScript = `new Promise((resolve) => {
  const screenKey = () => {
    const section = document.querySelector("main section");
    return section?.getAttribute("data-question") ?? section?.getAttribute("data-screen");
  };
  const before = screenKey();
  const t = {};
  window.__tx.length = 0;
  window.__ev.length = 0;
  window.__loaf.length = 0;
  window.addEventListener("pointerdown", (e) => { t.down = e.timeStamp; performance.mark("tap:down"); }, { capture: true, once: true });
  window.addEventListener("pointerup", (e) => { t.up = e.timeStamp; }, { capture: true, once: true });
  window.addEventListener("click", (e) => { t.click = e.timeStamp; t.clickRun = performance.now(); }, { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (screenKey() === before) return;
    observer.disconnect();
    t.dom = performance.now();
    requestAnimationFrame((frame) => {
      t.raf = performance.now();
      t.frame = frame;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        t.painted = performance.now();
        performance.mark("tap:painted");
        t.tx = window.__tx.map((x) => ({ ...x }));
        setTimeout(() => { t.ev = window.__ev.slice(); t.loaf = window.__loaf.slice(); resolve(t); }, 50);
      };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document.querySelector("main"), { subtree: true, childList: true, attributes: true });
  window.__bench = true;
})`;

type Tap = {
  down: number;
  up: number;
  click: number;
  clickRun: number;
  dom: number;
  raf: number;
  painted: number;
  tx: { at: number; done?: number; stores: string; mode: string }[];
  ev: { name: string; start: number; ps: number; pe: number; dur: number }[];
  loaf: {
    start: number;
    dur: number;
    block: number;
    render: number;
    style: number;
    scripts: { inv: string; type: string; start: number; dur: number; fsl: number }[];
  }[];
};

async function tap(page: Page, selector: string): Promise<Tap> {
  await page.waitForFunction(settled);
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no ${selector}`);
  const painted = page.evaluate(armScript);
  await page.waitForFunction("window.__bench === true");
  await page.evaluate("window.__bench = false");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return (await painted) as Tap;
}

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat: string;
  args?: { name?: string; data?: { type?: string } };
};

async function trace(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
  await cdp.send("Tracing.start", {
    transferMode: "ReportEvents",
    traceConfig: {
      includedCategories: [
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        "blink.user_timing",
        "v8",
        "disabled-by-default-v8.gc",
        "toplevel",
        "IndexedDB",
      ],
    },
  });
  await run();
  await cdp.send("Tracing.end");
  await done;
  return events;
}

const buckets: Record<string, string> = {
  UpdateLayoutTree: "style",
  Layout: "layout",
  PrePaint: "paint",
  Paint: "paint",
  Layerize: "paint",
  Commit: "paint",
  MinorGC: "gc",
  MajorGC: "gc",
  "V8.GC_SCAVENGER": "gc",
  "V8.GC_MARK_COMPACTOR": "gc",
  "V8.GCIncrementalMarking": "gc",
  "V8.GCFinalizeMC": "gc",
  HitTest: "hit-test",
  ParseHTML: "other",
  RunTask: "task",
};

try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
    configStorageKey,
    JSON.stringify({
      ...testConfig,
      burstStarts: defaultConfig.burstStarts,
      burstWindowMs: defaultConfig.burstWindowMs,
      minMsPerAnswer: defaultConfig.minMsPerAnswer,
    }),
  ] as const);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/kiosk/`);
  await page.waitForFunction(settled);
  await page.waitForTimeout(3_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  const taps: Tap[] = [];
  const withTrace = process.env.PROFILE_TRACE !== "0";
  const run = async () => {
    for (let i = 0; i < interviews; i += 1) {
      await tap(page, '[data-action="start"]');
      for (const answer of ["yes", "yes", "no", "good", "yes", "nothing"])
        taps.push(await tap(page, `[data-question] [data-answer="${answer}"]`));
      await tap(page, '[data-action="done"]');
    }
  };
  if (process.env.PROFILE_CPU === "1") {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  let events: TraceEvent[] = [];
  if (withTrace) events = await trace(cdp, run);
  else await run();
  if (process.env.PROFILE_CPU === "1") {
    const { profile } = await cdp.send("Profiler.stop");
    // Self time per function, heaviest first.
    const dt = new Map<number, number>();
    for (const [i, id] of (profile.samples ?? []).entries())
      dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0));
    const self = new Map<string, number>();
    for (const node of profile.nodes) {
      const f = node.callFrame;
      const name = `${f.functionName || "(anon)"} ${f.url.split("/").at(-1)}:${f.lineNumber}:${f.columnNumber}`;
      self.set(name, (self.get(name) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
    }
    for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
      process.stdout.write(`${ms.toFixed(1).padStart(8)} ms  ${name}\n`);
  }
  // The renderer's main thread, and the trace clock of each tap (from the user-timing marks).
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
  const marks = onMain.filter((e) => e.name === "tap:down" || e.name === "tap:painted");
  // Marks come in pairs, one per tap (start and done taps included): keep the answer taps'.
  const pairs: { from: number; to: number }[] = [];
  for (let i = 0; i + 1 < marks.length; i += 2) {
    const a = marks[i];
    const b = marks[i + 1];
    if (a && b) pairs.push({ from: a.ts, to: b.ts });
  }
  const answerPairs = pairs.filter((_, index) => index % 8 !== 0 && index % 8 !== 7);
  const rows = taps.map((t, index) => {
    const write = t.tx.find((x) => x.mode === "readwrite");
    const window = answerPairs[index];
    const sums: Record<string, number> = {};
    const gcs: string[] = [];
    if (window)
      for (const e of onMain) {
        if (e.ph !== "X" || e.dur === undefined) continue;
        if (e.ts + e.dur < window.from || e.ts > window.to) continue;
        const bucket = buckets[e.name];
        if (!bucket) continue;
        const overlap = (Math.min(e.ts + e.dur, window.to) - Math.max(e.ts, window.from)) / 1000;
        sums[bucket] = (sums[bucket] ?? 0) + overlap;
        if (bucket === "gc") gcs.push(`${e.name}:${(e.dur / 1000).toFixed(1)}`);
      }
    return {
      total: t.painted - t.down,
      toClick: t.click - t.down,
      clickQueued: t.clickRun - t.click,
      txOpen: write ? write.at - t.down : Number.NaN,
      txCommit: write?.done !== undefined ? write.done - write.at : Number.NaN,
      txOthers: t.tx
        .filter((x) => x !== write)
        .map((x) => `${x.mode}:${x.stores}`)
        .join(" "),
      render: write?.done !== undefined ? t.dom - write.done : Number.NaN,
      toFrame: t.raf - t.dom,
      frameToPaint: t.painted - t.raf,
      style: sums.style ?? 0,
      layout: sums.layout ?? 0,
      paint: sums.paint ?? 0,
      gc: sums.gc ?? 0,
      gcs: gcs.join(" "),
      tasks: sums.task ?? 0,
    };
  });
  const f = (n: number) => (Number.isNaN(n) ? "  -  " : n.toFixed(1).padStart(6));
  process.stdout.write(
    `${rate}× CPU, ${rows.length} answer taps (ms from pointerdown)\n total toClick clickQ txOpen txCommit render toFrame frm→paint | style layout paint gc tasks | gc events; other tx\n`,
  );
  for (const r of [...rows].sort((a, b) => b.total - a.total))
    process.stdout.write(
      `${f(r.total)} ${f(r.toClick)} ${f(r.clickQueued)} ${f(r.txOpen)} ${f(r.txCommit)} ${f(r.render)} ${f(r.toFrame)} ${f(r.frameToPaint)} | ${f(r.style)} ${f(r.layout)} ${f(r.paint)} ${f(r.gc)} ${f(r.tasks)} | ${r.gcs} ${r.txOthers}\n`,
    );
  const slowest = [...taps].sort((a, b) => b.painted - b.down - (a.painted - a.down)).slice(0, 4);
  for (const t of slowest) {
    process.stdout.write(`-- tap ${(t.painted - t.down).toFixed(1)} ms\n`);
    for (const e of t.ev)
      process.stdout.write(
        `  event ${e.name} start+${(e.start - t.down).toFixed(1)} delay ${(e.ps - e.start).toFixed(1)} handlers ${(e.pe - e.ps).toFixed(1)} dur ${e.dur}\n`,
      );
    for (const l of t.loaf) {
      process.stdout.write(
        `  loaf +${(l.start - t.down).toFixed(1)} dur ${l.dur.toFixed(1)} block ${l.block.toFixed(1)} render@+${(l.render - t.down).toFixed(1)} style@+${(l.style - t.down).toFixed(1)}\n`,
      );
      for (const sc of l.scripts)
        process.stdout.write(
          `    script ${sc.type} ${sc.inv} +${(sc.start - t.down).toFixed(1)} dur ${sc.dur.toFixed(1)} forcedSL ${sc.fsl.toFixed(1)}\n`,
        );
    }
  }
  const pct = (key: keyof (typeof rows)[number], p: number) => {
    const sorted = rows
      .map((r) => r[key] as number)
      .filter((n) => !Number.isNaN(n))
      .sort((a, b) => a - b);
    return (
      sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
    );
  };
  for (const p of [50, 95])
    process.stdout.write(
      `p${p}: ${(["total", "toClick", "clickQueued", "txOpen", "txCommit", "render", "toFrame", "frameToPaint", "style", "layout", "paint", "gc", "tasks"] as const).map((k) => `${k} ${f(pct(k, p))}`).join(" ")}\n`,
    );
  await context.close();
} finally {
  await browser.close();
  server.close();
}
