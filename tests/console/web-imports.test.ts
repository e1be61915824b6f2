import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The console is a client of the API over HTTP and nothing more: no file of web/ imports
 * anything outside web/ (src/ least of all, whose code it would then ship to the browser),
 * and its packages are the few it declares.
 */

const web = path.resolve(__dirname, '../../web');
const PACKAGES = ['preact', 'preact/hooks', 'vite', '@preact/preset-vite', 'node:url'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx|mts|js|jsx|css|html)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(source: string, html = false): string[] {
  const specifiers = [...source.matchAll(/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g), ...source.matchAll(/\bimport\s*\(?\s*['"]([^'"]+)['"]/g)];
  const cssImports = [...source.matchAll(/@import\s+(?:url\()?['"]?([^'")\s;]+)/g)];
  const htmlSources = html ? [...source.matchAll(/\b(?:src|href)="([^"]+)"/g)] : [];
  return [...specifiers, ...cssImports, ...htmlSources].map((match) => match[1]);
}

describe('web/', () => {
  const files = sources(web);

  it('has its sources where the test looks', () => {
    expect(files.map((file) => path.relative(web, file))).toEqual(expect.arrayContaining(['index.html', 'vite.config.mts', 'src/main.tsx', 'src/app.tsx']));
  });

  it('imports nothing from outside web/, and no package but its own', () => {
    const outside: string[] = [];
    for (const file of files) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'), file.endsWith('.html'))) {
        const relative = path.relative(web, file);
        if (specifier.startsWith('.')) {
          const target = path.resolve(path.dirname(file), specifier);
          if (!target.startsWith(web + path.sep)) outside.push(`${relative}: ${specifier}`);
        } else if (specifier.startsWith('/')) {
          // Root-relative: inside web/ (Vite's root) for the page; never the API's sources.
          if (!specifier.startsWith('/src/') && specifier !== '/favicon.svg') outside.push(`${relative}: ${specifier}`);
        } else if (!PACKAGES.includes(specifier)) outside.push(`${relative}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('finds an import of src/ when there is one', () => {
    expect(importsOf(`import { Role } from '../../src/entities/role';\nimport('../x');`)).toEqual(['../../src/entities/role', '../x']);
  });
});
