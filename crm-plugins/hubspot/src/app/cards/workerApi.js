import { WORKER_BASE_URL } from './workerConfig.js';

// hubspot.fetch carries no custom headers: the worker authenticates each call by HubSpot's v3 request signature.
export function statusUrl(contactId, baseUrl = WORKER_BASE_URL) {
  return `${baseUrl}/hubspot/app/contacts/${encodeURIComponent(String(contactId))}/status`;
}

export function actionUrl(contactId, action, baseUrl = WORKER_BASE_URL) {
  return `${baseUrl}/hubspot/app/contacts/${encodeURIComponent(String(contactId))}/actions/${action}`;
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The contact's cadence status from the worker; throws with a readable reason when the worker cannot be reached. */
export async function loadStatus(fetcher, contactId, baseUrl) {
  const response = await fetcher(statusUrl(contactId, baseUrl), { method: 'GET', timeout: 10000 });
  if (!response.ok) {
    const problem = await readJson(response);
    throw new Error(problem?.detail ?? `the worker answered ${response.status}`);
  }

  return response.json();
}

/** Pause, resume, exit or skip; resolves with the worker's new status or throws with its reason. */
export async function runAction(fetcher, contactId, action, enrollmentId, baseUrl) {
  const response = await fetcher(actionUrl(contactId, action, baseUrl), {
    method: 'POST',
    timeout: 10000,
    body: { enrollmentId },
  });
  const json = await readJson(response);
  if (!response.ok) {
    throw new Error(json?.detail ?? `the worker answered ${response.status}`);
  }

  return json;
}
