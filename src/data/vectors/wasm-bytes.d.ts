/** `?wasm-bytes` imports: WebAssembly text assembled at build time (scripts/vite-plugin-wat.ts). */
declare module '*.wat?wasm-bytes' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
