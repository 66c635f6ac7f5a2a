import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';

// The status fields CrmCadenceSync writes on Lead and Contact (crm-plugins/salesforce/force-app/.../fields).
export const STATUS_FIELDS = {
    segment: 'CCS_Segment__c',
    cadence: 'CCS_Cadence__c',
    step: 'CCS_Cadence_Step__c',
    nextTouch: 'CCS_Next_Touch__c',
    status: 'CCS_Cadence_Status__c'
};

export const EMPTY = '—';

// "3 of 9: Call (call-1)", as the worker writes CCS_Cadence_Step__c.
const STEP_PATTERN = /^(\d+)\s+of\s+(\d+)/;

function isZone(zone) {
    if (!zone) {
        return false;
    }
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

function errorText(error) {
    if (!error) {
        return '';
    }
    const body = error.body;
    if (Array.isArray(body)) {
        return body.map((e) => e.message).join(', ');
    }
    return (body && body.message) || error.message || 'Unknown error';
}

/**
 * The cadence status of a Lead or Contact, read from the record's CCS_* fields through Lightning Data Service, so it
 * shows without any call to the worker. Fields the user cannot see, or that are not deployed, are read as optional
 * fields and shown as empty rather than failing the component.
 */
export default class CcsCadenceStatus extends LightningElement {
    @api recordId;
    @api objectApiName;

    /** API name of a field holding the person's IANA time zone (the connection's FieldMapping:TimeZoneField). */
    @api timeZoneField;

    record;
    error;

    get optionalFields() {
        if (!this.objectApiName) {
            return undefined;
        }
        const names = Object.values(STATUS_FIELDS);
        if (this.timeZoneField) {
            names.push(this.timeZoneField);
        }
        return names.map((name) => `${this.objectApiName}.${name}`);
    }

    @wire(getRecord, { recordId: '$recordId', optionalFields: '$optionalFields' })
    wiredRecord({ data, error }) {
        this.record = data;
        this.error = error;
    }

    value(name) {
        const field = this.record && this.record.fields && this.record.fields[name];
        const value = field ? field.value : null;
        return value === null || value === undefined || value === '' ? null : value;
    }

    get loading() {
        return !this.record && !this.error;
    }

    get hasError() {
        return Boolean(this.error);
    }

    get errorMessage() {
        return errorText(this.error);
    }

    get ready() {
        return Boolean(this.record);
    }

    get enrolled() {
        return this.value(STATUS_FIELDS.cadence) !== null || this.value(STATUS_FIELDS.status) !== null;
    }

    get segment() {
        return this.value(STATUS_FIELDS.segment) || EMPTY;
    }

    get cadence() {
        return this.value(STATUS_FIELDS.cadence) || EMPTY;
    }

    get status() {
        return this.value(STATUS_FIELDS.status) || EMPTY;
    }

    get step() {
        return this.value(STATUS_FIELDS.step) || EMPTY;
    }

    get EMPTY_TEXT() {
        return EMPTY;
    }

    get nextTouch() {
        return this.value(STATUS_FIELDS.nextTouch);
    }

    get hasNextTouch() {
        return this.nextTouch !== null;
    }

    get contactZone() {
        const zone = this.timeZoneField ? this.value(this.timeZoneField) : null;
        return isZone(zone) ? zone : null;
    }

    get hasContactZone() {
        return this.contactZone !== null;
    }

    get zoneNote() {
        return this.hasContactZone ? `in the contact's time zone (${this.contactZone})` : 'in your time zone (the record has no time zone)';
    }

    /** Steps done, from the current step's number; the touches themselves are Tasks on the record's activity timeline. */
    get history() {
        const match = STEP_PATTERN.exec(this.value(STATUS_FIELDS.step) || '');
        if (!match) {
            return this.enrolled ? 'No step position recorded yet.' : 'No cadence touches yet.';
        }
        const current = Number(match[1]);
        const total = Number(match[2]);
        const done = current - 1;
        if (done === 0) {
            return `No steps done yet; step 1 of ${total} is next.`;
        }
        const range = done === 1 ? 'Step 1' : `Steps 1–${done}`;
        return `${range} of ${total} done; step ${current} is next.`;
    }
}
