/** The notification module's surface: the one way anyone is told anything, and the outbox. */
export {
  notify,
  notYetTold,
  queueMessage,
  type Notice,
  type NoticeData,
  type NotifyDeps,
} from './notification.service.ts';
export { deliverOutbox, outboxSummary, type OutboxDeps } from './outbox.service.ts';
export {
  signedWebhookSender,
  smsGatewaySender,
  smtpSender,
  wecomRobotSender,
  type Senders,
} from './outbound-channels.ts';
