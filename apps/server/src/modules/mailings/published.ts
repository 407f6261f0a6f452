// The tenant's SMTP for the system's own messages (e-mail reminders): a published interface, so
// modules that mailings builds on (through leads, customers) can send without a circle.
export type { Outcome } from './delivery.ts';
export {
  type SystemMail,
  type SystemMailer,
  sendSystemMail,
  smtpConfigured,
  systemMailer,
} from './system-mail.ts';
