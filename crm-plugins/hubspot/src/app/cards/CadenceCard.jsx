import React from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import { CadenceCardView } from './CadenceCardView.jsx';

hubspot.extend(({ context }) => <CadenceCardView context={context} fetcher={hubspot.fetch} />);
