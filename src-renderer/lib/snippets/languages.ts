// The languages of "Copy as…", apart from the generators (snippets.ts), which the window loads
// only when a snippet is first asked for: the library is most of their weight.
export const SNIPPET_LANGUAGES = ['curl', 'httpie', 'fetch', 'python', 'node'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

export const SNIPPET_LABELS: Record<SnippetLanguage, string> = {
  curl: 'curl',
  httpie: 'HTTPie',
  fetch: 'JavaScript fetch',
  python: 'Python requests',
  node: 'Node',
};
