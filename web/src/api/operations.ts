/**
 * Every GraphQL document the console sends, and nothing else: tests/console/operations.test.ts
 * validates each against schema/schema.graphql, so a renamed field fails there, not in a browser.
 * The console asks only what the staff app may ask (the public API, a staff session's token).
 */

/** Every error member of a result union implements ClassifiedError: its code and message are always shown. */
const CLASSIFIED = `... on ClassifiedError { code message }
  ... on ValidationError { fieldErrors { path message } }`;

const IMPACT = `entity id allowed token
  deletes { table column count }
  nullifies { table column count }
  blockers { table column count sampleIds }`;

const AUDIT_ENTRY = `id actor action entity entityId reason createdAt changes { field before after } details`;

export const LOGIN = `mutation ConsoleLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on LoginSuccess { token tokenId expiresAt user { name email role } }
    ${CLASSIFIED}
  }
}`;

export const ME = `query ConsoleMe { me { role user { name email role } } }`;

export const SIGN_OUT = `mutation ConsoleSignOut($id: ID!) {
  revokeApiToken(input: { id: $id }) { __typename ${CLASSIFIED} }
}`;

export const INTEGRITY_REPORT = `query ConsoleIntegrityReport($checks: [String!], $sampleLimit: Int) {
  integrityReport(checks: $checks, sampleLimit: $sampleLimit) {
    runId ok generatedAt durationMs
    checks { name kind severity passed newlyFailing violationCount sampleIds description suggestedFix error }
  }
}`;

export const REPAIR_INTEGRITY = `mutation ConsoleRepairIntegrity($input: RepairIntegrityInput!) {
  repairIntegrity(input: $input) {
    __typename
    ... on RepairIntegritySuccess { check dryRun actions { kind table column constraint count description } auditEntry { id } }
    ... on BusinessRuleError { rule }
    ${CLASSIFIED}
  }
}`;

export const DELETE_IMPACT = `query ConsoleDeleteImpact($entity: DeletableEntity!, $id: ID!) {
  deleteImpact(entity: $entity, id: $id) { ${IMPACT} }
}`;

export const DELETE_RECORD = `mutation ConsoleDeleteRecord($input: DeleteRecordInput!) {
  deleteRecord(input: $input) {
    __typename
    ... on DeleteRecordSuccess { impact { ${IMPACT} } auditEntry { id } }
    ... on ImpactChangedError { impact { ${IMPACT} } }
    ... on RestrictedError { blockers { table column count sampleIds } }
    ${CLASSIFIED}
  }
}`;

export const ERROR_HISTORY = `query ConsoleErrorHistory($minutes: Int) {
  errorHistory(minutes: $minutes) {
    from to stepSeconds windowSeconds threshold
    series { category code constraint total points { at count countInWindow } }
  }
}`;

export const AUDIT_ENTRIES = `query ConsoleAuditEntries($first: Int, $after: String, $filter: AuditEntryFilter) {
  auditEntries(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes { ${AUDIT_ENTRY} }
  }
}`;
