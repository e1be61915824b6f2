import { type GraphQLSchema, isObjectType } from 'graphql';
import { ACCESS_MATRIX, type Access, PARTIAL_READS, PUBLIC } from '../auth/access-policy';
import { Role } from '../entities/role';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

const inWords = (roles: readonly string[]): string => (roles.length > 1 ? `${roles.slice(0, -1).join(', ')} and ${roles.at(-1)}` : roles[0]);

/** The sentence a field's description ends with when the role matrix limits it; undefined when every role may. */
function accessSentence(access: Access, root: boolean): string | undefined {
  if (access === PUBLIC) return 'Needs no token.';
  if (Object.values(Role).every((role) => access.includes(role))) return undefined;
  if (!access.length) return 'No role may use it.';
  return root ? `Only ${inWords(access)} may call it.` : `Only ${inWords(access)} may read it; any other role gets FORBIDDEN.`;
}

/**
 * Ends the description of every field the role matrix limits with who may use it, and of a
 * root list some role reads only in part with the fields it may select: generated client
 * docs then say what the auth checker enforces, from the same table, so they cannot drift.
 * A field without a description of its own is left without one, for the description test
 * to name.
 */
export function describeAccess(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(ACCESS_MATRIX)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const typeFields = type.getFields();
    for (const [fieldName, access] of Object.entries(fields)) {
      const field = typeFields[fieldName];
      if (!field?.description) continue;
      const partial = Object.entries(PARTIAL_READS[fieldName] ?? {}).map(
        ([role, readable]) => `${role} may select only the ${inWords(readable ?? [])} of its nodes.`,
      );
      const said = [accessSentence(access, ROOT_TYPES.has(typeName)), ...(typeName === 'Query' ? partial : [])].filter(Boolean).join(' ');
      // A schema described twice (the same objects passed again) says it once.
      if (said && !field.description.endsWith(said)) field.description = `${field.description} ${said}`;
    }
  }
  return schema;
}
