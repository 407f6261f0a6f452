import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { keyFromDataDir, ServerKey } from './platform/secrets.ts';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Which proxies in front may say who the client is: none, a count of hops, or their addresses. */
export type TrustProxy = false | number | string[];

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isAddressOrCidr = (v: string) => {
  if (proxyNames.has(v) || isIP(v)) return true;
  const [addr, bits, ...rest] = v.split('/');
  const family = isIP(addr ?? '');
  return (
    !rest.length && family > 0 && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= (family === 4 ? 32 : 128)
  );
};

/**
 * `GUANXI_TRUST_PROXY`: `0` (default) trusts no proxy; a number is how many proxy hops in front of
 * the server append to `X-Forwarded-For` (`1`: one reverse proxy); a comma-separated list names
 * the proxies (addresses or CIDRs, or `loopback` / `linklocal` / `uniquelocal`). The client is the
 * first address, from the right, that no trusted proxy added — never the leftmost, which the client
 * writes itself. `true` / `yes` mean one hop (they used to trust every hop, which let a client pick
 * its address).
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): TrustProxy => {
    const lower = v.toLowerCase();
    if (['', '0', 'false', 'no'].includes(lower)) return false;
    if (['true', 'yes'].includes(lower)) return 1;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 10) return hops;
    } else {
      const list = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (list.length && list.every(isAddressOrCidr)) return list;
    }
    ctx.addIssue({
      code: 'custom',
      message: 'a number of proxy hops (0–10) or a comma-separated list of proxy addresses/CIDRs',
    });
    return z.NEVER;
  });

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  /** A streaming replica of DATABASE_URL for reads that may be a moment old (platform/read-db.ts). */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_READ_URL must start with postgres://')
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
  /** Heavy reads (quick search, exact totals) one user may run at once, and start per minute. */
  GUANXI_HEAVY_READS_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).default(4),
  GUANXI_HEAVY_READS_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(120),
  GUANXI_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /** Proxies trusted for `X-Forwarded-For` / `-Proto` (client IP; `Secure` cookies behind HTTPS). */
  GUANXI_TRUST_PROXY: trustProxy.default(false),
  GUANXI_WEB_DIST: z.string().optional(),
  /** A backup file (`npm run cli -- backup`) to load into an empty embedded database. */
  GUANXI_RESTORE_FROM: z.string().optional(),
  /** The key that seals stored credentials; else `secret.key` in the data directory. */
  GUANXI_SECRET_KEY: z.string().optional(),
  /** Attached files in an S3-compatible bucket (path-style): `https://host[:port]/<bucket>`; else in the database. */
  GUANXI_S3_URL: z.url({ protocol: /^https?$/ }).optional(),
  GUANXI_S3_BUCKET: z.string().min(3).max(63).optional(),
  GUANXI_S3_ACCESS_KEY: z.string().min(1).optional(),
  GUANXI_S3_SECRET_KEY: z.string().min(1).optional(),
  GUANXI_S3_REGION: z.string().min(1).default('us-east-1'),
  /** 高德 (Amap) web-service key: check-ins get their district and street from its reverse geocoder. */
  GUANXI_AMAP_KEY: z.string().trim().min(1).optional(),
  /** `1`: webhooks may target private, loopback and link-local addresses (a receiver on the LAN). */
  GUANXI_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
});

/** Where attached files are kept when not in the database: an S3-compatible bucket, path-style. */
export type S3Config = {
  /** The service's origin, e.g. `https://minio.example.com:9000`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  /** Reports, dashboards and exports read here (a replica); only with `databaseUrl`. */
  databaseReadUrl?: string;
  dataDir: string;
  adminPassword?: string;
  demo: boolean;
  logLevel: string;
  lockoutAttempts: number;
  lockoutMinutes: number;
  loginIpLimit: number;
  /** Per-user limits on quick searches and exact totals (platform/read-throttle.ts). */
  heavyReads: { inFlight: number; perMinute: number };
  sessionHours: number;
  /** Passed to Fastify as is (GUANXI_TRUST_PROXY). */
  trustProxy: TrustedProxies;
  webDist?: string;
  restoreFrom?: string;
  /** Seals and opens stored credentials (platform/secrets.ts). */
  serverKey: ServerKey;
  /** Attached files go to this bucket (GUANXI_S3_URL …); absent: into the database. */
  s3?: S3Config;
  /** Reverse geocoding of check-ins (district, street) through Amap; absent: province/city offline only. */
  amapKey?: string;
  /** Webhooks may target private networks (GUANXI_WEBHOOK_ALLOW_PRIVATE); off, only public addresses. */
  webhookAllowPrivate: boolean;
};

/** Fastify's `trustProxy`: `false`, the proxies' addresses, or a hop count as a function. */
export type TrustedProxies = false | string[] | ((address: string, hop: number) => boolean);

/**
 * A hop count becomes a function: Fastify 5 takes a bare number as "trust nothing", and `true`
 * would trust every hop (the client's own entries too).
 */
function trustedProxies(t: TrustProxy): TrustedProxies {
  return typeof t === 'number' ? (_address, hop) => hop < t : t;
}

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
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir,
    adminPassword: e.GUANXI_ADMIN_PASSWORD,
    demo: e.GUANXI_DEMO,
    logLevel: e.LOG_LEVEL,
    lockoutAttempts: e.GUANXI_LOCKOUT_ATTEMPTS,
    lockoutMinutes: e.GUANXI_LOCKOUT_MINUTES,
    loginIpLimit: e.GUANXI_LOGIN_IP_LIMIT,
    heavyReads: { inFlight: e.GUANXI_HEAVY_READS_IN_FLIGHT, perMinute: e.GUANXI_HEAVY_READS_PER_MINUTE },
    sessionHours: e.GUANXI_SESSION_HOURS,
    trustProxy: trustedProxies(e.GUANXI_TRUST_PROXY),
    webDist: e.GUANXI_WEB_DIST,
    restoreFrom: e.GUANXI_RESTORE_FROM ? path.resolve(userCwd(), e.GUANXI_RESTORE_FROM) : undefined,
    serverKey: e.GUANXI_SECRET_KEY
      ? ServerKey.parse(e.GUANXI_SECRET_KEY, 'GUANXI_SECRET_KEY')
      : keyFromDataDir(dataDir),
    s3: s3Config(e),
    amapKey: e.GUANXI_AMAP_KEY,
    webhookAllowPrivate: e.GUANXI_WEBHOOK_ALLOW_PRIVATE,
  };
}

/** GUANXI_S3_URL with the bucket as its first path segment or in GUANXI_S3_BUCKET, and both keys. */
function s3Config(e: z.infer<typeof configSchema>): S3Config | undefined {
  if (!e.GUANXI_S3_URL) return undefined;
  const url = new URL(e.GUANXI_S3_URL);
  const bucket = e.GUANXI_S3_BUCKET ?? url.pathname.split('/').filter(Boolean)[0];
  const problems = [
    !bucket && 'GUANXI_S3_BUCKET: name the bucket (or put it in GUANXI_S3_URL: https://host/<bucket>)',
    !e.GUANXI_S3_ACCESS_KEY && 'GUANXI_S3_ACCESS_KEY: required with GUANXI_S3_URL',
    !e.GUANXI_S3_SECRET_KEY && 'GUANXI_S3_SECRET_KEY: required with GUANXI_S3_URL',
  ].filter(Boolean);
  if (problems.length) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    endpoint: url.origin,
    bucket: bucket!,
    region: e.GUANXI_S3_REGION,
    accessKeyId: e.GUANXI_S3_ACCESS_KEY!,
    secretAccessKey: e.GUANXI_S3_SECRET_KEY!,
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
