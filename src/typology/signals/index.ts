import type { SignalDef } from '../types.js';
import { CASHOUT_SIGNALS } from './cashout.js';
import { CHANNEL_SIGNALS } from './channel.js';
import { CONTROL_SIGNALS } from './control.js';
import { CREDIT_SIGNALS } from './credit.js';
import { EXIT_SIGNALS } from './exit.js';
import { HOOK_SIGNALS } from './hook.js';
import { PRETEXT_SIGNALS } from './pretext.js';
import { RETENTION_SIGNALS } from './retention.js';

/** The catalogue, in stage order. */
export const SIGNALS: readonly SignalDef[] = [
  ...HOOK_SIGNALS,
  ...PRETEXT_SIGNALS,
  ...CHANNEL_SIGNALS,
  ...CONTROL_SIGNALS,
  ...CREDIT_SIGNALS,
  ...CASHOUT_SIGNALS,
  ...RETENTION_SIGNALS,
  ...EXIT_SIGNALS,
];
