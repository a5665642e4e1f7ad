// Bundles page.js with esbuild, then drives Debian's headless Chromium (playwright-core, no downloaded browser)
// through each visit: load the page, click "Pay now", leave the page so Faro flushes web vitals and the page's
// sendBeacon fires. Usage: node run.mjs <out-dir> <visit-url>... Prints one JSON line per visit with what the
// browser saw of its telemetry posts (/collect, /v1/traces, /v1/logs: statuses, failures, console errors).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [outDir, ...visits] = process.argv.slice(2);
if (!outDir || visits.length === 0) {
  console.error('usage: node run.mjs <out-dir> <visit-url>...');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: [join(here, 'page.js')], bundle: true, format: 'iife', platform: 'browser', target: 'es2020',
  outfile: join(outDir, 'faro-page.js'), logLevel: 'warning',
});
copyFileSync(join(here, 'index.html'), join(outDir, 'index.html'));

// Flags that keep Chromium (run as root in CI) from reaching any host but the loopback pages.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  for (const url of visits) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = { url, statuses: [], failures: [], console: [] };
    const telemetry = (u) => ['/collect', '/v1/traces', '/v1/logs'].includes(new URL(u).pathname);
    const path = (u) => new URL(u).pathname;
    page.on('response', (r) => { if (telemetry(r.url())) seen.statuses.push(`${path(r.url())} ${r.status()}`); });
    page.on('requestfailed', (r) => {
      if (telemetry(r.url())) seen.failures.push(`${path(r.url())} ${r.failure()?.errorText || 'failed'}`);
    });
    page.on('console', (m) => { if (m.type() === 'error') seen.console.push(m.text()); });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.faroPageReady === true, null, { timeout: 10_000 });
    await page.click('#pay');
    // Let Faro's 200 ms batches go out (or fail) before the page is left.
    const done = () => seen.statuses.length + seen.failures.length;
    for (let i = 0; i < 50 && done() < 2; i++) await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    // Leaving the page fires pagehide: web-vitals reports LCP/CLS/INP, Faro flushes with keepalive, the beacon goes.
    await page.goto('about:blank');
    await page.waitForTimeout(1000);
    await context.close();
    console.log(JSON.stringify(seen));
  }
} finally {
  await browser.close();
}
