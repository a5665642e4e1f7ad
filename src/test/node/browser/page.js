// The page under test: the real Faro Web SDK (fetch transport, default web instrumentations: errors, web vitals,
// session, views) posting to UX Lens /collect. esbuild bundles this file for the browser (run.mjs).
// Settings come from the page URL: ?collect=<url>&key=<api key>&session=<Segment session id>&label=<text>, and
// &otlp=<UX Lens base URL> to send with Faro's experimental OTLP transport (traces to /v1/traces) instead.
import { faro, getWebInstrumentations, getTransportBody, initializeFaro } from '@grafana/faro-web-sdk';
import { OtlpHttpTransport } from '@grafana/faro-transport-otlp-http';

const params = new URLSearchParams(location.search);
const collect = params.get('collect');
const otlp = params.get('otlp');
const label = params.get('label') || 'page';
const segmentSession = params.get('session');

initializeFaro({
  ...(otlp
    ? { transports: [new OtlpHttpTransport({ tracesURL: `${otlp}/v1/traces`, logsURL: `${otlp}/v1/logs` })] }
    : { url: collect, apiKey: params.get('key') || undefined }),
  app: { name: 'shop-web', version: '3.1.0', environment: 'test' },
  // The same visit in Segment carries properties.session_id = segmentSession: this attribute links the two.
  sessionTracking: { enabled: true, session: { attributes: { session_id: segmentSession } } },
  instrumentations: [...getWebInstrumentations({ captureConsole: false })],
  batching: { enabled: true, sendTimeout: 200, itemLimit: 50 },
});

faro.api.pushEvent('Checkout Started', { label }, 'shop');
faro.api.pushMeasurement({ type: 'render', values: { render_ms: 42 } });
const now = Date.now();
const hex = (bytes) => [...crypto.getRandomValues(new Uint8Array(bytes))]
  .map((b) => b.toString(16).padStart(2, '0')).join('');
faro.api.pushTraces({
  resourceSpans: [{
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop-web' } }] },
    scopeSpans: [{
      scope: { name: 'uxlens-browser-test' },
      spans: [{
        traceId: hex(16), spanId: hex(8), name: `load cart (${label})`,
        kind: 3, startTimeUnixNano: `${now - 250}000000`, endTimeUnixNano: `${now}000000`, status: { code: 0 },
        attributes: [{ key: 'session.id', value: { stringValue: segmentSession } }],
      }],
    }],
  }],
});
document.getElementById('pay').addEventListener('click', () => {
  faro.api.pushEvent('Payment Clicked', { label }, 'shop');
  // An uncaught error, as a real bug throws it: Faro's errors instrumentation reports it.
  setTimeout(() => { throw new TypeError(`card form is not ready (${label})`); }, 0);
});

// On unload, one more record through navigator.sendBeacon: text/plain, no custom headers, no preflight.
addEventListener('pagehide', () => {
  if (otlp) return;
  const body = getTransportBody([{
    type: 'event',
    payload: { name: 'Page Hidden', domain: 'shop', attributes: { label }, timestamp: new Date().toISOString() },
    meta: faro.metas.value,
  }]);
  const key = params.get('key');
  navigator.sendBeacon(key ? `${collect}?api_key=${encodeURIComponent(key)}` : collect, JSON.stringify(body));
});
window.faroPageReady = true;
