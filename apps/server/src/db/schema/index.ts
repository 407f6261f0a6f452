export * from './auth.ts';
export * from './base-data.ts';
export * from './customers.ts';
export * from './imports.ts';
export * from './organization.ts';
export * from './platform.ts';
export * from './pools.ts';
