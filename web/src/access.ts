import type { Role } from './api/types';

/**
 * The console's views and who may open them: the roles the API allows for every root field
 * a view calls (src/auth/access-policy.ts is the one matrix; tests/console/access.test.ts
 * checks this table against it, so the navigation never offers what the API refuses).
 */
export interface ConsoleView {
  /** The path under /console. */
  path: string;
  title: string;
  /** The root fields the view calls. */
  fields: readonly string[];
  roles: readonly Role[];
}

export const VIEWS: readonly ConsoleView[] = [
  { path: 'integrity', title: 'Integrity', fields: ['integrityReport', 'repairIntegrity'], roles: ['ADMIN'] },
  { path: 'delete', title: 'Delete preview', fields: ['deleteImpact'], roles: ['ADMIN', 'STAFF'] },
  { path: 'errors', title: 'Errors', fields: ['errorHistory'], roles: ['ADMIN'] },
  { path: 'audit', title: 'Audit trail', fields: ['auditEntries'], roles: ['ADMIN'] },
];

/** Confirming a delete from its preview: a step of the delete view that not every role of the view may take. */
export const DELETE_CONFIRM = { fields: ['deleteRecord'], roles: ['ADMIN'] } as const satisfies Pick<ConsoleView, 'fields' | 'roles'>;

/** What every signed-in role calls: who am I, and signing out. */
export const SESSION_FIELDS = ['me', 'revokeApiToken'] as const;

export function mayOpen(view: Pick<ConsoleView, 'roles'>, role: Role): boolean {
  return view.roles.includes(role);
}
