import { useId } from 'react';
import './mail.css';
import { mailBody, type Mail } from '../../lib/mail';

interface Props {
  mail: Mail;
  onChange(body: string): void;
}

/** A mail body as To/Subject/Text; every keystroke writes the base64 body the request sends. */
export function MailFields({ mail, onChange }: Props) {
  const id = useId();
  const set = (patch: Partial<Mail>) => onChange(mailBody({ ...mail, ...patch }));
  return (
    <fieldset className="mail-fields">
      <legend>Message</legend>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} inputMode="email" value={mail.to} spellCheck={false} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-subject`}>Subject</label>
        <input id={`${id}-subject`} value={mail.subject} onChange={(e) => set({ subject: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Text</label>
        <textarea id={`${id}-text`} rows={5} value={mail.text} onChange={(e) => set({ text: e.target.value })} />
      </div>
    </fieldset>
  );
}
