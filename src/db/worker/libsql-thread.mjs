/**
 * The worker thread that owns an embedded libSQL database (a local file, or an embedded replica)
 * for the Node server: libSQL's binding runs every statement synchronously, so here, off the main
 * thread, a slow statement blocks only this thread. Plain JavaScript: it runs under tsx, vitest
 * and plain node alike, with no loader. The protocol (worker-client.ts is the other side):
 *   in:  { id, op: 'execute' | 'batch' | 'migrate' | 'executeMultiple' | 'sync', args }
 *   out: { id, ok: true, result } | { id, ok: false, error: { name, message, code, … } }
 * A result set travels as { columns, columnTypes, rows (arrays of values), rowsAffected,
 * lastInsertRowid }: libSQL's row objects do not survive structured cloning.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';

const OPS = new Set(['execute', 'batch', 'migrate', 'executeMultiple', 'sync']);

let client;
try {
  client = createClient(workerData.config);
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: describe(error) });
}

parentPort.on('message', async ({ id, op, args }) => {
  try {
    if (!OPS.has(op)) throw new Error(`unknown operation ${op}`);
    const result = await client[op](...args);
    parentPort.postMessage({ id, ok: true, result: plain(result) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: describe(error) });
  }
});

function plain(result) {
  if (Array.isArray(result)) return result.map(plain);
  if (!result || !('columns' in result)) return result;
  return {
    columns: result.columns,
    columnTypes: result.columnTypes,
    rows: result.rows.map((row) => Array.prototype.slice.call(row)),
    rowsAffected: result.rowsAffected,
    lastInsertRowid: result.lastInsertRowid,
  };
}

function describe(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return {
    name: error.name,
    message: error.message,
    code: error.code,
    extendedCode: error.extendedCode,
    rawCode: error.rawCode,
    statementIndex: error.statementIndex,
    cause: error.cause === undefined ? undefined : describe(error.cause),
  };
}
