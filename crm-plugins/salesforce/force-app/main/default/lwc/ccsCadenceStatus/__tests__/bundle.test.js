// The bundle's metadata and the fields it reads, checked against the files this project deploys.
const fs = require('fs');
const path = require('path');
const { STATUS_FIELDS } = require('c/ccsCadenceStatus');

const bundle = path.join(__dirname, '..');
const objects = path.join(bundle, '..', '..', 'objects');
const meta = fs.readFileSync(path.join(bundle, 'ccsCadenceStatus.js-meta.xml'), 'utf8');
const all = (pattern) => [...meta.matchAll(pattern)].map((m) => m[1]);

describe('ccsCadenceStatus bundle', () => {
    it('is exposed on Lead and Contact record pages', () => {
        expect(meta).toContain('<isExposed>true</isExposed>');
        expect(all(/<target>([^<]+)<\/target>/g)).toEqual(['lightning__RecordPage']);
        expect(all(/<targetConfig targets="([^"]+)"/g)).toEqual(['lightning__RecordPage']);
        expect(all(/<object>([^<]+)<\/object>/g).sort()).toEqual(['Contact', 'Lead']);
        expect(all(/<property name="([^"]+)"/g)).toEqual(['timeZoneField']);
    });

    it.each(['Lead', 'Contact'])('reads only fields this project deploys on %s', (sObject) => {
        for (const field of Object.values(STATUS_FIELDS)) {
            expect(fs.existsSync(path.join(objects, sObject, 'fields', `${field}.field-meta.xml`))).toBe(true);
        }
    });

    it('is listed in the deploy manifest', () => {
        const manifest = fs.readFileSync(path.join(bundle, '..', '..', '..', '..', '..', 'manifest', 'package.xml'), 'utf8');
        expect(manifest).toMatch(/<members>ccsCadenceStatus<\/members>\s*<name>LightningComponentBundle<\/name>/);
    });
});
