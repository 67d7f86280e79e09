/**
 * The worker thread that owns an embedded libSQL database (a local file, or an embedded replica)
 * for the Node server: libSQL's binding runs every statement synchronously, so here, off the main
 * thread, a slow statement blocks only this thread. Plain JavaScript: it runs under tsx, vitest
 * and plain node alike, with no loader. The protocol (worker-client.ts is the other side):
 *   in:  { op: 'execute' | 'batch' | 'migrate' | 'executeMultiple' | 'sync', args } — one at a time
 *   out: { ok: true, result } | { ok: false, error: { name, message, code, … } }
 *   in:  { op: 'retire' } — close the database and end the thread. The pool sends it to a thread
 *        whose statement overran: it is read only once that statement has returned, because
 *        `Worker.terminate()` in the middle of a libSQL statement crashes the whole process (a
 *        panic in the binding's neon layer when the statement returns; seen with libsql 0.5.29).
 * A result set travels as { columns, columnTypes, rows (arrays of values), rowsAffected,
 * lastInsertRowid }: libSQL's row objects do not survive structured cloning. A plain `SELECT` on a
 * file database runs on the thread's second connection (reader.mjs), whose rows are arrays from
 * the start; everything else, and anything that reader leaves, goes through the client.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';
import { openReader } from './reader.mjs';

const OPS = new Set(['execute', 'batch', 'migrate', 'executeMultiple', 'sync']);

let client;
let reader;
try {
  client = createClient(workerData.config);
  reader = openReader(workerData.config);
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: describe(error) });
}

parentPort.on('message', async ({ op, args }) => {
  if (op === 'retire') {
    client?.close();
    reader?.close();
    parentPort.close(); // nothing else keeps the thread alive: it ends
    return;
  }
  try {
    if (!OPS.has(op)) throw new Error(`unknown operation ${op}`);
    const read = op === 'execute' && reader?.read(args[0]);
    const result = read || plain(await client[op](...args));
    parentPort.postMessage({ ok: true, result });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: describe(error) });
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
