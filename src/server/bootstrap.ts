/** Create the application context from the environment: open and migrate the database, load the calendar. */
import { join } from 'node:path';
import { BusinessCalendar } from '../calendar/calendar.js';
import { migrate, openDatabase, type Db } from '../db/database.js';
import { systemClock, type Clock } from '../domain/dates.js';
import { DEFAULT_RULES } from '../domain/deadlines.js';
import type { AppContext } from './context.js';

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  seedDemo: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.DATA_DIR ?? 'data';
  return {
    databaseUrl: env.DATABASE_URL || join(dataDir, 'complaints.sqlite'),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    seedDemo: env.SEED_DEMO !== '0',
  };
}

/** Build a context over an open database; the calendar starts from the shipped official data. */
export function createContext(db: Db, clock: Clock = systemClock): AppContext {
  let calendar = new BusinessCalendar();
  return {
    db,
    clock,
    rules: { ...DEFAULT_RULES },
    calendar: () => calendar,
    setCalendar: (c: BusinessCalendar) => void (calendar = c),
  } as AppContext;
}

export async function openContext(databaseUrl: string, clock?: Clock): Promise<AppContext> {
  const db = openDatabase(databaseUrl);
  await migrate(db);
  return createContext(db, clock);
}
