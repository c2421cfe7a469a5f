/** The call-record module's surface (来电登记): nothing other modules call yet; the app registers its routes. */
export { getCall, listCallsOfPetition } from './call-record.service.ts';
