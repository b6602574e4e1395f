// What one quick action is: its descriptor for `actions.list`, the scopes it needs, a zod schema
// for its params (the JSON Schema the renderer draws a form from is derived from it, so the two
// cannot drift), and the function that runs it through a typed client.
import { z } from 'zod';
import { CoreError } from '../errors';
import type { Connection, ServiceId } from '../../../src-shared/types';
import type { ActionDeps } from './deps';
import type { FetchLike } from './fetch-adapter';
import type { ActionDescriptor, ActionRequest, ActionResult, Cell } from '../../../src-shared/actions';
import type { ScopeRequirement } from './scopes';

export interface ActionContext {
  connection: Connection;
  deps: ActionDeps;
  signal: AbortSignal | undefined;
  /** A fetch bound to this connection, mapping the client's fixed base onto the connection's. */
  fetchFor(sdkBase: string): FetchLike;
  now(): number;
}

export type ActionOutput = Pick<ActionResult, 'columns' | 'rows' | 'raw' | 'summary'>;

export interface ActionDefinition<P extends z.ZodObject> {
  id: string;
  service: ServiceId;
  title: string;
  description: string;
  writes: boolean;
  /** For a writing action: the requests that change something (test/core checks them against what it sends). */
  sends?: readonly ActionRequest[];
  scopes: ScopeRequirement[];
  params: P;
  run(params: z.output<P>, context: ActionContext): Promise<ActionOutput>;
}

/** An action with its params type erased, so a registry can hold them all without `any`. */
export interface RegisteredAction {
  descriptor: ActionDescriptor;
  scopes: ScopeRequirement[];
  execute(params: unknown, context: ActionContext): Promise<ActionOutput>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'params'} ${issue.message}`).join('; ');
}

export function defineAction<P extends z.ZodObject>(definition: ActionDefinition<P>): RegisteredAction {
  const jsonSchema = z.toJSONSchema(definition.params, { io: 'input' });
  return {
    descriptor: {
      id: definition.id,
      service: definition.service,
      title: definition.title,
      description: definition.description,
      params: jsonSchema as Record<string, unknown>,
      writes: definition.writes,
      scopes: definition.scopes.map((requirement) => [...requirement.anyOf]),
      ...(definition.sends ? { sends: [...definition.sends] } : {}),
    },
    scopes: definition.scopes,
    async execute(params, context) {
      const parsed = definition.params.safeParse(params);
      if (!parsed.success) {
        throw new CoreError('invalid_input', `"${definition.title}": ${describeIssues(parsed.error)}.`);
      }
      return definition.run(parsed.data, context);
    },
  };
}

export type Column = ActionResult['columns'][number];

/** Columns in display order from `[key, label]` pairs. */
export function columns(...pairs: [key: string, label: string][]): Column[] {
  return pairs.map(([key, label]) => ({ key, label }));
}

/** A provider field as a table cell: absent values become null, never the string "undefined". */
export function cell(value: string | number | boolean | null | undefined): Cell {
  return value === undefined ? null : value;
}
