/** One line of the `npm run bench` table: a measurement with its goal beside it. */
export interface BenchRow {
  metric: string;
  value: string;
  goal: string;
  /** Whether the value meets the goal; null where there is no pass/fail reading. */
  met: boolean | null;
  note?: string;
}
