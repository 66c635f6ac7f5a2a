import React, { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  ButtonRow,
  DescriptionList,
  DescriptionListItem,
  Divider,
  LoadingSpinner,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { useCrmProperties } from '@hubspot/ui-extensions/crm';
import { CCS_PROPERTIES } from './workerConfig.js';
import { loadStatus, runAction } from './workerApi.js';

const BUTTONS = [
  { action: 'pause', label: 'Pause' },
  { action: 'resume', label: 'Resume' },
  { action: 'exit', label: 'Exit' },
  { action: 'skip', label: 'Skip this step' },
];

/** What HubSpot itself holds (the ccs_* properties the worker writes back): shown when the worker cannot answer. */
function StoredStatus({ properties }) {
  const value = (name) => (properties?.[name] ? String(properties[name]) : '—');
  return (
    <DescriptionList direction="row">
      <DescriptionListItem label="Segment">{value('ccs_segment')}</DescriptionListItem>
      <DescriptionListItem label="Cadence">{value('ccs_cadence')}</DescriptionListItem>
      <DescriptionListItem label="Current step">{value('ccs_cadence_step')}</DescriptionListItem>
      <DescriptionListItem label="Next touch">{value('ccs_next_touch_at')}</DescriptionListItem>
      <DescriptionListItem label="Status">{value('ccs_cadence_status')}</DescriptionListItem>
    </DescriptionList>
  );
}

function History({ history }) {
  if (!history || history.length === 0) {
    return <Text testId="history-empty">No steps run yet.</Text>;
  }

  return (
    <Table bordered={true} testId="history">
      <TableHead>
        <TableRow>
          <TableHeader>Step</TableHeader>
          <TableHeader>Outcome</TableHeader>
          <TableHeader>When</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {history.map((run) => (
          <TableRow key={`${run.step}-${run.at}-${run.outcome}`}>
            <TableCell>{`${run.step} ${run.stepId}`}</TableCell>
            <TableCell>{run.reason ? `${run.outcome}: ${run.reason}` : run.outcome}</TableCell>
            <TableCell>{run.at}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The contact's cadence card. `fetcher` is hubspot.fetch in HubSpot (signed, HTTPS, permittedUrls only) and a stub in
 * tests; `baseUrl` defaults to the configured worker.
 */
export function CadenceCardView({ context, fetcher, baseUrl }) {
  const contactId = context?.crm?.objectId;
  const { properties, isLoading: propertiesLoading } = useCrmProperties(CCS_PROPERTIES);
  const [status, setStatus] = useState(null);
  const [unreachable, setUnreachable] = useState(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(null);
  const [actionError, setActionError] = useState(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await loadStatus(fetcher, contactId, baseUrl));
      setUnreachable(null);
    } catch (error) {
      setUnreachable(error?.message ?? String(error));
    } finally {
      setLoading(false);
    }
  }, [fetcher, contactId, baseUrl]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  const act = async (action) => {
    setBusy(action);
    setActionError(null);
    try {
      const next = await runAction(fetcher, contactId, action, status?.enrollment?.id, baseUrl);
      if (next) {
        setStatus(next);
      }
    } catch (error) {
      setActionError(error?.message ?? String(error));
    } finally {
      setBusy(null);
    }
  };

  if (loading || propertiesLoading) {
    return <LoadingSpinner label="Loading the cadence" />;
  }

  if (unreachable) {
    return (
      <>
        <Alert title="The cadence worker cannot be reached" variant="warning" testId="unreachable">
          {`Showing the status last written to HubSpot; actions are unavailable until the worker answers (${unreachable}).`}
        </Alert>
        <StoredStatus properties={properties} />
      </>
    );
  }

  const enrollment = status?.enrollment;
  if (!enrollment) {
    return <Text testId="not-enrolled">This contact is not in a cadence.</Text>;
  }

  const allowed = new Set(enrollment.actions ?? []);
  return (
    <>
      <DescriptionList direction="row">
        <DescriptionListItem label="Segment">{enrollment.segment}</DescriptionListItem>
        <DescriptionListItem label="Cadence">{enrollment.cadence}</DescriptionListItem>
        <DescriptionListItem label="Current step">{enrollment.currentStep ?? '—'}</DescriptionListItem>
        <DescriptionListItem label="Next touch">
          {enrollment.nextTouch ? `${enrollment.nextTouch} (${enrollment.timeZone})` : '—'}
        </DescriptionListItem>
        <DescriptionListItem label="Status">{enrollment.status}</DescriptionListItem>
      </DescriptionList>
      {actionError ? (
        <Alert title="That did not work" variant="error" testId="action-error">
          {actionError}
        </Alert>
      ) : null}
      <ButtonRow>
        {BUTTONS.filter((b) => allowed.has(b.action)).map((b) => (
          <Button
            key={b.action}
            testId={`action-${b.action}`}
            variant={b.action === 'exit' ? 'destructive' : 'secondary'}
            disabled={busy !== null}
            onClick={() => act(b.action)}
          >
            {b.label}
          </Button>
        ))}
      </ButtonRow>
      <Divider />
      <Text format={{ fontWeight: 'bold' }}>Step history</Text>
      <History history={status.history} />
    </>
  );
}
