/**
 * Arrow IPC stream page by page: the schema and column builders come from queries/arrow.ts
 * (declared from DuckDB's column types), one record batch per page of the temp table, so a
 * large export is never one materialised result.
 *
 * Why the writer's queue is drained by hand: RecordBatchStreamWriter buffers its output in an
 * internal queue that is only readable asynchronously and without a size, so a pull-driven
 * stream could not tell when a batch's bytes were all out. With no reader, nothing waits on the
 * queue, so taking its values is the same as reading them. apache-arrow is pinned exactly; the
 * shape is checked so an upgrade that changes it fails loudly instead of writing nothing.
 */
import { RecordBatch, RecordBatchStreamWriter, Struct, makeData } from 'apache-arrow';
import { arrowSchema } from '../../queries/arrow.ts';
import type { ExportTable } from './table.ts';

export async function* arrowBytes(table: ExportTable): AsyncGenerator<Uint8Array> {
  const writer = new RecordBatchStreamWriter();
  const queue = (writer as unknown as { _sink?: { _values?: unknown } })._sink?._values;
  if (!Array.isArray(queue)) throw new Error('apache-arrow changed RecordBatchStreamWriter internals; update server/export/arrow.ts.');
  const take = () => queue.splice(0) as Uint8Array[];
  let plan: ReturnType<typeof arrowSchema> | null = null;
  for await (const page of table.pages()) {
    plan ??= arrowSchema(page);
    const { schema, columns } = plan;
    const vectorsOf = (i: number) => Array.from({ length: page.chunkCount }, (_, c) => page.getChunk(c).getColumnVector(i));
    const rows = Number(page.rowCount);
    const children = columns.map((col, i) => col.build(vectorsOf(i), rows));
    writer.write(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows, children })));
    yield* take();
  }
  writer.finish();
  yield* take();
}
