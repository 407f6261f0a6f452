/**
 * What people may type, shared by the API's schemas and the web forms: a form stops at the length
 * (or range) the server checks, so both change together. Lengths are in characters.
 */

/** Mainland mobile or landline-ish phone, as typed (digits, spaces, dashes, an optional +). */
export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{5,19}$/;
/** Usernames: 3–32 of letters, digits, `_` and `.`. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.]{3,32}$/;
/** Unified social credit code or older tax numbers: 8–20 letters or digits. */
export const TAX_NUMBER_PATTERN = /^[0-9A-Za-z]{8,20}$/;
/** Bank account numbers: 6–34 digits, spaces or dashes. */
export const BANK_ACCOUNT_PATTERN = /^[0-9 -]{6,34}$/;
/** Money and capital as exact decimal strings: at most 16 digits and 2 decimals. */
export const MONEY_PATTERN = /^-?\d{1,16}(\.\d{1,2})?$/;

/** The longest phone input (what is valid is the pattern's say). */
export const PHONE_MAX = 30;
export const EMAIL_MAX = 100;

export const departmentLimits = { name: 50, sortOrder: { min: 0, max: 100_000 } } as const;

export const roleLimits = { name: 50, description: 500 } as const;

export const userLimits = { name: 50, jobTitle: 50, employeeCode: 32 } as const;

export const dictionaryItemLimits = { name: 50, remark: 500 } as const;

export const tenantLimits = { name: 100, employeeCodePattern: 100 } as const;

/** Number prefixes: 1–8 letters or digits. */
export const NUMBERING_PREFIX_PATTERN = /^[A-Za-z0-9]{1,8}$/;
export const numberingLimits = { prefix: 8, sequenceWidth: { min: 3, max: 8 } } as const;

export const apiTokenLimits = { name: 50, expiresInDays: { min: 1, max: 3650 } } as const;

export const savedQueryLimits = { name: 50 } as const;

export const customFieldLimits = { title: 16, optionLabel: 50 } as const;

/** A public pool's name and rules (an empty rule is no rule). */
export const poolLimits = {
  name: 50,
  recycleDays: { min: 1, max: 3650 },
  remindDaysBefore: { min: 0, max: 365 },
  customers: { min: 0, max: 100_000 },
  cooldownDays: { min: 0, max: 3650 },
  releaseReason: 200,
} as const;

export const customerLimits = {
  name: 200,
  shortName: 50,
  address: 200,
  website: 200,
  bankName: 100,
  legalRepresentative: 50,
  profile: 5000,
  /** The longest the tax number and bank account patterns allow. */
  taxNumber: 20,
  bankAccount: 34,
  /** Each tag, and how many a customer has. */
  tag: 20,
  tags: 20,
  invalidReason: 200,
} as const;

export const contactLimits = {
  name: 50,
  title: 50,
  department: 50,
  wechat: 50,
  decisionRole: 50,
  remark: 500,
} as const;

/**
 * Exports: a list up to `directRows` downloads at once (GET …/export); a bigger one runs as a job
 * (POST …/exports). Jobs in flight (queued or running) are capped per user and per tenant, so a
 * burst of exports queues a few and refuses the rest (429) instead of starving everyone.
 */
export const exportLimits = { directRows: 5_000, activePerUser: 3, activePerTenant: 10 } as const;
