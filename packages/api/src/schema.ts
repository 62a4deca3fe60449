import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './error-types.js';
import './modules/booking/booking.mutations.js';
import './modules/booking/booking.queries.js';
import './modules/calendar/calendar.mutations.js';
import './modules/calendar/calendar.queries.js';
import './modules/catalog/catalog.queries.js';
import './modules/client/client.mutations.js';
import './modules/client/client.queries.js';
import './modules/master/master.mutations.js';
import './modules/master/master.public.js';
import './modules/master/master.queries.js';
import './modules/master/master.search.js';
import './modules/phone/phone.mutations.js';
import './modules/viewer/viewer.queries.js';

export const schema = lexicographicSortSchema(builder.toSchema());
