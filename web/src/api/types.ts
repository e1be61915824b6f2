/** The shapes of the answers to the documents of operations.ts, as the console reads them. */

export type Role = 'ADMIN' | 'STAFF' | 'PARTNER';
export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

/** A member of a result union that is not its success: every one carries a code and a message. */
export interface ClassifiedResult {
  __typename: string;
  code: string;
  message: string;
  fieldErrors?: { path: string[]; message: string }[];
}

export interface StaffUser {
  name: string;
  email: string;
  role: Role;
}

export interface LoginSuccess {
  __typename: 'LoginSuccess';
  token: string;
  tokenId: string;
  expiresAt: string;
  user: StaffUser;
}

export interface IntegrityCheckResult {
  name: string;
  kind: string;
  severity: Severity;
  passed: boolean;
  newlyFailing: boolean;
  violationCount: number;
  sampleIds: string[];
  description: string;
  suggestedFix: string | null;
  error: string | null;
}

export interface IntegrityReport {
  runId: string;
  ok: boolean;
  generatedAt: string;
  durationMs: number;
  checks: IntegrityCheckResult[];
}

export interface RepairAction {
  kind: string;
  table: string;
  column: string | null;
  constraint: string | null;
  count: number;
  description: string;
}

export interface RepairIntegritySuccess {
  __typename: 'RepairIntegritySuccess';
  check: string;
  dryRun: boolean;
  actions: RepairAction[];
  auditEntry: { id: string } | null;
}

export interface ImpactEntry {
  table: string;
  column: string | null;
  count: number;
}

export interface DeleteBlocker {
  table: string;
  column: string;
  count: number;
  sampleIds: string[];
}

export interface DeleteImpact {
  entity: string;
  id: string;
  allowed: boolean;
  token: string;
  deletes: ImpactEntry[];
  nullifies: ImpactEntry[];
  blockers: DeleteBlocker[];
}

export type DeleteRecordResult =
  | { __typename: 'DeleteRecordSuccess'; impact: DeleteImpact; auditEntry: { id: string } }
  | (ClassifiedResult & { __typename: 'ImpactChangedError'; impact: DeleteImpact })
  | (ClassifiedResult & { __typename: 'RestrictedError'; blockers: DeleteBlocker[] })
  | ClassifiedResult;

export interface ErrorPoint {
  at: string;
  count: number;
  countInWindow: number | null;
}

export interface ErrorSeries {
  category: string;
  code: string;
  constraint: string | null;
  total: number;
  points: ErrorPoint[];
}

export interface ErrorHistory {
  from: string;
  to: string;
  stepSeconds: number;
  windowSeconds: number;
  threshold: number;
  series: ErrorSeries[];
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  id: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  reason: string | null;
  createdAt: string;
  changes: FieldChange[];
  /** What else the entry keeps: a delete's impact, a repair's actions. */
  details: Record<string, unknown>;
}

export interface AuditEntryPage {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: AuditEntry[];
}
