/**
 * `npm run build:dashboard`: builds the dashboard into dist/dashboard/<hash>/ (what `npm start`
 * does when it is missing) and prints the script's size against its budget.
 */
import { buildDashboard, ensureDashboard, SCRIPT_BUDGET_GZIP_BYTES } from '../src/dashboard/build.ts';

const { dir, built } = await ensureDashboard();
// Already built: build a copy just to measure it (esbuild takes well under a second).
const measured = built ?? (await buildDashboard(`${dir}.measure-${process.pid}`));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`Dashboard: ${dir}`);
console.log(`  files: ${measured.files.join(', ')}`);
console.log(
  `  script: ${kib(measured.scriptBytes)} minified · ${kib(measured.scriptGzipBytes)} gzip (budget ${kib(SCRIPT_BUDGET_GZIP_BYTES)} gzip)`,
);
console.log(`  stylesheet: ${kib(measured.styleBytes)} minified`);
if (!built) {
  const { rm } = await import('node:fs/promises');
  await rm(measured.dir, { recursive: true, force: true });
}
if (measured.scriptGzipBytes > SCRIPT_BUDGET_GZIP_BYTES) process.exit(1);
