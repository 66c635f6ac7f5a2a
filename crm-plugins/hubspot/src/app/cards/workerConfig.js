// The worker's public HTTPS base URL. It must also be listed in app-hsmeta.json permittedUrls.fetch: HubSpot refuses
// hubspot.fetch to any other origin (a test checks the two agree). Change both when installing.
export const WORKER_BASE_URL = 'https://ccs.example.com';

// The contact status properties the worker writes back; the card reads them through the CRM data hooks so it can still
// show the status when the worker cannot be reached.
export const CCS_PROPERTIES = [
  'ccs_segment',
  'ccs_cadence',
  'ccs_cadence_status',
  'ccs_cadence_step',
  'ccs_next_touch_at',
];

export const CARD_ACTIONS = ['pause', 'resume', 'exit', 'skip'];
