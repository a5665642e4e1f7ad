// Type-checks Grafana dashboard JSON files as `Dashboard` from @grafana/schema with the TypeScript compiler.
// Usage: node check.mjs FILE_OR_DIR...  Prints one line per problem (file:line:col message); exit 1 on any.
// Each dashboard becomes an in-memory module `const d: Json<Dashboard> = <json>`, so excess-property checks apply
// to every nested object literal (panels, field config, variables, annotations). Json<T> is Dashboard as JSON can
// express it: string enums (ThresholdsMode...) become the unions of their values, which is what the JSON holds,
// and query objects (anything with a refId) may carry their plugin's own keys. Nothing is written to disk.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const virtualDir = path.join(here, '__virtual__');

function collect(arg, out) {
  const stat = fs.statSync(arg);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(arg).sort()) {
      collect(path.join(arg, name), out);
    }
  } else if (arg.endsWith('.json')) {
    out.push(path.resolve(arg));
  }
}

const inputs = [];
for (const arg of process.argv.slice(2)) {
  collect(arg, inputs);
}
if (inputs.length === 0) {
  console.error('no dashboard JSON files given');
  process.exit(2);
}

const PRELUDE = "import type { Dashboard } from '@grafana/schema'; "
  + 'type Json<T> = T extends string ? `${T}` : T extends readonly (infer E)[] ? Json<E>[] '
  + ': T extends { refId: string } ? { [K in keyof T]: Json<T[K]> } & Record<string, unknown> '
  + ': T extends object ? { [K in keyof T]: Json<T[K]> } : T;\n';
const virtual = new Map();
inputs.forEach((file, i) => {
  const json = fs.readFileSync(file, 'utf8');
  JSON.parse(json); // a syntax error is reported here, naming the file
  const source = `${PRELUDE}const dashboard: Json<Dashboard> = ${json};\nexport default dashboard;\n`;
  virtual.set(path.join(virtualDir, `d${i}.ts`), { source, file });
});

const options = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  types: [],
};
const host = ts.createCompilerHost(options);
const getSourceFile = host.getSourceFile.bind(host);
host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
  const v = virtual.get(path.resolve(name));
  return v ? ts.createSourceFile(name, v.source, languageVersion, true)
    : getSourceFile(name, languageVersion, onError, shouldCreate);
};
const fileExists = host.fileExists.bind(host);
host.fileExists = (name) => virtual.has(path.resolve(name)) || fileExists(name);
const readFile = host.readFile.bind(host);
host.readFile = (name) => virtual.get(path.resolve(name))?.source ?? readFile(name);

const program = ts.createProgram([...virtual.keys()], options, host);
const diagnostics = ts.getPreEmitDiagnostics(program);
for (const d of diagnostics) {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
  if (d.file) {
    const v = virtual.get(path.resolve(d.file.fileName));
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    // Line 2 of the module is line 1 of the JSON.
    console.log(`${v ? v.file : d.file.fileName}:${v ? line : line + 1}:${character + 1} ${message}`);
  } else {
    console.log(message);
  }
}
console.log(`checked ${inputs.length} dashboards: ${diagnostics.length} problems`);
process.exit(diagnostics.length === 0 ? 0 : 1);
