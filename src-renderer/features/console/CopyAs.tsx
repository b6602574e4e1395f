// "Copy as…": a language and a button. The snippet is made when the button is pressed, from the
// form as it is then (src-renderer/lib/snippets): no token in it, only a variable named for it.
// The generators and their library load after the console shows, not with the window.
import { useEffect, useId, useState } from 'react';
import type { RequestDraft } from '../../lib/request';
import { SNIPPET_LABELS, SNIPPET_LANGUAGES, type SnippetLanguage } from '../../lib/snippets/languages';
import type * as Generators from '../../lib/snippets/snippets';
import { CopyButton } from '../../ui/CopyButton';

let generators: Promise<typeof Generators> | undefined;
const loadGenerators = () => (generators ??= import('../../lib/snippets/snippets'));

export function CopyAs({ draft, service }: { draft: () => RequestDraft; service: Generators.SnippetService }) {
  const [language, setLanguage] = useState<SnippetLanguage>('curl');
  const id = useId();
  useEffect(() => void loadGenerators().catch(() => undefined), []);
  const text = async () => {
    try {
      const { toSnippet } = await loadGenerators();
      return toSnippet(language, draft(), service);
    } catch (error) {
      // The library met a request it could not write safely: say so rather than copy half of it.
      return `# ${error instanceof Error ? error.message : 'Junction could not write this snippet.'}`;
    }
  };
  return (
    <span className="copy-as">
      <select id={id} aria-label="Snippet language" value={language} onChange={(e) => setLanguage(e.target.value as SnippetLanguage)}>
        {SNIPPET_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {SNIPPET_LABELS[l]}
          </option>
        ))}
      </select>
      <CopyButton label={`Copy as ${SNIPPET_LABELS[language]}`} text={text} />
    </span>
  );
}
