/**
 * The response cache (@envelop/response-cache, which Yoga's plugin adds) walks the whole schema
 * as soon as Yoga exists: its `onSchemaChange` runs graphql-tools' `mapSchema`, which rebuilds
 * every type, to note each field's result types and ID field. That was about a quarter of an edge
 * isolate's start-up CPU, paid even by isolates that only answer /live, /health, a CSV or a
 * Cache API hit. This wrapper hands the walk the schema on the first execution instead (the only
 * hook that reads what the walk notes), once; everything else about the plugin is unchanged.
 */
import type { Plugin } from 'graphql-yoga';

type AnyPlugin = Plugin<Record<string, unknown>>;
type SchemaChange = Parameters<NonNullable<AnyPlugin['onSchemaChange']>>[0];

/** `plugin` with the schema walk of every plugin it adds at init deferred to the first execution. */
export function withDeferredSchemaWalk<P extends object>(plugin: P): P {
  const { onPluginInit } = plugin as AnyPlugin;
  if (!onPluginInit) return plugin;
  const deferred: AnyPlugin = {
    onPluginInit: (payload) =>
      onPluginInit({ ...payload, addPlugin: (added) => payload.addPlugin(deferSchemaWalk(added as AnyPlugin)) }),
  };
  return { ...plugin, ...deferred };
}

function deferSchemaWalk(plugin: AnyPlugin): AnyPlugin {
  const { onSchemaChange, onExecute } = plugin;
  if (!onSchemaChange || !onExecute) return plugin;
  let pending: SchemaChange | undefined;
  return {
    ...plugin,
    onSchemaChange: (change) => {
      pending = change;
    },
    onExecute: (payload) => {
      if (pending) {
        const change = pending;
        pending = undefined;
        onSchemaChange(change);
      }
      return onExecute(payload);
    },
  };
}
