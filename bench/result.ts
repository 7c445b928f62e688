/** One row of `npm run bench`: a named measurement and its figures, printed as a table. */
export interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
}
