#!/usr/bin/env node
// `npm start`: install what is missing, generate the sample if missing, build, then serve the built
// app on localhost. The app opens the bundled sample (public/sample/manifest.json) on first load.
import { bin, ensureDependencies, ensureSample, run } from './lib/setup.mjs';

const port = Number(process.env.PORT || 4173);

async function main() {
  for (const step of [ensureDependencies, ensureSample, () => run(bin('vite'), ['build'])]) {
    const code = await step();
    if (code !== 0) {
      console.error(`npm start: a step failed (exit ${code}); see the output above.`);
      process.exit(code);
    }
  }
  console.log(`\nmemscope is being served at http://localhost:${port}/  (Ctrl+C stops it)\n`);
  const code = await run(bin('vite'), ['preview', '--port', String(port), '--strictPort'], {
    stdio: ['inherit', 'inherit', 'inherit'],
  });
  process.exit(code);
}

main();
