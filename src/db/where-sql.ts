import { type EntityMetadata, type EntityProperty, ReferenceKind } from '@mikro-orm/core';
import { holdsForeignKey } from '../entities/foreign-key-conventions';
import { ident } from '../sql';

const COMPARISONS: Readonly<Record<string, string>> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=', $ilike: 'ilike' };

type Value = string | number | boolean;
const isValue = (value: unknown): value is Value => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The one column of a scalar or foreign key property; undefined for anything else (a to-many, an embeddable, a composite key). */
function columnOf(prop: EntityProperty | undefined): string | undefined {
  if (prop?.fieldNames.length !== 1) return undefined;
  return prop.kind === ReferenceKind.SCALAR || holdsForeignKey(prop) ? prop.fieldNames[0] : undefined;
}

/**
 * The SQL condition of a filter on `meta` as `alias`, its values appended to `params`
 * ($1, $2, … in order), for the filters our lists build: properties equal to a value or
 * null, compared ($gt, $gte, $lt, $lte, $ilike) or listed ($in), combined by $and and
 * $or. Undefined for anything else, which the query builder then writes: never a guess.
 */
export function whereSql(meta: EntityMetadata, alias: string, where: unknown, params: unknown[]): string | undefined {
  if (typeof where !== 'object' || where === null || Array.isArray(where)) return undefined;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) return undefined;
      const branches = value.map((branch) => whereSql(meta, alias, branch, params));
      if (branches.some((branch) => branch === undefined)) return undefined;
      if (branches.length === 0) parts.push(key === '$and' ? 'true' : 'false');
      else parts.push(`(${branches.join(key === '$and' ? ' and ' : ' or ')})`);
      continue;
    }
    const column = columnOf(meta.properties[key as never]);
    if (!column) return undefined;
    const target = `${ident(alias)}.${ident(column)}`;
    if (value === null) {
      parts.push(`${target} is null`);
    } else if (isValue(value)) {
      params.push(value);
      parts.push(`${target} = $${params.length}`);
    } else if (typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [operator, operand] of Object.entries(value)) {
        if (operator === '$in' && Array.isArray(operand) && operand.every(isValue)) {
          params.push(operand);
          parts.push(`${target} = any($${params.length})`);
        } else if (COMPARISONS[operator] && isValue(operand)) {
          params.push(operand);
          parts.push(`${target} ${COMPARISONS[operator]} $${params.length}`);
        } else {
          return undefined;
        }
      }
    } else {
      return undefined;
    }
  }
  return parts.length ? parts.join(' and ') : 'true';
}
