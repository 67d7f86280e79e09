/**
 * Which cursors a document asks of a connection field: `edges { cursor }` and
 * `pageInfo { startCursor endCursor }`, read through aliases (by field name), fragments and inline
 * fragments. Paging (paging.ts) seals only the cursors a client can see, so a page read through
 * `nodes` pays nothing for cursors.
 *
 * The answer errs towards sealing: a field under `@include`/`@skip` counts as selected whatever
 * the variables say, and so does one under an inline fragment of any type. Sealing a cursor
 * nobody reads changes no answer; leaving out one somebody reads would hand out an unsealed one.
 *
 * A field node's answer depends only on the document it belongs to, so it is worked out once per
 * node and kept while the document lives (Yoga keeps parsed documents across requests).
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

export interface SelectedCursors {
  /** `edges { cursor }` is selected. */
  edges: boolean;
  /** `pageInfo { startCursor }` or `pageInfo { endCursor }` is selected. */
  pageInfo: boolean;
}

type Fragments = Record<string, FragmentDefinitionNode>;

/** By operation, then by field node: a field node is read with its own operation's fragments. */
const known = new WeakMap<object, WeakMap<FieldNode, SelectedCursors>>();

export function selectedCursors(info: GraphQLResolveInfo): SelectedCursors {
  let byNode = known.get(info.operation);
  if (!byNode) {
    byNode = new WeakMap();
    known.set(info.operation, byNode);
  }
  if (info.fieldNodes.length === 1) return cursorsOf(byNode, info.fieldNodes[0] as FieldNode, info.fragments);
  // Fields merged under one response key are read together: a cursor in any of them counts.
  let edges = false;
  let pageInfo = false;
  for (const node of info.fieldNodes) {
    const cursors = cursorsOf(byNode, node, info.fragments);
    edges ||= cursors.edges;
    pageInfo ||= cursors.pageInfo;
  }
  return { edges, pageInfo };
}

function cursorsOf(byNode: WeakMap<FieldNode, SelectedCursors>, node: FieldNode, fragments: Fragments) {
  let cursors = byNode.get(node);
  if (!cursors) {
    cursors = readConnection(node.selectionSet, fragments);
    byNode.set(node, cursors);
  }
  return cursors;
}

function readConnection(selectionSet: SelectionSetNode | undefined, fragments: Fragments): SelectedCursors {
  const cursors = { edges: false, pageInfo: false };
  forEachField(selectionSet, fragments, new Set(), (field) => {
    if (field.name.value === 'edges') cursors.edges ||= selects(field, fragments, ['cursor']);
    if (field.name.value === 'pageInfo') cursors.pageInfo ||= selects(field, fragments, ['startCursor', 'endCursor']);
  });
  return cursors;
}

function selects(field: FieldNode, fragments: Fragments, names: string[]): boolean {
  let found = false;
  forEachField(field.selectionSet, fragments, new Set(), (inner) => {
    if (names.includes(inner.name.value)) found = true;
  });
  return found;
}

/** Calls `visit` for each field of a selection set, through fragment spreads and inline fragments. */
function forEachField(
  selectionSet: SelectionSetNode | undefined,
  fragments: Fragments,
  spread: Set<string>,
  visit: (field: FieldNode) => void,
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') {
      visit(selection);
    } else if (selection.kind === 'InlineFragment') {
      forEachField(selection.selectionSet, fragments, spread, visit);
    } else if (!spread.has(selection.name.value)) {
      // Validation refuses fragment cycles; the set also stops a repeated spread being read twice.
      spread.add(selection.name.value);
      forEachField(fragments[selection.name.value]?.selectionSet, fragments, spread, visit);
    }
  }
}
