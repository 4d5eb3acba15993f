import { toDate, toNumber, toNumberOrNull, type Queryable } from './db.js';

export type LabelKind = 'false_alarm' | 'confirmed_loss' | 'dissuaded';

export interface LabelInput {
  subject: string;
  label: LabelKind;
  caseId?: number | null;
  eventId?: string | null;
  family?: string | null;
  stage?: string | null;
  /** Money lost (confirmed_loss) or saved, in yuan. */
  amount?: number | null;
  policyVersion?: string | null;
  typologyVersion?: string | null;
  note?: string | null;
  createdBy?: number | null;
}

export interface Label extends Required<Omit<LabelInput, 'createdBy'>> {
  id: number;
  createdBy: number | null;
  createdAt: Date;
}

const COLUMNS =
  'id, subject, label, case_id, event_id, family, stage, amount, policy_version, typology_version, note, created_by, created_at';

function rowToLabel(row: Record<string, unknown>): Label {
  const s = (v: unknown) => (v as string | null) ?? null;
  return {
    id: toNumber(row.id),
    subject: row.subject as string,
    label: row.label as LabelKind,
    caseId: toNumberOrNull(row.case_id),
    eventId: s(row.event_id),
    family: s(row.family),
    stage: s(row.stage),
    amount: toNumberOrNull(row.amount),
    policyVersion: s(row.policy_version),
    typologyVersion: s(row.typology_version),
    note: s(row.note),
    createdBy: toNumberOrNull(row.created_by),
    createdAt: toDate(row.created_at),
  };
}

/** Records an outcome for tuning (a case closed as a false alarm or a confirmed loss). */
export async function addLabel(db: Queryable, input: LabelInput): Promise<Label> {
  const { rows } = await db.query(
    `INSERT INTO labels (subject, label, case_id, event_id, family, stage, amount, policy_version, typology_version, note, created_by)
     VALUES ($1::text, $2::text, $3::bigint, $4::text, $5::text, $6::text, $7::double precision, $8::text, $9::text, $10::text, $11::bigint)
     RETURNING ${COLUMNS}`,
    [
      input.subject,
      input.label,
      input.caseId ?? null,
      input.eventId ?? null,
      input.family ?? null,
      input.stage ?? null,
      input.amount ?? null,
      input.policyVersion ?? null,
      input.typologyVersion ?? null,
      input.note ?? null,
      input.createdBy ?? null,
    ],
  );
  return rowToLabel(rows[0]!);
}

export async function listLabels(db: Queryable, options: { label?: LabelKind; since?: Date; limit?: number } = {}): Promise<Label[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM labels WHERE ($1::text IS NULL OR label = $1::text) AND ($2::timestamptz IS NULL OR created_at >= $2::timestamptz)
     ORDER BY id LIMIT $3::integer`,
    [options.label ?? null, options.since ?? null, options.limit ?? 10000],
  );
  return rows.map(rowToLabel);
}
