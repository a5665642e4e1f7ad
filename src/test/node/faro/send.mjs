// Sends browser telemetry to a UX Lens /collect endpoint through @grafana/faro-core's own API, metas and
// batching, with a small transport that posts Faro's TransportBody using Node's fetch (no browser needed).
// Usage: node send.mjs <collect-url> [api-key]. Prints one JSON line per post: {"status":..,"body":..}.
import {
  BaseTransport, VERSION, getTransportBody, initializeFaro, defaultUnpatchedConsole, defaultGlobalObjectKey,
} from '@grafana/faro-core';

const [url, apiKey] = process.argv.slice(2);
if (!url) {
  console.error('usage: node send.mjs <collect-url> [api-key]');
  process.exit(2);
}

class NodeFetchTransport extends BaseTransport {
  name = '@uxlens/node-fetch-transport';
  version = VERSION;
  posts = [];

  send(items) {
    const body = getTransportBody(Array.isArray(items) ? items : [items]);
    const headers = { 'content-type': 'application/json' };
    if (apiKey) headers['x-api-key'] = apiKey;
    this.posts.push(fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
      .then(async (r) => ({ status: r.status, body: await r.text() })));
  }

  isBatched() {
    return true;
  }

  getIgnoreUrls() {
    return [url];
  }
}

// V8 stack lines: "    at fn (file:line:col)" or "    at file:line:col".
function parseStacktrace(err) {
  const frames = [];
  for (const line of String(err.stack || '').split('\n').slice(1)) {
    const m = line.match(/^\s*at (?:(.+?) \()?(.+):(\d+):(\d+)\)?$/);
    if (m) frames.push({ function: m[1] || '?', filename: m[2], lineno: Number(m[3]), colno: Number(m[4]) });
  }
  return { frames };
}

const transport = new NodeFetchTransport();
const faro = initializeFaro({
  app: { name: 'inventory-web', version: '2.4.1', environment: 'test' },
  batching: { enabled: true, sendTimeout: 100, itemLimit: 50 },
  dedupe: true,
  globalObjectKey: defaultGlobalObjectKey,
  instrumentations: [],
  internalLoggerLevel: 0,
  isolate: true,
  metas: [{
    page: { id: 'p-1', url: 'https://app.example.com/import?step=upload' },
    browser: { name: 'Chrome', version: '131', os: 'Linux', mobile: false, language: 'en-GB' },
  }],
  parseStacktrace,
  paused: false,
  preventGlobalExposure: true,
  transports: [transport],
  unpatchedConsole: defaultUnpatchedConsole,
  sessionTracking: { enabled: false, session: { id: 'sess-faro-node', attributes: { plan: 'pro' } } },
  user: { id: 'user-node-1', attributes: { team: 'ops' } },
  view: { name: 'import' },
});

const t0 = Date.now();
faro.api.pushEvent('Import Started', { rows: '12000' }, 'import');
faro.api.pushMeasurement({ type: 'web-vitals', values: { lcp: 2345.5 } }, { context: { rating: 'good' } });
faro.api.pushMeasurement({ type: 'web-vitals', values: { cls: 0.07 } });
faro.api.pushMeasurement({ type: 'render', values: { render_ms: 118, memory_mb: 84.5 } });
faro.api.pushLog(['upload started']);
try {
  null.rows.length; // a real TypeError with a real V8 stack
} catch (e) {
  faro.api.pushError(e);
}
faro.api.pushTraces({
  resourceSpans: [{
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'inventory-web' } }] },
    scopeSpans: [{
      scope: { name: '@opentelemetry/instrumentation-fetch', version: '0.57.0' },
      spans: [{
        traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', spanId: '0a1b2c3d4e5f6071', name: 'HTTP POST',
        kind: 3, startTimeUnixNano: `${t0}000000`, endTimeUnixNano: `${t0 + 420}000000`,
        attributes: [{ key: 'http.response.status_code', value: { intValue: 201 } },
          { key: 'session.id', value: { stringValue: 'sess-faro-node' } }],
        status: { code: 0 },
      }],
    }],
  }],
});

await new Promise((resolve) => setTimeout(resolve, 600));
const results = await Promise.all(transport.posts);
for (const r of results) console.log(JSON.stringify(r));
process.exit(results.length > 0 && results.every((r) => r.status >= 200 && r.status < 300) ? 0 : 1);
