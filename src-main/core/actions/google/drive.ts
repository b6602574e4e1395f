// Drive quick actions: recent files, and a small text upload (a multipart upload, which goes to
// Google's /upload/drive/v3 path rather than the API base; the fetch adapter maps it).
import { z } from 'zod';
import type { drive_v3 } from '@googleapis/drive';
import { cell, columns, defineAction } from '../action';
import { requireAny } from '../scopes';
import type { Cell } from '../../../../src-shared/actions';
import { driveClient } from './clients';

// drive.file first: it is non-sensitive and the scope Junction asks for by default.
const LIST = requireAny('drive.file', 'drive.readonly', 'drive', 'drive.metadata.readonly', 'drive.metadata');
const CREATE = requireAny('drive.file', 'drive');

// Drive returns only id, name and mimeType unless asked; ask for exactly what the table shows.
const FILE_FIELDS = 'id, name, mimeType, modifiedTime, size, webViewLink, owners(displayName)';

export function mapFile(file: drive_v3.Schema$File): Record<string, Cell> {
  // `size` is an int64 carried as a string, and absent for Google Docs and folders.
  const size = file.size === undefined || file.size === null ? null : Number(file.size);
  return {
    name: cell(file.name),
    mimeType: cell(file.mimeType),
    modified: cell(file.modifiedTime),
    size: size !== null && Number.isFinite(size) ? size : null,
    owner: cell(file.owners?.[0]?.displayName),
    link: cell(file.webViewLink),
    id: cell(file.id),
  };
}

const FILE_COLUMNS = columns(
  ['name', 'Name'],
  ['mimeType', 'Type'],
  ['modified', 'Modified'],
  ['size', 'Size (bytes)'],
  ['owner', 'Owner'],
  ['link', 'Link'],
  ['id', 'ID'],
);

export const driveActions = [
  defineAction({
    id: 'drive.recent_files',
    service: 'google_drive',
    title: 'Recent files',
    description: 'The files you changed most recently (with the drive.file scope: the ones Junction created or you opened with it).',
    writes: false,
    scopes: [LIST],
    params: z.object({
      pageSize: z.number().int().min(1).max(100).default(10).describe('How many files'),
    }),
    async run(params, context) {
      const list = await driveClient(context).files.list({
        pageSize: params.pageSize,
        orderBy: 'modifiedTime desc',
        q: 'trashed = false',
        fields: `nextPageToken, files(${FILE_FIELDS})`,
      });
      const files = list.data.files ?? [];
      return {
        columns: FILE_COLUMNS,
        rows: files.map(mapFile),
        raw: list.data,
        summary: `${files.length} file${files.length === 1 ? '' : 's'}${list.data.nextPageToken ? ', more available' : ''}`,
      };
    },
  }),
  defineAction({
    id: 'drive.upload_text',
    service: 'google_drive',
    title: 'Upload a small text file',
    description: 'Creates a plain-text file in your Drive with the text you give.',
    writes: true,
    // Uploads go to the host's /upload path, beside the API base (/drive/v3).
    sends: [{ method: 'POST', url: '/../../upload/drive/v3/files' }],
    scopes: [CREATE],
    params: z.object({
      name: z.string().min(1).max(200).default('junction-note.txt').describe('File name'),
      text: z
        .string()
        .max(64 * 1024)
        .default('Hello from Junction.')
        .describe('Contents'),
    }),
    async run(params, context) {
      const created = await driveClient(context).files.create({
        requestBody: { name: params.name, mimeType: 'text/plain' },
        media: { mimeType: 'text/plain', body: params.text },
        fields: FILE_FIELDS,
      });
      return {
        columns: FILE_COLUMNS,
        rows: [mapFile(created.data)],
        raw: created.data,
        summary: `Uploaded ${created.data.name ?? params.name}`,
      };
    },
  }),
];
