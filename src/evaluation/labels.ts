import type { SubjectLabel } from './journeys.js';

/** Parses one labels line; throws an Error naming what is wrong (the caller adds the line number). */
export function parseLabelLine(line: string): SubjectLabel {
  const v = JSON.parse(line) as Partial<SubjectLabel>;
  if (!v || typeof v !== 'object') throw new Error('expected a JSON object');
  if (typeof v.subject !== 'string' || !v.subject) throw new Error('subject: expected a non-empty string');
  if (v.role !== 'victim' && v.role !== 'ordinary') throw new Error('role: expected "victim" or "ordinary"');
  if (!Array.isArray(v.losses)) throw new Error('losses: expected an array of {eventId, amount}');
  for (const l of v.losses) {
    if (typeof l?.eventId !== 'string' || typeof l.amount !== 'number')
      throw new Error('losses: each item needs eventId (string) and amount (number)');
  }
  return v as SubjectLabel;
}
