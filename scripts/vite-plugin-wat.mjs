// `import bytes from './kernel.wat?wasm-bytes'`: the WebAssembly text file assembled with the
// `wabt` package (SIMD enabled) when the module is loaded, exported as a Uint8Array. Used by the
// app build (main and worker bundles) and Vitest, so the bench's build has it too: the binary is
// never committed, its source is. The bytes are inlined (under 1 KB): no extra request, and nothing
// for the Content-Security-Policy beyond 'wasm-unsafe-eval'.
import { readFile } from 'node:fs/promises';

const SUFFIX = '?wasm-bytes';

/** @returns {import('vite').Plugin} */
export function watPlugin() {
  return {
    name: 'memscope-wat',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, { skipSelf: true });
      return resolved ? `${resolved.id}${SUFFIX}` : null;
    },
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      const text = await readFile(file, 'utf8');
      const wabt = await (await import('wabt')).default();
      const module = wabt.parseWat(file, text, { simd: true });
      try {
        module.validate();
        const { buffer } = module.toBinary({});
        const base64 = Buffer.from(buffer).toString('base64');
        return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));\n`;
      } finally {
        module.destroy();
      }
    },
  };
}
