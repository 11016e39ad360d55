/**
 * Admin CLI: `npm run cli -- <command> [args]`. Commands are the files in
 * src/cli/commands/, each exporting `command`; `help` lists them.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configFromEnv, openContext } from '../server/bootstrap.js';
import type { CliCommand } from './command.js';

async function loadCommands(): Promise<CliCommand[]> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
  const files = (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));
  const mods = await Promise.all(files.map((f) => import(pathToFileURL(join(dir, f)).href) as Promise<{ command?: CliCommand }>));
  return mods.flatMap((m) => (m.command ? [m.command] : [])).sort((a, b) => a.name.localeCompare(b.name));
}

function help(commands: CliCommand[]): void {
  console.log('用法 usage: npm run cli -- <command> [args]\n');
  for (const c of commands) console.log(`  ${c.usage.padEnd(58)} ${c.description}`);
}

async function main(argv: string[]): Promise<number> {
  const commands = await loadCommands();
  // Longest name first, so 'audit verify' wins over a hypothetical 'audit'.
  const match = [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((w, i) => argv[i] === w));
  if (!match) {
    help(commands);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  const rest = argv.slice(match.name.split(' ').length);
  if (match.needsDb === false) return match.run(rest, null);
  const ctx = await openContext(configFromEnv());
  try {
    return await match.run(rest, ctx);
  } finally {
    await ctx.db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
