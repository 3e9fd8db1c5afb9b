// Prints raw, gzip (-9) and brotli (quality 11) sizes of the files or URLs given, one per line.
// Used by size.sh; a figure to read, not a test.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const pad = (value, width) => String(value).padStart(width);
console.log(`${'file'.padEnd(44)} ${pad('raw', 10)} ${pad('gzip', 10)} ${pad('brotli', 10)}`);
for (const arg of process.argv.slice(2)) {
  const [label, source] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, arg];
  const bytes = /^https?:/.test(source)
    ? Buffer.from(await (await fetch(source, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer())
    : readFileSync(source);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  console.log(`${label.padEnd(44)} ${pad(bytes.length, 10)} ${pad(gzip, 10)} ${pad(brotli, 10)}`);
}
