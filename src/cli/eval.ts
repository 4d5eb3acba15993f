import Table from 'cli-table3';
import { decodeEventLine } from '../events/index.js';
import { RiskEngine, type Decision } from '../engine/index.js';
import { evaluateJourneys, pct, type EngineEvaluation, type SubjectLabel } from '../evaluation/journeys.js';
import { parseLabelLine } from '../evaluation/labels.js';
import type { CheckIo } from './check.js';
import { readLines, statFile } from './files.js';
import { InputError } from './input-error.js';

/** `kefuguard eval EVENTS LABELS`: replays the events and scores the decisions against the labels. */
export async function evalCommand(eventsFile: string, labelsFile: string, json: boolean, io: CheckIo): Promise<number> {
  statFile(eventsFile);
  statFile(labelsFile);
  const labels: SubjectLabel[] = [];
  let n = 0;
  for await (const { line } of readLines(labelsFile, io.stdin)) {
    n++;
    if (line.trim() === '') continue;
    try {
      labels.push(parseLabelLine(line));
    } catch (e) {
      throw new InputError(
        `${labelsFile}:${n}`,
        `标签行无效：${(e as Error).message}`,
        `invalid label line: ${(e as Error).message}`,
        'INVALID_LABEL',
      );
    }
  }
  const engine = new RiskEngine();
  const decisions: { decision: Decision; t: number }[] = [];
  let invalid = 0;
  for await (const { line } of readLines(eventsFile, io.stdin)) {
    if (line.trim() === '') continue;
    const r = decodeEventLine(line);
    if (!r.ok) {
      invalid++;
      continue;
    }
    decisions.push({ decision: engine.process(r.value), t: r.value.t });
  }
  const result = evaluateJourneys(decisions, labels);
  if (json)
    io.stdout.write(
      `${JSON.stringify({ ...result, invalidEvents: invalid, policyVersion: engine.policy.id, typologyVersion: engine.typology.version })}\n`,
    );
  else io.stdout.write(renderEvaluation(result, invalid));
  return 0;
}

export function renderEvaluation(r: EngineEvaluation, invalid = 0): string {
  const table = new Table({
    head: [
      'family 类型',
      'victims',
      'with loss',
      'intercepted 拦截',
      'warned 预警',
      'loss prevented 止损',
      'stopped early (warned)',
      'lead min',
    ],
  });
  for (const g of [...r.families, r.overall]) {
    table.push([
      g.group,
      g.victims,
      g.victimsWithLoss,
      pct(g.interceptedBeforeFirstLoss, g.victimsWithLoss),
      pct(g.warnedBeforeFirstLoss, g.victimsWithLoss),
      pct(g.preventedAmount, g.lossAmount),
      `${g.stoppedEarly} (${g.stoppedEarlyWarned})`,
      g.medianLeadMin ?? '–',
    ]);
  }
  const o = r.ordinary;
  return [
    table.toString(),
    `ordinary customers 普通用户: ${o.customers}; held/blocked 被拦截 ${o.heldOrBlocked} (${pct(o.heldOrBlocked, o.customers)}); warned 被提醒 ${o.warned} (${pct(o.warned, o.customers)}); high/urgent alerts ${o.highAlerts}`,
    `decisions: ${r.decisions}${invalid ? `; invalid event lines skipped: ${invalid}` : ''}`,
    '',
  ].join('\n');
}
