import path from 'node:path';
import { z } from 'zod';
import { keyFromDataDir, ServerKey } from './platform/secrets.ts';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  GUANXI_DATA_DIR: z.string().default('./data'),
  GUANXI_ADMIN_PASSWORD: z.string().min(8).optional(),
  GUANXI_DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Failed logins within the window that lock an account. */
  GUANXI_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  GUANXI_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Login attempts per IP per minute. */
  GUANXI_LOGIN_IP_LIMIT: z.coerce.number().int().min(1).max(10000).default(30),
  GUANXI_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /** Serve cookies with `Secure` (behind HTTPS). Auto when the request came over HTTPS. */
  GUANXI_TRUST_PROXY: bool.default(false),
  GUANXI_WEB_DIST: z.string().optional(),
  /** A backup file (`npm run cli -- backup`) to load into an empty embedded database. */
  GUANXI_RESTORE_FROM: z.string().optional(),
  /** The key that seals stored credentials; else `secret.key` in the data directory. */
  GUANXI_SECRET_KEY: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  adminPassword?: string;
  demo: boolean;
  logLevel: string;
  lockoutAttempts: number;
  lockoutMinutes: number;
  loginIpLimit: number;
  sessionHours: number;
  trustProxy: boolean;
  webDist?: string;
  restoreFrom?: string;
  /** Seals and opens stored credentials (platform/secrets.ts). */
  serverKey: ServerKey;
};

// Relative paths are taken from where the user ran npm (INIT_CWD), not from the workspace folder.
const userCwd = () => process.env.INIT_CWD ?? process.cwd();

/** Reads every setting from the environment once; throws a readable error on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(userCwd(), e.GUANXI_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    adminPassword: e.GUANXI_ADMIN_PASSWORD,
    demo: e.GUANXI_DEMO,
    logLevel: e.LOG_LEVEL,
    lockoutAttempts: e.GUANXI_LOCKOUT_ATTEMPTS,
    lockoutMinutes: e.GUANXI_LOCKOUT_MINUTES,
    loginIpLimit: e.GUANXI_LOGIN_IP_LIMIT,
    sessionHours: e.GUANXI_SESSION_HOURS,
    trustProxy: e.GUANXI_TRUST_PROXY,
    webDist: e.GUANXI_WEB_DIST,
    restoreFrom: e.GUANXI_RESTORE_FROM ? path.resolve(userCwd(), e.GUANXI_RESTORE_FROM) : undefined,
    serverKey: e.GUANXI_SECRET_KEY
      ? ServerKey.parse(e.GUANXI_SECRET_KEY, 'GUANXI_SECRET_KEY')
      : keyFromDataDir(dataDir),
  };
}

/** The server key of tests and tools: fixed, so no key file is written anywhere. */
export const TEST_SECRET_KEY = 'Z3VhbnhpIHRlc3RzOiBmaXhlZCBzZXJ2ZXIga2V5ISE';

/** Settings for tests and tools: defaults, no demo data, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      GUANXI_DEMO: '0',
      GUANXI_LOGIN_IP_LIMIT: '10000',
      GUANXI_SECRET_KEY: TEST_SECRET_KEY,
    }),
    ...overrides,
  };
}
