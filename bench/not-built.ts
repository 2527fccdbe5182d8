/**
 * Figures issue 9 asks for that the bench does not measure yet: the feature is missing, or it
 * landed and its figure is still to write. Listed in RESULTS.md as "not built" so a reader sees
 * the gap; each moves into a figures/ file when it is measured.
 */
export const NOT_BUILT: readonly string[] = [
  'Reports: HTML report build time and its peak RSS (no report builder yet)',
  'Email: summary email render time and its peak RSS (no email rendering yet)',
  'Exports: 1M-row CSV export throughput and its peak RSS (GET /api/export landed in adc07c1 while this bench was being built; its figure is next)',
];
