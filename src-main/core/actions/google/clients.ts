// The official per-API Google clients, each given the core's fetch. No `auth` is set: the clients
// then send no Authorization of their own, and the core adds the connection's token.
import { calendar } from '@googleapis/calendar';
import type { calendar_v3 } from '@googleapis/calendar';
import { docs } from '@googleapis/docs';
import type { docs_v1 } from '@googleapis/docs';
import { drive } from '@googleapis/drive';
import type { drive_v3 } from '@googleapis/drive';
import { gmail } from '@googleapis/gmail';
import type { gmail_v1 } from '@googleapis/gmail';
import type { ActionContext } from '../action';
import { SDK_BASES } from '../sdk-bases';

function transport(context: ActionContext, sdkBase: string) {
  return {
    fetchImplementation: context.fetchFor(sdkBase),
    // The core already retries with backoff and honours Retry-After; a second retry loop in gaxios
    // would multiply attempts and hide them from the request log.
    retry: false,
  };
}

export function gmailClient(context: ActionContext): gmail_v1.Gmail {
  return gmail({ version: 'v1', ...transport(context, SDK_BASES.google_gmail) });
}

export function calendarClient(context: ActionContext): calendar_v3.Calendar {
  return calendar({ version: 'v3', ...transport(context, SDK_BASES.google_calendar) });
}

export function driveClient(context: ActionContext): drive_v3.Drive {
  return drive({ version: 'v3', ...transport(context, SDK_BASES.google_drive) });
}

export function docsClient(context: ActionContext): docs_v1.Docs {
  return docs({ version: 'v1', ...transport(context, SDK_BASES.google_docs) });
}
