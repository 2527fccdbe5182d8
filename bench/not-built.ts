/**
 * Figures issue 9 asks for that the bench does not measure yet: the feature is missing, or it
 * landed and its figure is still to write. Listed in RESULTS.md as "not built" so a reader sees
 * the gap; each moves into a figures/ file when it is measured.
 */
export const NOT_BUILT: readonly string[] = [];
