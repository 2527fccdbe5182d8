/** Real-world timestamp parsing for imports: detection over a staged column, SQL builders, messages. */
export {
  composeDetection, detectColumnFormat, detectColumnFormats, detectionParts, detectionSql, plansFromRow,
  type DetectColumn, type DetectionQuery, type DetectOptions,
} from './detect.ts';
export { dstFlagSql, type DstFlag } from './dst.ts';
export { describeDateProblem, suggestFormats } from './errors.ts';
export { DEFAULT_NULL_MARKERS, normaliseNullMarkers, nullIfMarker, nullMarkersValue, trimSql } from './null-markers.ts';
export { EPOCH_MS_CUTOFF, isNaiveIso } from './patterns.ts';
export {
  DATE_FAMILIES, naiveIsoPlan, planCovers, planFromCounts, settleSharedOrder,
  type DateColumnCounts, type DateColumnKind, type DateColumnPlan, type DateColumnSamples, type DateFamily, type DateProblem, type DayOrder,
} from './plan.ts';
export { bindOnce, formatHasZone, isColumnReference, localTimestampSql, timestampSql, type TimestampSqlOptions } from './sql.ts';
export { checkDateFormat, DEFAULT_TIME_ZONE, resolveTimeZone } from './validate.ts';
