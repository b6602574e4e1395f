// Google Docs v1 answers: documents.create (a new document is one empty paragraph after the
// section break), documents.batchUpdate (insertText only), documents.get (paragraphs with real
// start/end indices in UTF-16 code units, as the API counts them).
import { apiErrorBody } from './api-errors';
import type { FixtureRouter } from './api-fixtures';

const G = 'https://www.googleapis.com/auth/';

export interface FixtureDocument {
  documentId: string;
  title: string;
  /** The body text, always ending in the final paragraph's "\n". */
  text: string;
  revision: number;
}

function paragraph(text: string, startIndex: number, namedStyleType: string): Record<string, unknown> {
  const endIndex = startIndex + text.length;
  return {
    startIndex,
    endIndex,
    paragraph: {
      elements: [{ startIndex, endIndex, textRun: { content: text, textStyle: {} } }],
      paragraphStyle: { namedStyleType, direction: 'LEFT_TO_RIGHT' },
    },
  };
}

/** The Document resource for a stored document. */
export function documentResource(document: FixtureDocument): Record<string, unknown> {
  const content: Record<string, unknown>[] = [
    {
      endIndex: 1,
      sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } },
    },
  ];
  let index = 1;
  const lines = document.text.split('\n').slice(0, -1);
  lines.forEach((line, i) => {
    content.push(paragraph(`${line}\n`, index, i === 0 && lines.length > 1 ? 'HEADING_1' : 'NORMAL_TEXT'));
    index += line.length + 1;
  });
  return {
    title: document.title,
    body: { content },
    documentStyle: {
      background: { color: {} },
      pageNumberStart: 1,
      marginTop: { magnitude: 72, unit: 'PT' },
      marginBottom: { magnitude: 72, unit: 'PT' },
      marginRight: { magnitude: 72, unit: 'PT' },
      marginLeft: { magnitude: 72, unit: 'PT' },
      pageSize: { height: { magnitude: 841.8897637795277, unit: 'PT' }, width: { magnitude: 595.2755905511812, unit: 'PT' } },
    },
    namedStyles: {
      styles: [
        {
          namedStyleType: 'NORMAL_TEXT',
          textStyle: { fontSize: { magnitude: 11, unit: 'PT' } },
          paragraphStyle: { namedStyleType: 'NORMAL_TEXT' },
        },
      ],
    },
    revisionId: `ALBJ4Lt${document.revision}x`,
    suggestionsViewMode: 'SUGGESTIONS_INLINE',
    documentId: document.documentId,
  };
}

export function installDocsFixtures(router: FixtureRouter, documents: Map<string, FixtureDocument>): void {
  const write = { scopes: ['documents', 'drive', 'drive.file'].map((s) => G + s) };
  const read = { scopes: ['documents', 'documents.readonly', 'drive', 'drive.file', 'drive.readonly'].map((s) => G + s) };

  router.route(
    'POST',
    '/docs/v1/documents',
    ({ body }) => {
      const input = JSON.parse(body || '{}') as { title?: string };
      const document: FixtureDocument = {
        documentId: `1Doc${documents.size}QwErTyUiOpAsDfGhJkL`,
        title: input.title ?? 'Untitled document',
        text: '\n',
        revision: 1,
      };
      documents.set(document.documentId, document);
      return { json: documentResource(document) };
    },
    write,
  );

  // The method is a verb after a colon in the last segment: /documents/{documentId}:batchUpdate.
  router.route(
    'POST',
    '/docs/v1/documents/:target',
    ({ params, body }) => {
      const match = /^(.+):batchUpdate$/.exec(params.target ?? '');
      const document = match?.[1] ? documents.get(match[1]) : undefined;
      if (!document) return { status: 404, json: apiErrorBody('google', 404, 'Requested entity was not found.') };
      const { requests = [] } = JSON.parse(body) as { requests?: { insertText?: { location?: { index?: number }; text?: string } }[] };
      for (const request of requests) {
        const insert = request.insertText;
        const at = insert?.location?.index;
        if (!insert || at === undefined || insert.text === undefined || at < 1 || at > document.text.length) {
          return {
            status: 400,
            json: apiErrorBody('google', 400, 'Invalid requests[0].insertText: Index must be inside the bounds of an existing paragraph.'),
          };
        }
        document.text = document.text.slice(0, at - 1) + insert.text + document.text.slice(at - 1);
      }
      document.revision += 1;
      return {
        json: {
          replies: requests.map(() => ({})),
          writeControl: { requiredRevisionId: `ALBJ4Lt${document.revision}x` },
          documentId: document.documentId,
        },
      };
    },
    write,
  );

  router.route(
    'GET',
    '/docs/v1/documents/:documentId',
    ({ params }) => {
      const document = documents.get(params.documentId ?? '');
      if (!document) return { status: 404, json: apiErrorBody('google', 404, 'Requested entity was not found.') };
      return { json: documentResource(document) };
    },
    read,
  );
}
