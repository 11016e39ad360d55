/** One admin CLI command; each lives in src/cli/commands/<name>.ts and is found by name. */
import type { AppContext } from '../server/context.js';

export interface CliCommand {
  /** e.g. 'audit verify' or 'user create'. */
  name: string;
  usage: string;
  description: string;
  /** Does the command need the database (most do)? */
  needsDb?: boolean;
  run(args: string[], ctx: AppContext | null): Promise<number>;
}

/** Parse `--key value` and `--flag` options; the rest are positional. */
export function parseArgs(args: string[]): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      if (v !== undefined) options[k] = v;
      else if (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) options[k] = args[++i];
      else options[k] = true;
    } else positional.push(a);
  }
  return { positional, options };
}

/** A one-line progress bar on stderr for long operations. */
export function progressBar(label: string, total: number): { tick(done: number): void; done(): void } {
  const width = 30;
  const tty = process.stderr.isTTY;
  let last = -1;
  return {
    tick(done) {
      const pct = total > 0 ? Math.min(1, done / total) : 1;
      const step = Math.floor(pct * 100);
      if (step === last) return;
      last = step;
      const bar = '█'.repeat(Math.round(pct * width)).padEnd(width, '░');
      const line = `${label} ${bar} ${step}% (${done}/${total})`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (step % 25 === 0) process.stderr.write(`${line}\n`);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
