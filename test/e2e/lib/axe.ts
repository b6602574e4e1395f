// axe-core in the page, as the accessibility checks need it. The window's CSP (`script-src 'self'`)
// refuses an inline <script>, so axe's source runs through `page.evaluate` (DevTools), which the
// CSP does not govern.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  id: string;
  /** axe's impact; `incomplete` results ("needs review") are kept apart by `review`. */
  impact: string | null;
  review: boolean;
  nodes: { target: string[]; summary: string }[];
}

/**
 * Rules held regardless of impact, and also when axe can only say "needs review": the duplicate
 * landmark, an aria-label on an element that may not carry one, and a name that does not contain
 * the visible label were each met by a person using the window, yet axe rates the first moderate
 * and reports the others as needing review.
 */
export const STRICT_RULES = ['landmark-unique', 'aria-prohibited-attr', 'label-content-name-mismatch'];

let source: string | undefined;

function axeSource(): string {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/** Every violation and every "needs review" result axe gives for the page as it stands. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource());
  return page.evaluate(async () => {
    interface Result {
      id: string;
      impact: string | null;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<Record<string, Result[]>> } }).axe;
    // label-content-name-mismatch is "experimental" in axe, so off unless asked for.
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      rules: { 'label-content-name-mismatch': { enabled: true } },
    });
    const shape = (review: boolean) => (r: Result) => ({
      id: r.id,
      impact: r.impact,
      review,
      nodes: r.nodes.map((n) => ({ target: n.target.map(String), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ') })),
    });
    return [...(result['violations'] ?? []).map(shape(false)), ...(result['incomplete'] ?? []).map(shape(true))];
  });
}

/** What fails a screen: serious and critical violations, and anything under STRICT_RULES; one line per node. */
export async function blockingFindings(page: Page): Promise<string[]> {
  const findings = await axeFindings(page);
  return findings
    .filter((f) => STRICT_RULES.includes(f.id) || (!f.review && (f.impact === 'serious' || f.impact === 'critical')))
    .flatMap((f) => f.nodes.map((n) => `${f.id} (${f.review ? 'needs review, ' : ''}${f.impact}) at ${n.target.join(' ')}: ${n.summary}`));
}
