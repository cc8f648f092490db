'use strict';
// Enforces the dependency direction of docs/architecture.md:
//   domain <- contracts <- other libs <- apps
// libs/domain and libs/contracts import no framework or driver; no app imports another app
// (except the composition roots, which exist to wire apps together); the host agent never
// imports persistence.
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const COMPOSITION_ROOTS = new Set(['all-in-one']);
const FRAMEWORK_FREE_LIBS = new Set(['domain', 'contracts']);

function locate(file) {
  const rel = path.relative(root, file).split(path.sep);
  // Specs may use test libraries (jest, fast-check); the rule is about what production code depends on.
  const isSpec = file.endsWith('.spec.ts');
  if (rel[0] === 'apps' || rel[0] === 'libs') return { kind: rel[0], name: rel[1], isSpec };
  return { kind: 'other', name: rel[0], isSpec };
}

function targetOf(source, fromFile) {
  if (source.startsWith('@ecs/')) return { kind: 'libs', name: source.slice(5).split('/')[0] };
  if (source.startsWith('.')) return locate(path.resolve(path.dirname(fromFile), source));
  return { kind: 'package', name: source };
}

function violation(from, to) {
  if (from.kind === 'libs') {
    if (to.kind === 'apps') return `libs/${from.name} must not import apps/${to.name}`;
    if (from.name === 'domain' && to.kind === 'libs' && to.name !== 'domain')
      return 'libs/domain imports no other lib';
    if (from.name === 'contracts' && to.kind === 'libs' && !['domain', 'contracts'].includes(to.name))
      return 'libs/contracts may import only libs/domain';
    if (FRAMEWORK_FREE_LIBS.has(from.name) && to.kind === 'package' && !to.name.startsWith('node:') && !from.isSpec)
      return `libs/${from.name} stays framework-free (imports only node: builtins), not ${to.name}`;
  }
  if (from.kind === 'apps') {
    if (to.kind === 'apps' && to.name !== from.name && !COMPOSITION_ROOTS.has(from.name))
      return `apps/${from.name} must not import apps/${to.name}; share through libs/contracts`;
    if (from.name === 'host-agent' && to.kind === 'libs' && to.name === 'persistence')
      return 'the host agent never imports persistence: it learns desired state from control';
  }
  return undefined;
}

module.exports = {
  meta: { type: 'problem', schema: [], docs: { description: 'layered dependency direction' } },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const from = locate(file);
    function check(node, source) {
      if (typeof source !== 'string') return;
      const message = violation(from, targetOf(source, file));
      if (message) context.report({ node, message });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
