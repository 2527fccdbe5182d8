/**
 * Arrow IPC (stream format) from a DuckDB result, with the Arrow schema declared from the
 * result's column types — never guessed from JS values (DESIGN: "Types lost at boundaries").
 * TIMESTAMPTZ becomes Timestamp(µs, 'UTC') carrying DuckDB's microseconds exactly, INTEGER
 * Int32, BIGINT Int64, DOUBLE Float64, BOOLEAN Bool, VARCHAR Utf8, DATE Date(day),
 * VARCHAR[] List<Utf8>. Any other type is refused with the column's name, so a new column
 * cannot silently arrive as text.
 *
 * The result is materialized first (connection.run): one DuckDB connection serves every
 * request, and a streaming result would be invalidated by the next query on it. Encoding is
 * lazy, one record batch per `batchRows`, so the first rows reach the browser early.
 */
import type { DuckDBConnection, DuckDBDataChunk, DuckDBMaterializedResult, DuckDBType, DuckDBVector } from '@duckdb/node-api';
import { DuckDBTypeId } from '@duckdb/node-api';
import {
  Bool, type Data, DateDay, Field, Float64, Int32, Int64, List, RecordBatch, RecordBatchStreamWriter, Schema, Struct,
  TimestampMicrosecond, Utf8, makeBuilder, makeData, type DataType,
} from 'apache-arrow';

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

interface Column {
  field: Field;
  build(vectors: DuckDBVector[], rows: number): Data;
}

export async function queryArrow(connection: DuckDBConnection, sql: string, params: Array<string | number | boolean | null>, batchRows = 16_384) {
  const result = await connection.run(sql, params);
  return { rowCount: result.rowCount, stream: () => arrowStream(result, batchRows) };
}

/** The Arrow schema for a result: one nullable field per column, typed from DuckDB's types. */
export function arrowSchema(result: DuckDBMaterializedResult): { schema: Schema; columns: Column[] } {
  const names = result.columnNames();
  const columns = result.columnTypes().map((type, i) => column(names[i]!, type));
  return { schema: new Schema(columns.map((c) => c.field)), columns };
}

export function arrowStream(result: DuckDBMaterializedResult, batchRows = 16_384): ReadableStream<Uint8Array> {
  const { schema, columns } = arrowSchema(result);
  const writer = new RecordBatchStreamWriter();
  // The producer yields to the event loop between batches, so one large list never stalls
  // the other requests the server is answering.
  void (async () => {
    try {
      let chunk = 0;
      if (result.chunkCount === 0) writer.write(emptyBatch(schema));
      while (chunk < result.chunkCount) {
        const chunks: DuckDBDataChunk[] = [];
        let rows = 0;
        while (chunk < result.chunkCount && rows < batchRows) {
          const c = result.getChunk(chunk++);
          chunks.push(c);
          rows += c.rowCount;
        }
        const children = columns.map((col, i) => col.build(chunks.map((c) => c.getColumnVector(i)), rows));
        writer.write(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows, children })));
        await new Promise((resolve) => setImmediate(resolve));
      }
      writer.finish();
      writer.close();
    } catch (error) {
      // Named case: the client went away (its end of the stream is closed), so there is no one
      // left to tell; stop producing.
      if (isClosedStream(error)) return;
      // Otherwise the response has started, so the only honest signal left is to break the
      // stream; the client's Arrow reader then fails instead of showing a short list.
      try {
        writer.abort(error);
      } catch (abortError) {
        if (!isClosedStream(abortError)) throw abortError;
      }
    }
  })();
  return writer.toDOMStream();
}

/** apache-arrow's message when the reading side of its stream has been closed or cancelled. */
function isClosedStream(error: unknown): boolean {
  return error instanceof Error && error.message === 'AsyncQueue is closed';
}

function emptyBatch(schema: Schema): RecordBatch {
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 0, children: schema.fields.map((f) => makeBuilder({ type: f.type }).finish().flush()) }));
}

function column(name: string, type: DuckDBType): Column {
  switch (type.typeId) {
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP: {
      const arrowType = new TimestampMicrosecond(type.typeId === DuckDBTypeId.TIMESTAMP_TZ ? 'UTC' : null);
      return fixed(name, arrowType, BigInt64Array, (v) => (v as { micros: bigint }).micros, 0n);
    }
    case DuckDBTypeId.INTEGER:
      return fixed(name, new Int32(), Int32Array, (v) => v as number, 0);
    case DuckDBTypeId.BIGINT:
      return fixed(name, new Int64(), BigInt64Array, (v) => v as bigint, 0n);
    case DuckDBTypeId.DOUBLE:
      return fixed(name, new Float64(), Float64Array, (v) => v as number, 0);
    case DuckDBTypeId.DATE:
      return fixed(name, new DateDay(), Int32Array, (v) => (v as { days: number }).days, 0);
    case DuckDBTypeId.BOOLEAN:
      return bools(name);
    case DuckDBTypeId.VARCHAR:
      return utf8(name);
    case DuckDBTypeId.LIST: {
      const child = (type as unknown as { valueType: DuckDBType }).valueType;
      if (child.typeId === DuckDBTypeId.VARCHAR) {
        return built(name, new List(new Field('item', new Utf8(), true)), (v) => (v as { items: string[] }).items);
      }
      break;
    }
  }
  throw new Error(`Column "${name}" has DuckDB type ${type.toString()}, which queries/arrow.ts does not map to Arrow yet; cast it in SQL or add the mapping.`);
}

type Typed = Int32Array | Float64Array | BigInt64Array;

/** Fixed-width columns: values copied straight into a typed array, with a validity bitmap. */
function fixed<A extends Typed>(
  name: string,
  type: DataType,
  Array_: { new (n: number): A },
  read: (value: unknown) => A[number],
  zero: A[number],
): Column {
  return {
    field: new Field(name, type, true),
    build(vectors, rows) {
      const values = new Array_(rows);
      const validity = new Uint8Array(Math.ceil(rows / 8));
      let nulls = 0;
      let at = 0;
      for (const vector of vectors) {
        for (let i = 0; i < vector.itemCount; i++, at++) {
          const item = vector.getItem(i);
          if (item === null) {
            values[at] = zero;
            nulls++;
          } else {
            values[at] = read(item);
            validity[at >> 3]! |= 1 << (at & 7);
          }
        }
      }
      return makeData({ type, length: rows, nullCount: nulls, nullBitmap: nulls ? validity : null, data: values } as never);
    },
  };
}

/** A validity bitmap (bit set = value present) for `rows` values, and how many are null. */
function validityOf(vectors: DuckDBVector[], rows: number): { bitmap: Uint8Array; nulls: number; values: unknown[] } {
  const bitmap = new Uint8Array(Math.ceil(rows / 8));
  const values: unknown[] = new Array(rows);
  let nulls = 0;
  let at = 0;
  for (const vector of vectors) {
    for (let i = 0; i < vector.itemCount; i++, at++) {
      const item = vector.getItem(i);
      values[at] = item;
      if (item === null) nulls++;
      else bitmap[at >> 3]! |= 1 << (at & 7);
    }
  }
  return { bitmap, nulls, values };
}

/**
 * Text straight into Arrow's layout (offsets + UTF-8 bytes): Arrow's generic builder grows its
 * buffers value by value and was most of the encoding time for a 100k-row list.
 */
function utf8(name: string): Column {
  const type = new Utf8();
  const encoder = new TextEncoder();
  return {
    field: new Field(name, type, true),
    build(vectors, rows) {
      const { bitmap, nulls, values } = validityOf(vectors, rows);
      const offsets = new Int32Array(rows + 1);
      let bytes = new Uint8Array(Math.max(64, rows * 16));
      let end = 0;
      for (let i = 0; i < rows; i++) {
        const text = values[i];
        if (typeof text === 'string' && text.length > 0) {
          // A UTF-16 code unit takes at most 3 UTF-8 bytes.
          if (end + text.length * 3 > bytes.length) {
            const grown = new Uint8Array(Math.max(bytes.length * 2, end + text.length * 3));
            grown.set(bytes.subarray(0, end));
            bytes = grown;
          }
          end += encoder.encodeInto(text, bytes.subarray(end)).written;
        }
        offsets[i + 1] = end;
      }
      return makeData({ type, length: rows, nullCount: nulls, nullBitmap: nulls ? bitmap : null, valueOffsets: offsets, data: bytes.subarray(0, end) });
    },
  };
}

function bools(name: string): Column {
  const type = new Bool();
  return {
    field: new Field(name, type, true),
    build(vectors, rows) {
      const { bitmap, nulls, values } = validityOf(vectors, rows);
      const data = new Uint8Array(Math.ceil(rows / 8));
      for (let i = 0; i < rows; i++) if (values[i] === true) data[i >> 3]! |= 1 << (i & 7);
      return makeData({ type, length: rows, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data });
    },
  };
}

/** Variable-width columns of other shapes (lists) through Arrow's builder for the declared type. */
function built(name: string, type: DataType, read: (value: unknown) => unknown): Column {
  return {
    field: new Field(name, type, true),
    build(vectors) {
      const builder = makeBuilder({ type, nullValues: [null] });
      for (const vector of vectors) {
        for (let i = 0; i < vector.itemCount; i++) {
          const item = vector.getItem(i);
          builder.append(item === null ? null : read(item));
        }
      }
      return builder.finish().flush();
    },
  };
}
