const fs = require('fs');
const path = require('path');
import { WORKER_BASE_URL } from '../src/app/cards/workerConfig.js';
import { actionUrl, statusUrl } from '../src/app/cards/workerApi.js';

const root = path.join(__dirname, '..');
const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

describe('HubSpot project files', () => {
  const project = read('hsproject.json');
  const app = read('src/app/app-hsmeta.json');
  const card = read('src/app/cards/cadence-card-hsmeta.json');
  const actions = fs.readdirSync(path.join(root, 'src/app/workflow-actions')).map((f) => read(`src/app/workflow-actions/${f}`));

  it('targets platform version 2026.03 with src as the source folder', () => {
    expect(project.platformVersion).toBe('2026.03');
    expect(fs.existsSync(path.join(root, project.srcDir, 'app', 'app-hsmeta.json'))).toBe(true);
  });

  it('permits hubspot.fetch only to the worker, over HTTPS, and every URL the card builds is under it', () => {
    expect(app.config.permittedUrls.fetch).toEqual([WORKER_BASE_URL]);
    expect(WORKER_BASE_URL.startsWith('https://')).toBe(true);
    for (const url of [statusUrl(1), actionUrl(1, 'pause')]) {
      expect(url.startsWith(`${WORKER_BASE_URL}/`)).toBe(true);
    }
  });

  it('places the card on contact records with an entry point that exists', () => {
    expect(card.type).toBe('card');
    expect(card.config.objectTypes).toEqual(['contacts']);
    expect(fs.existsSync(path.join(root, project.srcDir, card.config.entrypoint))).toBe(true);
  });

  it('defines Enroll (cadence, optional start step; four outputs), Pause and Exit actions on the worker URL', () => {
    const byUid = Object.fromEntries(actions.map((a) => [a.uid, a]));
    expect(Object.keys(byUid).sort()).toEqual(['ccs_enroll_in_cadence', 'ccs_exit_cadence', 'ccs_pause_cadence']);
    const enroll = byUid.ccs_enroll_in_cadence.config;
    expect(enroll.inputFields.map((f) => [f.typeDefinition.name, f.isRequired])).toEqual([['cadence', true], ['start_step', false]]);
    expect(enroll.outputFields.map((f) => f.typeDefinition.name)).toEqual(['exit_reason', 'replied', 'meeting_booked', 'touches_written']);
    for (const action of actions) {
      expect(action.type).toBe('workflow-action');
      expect(action.config.actionUrl.startsWith(`${WORKER_BASE_URL}/hubspot/app/workflow-actions/`)).toBe(true);
    }
  });

  it('asks for the automation scope the callbacks API needs and the contact scopes the worker uses', () => {
    expect(app.config.auth.requiredScopes).toEqual(expect.arrayContaining(['automation', 'crm.objects.contacts.read', 'crm.objects.contacts.write']));
  });
});
