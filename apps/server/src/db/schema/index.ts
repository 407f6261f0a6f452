export * from './auth.ts';
export * from './organization.ts';
export * from './platform.ts';
