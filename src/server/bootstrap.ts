/** Create the application context from the environment: open and migrate the database, load the calendar. */
import { join } from 'node:path';
import { BusinessCalendar } from '../calendar/calendar.js';
import { migrate, openDatabase, type Db } from '../db/database.js';
import { systemClock, type Clock } from '../domain/dates.js';
import { DEFAULT_RULES } from '../domain/deadlines.js';
import type { AppContext, Mailer } from './context.js';
import { createMailer } from './mailer.js';
import { loadCalendar } from '../modules/calendar/calendar.store.js';
import { loadSettings } from '../modules/settings/settings.js';

export interface Config {
  databaseUrl: string;
  dataDir: string;
  smtpUrl?: string;
  port: number;
  host: string;
  seedDemo: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.DATA_DIR ?? 'data';
  return {
    databaseUrl: env.DATABASE_URL || join(dataDir, 'complaints.sqlite'),
    dataDir,
    smtpUrl: env.SMTP_URL || undefined,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    seedDemo: env.SEED_DEMO !== '0',
  };
}

/** Build a context over an open database; the calendar starts from the shipped official data. */
export function createContext(db: Db, opts: { clock?: Clock; mailer?: Mailer | null; dataDir?: string } = {}): AppContext {
  let calendar = new BusinessCalendar();
  return {
    db,
    clock: opts.clock ?? systemClock,
    rules: { ...DEFAULT_RULES },
    calendar: () => calendar,
    setCalendar: (c) => void (calendar = c),
    mailer: opts.mailer ?? null,
    dataDir: opts.dataDir ?? 'data',
  };
}

/** Open, migrate and load everything administrators configured (calendar, settings): the server and the CLI see the same rules. */
export async function openContext(config: Config, clock?: Clock): Promise<AppContext> {
  const db = openDatabase(config.databaseUrl);
  await migrate(db);
  const ctx = createContext(db, { clock, mailer: createMailer(config.smtpUrl), dataDir: config.dataDir });
  await loadCalendar(ctx);
  await loadSettings(ctx);
  return ctx;
}
