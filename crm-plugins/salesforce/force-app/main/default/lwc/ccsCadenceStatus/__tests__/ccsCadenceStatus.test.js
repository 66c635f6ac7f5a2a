import { createElement } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import CcsCadenceStatus from 'c/ccsCadenceStatus';

// A Lead as Lightning Data Service returns it: each field as { value, displayValue }.
function lead(values) {
    const fields = {};
    for (const [name, value] of Object.entries(values)) {
        fields[name] = { value, displayValue: null };
    }
    return { apiName: 'Lead', id: '00Q000000000001AAA', fields };
}

const ENROLLED = {
    CCS_Segment__c: 'Hot',
    CCS_Cadence__c: 'Hot: 9 touches in 14 days',
    CCS_Cadence_Step__c: '3 of 9: Call (discovery-call-1)',
    CCS_Next_Touch__c: '2026-11-25T15:00:00.000Z',
    CCS_Cadence_Status__c: 'Active',
    Time_Zone__c: 'Europe/Berlin'
};

function mount(props = {}) {
    const element = createElement('c-ccs-cadence-status', { is: CcsCadenceStatus });
    Object.assign(element, { recordId: '00Q000000000001AAA', objectApiName: 'Lead', ...props });
    document.body.appendChild(element);
    return element;
}

const text = (element, selector) => element.shadowRoot.querySelector(selector)?.textContent.trim();
const flush = () => Promise.resolve();

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-ccs-cadence-status', () => {
    it('asks Lightning Data Service for the CCS_* fields of the page object, optional, with the time zone field', async () => {
        mount({ timeZoneField: 'Time_Zone__c' });
        await flush();

        expect(getRecord.getLastConfig()).toEqual({
            recordId: '00Q000000000001AAA',
            optionalFields: [
                'Lead.CCS_Segment__c',
                'Lead.CCS_Cadence__c',
                'Lead.CCS_Cadence_Step__c',
                'Lead.CCS_Next_Touch__c',
                'Lead.CCS_Cadence_Status__c',
                'Lead.Time_Zone__c'
            ]
        });
    });

    it('shows each field, the next touch in the contact zone and the steps done', async () => {
        const element = mount({ timeZoneField: 'Time_Zone__c' });
        getRecord.emit(lead(ENROLLED));
        await flush();

        expect(text(element, '.ccs-status')).toBe('Active');
        expect(text(element, '.ccs-segment')).toBe('Hot');
        expect(text(element, '.ccs-cadence')).toBe('Hot: 9 touches in 14 days');
        expect(text(element, '.ccs-step')).toBe('3 of 9: Call (discovery-call-1)');
        const when = element.shadowRoot.querySelector('.ccs-next-touch lightning-formatted-date-time');
        expect(when.value).toBe('2026-11-25T15:00:00.000Z');
        expect(when.timeZone).toBe('Europe/Berlin');
        expect(text(element, '.ccs-zone-note')).toBe("in the contact's time zone (Europe/Berlin)");
        expect(text(element, '.ccs-history')).toBe('Steps 1–2 of 9 done; step 3 is next.');
        expect(text(element, '.ccs-history-note')).toContain('Task on this record');
        expect(element.shadowRoot.querySelector('.ccs-error')).toBeNull();
    });

    it('uses the viewer zone and says so when the record has no usable zone', async () => {
        const element = mount({ timeZoneField: 'Time_Zone__c' });
        getRecord.emit(lead({ ...ENROLLED, Time_Zone__c: 'america_slash_new_york' }));
        await flush();

        const when = element.shadowRoot.querySelector('.ccs-next-touch lightning-formatted-date-time');
        expect(when.timeZone).toBeUndefined();
        expect(text(element, '.ccs-zone-note')).toBe('in your time zone (the record has no time zone)');
    });

    it('shows missing and empty fields as a dash without failing', async () => {
        const element = mount();
        // Step and next touch empty (the cadence ended); segment field not visible to this user (absent).
        getRecord.emit(lead({ CCS_Cadence__c: 'Warm: 6 touches', CCS_Cadence_Status__c: 'Exited: Replied', CCS_Cadence_Step__c: '', CCS_Next_Touch__c: null }));
        await flush();

        expect(text(element, '.ccs-status')).toBe('Exited: Replied');
        expect(text(element, '.ccs-segment')).toBe('—');
        expect(text(element, '.ccs-step')).toBe('—');
        expect(text(element, '.ccs-next-touch')).toBe('—');
        expect(element.shadowRoot.querySelector('lightning-formatted-date-time')).toBeNull();
        expect(text(element, '.ccs-history')).toBe('No step position recorded yet.');
    });

    it('says the record is in no cadence when no CCS field is set', async () => {
        const element = mount();
        getRecord.emit(lead({}));
        await flush();

        expect(text(element, '.ccs-not-enrolled')).toBe('Not in a cadence.');
        expect(element.shadowRoot.querySelector('.ccs-status')).toBeNull();
        expect(text(element, '.ccs-history')).toBe('No cadence touches yet.');
    });

    it('counts the first step as nothing done yet', async () => {
        const element = mount();
        getRecord.emit(lead({ ...ENROLLED, CCS_Cadence_Step__c: '1 of 6: Email (intro-email)' }));
        await flush();

        expect(text(element, '.ccs-history')).toBe('No steps done yet; step 1 of 6 is next.');
    });

    it('shows the error in the card when the record cannot be read', async () => {
        const element = mount();
        getRecord.error({ message: 'The requested resource does not exist' }, 404, 'Not Found');
        await flush();

        const error = element.shadowRoot.querySelector('.ccs-error');
        expect(error.getAttribute('role')).toBe('alert');
        expect(error.textContent).toContain('The requested resource does not exist');
        expect(element.shadowRoot.querySelector('.ccs-status')).toBeNull();
        expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
    });

    it('shows a spinner until the record arrives', async () => {
        const element = mount();
        await flush();

        expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
    });
});
