/**
 * Selection plans kept across requests. plugin-drizzle plans each statement from the selection
 * beneath the field being resolved (`Plan.fromInfo`, @pothos/selection-mapper): it walks the
 * document and calls every field's `select` with the field's arguments. For the benchmark's page of
 * 20 articles with their quotes and speakers that walk was about 0.2 ms of the request (in
 * process, BENCHMARKS.md), and for a repeated query it finds the same plan every time.
 *
 * A plan depends on the field's nodes in the parsed document (Yoga keeps a parsed document per
 * query text, so they are the same objects from one request to the next), the field's place (its
 * parent and return types), what the caller asks (`typeName`, `path`, `paths`) and the variables.
 * It could depend on the request's context too, through a `select`, a relation query or an
 * argument mapper that reads it: the walk sees the context only through a watch, and a plan
 * whose walk read any of it is used for that request alone; so is a plan holding a function that
 * may read it later (see `defersToRequest`). Every `select` in this schema is a function of its
 * arguments, so every synchronous plan is kept but one asking a related connection's `totalCount`.
 *
 * A kept plan is handed out as a view with the request's own context and info, which is where a
 * plan records its loader mappings (what graphql-js's resolvers beneath read) when it is played.
 * Playing does not change the plan: plugin-drizzle already plays one plan several times.
 */
import { Plan } from '@pothos/selection-mapper';
import type { FieldNode } from 'graphql';

type Adapter = Parameters<typeof Plan.fromInfo>[0];
type Options = Parameters<typeof Plan.fromInfo>[1];
type AnyPlan = NonNullable<ReturnType<typeof Plan.fromInfo>>;
/** `Plan.fromInfo` without its type parameters: this file only hands plans through. */
type FromInfo = (adapter: Adapter, options: Options) => ReturnType<typeof Plan.fromInfo>;

/** What `fromInfo` answered; `undefined` is an answer too (nothing selected under the paths). */
interface Kept {
  nodes: readonly FieldNode[];
  plan: AnyPlan | undefined;
}

/** Plans per variables and place, by the field's first node; bounded per node and per key. */
const kept = new WeakMap<FieldNode, Map<string, Kept>>();
const MAX_PLANS_PER_NODE = 100;
const MAX_KEY_CHARS = 4096;
/** What a kept plan's walk was given as its context, once the walk is over: nothing. */
const NO_CONTEXT = Object.freeze({});

/** plugin-drizzle's own `Plan.fromInfo` and the wrapper, once installed. */
let installed: { walk: typeof Plan.fromInfo; keep: typeof Plan.fromInfo } | undefined;

/** What the cache did since the process started, for tests and debugging. */
export const selectionPlanStats = {
  /** Plans walked and kept. */
  kept: 0,
  /** Requests answered from a kept plan. */
  reused: 0,
  /** Plans walked for one request: the walk read the context, a selection holds a function, or async. */
  notKept: 0,
};

/** Wraps `Plan.fromInfo` once per process (every schema built here shares the class). */
export function keepSelectionPlans(): void {
  if (installed) return;
  const walk = Plan.fromInfo;
  const fromInfo: FromInfo = walk.bind(Plan);
  const keeping: FromInfo = (adapter, options) => planFor(fromInfo, adapter, options);
  installed = { walk, keep: keeping as typeof Plan.fromInfo };
  Plan.fromInfo = installed.keep;
}

/**
 * Plans kept (true, the default) or walked for every request (false): only for measuring what
 * keeping them saves (bench/kept-plans.ts), in a process that serves nothing else.
 */
export function keepingSelectionPlans(on: boolean): void {
  if (installed) Plan.fromInfo = on ? installed.keep : installed.walk;
}

function planFor(fromInfo: FromInfo, adapter: Adapter, options: Options): ReturnType<FromInfo> {
  const key = keyOf(options);
  const first = options.info.fieldNodes[0];
  if (key === undefined || !first) return fromInfo(adapter, options);
  const byKey = kept.get(first);
  const hit = byKey?.get(key);
  if (hit && sameNodes(hit.nodes, options.info.fieldNodes)) {
    selectionPlanStats.reused++;
    return hit.plan && viewFor(hit.plan, options);
  }

  const watch = watchedContext(options.context);
  const planned = fromInfo(adapter, { ...options, context: watch.context });
  if (isThenable(planned)) {
    selectionPlanStats.notKept++;
    // A `select` beneath the field is async: planned for this request only. (`fromInfo` is typed
    // as synchronous, but answers a promise then; plugin-drizzle checks for one.)
    const settled = planned.then((plan: AnyPlan | undefined) => plan && viewFor(plan, options));
    return settled as unknown as ReturnType<FromInfo>;
  }
  // Functions first: reading the selections must not run a getter after the watch was asked.
  const defers = defersToRequest(planned);
  if (!defers && !watch.wasRead()) {
    watch.detach();
    keep(first, key, { nodes: [...options.info.fieldNodes], plan: planned });
    selectionPlanStats.kept++;
  } else {
    selectionPlanStats.notKept++;
  }
  return planned && viewFor(planned, options);
}

/** The plan with this request's context and info: the ones `query()` records its mappings under. */
function viewFor(plan: AnyPlan, options: Options): AnyPlan {
  const view = Object.create(plan) as AnyPlan & { context: object; info: Options['info'] };
  view.context = options.context;
  view.info = options.info;
  return view;
}

/** The variables and place that, with the field's nodes, decide the plan; undefined: not kept. */
function keyOf(options: Options): string | undefined {
  const { info, typeName, path, paths, initial, skipDeferredFragments } = options;
  if (initial !== undefined || skipDeferredFragments !== undefined) return undefined;
  let key: string;
  try {
    key = JSON.stringify([
      info.parentType.name,
      String(info.returnType),
      typeName ?? null,
      path ?? null,
      paths ?? null,
      info.variableValues,
    ]);
  } catch {
    return undefined; // a variable JSON cannot write (a bigint): planned each time
  }
  return key.length <= MAX_KEY_CHARS ? key : undefined;
}

function keep(first: FieldNode, key: string, entry: Kept): void {
  let byKey = kept.get(first);
  if (!byKey) {
    byKey = new Map();
    kept.set(first, byKey);
  }
  if (byKey.size >= MAX_PLANS_PER_NODE) byKey.clear(); // a query sent with ever-new variables
  byKey.set(key, entry);
}

/**
 * Whether a plan holds a function among the selections it merges: one may read the context when
 * the statement is built, after the walk (plugin-drizzle's `totalCount` counts a related
 * connection with the request's client, `getClient(builder, context)`), so such a plan is not
 * kept, nor one with a getter. The selections are plain objects and arrays; anything else
 * (drizzle's SQL, tables, columns) is data.
 * A plan whose merges cannot be read (another version of the package) is not kept either.
 */
function defersToRequest(plan: AnyPlan | undefined): boolean {
  if (!plan) return false;
  const merges = (plan as unknown as { merges?: unknown }).merges;
  if (!Array.isArray(merges)) return true;
  const seen = new Set<object>();
  return merges.some((merge: { query?: unknown }) => holdsFunction(merge?.query, seen));
}

function holdsFunction(value: unknown, seen: Set<object>): boolean {
  if (typeof value === 'function') return true;
  if (!value || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((item) => holdsFunction(item, seen));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // A getter is a function too; read through descriptors, so that no getter runs here.
  return Object.values(Object.getOwnPropertyDescriptors(value)).some(
    (property) => property.get !== undefined || property.set !== undefined || holdsFunction(property.value, seen),
  );
}

function sameNodes(a: readonly FieldNode[], b: readonly FieldNode[]): boolean {
  return a.length === b.length && a.every((node, i) => node === b[i]);
}

/**
 * The request's context behind a watch: every read is passed through and noted. A kept plan's
 * watch lets go of the context (`detach`), so the plan holds no request; a plan that is not kept
 * goes on reading this request's context through it.
 */
function watchedContext(context: object) {
  let target: object = context;
  let read = false;
  // Every trap notes the read, then answers from the context (or, once detached, from nothing).
  const noted = <T>(answer: () => T): T => {
    read = true;
    return answer();
  };
  const watched = new Proxy(
    {},
    {
      get: (_, property) => noted(() => Reflect.get(target, property)),
      has: (_, property) => noted(() => Reflect.has(target, property)),
      ownKeys: () => noted(() => Reflect.ownKeys(target)),
      getOwnPropertyDescriptor: (_, property) => noted(() => Reflect.getOwnPropertyDescriptor(target, property)),
    },
  );
  return {
    context: watched,
    wasRead: () => read,
    detach: () => {
      target = NO_CONTEXT;
    },
  };
}

function isThenable(value: unknown): value is PromiseLike<AnyPlan | undefined> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}
