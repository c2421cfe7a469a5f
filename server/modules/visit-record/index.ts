/** The visit-record module's surface (来访登记): nothing other modules call yet; the app registers its routes. */
export { getVisit, listVisitsOfPetition } from './visit-record.service.ts';
