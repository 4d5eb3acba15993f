import Type, { type Static, type TLiteral, type TSchema, type TUnion } from 'typebox';

/**
 * The event contract of DESIGN.md §3.1, as JSON Schema built with TypeBox. The TypeScript types the
 * engine uses are derived from these schemas, so the validator and the code cannot drift apart.
 * Unknown extra fields are allowed (kept and ignored), as the contract says.
 */

const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });
const Id = Text(200);
const Amount = Type.Number({ exclusiveMinimum: 0, maximum: 1e12, description: 'amount in currency units (yuan), > 0' });
/** A closed set of strings, typed as the union of its members (a mapped array would widen to string). */
function oneOf<const T extends readonly string[]>(values: T): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> {
  return Type.Union(values.map((v) => Type.Literal(v))) as never;
}

const Direction = oneOf(['in', 'out']);

/** ISO-8601 with an explicit offset, or epoch milliseconds. The engine's clock is this time. */
export const EventTime = Type.Union([
  Type.String({ minLength: 20, maxLength: 40, description: 'ISO-8601 with offset, e.g. 2026-05-01T10:00:00+08:00' }),
  Type.Number({ minimum: 0, maximum: 8.64e15, description: 'epoch milliseconds' }),
]);

const ReportedEntities = Type.Array(
  Type.Object({
    type: oneOf(['phone', 'account', 'qq', 'wechat', 'url']),
    value: Text(2048),
  }),
  { maxItems: 100 },
);

const envelope = {
  id: Id,
  ts: EventTime,
  subject: Id,
  source: Type.Optional(Text(200)),
};

const EVENT_FIELDS = {
  'call.start': {
    peer: Text(64, 'phone number'),
    direction: Direction,
    inContacts: Type.Optional(Type.Boolean()),
    peerTag: Type.Optional(Text(64, 'e.g. reported-fraud, marketing, official')),
    claimedIdentity: Type.Optional(Text(200, 'who the caller says they are')),
  },
  'call.end': { peer: Text(64), durationSec: Type.Number({ minimum: 0, maximum: 604800 }) },
  message: {
    channel: oneOf(['sms', 'qq', 'wechat', 'im', 'email', 'call-transcript']),
    direction: Direction,
    peer: Type.Optional(Text(200)),
    text: Text(100_000),
  },
  'app.install': {
    app: Text(100),
    category: Type.Optional(oneOf(['meeting', 'screen-share', 'remote-control', 'loan', 'bank', 'payment', 'shopping', 'im', 'other'])),
  },
  'screen.share': { state: oneOf(['start', 'stop']), app: Type.Optional(Text(100)) },
  'credit.open': { provider: Text(100), product: Type.Optional(Text(100)), limit: Type.Optional(Amount) },
  'credit.draw': { provider: Text(100), product: Type.Optional(Text(100)), amount: Amount },
  transfer: {
    amount: Amount,
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code; default CNY' })),
    payee: Id,
    payeeName: Type.Optional(Text(200)),
    payeeType: Type.Optional(oneOf(['personal', 'business', 'platform'])),
    channel: Type.Optional(oneOf(['bank-app', 'alipay', 'wechat', 'qr', 'atm', 'counter'])),
    memo: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  'giftcard.purchase': {
    merchant: Text(100),
    amount: Amount,
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    account: Type.Optional(Id),
  },
  'giftcard.redeem': {
    merchant: Text(100),
    amount: Amount,
    redeemer: Id,
    cardId: Type.Optional(Id),
    goods: Type.Optional(Text(200)),
  },
  'otp.issued': { purpose: Type.Optional(Text(100)), host: Type.Optional(Text(255)) },
  'otp.used': { purpose: Type.Optional(Text(100)), host: Type.Optional(Text(255)) },
  'link.open': { url: Text(2048) },
  report: {
    kind: oneOf(['victim-report', 'complaint']),
    text: Type.Optional(Type.String({ maxLength: 100_000 })),
    entities: Type.Optional(ReportedEntities),
  },
  /**
   * An officer's verdict on an earlier report (written by the service, not by senders): a rejected
   * report stops marking its entities known bad, a verified one marks them again. The log stays
   * append-only, so a replay reaches the same marks.
   */
  'report.review': {
    report: Type.String({ minLength: 1, maxLength: 200, description: 'the id of the report event reviewed' }),
    status: oneOf(['verified', 'rejected']),
    entities: ReportedEntities,
  },
  order: {
    platform: Text(64),
    merchant: Text(200),
    item: Type.Optional(Text(500)),
    amount: Type.Optional(Amount),
    courier: Type.Optional(Text(100)),
    trackingNo: Type.Optional(Text(100)),
  },
} as const;

function eventSchema<K extends string, F extends Record<string, TSchema>>(type: K, fields: F) {
  return Type.Object({ ...envelope, type: Type.Literal(type), ...fields }, { additionalProperties: true, $id: `kefuguard-event/${type}` });
}

export const CallStart = eventSchema('call.start', EVENT_FIELDS['call.start']);
export const CallEnd = eventSchema('call.end', EVENT_FIELDS['call.end']);
export const Message = eventSchema('message', EVENT_FIELDS.message);
export const AppInstall = eventSchema('app.install', EVENT_FIELDS['app.install']);
export const AppOpen = eventSchema('app.open', EVENT_FIELDS['app.install']);
export const ScreenShare = eventSchema('screen.share', EVENT_FIELDS['screen.share']);
export const CreditOpen = eventSchema('credit.open', EVENT_FIELDS['credit.open']);
export const CreditDraw = eventSchema('credit.draw', EVENT_FIELDS['credit.draw']);
export const Transfer = eventSchema('transfer', EVENT_FIELDS.transfer);
export const GiftcardPurchase = eventSchema('giftcard.purchase', EVENT_FIELDS['giftcard.purchase']);
export const GiftcardRedeem = eventSchema('giftcard.redeem', EVENT_FIELDS['giftcard.redeem']);
export const OtpIssued = eventSchema('otp.issued', EVENT_FIELDS['otp.issued']);
export const OtpUsed = eventSchema('otp.used', EVENT_FIELDS['otp.used']);
export const LinkOpen = eventSchema('link.open', EVENT_FIELDS['link.open']);
export const Report = eventSchema('report', EVENT_FIELDS.report);
export const ReportReview = eventSchema('report.review', EVENT_FIELDS['report.review']);
export const Order = eventSchema('order', EVENT_FIELDS.order);

/** One schema per event type, keyed by `type`: validation dispatches on it for specific errors. */
export const EVENT_SCHEMAS = {
  'call.start': CallStart,
  'call.end': CallEnd,
  message: Message,
  'app.install': AppInstall,
  'app.open': AppOpen,
  'screen.share': ScreenShare,
  'credit.open': CreditOpen,
  'credit.draw': CreditDraw,
  transfer: Transfer,
  'giftcard.purchase': GiftcardPurchase,
  'giftcard.redeem': GiftcardRedeem,
  'otp.issued': OtpIssued,
  'otp.used': OtpUsed,
  'link.open': LinkOpen,
  report: Report,
  'report.review': ReportReview,
  order: Order,
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

/** The whole contract as one JSON Schema (for OpenAPI and for other systems). */
export const EventSchema = Type.Union(Object.values(EVENT_SCHEMAS), { $id: 'kefuguard-event' });

export type CallStartEvent = Static<typeof CallStart>;
export type CallEndEvent = Static<typeof CallEnd>;
export type MessageEvent = Static<typeof Message>;
export type AppEvent = Static<typeof AppInstall> | Static<typeof AppOpen>;
export type ScreenShareEvent = Static<typeof ScreenShare>;
export type CreditOpenEvent = Static<typeof CreditOpen>;
export type CreditDrawEvent = Static<typeof CreditDraw>;
export type TransferEvent = Static<typeof Transfer>;
export type GiftcardPurchaseEvent = Static<typeof GiftcardPurchase>;
export type GiftcardRedeemEvent = Static<typeof GiftcardRedeem>;
export type OtpEvent = Static<typeof OtpIssued> | Static<typeof OtpUsed>;
export type LinkOpenEvent = Static<typeof LinkOpen>;
export type ReportEvent = Static<typeof Report>;
export type ReportReviewEvent = Static<typeof ReportReview>;
export type OrderEvent = Static<typeof Order>;

export type KgEvent =
  | CallStartEvent
  | CallEndEvent
  | MessageEvent
  | AppEvent
  | ScreenShareEvent
  | CreditOpenEvent
  | CreditDrawEvent
  | TransferEvent
  | GiftcardPurchaseEvent
  | GiftcardRedeemEvent
  | OtpEvent
  | LinkOpenEvent
  | ReportEvent
  | ReportReviewEvent
  | OrderEvent;

export type ReportedEntity = NonNullable<ReportEvent['entities']>[number];
