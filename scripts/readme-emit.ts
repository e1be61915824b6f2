/**
 * Regenerates the README sections that restate what lives elsewhere (the delete rules on
 * the entities, the role matrix), between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->`. With --check, fails when the README is out of date.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACCESS_MATRIX, PUBLIC } from '../src/auth/access-policy';
import { configVariables } from '../src/config';
import { loadModelMetadata } from '../src/db/model-metadata';
import { ruleGraphOf } from '../src/deletion/rule-graph';
import { Role } from '../src/entities/role';
import { CLASSIFICATION } from '../src/errors/classification';
import type { ErrorCode } from '../src/errors/error-code';
import { errorTypeOf, RESULT_ERROR_TYPES } from '../src/errors/error-types';
import { BUSINESS_RULES } from '../src/integrity/business-rules';
import { kindPrefix } from '../src/integrity/checks/integrity-check';
import { CHECK_KINDS } from '../src/integrity/checks/plan';
import { LAYERS } from './layers';

const README = path.join(__dirname, '..', 'README.md');

function ruleTable(): string {
  const graph = ruleGraphOf(loadModelMetadata());
  const rows = [...graph.edges]
    .sort((a, b) => a.parentTable.localeCompare(b.parentTable) || a.childTable.localeCompare(b.childTable) || a.column.localeCompare(b.column))
    .map((edge) => `| ${edge.parentTable} | ${edge.childTable}.${edge.column} | ${edge.rule.name} |`);
  return ['| deleting a row of | affects rows of (column) | ON DELETE |', '|---|---|---|', ...rows].join('\n');
}

function accessTable(): string {
  const roles = Object.values(Role);
  const header = `| operation | ${roles.join(' | ')} | no token |`;
  const rows: string[] = [];
  for (const [type, fields] of Object.entries(ACCESS_MATRIX)) {
    for (const [field, access] of Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))) {
      const cells = roles.map((role) => (access === PUBLIC || access.includes(role) ? 'yes' : '—'));
      const name = type === 'Query' ? field : type === 'Mutation' ? `mutation ${field}` : `${type}.${field}`;
      rows.push(`| \`${name}\` | ${cells.join(' | ')} | ${access === PUBLIC ? 'yes' : '—'} |`);
    }
  }
  return [header, `|---|${roles.map(() => '---|').join('')}---|`, ...rows].join('\n');
}

function integrityCheckTable(): string {
  const rows = CHECK_KINDS.map(
    ({ kind, checks, from, severity, repair }) => `| \`${kindPrefix(kind)}\` | ${checks} | ${from} | ${severity ?? 'per rule'} | ${repair} |`,
  );
  return ['| check | checks that… | one per | severity | `repairIntegrity` |', '|---|---|---|---|---|', ...rows].join('\n');
}

function businessRuleTable(): string {
  const rows = BUSINESS_RULES.map((rule) => `| \`rule:${rule.name}\` | ${rule.severity} | ${rule.description} |`);
  return ['| check | severity | finds |', '|---|---|---|', ...rows].join('\n');
}

function errorCodeTable(): string {
  const rows = Object.entries(CLASSIFICATION).map(([code, c]) => {
    const type = errorTypeOf(code as ErrorCode);
    const answered = !type ? 'top-level, masked' : RESULT_ERROR_TYPES.includes(type) ? `\`${type.name}\`` : 'top-level';
    return `| \`${code}\` | ${answered} | ${c.category} | ${c.severity} | ${c.retryable ? 'yes' : 'no'} | ${c.httpStatus ?? ''} | ${c.message} | ${c.advice} |`;
  });
  return [
    '| code | answered as | category | severity | retryable | HTTP, when the whole request failed | default message | what to do |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function layerTable(): string {
  const rows = LAYERS.map((layer) => `| ${layer.paths.map((p) => `\`${p}\``).join(', ')} | ${layer.says} |`);
  return ['| layer, from the ground up | what lives there |', '|---|---|', ...rows].join('\n');
}

function configurationTable(): string {
  const rows = configVariables().map((variable) => {
    const shown = variable.default === 'unset' ? 'unset' : `\`${variable.default}\``;
    return `| \`${variable.name}\` | ${shown} | ${variable.accepts ?? ''} | ${variable.says} |`;
  });
  return ['| variable | default | accepts | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

const SECTIONS: Record<string, () => string> = {
  configuration: configurationTable,
  layers: layerTable,
  'error-codes': errorCodeTable,
  'delete-rules': ruleTable,
  access: accessTable,
  'integrity-checks': integrityCheckTable,
  'business-rules': businessRuleTable,
};

function render(readme: string): string {
  let out = readme;
  for (const [name, build] of Object.entries(SECTIONS)) {
    const pattern = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!pattern.test(out)) throw new Error(`README.md has no generated:${name} section`);
    out = out.replace(pattern, `$1${build()}\n$2`);
  }
  return out;
}

const current = readFileSync(README, 'utf8');
const next = render(current);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md is out of date: run `npm run readme:emit` and commit the result');
    process.exit(1);
  }
  console.log('README.md generated sections are up to date');
} else {
  writeFileSync(README, next);
  console.log('wrote README.md');
}
