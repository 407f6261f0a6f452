/**
 * What the orders module calls on members: a completed order earns its customer's member points.
 * Re-exported here (members read orders through the orders service, so orders reaching the
 * members' service would be a circle).
 */
export { earnOnOrder } from './order-points.ts';
