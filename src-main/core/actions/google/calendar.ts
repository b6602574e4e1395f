// Calendar quick actions. "Next events across calendars" needs one events.list per calendar (the
// API has no cross-calendar query), merged and sorted here.
import { z } from 'zod';
import type { calendar_v3 } from '@googleapis/calendar';
import { cell, columns, defineAction } from '../action';
import { requireAny } from '../scopes';
import type { Cell } from '../../../../src-shared/actions';
import { calendarClient } from './clients';

const READ_LIST = requireAny('calendar.readonly', 'calendar');
const WRITE_EVENTS = requireAny('calendar.events', 'calendar', 'calendar.events.owned');

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CalendarEvent {
  event: calendar_v3.Schema$Event;
  calendar: calendar_v3.Schema$CalendarListEntry;
}

/** An event's start as a sortable instant; all-day events (`date`) start at UTC midnight. */
export function eventStartMs(event: calendar_v3.Schema$Event): number {
  const when = event.start?.dateTime ?? (event.start?.date ? `${event.start.date}T00:00:00Z` : null);
  const ms = when ? Date.parse(when) : Number.NaN;
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** The soonest `limit` events over all calendars. */
export function mergeEvents(perCalendar: CalendarEvent[][], limit: number): CalendarEvent[] {
  return perCalendar
    .flat()
    .sort((a, b) => eventStartMs(a.event) - eventStartMs(b.event))
    .slice(0, limit);
}

export function mapEvent({ event, calendar }: CalendarEvent): Record<string, Cell> {
  return {
    start: cell(event.start?.dateTime ?? event.start?.date),
    end: cell(event.end?.dateTime ?? event.end?.date),
    allDay: Boolean(event.start?.date && !event.start.dateTime),
    summary: cell(event.summary ?? '(no title)'),
    calendar: cell(calendar.summaryOverride ?? calendar.summary ?? calendar.id),
    location: cell(event.location),
    link: cell(event.htmlLink),
    id: cell(event.id),
  };
}

const EVENT_COLUMNS = columns(
  ['start', 'Start'],
  ['end', 'End'],
  ['summary', 'Title'],
  ['calendar', 'Calendar'],
  ['location', 'Location'],
  ['allDay', 'All day'],
  ['link', 'Link'],
  ['id', 'ID'],
);

export const calendarActions = [
  defineAction({
    id: 'calendar.next_events',
    service: 'google_calendar',
    title: 'Next events',
    description: 'Your upcoming events across all the calendars in your list, soonest first.',
    writes: false,
    scopes: [READ_LIST],
    params: z.object({
      maxResults: z.number().int().min(1).max(50).default(10).describe('How many events'),
      days: z.number().int().min(1).max(365).default(30).describe('How many days ahead to look'),
    }),
    async run(params, context) {
      const client = calendarClient(context);
      const now = context.now();
      const list = await client.calendarList.list({ maxResults: 250 });
      const calendars = (list.data.items ?? []).filter((entry) => entry.id && !entry.deleted);
      const perCalendar = await Promise.all(
        calendars.map(async (calendar) => {
          const events = await client.events.list({
            calendarId: calendar.id ?? 'primary',
            timeMin: new Date(now).toISOString(),
            timeMax: new Date(now + params.days * DAY_MS).toISOString(),
            // Recurring events expanded into instances, so startTime ordering is allowed and exact.
            singleEvents: true,
            orderBy: 'startTime',
            maxResults: params.maxResults,
          });
          return (events.data.items ?? []).filter((event) => event.status !== 'cancelled').map((event) => ({ event, calendar }));
        }),
      );
      const merged = mergeEvents(perCalendar, params.maxResults);
      return {
        columns: EVENT_COLUMNS,
        rows: merged.map(mapEvent),
        raw: { calendars: list.data, events: merged.map(({ event }) => event) },
        summary: `${merged.length} event${merged.length === 1 ? '' : 's'} from ${calendars.length} calendar${calendars.length === 1 ? '' : 's'}`,
      };
    },
  }),
  defineAction({
    id: 'calendar.create_event',
    service: 'google_calendar',
    title: 'Create an event',
    description: 'Adds an event to a calendar (your primary one unless you name another).',
    writes: true,
    sends: [{ method: 'POST', url: '/calendars/{calendarId}/events' }],
    scopes: [WRITE_EVENTS],
    params: z.object({
      summary: z.string().min(1).max(500).describe('Title'),
      start: z.iso.datetime({ offset: true }).describe('Start, e.g. 2026-11-24T10:00:00+01:00'),
      durationMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(30)
        .describe('Length in minutes'),
      description: z.string().max(8_000).optional(),
      location: z.string().max(500).optional(),
      calendarId: z.string().min(1).max(500).default('primary'),
    }),
    async run(params, context) {
      const client = calendarClient(context);
      const end = new Date(Date.parse(params.start) + params.durationMinutes * 60_000).toISOString();
      const created = await client.events.insert({
        calendarId: params.calendarId,
        requestBody: {
          summary: params.summary,
          start: { dateTime: params.start },
          end: { dateTime: end },
          ...(params.description ? { description: params.description } : {}),
          ...(params.location ? { location: params.location } : {}),
        },
      });
      const calendar: calendar_v3.Schema$CalendarListEntry = {
        id: params.calendarId,
        summary: created.data.organizer?.displayName ?? created.data.organizer?.email ?? params.calendarId,
      };
      return {
        columns: EVENT_COLUMNS,
        rows: [mapEvent({ event: created.data, calendar })],
        raw: created.data,
        summary: `Created "${created.data.summary ?? params.summary}"`,
      };
    },
  }),
];
