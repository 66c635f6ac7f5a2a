import React from 'react';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { Alert, Button, DescriptionListItem, TableCell, TableRow, Text } from '@hubspot/ui-extensions';
import { CadenceCardView } from '../src/app/cards/CadenceCardView.jsx';

const BASE = 'https://ccs.test';
const context = { crm: { objectId: 1001, objectTypeId: '0-1' }, user: { id: 7, email: 'rep@example.com' } };

const status = (overrides = {}) => ({
  contactId: '1001',
  enrollment: {
    id: '6a0c1d2e-0000-4000-8000-000000000001',
    segment: 'Hot',
    cadenceId: 'hot-9-touch-14-day',
    cadence: 'Hot: 9 touches in 14 days',
    state: 'Active',
    status: 'Active',
    currentStep: '2 of 9: linkedin-connect (LinkedIn)',
    nextTouch: 'Tue 24 Nov 2026 10:00',
    timeZone: 'America/New_York',
    actions: ['pause', 'exit', 'skip'],
    ...overrides,
  },
  history: [{ step: 1, stepId: 'quiz-follow-up-email', outcome: 'Written', reason: null, at: 'Mon 23 Nov 2026 10:00' }],
});

const json = (body, init = { ok: true, status: 200 }) => ({ ...init, json: async () => body });

function renderCard(fetcher, properties = {}) {
  const renderer = createRenderer('crm.record.tab');
  renderer.mocks.useCrmProperties.willCall(() => ({
    properties,
    error: null,
    isLoading: false,
    isRefetching: false,
    refetch: async () => {},
  }));
  renderer.render(<CadenceCardView context={context} fetcher={fetcher} baseUrl={BASE} />);
  return renderer;
}

const items = (renderer) =>
  Object.fromEntries(renderer.findAll(DescriptionListItem).map((i) => [i.props.label, i.text]));

describe('CadenceCardView', () => {
  it('shows segment, cadence, current step, next touch in the contact zone, status and the step history', async () => {
    const fetcher = jest.fn(async () => json(status()));
    const card = renderCard(fetcher);
    await card.waitFor(() => expect(card.maybeFindByTestId(Text, 'history-empty') ?? card.findAll(TableRow).length).toBeTruthy());

    expect(fetcher).toHaveBeenCalledWith(`${BASE}/hubspot/app/contacts/1001/status`, { method: 'GET', timeout: 10000 });
    expect(items(card)).toEqual({
      Segment: 'Hot',
      Cadence: 'Hot: 9 touches in 14 days',
      'Current step': '2 of 9: linkedin-connect (LinkedIn)',
      'Next touch': 'Tue 24 Nov 2026 10:00 (America/New_York)',
      Status: 'Active',
    });
    const rows = card.findAll(TableRow);
    expect(rows).toHaveLength(2); // header + one run
    expect(rows[1].findAll(TableCell).map((c) => c.text)).toEqual(['1 quiz-follow-up-email', 'Written', 'Mon 23 Nov 2026 10:00']);
    expect(card.findAll(Button).map((b) => b.text)).toEqual(['Pause', 'Exit', 'Skip this step']);
  });

  it('offers Resume (and no Pause) for a paused enrollment', async () => {
    const fetcher = jest.fn(async () => json(status({ state: 'Paused', status: 'Paused', actions: ['resume', 'exit'] })));
    const card = renderCard(fetcher);
    await card.waitFor(() => expect(card.findAll(Button).length).toBe(2));

    expect(card.findAll(Button).map((b) => b.text)).toEqual(['Resume', 'Exit']);
  });

  it('falls back to the ccs_* properties and says the worker cannot be reached when the fetch fails', async () => {
    const fetcher = jest.fn(async () => {
      throw new Error('connection refused');
    });
    const card = renderCard(fetcher, {
      ccs_segment: 'Warm',
      ccs_cadence: 'warm-6-touch',
      ccs_cadence_status: 'Paused',
      ccs_cadence_step: '3',
      ccs_next_touch_at: '2026-11-25T15:00:00Z',
    });
    await card.waitFor(() => expect(card.findByTestId(Alert, 'unreachable')).toBeTruthy());

    const alert = card.findByTestId(Alert, 'unreachable');
    expect(alert.props.title).toBe('The cadence worker cannot be reached');
    expect(alert.text).toContain('connection refused');
    expect(items(card)).toEqual({
      Segment: 'Warm',
      Cadence: 'warm-6-touch',
      'Current step': '3',
      'Next touch': '2026-11-25T15:00:00Z',
      Status: 'Paused',
    });
    expect(card.findAll(Button)).toHaveLength(0);
  });

  it('treats an error answer from the worker as unreachable and still shows the stored status', async () => {
    const fetcher = jest.fn(async () => json({ detail: 'The HubSpot signature does not match.' }, { ok: false, status: 401 }));
    const card = renderCard(fetcher, { ccs_cadence_status: 'Active' });
    await card.waitFor(() => expect(card.findByTestId(Alert, 'unreachable')).toBeTruthy());

    expect(card.findByTestId(Alert, 'unreachable').text).toContain('signature does not match');
    expect(items(card).Status).toBe('Active');
  });

  it.each([
    ['action-pause', 'pause'],
    ['action-exit', 'exit'],
    ['action-skip', 'skip'],
  ])('%s posts to the worker with the enrollment id and shows the new status', async (testId, action) => {
    const after = status({ status: action === 'exit' ? 'Exited: ended by an admin' : 'Paused', actions: [] });
    const fetcher = jest.fn(async (url) => json(url.endsWith('/status') ? status() : after));
    const card = renderCard(fetcher);
    await card.waitFor(() => expect(card.findAll(Button).length).toBe(3));

    card.findByTestId(Button, testId).trigger('onClick');
    await card.waitFor(() => expect(items(card).Status).toBe(after.enrollment.status));

    expect(fetcher).toHaveBeenLastCalledWith(`${BASE}/hubspot/app/contacts/1001/actions/${action}`, {
      method: 'POST',
      timeout: 10000,
      body: { enrollmentId: '6a0c1d2e-0000-4000-8000-000000000001' },
    });
  });

  it('shows the worker reason when an action is refused', async () => {
    const fetcher = jest.fn(async (url) =>
      url.endsWith('/status')
        ? json(status())
        : json({ detail: 'Enrollment 6a0c is Exited; it cannot be paused.' }, { ok: false, status: 409 }));
    const card = renderCard(fetcher);
    await card.waitFor(() => expect(card.findAll(Button).length).toBe(3));

    card.findByTestId(Button, 'action-pause').trigger('onClick');
    await card.waitFor(() => expect(card.findByTestId(Alert, 'action-error')).toBeTruthy());

    expect(card.findByTestId(Alert, 'action-error').text).toBe('Enrollment 6a0c is Exited; it cannot be paused.');
  });

  it('says so when the contact is in no cadence', async () => {
    const card = renderCard(jest.fn(async () => json({ contactId: '1001', enrollment: null, history: [] })));
    await card.waitFor(() => expect(card.findByTestId(Text, 'not-enrolled')).toBeTruthy());
  });
});
