/**
 * What the orders module calls on churn: a new order recovers the customer. Re-exported here (the
 * churn module builds on orders' facts, so orders reaching its service would be a circle).
 */
export { recoverOnOrder } from './recovery.ts';
