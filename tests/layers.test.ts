import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { COMPOSITION_ROOT, LAYERS } from '../scripts/layers';

const ROOT = path.join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return relative.endsWith('.ts') ? [relative] : [];
  });
}

/** Where a file stands: its layer, and which path of it (a folder, or the file itself) holds it. */
function placeOf(file: string): { layer: number; home: string } | undefined {
  for (const [layer, { paths }] of LAYERS.entries()) {
    const home = paths.find((p) => (p.endsWith('/') ? file.startsWith(p) : file === p));
    if (home) return { layer, home };
  }
  return undefined;
}

/** The files of this repository that `file` imports, as repository paths. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)))
    .map((target) => (sourceFiles(path.posix.dirname(target)).includes(`${target}.ts`) ? `${target}.ts` : `${target}/index.ts`));
}

const FILES = [...sourceFiles('src'), 'mikro-orm.config.ts'];

/** Every import, by `importsOf`, that the layering forbids. */
function violations(importsOf: (file: string) => string[]): string[] {
  const wrong: string[] = [];
  for (const file of FILES.filter((f) => f !== COMPOSITION_ROOT)) {
    const from = placeOf(file)!;
    for (const target of importsOf(file)) {
      const to = placeOf(target);
      if (target === COMPOSITION_ROOT) wrong.push(`${file} -> ${target} (the composition root)`);
      else if (to && to.layer > from.layer) wrong.push(`${file} -> ${target} (up from layer ${from.layer} to ${to.layer})`);
      else if (to && to.layer === from.layer && to.home !== from.home) wrong.push(`${file} -> ${target} (a peer of the same layer)`);
    }
  }
  return wrong.sort();
}

describe('the layers of src/', () => {
  it('place every file but the composition root in exactly one layer', () => {
    expect(FILES.filter((file) => file !== COMPOSITION_ROOT && !placeOf(file))).toEqual([]);
  });

  it('import only downward: nothing from a higher layer, nor from a peer of the same layer', () => {
    expect(violations(importsOf)).toEqual([]);
  });

  it('would see an import that runs upward, one between peers, and one of the composition root', () => {
    const planted: Record<string, string[]> = {
      'src/entities/booking.entity.ts': ['src/graphql/schema.ts'],
      'src/services/booking.service.ts': ['src/integrity/repair.ts'],
      'src/http/server.ts': ['src/main.ts'],
    };
    expect(violations((file) => planted[file] ?? [])).toEqual([
      expect.stringMatching(/^src\/entities\/booking\.entity\.ts -> src\/graphql\/schema\.ts \(up from layer \d+ to \d+\)$/),
      'src/http/server.ts -> src/main.ts (the composition root)',
      'src/services/booking.service.ts -> src/integrity/repair.ts (a peer of the same layer)',
    ]);
  });
});
