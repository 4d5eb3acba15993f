import type { RiskEngine } from '../engine/index.js';
import type { CommitSignal } from '../service/commit-signal.js';
import type { Store } from '../store/index.js';
import type { TextAnalyzer } from '../text/index.js';
import type { AccessControl } from './access.js';
import type { Metrics } from './metrics.js';
import type { DecisionSink } from './sink.js';

/** What the store-backed routes (console, lookup, reports) are given: one object, no globals. */
export interface ServiceContext {
  store: Store;
  engine: RiskEngine;
  analyzer: TextAnalyzer;
  /** Where events enter the log: reports made through the API go in as `report` events too. */
  sink: DecisionSink;
  /** Fires after each commit of the event log. */
  committed: CommitSignal;
  access: AccessControl;
  metrics: Metrics;
}
