// Docs quick actions. documents.create takes only a title (body content in the request is
// ignored), so "create with text" is create, then one batchUpdate inserting the text at index 1,
// the start of the body.
import { z } from 'zod';
import type { docs_v1 } from '@googleapis/docs';
import { CoreError } from '../../errors';
import { cell, columns, defineAction } from '../action';
import { requireAny } from '../scopes';
import { docsClient } from './clients';

const CREATE = requireAny('documents', 'drive.file', 'drive');
const READ = requireAny('documents.readonly', 'documents', 'drive.file', 'drive.readonly', 'drive');

/** Accepts a document ID or any docs.google.com URL of it, since people copy the address bar. */
export function extractDocumentId(input: string): string {
  const trimmed = input.trim();
  const fromUrl = /\/document\/(?:u\/\d+\/)?d\/([A-Za-z0-9_-]+)/.exec(trimmed);
  if (fromUrl?.[1]) return fromUrl[1];
  if (/^[A-Za-z0-9_-]{10,}$/.test(trimmed)) return trimmed;
  throw new CoreError('invalid_input', "That is not a Google Docs document ID or link. Paste the document's address from the browser.");
}

export function documentUrl(documentId: string): string {
  return `https://docs.google.com/document/d/${documentId}/edit`;
}

export interface DocParagraph {
  style: string | null;
  text: string;
}

/** Walks body content, including tables and tables of contents, collecting each paragraph's text. */
export function documentParagraphs(content: docs_v1.Schema$StructuralElement[] | undefined): DocParagraph[] {
  const out: DocParagraph[] = [];
  for (const element of content ?? []) {
    if (element.paragraph) {
      const text = (element.paragraph.elements ?? []).map((part) => part.textRun?.content ?? '').join('');
      out.push({ style: element.paragraph.paragraphStyle?.namedStyleType ?? null, text: text.replace(/\n$/, '') });
    } else if (element.table) {
      for (const row of element.table.tableRows ?? []) {
        for (const tableCell of row.tableCells ?? []) out.push(...documentParagraphs(tableCell.content));
      }
    } else if (element.tableOfContents) {
      out.push(...documentParagraphs(element.tableOfContents.content));
    }
  }
  return out;
}

export function documentText(document: docs_v1.Schema$Document): string {
  return documentParagraphs(document.body?.content)
    .map((paragraph) => paragraph.text)
    .join('\n');
}

export const docsActions = [
  defineAction({
    id: 'docs.create_with_text',
    service: 'google_docs',
    title: 'Create a document with text',
    description: 'Creates a new Google Doc with the title and text you give.',
    writes: true,
    sends: [
      { method: 'POST', url: '/documents' },
      { method: 'POST', url: '/documents/{documentId}:batchUpdate' },
    ],
    scopes: [CREATE],
    params: z.object({
      title: z.string().min(1).max(300).default('Junction note').describe('Title'),
      text: z.string().min(1).max(50_000).describe('Text of the document'),
    }),
    async run(params, context) {
      const client = docsClient(context);
      const created = await client.documents.create({ requestBody: { title: params.title } });
      const documentId = created.data.documentId;
      if (!documentId)
        throw new CoreError('provider_error', 'Google Docs created a document but did not say its ID. Look for it in Drive.');
      const updated = await client.documents.batchUpdate({
        documentId,
        requestBody: { requests: [{ insertText: { location: { index: 1 }, text: params.text } }] },
      });
      return {
        columns: columns(['title', 'Title'], ['characters', 'Characters'], ['link', 'Link'], ['id', 'ID']),
        rows: [
          {
            title: cell(created.data.title ?? params.title),
            characters: params.text.length,
            link: documentUrl(documentId),
            id: documentId,
          },
        ],
        raw: { document: created.data, batchUpdate: updated.data },
        summary: `Created "${created.data.title ?? params.title}"`,
      };
    },
  }),
  defineAction({
    id: 'docs.read_text',
    service: 'google_docs',
    title: "Read a document's text",
    description: 'Shows the text of a Google Doc, paragraph by paragraph.',
    writes: false,
    scopes: [READ],
    params: z.object({
      document: z.string().min(1).max(2_000).describe('Document ID or link'),
    }),
    async run(params, context) {
      const documentId = extractDocumentId(params.document);
      const document = (await docsClient(context).documents.get({ documentId })).data;
      const paragraphs = documentParagraphs(document.body?.content);
      const text = paragraphs.map((paragraph) => paragraph.text).join('\n');
      return {
        columns: columns(['index', '#'], ['style', 'Style'], ['text', 'Text']),
        rows: paragraphs.map((paragraph, index) => ({ index: index + 1, style: paragraph.style, text: paragraph.text })),
        raw: document,
        summary: `"${document.title ?? documentId}": ${paragraphs.length} paragraph${paragraphs.length === 1 ? '' : 's'}, ${text.length} characters`,
      };
    },
  }),
];
