// @ts-check
/**
 * ESLint rule `fatong/layer-boundaries`: a relative import may not reach into a folder that the
 * importing file's layer must not see (README → Architecture → "What may import what").
 *
 * The check is small: resolve the specifier against the file's folder and compare path prefixes,
 * so it needs no module resolver. (Import cycles, which need the whole import graph, are
 * eslint-plugin-import-x's no-cycle: see eslint.config.js.)
 */
import path from 'node:path';

/**
 * @typedef {{ target: string, from: string[], message: string }} Zone
 * A zone's `target` and `from` are repo-relative folders; `*` stands for one path segment.
 */

/** @param {string} root @param {string} folder */
function folderPattern(root, folder) {
  const absolute = path.resolve(root, folder).split(path.sep).join('/');
  const escaped = absolute.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+');
  return new RegExp(`^${escaped}(/|$)`);
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layering between folders that run in different places.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          zones: { type: 'array' },
        },
        required: ['root', 'zones'],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { root, zones } = /** @type {{ root: string, zones: Zone[] }} */ (context.options[0]);
    const file = context.filename.split(path.sep).join('/');
    // Tests beside pure code run in Node and may use Node-side helpers (e.g. the GB18030 table).
    if (/\.test\.tsx?$/.test(file)) return {};
    const active = zones
      .filter((zone) => folderPattern(root, zone.target).test(file))
      .map((zone) => ({ ...zone, patterns: zone.from.map((from) => folderPattern(root, from)) }));
    if (active.length === 0) return {};

    /** @param {import('estree').Node} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source).split(path.sep).join('/');
      for (const zone of active) {
        if (zone.patterns.some((pattern) => pattern.test(target))) {
          context.report({ node, message: `'${source}' crosses a layer boundary. ${zone.message}` });
          return;
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
