export * from './audit.ts';
export * from './auth.ts';
export * from './common.ts';
export * from './dictionaries.ts';
export * from './errors.ts';
export * from './organization.ts';
export * from './permissions.ts';
