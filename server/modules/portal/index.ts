/** The portal module's surface for other modules: the office's side of the messages. */
export { listMessages } from './message.service.ts';
