// Kept apart from the schemas (no zod here): the web app's route table reads it on the first load.

/** The reports of the catalogue; each is also a permission `reports:<code>`. */
export const reportCodes = [
  'customer-contribution',
  'customer-composition',
  'service',
  'churn',
  'sales-ranking',
  'product-sales',
  'top-customers',
  'receivables',
  'expenses',
  'funnel',
  'forecast',
  'target-attainment',
  'activity',
  'sales-pivot',
  'marketing-plans',
  'campaign-roi',
  'card-sales',
  'card-activation',
  'card-consumption',
  'card-liability',
  'card-expiring',
] as const;
